"""What-if staffing: the smallest headcount per role, two scenarios side by side, and sweeps;
for per-interval demand, the headcount that reaches the service level on every interval, a
higher forecast on chosen days, and which start times to open.

Sweeps run their solves in parallel on Ray when it is installed (a local instance with one worker
per core, or a cluster given by its address) and in a local process pool otherwise; both run the
same task function, ``run_point``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model
from pydantic import ValidationError

from roster.model.availability import leave_minutes
from roster.model.calendar import Calendar, matches
from roster.model.counting import seat_counts
from roster.model.demand import seats_table
from roster.model.fields import FieldError
from roster.model.intervals import interval_needs, rows_for
from roster.model.parse import ScenarioError, error_from_pydantic, short_value
from roster.model.roster import Roster
from roster.model.scenario import IntervalDemand, Scenario, check_days, limit_value, parse_minutes
from roster.reports.intervals import IntervalFigures, interval_figures
from roster.reports.summary import person_summary
from roster.solver.explain import editable
from roster.solver.options import SolveOptions
from roster.solver.relax import new_person
from roster.solver.rules import hard_families
from roster.solver.search import construct
from roster.solver.search.colgen import ColumnGeneration
from roster.solver.solve import Result, build, extract, solve

LONG_WEEK_HOURS = 40.0
"""Weekly hours above which compare and sweep count a week as long (``long_week_hours``)."""


# ---- headcount edits --------------------------------------------------------------------------

def headcount(scenario: Scenario, role: str) -> int:
    """People who hold ``role`` (directly, not through covering)."""
    return sum(role in p.roles for p in scenario.staff)


def with_headcount(scenario: Scenario, role: str, count: int) -> Scenario:
    """The scenario with ``count`` people of ``role``: generic new hires are added, or the last
    listed people of the role are removed with their leave, requests and pins."""
    if role not in scenario.role_by_id:
        raise ScenarioError("--vary", f"staff.count.{role}", role, f"unknown role {role!r}",
                            hint=f"known roles: {', '.join(scenario.role_by_id)}")
    if count < 0:
        raise ScenarioError("--vary", f"staff.count.{role}", count, "a headcount cannot be negative")
    data = editable(scenario)
    now = headcount(scenario, role)
    for _ in range(count - now):
        data["staff"].append(new_person(scenario, role, [p["id"] for p in data["staff"]]))
    if count < now:
        mine = [p["id"] for p in data["staff"] if role in p["roles"]]
        gone = set(mine[count:])
        if len(gone) == len(data["staff"]):
            raise ScenarioError("--vary", f"staff.count.{role}", count, "a scenario needs at least one person")
        data["staff"] = [p for p in data["staff"] if p["id"] not in gone]
        for key in ("leave", "requests", "fixed"):
            data[key] = [x for x in data[key] if x["staff"] not in gone]
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = error_from_pydantic(exc, "scenario")
        raise ScenarioError("--vary", f"staff.count.{role}", count,
                            f"gives {err.field} = {short_value(err.value)}: {err.message}",
                            err.hint or "people named elsewhere in the scenario (posts…) cannot be removed") from None


def parse_values(text: str) -> list[Any]:
    """``2..5`` → [2, 3, 4, 5]; ``8,10,12`` → [8, 10, 12]; ``0.5,1`` → [0.5, 1].

    Raises ValueError for anything that is not a number.
    """
    def num(x: str) -> Any:
        x = x.strip()
        try:
            return int(x)
        except ValueError:
            pass
        try:
            value = float(x)
        except ValueError:
            raise ValueError(f"{x!r} is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{x!r} is not a number")
        return value
    if not text.strip():
        raise ValueError("no values given")
    if ".." in text:
        lo, hi = (num(x) for x in text.split("..", 1))
        if not isinstance(lo, int) or not isinstance(hi, int) or hi < lo:
            raise ValueError(f"{text!r}: a range is two whole numbers, low..high")
        return list(range(lo, hi + 1))
    return [num(x) for x in text.split(",") if x.strip()]


def apply_vary(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    """Apply sweep keys: ``demand.SHIFT.ROLE.min|max`` (ROLE ``all`` = lines without a role),
    ``staff.count.ROLE`` and ``rules.FIELD``."""
    sc = scenario
    for key, value in changes.items():
        parts = key.split(".")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ScenarioError("--vary", key, value, "not a number")
        if parts[:2] == ["staff", "count"] and len(parts) == 3:
            if not float(value).is_integer():
                raise ScenarioError("--vary", key, value, "a headcount is a whole number")
            sc = with_headcount(sc, parts[2], int(value))
            continue
        data = editable(sc)
        if parts[0] == "demand" and len(parts) == 4 and parts[3] in ("min", "max"):
            shift, role, end = parts[1], (None if parts[2] in ("all", "*") else parts[2]), parts[3]
            lines = [d for d in data["demand"] if d["shift"] == shift and d.get("role") == role]
            if not lines:
                raise ScenarioError("--vary", key, value, f"no demand line for shift {shift!r} and role {parts[2]!r}",
                                    hint="use demand.SHIFT.ROLE.min, e.g. demand.D.agent.min")
            for d in lines:
                d[end] = value
                if end == "min" and d.get("max") is not None and _num(d["max"]) < value:
                    d["max"] = value
                if end == "max" and _num(d.get("min", 0)) > value:
                    d["min"] = value
        elif parts[0] == "rules" and len(parts) == 2:
            if parts[1] not in data["rules"]:
                raise ScenarioError("--vary", key, value, f"unknown rule {parts[1]!r}",
                                    hint=f"known rules: {', '.join(data['rules'])}")
            data["rules"][parts[1]] = value
        else:
            raise ScenarioError("--vary", key, value, "unknown key",
                                hint="use demand.SHIFT.ROLE.min|max, staff.count.ROLE or rules.FIELD")
        try:
            sc = Scenario.model_validate(data)
        except ValidationError as exc:
            err = error_from_pydantic(exc, "scenario")
            raise ScenarioError("--vary", key, value,
                                f"gives {err.field} = {short_value(err.value)}: {err.message}", err.hint) from None
    return sc


def _num(x: Any) -> float:
    return float(x["value"]) if isinstance(x, dict) else float(x)


# ---- figures of one roster --------------------------------------------------------------------

def unmet_seats(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> int:
    """Seats below the demanded minimum, summed over shifts and lines (roles and everyone), counted
    as the validator counts them (``model.counting.seat_counts``)."""
    cal = calendar or Calendar(scenario)
    count = seat_counts(scenario, roster, cal)
    return sum(max(0, st.min - count[key]) for key, st in seats_table(scenario, cal).items())


def long_week_hours(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
                    limit: float = LONG_WEEK_HOURS) -> float:
    """Hours above ``limit`` in each person's ISO weeks, summed, whatever the day.

    Not payroll's overtime (``reports.hours``: rest-day hours past the standard week): a what-if
    compares how much staffing leans on long weeks, so every hour past the limit counts."""
    week: dict[tuple[str, tuple[int, int]], float] = {}
    for a in roster:
        key = (a.staff, a.date.isocalendar()[:2])
        week[key] = week.get(key, 0.0) + scenario.shift_by_id[a.shift].paid_minutes / 60
    return round(sum(max(0.0, h - limit) for h in week.values()), 2)


def figures(scenario: Scenario, result: Result) -> dict[str, Any]:
    """Status, cost, coverage, fairness, hours and long-week hours of a solve."""
    out: dict[str, Any] = {"status": result.status, "objective": result.objective, "gap": result.gap,
                           "seconds": round(result.seconds, 2)}
    for name, value in result.terms.items():
        out[f"cost: {name}"] = value
    if not result.feasible:
        return out
    cal = Calendar(scenario)
    people = person_summary(scenario, result.roster, cal)
    out["unmet seats"] = unmet_seats(scenario, result.roster, cal)
    out["shifts"] = int(people["shifts"].sum())
    out["hours"] = round(float(people["hours"].sum()), 2)
    out["hours per person (mean)"] = round(float(people["hours"].mean()), 2)
    for col in ("nights", "weekends", "hours"):
        out[f"spread of {col} (max-min)"] = round(float(people[col].max() - people[col].min()), 2)
    out["long-week hours (>40 h/week)"] = long_week_hours(scenario, result.roster, cal)
    return out


def compare(a: Scenario, b: Scenario, time_limit: float = 30, workers: int = 2,
            stop: threading.Event | None = None) -> pd.DataFrame:
    """Both scenarios solved, side by side, one row per figure, with the change from A to B."""
    names = [a.name, b.name] if a.name != b.name else [f"A: {a.name}", f"B: {b.name}"]
    cols = {}
    for name, sc in zip(names, (a, b), strict=True):
        cols[name] = figures(sc, solve(sc, SolveOptions(time_limit=time_limit, workers=workers), stop=stop))
    rows = list(dict.fromkeys([*cols[names[0]], *cols[names[1]]]))
    frame = pd.DataFrame({n: [cols[n].get(r) for r in rows] for n in names}, index=rows)

    def change(row: pd.Series) -> Any:
        x, y = row.iloc[0], row.iloc[1]
        if isinstance(x, (int, float)) and isinstance(y, (int, float)) and x is not None and y is not None:
            return round(y - x, 2)
        return "" if x == y else "changed"
    frame["change"] = frame.apply(change, axis=1)
    frame.index.name = "figure"
    return frame


# ---- sweeps -----------------------------------------------------------------------------------

def run_point(task: dict[str, Any]) -> dict[str, Any]:
    """One sweep point: build the variant, solve it, and return its table row."""
    sc = Scenario.model_validate(task["scenario"])
    t0 = time.perf_counter()
    row: dict[str, Any] = dict(task["point"])
    try:
        variant = apply_vary(sc, task["point"])
    except ScenarioError as exc:
        return row | {"status": "BAD INPUT", "error": exc.message}
    res = solve(variant, SolveOptions(time_limit=task["time_limit"], workers=task.get("workers", 1), seed=0))
    row |= {"status": res.status, "objective": res.objective, "gap": res.gap}
    if res.feasible:
        row["long_week_hours"] = long_week_hours(variant, res.roster)
        row["unmet_seats"] = unmet_seats(variant, res.roster)
    else:
        row["long_week_hours"] = row["unmet_seats"] = None
    row["seconds"] = round(time.perf_counter() - t0, 2)
    return row


def ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def sweep(scenario: Scenario, vary: dict[str, Sequence[Any]], time_limit: float = 10.0,
          ray_address: str | None = None, use_ray: bool | None = None, workers: int | None = None,
          ray_fallback: bool = False) -> pd.DataFrame:
    """Solve every combination of the ``vary`` values (a grid) in parallel; one row per point.

    A ``ray_address`` that cannot be reached is a ScenarioError, or (``ray_fallback``) the local
    process pool runs the solves instead.
    """
    keys = list(vary)
    if not keys:
        raise ScenarioError("--vary", "", None, "nothing to vary", hint="e.g. --vary staff.count.agent=8..12")
    for k in keys:
        if not list(vary[k]):
            raise ScenarioError("--vary", k, None, "no values to try")
    points = [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*(list(vary[k]) for k in keys))]
    for k in keys:  # bad keys and values fail here, before any solve
        for value in vary[k]:
            apply_vary(scenario, {k: value})
    data = scenario.model_dump()
    tasks = [{"scenario": data, "point": p, "time_limit": float(time_limit), "workers": 1} for p in points]
    if use_ray is None:
        use_ray = ray_available() or ray_address is not None
    runner = "ray" if use_ray else "process pool"
    if use_ray and ray_address:
        problem = ray_unreachable(ray_address)
        if problem and not ray_fallback:
            raise ScenarioError("command line", "--ray-address", ray_address, problem, hint=RAY_HINT)
        if problem:
            use_ray, runner = False, f"process pool (Ray at {ray_address} unreachable: {problem})"
    rows = _on_ray(tasks, ray_address, workers) if use_ray else _in_pool(tasks, workers)
    frame = pd.DataFrame(rows)
    frame.attrs["runner"] = runner
    return frame


RAY_HINT = ("start a cluster there with `ray start --head --port=PORT` (or check host and port), drop "
            "--ray-address to use Ray on this machine, or add --ray-fallback to use the local process pool")


def ray_unreachable(address: str, timeout: float = 3.0) -> str:
    """Why the Ray cluster at ``address`` cannot be reached ("" when it answers or cannot be checked)."""
    import socket

    if address in ("auto", "local"):
        return ""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        return "not an address of the form HOST:PORT or ray://HOST:PORT"
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout):
            return ""
    except OSError as exc:
        return f"cannot connect ({exc.strerror or exc})"


def _in_pool(tasks: list[dict], workers: int | None) -> list[dict]:
    n = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    with ProcessPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run_point, tasks))


def _on_ray(tasks: list[dict], address: str | None, workers: int | None) -> list[dict]:
    import ray

    started = False
    if not ray.is_initialized():
        if address:
            try:
                ray.init(address=address, logging_level="ERROR")
            except (ConnectionError, TimeoutError, RuntimeError) as exc:
                raise ScenarioError("command line", "--ray-address", address,
                                    f"cannot join the Ray cluster ({str(exc).splitlines()[0][:200]})",
                                    hint=RAY_HINT) from None
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False,
                     logging_level="ERROR", log_to_driver=False)
        started = True
    try:
        remote = ray.remote(num_cpus=1)(run_point)
        return ray.get([remote.remote(t) for t in tasks])
    finally:
        if started:
            ray.shutdown()


# ---- smallest headcount -----------------------------------------------------------------------

@dataclass
class RoleNeed:
    role: str
    current: int
    minimum: int | None
    """None when no roster was found within the time limit."""
    proved: bool
    """True when a solve showed that one person fewer cannot meet every hard rule."""
    hires: int
    """New people beyond the current staff in the smallest roster found."""
    drivers: list[str] = field(default_factory=list)
    """Days and shifts on which every available person of the role works at the minimum."""
    status: str = ""
    proof: str = ""
    """How one fewer was shown too small: ``column generation`` (a positive bound on the hard seats
    no roster fills), ``cp-sat`` (the solver proved it infeasible), or empty (not shown)."""
    uncovered: int | None = None
    """With ``column generation``: the least number of hard seats one fewer leaves empty."""


@dataclass
class MinStaffResult:
    roles: list[RoleNeed]
    seconds: float

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"role": r.role, "current": r.current, "minimum": r.minimum,
                              "new hires": r.hires, "one fewer infeasible": r.proved, "proved by": r.proof,
                              "hard seats left empty by one fewer (at least)": r.uncovered,
                              "driven by": "; ".join(r.drivers[:5])} for r in self.roles])


def _day_seats(scenario: Scenario, cal: Calendar, role: str) -> dict[int, int]:
    out: dict[int, int] = {}
    for (d, _s, r), st in seats_table(scenario, cal).items():
        if r == role:
            out[d] = out.get(d, 0) + st.min
    return out


def _least_of_role(scenario: Scenario, role: str, extra: int, time_limit: float, workers: int,
                   cap: int | None = None) -> tuple[str, int | None, Roster, list[str]]:
    """Minimise the people of ``role`` kept (current staff may be dropped, ``extra`` hires added)."""
    sc = with_headcount(scenario, role, headcount(scenario, role) + extra) if extra else scenario
    ctx = build(sc, families=hard_families())
    model, v = ctx.model, ctx.vars
    model.ClearObjective()
    keep = {}
    for p, person in enumerate(sc.staff):
        if role not in person.roles:
            continue
        k = model.NewBoolVar(f"keep:{person.id}")
        for _d, _s, var in v.mine.get(p, []):
            model.AddImplication(var, k)
        keep[person.id] = k
    hires = [k for sid, k in keep.items() if sid not in scenario.staff_by_id]
    for a, b in zip(hires, hires[1:], strict=False):
        model.AddImplication(b, a)
    for sid, k in keep.items():
        model.AddHint(k, sid in scenario.staff_by_id)
    total = sum(keep.values())
    if cap is not None:
        model.Add(total <= cap)
    else:  # fewest people, and of as many, the fewest hires (current staff first)
        model.Minimize(total * (len(hires) + 1) + sum(hires))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    code = solver.Solve(model)
    status = solver.StatusName(code)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, Roster(), []
    kept = [sid for sid, k in keep.items() if solver.BooleanValue(k)]
    return status, len(kept), extract(ctx, solver), kept


COLUMN_SHARE = 0.5
"""Share of a role's time left for the column-generation proof before the solver's check."""


def _too_few_for_hard_seats(scenario: Scenario, role: str, cap: int, seconds: float) -> int | None:
    """A least number of hard seats every roster leaves empty when at most ``cap`` people of
    ``role`` work (``None`` or 0: nothing proved). The phase-one master of column generation:
    months cost nothing, each empty hard seat costs 1; its Lagrangian bound from an exact pricing
    round is a lower bound (per-person rules the pricing relaxes only lower it)."""
    if not construct.applies(scenario) or seconds < 0.2:
        return None
    team = np.array([role in p.roles for p in scenario.staff])
    found = ColumnGeneration(scenario, hard_only=True, team=team, cap=cap).run(seconds)
    if not math.isfinite(found.value) or found.value < 1:
        return None
    return int(found.value)


def _drivers(scenario: Scenario, role: str, roster: Roster, kept: list[str]) -> list[str]:
    """Days on which every kept person of the role who is free that day works (tightest first)."""
    cal = Calendar(scenario)
    leave = leave_minutes(scenario, cal)
    seats = _day_seats(scenario, cal, role)
    working: dict[dt.date, set[str]] = {}
    for a in roster:
        working.setdefault(a.date, set()).add(a.staff)
    by_id = {p.id: p for p in scenario.staff}
    out = []
    for day in cal.days:
        free = [sid for sid in kept if sid in by_id and day.date not in by_id[sid].days_off
                and not any(s0 < (day.index + 1) * 1440 and day.index * 1440 < e for s0, e, _ in leave.get(sid, []))]
        if not free or not seats.get(day.index):
            continue
        busy = len(working.get(day.date, set()) & set(free))
        if busy >= len(free):
            shifts = ", ".join(f"{s} {st.min}" for (d, s, r), st in seats_table(scenario, cal).items()
                               if d == day.index and r == role and st.min)
            out.append((len(free), f"{day.date} ({shifts}; all {len(free)} free work)"))
    out.sort()
    return [text for _, text in out]


def min_staff(scenario: Scenario, roles: Sequence[str] | None = None, time_limit: float = 60,
              workers: int = 2) -> MinStaffResult:
    """The smallest headcount of each role that still meets every hard rule (other roles as they
    are), and a check that one person fewer is infeasible."""
    t0 = time.perf_counter()
    wanted = list(roles) if roles else [r.id for r in scenario.roles if headcount(scenario, r.id)]
    for r in wanted:
        if r not in scenario.role_by_id:
            raise ScenarioError("--role", "role", r, f"unknown role {r!r}",
                                hint=f"known roles: {', '.join(scenario.role_by_id)}")
    share = time_limit / max(1, len(wanted))
    out = []
    for role in wanted:
        start = time.perf_counter()
        cal = Calendar(scenario)
        extra = max([*_day_seats(scenario, cal, role).values(), 1])
        current = headcount(scenario, role)
        status, least, roster, kept = "UNKNOWN", None, Roster(), []
        for _ in range(3):
            budget = share * 0.6 - (time.perf_counter() - start)
            status, least, roster, kept = _least_of_role(scenario, role, extra, budget, workers)
            if least is None or least < current + extra:
                break
            extra *= 2  # every hire was used: allow more
        if least is None:
            out.append(RoleNeed(role, current, None, False, 0, [], status))
            continue
        proof, uncovered = "", None
        grown = with_headcount(scenario, role, current + extra) if extra else scenario
        if least > 0:
            left = share - (time.perf_counter() - start)
            uncovered = _too_few_for_hard_seats(grown, role, least - 1, left * COLUMN_SHARE)
            if uncovered:
                proof = "column generation"
            else:
                left = share - (time.perf_counter() - start)
                check, _, _, _ = _least_of_role(scenario, role, extra, max(left, 1.0), workers, cap=least - 1)
                proof, uncovered = ("cp-sat" if check == "INFEASIBLE" else ""), None
        proved = bool(proof) or (least == 0 and status == "OPTIMAL")
        hires = sum(1 for sid in kept if sid not in scenario.staff_by_id)
        out.append(RoleNeed(role, current, least, proved, hires, _drivers(grown, role, roster, kept), status,
                            proof, uncovered))
    return MinStaffResult(out, time.perf_counter() - t0)


# ---- per-interval demand ----------------------------------------------------------------------

Solve = Callable[..., Result]
"""``solve(scenario, options)``; tests pass a stand-in."""


def _interval_roles(scenario: Scenario) -> list[str]:
    return [line.role for _, line in scenario.interval_lines if line.role is not None]


def _check_role(scenario: Scenario, role: str) -> None:
    if role not in _interval_roles(scenario):
        raise ScenarioError("--role", "role", role, "no per-interval demand line for this role",
                            hint=f"roles with per-interval demand: {', '.join(_interval_roles(scenario)) or 'none'}")


def scaled_forecast(scenario: Scenario, factor: float, days: Any = "all", role: str | None = None) -> Scenario:
    """The scenario with the per-interval forecast times ``factor`` on the days ``days`` selects
    (calls scaled, agents scaled and rounded up), for every line or the lines of ``role``.

    The chosen days get rows of their own (dated rows win over weekday and general rows)."""
    if not factor > 0 or not math.isfinite(factor):
        raise ScenarioError("--forecast-scale", "forecast-scale", factor, "must be a number above 0")
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
                rows.append({"interval": r.interval, "date": day.date,
                             "agents": None if r.agents is None else math.ceil(r.agents * factor - 1e-9),
                             "calls": None if r.calls is None else round(r.calls * factor, 3)})
        data["demand"][i]["per_interval"] = rows
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = error_from_pydantic(exc, "scenario")
        raise ScenarioError("--forecast-scale", err.field, err.value, err.message, err.hint) from None


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
            row |= {"agent_hours_new": round(h2, 1), "peak_new": p2, "extra_hours": round(h2 - hours, 1),
                    "extra_peak": p2 - peak}
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
    return max(0, math.ceil((hours.get(role, 0.0) - max(0.0, spare)) / _horizon_hours(scenario) - 1e-9))


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


def measure(scenario: Scenario, label: str, time_limit: float, workers: int, solve_fn: Solve | None) -> IntervalTry:
    """Solve ``scenario`` and count the intervals short and below target."""
    t0 = time.perf_counter()
    result = (solve_fn or solve)(scenario, SolveOptions(time_limit=time_limit, workers=workers, seed=0))
    if not result.feasible:
        return IntervalTry(label, result.status, None, seconds=round(time.perf_counter() - t0, 2))
    figures = interval_figures(scenario, result.roster)
    weighted = [(f.calls, f.service_level) for f in figures if f.calls and f.service_level is not None]
    calls = sum(c for c, _ in weighted)
    return IntervalTry(label, result.status, result.objective, len(figures), sum(1 for f in figures if f.short),
                       len(below_target(scenario, figures)),
                       sum(c * s for c, s in weighted) / calls if calls else None, round(time.perf_counter() - t0, 2))


@dataclass
class HeadcountAnswer:
    role: str
    current: int
    bound: int
    """``fewest_people``: fewer cannot give the hours the intervals need."""
    people: int | None
    """The fewest people tried whose roster reaches the target on every interval (None: none did)."""
    tries: list[IntervalTry]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"people": t.label, "status": t.status, "objective": t.objective,
                              "intervals short": t.short, "below target": t.below,
                              "service level": None if t.service_level is None else round(t.service_level, 4),
                              "seconds": t.seconds} for t in self.tries])


def service_level_headcount(scenario: Scenario, role: str, high: int | None = None, time_limit: float = 60,
                            workers: int = 2, solve_fn: Solve | None = None) -> HeadcountAnswer:
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
            tried[n] = measure(with_headcount(scenario, role, n), str(n), time_limit, workers, solve_fn)
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


def parse_window(text: str) -> tuple[str, str, str]:
    """``D=07:00-09:30`` → (``D``, ``07:00``, ``09:30``); ValueError for anything else."""
    template, sep, window = text.partition("=")
    first, dash, last = window.partition("-")
    if not sep or not dash or not template.strip():
        raise ValueError(f"{text!r} is not TEMPLATE=HH:MM-HH:MM")
    for t in (first, last):
        parse_minutes(t.strip())
    return template.strip(), first.strip(), last.strip()


def with_start_window(scenario: Scenario, template: str, first: str, last: str) -> Scenario:
    """The scenario with a shift template's start window changed (its shifts expanded again)."""
    data = editable(scenario)
    found = [t for t in data["shift_templates"] if t["id"] == template]
    if not found:
        raise ScenarioError("--starts", "template", template, f"unknown shift template {template!r}",
                            hint=f"templates: {', '.join(t.id for t in scenario.shift_templates) or 'none'}")
    found[0]["start_between"] = [first, last]
    try:
        return Scenario.model_validate(data)
    except (ValidationError, FieldError) as exc:
        err = error_from_pydantic(exc, "scenario") if isinstance(exc, ValidationError) else exc
        raise ScenarioError("--starts", f"{template}={first}-{last}", short_value(err.value),
                            err.message, err.hint) from None


def compare_starts(scenario: Scenario, variants: Sequence[Sequence[tuple[str, str, str]]], time_limit: float = 60,
                   workers: int = 2, solve_fn: Solve | None = None) -> pd.DataFrame:
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
                     "service level": None if got.service_level is None else round(got.service_level, 4),
                     "seconds": got.seconds})
    return pd.DataFrame(rows)
