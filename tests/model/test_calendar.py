"""Day types from the CN calendar (2026: Spring Festival, National Day and their adjusted
Saturdays/Sundays), other countries, and a scenario's own additions, removals and workdays."""

from __future__ import annotations

import datetime as dt

from roster.io.load import load_scenario
from roster.model.calendar import Calendar, DayType, holiday_data_warnings, matches
from roster.model.parse import scenario_from_dict
from tests.conftest import BASE, merge

D = dt.date


def calendar(start: str, end: str, **holidays) -> Calendar:
    return Calendar(scenario_from_dict(merge(BASE, {"horizon": {"start": start, "end": end},
                                                    "holidays": holidays})))


def kinds(cal: Calendar) -> dict[dt.date, DayType]:
    return {d.date: d.type for d in cal.days}


def test_national_day_2026_week_and_its_adjusted_working_days():
    cal = calendar("2026-09-19", "2026-10-11", country="CN")
    k = kinds(cal)
    assert k[D(2026, 9, 20)] is DayType.ADJUSTED_WORKDAY   # Sunday worked for the break
    assert k[D(2026, 10, 10)] is DayType.ADJUSTED_WORKDAY  # Saturday worked for the break
    assert k[D(2026, 9, 19)] is DayType.WEEKEND            # an ordinary Saturday
    for day in range(1, 6):                                # 1-5 October: the holiday (incl. the weekend)
        assert k[D(2026, 10, day)] is DayType.HOLIDAY
    assert k[D(2026, 10, 6)] is DayType.IN_LIEU and k[D(2026, 10, 7)] is DayType.IN_LIEU
    assert k[D(2026, 10, 8)] is DayType.WORKDAY and k[D(2026, 10, 11)] is DayType.WEEKEND
    assert {d.holiday_name for d in cal.days if d.date.month == 10 and d.date.day <= 7} == {"National Day"}
    assert k[D(2026, 9, 25)] is DayType.HOLIDAY            # Mid-autumn, a Friday
    # the selectors scenario files use
    sat = cal.day(D(2026, 10, 10))
    assert matches(sat, "workdays") and matches(sat, "weekends") and not matches(sat, "restdays")
    assert not matches(sat, "holidays") and sat.is_workday and sat.is_weekend
    oct6 = cal.day(D(2026, 10, 6))
    assert matches(oct6, "holidays") and matches(oct6, "restdays") and not matches(oct6, "workdays")
    assert not oct6.is_weekend
    workdays = [d.date for d in cal.days if matches(d, "workdays") and d.date >= D(2026, 10, 1)]
    assert workdays == [D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10)]


def test_spring_festival_2026():
    k = kinds(calendar("2026-02-09", "2026-03-01", country="CN"))
    assert k[D(2026, 2, 14)] is DayType.ADJUSTED_WORKDAY and k[D(2026, 2, 28)] is DayType.ADJUSTED_WORKDAY
    break_days = [d for d, t in k.items() if t in (DayType.HOLIDAY, DayType.IN_LIEU)]
    assert break_days == [D(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)]  # 15-23 February
    assert k[D(2026, 2, 20)] is DayType.IN_LIEU and k[D(2026, 2, 23)] is DayType.IN_LIEU
    assert k[D(2026, 2, 17)] is DayType.HOLIDAY  # New Year's day of the lunar calendar, a Tuesday
    assert k[D(2026, 2, 24)] is DayType.WORKDAY and k[D(2026, 3, 1)] is DayType.WEEKEND


def test_new_year_2026_and_a_plain_month():
    k = kinds(calendar("2026-01-01", "2026-01-04", country="CN"))
    assert [k[D(2026, 1, d)] for d in range(1, 5)] == [DayType.HOLIDAY, DayType.IN_LIEU, DayType.HOLIDAY,
                                                       DayType.ADJUSTED_WORKDAY]
    dec = calendar("2026-12-01", "2026-12-31", country="CN")
    assert not any(d.is_holiday for d in dec.days)
    assert sum(d.is_workday for d in dec.days) == 23


def test_scenario_adds_removes_and_works_dates():
    cal = calendar("2026-09-28", "2026-10-11", country="CN", add=["2026-09-28"], remove=["2026-10-05"],
                   workdays=["2026-10-04", "2026-10-11"])
    k = kinds(cal)
    assert k[D(2026, 9, 28)] is DayType.HOLIDAY
    assert k[D(2026, 10, 5)] is DayType.WORKDAY           # a Monday no longer off
    assert k[D(2026, 10, 4)] is DayType.ADJUSTED_WORKDAY  # a Sunday of the break made a working day
    assert k[D(2026, 10, 11)] is DayType.ADJUSTED_WORKDAY


def test_other_countries_and_none():
    k = kinds(calendar("2026-10-01", "2026-10-04", country="DE"))
    assert k[D(2026, 10, 3)] is DayType.HOLIDAY and k[D(2026, 10, 1)] is DayType.WORKDAY
    assert k[D(2026, 10, 4)] is DayType.WEEKEND
    k = kinds(calendar("2026-10-01", "2026-10-04", country="none"))
    assert k[D(2026, 10, 1)] is DayType.WORKDAY and k[D(2026, 10, 3)] is DayType.WEEKEND


def test_years_without_cn_data_load_with_a_warning(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("horizon: {start: 2031-01-01, end: 2031-01-31}\nholidays: {country: CN}\n"
                    "roles: [{id: a}]\nshifts: [{id: D, start: '08:00', end: '16:00'}]\n"
                    "staff: [{id: A, roles: [a]}]\n", encoding="utf-8")
    sc = load_scenario(path)
    (text,) = holiday_data_warnings(sc)
    assert "holidays.country = 'CN'" in text and "no holiday data for 2031" in text
    assert "holidays.add" in text
