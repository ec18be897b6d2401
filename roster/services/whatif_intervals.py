"""What-if questions for per-interval demand: the headcount that reaches the service level on every
interval, a higher forecast on chosen days, and which start times to open."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic import ValidationError

from roster.model.calendar import Calendar, matches
from roster.model.fields import FieldError
from roster.model.intervals import interval_needs, rows_for
from roster.model.parse import ScenarioError, error_from_pydantic, short_value
from roster.model.scenario import IntervalDemand, Scenario, check_days, limit_value
from roster.reports.intervals import IntervalFigures, interval_figures
from roster.services.variants import headcount, with_headcount
from roster.solver.explain import editable
from roster.solver.options import SolveOptions
from roster.solver.solve import Result, solve

Solve = Callable[..., Result]
"""``solve(scenario, options)``; tests pass a stand-in."""


def _interval_roles(scenario: Scenario) -> list[str]:
    return [line.role for _, line in scenario.interval_lines if line.role is not None]


def _check_role(scenario: Scenario, role: str) -> None:
    if role not in _interval_roles(scenario):
        raise ScenarioError("--role", "role", role, "no per-interval demand line for this role",
                            hint="roles with per-interval demand: "
                                 f"{', '.join(_interval_roles(scenario)) or 'none'}")


def scaled_forecast(scenario: Scenario, factor: float, days: Any = "all",
                    role: str | None = None) -> Scenario:
    """The scenario with the per-interval forecast times ``factor`` on the days ``days`` selects
    (calls scaled, agents scaled and rounded up), for every line or the lines of ``role``.

    The chosen days get rows of their own (dated rows win over weekday and general rows)."""
    if not factor > 0 or not math.isfinite(factor):
        raise ScenarioError("--forecast-scale", "forecast-scale", factor,
                            "must be a number above 0")
    try:
        check_days("--days", days)
    except FieldError as exc:
        raise ScenarioError("--days", exc.field, exc.value, exc.message, exc.hint) from None
    if not scenario.interval_lines:
        raise ScenarioError("scenario", "demand", None, "no per-interval demand line to scale",
                            hint="add a demand line with per_interval (docs/scenario.md)")
    if role is not None:
        _check_role(scenario, role)
    cal = Calendar(scenario)
    data = editable(scenario)
    for i, line in scenario.interval_lines:
        if role is not None and line.role != role:
            continue
        chosen = [day for day in cal.days if matches(day, days) and matches(day, line.days)]
        picked = {day.date for day in chosen}
        rows = [r for r in data["demand"][i]["per_interval"] if r.get("date") not in picked]
        for day in chosen:
            for r in rows_for(line, day.date, day.weekday):
                agents = None if r.agents is None else math.ceil(r.agents * factor - 1e-9)
                calls = None if r.calls is None else round(r.calls * factor, 3)
                rows.append({"interval": r.interval, "date": day.date, "agents": agents,
                             "calls": calls})
        data["demand"][i]["per_interval"] = rows
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = error_from_pydantic(exc, "scenario")
        raise ScenarioError("--forecast-scale", err.field, err.value, err.message,
                            err.hint) from None


def needs_by_day(scenario: Scenario, other: Scenario | None = None) -> pd.DataFrame:
    """Per day and role: agent-hours needed and the peak interval need (and, given ``other``, its
    figures and the change), straight from the Erlang need per interval, no solve."""
    def table(sc: Scenario) -> dict[tuple[dt.date, str], tuple[float, int]]:
        cal = Calendar(sc)
        out: dict[tuple[dt.date, str], tuple[float, int]] = {}
        for (role, start), need in interval_needs(sc, cal).items():
            key = (cal.days[start // 1440].date, role or "all")
            hours, peak = out.get(key, (0.0, 0))
            out[key] = (hours + need.agents * need.minutes / 60, max(peak, need.agents))
        return out

    mine = table(scenario)
    theirs = table(other) if other is not None else {}
    rows = []
    for (date, role) in sorted(set(mine) | set(theirs)):
        hours, peak = mine.get((date, role), (0.0, 0))
        row: dict[str, Any] = {"date": date, "weekday": f"{date:%a}".lower(), "role": role,
                               "agent_hours": round(hours, 1), "peak": peak}
        if other is not None:
            h2, p2 = theirs.get((date, role), (0.0, 0))
            row |= {"agent_hours_new": round(h2, 1), "peak_new": p2,
                    "extra_hours": round(h2 - hours, 1), "extra_peak": p2 - peak}
        rows.append(row)
    return pd.DataFrame(rows)


def _horizon_hours(scenario: Scenario, staff: str | None = None) -> float:
    """Hours one person may work over the horizon under the weekly limit (8 h a day without one)."""
    rules = scenario.rules_for(staff) if staff else scenario.rules
    days = (scenario.horizon.end - scenario.horizon.start).days + 1
    week = limit_value(rules.max_hours_per_week)
    return (week if week is not None else 56.0) * days / 7


def fewest_people(scenario: Scenario, role: str) -> int:
    """A lower bound on the people of ``role`` the interval need asks for: the agent-hours needed
    by ``role`` lines, less what people of other roles who may take its seats can spare after
    their own lines' need, over the hours one person may work in the horizon."""
    _check_role(scenario, role)
    hours: dict[str, float] = {}
    for (r, _start), need in interval_needs(scenario, Calendar(scenario)).items():
        if r is not None:
            hours[r] = hours.get(r, 0.0) + need.agents * need.minutes / 60
    others = [p for p in scenario.staff if role not in p.roles and role in scenario.seats_for(p)]
    spare = sum(_horizon_hours(scenario, p.id) for p in others) - sum(
        hours.get(r, 0.0) for r in {x for p in others for x in p.roles} if r != role)
    left = hours.get(role, 0.0) - max(0.0, spare)
    return max(0, math.ceil(left / _horizon_hours(scenario) - 1e-9))


