"""A generated call centre staffed by interval, for the interval bench
(``python -m roster.bench.intervals``).

October 2026 (National Day week included), agents only, two shift templates of seven start times
each: early shifts starting 07:00-10:00 and late ones 12:00-15:00, every 30 minutes, 8 paid hours
and an unpaid 60-minute break (within 11:00-14:00 and 16:30-20:00). Agents needed per 30 minutes
from 07:00 to 23:30 follow a weekday curve with a morning and an afternoon peak; Saturdays and
Sundays are lighter, National Day lighter still. The curve is sized so that the whole need is
about ``load`` of what the agents can work in the month. 11 h rest, 40 h weeks, at most 6 days in
a row, two requests each and fair shares of weekends and hours. The same size and seed give the
same scenario.

The bench sets the engine (``solve()``), the engine's whole CP-SAT model and the plain CP-SAT peer
(``roster.bench.peers.plain``) side by side, each run in a fresh process (so each peak memory is
its own); the validator scores every roster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import replace

import chinese_calendar
import highspy
import numpy as np

from roster.bench.peers.plain import solve_plain
from roster.model.calendar import Calendar
from roster.model.erlang import agents_needed
from roster.model.intervals import (
    break_intervals,
    counted_shifts,
    coverage_cost,
    interval_needs,
    on_floor,
    worked_intervals,
)
from roster.model.roster import Roster
from roster.model.scenario import (
    Break,
    Fairness,
    Holidays,
    Horizon,
    IntervalDemand,
    IntervalRow,
    Request,
    Role,
    Rules,
    Scenario,
    Shift,
    ShiftTemplate,
    Staff,
)
from roster.reports.intervals import achieved
from roster.solver.highs import new_lp
from roster.solver.options import SolveOptions
from roster.solver.solve import Progress, solve
from roster.validate import validate

START = dt.date(2026, 10, 1)
DAYS = 31
FIRST, LAST = 7 * 60, 23 * 60 + 30
"""First and last interval starts with a need."""
SHIFTS_PER_MONTH = 20.5
LOAD = 0.9
"""The month's need in agent-intervals as a share of what the agents can work."""
WEEKEND = 0.7
HOLIDAY = 0.55
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def curve(minute: int) -> float:
    """Relative calls at ``minute`` from 00:00: a morning peak at 10:00, an afternoon one at
    15:00."""
    h = minute / 60
    return (0.25 + 1.0 * math.exp(-((h - 10.0) / 1.6) ** 2)
            + 0.8 * math.exp(-((h - 15.0) / 1.8) ** 2)
            + 0.35 * math.exp(-((h - 20.0) / 2.0) ** 2))


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


NIGHT_BREAK = ("01:00", "04:00")


