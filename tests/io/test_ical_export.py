"""iCalendar: local times in a named zone, stable UIDs, split shifts, leave, one person or all."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar as ICalendar

from roster.io.ical import ical_bytes, read_ical
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.roster import Assignment, LeaveDay, Roster


@pytest.fixture
def week():
    sc = scenario_from_dict({
        "name": "desk",
        "horizon": {"start": "2026-12-07", "end": "2026-12-13"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "N", "name": "夜班", "start": "22:00", "end": "06:00"},
                   {"id": "O", "segments": [["08:30", "12:00"], ["14:30", "17:30"]]}],
        "staff": [{"id": "A", "name": "张伟", "roles": ["agent"]}, {"id": "B", "roles": ["agent"]}],
        "leave": [{"staff": "B", "type": "sick", "start": "2026-12-10", "end": "2026-12-10"}],
    })
    roster = Roster.of([Assignment(dt.date(2026, 12, 7), "A", "N", "agent"),
                        Assignment(dt.date(2026, 12, 8), "B", "O", "agent", "W1")],
                       [LeaveDay(dt.date(2026, 12, 11), "A", "annual")])
    return sc, roster


def events(data: bytes):
    return [e for e in ICalendar.from_ical(data).walk("VEVENT")]


def test_night_shift_ends_next_day_in_the_scenario_zone(week):
    sc, roster = week
    data = ical_bytes(sc, roster)
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Asia/Shanghai" in data
    (night,) = [e for e in events(data) if e.get("X-ROSTER-SHIFT") == "N"]
    start, end = night.decoded("DTSTART"), night.decoded("DTEND")
    assert start == dt.datetime(2026, 12, 7, 22, 0, tzinfo=start.tzinfo)
    assert end.date() == dt.date(2026, 12, 8) and end.hour == 6
    assert str(start.tzinfo) == "Asia/Shanghai"
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert "夜班" in str(night.get("SUMMARY")) and "张伟" in str(night.get("SUMMARY"))


def test_other_zone_split_shift_and_leave(week):
    sc, roster = week
    data = ical_bytes(sc, roster, tz="Europe/Berlin")
    assert b"TZID:Europe/Berlin" in data
    split = [e for e in events(data) if e.get("X-ROSTER-SHIFT") == "O"]
    # converted, not relabelled: 08:00 and 14:00 in Shanghai are 01:00 and 07:00 in Berlin (winter)
    assert [e.decoded("DTSTART").hour for e in split] == [1, 7]
    assert [str(e.decoded("DTSTART").tzinfo) for e in split] == ["Europe/Berlin"] * 2
    assert split[0].decoded("DTSTART").astimezone(dt.timezone.utc).hour == 0
    assert len({str(e.get("UID")) for e in split}) == 2
    assert {str(e.get("X-ROSTER-POST")) for e in split} == {"W1"}
    leave = {(str(e.get("X-ROSTER-STAFF")), e.decoded("DTSTART")) for e in events(data) if e.get("X-ROSTER-LEAVE")}
    assert leave == {("B", dt.date(2026, 12, 10)), ("A", dt.date(2026, 12, 11))}


def test_export_is_byte_stable_and_reads_back(week, tmp_path):
    sc, roster = week
    assert ical_bytes(sc, roster) == ical_bytes(sc, roster)
    path = tmp_path / "all.ics"
    path.write_bytes(ical_bytes(sc, roster))
    back = read_ical(path)
    assert back.assignments == roster.assignments
    assert LeaveDay(dt.date(2026, 12, 11), "A", "annual") in back.leave


def test_one_person_and_bad_input(week, tmp_path):
    sc, roster = week
    mine = events(ical_bytes(sc, roster, staff="A"))
    assert {str(e.get("X-ROSTER-STAFF")) for e in mine} == {"A"}
    assert all("张伟" not in str(e.get("SUMMARY")) for e in mine)  # the calendar is already his
    with pytest.raises(ScenarioError, match="unknown time zone"):
        ical_bytes(sc, roster, tz="Mars/Olympus")
    with pytest.raises(ScenarioError, match="unknown staff"):
        ical_bytes(sc, roster, staff="Z")
    foreign = tmp_path / "foreign.ics"
    foreign.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:lunch\r\n"
                       "DTSTART:20261207T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(ScenarioError, match="event 1"):
        read_ical(foreign)
