"""The long attendance CSV: one row per person per day of the horizon.

Columns: date, weekday, staff_id, name, role, shift, shift_name, start, end, segments,
planned_hours, day_type, holiday, leave_type, post, leave_half. ``start`` and ``end`` are local date-times
(``YYYY-MM-DD HH:MM`` in the scenario's time zone) of the first clock-in and the last clock-out,
so a night shift ends on the next date. A split shift stays one row: ``segments`` lists every
worked interval (``start/end`` pairs joined by ``;``) and ``planned_hours`` is the paid length.
A day off has an empty shift; a day of leave (the scenario's, or one the roster places) also
names the leave type; a half day of leave also gives ``leave_half`` (``am``: away until 12:00,
``pm``: away from 12:00), and the row may still carry the shift worked in the other half.
"""

from __future__ import annotations

import csv
from pathlib import Path

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .cells import first_by_day, half_days, leave_by_day, safe_text

COLUMNS = ("date", "weekday", "staff_id", "name", "role", "shift", "shift_name", "start", "end", "segments",
           "planned_hours", "day_type", "holiday", "leave_type", "post", "leave_half")


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
                "name": person.name, "role": "", "shift": "", "shift_name": "", "start": "", "end": "",
                "segments": "", "planned_hours": 0, "day_type": day.type.value, "holiday": day.holiday_name,
                "leave_type": leave.get((person.id, day.date), ""), "post": "",
                "leave_half": halves.get((person.id, day.date), ""),
            }
            shift = scenario.shift_by_id.get(a.shift) if a else None
            if a is not None:
                row.update(role=a.role or "", shift=a.shift, post=a.post or "")
            if shift is not None:
                spans = cal.instance(shift, day.date)
                row.update(shift_name=shift.name, start=f"{spans[0][0]:%Y-%m-%d %H:%M}",
                           end=f"{spans[-1][1]:%Y-%m-%d %H:%M}",
                           segments=";".join(f"{s:%Y-%m-%d %H:%M}/{e:%Y-%m-%d %H:%M}" for s, e in spans)
                           if len(spans) > 1 else "",
                           planned_hours=round(shift.paid_minutes / 60, 2))
            rows.append(row)
    return rows


def write_attendance_csv(scenario: Scenario, roster: Roster, path: str | Path, bom: bool = False,
                         calendar: Calendar | None = None, staff: str | None = None) -> None:
    """Write the long attendance CSV (UTF-8, with a BOM for Excel when ``bom``)."""
    with Path(path).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for row in attendance_rows(scenario, roster, calendar, staff):
            out.writerow([safe_text(row[c]) for c in COLUMNS])
