"""A half day of leave stays a half day in the iCalendar and attendance exports."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar as ICalendar

from roster.io.ical import ical_bytes
from roster.io.roster_csv import attendance_rows
from roster.model.roster import Assignment, Roster
from tests.conftest import tiny

HALF = [{"staff": "A", "type": "sick", "start": "2026-12-09", "end": "2026-12-09", "half": "pm"},
        {"staff": "B", "type": "annual", "start": "2026-12-10", "end": "2026-12-10"}]


def scenario_and_roster():
    sc = tiny(leave=HALF)
    roster = Roster.of([Assignment(dt.date(2026, 12, 9), "A", "D", "agent")])
    return sc, roster


def test_ical_half_day_is_a_timed_event():
    sc, roster = scenario_and_roster()
    events = [e for e in ICalendar.from_ical(ical_bytes(sc, roster)).walk("VEVENT") if e.get("X-ROSTER-LEAVE")]
    half = next(e for e in events if str(e.get("X-ROSTER-STAFF")) == "A")
    whole = next(e for e in events if str(e.get("X-ROSTER-STAFF")) == "B")
    start, end = half.decoded("DTSTART"), half.decoded("DTEND")
    assert (start.hour, end - start) == (12, dt.timedelta(hours=12)) and str(half.get("X-ROSTER-HALF")) == "pm"
    assert whole.decoded("DTSTART") == dt.date(2026, 12, 10) and whole.get("X-ROSTER-HALF") is None


def test_ical_half_day_converts_to_another_zone():
    sc, roster = scenario_and_roster()
    cal = ICalendar.from_ical(ical_bytes(sc, roster, tz="Europe/Berlin"))
    half = next(e for e in cal.walk("VEVENT") if str(e.get("X-ROSTER-HALF")) == "pm")
    assert half.decoded("DTSTART").hour == 5  # 12:00 in Shanghai is 05:00 in Berlin in winter


def test_attendance_names_the_half():
    sc, roster = scenario_and_roster()
    rows = {(r["staff_id"], r["date"]): r for r in attendance_rows(sc, roster)}
    a, b = rows[("A", "2026-12-09")], rows[("B", "2026-12-10")]
    assert (a["leave_type"], a["leave_half"], a["shift"]) == ("sick", "pm", "D")
    assert (b["leave_type"], b["leave_half"]) == ("annual", "")
