"""Call-volume demand: agents needed per interval with Erlang C, then seats per shift.

Erlang C models a queue of calls (Poisson arrivals, exponential handle times, nobody hangs up)
served by N agents. With traffic A = calls × handle time / interval length (in erlangs):

- Erlang B by the stable recursion B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1));
- probability a call waits  C(N, A) = N·B / (N − A·(1 − B))  for N > A;
- service level  SL(t) = 1 − C · exp(−(N − A) · t / AHT);
- agents on the phones = the smallest N > A with SL(t) ≥ target; agents to roster =
  ceil(N / (1 − shrinkage)).

Seats per shift cover every interval's need: walking the horizon's intervals in time order,
any shortfall is filled on the shift instance covering that interval that ends last (the
classic greedy for covering a line with intervals).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from .calendar import Calendar, matches
from .fields import FieldError
from .scenario import Scenario


def erlang_b(agents: int, traffic: float) -> float:
    """Probability that a call finds every one of ``agents`` busy in a loss system."""
    if agents < 0 or traffic < 0:
        raise ValueError("agents and traffic cannot be negative")
    b = 1.0
    for n in range(1, agents + 1):
        b = traffic * b / (n + traffic * b)
    return b


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a call has to wait (1.0 when the agents cannot keep up)."""
    if agents <= traffic:
        return 1.0
    b = erlang_b(agents, traffic)
    return agents * b / (agents - traffic * (1 - b))


def service_level(agents: int, traffic: float, aht_seconds: float, answer_seconds: float) -> float:
    """Share of calls answered within ``answer_seconds``."""
    if agents <= traffic:
        return 0.0
    waiting = erlang_c(agents, traffic)
    return 1 - waiting * math.exp(-(agents - traffic) * answer_seconds / aht_seconds)


def average_speed_of_answer(agents: int, traffic: float, aht_seconds: float) -> float:
    """Mean wait in seconds over all calls."""
    if agents <= traffic:
        return math.inf
    return erlang_c(agents, traffic) * aht_seconds / (agents - traffic)


def traffic(calls: float, aht_seconds: float, interval_minutes: int = 30) -> float:
    """Offered load in erlangs."""
    return calls * aht_seconds / (interval_minutes * 60)


def agents_on_phones(calls: float, aht_seconds: float, target: float, answer_seconds: float,
                     interval_minutes: int = 30) -> int:
    """Fewest agents taking calls that reach the service level (0 for no calls)."""
    if calls <= 0:
        return 0
    if not 0 < target < 1:
        raise ValueError(f"service level {target} must lie between 0 and 1")
    a = traffic(calls, aht_seconds, interval_minutes)
    n = max(1, math.floor(a) + 1)
    while service_level(n, a, aht_seconds, answer_seconds) < target:
        n += 1
    return n


def agents_needed(calls: float, aht_seconds: float, target: float = 0.8, answer_seconds: float = 20,
                  shrinkage: float = 0.0, interval_minutes: int = 30) -> int:
    """Agents to roster for one interval: on the phones, grossed up for shrinkage."""
    if not 0 <= shrinkage < 1:
        raise ValueError(f"shrinkage {shrinkage} must lie in [0, 1)")
    n = agents_on_phones(calls, aht_seconds, target, answer_seconds, interval_minutes)
    return math.ceil(n / (1 - shrinkage) - 1e-9)


# ---- forecast file → demand lines -----------------------------------------------------------

@dataclass(frozen=True)
class ForecastRow:
    start: int
    """Minute of the day the interval starts."""
    calls: float
    date: dt.date | None = None
    weekday: str | None = None


def interval_needs(rows: list[ForecastRow], calendar: Calendar, spec: Any) -> dict[int, int]:
    """Absolute interval start (minutes from the horizon start) → agents to roster."""
    step = spec.interval_minutes
    out: dict[int, int] = {}
    cache: dict[float, int] = {}
    for day in calendar.days:
        dated = [r for r in rows if r.date == day.date]
        pick = dated or [r for r in rows if r.weekday == day.weekday] or \
            [r for r in rows if r.date is None and r.weekday is None]
        for r in pick:
            if r.calls not in cache:
                cache[r.calls] = agents_needed(r.calls, spec.aht_seconds, spec.service_level,
                                               spec.answer_seconds, spec.shrinkage, step)
            key = day.index * 1440 + r.start
            out[key] = max(out.get(key, 0), cache[r.calls])
    return out


def seats_per_shift(scenario: Scenario, calendar: Calendar, needs: dict[int, int],
                    shifts: list[str], step: int) -> dict[tuple[int, str], int]:
    """(day index, shift id) → seats so that every interval has the agents it needs."""
    instances = []
    for day in calendar.days:
        for sid in shifts:
            sh = scenario.shift_by_id[sid]
            if calendar.shift_runs(sh, day):
                base = day.index * 1440
                instances.append(((day.index, sid), [(base + a, base + b) for a, b in sh.spans]))
    seats: dict[tuple[int, str], int] = {}
    for t in sorted(needs):
        covering = [(spans[-1][1], key) for key, spans in instances
                    if any(a <= t and t + step <= b for a, b in spans)]
        have = sum(seats.get(key, 0) for _, key in covering)
        short = needs[t] - have
        if short <= 0:
            continue
        if not covering:
            continue  # no listed shift works this interval: left to the planner (see docs)
        _, key = max(covering)
        seats[key] = seats.get(key, 0) + short
    return seats


def forecast_shifts(scenario: Scenario) -> list[str]:
    """The shifts ``scenario.demand_from`` puts demand on (its role and shifts checked)."""
    spec = scenario.demand_from
    assert spec is not None
    if spec.role not in scenario.role_by_id:
        raise FieldError("demand_from.role", spec.role, f"unknown role {spec.role!r}",
                         hint=f"known role ids: {', '.join(scenario.role_by_id)}")
    shifts = list(spec.shifts or [s.id for s in scenario.shifts])
    for sid in shifts:
        if sid not in scenario.shift_by_id:
            raise FieldError("demand_from.shifts", sid, f"unknown shift {sid!r}",
                             hint=f"known shift ids: {', '.join(scenario.shift_by_id)}")
    return shifts


def demand_lines(scenario: Scenario, rows: list[ForecastRow]) -> list[dict[str, Any]]:
    """Demand lines (as dicts) from ``scenario.demand_from`` and the call forecast ``rows``."""
    spec = scenario.demand_from
    if spec is None:
        return []
    cal = Calendar(scenario)
    shifts = forecast_shifts(scenario)
    seats = seats_per_shift(scenario, cal, interval_needs(rows, cal, spec), shifts,
                            spec.interval_minutes)
    grouped: dict[tuple[str, int], list[dt.date]] = {}
    for day in cal.days:
        for sid in shifts:
            if not matches(day, scenario.shift_by_id[sid].on):
                continue
            grouped.setdefault((sid, seats.get((day.index, sid), 0)), []).append(day.date)
    lines = []
    for (sid, n), dates in sorted(grouped.items()):
        line: dict[str, Any] = {"shift": sid, "role": spec.role, "min": n,
                                "days": "all" if len(dates) == len(cal) else dates}
        if spec.max_extra is not None:
            line["max"] = n + spec.max_extra
        lines.append(line)
    return lines
