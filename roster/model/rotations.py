"""Rotation patterns and crews: which cell of a cycle each person is held to on each day, and who
is in which crew. The solver's rule families and the validator both read these, so they judge the
same cells.

A pattern cell of person p on day d is the pattern's entry at ``(offset + (d - start)) mod len``
(``start``: the rotation's anchor date, default the horizon start). It is judged when the day
falls under the rotation's ``days`` and is not excused: a day with leave (any ``leave`` entry
covering the date, half days included) or one of the person's fixed ``days_off`` excuses it.
Leave the roster places (``leave_wishes``) does not.

A judged cell is kept when the person works exactly the pattern's shift that day (for ``off``:
works no shift); each cell not kept costs the rotation's weight, or breaks a hard rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calendar import Calendar, matches

if TYPE_CHECKING:
    from .scenario import Rotation, Scenario


@dataclass(frozen=True)
class PatternCell:
    rotation: str
    staff: str
    day: int
    """Index of the day in the calendar."""
    shift: str | None
    """The pattern's shift that day; None: a day off."""
    weight: int | None
    """Cost of keeping the cell off the pattern; None: hard."""

    def wants(self) -> str:
        return self.shift if self.shift is not None else "off"


def followers(scenario: Scenario, rotation: Rotation) -> list[str]:
    """Staff ids a rotation holds: its ``staff``, or its team's members in staff order."""
    if rotation.staff:
        return list(rotation.staff)
    return [p.id for p in scenario.staff if p.team == rotation.team]


def cycle_cell(rotation: Rotation, date: dt.date, start: dt.date) -> str | None:
    """The pattern's shift id on ``date`` (None: a day off); ``start``: the horizon start."""
    anchor = rotation.start or start
    entry = rotation.pattern[(rotation.offset + (date - anchor).days) % len(rotation.pattern)]
    return None if entry == "off" else entry


def excused(scenario: Scenario) -> set[tuple[str, dt.date]]:
    """(staff, date) cells a pattern does not judge: leave and fixed days off."""
    out: set[tuple[str, dt.date]] = set()
    for lv in scenario.leave:
        day = lv.start
        while day <= lv.end:
            out.add((lv.staff, day))
            day += dt.timedelta(days=1)
    for p in scenario.staff:
        out.update((p.id, d) for d in p.days_off)
    return out


def pattern_cells(scenario: Scenario, calendar: Calendar | None = None) -> list[PatternCell]:
    """Every judged pattern cell of the horizon, rotation by rotation, person by person, day by
    day."""
    if not scenario.rotations:
        return []
    cal = calendar or Calendar(scenario)
    free = excused(scenario)
    out: list[PatternCell] = []
    for r in scenario.rotations:
        for sid in followers(scenario, r):
            for d, day in enumerate(cal.days):
                if (sid, day.date) in free or not matches(day, r.days):
                    continue
                out.append(PatternCell(r.id, sid, d, cycle_cell(r, day.date, cal.start), r.weight))
    return out


def crews(scenario: Scenario) -> list[tuple[str, list[str], int | None]]:
    """(team id, members in staff order, weight or None for hard) of each team kept together that
    has two members or more."""
    out = []
    for t in scenario.teams:
        members = [p.id for p in scenario.staff if p.team == t.id]
        if t.together and len(members) > 1:
            out.append((t.id, members, t.weight))
    return out
