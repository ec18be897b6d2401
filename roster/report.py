"""Per-person figures planners look at: shifts, nights, weekend and holiday duties, hours."""

from __future__ import annotations

import pandas as pd

from .model.calendar import Calendar
from .model.roster import Roster
from .model.scenario import Scenario


def person_summary(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> pd.DataFrame:
    """Per person: shifts, nights, weekends worked (a Saturday/Sunday pair with any shift counts
    once, as the weekend rules count them), weekend days, holidays and paid hours."""
    cal = calendar or Calendar(scenario)
    rows = {p.id: {"staff_id": p.id, "name": p.name, "role": "/".join(p.roles), "shifts": 0, "nights": 0,
                   "weekends": 0, "weekend_days": 0, "holidays": 0, "hours": 0.0} for p in scenario.staff}
    weekend_of = {i: k for k, days in enumerate(cal.weekends) for i in days}
    worked: dict[str, set[int]] = {p.id: set() for p in scenario.staff}
    for a in roster:
        row = rows.get(a.staff)
        shift = scenario.shift_by_id.get(a.shift)
        if row is None or shift is None or a.date not in cal.index:
            continue
        day = cal.day(a.date)
        row["shifts"] += 1
        row["nights"] += int(shift.is_night)
        row["weekend_days"] += int(day.is_weekend)
        if day.index in weekend_of:
            worked[a.staff].add(weekend_of[day.index])
        row["holidays"] += int(day.is_holiday)
        row["hours"] += shift.paid_minutes / 60
    for sid, weekends in worked.items():
        rows[sid]["weekends"] = len(weekends)
    return pd.DataFrame(list(rows.values()))