def below_target(scenario: Scenario, figures: list[IntervalFigures]) -> list[IntervalFigures]:
    """Intervals that miss their line's target: service level below it where the forecast gives
    calls, fewer people than needed where it gives agents."""
    out = []
    for f in figures:
        line = scenario.demand[f.line]
        assert isinstance(line, IntervalDemand)
        if f.calls is not None:
            if f.service_level is not None and f.service_level < line.service_level - 1e-12:
                out.append(f)
        elif f.scheduled < f.needed:
            out.append(f)
    return out


@dataclass
class IntervalTry:
    """One headcount (or one variant) solved and measured per interval."""

    label: str
    status: str
    objective: float | None
    intervals: int = 0
    short: int = 0
    """Intervals with fewer people than needed."""
    below: int = 0
    """Intervals below the service-level target (or short, where the forecast gives agents)."""
    service_level: float | None = None
    """Call-weighted over the horizon."""
    seconds: float = 0.0

    @property
    def reached(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE") and self.below == 0


def measure(scenario: Scenario, label: str, time_limit: float, workers: int,
            solve_fn: Solve | None) -> IntervalTry:
    """Solve ``scenario`` and count the intervals short and below target."""
    t0 = time.perf_counter()
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=0)
    result = (solve_fn or solve)(scenario, options)
    if not result.feasible:
        return IntervalTry(label, result.status, None, seconds=round(time.perf_counter() - t0, 2))
    figures = interval_figures(scenario, result.roster)
    weighted = [(f.calls, f.service_level) for f in figures
                if f.calls and f.service_level is not None]
    calls = sum(c for c, _ in weighted)
    level = sum(c * s for c, s in weighted) / calls if calls else None
    return IntervalTry(label, result.status, result.objective, len(figures),
                       sum(1 for f in figures if f.short), len(below_target(scenario, figures)),
                       level, round(time.perf_counter() - t0, 2))


