"""The month grid as an Excel workbook, the table planners print and post.

Sheet ``roster``: a title, a header row with one column per day (the date, shown as the day of
the month) and a weekday row under it; one row per person (id, name, roles) with shift codes in
the cells (``D``, or ``D/A`` on post A), leave marked with its type, weekends and holidays
shaded; totals per person on the right (shifts, nights, weekends, holidays, hours, holiday hours,
overtime) and heads per shift and role under the people. Sheet ``legend``: shift times, leave
types, colours and the day types of the horizon. Sheet ``hours``: hours per person and ISO week.
One sheet ``post <id>`` per post when the scenario has posts (A/B duty). With per-interval demand,
sheet ``intervals``: needed against scheduled per interval with the service level each interval
reaches (``roster.reports.intervals``), and sheet ``service level``: per day the intervals short,
the worst one and the call-weighted service level. Sheet ``breaks`` (``roster.io.breaks``) when
the roster places breaks.

Every text cell is written as text with a quote prefix, so a name like ``=SUM(A1)`` shows as
text in Excel and LibreOffice and reads back unchanged.

Reading back (``read_grid``): the sheet ``roster`` (or the first sheet) needs a header row whose
first cell is ``staff_id`` and date cells (dates or ``YYYY-MM-DD`` text) above the day columns.
People follow until the first row with an empty ``staff_id``. Cells: empty, ``-``, ``off`` or ``休``
are days off; a leave word (from the legend, or a leave type of the scenario) is a day of leave;
``D`` or ``D/A`` (shift, post) are worked shifts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.breaks import read_breaks_sheet, read_seats_sheet, with_breaks, write_breaks_sheet
from roster.io.cells import (
    cell_code,
    first_by_day,
    leave_by_day,
    leave_labels,
    leave_types,
    parse_code,
    post_ids,
)
from roster.io.workbook import (
    cell_text,
    date_columns,
    formula_cells,
    open_workbook,
    put,
    styled,
)
from roster.model.calendar import Calendar, Day, DayType
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.scenario import Scenario, Staff
from roster.reports.hours import person_hours, week_hours
from roster.reports.intervals import day_figures, interval_figures, worst_text
from roster.reports.summary import person_summary

WEEKEND = PatternFill("solid", fgColor="DDEBF7")
HOLIDAY = PatternFill("solid", fgColor="FCE4D6")
ADJUSTED = PatternFill("solid", fgColor="FFF2CC")
LEAVE = PatternFill("solid", fgColor="E2EFDA")
HEADER = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WEEKDAY_ZH = ("一", "二", "三", "四", "五", "六", "日")
CENTRE = Alignment(horizontal="center")
NO_FILL = PatternFill()
LEAVE_FONT = Font(italic=True, size=8)
SMALL = Font(size=8)

GRID_SHEET = "roster"
HEAD = ("staff_id", "name", "role")
TOTALS = ("shifts", "nights", "weekends", "holidays", "hours", "holiday_hours", "overtime")
HEADER_ROW, WEEKDAY_ROW, FIRST_PERSON_ROW = 2, 3, 4


def _day_fill(day: Day) -> PatternFill | None:
    if day.is_holiday:
        return HOLIDAY
    if not day.is_workday:
        return WEEKEND
    return None


def _title(scenario: Scenario, cal: Calendar) -> str:
    first, last = cal.days[0].date, cal.days[-1].date
    if (first.year, first.month) == (last.year, last.month):
        span = f"{first:%Y-%m}"
    else:
        span = f"{first} .. {last}"
    return f"{scenario.name}  排班表 roster  {span}"


def write_month_grid(scenario: Scenario, roster: Roster, path: str | Path,
                     calendar: Calendar | None = None, *, staff: str | None = None) -> None:
    """Write the month grid workbook (see the module docstring for the layout); ``staff``: one
    person's rows only."""
    cal = calendar or Calendar(scenario)
    people = [p for p in scenario.staff if staff is None or p.id == staff]
    wb = Workbook()
    ws = wb.active
    ws.title = GRID_SHEET
    _grid_sheet(ws, scenario, roster, cal, people, post=None)
    _legend_sheet(wb.create_sheet("legend"), scenario, roster, cal)
    _hours_sheet(wb.create_sheet("hours"), scenario, roster, cal, people)
    for pid in post_ids(scenario):
        title = "post " + "".join(ch for ch in pid if ch not in "[]:*?/\\")
        _grid_sheet(wb.create_sheet(title[:31]), scenario, roster, cal, people, post=pid)
    write_breaks_sheet(wb, scenario, roster, cal, people)
    if staff is None:
        _interval_sheets(wb, scenario, roster, cal)
    wb.save(path)


