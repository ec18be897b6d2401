"""Planned hours, overtime and holiday hours per person and ISO week.

The one place that turns a roster into the hours payroll looks at (used by the exports and the app):

- a shift's paid hours belong to the day it starts on (a night shift counts on its first day);
- ``hours``: planned hours in the ISO week (Monday..Sunday, partial at the horizon edges);
- ``holiday_hours``: hours on statutory holidays, counted apart (paid triple in China);
- ``rest_day_hours``: hours on other rest days (weekends, days of a holiday break, rest in lieu);
- ``overtime``: hours on rest days once the week passes the standard week (40 h by default):
  ``min(rest_day_hours, max(0, hours - holiday_hours - standard))``. "Overtime" means this
  payroll figure only; the what-if comparison counts ``long_week_hours`` (every hour past 40 in a
  week, whatever the day, ``services.whatif``).

Statutory holidays: in China only the days the State Council names (e.g. 1-3 October) are paid
triple; the rest of the break (the weekend and the days in lieu) are rest days. chinese-calendar
does not tell them apart, so for ``CN`` the statutory days come from the ``holidays`` package
(its CN calendar without observed days) intersected with the calendar's holiday days. Dates a
scenario adds under ``holidays.add`` count as statutory; other countries' public holidays do too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from roster.model.calendar import Calendar, DayType
from roster.model.roster import Roster
from roster.model.scenario import Scenario

STANDARD_WEEK_HOURS = 40.0


@dataclass(frozen=True)
class WeekHours:
    """One person's hours in one ISO week."""

    staff: str
    year: int
    week: int
    monday: dt.date
    hours: float
    holiday_hours: float
    rest_day_hours: float
    overtime: float


def statutory_days(scenario: Scenario, calendar: Calendar | None = None) -> set[dt.date]:
    """Days of the horizon that are statutory holidays (paid triple when worked)."""
    cal = calendar or Calendar(scenario)
    holiday_days = {d.date for d in cal.days if d.type is DayType.HOLIDAY}
    country = (scenario.holidays.country or "").upper()
    if country == "CN":
        import holidays as pyholidays

        years = sorted({d.date.year for d in cal.days})
        named = pyholidays.country_holidays("CN", years=years, observed=False)
        statutory = {d for d in holiday_days if d in named}
    else:
        statutory = set(holiday_days)
    return statutory | {d for d in scenario.holidays.added() if d in cal.index}


def week_hours(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
               standard: float = STANDARD_WEEK_HOURS) -> list[WeekHours]:
    """Hours per person per ISO week of the horizon, everyone listed, weeks in order."""
    cal = calendar or Calendar(scenario)
    return list(cal.for_roster(scenario, roster, f"week_hours:{standard}",
                               lambda: _week_hours(scenario, roster, cal, standard)))


def _week_hours(scenario: Scenario, roster: Roster, cal: Calendar,
                standard: float) -> list[WeekHours]:
    statutory = statutory_days(scenario, cal)
    weeks: dict[tuple[int, int], dt.date] = {}
    for d in cal.days:
        y, w, _ = d.date.isocalendar()
        weeks.setdefault((y, w), d.date - dt.timedelta(days=d.date.weekday()))
    sums: dict[tuple[str, int, int], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for a in roster:
        shift = scenario.shift_by_id.get(a.shift)
        if shift is None or a.date not in cal.index:
            continue
        hours = shift.paid_minutes / 60
        y, w, _ = a.date.isocalendar()
        acc = sums[(a.staff, y, w)]
        acc[0] += hours
        if a.date in statutory:
            acc[1] += hours
        elif not cal.day(a.date).is_workday:
            acc[2] += hours
    out = []
    for person in scenario.staff:
        for (y, w), monday in weeks.items():
            hours, holiday, rest = sums.get((person.id, y, w), (0.0, 0.0, 0.0))
            overtime = min(rest, max(0.0, hours - holiday - standard))
            out.append(WeekHours(person.id, y, w, monday, hours, holiday, rest, overtime))
    return out


def person_hours(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
                 standard: float = STANDARD_WEEK_HOURS) -> dict[str, dict[str, float]]:
    """Per person: total ``hours``, ``holiday_hours``, ``rest_day_hours`` and ``overtime``."""
    out = {p.id: {"hours": 0.0, "holiday_hours": 0.0, "rest_day_hours": 0.0, "overtime": 0.0}
           for p in scenario.staff}
    for wk in week_hours(scenario, roster, calendar, standard):
        row = out[wk.staff]
        row["hours"] += wk.hours
        row["holiday_hours"] += wk.holiday_hours
        row["rest_day_hours"] += wk.rest_day_hours
        row["overtime"] += wk.overtime
    return out
