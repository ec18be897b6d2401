"""What a cell of a roster view shows: the shifts' and the teams' colours, the pattern a rotation
gives the cell, pins, the posts' short codes, breaks; the views' words in English."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.io.breaks import break_text
from roster.io.cells import first_by_day
from roster.model.calendar import Calendar, Day
from roster.model.roster import Roster
from roster.model.rotations import pattern_cells
from roster.model.scenario import Scenario

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948", "#9c755f",
           "#ff9da7", "#bab0ac")


WEEKEND_BG = "#eef3fa"


HOLIDAY_BG = "#fde9dc"


LEAVE_BG = "#e8e8e8"


CHANGED_BG = "#fff3b0"


SHORT_BG = "#f8d0d0"


DEVIATION = "#d62728"
"""Colour of the corner mark on a cell off its rotation pattern."""


TEAM_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                "#bcbd22")
"""Team colours: a stripe at the left of each member's name in the grid."""


WORDS = ("shifts", "nights", "weekends", "weekend_days", "holidays", "hours", "contract",
         "overtime", "coverage", "was", "off", "leave", "legend", "signature", "checked",
         "printed", "total", "staff", "taken", "left", "workday", "weekend", "holiday", "in_lieu",
         "adjusted_workday", "break", "pattern", "rostered", "deviation", "team")
"""Words the grid and the printed roster use (the app passes them in its language)."""


ENGLISH = {"shifts": "Shifts", "nights": "Nights", "weekends": "Weekends",
           "weekend_days": "Weekend days", "holidays": "Holidays", "hours": "Hours",
           "contract": "Contract", "overtime": "Over contract", "coverage": "have / need",
           "was": "was", "off": "off", "leave": "leave", "legend": "Legend",
           "signature": "Prepared by", "checked": "Approved by", "printed": "Date",
           "total": "Total", "staff": "Staff", "taken": "days taken", "left": "left",
           "workday": "workday", "weekend": "weekend", "holiday": "holiday",
           "in_lieu": "rest day in lieu", "adjusted_workday": "adjusted workday",
           "break": "break", "pattern": "pattern", "rostered": "rostered",
           "deviation": "off its rotation pattern (hover: the pattern's cell)", "team": "team"}


def shift_colours(scenario: Scenario) -> dict[str, str]:
    """A fixed colour per shift id, in the order the scenario lists them."""
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(scenario.shifts)}


def team_colours(scenario: Scenario) -> dict[str, str]:
    """A fixed colour per team: the scenario's ``teams`` in order, then teams only staff name."""
    order = [t.id for t in scenario.teams]
    order += [p.team for p in scenario.staff if p.team and p.team not in order]
    order = list(dict.fromkeys(order))
    return {team: TEAM_PALETTE[i % len(TEAM_PALETTE)] for i, team in enumerate(order)}


def pattern_marks(scenario: Scenario, roster: Roster, calendar: Calendar | None = None
                  ) -> dict[tuple[str, dt.date], tuple[str | None, str | None]]:
    """(staff, date) of each cell a rotation judges (``roster.model.rotations.pattern_cells``) →
    (the pattern's shift, the shift rostered); None is a day off. The cell is off its pattern when
    the two differ."""
    cal = calendar or Calendar(scenario)
    worked = first_by_day(roster)
    out: dict[tuple[str, dt.date], tuple[str | None, str | None]] = {}
    for cell in pattern_cells(scenario, cal):
        date = cal.days[cell.day].date
        a = worked.get((cell.staff, date))
        out[(cell.staff, date)] = (cell.shift, a.shift if a is not None else None)
    return out


def pinned_cells(scenario: Scenario) -> set[tuple[str, dt.date]]:
    return {(f.staff, f.date) for f in scenario.fixed}


def post_codes(scenario: Scenario) -> dict[str, str]:
    """A short code per post for the grid's cells: the id itself when it has at most two
    characters, else the shortest prefix (upper case) no other post has taken (``export_licence``
    → ``E``, ``consult`` after ``complaint`` → ``CO``)."""
    codes: dict[str, str] = {}
    for post in scenario.posts:
        pid = post.id
        if len(pid) <= 2:
            codes[pid] = pid
            continue
        taken = set(codes.values()) | {p.id for p in scenario.posts if len(p.id) <= 2}
        codes[pid] = next((pid[:n].upper() for n in range(1, len(pid) + 1)
                           if pid[:n].upper() not in taken), pid)
    return codes


def break_texts(scenario: Scenario, roster: Roster) -> dict[tuple[str, dt.date], str]:
    """(staff, date) → the break the roster placed in that day's shift, as ``12:00-13:00``."""
    out = {}
    for key, a in first_by_day(roster).items():
        try:
            text = break_text(scenario, a.shift, a.break_at)
        except ValueError:  # a break time that cannot be read: the validator names it
            text = ""
        if text:
            out[key] = text
    return out


def day_background(day: Day) -> str | None:
    if day.is_holiday:
        return HOLIDAY_BG
    if not day.is_workday:
        return WEEKEND_BG
    return None


def dates_from(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def figure_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return f"{round(value, 1):g}" if isinstance(value, float) else str(value)