INTERVAL_HEAD = ("date", "interval", "role", "needed", "scheduled", "short", "calls", "on phones",
                 "service level", "ASA (s)", "occupancy")
SHORT = PatternFill("solid", fgColor="F8CBAD")


def _interval_sheets(wb: Workbook, scenario: Scenario, roster: Roster, cal: Calendar) -> None:
    """Sheets ``intervals`` and ``service level`` (nothing without per-interval demand)."""
    figures = interval_figures(scenario, roster, cal)
    if not figures:
        return
    ws = _table(wb.create_sheet("intervals"), INTERVAL_HEAD, [
        (f.date, f.interval, f.role or "all", f.needed, f.scheduled, f.short, f.calls, f.answering,
         f.service_level, None if f.asa_seconds is None else round(f.asa_seconds, 1), f.occupancy)
        for f in figures], percent=(9, 11))
    for r, f in enumerate(figures, start=2):
        if f.short:
            for c in (4, 5, 6):
                ws.cell(row=r, column=c).fill = SHORT
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(INTERVAL_HEAD))}{len(figures) + 1}"
    ws.column_dimensions["A"].width = 11
    head = ("date", "role", "intervals", "intervals short", "people short",
            "worst (scheduled/needed)", "calls", "service level", "target")
    days = _table(wb.create_sheet("service level"), head, [
        (d.date, d.role or "all", d.intervals, d.short_intervals, d.people_short, worst_text(d),
         round(d.calls, 2), d.service_level, d.target) for d in day_figures(scenario, figures)],
                  percent=(8, 9))
    days.column_dimensions["A"].width, days.column_dimensions["F"].width = 11, 22


def _table(ws: Worksheet, head: tuple[str, ...], rows: list[tuple],
           percent: tuple[int, ...]) -> Worksheet:
    """A bold header row, then one row per tuple: column 1 a date, the ``percent`` columns as
    percentages."""
    for c, h in enumerate(head, start=1):
        cell = put(ws, 1, c, h)
        cell.font, cell.fill = Font(bold=True), HEADER
    for r, values in enumerate(rows, start=2):
        for c, v in enumerate(values, start=1):
            cell = put(ws, r, c, v)
            if c == 1:
                cell.number_format = "yyyy-mm-dd"
            if c in percent and v is not None:
                cell.number_format = "0.0%"
    return ws


