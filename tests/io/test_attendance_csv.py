"""The long attendance CSV: a row per person per day, date-times, split shifts, leave, BOM."""

from __future__ import annotations

import csv
import datetime as dt

from roster.io.roster_csv import ATTENDANCE_COLUMNS as COLUMNS
from roster.io.roster_csv import attendance_rows, read_roster_csv, write_attendance_csv
from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, LeaveDay, Roster


def week():
    sc = scenario_from_dict({
        "name": "desk",
        "horizon": {"start": "2026-09-28", "end": "2026-10-04"},
        "holidays": {"country": "CN"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "N", "name": "夜班", "start": "22:00", "end": "08:00"},
                   {"id": "O", "name": "行政班", "segments": [["08:30", "12:00"], ["14:30", "17:30"]]}],
        "staff": [{"id": "A", "name": "张伟", "roles": ["agent"]}, {"id": "B", "name": "王芳", "roles": ["agent"]}],
        "leave": [{"staff": "B", "type": "sick", "start": "2026-09-30", "end": "2026-09-30"}],
    })
    roster = Roster.of([Assignment(dt.date(2026, 9, 28), "A", "N", "agent"),
                        Assignment(dt.date(2026, 10, 1), "A", "O", "agent", "W1")],
                       [LeaveDay(dt.date(2026, 10, 2), "B", "annual")])
    return sc, roster


def test_one_row_per_person_per_day_with_times_hours_and_leave():
    sc, roster = week()
    rows = attendance_rows(sc, roster)
    assert len(rows) == 7 * 2
    by = {(r["staff_id"], r["date"]): r for r in rows}
    night = by[("A", "2026-09-28")]
    assert (night["start"], night["end"], night["planned_hours"]) == ("2026-09-28 22:00", "2026-09-29 08:00", 10)
    assert night["segments"] == "" and night["weekday"] == "mon" and night["name"] == "张伟"
    split = by[("A", "2026-10-01")]
    assert (split["start"], split["end"], split["planned_hours"]) == ("2026-10-01 08:30", "2026-10-01 17:30", 6.5)
    assert split["segments"] == "2026-10-01 08:30/2026-10-01 12:00;2026-10-01 14:30/2026-10-01 17:30"
    assert (split["day_type"], split["holiday"], split["post"]) == ("holiday", "National Day", "W1")
    off = by[("A", "2026-09-29")]
    assert (off["shift"], off["start"], off["planned_hours"], off["leave_type"]) == ("", "", 0, "")
    assert by[("B", "2026-09-30")]["leave_type"] == "sick"      # the scenario's leave
    assert by[("B", "2026-10-02")]["leave_type"] == "annual"    # leave the roster places
    assert [r["staff_id"] for r in attendance_rows(sc, roster, staff="B")] == ["B"] * 7


def test_file_has_the_documented_columns_and_reads_back(tmp_path):
    sc, roster = week()
    path = tmp_path / "attendance.csv"
    write_attendance_csv(sc, roster, path)
    raw = path.read_bytes()
    assert raw[:3] != b"\xef\xbb\xbf"
    header = next(csv.reader(raw.decode().splitlines()))
    assert tuple(header) == COLUMNS
    back = read_roster_csv(path)
    assert back.assignments == roster.assignments
    assert set(back.leave) == {LeaveDay(dt.date(2026, 9, 30), "B", "sick"),
                               LeaveDay(dt.date(2026, 10, 2), "B", "annual")}
    write_attendance_csv(sc, roster, path, bom=True)
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf" and read_roster_csv(path).assignments == roster.assignments
