"""The horizon as planners see it: days with their day type, weeks, weekends, shift instances."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .fields import WEEKDAYS, FieldError, selector_item

if TYPE_CHECKING:  # annotations only: the scenario imports the calendar (through the ledger)
    from .scenario import Holidays, Scenario, Shift


class DayType(str, Enum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    """A statutory holiday or a day of the holiday break."""
    IN_LIEU = "in_lieu"
    """A weekday made a rest day in exchange for a working weekend (调休休息)."""
    ADJUSTED_WORKDAY = "adjusted_workday"
    """A Saturday or Sunday that is a working day (调休上班)."""

    @property
    def is_workday(self) -> bool:
        return self in (DayType.WORKDAY, DayType.ADJUSTED_WORKDAY)


def day_types(days: list[dt.date], spec: Holidays) -> dict[dt.date, tuple[DayType, str]]:
    """Day type and holiday name (or "") for each day. A day of a year the country's calendar has
    no data for is a plain weekday or weekend (see ``missing_holiday_years``)."""
    out: dict[dt.date, tuple[DayType, str]] = {}
    country = (spec.country or "").upper()
    other = None
    if country and country not in ("CN", "NONE"):
        import holidays as pyholidays

        try:
            other = pyholidays.country_holidays(country, years=sorted({d.year for d in days}))
        except NotImplementedError as exc:
            raise FieldError("holidays.country", spec.country,
                             "no holiday calendar for this country",
                             hint="use an ISO 3166 code such as CN, DE, US, or list dates under "
                                  "holidays.add") from exc
    added = spec.added()
    for d in days:
        weekend = d.weekday() >= 5
        kind, name = (DayType.WEEKEND if weekend else DayType.WORKDAY), ""
        if country == "CN":
            kind, name = _cn_day(d) or (kind, name)
        elif other is not None and d in other:
            kind, name = DayType.HOLIDAY, str(other.get(d))
        if d in added:
            kind, name = DayType.HOLIDAY, added[d] or name or "holiday"
        if d in spec.remove:
            kind, name = (DayType.WEEKEND if weekend else DayType.WORKDAY), ""
        if d in spec.workdays:
            kind = DayType.ADJUSTED_WORKDAY if weekend else DayType.WORKDAY
        out[d] = (kind, name)
    return out


def _cn_day(d: dt.date) -> tuple[DayType, str] | None:
    """The day in chinese-calendar; None for a year its release has no data for."""
    import chinese_calendar as cc

    try:
        workday = cc.is_workday(d)
        _, name = cc.get_holiday_detail(d)
        in_lieu = cc.is_in_lieu(d)
    except NotImplementedError:
        return None
    weekend = d.weekday() >= 5
    if workday:
        return (DayType.ADJUSTED_WORKDAY if weekend else DayType.WORKDAY), (name or "")
    if name:
        return (DayType.IN_LIEU if in_lieu else DayType.HOLIDAY), name
    return DayType.WEEKEND, ""


def missing_holiday_years(scenario: Scenario) -> list[int]:
    """Years of the horizon that the country's calendar has no data for (chinese-calendar knows
    the years up to its release's)."""
    if (scenario.holidays.country or "").upper() != "CN":
        return []
    days = scenario.horizon.days()
    firsts = {d.year: d for d in reversed(days)}
    return sorted(y for y, d in firsts.items() if _cn_day(d) is None)


