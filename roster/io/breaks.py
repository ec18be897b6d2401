"""Sheets the month grid and the attendance templates add for per-interval rosters, so what the
grid's cells cannot say travels with the workbook and reads back:

- ``breaks`` when the roster places breaks (shifts from ``shift_templates``): a cell holds the
  break as ``HH:MM-HH:MM`` (start and end, wall clock); the reader takes the start.
- ``seats`` when the scenario counts people per interval by role: a cell holds the role whose
  seat the person takes that day (a shift leader may sit as an agent). With seat minimums the
  seat roles follow from the grid (``roster.model.seating``); with interval needs they do not.

Both: row 1 ``staff_id``, ``name``, then one column per day headed ``YYYY-MM-DD``; a row per
person with at least one entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from roster.io.cells import first_by_day, safe_text
from roster.model.calendar import Calendar
from roster.model.intervals import break_minute
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario, Staff, parse_minutes

BREAK_SHEET = "breaks"


def _hhmm(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def break_text(scenario: Scenario, shift_id: str, break_at: str | None) -> str:
    """``12:00-13:00`` for a placed break, ``""`` without one."""
    shift = scenario.shift_by_id.get(shift_id)
    if not break_at or shift is None or shift.break_rule is None:
        return ""
    start = break_minute(shift, break_at)
    return f"{_hhmm(start)}-{_hhmm(start + shift.break_rule.minutes)}"


SEAT_SHEET = "seats"


def _write_day_sheet(wb: Workbook, title: str, roster: Roster, cal: Calendar, people: list[Staff],
                     text: Callable[[Assignment], str]) -> None:
    """A sheet of people × days with ``text(assignment)`` in each cell (only when some cell has
    text)."""
    cells = first_by_day(roster)
    ids = {p.id for p in people}
    if not any(text(a) and a.staff in ids for a in cells.values()):
        return
    ws = wb.create_sheet(title)
    for c, head in enumerate(("staff_id", "name"), start=1):
        ws.cell(1, c, head).font = Font(bold=True)
    for i, day in enumerate(cal.days):
        ws.cell(1, 3 + i, day.date.isoformat()).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(3 + i)].width = 11
    row = 2
    for person in people:
        mine = [(i, cells.get((person.id, day.date))) for i, day in enumerate(cal.days)]
        if not any(a is not None and text(a) for _, a in mine):
            continue
        ws.cell(row, 1, safe_text(person.id)).data_type = "s"
        ws.cell(row, 2, safe_text(person.name)).data_type = "s"
        for i, a in mine:
            if a is not None and text(a):
                ws.cell(row, 3 + i, safe_text(text(a))).data_type = "s"
        row += 1


def write_breaks_sheet(wb: Workbook, scenario: Scenario, roster: Roster, cal: Calendar,
                       people: list[Staff]) -> None:
    """Add the ``breaks`` sheet when the roster places any break, and the ``seats`` sheet when
    the scenario counts people per interval by role (nothing otherwise)."""
    _write_day_sheet(wb, BREAK_SHEET, roster, cal, people,
                     lambda a: break_text(scenario, a.shift, a.break_at))
    if any(line.role is not None for _, line in scenario.interval_lines):
        _write_day_sheet(wb, SEAT_SHEET, roster, cal, people, lambda a: a.role or "")


def read_seats_sheet(wb: Workbook, name: str, text_of, scenario: Scenario | None = None
                     ) -> dict[tuple[str, dt.date], str]:
    """(staff, date) → seat role from the ``seats`` sheet; {} when the workbook has none."""
    if SEAT_SHEET not in wb.sheetnames:
        return {}
    out = {}
    for key, text, cell in _read_day_sheet(wb[SEAT_SHEET], text_of):
        if scenario is not None and text not in scenario.role_by_id:
            raise ScenarioError(name, f"sheet {SEAT_SHEET}, cell {cell} ({key[0]}, {key[1]})",
                                text, "unknown role",
                                hint=f"known role ids: {', '.join(scenario.role_by_id)}")
        out[key] = text
    return out


def _read_day_sheet(ws, text_of) -> list[tuple[tuple[str, dt.date], str, str]]:
    """((staff, date), cell text, cell name) for every filled day cell of a people × days sheet."""
    dates: dict[int, dt.date] = {}
    for c in range(3, ws.max_column + 1):
        try:
            dates[c] = dt.date.fromisoformat(text_of(ws.cell(1, c).value)[:10])
        except ValueError:
            continue
    out = []
    for r in range(2, ws.max_row + 1):
        staff = text_of(ws.cell(r, 1).value)
        if not staff:
            continue
        for c, day in dates.items():
            text = text_of(ws.cell(r, c).value)
            if text:
                out.append(((staff, day), text, f"{get_column_letter(c)}{r}"))
    return out


def read_breaks_sheet(wb: Workbook, name: str, text_of) -> dict[tuple[str, dt.date], str]:
    """(staff, date) → break start (HH:MM) from the ``breaks`` sheet; {} when the workbook has
    none."""
    if BREAK_SHEET not in wb.sheetnames:
        return {}
    out: dict[tuple[str, dt.date], str] = {}
    for (staff, day), text, cell in _read_day_sheet(wb[BREAK_SHEET], text_of):
        try:
            out[(staff, day)] = _hhmm(parse_minutes(text.split("-")[0].strip()))
        except ValueError:
            raise ScenarioError(name, f"sheet {BREAK_SHEET}, cell {cell} ({staff}, {day})",
                                text, "not a break (HH:MM-HH:MM)",
                                hint="write the break's start and end, e.g. 12:00-13:00, "
                                     "or leave it empty") from None
    return out


def with_breaks(roster: Roster, breaks: dict[tuple[str, dt.date], str],
                roles: dict[tuple[str, dt.date], str] | None = None) -> Roster:
    """The roster with each person's break of the day, and seat role where given, on their shift."""
    if not breaks and not roles:
        return roster
    roles = roles or {}

    def mended(a: Assignment) -> Assignment:
        key = (a.staff, a.date)
        if key in breaks:
            a = dataclasses.replace(a, break_at=breaks[key])
        if key in roles and a.post is None:
            a = dataclasses.replace(a, role=roles[key])
        return a

    return Roster.of((mended(a) for a in roster), roster.leave)
