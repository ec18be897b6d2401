"""Needed against scheduled per interval, and the service level each interval will reach.

People on the floor come from ``roster.model.intervals.on_floor`` (the one count, shared with the
validator and what-if). Where the forecast gives calls, Erlang C (``roster.model.erlang``) is run
again with the people the roster puts on the floor:

- agents on the phones = scheduled × (1 − shrinkage), rounded down: the need was grossed up
  with ``ceil(N / (1 − shrinkage))``, so rounding down is its inverse (``ceil`` then ``floor``
  gives back N) and never promises a service level the floor cannot give;
- service level = share of calls answered within ``answer_seconds``;
- average speed of answer = mean wait over all calls, in seconds;
- occupancy = offered erlangs / agents on the phones.

When the agents on the phones cannot keep up (erlangs ≥ agents) the queue grows without end:
the service level is 0, the average speed of answer has no value (``None``) and occupancy is 1.
An interval without calls has no service level (``None``); rows that give agents only have none
either. A day's service level weighs each interval's service level by its calls.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from roster.model.calendar import Calendar
from roster.model.erlang import average_speed_of_answer, service_level, traffic
from roster.model.intervals import interval_needs, on_floor
from roster.model.roster import Roster
from roster.model.scenario import IntervalDemand, Scenario


@dataclass(frozen=True)
class Achieved:
    """What the agents on the phones reach in one interval."""

    answering: int
    """Agents on the phones: scheduled × (1 − shrinkage), rounded down."""
    service_level: float | None
    asa_seconds: float | None
    occupancy: float | None


def achieved(calls: float, aht_seconds: float, answer_seconds: float, scheduled: int,
             shrinkage: float = 0.0, interval_minutes: int = 30) -> Achieved:
    """Service level, average speed of answer and occupancy of ``scheduled`` people for ``calls``."""
    answering = math.floor(scheduled * (1 - shrinkage) + 1e-9)
    if calls <= 0:
        return Achieved(answering, None, None, None)
    a = traffic(calls, aht_seconds, interval_minutes)
    if answering <= a:
        return Achieved(answering, 0.0, None, 1.0)
    return Achieved(answering, service_level(answering, a, aht_seconds, answer_seconds),
                    average_speed_of_answer(answering, a, aht_seconds), a / answering)


@dataclass(frozen=True)
class IntervalFigures:
    """One interval of one per-interval demand line."""

    line: int
    role: str | None
    date: dt.date
    interval: str
    """Start, HH:MM on ``date``."""
    start: int
    """Minutes from the horizon start."""
    minutes: int
    needed: int
    scheduled: int
    calls: float | None
    answering: int | None
    service_level: float | None
    asa_seconds: float | None
    occupancy: float | None

    @property
    def short(self) -> int:
        return max(0, self.needed - self.scheduled)

    @property
    def over(self) -> int:
        return max(0, self.scheduled - self.needed)


@dataclass(frozen=True)
class DayFigures:
    """One day of one per-interval demand line."""

    line: int
    role: str | None
    date: dt.date
    intervals: int
    short_intervals: int
    """Intervals with fewer people than needed."""
    people_short: int
    """People missing, summed over the intervals (a person short for two intervals counts twice)."""
    people_over: int
    worst: IntervalFigures | None
    """The interval with the most people short (then the lowest service level); None when none is short."""
    calls: float
    service_level: float | None
    """Service level weighted by calls; None without calls."""
    target: float | None
    """The line's service-level target when its forecast gives calls."""


