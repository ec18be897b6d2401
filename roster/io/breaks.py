"""The ``breaks`` sheet that the month grid and the attendance templates add when a roster places
breaks (shifts from ``shift_templates``), so the break travels with the workbook and reads back.

Row 1: ``staff_id``, ``name``, then one column per day headed ``YYYY-MM-DD``; a row per person
with at least one break; a cell holds the break as ``HH:MM-HH:MM`` (start and end, wall clock).
The reader takes the start of each cell and attaches it to that person's shift that day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from roster.io.cells import first_by_day, safe_text
from roster.model.calendar import Calendar
from roster.model.intervals import break_minute
from roster.model.parse import ScenarioError
from roster.model.roster import Roster
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


def write_breaks_sheet(wb: Workbook, scenario: Scenario, roster: Roster, cal: Calendar, people: list[Staff]) -> None:
    """Add the ``breaks`` sheet when the roster places any break (nothing otherwise)."""
    cells = first_by_day(roster)
    ids = {p.id for p in people}
    if not any(a.break_at and a.staff in ids for a in cells.values()):
        return
    ws = wb.create_sheet(BREAK_SHEET)
    for c, text in enumerate(("staff_id", "name"), start=1):
        ws.cell(1, c, text).font = Font(bold=True)
    for i, day in enumerate(cal.days):
        ws.cell(1, 3 + i, day.date.isoformat()).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(3 + i)].width = 11
    row = 2
    for person in people:
        mine = [(i, cells.get((person.id, day.date))) for i, day in enumerate(cal.days)]
        if not any(a is not None and a.break_at for _, a in mine):
            continue
        ws.cell(row, 1, safe_text(person.id)).data_type = "s"
        ws.cell(row, 2, safe_text(person.name)).data_type = "s"
        for i, a in mine:
            if a is not None and a.break_at:
                ws.cell(row, 3 + i, break_text(scenario, a.shift, a.break_at)).data_type = "s"
        row += 1


def read_breaks_sheet(wb: Workbook, name: str, text_of) -> dict[tuple[str, dt.date], str]:
    """(staff, date) → break start (HH:MM) from the ``breaks`` sheet; {} when the workbook has none."""
    if BREAK_SHEET not in wb.sheetnames:
        return {}
    ws = wb[BREAK_SHEET]
    dates: dict[int, dt.date] = {}
    for c in range(3, ws.max_column + 1):
        try:
            dates[c] = dt.date.fromisoformat(text_of(ws.cell(1, c).value)[:10])
        except ValueError:
            continue
    out: dict[tuple[str, dt.date], str] = {}
    for r in range(2, ws.max_row + 1):
        staff = text_of(ws.cell(r, 1).value)
        if not staff:
            continue
        for c, day in dates.items():
            text = text_of(ws.cell(r, c).value)
            if not text:
                continue
            try:
                out[(staff, day)] = _hhmm(parse_minutes(text.split("-")[0].strip()))
            except ValueError:
                raise ScenarioError(name, f"sheet {BREAK_SHEET}, cell {get_column_letter(c)}{r} ({staff}, {day})",
                                    text, "not a break (HH:MM-HH:MM)",
                                    hint="write the break's start and end, e.g. 12:00-13:00, or leave it empty") from None
    return out


def with_breaks(roster: Roster, breaks: dict[tuple[str, dt.date], str]) -> Roster:
    """The roster with each person's break of the day attached to their shift."""
    if not breaks:
        return roster
    return Roster.of((dataclasses.replace(a, break_at=breaks[(a.staff, a.date)]) if (a.staff, a.date) in breaks else a
                      for a in roster), roster.leave)
