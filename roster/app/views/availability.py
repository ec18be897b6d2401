"""Why a person cannot take a shift on a day (the pin panel's hint)."""

from __future__ import annotations

import datetime as dt

from roster.model.availability import why_not
from roster.model.calendar import Calendar
from roster.model.scenario import Scenario, limit_value


def why_not_cell(scenario: Scenario, staff: str, date: dt.date, shift: str | None,
                 calendar: Calendar | None = None) -> str | None:
    """Why ``staff`` cannot take ``shift`` on ``date`` (leave, cannot-work, fixed day off, a pin,
    the shift not running; then rest against the neighbouring pins), or None."""

    if shift is None or staff not in scenario.staff_by_id or shift not in scenario.shift_by_id:
        return None
    cal = calendar or Calendar(scenario)
    if date not in cal.index:
        return None
    person = scenario.staff_by_id[staff]
    index = next(i for i, s in enumerate(scenario.shifts) if s.id == shift)
    pin = next((f for f in scenario.fixed if f.staff == staff and f.date == date), None)
    if pin is not None and shift in pin.shifts:
        return None  # pinned to this very shift
    reason = why_not(scenario, cal, person, cal.index[date], index)
    return reason or _rest_clash(scenario, cal, staff, date, index)


def _rest_clash(scenario: Scenario, cal: Calendar, staff: str, date: dt.date,
                shift: int) -> str | None:
    """A pinned shift the day before or after that leaves less than the minimum rest."""
    rest = limit_value(scenario.rules_for(staff).min_rest_hours)
    if not rest:
        return None
    day = cal.index[date]
    a, b = cal.interval(scenario.shifts[shift], day)
    for f in scenario.fixed:
        if (f.staff != staff or f.shift is None or f.date not in cal.index
                or abs(cal.index[f.date] - day) != 1):
            continue
        other = next(i for i, s in enumerate(scenario.shifts) if s.id == f.shift)
        c, e = cal.interval(scenario.shifts[other], cal.index[f.date])
        gap = (c - b) if c >= b else (a - e)
        if gap < rest * 60:
            return (f"{staff} is pinned to {f.shift} on {f.date}: {gap / 60:g} h rest, "
                    f"at least {rest:g} h")
    return None