def _grid_sheet(ws: Worksheet, scenario: Scenario, roster: Roster, cal: Calendar,
                people: list[Staff], post: str | None) -> None:
    first_day = len(HEAD) + 1
    first_total = first_day + len(cal.days)
    title = _title(scenario, cal) + (f"  post {post}" if post else "")
    put(ws, 1, 1, title).font = Font(bold=True, size=14)
    for c, h in enumerate(HEAD, start=1):
        cell = put(ws, HEADER_ROW, c, h)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER, BOX
        ws.cell(WEEKDAY_ROW, c).fill = HEADER
    for i, day in enumerate(cal.days):
        col = first_day + i
        top = ws.cell(HEADER_ROW, col, day.date)
        top.number_format = "d"
        low = put(ws, WEEKDAY_ROW, col, WEEKDAY_ZH[day.date.weekday()])
        fill = ADJUSTED if day.type is DayType.ADJUSTED_WORKDAY else (_day_fill(day) or HEADER)
        for cell in (top, low):
            cell.font, cell.fill, cell.border = Font(bold=True), fill, BOX
            cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = 5.2
    if post is None:
        for k, t in enumerate(TOTALS):
            cell = put(ws, HEADER_ROW, first_total + k, t)
            cell.font, cell.fill, cell.border = Font(bold=True), HEADER, BOX
            cell.alignment = Alignment(text_rotation=90, horizontal="center")
            ws.column_dimensions[get_column_letter(first_total + k)].width = 6
    cells = first_by_day(roster)
    leave = leave_by_day(scenario, roster)
    labels = leave_labels(scenario)
    summary = person_summary(scenario, roster, cal).set_index("staff_id")
    totals = {t: summary[t].to_dict() for t in TOTALS[:4]}
    hours = person_hours(scenario, roster, cal)
    fills = [_day_fill(day) for day in cal.days]
    row = FIRST_PERSON_ROW
    for person in people:
        styled(put(ws, row, 1, person.id), border=BOX)
        styled(put(ws, row, 2, person.name), border=BOX)
        styled(put(ws, row, 3, "/".join(person.roles)), border=BOX)
        for i, day in enumerate(cal.days):
            a = cells.get((person.id, day.date))
            kind = leave.get((person.id, day.date))
            if a is not None and (post is None or a.post == post):
                cell = put(ws, row, first_day + i, cell_code(a) if post is None else a.shift)
                styled(cell, fill=fills[i] or NO_FILL, alignment=CENTRE, border=BOX)
            elif a is None and kind is not None:
                cell = put(ws, row, first_day + i, labels.get(kind, kind))
                styled(cell, fill=LEAVE, font=LEAVE_FONT, alignment=CENTRE, border=BOX)
            elif fills[i]:
                styled(ws.cell(row, first_day + i), fill=fills[i], alignment=CENTRE, border=BOX)
            else:
                styled(ws.cell(row, first_day + i), alignment=CENTRE, border=BOX)
        if post is None:
            values = [int(totals[t][person.id]) for t in TOTALS[:4]]
            h = hours[person.id]
            values += [round(h["hours"], 2), round(h["holiday_hours"], 2), round(h["overtime"], 2)]
            for k, v in enumerate(values):
                styled(ws.cell(row, first_total + k, v), border=BOX)
        row += 1
    ids = {p.id for p in people}
    row = _heads(ws, scenario, Roster.of(a for a in roster if a.staff in ids), cal, row + 1,
                 first_day, post)
    row = _print_footer(ws, scenario, row + 2)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 9, 10
    ws.column_dimensions["C"].width = 10
    ws.freeze_panes = ws.cell(FIRST_PERSON_ROW, first_day)
    last_col = first_total + len(TOTALS) - 1 if post is None else first_total - 1
    _print_setup(ws, len(people), row, last_col)


PAGE_PEOPLE = 40
"""Up to this many people the month prints on one A4 landscape page; beyond it the sheet is fitted
to the page's width and runs on over pages, each repeating the date and weekday rows."""


def _print_setup(ws: Worksheet, people: int, last_row: int, last_col: int) -> None:
    """A4 landscape, the sheet at the page's top-left corner, fitted to the page (one page up to
    ``PAGE_PEOPLE`` people, else fitted to its width with the header rows repeated)."""
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, (1 if people <= PAGE_PEOPLE else 0)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.25
    ws.page_margins.top, ws.page_margins.bottom = 0.3, 0.3
    ws.page_margins.header = ws.page_margins.footer = 0.1
    ws.print_options.horizontalCentered = ws.print_options.verticalCentered = False
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{WEEKDAY_ROW}"


def _print_footer(ws: Worksheet, scenario: Scenario, row: int) -> int:
    """The legend (each shift's code, name and times; leave) and the signature lines under the
    grid, so they print on the page with it (column A stays empty: readers stop there). Returns
    the last row written."""
    legend = "   ".join(f"{s.id} {s.name} {s.times_text()}" for s in scenario.shifts)
    put(ws, row, 2, f"legend 图例: {legend}   leave 休假: italic, green").font = Font(size=9)
    row += 2
    line = "_" * 18
    sign = f"prepared by 制表: {line}      approved by 审核: {line}      date 日期: {line}"
    put(ws, row, 2, sign).font = Font(size=10)
    return row


def _heads(ws: Worksheet, scenario: Scenario, roster: Roster, cal: Calendar, row: int,
           first_day: int, post: str | None) -> int:
    """Heads per shift and role under the people (column A stays empty: readers stop there).
    Returns the last row written."""
    counts: dict[tuple[str, str, dt.date], int] = {}
    for a in roster:
        if post is not None and a.post != post:
            continue
        counts[(a.shift, "", a.date)] = counts.get((a.shift, "", a.date), 0) + 1
        if a.role:
            counts[(a.shift, a.role, a.date)] = counts.get((a.shift, a.role, a.date), 0) + 1
    lines = sorted({(s, r) for s, r, _ in counts}, key=lambda k: (_order(scenario, k[0]), k[1]))
    put(ws, row, 2, "heads 人数").font = Font(bold=True)
    for s, r in lines:
        row += 1
        put(ws, row, 2, s)
        put(ws, row, 3, r or "all")
        for i, day in enumerate(cal.days):
            n = counts.get((s, r, day.date), 0)
            styled(ws.cell(row, first_day + i, n), alignment=CENTRE, font=SMALL)
    return row


