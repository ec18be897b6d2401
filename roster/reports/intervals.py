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
from roster.model.intervals import counted_shifts, interval_needs, on_floor, worked_intervals
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
    """Service level, average speed of answer and occupancy of ``scheduled`` people for
    ``calls``."""
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
    short_cost: int = 0
    """The cost of the people short, as the validator counts it (the line's convex steps)."""

    @property
    def empty(self) -> bool:
        """Nobody on the floor while the line needs someone."""
        return self.needed > 0 and self.scheduled == 0

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
    """The interval with the most people short (then the lowest service level); None when none is
    short."""
    calls: float
    service_level: float | None
    """Service level weighted by calls; None without calls."""
    target: float | None
    """The line's service-level target when its forecast gives calls."""
    empty_intervals: int = 0
    """Intervals with nobody on the floor while the line needs someone."""
    short_cost: int = 0
    """The cost of the people short (the line's convex steps), summed over the day's intervals."""


def interval_figures(scenario: Scenario, roster: Roster,
                     calendar: Calendar | None = None) -> list[IntervalFigures]:
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
            got = achieved(need.calls, line.aht_seconds, line.answer_seconds, have,
                           line.shrinkage, need.minutes)
        out.append(IntervalFigures(need.line, need.role, day.date,
                                   f"{minute // 60:02d}:{minute % 60:02d}",
                                   need.start, need.minutes, need.agents, have, need.calls,
                                   got.answering if got else None,
                                   got.service_level if got else None,
                                   got.asa_seconds if got else None,
                                   got.occupancy if got else None,
                                   need.short_cost(need.agents - have)))
    return out


def day_figures(scenario: Scenario, figures: list[IntervalFigures]) -> list[DayFigures]:
    """Per line and day: intervals short, the worst one, and the call-weighted service level."""
    groups: dict[tuple[int, dt.date], list[IntervalFigures]] = {}
    for f in figures:
        groups.setdefault((f.line, f.date), []).append(f)
    out = []
    for (i, date), rows in groups.items():
        line = scenario.demand[i]
        weighted = [(f.calls, f.service_level) for f in rows
                    if f.calls and f.service_level is not None]
        calls = sum(f.calls or 0.0 for f in rows)
        level = sum(c * s for c, s in weighted) / calls if weighted and calls else None
        short = [f for f in rows if f.short]
        worst = max(short, key=lambda f: (
            f.short, -(f.service_level if f.service_level is not None else 1.0), -f.start),
        ) if short else None
        target = line.service_level if any(f.calls is not None for f in rows) else None
        out.append(DayFigures(i, rows[0].role, date, len(rows), len(short),
                              sum(f.short for f in rows), sum(f.over for f in rows), worst,
                              calls, level, target,
                              sum(1 for f in rows if f.empty), sum(f.short_cost for f in rows)))
    return out


def worst_text(day: DayFigures) -> str:
    """``09:30 10/12`` (scheduled of needed) for the day's worst interval, ``""`` when none is
    short."""
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
    if day.empty_intervals:
        text += f", {day.empty_intervals} with nobody on the floor"
    if day.service_level is not None:
        text += f", SL {percent(day.service_level)}"
        if day.target is not None:
            text += f" (target {day.target:.0%})"
    return text


def _falls_short(day: DayFigures) -> bool:
    below = (day.service_level is not None and day.target is not None
             and day.service_level < day.target)
    return day.short_intervals > 0 or below


def only_history(scenario: Scenario, calendar: Calendar) -> set[tuple[str | None, int]]:
    """Intervals of day 1 no shift of the horizon can work: only the previous roster's last night
    (``history``) can put people on the floor there."""
    needs = interval_needs(scenario, calendar)
    reach: set[tuple[str | None, int]] = set()
    for _, line in scenario.interval_lines:
        for sid in counted_shifts(scenario, line):
            shift = scenario.shift_by_id[sid]
            for day in calendar.days[:1]:
                reach.update((line.role, t)
                             for t in worked_intervals(shift, day.index, line.interval_minutes))
    return {k for k in needs if k[1] < 1440 and k not in reach}


def history_lines(scenario: Scenario, calendar: Calendar,
                  figures: list[IntervalFigures]) -> list[str]:
    """A line per demand line whose day-1 intervals are short where only last month's night could
    cover them: without a ``history`` it says to give one; with one, that its people are counted."""
    early = only_history(scenario, calendar)
    if not early:
        return []
    start = calendar.days[0].date
    before = start - dt.timedelta(days=1)
    given = scenario.history is not None and any(w.date == before for w in scenario.history.worked)
    out = []
    for i, _line in scenario.interval_lines:
        short = [f for f in figures if f.line == i and (f.role, f.start) in early and f.short]
        if not short:
            continue
        last = max(f.start + f.minutes for f in short)
        until = f"{last // 60 % 24:02d}:{last % 60:02d}"
        who = short[0].role or "all"
        if given:
            out.append(f"{start} {who}: {len(short)} intervals before {until} short with the "
                       f"history's night of {before} counted (only that night can cover them)")
        else:
            out.append(f"{start} {who}: {len(short)} intervals before {until} short for lack of "
                       f"history: only the night of {before} (the previous roster) can cover "
                       "them; give it in `history` to count its people")
    return out


def summary_lines(scenario: Scenario, roster: Roster,
                  calendar: Calendar | None = None) -> list[str]:
    """The CLI's interval summary: a line per demand line and day that falls short (an interval
    short or the service level below target), then each line's month figures."""
    figures = interval_figures(scenario, roster, calendar)
    if not figures:
        return []
    days = day_figures(scenario, figures)
    out = [day_line(d) for d in days if _falls_short(d)]
    out += history_lines(scenario, calendar or Calendar(scenario), figures)
    for i, _line in scenario.interval_lines:
        mine = [d for d in days if d.line == i]
        if not mine:
            continue
        met = sum(1 for d in mine if not _falls_short(d))
        if met:
            targeted = any(d.target is not None for d in mine)
            out.append(f"{mine[0].role or 'all'}: {met} of {len(mine)} days with every interval "
                       "covered" + (" and the service level reached" if targeted else ""))
        calls = sum(d.calls for d in mine)
        weighted = [(d.calls, d.service_level) for d in mine if d.service_level is not None]
        level = sum(c * s for c, s in weighted) / calls if weighted and calls else None
        text = (f"month {mine[0].role or 'all'}: {sum(d.short_intervals for d in mine)}/"
                f"{sum(d.intervals for d in mine)} intervals short "
                f"(short by {sum(d.people_short for d in mine)} in all)")
        empty = sum(d.empty_intervals for d in mine)
        if empty:
            text += f", {empty} with nobody on the floor"
        if level is not None:
            text += f", SL {percent(level)}"
        out.append(text)
    return out
