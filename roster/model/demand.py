"""Seats per (day, shift, role) read from the demand lines: the last matching line wins.

A per-interval line opens a seat without minimum or most on every shift whose people it counts
(its need is per interval, see ``interval_needs``), so people can be placed there."""

from __future__ import annotations

from dataclasses import dataclass

from .calendar import Calendar, matches
from .scenario import Demand, Scenario, limit_value, limit_weight


@dataclass(frozen=True)
class Seats:
    """Seats of one role (or of everyone, role None) on one shift instance."""

    day: int
    shift: str
    role: str | None
    min: int
    min_weight: int | None
    max: int | None
    max_weight: int | None
    line: int
    """Index of the demand line this comes from."""


def seats_table(scenario: Scenario, calendar: Calendar) -> dict[tuple[int, str, str | None], Seats]:
    """(day index, shift id, role id or None) → Seats, only where the shift runs (computed once per
    calendar; treat it as read-only)."""
    return calendar.remembered(scenario, "seats", lambda: _seats_table(scenario, calendar))


def _seats_table(scenario: Scenario,
                 calendar: Calendar) -> dict[tuple[int, str, str | None], Seats]:
    out: dict[tuple[int, str, str | None], Seats] = {}
    for i, line in scenario.seat_lines:
        shift = scenario.shift_by_id[line.shift]
        for day in calendar.days:
            if matches(day, line.days) and calendar.shift_runs(shift, day):
                out[(day.index, line.shift, line.role)] = _seats(day.index, line, i, scenario)
    # open seats (no minimum, no most) where intervals count people
    for i, iline in scenario.interval_lines:
        shifts = (set(scenario.shifts_named(iline.shifts)) if iline.shifts
                  else set(scenario.shift_by_id))
        for day in calendar.days:
            if not matches(day, iline.days):
                continue
            for sid in sorted(shifts):
                if calendar.shift_runs(scenario.shift_by_id[sid], day):
                    out.setdefault((day.index, sid, iline.role),
                                   Seats(day.index, sid, iline.role, 0, 0, None, None, i))
    return out


def _seats(day: int, line: Demand, index: int, scenario: Scenario) -> Seats:
    lo = int(round(limit_value(line.min) or 0))
    if line.max is None:
        hi, hi_w = lo, scenario.rules.overstaffing_weight
    else:
        hi, hi_w = int(round(limit_value(line.max))), limit_weight(line.max)
    return Seats(day, line.shift, line.role, lo, limit_weight(line.min), hi, hi_w, index)