def holiday_data_warnings(scenario: Scenario) -> list[str]:
    """One line per year of the horizon without official holiday data: what the roster assumes for
    it and how to give its holidays and working weekends."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = f"chinese-calendar {version('chinesecalendar')}"
    except PackageNotFoundError:
        release = "chinese-calendar"
    spec, out = scenario.holidays, []
    for year in missing_holiday_years(scenario):
        given = sum(d.year == year for d in [*spec.added(), *spec.workdays])
        dates = "1 date of {} is" if given == 1 else f"{given} dates of {{}} are"
        told = (dates.format(year) + " taken from holidays.add and holidays.workdays" if given else
                f"list {year}'s holidays under holidays.add (a named one as {{name: Spring "
                f"Festival, dates: {year}-MM-DD..{year}-MM-DD}}) and its working weekends under "
                "holidays.workdays")
        out.append(f"holidays.country = '{spec.country}': {release} has no holiday data for "
                   f"{year}; its days count as ordinary weekdays and weekends (no statutory "
                   f"holidays, no adjusted working days); {told} (docs/scenario.md, holidays)")
    return out


@dataclass(frozen=True)
class Day:
    index: int
    date: dt.date
    type: DayType
    holiday_name: str = ""

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def is_weekend(self) -> bool:
        """Saturday or Sunday on the calendar (an adjusted workday still counts)."""
        return self.date.weekday() >= 5

    @property
    def is_holiday(self) -> bool:
        return self.type in (DayType.HOLIDAY, DayType.IN_LIEU)

    @property
    def is_workday(self) -> bool:
        return self.type.is_workday


def matches(day: Day, spec: Any) -> bool:
    """Does ``day`` fall under a day selector (all, workdays, restdays, weekends, holidays,
    mon..sun, weekday ranges such as mon..fri, dates and date ranges)?"""
    dates, ranges, weekdays, words = _compiled(spec)
    if day.date in dates or day.date.weekday() in weekdays:
        return True
    if any(a <= day.date <= b for a, b in ranges):
        return True
    return bool(words) and ("all" in words or ("workdays" in words and day.is_workday)
                            or ("restdays" in words and not day.is_workday)
                            or ("weekends" in words and day.is_weekend)
                            or ("holidays" in words and day.is_holiday))


_COMPILED: dict[int, tuple[Any, tuple]] = {}


def _compiled(spec: Any) -> tuple[frozenset, tuple, frozenset, frozenset]:
    """A selector as (single dates, date ranges, weekdays, words), worked out once per selector
    object (a demand line may list hundreds of dates, and every day asks)."""
    hit = _COMPILED.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    dates, ranges, weekdays, words = set(), [], set(), set()
    for item in spec if isinstance(spec, (list, tuple)) else [spec]:
        kind, what = selector_item(item)
        if kind == "dates":
            if what[0] == what[1]:
                dates.add(what[0])
            else:
                ranges.append(what)
        elif kind == "weekdays":
            weekdays |= what
        else:
            words.add(what)
    out = (frozenset(dates), tuple(ranges), frozenset(weekdays), frozenset(words))
    if len(_COMPILED) > 10_000:
        _COMPILED.clear()
    _COMPILED[id(spec)] = (spec, out)
    return out


STAFF_FREE = ("seats",)
"""Remembered results that do not depend on who is on the staff list."""


class Calendar:
    """Days of the horizon, with weeks, weekends and shift instances."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        dates = scenario.horizon.days()
        types = day_types(dates, scenario.holidays)
        self.days = [Day(i, d, *types[d]) for i, d in enumerate(dates)]
        self.index = {d.date: d.index for d in self.days}
        self.memo: dict[str, object] = {}
        """Results derived from this calendar's own scenario (see ``remembered``)."""

    def remembered(self, scenario: Scenario, name: str, compute):
        """``compute()`` once per name while ``scenario`` is this calendar's own scenario."""
        if scenario is not self.scenario:
            return compute()
        if name not in self.memo:
            self.memo[name] = compute()
        return self.memo[name]

    def for_roster(self, scenario: Scenario, roster: object, name: str, compute):
        """``compute()`` once for the last roster asked about under ``name`` (rosters are
        immutable): the grid, result.json and the summary each want the same per-person
        figures."""
        if scenario is not self.scenario:
            return compute()
        hit = self.memo.get(name)
        if hit is not None and hit[0] is roster:  # type: ignore[index]
            return hit[1]  # type: ignore[index]
        value = compute()
        self.memo[name] = (roster, value)
        return value

    def for_staff(self, scenario: Scenario) -> Calendar:
        """This calendar for ``scenario``, a copy of its own scenario with other staff (same days,
        shifts and demand): day types and seats are shared, nothing that depends on staff is."""
        other = copy.copy(self)
        other.scenario = scenario
        other.memo = {k: v for k, v in self.memo.items() if k in STAFF_FREE}
        return other

    def __len__(self) -> int:
        return len(self.days)

    @property
    def start(self) -> dt.date:
        return self.days[0].date

    def day(self, date: dt.date) -> Day:
        return self.days[self.index[date]]

    @cached_property
    def weeks(self) -> list[list[int]]:
        """Day indexes grouped by ISO week (partial weeks at the edges included)."""
        groups: dict[tuple[int, int], list[int]] = {}
        for d in self.days:
            groups.setdefault(d.date.isocalendar()[:2], []).append(d.index)
        return list(groups.values())

    @cached_property
    def weekends(self) -> list[list[int]]:
        """Day indexes of each Saturday/Sunday pair that touches the horizon."""
        groups: dict[dt.date, list[int]] = {}
        for d in self.days:
            if d.is_weekend:
                sat = d.date - dt.timedelta(days=d.date.weekday() - 5)
                groups.setdefault(sat, []).append(d.index)
        return list(groups.values())

    @cached_property
    def weekend_months(self) -> dict[tuple[int, int], list[int]]:
        """Weekend numbers (positions in ``weekends``) grouped by the month of their Saturday."""
        out: dict[tuple[int, int], list[int]] = {}
        for k, idx in enumerate(self.weekends):
            first = self.days[idx[0]].date
            sat = first - dt.timedelta(days=first.weekday() - 5)
            out.setdefault((sat.year, sat.month), []).append(k)
        return out

    def shift_runs(self, shift: Shift, day: Day) -> bool:
        return matches(day, shift.on)

    def interval(self, shift: Shift, day_index: int) -> tuple[int, int]:
        """Absolute minutes (from the horizon start) of a shift instance, arrival (the start less
        any handover) to last end."""
        base = day_index * 24 * 60
        return base + shift.arrive_minute, base + shift.end_minute

    def instance(self, shift: Shift, date: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Wall-clock start and end of each segment of a shift worked on ``date`` (the first starts
        at the arrival for a handover)."""
        midnight = dt.datetime.combine(date, dt.time())
        spans = [(s - (shift.handover_minutes if i == 0 else 0), e)
                 for i, (s, e) in enumerate(shift.spans)]
        return [(midnight + dt.timedelta(minutes=s), midnight + dt.timedelta(minutes=e))
                for s, e in spans]
