"""Read a roster from a DingTalk-style or WeCom-style roster-import workbook.

Layouts are described in ``roster.export.templates``. Shift names turn back into our shift codes
through, in this order: the mapping file given, the workbook's ``班次`` sheet (its 代码 column),
the scenario's shift names, and finally the shift ids themselves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from roster.export.cells import POST_SEPARATOR, parse_code
from roster.export.templates import REST, SHIFT_SHEET, ShiftMapping, default_mapping
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

from .grid import as_date, cell_text, open_workbook

NAME_HEADERS = ("姓名", "name")
ID_HEADERS = ("工号", "账号", "userid", "user id", "staff_id", "员工编号")
REST_WORDS = {REST, "休", "rest", "off", "-", ""}


def _find_header(ws) -> int | None:
    for r in range(1, min(ws.max_row, 6) + 1):
        if cell_text(ws.cell(r, 1).value).lower() in NAME_HEADERS:
            return r
    return None


def is_template(path: Path) -> bool:
    """Does the first sheet look like an attendance roster template (``姓名`` header)?"""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        return False
    try:
        ws = wb.worksheets[0]
        for row in ws.iter_rows(min_row=1, max_row=6, max_col=1, values_only=True):
            if row and cell_text(row[0]).lower() in NAME_HEADERS:
                return True
        return False
    finally:
        wb.close()


def _sheet_mapping(wb) -> dict[str, str]:
    """System shift name → our code, from the workbook's 班次 sheet."""
    out: dict[str, str] = {}
    if SHIFT_SHEET not in wb.sheetnames:
        return out
    for row in wb[SHIFT_SHEET].iter_rows(min_row=2, max_col=3, values_only=True):
        name, code = cell_text(row[0]), cell_text(row[2] if len(row) > 2 else None)
        if name and code:
            out[name] = code
    return out


def read_template(path: str | Path, scenario: Scenario | None = None,
                  mapping: ShiftMapping | None = None) -> Roster:
    """The roster in a roster-import workbook; unknown shift names raise ScenarioError naming the cell."""
    path = Path(path)
    name = str(path)
    wb = open_workbook(path)
    ws = wb.worksheets[0]
    header = _find_header(ws)
    if header is None:
        raise ScenarioError(name, f"sheet {ws.title}", None, "no header row starting with 姓名",
                            hint="the template needs 姓名, 工号 (or 账号) and one column per date")
    id_col = None
    dates: dict[int, dt.date] = {}
    for c in range(2, ws.max_column + 1):
        text = cell_text(ws.cell(header, c).value)
        if id_col is None and text.lower() in ID_HEADERS:
            id_col = c
        day = as_date(text.replace("/", "-")) if text else as_date(ws.cell(header, c).value)
        if day is not None:
            dates[c] = day
    if id_col is None:
        raise ScenarioError(name, f"sheet {ws.title}, row {header}", None, "no staff id column",
                            hint="name the column 工号 (DingTalk) or 账号 (WeCom); it holds the scenario's staff ids")
    if not dates:
        raise ScenarioError(name, f"sheet {ws.title}, row {header}", None, "no date columns",
                            hint="put YYYY-MM-DD or YYYY/MM/DD above each day column")
    known = set(scenario.shift_by_id) if scenario is not None else None
    to_code: dict[str, str] = {}
    if scenario is not None:
        to_code.update(default_mapping(scenario).reverse())
    to_code.update(_sheet_mapping(wb))
    rest = set(REST_WORDS)
    if mapping is not None:
        to_code.update(mapping.reverse())
        rest.add(mapping.rest)
    out = []
    for r in range(header + 1, ws.max_row + 1):
        person = cell_text(ws.cell(r, 1).value)
        staff = cell_text(ws.cell(r, id_col).value)
        if not person and not staff:
            continue  # the weekday row or a blank line
        if not staff:
            raise ScenarioError(name, f"sheet {ws.title}, cell {get_column_letter(id_col)}{r}", "",
                                f"no staff id for {person}")
        for c, day in dates.items():
            text = cell_text(ws.cell(r, c).value)
            if text in rest:
                continue
            code = to_code.get(text)
            if code is None and POST_SEPARATOR in text:
                base, _, post = text.rpartition(POST_SEPARATOR)
                if base in to_code:
                    code = f"{to_code[base]}{POST_SEPARATOR}{post}"
            if code is None and (known is None or text in known):
                code = text
            if code is None:
                raise ScenarioError(name, f"sheet {ws.title}, cell {get_column_letter(c)}{r} ({staff}, {day})",
                                    text, "not a known shift name",
                                    hint="shift names: " + ", ".join(sorted(to_code)) +
                                    "; pass the mapping file used for the export")
            shift, post = parse_code(code, known)
            out.append(Assignment(day, staff, shift, None, post))
    return Roster.of(out)
