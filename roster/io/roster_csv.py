"""Rosters as CSV: one row per worked shift, columns date, staff_id, shift[, role][, post].

A roster that places leave days (from leave wishes) adds a column ``leave``: such a day is a row
with an empty shift and the leave type. A roster that places breaks (shifts from
``shift_templates``) adds ``start`` (the shift's start, HH:MM, when the scenario is given) and
``break_at`` (the break's start, HH:MM); the reader takes ``break_at`` back. The reader also takes
the long attendance CSV (``write_attendance_csv``): a row per person per day, where a row with an
empty shift is a day off, or a day of leave when ``leave_type`` is filled.

The attendance CSV (``write_attendance_csv``) has one row per person per day of the horizon;
columns: date, weekday, staff_id, name, role, shift, shift_name, start, end, segments,
planned_hours, day_type, holiday, leave_type, post, leave_half, break_start, break_end. ``start``
and ``end`` are local date-times (``YYYY-MM-DD HH:MM`` in the scenario's time zone) of the first
clock-in and the last clock-out, so a night shift ends on the next date. A split shift stays one
row: ``segments`` lists every worked interval (``start/end`` pairs joined by ``;``) and
``planned_hours`` is the paid length. A day off has an empty shift; a day of leave (the scenario's,
or one the roster places) also names the leave type; a half day of leave also gives ``leave_half``
(``am``: away until 12:00, ``pm``: away from 12:00), and the row may still carry the shift worked in
the other half. ``break_start`` and ``break_end`` (local date-times) give the break the roster
placed in the shift; the reader takes ``break_start`` back as the break.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from roster.io.cells import first_by_day, half_days, leave_by_day, safe_text, unsafe_text
from roster.model.calendar import Calendar
from roster.model.intervals import break_minute
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.scenario import Scenario, parse_minutes

REQUIRED = ("date", "staff_id", "shift")
COLUMNS = ("date", "staff_id", "shift", "role", "post")
DAY_ROW_MARKERS = ("planned_hours", "leave_type")
"""Columns that mark a CSV with a row per person per day (empty shift = day off)."""


def read_roster_csv(path: str | Path) -> Roster:
    """Read a roster CSV; bad rows raise ScenarioError naming row, column and value."""
    path = Path(path)
    name = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ScenarioError(name, "", None, "file not found") from None
    except IsADirectoryError:
        raise ScenarioError(name, "", None, "is a folder, not a roster file") from None
    with handle:
        try:
            text = handle.read()
        except UnicodeDecodeError:
            raise ScenarioError(name, "", None, "file is not UTF-8 text",
                                hint="save the CSV as UTF-8 (with or without BOM)") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\0extra")
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ScenarioError(name, "header", ",".join(columns),
                            f"missing column(s) {', '.join(missing)}",
                            hint="a roster CSV needs the columns date,staff_id,shift (role and "
                                 "post optional)")
    day_rows = any(c in columns for c in DAY_ROW_MARKERS)
    leave_col = "leave" if "leave" in columns else "leave_type" if "leave_type" in columns else None
    out, leave = [], []
    for raw in reader:
        row_no = reader.line_num  # the line the row ends on, as an editor shows it
        extra = [v for v in raw.pop("\0extra", None) or [] if v and v.strip()]
        if extra:
            raise ScenarioError(name, f"row {row_no}", ",".join(extra),
                                f"{len(columns) + len(extra)} values where the header has "
                                f"{len(columns)} columns",
                                hint="a value that holds a comma needs double quotes around it")
        row = {(k or "").strip(): unsafe_text((v or "").strip()) for k, v in raw.items()
               if k is not None}
        if not any(row.values()):
            continue
        try:
            date = dt.date.fromisoformat(row["date"])
        except ValueError:
            raise ScenarioError(name, f"row {row_no}, column date", row["date"],
                                "not a date (YYYY-MM-DD)") from None
        if not row["staff_id"]:
            raise ScenarioError(name, f"row {row_no}, column staff_id", row["staff_id"], "empty")
        if not row["shift"]:
            if leave_col and row.get(leave_col):
                leave.append(LeaveDay(date, row["staff_id"], row[leave_col]))
                continue
            if day_rows:
                continue
            raise ScenarioError(name, f"row {row_no}, column shift", row["shift"], "empty",
                                hint="list worked shifts only; a day off has no row")
        out.append(Assignment(date, row["staff_id"], row["shift"], row.get("role") or None,
                              row.get("post") or None, _break_at(row, name, row_no)))
    return Roster.of(out, leave)


def _break_at(row: dict[str, str], name: str, row_no: int) -> str | None:
    """The break's start as HH:MM from ``break_at`` (HH:MM) or ``break_start`` (YYYY-MM-DD
    HH:MM)."""
    column = next((c for c in ("break_at", "break_start") if row.get(c)), None)
    if column is None:
        return None
    text = row[column].split(" ")[-1]
    try:
        minute = parse_minutes(text) % 1440
    except ValueError:
        raise ScenarioError(name, f"row {row_no}, column {column}", row[column],
                            "not a time (HH:MM)",
                            hint="the break's start, e.g. 12:00; leave it empty when the shift has "
                                 "no break") from None
    return f"{minute // 60:02d}:{minute % 60:02d}"


def write_roster_csv(roster: Roster, path: str | Path, bom: bool = False,
                     scenario: Scenario | None = None) -> None:
    """One row per worked shift; text that a spreadsheet could run as a formula is made inert.

    Breaks placed in the roster add ``break_at`` and, with the scenario, ``start``."""
    with Path(path).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        out = csv.writer(handle)
        leave = getattr(roster, "leave", ()) or ()
        breaks = any(a.break_at for a in roster)
        starts = breaks and scenario is not None
        out.writerow(COLUMNS + (("leave",) if leave else ()) + (("start",) if starts else ())
                     + (("break_at",) if breaks else ()))
        for a in roster:
            row = [a.date.isoformat(), *(safe_text(v or "")
                                         for v in (a.staff, a.shift, a.role, a.post))]
            if leave:
                row.append("")
            if starts:
                shift = scenario.shift_by_id.get(a.shift) if scenario else None
                row.append(f"{shift.start_minute // 60 % 24:02d}:{shift.start_minute % 60:02d}"
                           if shift else "")
            if breaks:
                row.append(a.break_at or "")
            out.writerow(row)
        for lv in leave:
            out.writerow([lv.date.isoformat(), safe_text(lv.staff), "", "", "", safe_text(lv.type)]
                         + [""] * (int(starts) + int(breaks)))


ATTENDANCE_COLUMNS = ("date", "weekday", "staff_id", "name", "role", "shift", "shift_name", "start",
                      "end", "segments",
           "planned_hours", "day_type", "holiday", "leave_type", "post", "leave_half",
                      "break_start", "break_end")


def attendance_rows(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
                    staff: str | None = None) -> list[dict[str, object]]:
    """The rows of the attendance CSV (raw values, not yet made spreadsheet-safe)."""
    cal = calendar or Calendar(scenario)
    cells = first_by_day(roster)
    leave = leave_by_day(scenario, roster)
    halves = half_days(scenario)
    rows: list[dict[str, object]] = []
    people = [p for p in scenario.staff if staff is None or p.id == staff]
    for day in cal.days:
        for person in people:
            a = cells.get((person.id, day.date))
            row: dict[str, object] = {
                "date": day.date.isoformat(), "weekday": day.weekday, "staff_id": person.id,
                "name": person.name, "role": "", "shift": "", "shift_name": "", "start": "",
                "end": "", "segments": "", "planned_hours": 0, "day_type": day.type.value,
                "holiday": day.holiday_name, "leave_type": leave.get((person.id, day.date), ""),
                "post": "", "leave_half": halves.get((person.id, day.date), ""), "break_start": "",
                "break_end": "",
            }
            shift = scenario.shift_by_id.get(a.shift) if a else None
            if a is not None:
                row.update(role=a.role or "", shift=a.shift, post=a.post or "")
            if shift is not None:
                spans = cal.instance(shift, day.date)
                row.update(shift_name=shift.name, start=f"{spans[0][0]:%Y-%m-%d %H:%M}",
                           end=f"{spans[-1][1]:%Y-%m-%d %H:%M}",
                           segments=";".join(f"{s:%Y-%m-%d %H:%M}/{e:%Y-%m-%d %H:%M}"
                                             for s, e in spans)
                           if len(spans) > 1 else "",
                           planned_hours=round(shift.paid_minutes / 60, 2))
                window = break_window(shift, a) if a is not None else None
                if window is not None:
                    row.update(break_start=f"{window[0]:%Y-%m-%d %H:%M}",
                               break_end=f"{window[1]:%Y-%m-%d %H:%M}")
            rows.append(row)
    return rows


def write_attendance_csv(scenario: Scenario, roster: Roster, path: str | Path, bom: bool = False,
                         calendar: Calendar | None = None, staff: str | None = None) -> None:
    """Write the long attendance CSV (UTF-8, with a BOM for Excel when ``bom``)."""
    with Path(path).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(ATTENDANCE_COLUMNS)
        for row in attendance_rows(scenario, roster, calendar, staff):
            out.writerow([safe_text(row[c]) for c in ATTENDANCE_COLUMNS])


def break_window(shift, a: Assignment) -> tuple[dt.datetime, dt.datetime] | None:
    """Wall-clock start and end of the break placed in an assignment (None without one)."""
    if not a.break_at or shift.break_rule is None:
        return None
    midnight = dt.datetime.combine(a.date, dt.time())
    start = midnight + dt.timedelta(minutes=break_minute(shift, a.break_at))
    return start, start + dt.timedelta(minutes=shift.break_rule.minutes)