@dataclass
class HeadcountAnswer:
    role: str
    current: int
    bound: int
    """``fewest_people``: fewer cannot give the hours the intervals need."""
    people: int | None
    """The fewest people tried whose roster reaches the target on every interval (None: none
    did)."""
    tries: list[IntervalTry]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"people": t.label, "status": t.status, "objective": t.objective,
                              "intervals short": t.short, "below target": t.below,
                              "service level": _level(t.service_level),
                              "seconds": t.seconds} for t in self.tries])


def _level(service_level: float | None) -> float | None:
    return None if service_level is None else round(service_level, 4)


def service_level_headcount(scenario: Scenario, role: str, high: int | None = None,
                            time_limit: float = 60, workers: int = 2,
                            solve_fn: Solve | None = None) -> HeadcountAnswer:
    """The fewest people of ``role`` whose roster reaches the service-level target on every
    interval: from the Erlang lower bound (``fewest_people``) up, doubling the step until a
    roster reaches it, then halving back (each headcount one solve of ``time_limit`` seconds).

    A solve is a heuristic: a headcount that misses within its time may reach with more time,
    so the answer is the fewest *found*; ``tries`` lists every headcount solved."""
    _check_role(scenario, role)
    current = headcount(scenario, role)
    bound = fewest_people(scenario, role)
    high = high if high is not None else max(current, bound) * 2 + 1
    tried: dict[int, IntervalTry] = {}

    def attempt(n: int) -> bool:
        if n not in tried:
            tried[n] = measure(with_headcount(scenario, role, n), str(n), time_limit, workers,
                               solve_fn)
        return tried[n].reached

    low, step, n = bound, 1, max(bound, 1)
    found = None
    while n <= high:
        if attempt(n):
            found = n
            break
        low, n, step = n + 1, n + step, step * 2
    if found is not None:
        hi = found
        while low < hi:
            mid = (low + hi) // 2
            if attempt(mid):
                hi = mid
            else:
                low = mid + 1
        found = hi
    return HeadcountAnswer(role, current, bound, found, [tried[k] for k in sorted(tried)])


def with_start_window(scenario: Scenario, template: str, first: str, last: str) -> Scenario:
    """The scenario with a shift template's start window changed (its shifts expanded again)."""
    data = editable(scenario)
    found = [t for t in data["shift_templates"] if t["id"] == template]
    if not found:
        known = ", ".join(t.id for t in scenario.shift_templates) or "none"
        raise ScenarioError("--starts", "template", template,
                            f"unknown shift template {template!r}", hint=f"templates: {known}")
    found[0]["start_between"] = [first, last]
    try:
        return Scenario.model_validate(data)
    except (ValidationError, FieldError) as exc:
        err = error_from_pydantic(exc, "scenario") if isinstance(exc, ValidationError) else exc
        raise ScenarioError("--starts", f"{template}={first}-{last}", short_value(err.value),
                            err.message, err.hint) from None


def compare_starts(scenario: Scenario, variants: Sequence[Sequence[tuple[str, str, str]]],
                   time_limit: float = 60, workers: int = 2,
                   solve_fn: Solve | None = None) -> pd.DataFrame:
    """Each set of start windows (``[(template, first, last), …]``) solved against the scenario as
    it is: cost, intervals short and below target, and the service level over the horizon."""
    options = [("as is", scenario)]
    for windows in variants:
        sc = scenario
        for template, first, last in windows:
            sc = with_start_window(sc, template, first, last)
        options.append((", ".join(f"{t}={a}-{b}" for t, a, b in windows), sc))
    rows = []
    for label, sc in options:
        got = measure(sc, label, time_limit, workers, solve_fn)
        rows.append({"start windows": label, "start times": sum(1 for s in sc.shifts if s.template),
                     "status": got.status, "objective": got.objective, "intervals short": got.short,
                     "below target": got.below,
                     "service level": _level(got.service_level),
                     "seconds": got.seconds})
    return pd.DataFrame(rows)
