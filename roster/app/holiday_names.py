"""Chinese statutory holidays by name (chinese-calendar, the library the calendar uses for
``holidays: {country: CN}``): a planner whose scenario follows another calendar, or none, adds
*National Day 2026* and gets the days of its break, with the name, under ``holidays.add``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.model.calendar import Calendar
from roster.model.scenario import NamedHoliday as Named
from roster.model.scenario import Scenario


@dataclass(frozen=True)
class NamedHoliday:
    key: str
    """``National Day 2026``: the name chinese-calendar gives, and the year."""
    name: str
    zh: str
    year: int
    days: tuple[dt.date, ...]
    """Its days in the horizon that are not holidays in the scenario yet."""

    def label(self, lang: str) -> str:
        name = self.zh if lang == "zh" else self.name
        first, last = self.days[0], self.days[-1]
        span = f"{first}" if first == last else f"{first} .. {last}"
        return f"{name} {self.year} ({span})"


def named_holidays(scenario: Scenario, calendar: Calendar | None = None) -> list[NamedHoliday]:
    """The Chinese statutory holidays with days in the horizon that the scenario does not count as
    holidays yet, in date order. Years chinese-calendar has no data for are left out."""
    import chinese_calendar as cc

    chinese = {h.value: h.chinese for h in cc.Holiday}
    cal = calendar or Calendar(scenario)
    found: dict[tuple[str, int], list[dt.date]] = {}
    for day in cal.days:
        if day.is_holiday:
            continue
        try:
            is_holiday, name = cc.get_holiday_detail(day.date)
        except NotImplementedError:  # a year past the library's data
            continue
        if is_holiday and name:
            year = _holiday_year(name, day.date)
            found.setdefault((name, year), []).append(day.date)
    out = [NamedHoliday(f"{name} {year}", name, chinese.get(name, name), year, tuple(days))
           for (name, year), days in found.items()]
    return sorted(out, key=lambda h: h.days[0])


def _holiday_year(name: str, date: dt.date) -> int:
    """The year a holiday is named for: New Year's Day's break may begin in late December."""
    return date.year + 1 if name == "New Year's Day" and date.month == 12 else date.year


def with_holidays(data: dict, days: tuple[dt.date, ...], name: str = "") -> dict:
    """The scenario data with ``days`` added to ``holidays.add`` (each once): as plain dates in
    date order, or with ``name`` as one named item (``{name: National Day, dates: [...]}``), so
    fairness by holiday name counts them."""
    holidays = dict(data.get("holidays") or {})
    items = list(holidays.get("add") or ())
    plain = {dt.date.fromisoformat(str(d)) for d in items if not isinstance(d, dict)}
    named = [d for d in items if isinstance(d, dict)]
    have = plain | {d for item in named for d in Named.model_validate(item).dates}
    new = sorted(set(days) - have)
    if name and new:
        named.append({"name": name, "dates": [d.isoformat() for d in new]})
    elif not name:
        plain |= set(new)
    holidays["add"] = [d.isoformat() for d in sorted(plain)] + named
    return {**data, "holidays": holidays}
