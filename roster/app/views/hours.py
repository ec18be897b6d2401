"""Hours against contract: each person's contract hours over the horizon and the hours over them."""

from __future__ import annotations

import pandas as pd

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario, limit_value
from roster.reports.summary import person_summary


def contract_hours(scenario: Scenario, calendar: Calendar | None = None) -> dict[str, float | None]:
    """Hours each person may work over the horizon: ``max_hours_total``, else the weekly limit pro
    rata."""
    cal = calendar or Calendar(scenario)
    out: dict[str, float | None] = {}
    for p in scenario.staff:
        rules = scenario.rules_for(p.id)
        total = limit_value(rules.max_hours_total)
        weekly = limit_value(rules.max_hours_per_week)
        pro_rata = weekly * len(cal) / 7 if weekly is not None else None
        out[p.id] = total if total is not None else pro_rata
    return out


def hours_frame(scenario: Scenario, roster: Roster,
                calendar: Calendar | None = None) -> pd.DataFrame:
    """Per person: shifts, nights, weekends worked, holidays, hours, the contract hours and the
    hours over them (overtime)."""
    cal = calendar or Calendar(scenario)
    frame = person_summary(scenario, roster, cal)
    limits = contract_hours(scenario, cal)
    frame["contract"] = [limits.get(s) for s in frame["staff_id"]]
    frame["overtime"] = [round(max(0.0, h - c), 1) if c is not None else 0.0
                         for h, c in zip(frame["hours"], frame["contract"], strict=True)]
    return frame
