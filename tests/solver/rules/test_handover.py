"""Handover before a shift (交接班): paid, counted by rest, overlap, hours and leave, shown in exports.
``run`` checks solver cost = validator cost on every roster it returns."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar as ICalendar

from roster.io.ical import ical_bytes
from roster.model.rule_names import Rule
from roster.validate import validate
from tests.conftest import roster_of, run, tiny

ONE = [{"id": "A", "roles": ["agent"]}]


def shifts(handover: int) -> list[dict]:
    return [{"id": "E", "start": "14:00", "end": "22:00"},
            {"id": "D", "start": "10:00", "end": "18:00", "handover_minutes": handover}]


def test_paid_minutes_and_the_shift_text_include_the_handover() -> None:
    sc = tiny(shifts=shifts(15))
    d = sc.shift_by_id["D"]
    assert (d.paid_minutes, d.arrive_minute, d.start_minute) == (495, 585, 600)
    assert d.times_text() == "10:00-18:00 (handover from 09:45)"
    assert sc.shift_by_id["E"].times_text() == "14:00-22:00"


def test_rest_counts_the_handover() -> None:
    # E ends 22:00 and D starts 10:00 the next day: 12 h exactly, 11.75 h with a 15-minute handover
    need = [{"shift": "E", "role": "agent", "min": 1, "max": 1, "days": ["mon"]},
            {"shift": "D", "role": "agent", "min": 1, "max": 1, "days": ["tue"]}]
    assert run(tiny(shifts=shifts(0), staff=ONE, demand=need)).status == "OPTIMAL"
    assert run(tiny(shifts=shifts(15), staff=ONE, demand=need)).status == "INFEASIBLE"
    soft = tiny(shifts=shifts(15), staff=ONE, demand=need, rules={"min_rest_hours": {"value": 12, "weight": 7}})
    r = run(soft)
    assert r.status == "OPTIMAL" and r.terms[Rule.REST] == 7
    report = validate(soft, roster_of(("2026-12-07", "A", "E", "agent"), ("2026-12-08", "A", "D", "agent")))
    assert [v.text for v in report.soft] == ["A 2026-12-07 E → 2026-12-08 D: 11.75 h rest, at least 12"]


def test_a_handover_that_reaches_back_into_the_last_shift_is_an_overlap() -> None:
    def scenario(handover: int):
        return tiny(shifts=[{"id": "N", "start": "22:00", "end": "08:00"},
                            {"id": "D", "start": "08:00", "end": "16:00", "handover_minutes": handover}],
                    staff=ONE, rules={"min_rest_hours": 0},
                    demand=[{"shift": "N", "role": "agent", "min": 1, "max": 1, "days": ["mon"]},
                            {"shift": "D", "role": "agent", "min": 1, "max": 1, "days": ["tue"]}])
    night_then_day = roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-08", "A", "D", "agent"))
    assert [v.text for v in validate(scenario(15), night_then_day).hard] == [
        "A 2026-12-07 N and 2026-12-08 D overlap"]
    assert validate(scenario(0), night_then_day).hard == []
    assert run(scenario(15)).status == "INFEASIBLE"
    assert run(scenario(0)).status == "OPTIMAL"


def test_weekly_hours_count_the_handover() -> None:
    # five D shifts of 8 h 15 min: 41.25 h against 40, 75 minutes over at 1 a minute
    sc = tiny(shifts=shifts(15), staff=ONE, demand=[{"shift": "D", "role": "agent", "min": 1, "days": "mon..fri"}],
              rules={"max_hours_per_week": {"value": 40, "weight": 1}})
    r = run(sc)
    assert r.status == "OPTIMAL" and r.terms[Rule.HOURS_WEEK] == 75


def test_a_half_day_of_leave_until_noon_keeps_a_noon_shift_with_handover_away() -> None:
    def scenario(handover: int):
        return tiny(shifts=[{"id": "L", "start": "12:00", "end": "18:00", "handover_minutes": handover}], staff=ONE,
                    leave=[{"staff": "A", "type": "sick", "start": "2026-12-07", "end": "2026-12-07", "half": "am"}],
                    demand=[{"shift": "L", "role": "agent", "min": 1, "max": 1, "days": ["mon"]}])
    assert run(scenario(0)).status == "OPTIMAL"
    assert run(scenario(10)).status == "INFEASIBLE"


def test_the_calendar_export_starts_at_the_arrival() -> None:
    sc = tiny(shifts=shifts(15))
    events = ICalendar.from_ical(ical_bytes(sc, roster_of(("2026-12-08", "A", "D", "agent")))).walk("VEVENT")
    start = events[0].decoded("DTSTART")
    assert (start.hour, start.minute) == (9, 45) and start.date() == dt.date(2026, 12, 8)
    assert "handover from 09:45" in str(events[0].get("DESCRIPTION"))
