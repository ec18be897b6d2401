"""Roster-import templates for DingTalk-style and WeCom-style attendance systems.

Neither system publishes a column specification for its roster (排班) import. These templates
follow the grid a planner exports from the system's roster page and imports back: a person per
row, a day per column, the system's shift names in the cells and ``休息`` on rest days.

- DingTalk-style (钉钉): sheet ``排班表``; row 1 a title; row 2 ``姓名``, ``工号``, ``部门`` and one
  ``YYYY-MM-DD`` column per day; row 3 the weekday (``周二``) under each date; people from row 4.
- WeCom-style (企业微信): sheet ``排班``; row 1 ``姓名``, ``账号``, ``部门`` and one ``YYYY/MM/DD``
column
  per day; people from row 2.

Both add a sheet ``班次`` (shift name, times, our shift code) so the file reads back without the
mapping. Our shift ids become the system's shift names through a mapping file (YAML)::

    system: dingtalk          # informational
    rest: 休息                 # the cell text of a day off (default 休息)
    shifts:                   # our shift id (or shift/post) -> the system's shift name
      D: 早班
      N: 夜班
      D/A: 早班A岗

Shifts the file leaves out keep their scenario name (or id when unnamed).

When the roster places breaks, a sheet ``breaks`` (``roster.io.breaks``) gives each break as
``HH:MM-HH:MM`` per person and day; the cells keep the system's shift names.

Reading back (``read_template``): shift names turn back into our shift codes
through, in this order: the mapping file given, the workbook's ``班次`` sheet (its 代码 column),
the scenario's shift names, and finally the shift ids themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from roster.io.breaks import read_breaks_sheet, read_seats_sheet, with_breaks, write_breaks_sheet
from roster.io.cells import POST_SEPARATOR, cell_code, first_by_day, parse_code
from roster.io.load import read_text_file, read_yaml
from roster.io.workbook import as_date, cell_text, open_workbook, put
from roster.model.calendar import Calendar
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

STYLES = ("dingtalk", "wecom")
REST = "休息"
WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
SHIFT_SHEET = "班次"


@dataclass(frozen=True)
class Layout:
    sheet: str
    id_header: str
    date_format: str
    title_row: bool
    weekday_row: bool

    @property
    def header_row(self) -> int:
        return 2 if self.title_row else 1

    @property
    def first_person_row(self) -> int:
        return self.header_row + 1 + int(self.weekday_row)


LAYOUTS = {
    "dingtalk": Layout("排班表", "工号", "%Y-%m-%d", title_row=True, weekday_row=True),
    "wecom": Layout("排班", "账号", "%Y/%m/%d", title_row=False, weekday_row=False),
}


@dataclass(frozen=True)
class ShiftMapping:
    """Our shift codes (``D`` or ``D/A``) and the attendance system's shift names."""

    names: dict[str, str] = field(default_factory=dict)
    rest: str = REST

    def name_of(self, code: str) -> str:
        """The system's name for ``D`` or ``D/A``; an unmapped post keeps ``name/post``."""
        if code in self.names:
            return self.names[code]
        shift, sep, post = (code.rpartition(POST_SEPARATOR) if POST_SEPARATOR in code
                            else (code, "", ""))
        base = self.names.get(shift, shift)
        return f"{base}{POST_SEPARATOR}{post}" if sep else base

    def reverse(self) -> dict[str, str]:
        return {v: k for k, v in self.names.items()}


def default_mapping(scenario: Scenario) -> ShiftMapping:
    """Each shift's scenario name (its id when unnamed or when two shifts share a name)."""
    names = [s.name or s.id for s in scenario.shifts]
    return ShiftMapping({s.id: (n if names.count(n) == 1 else s.id)
                         for s, n in zip(scenario.shifts, names, strict=True)})


