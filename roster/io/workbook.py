"""Cells of an Excel workbook, written and read the same way by every sheet format.

Text is written as text with a quote prefix where it would start a formula, and read back
unchanged; header dates may be dates or ``YYYY-MM-DD`` text.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from pathlib import Path
from weakref import WeakKeyDictionary

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.cells import DANGEROUS, unsafe_text
from roster.model.parse import ScenarioError


def put(ws: Worksheet, row: int, col: int, value: object) -> object:
    """Write a cell; text stays text (never a formula) and leading = + - @ get a quote prefix."""
    cell = ws.cell(row, col, value)
    if isinstance(value, str):
        cell.data_type = "s"
        if value[:1] in DANGEROUS:
            cell.quotePrefix = True
    return cell


_STYLES: WeakKeyDictionary = WeakKeyDictionary()
"""Per workbook: (a cell's style ids, the style objects set) → the style ids that gives."""


def styled(cell, **attrs: object):
    """Set ``fill``, ``font``, ``border``, ``alignment`` … on a cell, as ``cell.fill = …`` would,
    but work each combination out once per workbook: openpyxl hashes every style object on each
    assignment, which is most of the time of writing a grid of a thousand people. Pass the same
    style objects (module constants) for the memo to hit."""
    memo = _STYLES.setdefault(cell.parent.parent, {})
    key = (tuple(cell._style or ()), *((k, id(v)) for k, v in attrs.items()))
    hit = memo.get(key)
    if hit is None:
        for k, v in attrs.items():
            setattr(cell, k, v)
        memo[key] = (copy(cell._style), tuple(attrs.values()))  # the objects keep their ids
    else:
        cell._style = copy(hit[0])
    return cell


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


def open_workbook(path: Path):
    """An Excel workbook, or a ScenarioError naming the file."""
    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise ScenarioError(str(path), "", None, "file not found") from None
    except Exception as exc:
        raise ScenarioError(str(path), "", None,
                            f"not an Excel workbook ({exc.__class__.__name__})") from None


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
        raise ScenarioError(name, f"sheet {ws.title}, row {header}", None,
                            "no date columns in the header row",
                            hint="put dates (or YYYY-MM-DD text) above the day columns")
    first, last = min(dates), max(dates)
    for c, value in bad:
        looks_like_date = isinstance(value, str) and value.strip()[:1].isdigit() and "-" in value
        if first < c < last or looks_like_date:
            raise ScenarioError(name, f"sheet {ws.title}, cell {get_column_letter(c)}{header}",
                                value, "not a date in the header row",
                                hint="write the day's date (YYYY-MM-DD, or an Excel date) above "
                                     "each day column")
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
                if getattr(cell, "data_type", None) == "f" or (isinstance(cell.value, str)
                                                               and cell.value[:1] == "="):
                    out[(cell.row, cell.column)] = str(cell.value)
        return out
    finally:
        wb.close()