def interval_figures(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> list[IntervalFigures]:
    """Every interval a per-interval line needs, in line, role and time order."""
    cal = calendar or Calendar(scenario)
    needs = interval_needs(scenario, cal)
    if not needs:
        return []
    staffed = on_floor(scenario, cal, roster)
    out = []
    for key in sorted(needs, key=lambda k: (needs[k].line, k[0] or "", k[1])):
        need = needs[key]
        line = scenario.demand[need.line]
        assert isinstance(line, IntervalDemand)
        have = staffed.get(key, 0)
        day = cal.days[need.start // 1440]
        minute = need.start % 1440
        got: Achieved | None = None
        if need.calls is not None and line.aht_seconds:
            got = achieved(need.calls, line.aht_seconds, line.answer_seconds, have, line.shrinkage, need.minutes)
        out.append(IntervalFigures(need.line, need.role, day.date, f"{minute // 60:02d}:{minute % 60:02d}",
                                   need.start, need.minutes, need.agents, have, need.calls,
                                   got.answering if got else None, got.service_level if got else None,
                                   got.asa_seconds if got else None, got.occupancy if got else None))
    return out


def day_figures(scenario: Scenario, figures: list[IntervalFigures]) -> list[DayFigures]:
    """Per line and day: intervals short, the worst one, and the call-weighted service level."""
    groups: dict[tuple[int, dt.date], list[IntervalFigures]] = {}
    for f in figures:
        groups.setdefault((f.line, f.date), []).append(f)
    out = []
    for (i, date), rows in groups.items():
        line = scenario.demand[i]
        weighted = [(f.calls, f.service_level) for f in rows if f.calls and f.service_level is not None]
        calls = sum(f.calls or 0.0 for f in rows)
        level = sum(c * s for c, s in weighted) / calls if weighted and calls else None
        short = [f for f in rows if f.short]
        worst = max(short, key=lambda f: (f.short, -(f.service_level if f.service_level is not None else 1.0),
                                          -f.start)) if short else None
        target = line.service_level if any(f.calls is not None for f in rows) else None
        out.append(DayFigures(i, rows[0].role, date, len(rows), len(short), sum(f.short for f in rows),
                              sum(f.over for f in rows), worst, calls, level, target))
    return out


def worst_text(day: DayFigures) -> str:
    """``09:30 10/12`` (scheduled of needed) for the day's worst interval, ``""`` when none is short."""
    w = day.worst
    return f"{w.interval} {w.scheduled}/{w.needed}" if w is not None else ""


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def day_line(day: DayFigures) -> str:
    """One compact line for the CLI: intervals short, the worst one, the day's service level."""
    who = day.role or "all"
    text = f"{day.date} {day.date:%a} {who}: {day.short_intervals}/{day.intervals} intervals short"
    if day.worst is not None:
        text += f" (short by {day.people_short} in all), worst {worst_text(day)}"
    if day.service_level is not None:
        text += f", SL {percent(day.service_level)}"
        if day.target is not None:
            text += f" (target {day.target:.0%})"
    return text


def _falls_short(day: DayFigures) -> bool:
    below = day.service_level is not None and day.target is not None and day.service_level < day.target
    return day.short_intervals > 0 or below


def summary_lines(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> list[str]:
    """The CLI's interval summary: a line per demand line and day that falls short (an interval
    short or the service level below target), then each line's month figures."""
    figures = interval_figures(scenario, roster, calendar)
    if not figures:
        return []
    days = day_figures(scenario, figures)
    out = [day_line(d) for d in days if _falls_short(d)]
    for i, _line in scenario.interval_lines:
        mine = [d for d in days if d.line == i]
        if not mine:
            continue
        met = sum(1 for d in mine if not _falls_short(d))
        if met:
            out.append(f"{mine[0].role or 'all'}: {met} of {len(mine)} days with every interval covered"
                       + (" and the service level reached" if any(d.target is not None for d in mine) else ""))
        calls = sum(d.calls for d in mine)
        weighted = [(d.calls, d.service_level) for d in mine if d.service_level is not None]
        level = sum(c * s for c, s in weighted) / calls if weighted and calls else None
        text = (f"month {mine[0].role or 'all'}: {sum(d.short_intervals for d in mine)}/"
                f"{sum(d.intervals for d in mine)} intervals short "
                f"(short by {sum(d.people_short for d in mine)} in all)")
        if level is not None:
            text += f", SL {percent(level)}"
        out.append(text)
    return out
