"""People needed and people on the floor per interval (``demand`` lines with ``per_interval``).

A person counts in an interval when they work all of it and are not on a break in any part of
it. A line's need for an interval comes from the forecast row for that date, else for that
weekday, else for every day; rows that give calls are turned into agents with Erlang C. Where
two lines of one role name the same interval, the later line wins (as with seat lines).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .calendar import Calendar, matches
from .erlang import agents_needed
from .roster import Assignment
from .scenario import (
    IntervalDemand,
    IntervalRow,
    Scenario,
    Shift,
    limit_value,
    limit_weight,
    parse_minutes,
)


@dataclass(frozen=True)
class Need:
    """People of one role (or everyone, role None) needed in one interval."""

    line: int
    """Index of the demand line."""
    role: str | None
    start: int
    """Minutes from the horizon start."""
    minutes: int
    agents: int
    calls: float | None
    under_weight: int
    over_weight: int
    steps: tuple[int, ...] = (1,)
    """Cost of the 1st, 2nd, … person short (the last repeats; never decreasing)."""
    floor_min: int = 0
    """People that must be on the floor while the line needs anyone (0: no such rule, or no need
    here)."""
    floor_weight: int | None = None
    """Cost per person below ``floor_min``; None: hard."""

    def short_cost(self, short: int) -> int:
        """The cost of ``short`` people missing in this interval."""
        return shortfall_cost(self.steps, short)

    def low_cost(self, have: int) -> int:
        """The soft ``min_on_floor`` cost of ``have`` people on the floor (0 when hard or met)."""
        return (self.floor_weight or 0) * max(0, self.floor_min - have)


def shortfall_cost(steps: tuple[int, ...], short: int) -> int:
    """Sum of the first ``short`` steps, the last step repeating: convex in ``short``."""
    if short <= 0:
        return 0
    if short <= len(steps):
        return sum(steps[:short])
    return sum(steps) + (short - len(steps)) * steps[-1]


def rows_for(line: IntervalDemand, date, weekday: str) -> list[IntervalRow]:
    """The forecast rows that apply on one day: dated ones, else the weekday's, else the general
    ones."""
    rows = line.per_interval
    if isinstance(rows, str):
        raise ValueError(f"the forecast file {rows!r} has not been read "
                         "(load the scenario from its file)")
    return ([r for r in rows if r.date == date] or [r for r in rows if r.weekday == weekday]
            or [r for r in rows if r.date is None and r.weekday is None])


def interval_needs(scenario: Scenario, calendar: Calendar) -> dict[tuple[str | None, int], Need]:
    """(role or None, interval start from the horizon start) → Need, for every per-interval line."""
    return calendar.remembered(scenario, "interval_needs", lambda: _needs(scenario, calendar))


def _needs(scenario: Scenario, calendar: Calendar) -> dict[tuple[str | None, int], Need]:
    out: dict[tuple[str | None, int], Need] = {}
    erlang: dict[tuple[int, float], int] = {}
    for i, line in scenario.interval_lines:
        for day in calendar.days:
            if not matches(day, line.days):
                continue
            for row in rows_for(line, day.date, day.weekday):
                agents = row.agents
                if agents is None:
                    key = (i, row.calls or 0.0)
                    if key not in erlang:
                        erlang[key] = agents_needed(row.calls or 0.0, line.aht_seconds or 0.0,
                                                    line.service_level, line.answer_seconds,
                                                    line.shrinkage, line.interval_minutes)
                    agents = erlang[key]
                start = day.index * 1440 + parse_minutes(row.interval) % 1440
                low = int(limit_value(line.min_on_floor) or 0) if agents > 0 else 0
                out[(line.role, start)] = Need(i, line.role, start, line.interval_minutes, agents,
                                               row.calls, line.steps[0], line.over_weight,
                                               line.steps, low, limit_weight(line.min_on_floor))
    return out


def counted_shifts(scenario: Scenario, line: IntervalDemand) -> set[str]:
    """Shift ids whose people count toward a per-interval line."""
    return set(scenario.shifts_named(line.shifts)) if line.shifts else set(scenario.shift_by_id)


def break_window(shift: Shift, start_minute: int) -> tuple[int, int]:
    """A break starting at ``start_minute`` (from 00:00 of the shift's day) as (start, end)."""
    assert shift.break_rule is not None
    return start_minute, start_minute + shift.break_rule.minutes


def break_minute(shift: Shift, text: str) -> int:
    """A break's wall-clock start ``HH:MM`` as minutes from 00:00 of the shift's day."""
    m = parse_minutes(text) % 1440
    while m < shift.start_minute:
        m += 1440
    return m


def worked_intervals(shift: Shift, day: int, step: int) -> list[int]:
    """Starts (from the horizon start) of the ``step``-minute intervals a shift instance works
    whole."""
    base = day * 1440
    out: list[int] = []
    for a, b in shift.spans:
        t = -(-(base + a) // step) * step
        while t + step <= base + b:
            out.append(t)
            t += step
    return out


def break_intervals(shift: Shift, day: int, start_minute: int, step: int) -> list[int]:
    """Starts of the ``step``-minute intervals a break starting at ``start_minute`` touches."""
    a, b = break_window(shift, start_minute)
    base = day * 1440
    first = (base + a) // step * step
    return list(range(first, base + b, step))


def on_floor(scenario: Scenario, calendar: Calendar, assignments: Iterable[Assignment]
             ) -> dict[tuple[str | None, int], int]:
    """(role or None, interval start) → people on the floor, for every interval a line needs.

    The one count of interval coverage: the validator, reports and what-if all use it. People of
    the ``history`` (the previous roster's tail) whose shift reaches into the horizon (last
    month's night on day 1's early intervals) count too: ``history_on_floor``."""
    needs = interval_needs(scenario, calendar)
    out = dict.fromkeys(needs, 0)
    if not needs:
        return out
    lines = _lines(scenario)
    for a in assignments:
        d = calendar.index.get(a.date)
        if d is not None:
            _count(scenario, lines, out, a, d)
    for key, n in history_on_floor(scenario, calendar).items():
        out[key] += n
    return out


def _lines(scenario: Scenario) -> list[tuple[str | None, int, set[str]]]:
    return [(line.role, line.interval_minutes, counted_shifts(scenario, line))
            for _, line in scenario.interval_lines]


def _count(scenario: Scenario, lines, out: dict[tuple[str | None, int], int], a, d: int) -> None:
    """Add one assignment (worked on day index ``d``, negative before the horizon) to the floor."""
    shift = scenario.shift_by_id.get(a.shift)
    if shift is None:
        return
    for role, step, shifts in lines:
        if a.shift not in shifts or (role is not None and a.role != role):
            continue
        at = _break_start(shift, a)
        away = set(break_intervals(shift, d, at, step)) if at is not None else set()
        for t in worked_intervals(shift, d, step):
            key = (role, t)
            if key in out and t not in away:
                out[key] += 1


def history_on_floor(scenario: Scenario, calendar: Calendar) -> dict[tuple[str | None, int], int]:
    """(role or None, interval start) → people of the ``history`` on the floor inside the horizon.

    A history shift counts in the seat role it gives, else in the person's first role; its break
    as its ``break_at`` says (none given: on the floor throughout)."""
    return calendar.remembered(scenario, "history_on_floor",
                               lambda: _history_floor(scenario, calendar))


def _history_floor(scenario: Scenario, calendar: Calendar) -> dict[tuple[str | None, int], int]:
    needs = interval_needs(scenario, calendar)
    if scenario.history is None or not needs:
        return {}
    out = dict.fromkeys(needs, 0)
    lines = _lines(scenario)
    start = calendar.days[0].date
    for w in scenario.history.worked:
        shift = scenario.shift_by_id.get(w.shift)
        person = scenario.staff_by_id.get(w.staff)
        d = (w.date - start).days
        if shift is None or person is None or d >= 0 or d * 1440 + shift.end_minute <= 0:
            continue
        seat = w.role or person.roles[0]
        worked = Assignment(w.date, w.staff, w.shift, seat, None, w.break_at)
        _count(scenario, lines, out, worked, d)
    return {k: n for k, n in out.items() if n}


def _break_start(shift: Shift, a: Assignment) -> int | None:
    """The break's start in minutes, or None when there is none to count (no break rule, no
    ``break_at`` or a time that cannot be read: the validator names those)."""
    if shift.break_rule is None or not a.break_at:
        return None
    try:
        return break_minute(shift, a.break_at)
    except ValueError:
        return None


def coverage_cost(needs: dict[tuple[str | None, int], Need],
                  staffed: dict[tuple[str | None, int], int]) -> tuple[int, int]:
    """(cost of people short, cost of people over) summed over the intervals (``min_on_floor``
    is apart: ``floor_min_cost``)."""
    under = over = 0
    for key, need in needs.items():
        have = staffed.get(key, 0)
        under += need.short_cost(need.agents - have)
        over += need.over_weight * max(0, have - need.agents)
    return under, over


def floor_min_cost(needs: dict[tuple[str | None, int], Need],
                   staffed: dict[tuple[str | None, int], int]) -> tuple[int, int]:
    """(cost of soft ``min_on_floor`` shortfalls, intervals where a hard one is broken)."""
    cost = broken = 0
    for key, need in needs.items():
        have = staffed.get(key, 0)
        if have < need.floor_min:
            if need.floor_weight is None:
                broken += 1
            else:
                cost += need.low_cost(have)
    return cost, broken