def _order(scenario: Scenario, shift: str) -> int:
    ids = [s.id for s in scenario.shifts]
    return ids.index(shift) if shift in ids else len(ids)


def _legend_sheet(ws: Worksheet, scenario: Scenario, roster: Roster, cal: Calendar) -> None:
    for c, h in enumerate(("code", "name", "times", "hours", "kind"), start=1):
        put(ws, 1, c, h).font = Font(bold=True)
    row = 2
    for s in scenario.shifts:
        for c, v in enumerate((s.id, s.name, s.times_text(), s.paid_minutes / 60, "shift"),
                              start=1):
            put(ws, row, c, v)
        row += 1
    labels = leave_labels(scenario)
    for kind in sorted({*labels, *(lv.type for lv in getattr(roster, "leave", ()) or ())}):
        put(ws, row, 1, labels.get(kind, kind))
        put(ws, row, 2, kind)
        put(ws, row, 5, "leave")
        ws.cell(row, 1).fill = LEAVE
        row += 1
    row += 1
    put(ws, row, 1, "colours").font = Font(bold=True)
    for fill, text in ((WEEKEND, "rest day 休息日"), (HOLIDAY, "holiday 节假日"),
                       (ADJUSTED, "adjusted workday 调休上班"), (LEAVE, "leave 休假")):
        row += 1
        ws.cell(row, 1).fill = fill
        put(ws, row, 2, text)
    row += 2
    put(ws, row, 1, "date").font = Font(bold=True)
    put(ws, row, 2, "day type").font = Font(bold=True)
    put(ws, row, 3, "holiday").font = Font(bold=True)
    for day in cal.days:
        if day.type in (DayType.WORKDAY, DayType.WEEKEND):
            continue
        row += 1
        put(ws, row, 1, day.date.isoformat())
        put(ws, row, 2, day.type.value)
        put(ws, row, 3, day.holiday_name)
    ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 22, 24


def _hours_sheet(ws: Worksheet, scenario: Scenario, roster: Roster, cal: Calendar,
                 people: list[Staff]) -> None:
    head = ("staff_id", "name", "year", "week", "monday", "hours", "holiday_hours",
            "rest_day_hours", "overtime")
    for c, h in enumerate(head, start=1):
        put(ws, 1, c, h).font = Font(bold=True)
    ids = {p.id for p in people}
    weeks = [wk for wk in week_hours(scenario, roster, cal) if wk.staff in ids]
    for r, wk in enumerate(weeks, start=2):
        name = scenario.staff_by_id[wk.staff].name
        values = (wk.staff, name, wk.year, wk.week, wk.monday.isoformat(), round(wk.hours, 2),
                  round(wk.holiday_hours, 2), round(wk.rest_day_hours, 2), round(wk.overtime, 2))
        for c, v in enumerate(values, start=1):
            put(ws, r, c, v)


OFF_WORDS = {"", "-", "off", "休", "休息", "rest"}


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


def read_grid(path: str | Path, scenario: Scenario | None = None) -> Roster:
    """The roster in a month grid workbook; unknown cell codes raise ScenarioError naming the
    cell."""
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
                            hint="the grid needs a row with staff_id in column A and dates above "
                                 "the days")
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
                raise ScenarioError(name,
                                    f"sheet {ws.title}, cell {get_column_letter(c)}{r} ({staff}, "
                                    f"{day})", formulas[(r, c)],
                                    "a formula with no saved value (it would read as a day off)",
                                    hint="type the shift code into the cell, or open and save the "
                                         "file in Excel so the formula's value is stored")
            text = cell_text(value)
            if text in leave_codes:
                leave.append(LeaveDay(day, staff, leave_codes[text]))
                continue
            if text.lower() in OFF_WORDS:
                continue
            shift, post = parse_code(text, shift_ids or None)
            if shift_ids and shift not in shift_ids:
                raise ScenarioError(name,
                                    f"sheet {ws.title}, cell {get_column_letter(c)}{r} ({staff}, "
                                    f"{day})", text, "not a shift code",
                                    hint=f"shift codes: {', '.join(sorted(shift_ids))}; leave a "
                                         "day off empty")
            out.append(Assignment(day, staff, shift, None, post))
    return with_breaks(Roster.of(out, leave), read_breaks_sheet(wb, name, cell_text),
                       read_seats_sheet(wb, name, cell_text))