def load_mapping(path: str | Path, scenario: Scenario) -> ShiftMapping:
    """Read a mapping file; unknown shifts, empty or repeated names raise ScenarioError."""
    path = Path(path)
    name = str(path)
    text = read_text_file(path, "mapping file")
    try:
        data = read_yaml(text)
    except Exception as exc:
        raise ScenarioError(name, "", None,
                            f"not a YAML mapping file ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise ScenarioError(name, "", None, "the file must hold a mapping with a 'shifts' section",
                            hint="see docs/exports.md, 'Shift mapping file'")
    unknown = set(data) - {"system", "rest", "shifts"}
    if unknown:
        field_name = sorted(unknown)[0]
        raise ScenarioError(name, field_name, None, "unknown field",
                            hint="fields: system, rest, shifts")
    rest = data.get("rest", REST)
    if not isinstance(rest, str) or not rest.strip():
        raise ScenarioError(name, "rest", rest, "must be the non-empty text of a day off")
    shifts = data.get("shifts") or {}
    if not isinstance(shifts, dict):
        raise ScenarioError(name, "shifts", None, "must map shift ids to shift names")
    base = default_mapping(scenario).names
    names: dict[str, str] = {}
    for code, text in shifts.items():
        code = str(code)
        shift, _ = parse_code(code, set(scenario.shift_by_id))
        if shift not in scenario.shift_by_id:
            raise ScenarioError(name, f"shifts.{code}", code, f"unknown shift {shift!r}",
                                hint=f"known shift ids: {', '.join(sorted(scenario.shift_by_id))}")
        if not isinstance(text, (str, int, float)) or not str(text).strip():
            raise ScenarioError(name, f"shifts.{code}", text,
                                "the system's shift name must be non-empty text")
        names[code] = str(text).strip()
    for sid, default in base.items():
        names.setdefault(sid, default)
    seen: dict[str, str] = {}
    for code, text in names.items():
        if text == rest.strip():
            raise ScenarioError(name, f"shifts.{code}", text, "the same text as a day off (rest)")
        if text in seen:
            raise ScenarioError(name, f"shifts.{code}", text,
                                f"the same name as shift {seen[text]!r}",
                                hint="each shift needs its own name so the template reads back")
        seen[text] = code
    return ShiftMapping(names, rest.strip())


def write_template(scenario: Scenario, roster: Roster, path: str | Path, style: str = "dingtalk",
                   mapping: ShiftMapping | None = None, calendar: Calendar | None = None,
                   staff: str | None = None) -> None:
    """Write a DingTalk-style or WeCom-style roster-import workbook (``staff``: one person's row
    only)."""
    if style not in LAYOUTS:
        raise ValueError(f"style must be one of {', '.join(STYLES)}")
    layout, cal = LAYOUTS[style], calendar or Calendar(scenario)
    mapping = mapping or default_mapping(scenario)
    wb = Workbook()
    ws = wb.active
    ws.title = layout.sheet
    first, last = cal.days[0].date, cal.days[-1].date
    if layout.title_row:
        put(ws, 1, 1, f"{scenario.name} 排班 {first} ~ {last}").font = Font(bold=True)
    h = layout.header_row
    for c, text in enumerate(("姓名", layout.id_header, "部门"), start=1):
        put(ws, h, c, text).font = Font(bold=True)
    for i, day in enumerate(cal.days):
        put(ws, h, 4 + i, f"{day.date:{layout.date_format}}").font = Font(bold=True)
        if layout.weekday_row:
            put(ws, h + 1, 4 + i, WEEKDAY_ZH[day.date.weekday()])
    cells = first_by_day(roster)
    people = [p for p in scenario.staff if staff is None or p.id == staff]
    for r, person in enumerate(people, start=layout.first_person_row):
        put(ws, r, 1, person.name or person.id)
        put(ws, r, 2, person.id)
        put(ws, r, 3, "/".join(scenario.role_by_id[x].label for x in person.roles))
        for i, day in enumerate(cal.days):
            a = cells.get((person.id, day.date))
            put(ws, r, 4 + i, mapping.name_of(cell_code(a)) if a else mapping.rest)
    shifts = wb.create_sheet(SHIFT_SHEET)
    for c, text in enumerate(("班次名称", "时间", "代码"), start=1):
        put(shifts, 1, c, text).font = Font(bold=True)
    codes = {s.id: s for s in scenario.shifts}
    extra = sorted(k for k in mapping.names if k not in codes)
    row = 2
    for code in [*codes, *extra]:
        shift = codes.get(code) or scenario.shift_by_id[code.split(POST_SEPARATOR, 1)[0]]
        for c, v in enumerate((mapping.name_of(code), shift.times_text(), code), start=1):
            put(shifts, row, c, v)
        row += 1
    put(shifts, row, 1, mapping.rest)
    put(shifts, row, 2, "")
    put(shifts, row, 3, "")
    write_breaks_sheet(wb, scenario, roster, cal, people)
    wb.save(path)


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
    """The roster in a roster-import workbook; unknown shift names raise ScenarioError naming the
    cell."""
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
                            hint="name the column 工号 (DingTalk) or 账号 (WeCom); it holds the "
                                 "scenario's staff ids")
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
                raise ScenarioError(name,
                                    f"sheet {ws.title}, cell {get_column_letter(c)}{r} ({staff}, "
                                    f"{day})", text, "not a known shift name",
                                    hint="shift names: " + ", ".join(sorted(to_code)) +
                                    "; pass the mapping file used for the export")
            shift, post = parse_code(code, known)
            out.append(Assignment(day, staff, shift, None, post))
    return with_breaks(Roster.of(out), read_breaks_sheet(wb, name, cell_text),
                       read_seats_sheet(wb, name, cell_text))
