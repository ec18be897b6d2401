"""Per-person figures planners look at: shifts, nights, weekend and holiday duties, hours."""

from __future__ import annotations

import pandas as pd

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario


def person_summary(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> pd.DataFrame:
    cal = calendar or Calendar(scenario)
    rows = {p.id: {"staff_id": p.id, "name": p.name, "role": "/".join(p.roles), "shifts": 0, "nights": 0,
                   "weekends": 0, "holidays": 0, "hours": 0.0} for p in scenario.staff}
    for a in roster:
        row = rows.get(a.staff)
        shift = scenario.shift_by_id.get(a.shift)
        if row is None or shift is None or a.date not in cal.index:
            continue
        day = cal.day(a.date)
        row["shifts"] += 1
        row["nights"] += int(shift.is_night)
        row["weekends"] += int(day.is_weekend)
        row["holidays"] += int(day.is_holiday)
        row["hours"] += shift.paid_minutes / 60
    return pd.DataFrame(list(rows.values()))
