"""Hours per ISO week: planned hours, statutory holiday hours apart, overtime on rest days past 40 h."""

from __future__ import annotations

import datetime as dt

from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.reports.hours import person_hours, statutory_days, week_hours
from tests.conftest import BASE, merge


def scenario(start: str, end: str, **over):
    return scenario_from_dict(merge(BASE, {"horizon": {"start": start, "end": end}, **over}))


def every_day(first: dt.date, days: int, shift: str = "D", who: str = "A") -> list[Assignment]:
    return [Assignment(first + dt.timedelta(days=i), who, shift, "agent") for i in range(days)]


def weeks_of(sc, roster, who="A"):
    return {w.week: w for w in week_hours(sc, roster) if w.staff == who}


def test_cn_statutory_days_of_national_day_2026():
    sc = scenario("2026-09-28", "2026-10-11", holidays={"country": "CN"})
    assert statutory_days(sc) == {dt.date(2026, 10, 1), dt.date(2026, 10, 2), dt.date(2026, 10, 3)}


def test_national_day_weeks_split_holiday_rest_day_and_overtime_hours():
    sc = scenario("2026-09-28", "2026-10-11", holidays={"country": "CN"})
    roster = Roster.of(every_day(dt.date(2026, 9, 28), 14))
    weeks = weeks_of(sc, roster)
    w40, w41 = weeks[40], weeks[41]
    assert w40.monday == dt.date(2026, 9, 28)
    # 28-30 Sep workdays, 1-3 Oct statutory, 4 Oct (Sunday of the break) a rest day
    assert (w40.hours, w40.holiday_hours, w40.rest_day_hours, w40.overtime) == (56, 24, 8, 0)
    # 5 Oct break, 6-7 Oct rest in lieu, 8-9 Oct workdays, 10 Oct adjusted working Saturday, 11 Oct Sunday
    assert (w41.hours, w41.holiday_hours, w41.rest_day_hours, w41.overtime) == (56, 0, 32, 16)
    total = person_hours(sc, roster)["A"]
    assert total == {"hours": 112, "holiday_hours": 24, "rest_day_hours": 40, "overtime": 16}
    assert person_hours(sc, roster)["B"]["hours"] == 0


def test_overtime_is_rest_day_hours_past_the_standard_week():
    sc = scenario("2026-12-07", "2026-12-13")
    six = Roster.of(every_day(dt.date(2026, 12, 7), 6))  # Mon..Sat, 48 h
    (week,) = weeks_of(sc, six).values()
    assert (week.hours, week.rest_day_hours, week.overtime) == (48, 8, 8)
    five = Roster.of(every_day(dt.date(2026, 12, 7), 5))  # Mon..Fri, 40 h
    (week,) = weeks_of(sc, five).values()
    assert (week.hours, week.rest_day_hours, week.overtime) == (40, 0, 0)
    sat_sun = Roster.of(every_day(dt.date(2026, 12, 12), 2))  # weekend only, 16 h: not past 40 h
    (week,) = weeks_of(sc, sat_sun).values()
    assert (week.rest_day_hours, week.overtime) == (16, 0)
    assert week_hours(sc, six, standard=44)[0].overtime == 4


def test_a_night_shift_counts_on_the_day_it_starts():
    sc = scenario("2026-12-07", "2026-12-20")
    roster = Roster.of([Assignment(dt.date(2026, 12, 13), "A", "N", "agent")])  # Sunday 22:00 → Monday
    weeks = weeks_of(sc, roster)
    assert weeks[50].hours == 10 and weeks[50].rest_day_hours == 10 and weeks[51].hours == 0


def test_added_and_other_countries_holidays_are_statutory():
    sc = scenario("2026-09-28", "2026-10-04", holidays={"country": "DE", "add": ["2026-09-29"]})
    assert statutory_days(sc) == {dt.date(2026, 9, 29), dt.date(2026, 10, 3)}
    sc_none = scenario("2026-09-28", "2026-10-04")
    assert statutory_days(sc_none) == set()