def make_interval_centre(size: int = 300, seed: int = 0, load: float = LOAD,
                         night: int = 0) -> Scenario:
    """A centre of ``size`` agents (at least 10) staffed per 30-minute interval.

    ``night`` > 0: a thin night as well, a fixed shift N 22:00-07:00 whose 60-minute break lies
    between 01:00 and 04:00, and ``night`` agents needed in every half hour from 00:00 to 06:30
    (the first morning included: the night before belongs to the previous roster)."""
    if size < 10:
        raise ValueError("a generated interval centre needs at least 10 agents")
    rng = random.Random(seed * 1_000_003 + size)
    staff = tuple(Staff(id=f"A{i + 1:04d}", name=f"agent{i + 1}", roles=("agent",))
                  for i in range(size))
    end = START + dt.timedelta(days=DAYS - 1)
    minutes = list(range(FIRST, LAST + 1, 30))
    shape = [curve(m + 15) for m in minutes]
    days = [START + dt.timedelta(days=d) for d in range(DAYS)]
    factor = {}
    for day in days:
        if not chinese_calendar.is_workday(day):
            holiday = chinese_calendar.is_holiday(day) and day.weekday() < 5
            factor[day] = HOLIDAY if holiday else WEEKEND
        else:
            factor[day] = 1.0
    # agent-intervals the staff can work: shifts × 16 half hours on the floor (8 h paid, break
    # unpaid)
    capacity = size * SHIFTS_PER_MONTH * 16
    scale = load * capacity / (sum(shape) * sum(factor.values()))
    rows = []
    weekday_rows = {}
    for wd in WEEKDAYS:
        f = 1.0 if wd not in ("sat", "sun") else WEEKEND
        weekday_rows[wd] = f
        for m, v in zip(minutes, shape, strict=True):
            rows.append(IntervalRow(interval=_hhmm(m), agents=max(1, round(scale * f * v)),
                                    weekday=wd))
    for day in days:  # National Day and its adjusted working days get rows of their own
        if factor[day] != weekday_rows[WEEKDAYS[day.weekday()]]:
            for m, v in zip(minutes, shape, strict=True):
                rows.append(IntervalRow(interval=_hhmm(m),
                                        agents=max(1, round(scale * factor[day] * v)), date=day))
    if night:
        for wd in weekday_rows:
            rows.extend(IntervalRow(interval=_hhmm(m), agents=night, weekday=wd)
                        for m in range(0, 7 * 60, 30))
        for day in days:  # the dated rows replace the weekday's: give them the night too
            if factor[day] != weekday_rows[WEEKDAYS[day.weekday()]]:
                rows.extend(IntervalRow(interval=_hhmm(m), agents=night, date=day)
                            for m in range(0, 7 * 60, 30))
    templates = (
        ShiftTemplate(id="E", name="早", start_between=("07:00", "10:00"), every=30, hours=8,
                      break_rule=Break(minutes=60, within=("11:00", "14:00"))),
        ShiftTemplate(id="L", name="晚", start_between=("12:00", "15:00"), every=30, hours=8,
                      break_rule=Break(minutes=60, within=("16:30", "20:00"))),
    )
    requests = []
    for p in staff:
        for _ in range(2):
            date = START + dt.timedelta(days=rng.randrange(DAYS))
            if rng.random() < 0.6:
                requests.append(Request(staff=p.id, date=date, off=True, weight=rng.randint(1, 5)))
            else:  # a wish to start at a given time that day
                start = rng.choice(("E0700", "E0800", "E0900", "L1300", "L1400"))
                requests.append(Request(staff=p.id, date=date, shift=start,
                                        weight=rng.randint(1, 3)))
    data = {
        "name": f"generated interval centre, {size} agents",
        "horizon": Horizon(start=START, end=end),
        "holidays": Holidays(country="CN"),
        "roles": (Role(id="agent", name="坐席员"),),
        "shift_templates": templates,
        "shifts": (Shift(id="N", name="夜", start="22:00", end="07:00",
                         break_rule=Break(minutes=60, within=NIGHT_BREAK)),) if night else (),
        "staff": staff,
        "demand": (IntervalDemand(role="agent", per_interval=tuple(rows), under_weight=100,
                                  over_weight=1),),
        "requests": tuple(requests),
        "rules": Rules(min_rest_hours=11, max_consecutive_work_days=6, min_consecutive_days_off=1,
                       max_hours_per_week=40),
        "fairness": Fairness(weekends=5, hours=1),
    }
    return Scenario.model_validate(data)


def interval_bound(scenario: Scenario, shifts_per_week: int = 5) -> float:
    """A lower bound on the interval cost (``interval_shortfall`` + ``interval_over``) of any
    roster.

    The linear relaxation with people per (day, shift) and breaks per start as continuous counts,
    the floor counted as ``on_floor`` does, at most everyone on a day and at most
    ``shifts_per_week`` shifts a person per ISO week (40 h weeks of 8 h shifts); every other rule
    left out (they only add cost or take shifts away).

    It holds for centres of ``make_interval_centre``'s shape (one role, 8-hour shifts, 40-hour
    weeks); it is no bound where shifts are shorter or a role may sit in another's seat (the bundled
    interval centre's 值长 may sit as agents: there it exceeds what rosters reach)."""
    cal = Calendar(scenario)
    needs = interval_needs(scenario, cal)
    h = new_lp()
    cols = 0

    def var(cost: float = 0.0) -> int:
        nonlocal cols
        h.addVar(0.0, highspy.kHighsInf)
        h.changeColCost(cols, cost)
        cols += 1
        return cols - 1

    def row(lo: float, hi: float, terms: list[tuple[int, float]]) -> None:
        h.addRow(lo, hi, len(terms), np.array([i for i, _ in terms], dtype=np.int32),
                 np.array([c for _, c in terms], dtype=np.float64))

    people: dict[tuple[int, str], int] = {}
    floor: dict[tuple[str | None, int], list[tuple[int, float]]] = {k: [] for k in needs}
    lines = [(line.role, line.interval_minutes, counted_shifts(scenario, line))
             for _, line in scenario.interval_lines]
    for day in cal.days:
        d = day.index
        for sh in scenario.shifts:
            if not cal.shift_runs(sh, day):
                continue
            x = people[(d, sh.id)] = var()
            bs = [var() for _ in sh.break_starts]
            if bs:
                row(0.0, 0.0, [(b, 1.0) for b in bs] + [(x, -1.0)])
            for role, step, shifts in lines:
                if sh.id not in shifts:
                    continue
                worked = worked_intervals(sh, d, step)
                for t in worked:
                    if (role, t) in needs:
                        floor[(role, t)].append((x, 1.0))
                for b, start in zip(bs, sh.break_starts, strict=True):
                    for t in break_intervals(sh, d, start, step):
                        if t in worked and (role, t) in needs:
                            floor[(role, t)].append((b, -1.0))
    for key, need in needs.items():
        # the convex steps as segments: the LP fills the cheap ones first
        k = min(need.agents, len(need.steps))
        segments = []
        for j in range(k):
            x = var(need.steps[j])
            if j < len(need.steps) - 1:
                h.changeColBounds(x, 0.0, 1.0)
            segments.append((x, 1.0))
        row(need.agents, need.agents, [*floor[key], *segments, (var(need.over_weight), -1.0)])
    weeks: dict[tuple[int, int], list[int]] = {}
    for day in cal.days:
        weeks.setdefault(tuple(day.date.isocalendar())[:2], []).append(day.index)
    staff = len(scenario.staff)
    for days in weeks.values():
        row(-highspy.kHighsInf, staff * min(shifts_per_week, len(days)),
            [(x, 1.0) for (d, _s), x in people.items() if d in days])
    for day in cal.days:
        row(-highspy.kHighsInf, staff,
            [(x, 1.0) for (d, _s), x in people.items() if d == day.index])
    h.run()
    return float(h.getInfo().objective_function_value)


