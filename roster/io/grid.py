"""Read a roster back from the Excel month grid (``roster.export.excel`` layout, or a hand-made one).

The sheet ``roster`` (or the first sheet) needs a header row whose first cell is ``staff_id``
and date cells (dates or ``YYYY-MM-DD`` text) above the day columns. People follow until the
first row with an empty ``staff_id``. Cells: empty, ``-``, ``off`` or ``休`` are days off; a leave
word (from the legend, or a leave type of the scenario) is a day of leave; ``D`` or ``D/A``
(shift, post) are worked shifts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from roster.export.cells import leave_labels, leave_types, parse_code, unsafe_text
from roster.export.excel import GRID_SHEET
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.scenario import Scenario

OFF_WORDS = {"", "-", "off", "休", "休息", "rest"}


def as_date(value: object) -> dt.date | None:
    """A header cell as a date (datetime, date or ISO text), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def cell_text(value: object) -> str:
    """A cell value as stripped text ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unsafe_text(str(value).strip())


def is_grid(path: Path) -> bool:
    """Does this workbook hold a month grid (a ``staff_id`` header in the first rows)?"""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a workbook at all: let the caller report it
        return False
    try:
        ws = wb[GRID_SHEET] if GRID_SHEET in wb.sheetnames else wb.worksheets[0]
        for row in ws.iter_rows(min_row=1, max_row=10, max_col=1, values_only=True):
            if row and cell_text(row[0]).lower() == "staff_id":
                return True
        return False
    finally:
        wb.close()


def _legend(wb) -> tuple[set[str], dict[str, str]]:
    """Shift codes, and leave words → leave type, listed on the legend sheet."""
    shifts: set[str] = set()
    leave: dict[str, str] = {}
    if "legend" not in wb.sheetnames:
        return shifts, leave
    for row in wb["legend"].iter_rows(min_row=2, max_col=5, values_only=True):
        row = tuple(row) + (None,) * (5 - len(row))
        code, kind = cell_text(row[0]), cell_text(row[4])
        if code and kind == "shift":
            shifts.add(code)
        elif code and kind == "leave":
            leave[code] = cell_text(row[1]) or code
    return shifts, leave


def open_workbook(path: Path):
    """An Excel workbook, or a ScenarioError naming the file."""
    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise ScenarioError(str(path), "", None, "file not found") from None
    except Exception as exc:
        raise ScenarioError(str(path), "", None, f"not an Excel workbook ({exc.__class__.__name__})") from None


def date_columns(ws, header: int, name: str) -> dict[int, dt.date]:
    """Column → date of the header row. A header cell between the first and the last date column
    that is not a date, or any text that starts like a date but is not one, is an error: a
    dropped day would turn into a wall of unrelated violations."""
    dates: dict[int, dt.date] = {}
    bad: list[tuple[int, object]] = []
    for c in range(2, ws.max_column + 1):
        value = ws.cell(header, c).value
        d = as_date(value)
        if d is not None:
            dates[c] = d
        elif value is not None and str(value).strip():
            bad.append((c, value))
    if not dates:
        raise ScenarioError(name, f"sheet {ws.title}, row {header}", None, "no date columns in the header row",
                            hint="put dates (or YYYY-MM-DD text) above the day columns")
    first, last = min(dates), max(dates)
    for c, value in bad:
        looks_like_date = isinstance(value, str) and value.strip()[:1].isdigit() and "-" in value
        if first < c < last or looks_like_date:
            raise ScenarioError(name, f"sheet {ws.title}, cell {get_column_letter(c)}{header}", value,
                                "not a date in the header row",
                                hint="write the day's date (YYYY-MM-DD, or an Excel date) above each day column")
    return dates


def formula_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """(row, column) → formula text of every formula cell in ``sheet``."""
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:
        return {}
    try:
        out: dict[tuple[int, int], str] = {}
        for row in wb[sheet].iter_rows():
            for cell in row:
                if getattr(cell, "data_type", None) == "f" or (isinstance(cell.value, str) and cell.value[:1] == "="):
                    out[(cell.row, cell.column)] = str(cell.value)
        return out
    finally:
        wb.close()


def read_grid(path: str | Path, scenario: Scenario | None = None) -> Roster:
    """The roster in a month grid workbook; unknown cell codes raise ScenarioError naming the cell."""
    path = Path(path)
    name = str(path)
    wb = open_workbook(path)
    ws = wb[GRID_SHEET] if GRID_SHEET in wb.sheetnames else wb.worksheets[0]
    shift_ids, leave_codes = _legend(wb)
    if scenario is not None:
        shift_ids |= set(scenario.shift_by_id)
        leave_codes.update({t: t for t in leave_types(scenario)})
        leave_codes.update({w: t for t, w in leave_labels(scenario).items()})
    header = None
    for r in range(1, min(ws.max_row, 10) + 1):
        if cell_text(ws.cell(r, 1).value).lower() == "staff_id":
            header = r
            break
    if header is None:
        raise ScenarioError(name, f"sheet {ws.title}", None, "no header row starting with staff_id",
                            hint="the grid needs a row with staff_id in column A and dates above the days")
    dates = date_columns(ws, header, name)
    formulas = formula_cells(path, ws.title)
    out, leave = [], []
    for r in range(header + 1, ws.max_row + 1):
        staff = cell_text(ws.cell(r, 1).value)
        if r == header + 1 and not staff:
            continue  # the weekday row
        if not staff:
            break
        for c, day in dates.items():
            value = ws.cell(r, c).value
            if value is None and (r, c) in formulas:
                raise ScenarioError(name, f"sheet {ws.title}, cell {get_column_letter(c)}{r} ({staff}, {day})",
                                    formulas[(r, c)], "a formula with no saved value (it would read as a day off)",
                                    hint="type the shift code into the cell, or open and save the file in Excel "
                                         "so the formula's value is stored")
            text = cell_text(value)
            if text in leave_codes:
                leave.append(LeaveDay(day, staff, leave_codes[text]))
                continue
            if text.lower() in OFF_WORDS:
                continue
            shift, post = parse_code(text, shift_ids or None)
            if shift_ids and shift not in shift_ids:
                raise ScenarioError(name, f"sheet {ws.title}, cell {get_column_letter(c)}{r} ({staff}, {day})",
                                    text, "not a shift code",
                                    hint=f"shift codes: {', '.join(sorted(shift_ids))}; leave a day off empty")
            out.append(Assignment(day, staff, shift, None, post))
    return Roster.of(out, leave)