WHO = {"engine": "auto", "whole": "whole", "peer": None}
"""Solvers side by side: the default path, the whole CP-SAT model from the start and the plain
peer."""
COLUMNS = ("size", "who", "run", "status", "first_s", "cost_30s", "cost_60s", "validator",
           "interval_cost", "hard", "peak_mib", "seconds", "empty", "service_level")


def _scored(scenario: Scenario, roster, row: dict) -> None:
    cal = Calendar(scenario)
    report = validate(scenario, roster, cal)
    row["validator"] = report.cost
    row["hard"] = len(report.hard)
    row["terms"] = {str(k): v for k, v in report.costs().items()}
    needs = interval_needs(scenario, cal)
    staffed = on_floor(scenario, cal, roster)
    under, over = coverage_cost(needs, staffed)
    row["interval_cost"] = under + over
    row["short_intervals"] = sum(1 for k, n in needs.items() if staffed.get(k, 0) < n.agents)
    row.update(floor_figures(scenario, roster, cal))


AHT, ANSWER, TARGET = 300.0, 20.0, 0.8
"""The call model the bench reads its agent counts with (5-minute calls, 80 % within 20 s)."""


def floor_figures(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> dict:
    """``empty``: intervals with nobody on the floor while someone is on shift (on a break);
    ``service_level``: the month's, calls-weighted, Erlang C on the people on the floor, for the
    calls each need answers at the target (the most calls those agents handle at 80/20 in 30
    min)."""
    cal = calendar or Calendar(scenario)
    needs = interval_needs(scenario, cal)
    staffed = on_floor(scenario, cal, roster)
    on_shift = on_floor(scenario, cal, [replace(a, break_at=None) for a in roster])

    def bare(k: tuple[str | None, int]) -> bool:
        """Needed, nobody on the floor, someone on shift (on a break)."""
        return needs[k].agents > 0 and staffed.get(k, 0) == 0 and on_shift.get(k, 0) > 0

    empty = sum(1 for k in needs if bare(k))
    calls_for: dict[int, float] = {}
    answered = total = 0.0
    for k, n in needs.items():
        if n.agents <= 0:
            continue
        if n.agents not in calls_for:
            calls_for[n.agents] = _calls_at_target(n.agents, n.minutes)
        calls = calls_for[n.agents]
        got = achieved(calls, AHT, ANSWER, staffed.get(k, 0), 0.0, n.minutes)
        answered += calls * (got.service_level or 0.0)
        total += calls
    nights = [k for k in needs if k[1] % 1440 < 7 * 60]
    night_empty = sum(1 for k in nights if bare(k))
    return {"empty": empty, "night_empty": night_empty,
            "service_level": round(answered / total, 4) if total else None}


def _calls_at_target(agents: int, minutes: int) -> float:
    """The most calls (in steps of 0.5) ``agents`` answer at the target in an interval."""
    lo, hi = 0.0, 2.0 * agents * minutes * 60 / AHT
    while hi - lo > 0.5:
        mid = (lo + hi) / 2
        if agents_needed(mid, AHT, TARGET, ANSWER, 0.0, minutes) <= agents:
            lo = mid
        else:
            hi = mid
    return lo


def measure(who: str, size: int, time_limit: float, seed: int = 0, workers: int = 2,
            at: tuple[float, ...] = (30.0, 60.0), night: int = 0) -> dict:
    """One solve of the interval centre; times from the solve call (scenario generation excluded).

    ``cost_<t>s`` is the cost of the best roster by ``t`` seconds: the engine's own objective (which
    equals the validator's cost), the validator's cost of the peer's roster then."""
    if who not in WHO:
        raise ValueError(f"unknown solver {who!r}: one of {', '.join(WHO)}")
    scenario = make_interval_centre(size, seed, night=night)
    if who == "peer":
        return _measure_peer(scenario, size, time_limit, seed, workers, at)
    history: list[tuple[float, float]] = []
    t0 = time.perf_counter()

    def progress(p: Progress) -> None:
        history.append((time.perf_counter() - t0, p.objective))

    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed, strategy=WHO[who])
    result = solve(scenario, options, on_progress=progress)
    seconds = time.perf_counter() - t0
    row = {"who": who, "size": size, "seed": seed, "status": result.status,
           "seconds": round(seconds, 2),
           "first_s": round(history[0][0], 2) if history else None,
           "cells": result.stats.get("variables"), "objective": result.objective}
    for t in at:
        found = [obj for s, obj in history if s <= t]
        row[f"cost_{t:g}s"] = min(found) if found else None
    if result.feasible:
        _scored(scenario, result.roster, row)
    return row


def _measure_peer(scenario: Scenario, size: int, time_limit: float, seed: int, workers: int,
                  at: tuple[float, ...]) -> dict:
    result = solve_plain(scenario, time_limit=time_limit, workers=workers, seed=seed, at=at)
    row = {"who": "peer", "size": size, "seed": seed, "status": result.status,
           "seconds": result.seconds, "first_s": result.first_seconds, "cells": result.variables,
           "objective": result.objective, "build_s": result.build_seconds,
           "peer_terms": result.terms}
    for t in at:
        snap = result.snapshots.get(t)
        row[f"cost_{t:g}s"] = None if snap is None else validate(scenario, snap).cost
    if result.feasible:
        _scored(scenario, result.roster, row)
    return row


def run(sizes: list[int], who: list[str], runs: int = 1, time_limit: float = 60.0, workers: int = 2,
        seed: int = 0, on_row=None, night: int = 0) -> list[dict]:
    """Each (size, solver, run) in a fresh process; the rows in that order."""
    rows = []
    for size in sizes:
        for name in who:
            for i in range(runs):
                out = subprocess.run([sys.executable, "-m", "roster.bench.intervals", "--one",
                                      "--who", name, "--size", str(size),
                                      "--time-limit", str(time_limit), "--workers", str(workers),
                                      "--seed", str(seed), "--night", str(night)],
                                     capture_output=True, text=True, check=False)
                lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
                row = (json.loads(lines[-1]) if lines
                       else {"who": name, "size": size, "error": out.stderr[-500:]})
                row["run"] = i
                rows.append(row)
                if on_row is not None:
                    on_row(row)
    return rows


def format_table(rows: list[dict]) -> str:
    """A Markdown table of the rows."""
    def cell(v: object) -> str:
        if v is None:
            return "-"
        if isinstance(v, float):
            return f"{v:.2f}" if abs(v) < 100 else f"{v:,.0f}"
        if isinstance(v, int) and not isinstance(v, bool):
            return f"{v:,}"
        return str(v)
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(r.get(c)) for c in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """``python -m roster.bench.intervals --size 300 --runs 3 --time-limit 60``: each run in a
    fresh process."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--who", default="engine,whole")
    ap.add_argument("--one", action="store_true", help="one run in this process, printed as JSON")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--night", type=int, default=0,
                    help="agents needed per half hour of a thin night (0: none)")
    args = ap.parse_args(argv)
    if args.one:
        row = measure(args.who, args.size, args.time_limit, args.seed, args.workers,
                      night=args.night)
        row["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(row), flush=True)
        return
    bound = interval_bound(make_interval_centre(args.size, args.seed))
    print("bound", json.dumps({"interval_cost_lp": round(bound)}), flush=True)
    who = args.who.split(",")
    rows = run([args.size], who, args.runs, args.time_limit, args.workers, args.seed,
               on_row=lambda r: print(json.dumps(r), flush=True))
    for name in who:
        mine = [r for r in rows if r.get("who") == name]
        summary = {"who": name}
        for key in ("first_s", "cost_30s", "cost_60s", "validator"):
            values = [r[key] for r in mine if r.get(key) is not None]
            summary[key] = statistics.median(values) if values else None
            summary[f"{key}_runs"] = len(values)
        print("median", json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
