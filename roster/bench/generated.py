"""A generated call centre at growing sizes: time to first roster, gap over time, peak memory.

``make_scenario(staff)`` builds one month (31 days) with five shift types, three roles (agents,
seniors who also take agent seats, leads who also take senior seats), leave, requests, weekday and
weekend seat counts sized to the staff, and the default rest, hours and sequence rules. Each size
runs in its own process so its peak memory can be read on its own.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from roster.bench import table
from roster.bench.centre import centre, ranked_staff, two_wishes
from roster.model.scenario import Demand, Fairness, Leave, Role, Scenario, Soft
from roster.solver.options import SolveOptions
from roster.solver.solve import build, solve
from roster.validate import validate

START = dt.date(2025, 3, 1)
DAYS = 31
SHIFTS = (("E", "early", "07:00", "15:00"), ("D", "day", "09:00", "17:00"),
          ("M", "middle", "12:00", "20:00"), ("L", "late", "15:00", "23:00"),
          ("N", "night", "23:00", "07:00"))
SHARE = {"E": 0.22, "D": 0.26, "M": 0.20, "L": 0.20, "N": 0.12}
"""Share of the day's agent seats on each shift."""


def make_scenario(size: int, seed: int = 0) -> Scenario:
    """A call centre with ``size`` staff for March 2025 (same seed → same scenario)."""
    rng = random.Random(seed * 1_000_003 + size)
    leads = max(2, round(size * 0.06))
    seniors = max(3, round(size * 0.18))
    staff = ranked_staff(rng, size, (("lead", leads), ("senior", seniors)), "agent", prefix="S",
                         no_nights=0.15)
    # about 4.5 shifts a week each, less leave: seats that a good roster can (nearly) fill
    per_day = size * 4.4 / 7 * 0.93
    demand: list[Demand] = []
    for days, factor in (("workdays", 1.0), ("weekends", 0.75)):
        lead_seats = max(1, round(leads * 4.4 / 7 * factor / 2))
        senior_seats = max(1, round(seniors * 4.4 / 7 * factor / 5))
        agent_total = (per_day - leads * 4.4 / 7 - seniors * 4.4 / 7) * factor
        for sid, share in SHARE.items():
            demand.append(Demand(shift=sid, role="agent", days=days,
                                 min=Soft(value=max(1, round(agent_total * share)), weight=100),
                                 max=Soft(value=max(1, round(agent_total * share * 1.25)) + 1,
                                          weight=5)))
            demand.append(Demand(shift=sid, role="senior", days=days,
                                 min=Soft(value=senior_seats, weight=100), max=senior_seats + 2))
            if sid in ("D", "L"):
                demand.append(Demand(shift=sid, role="lead", days=days,
                                     min=Soft(value=lead_seats, weight=200), max=lead_seats + 1))
    end = START + dt.timedelta(days=DAYS - 1)
    leave = []
    for p in rng.sample(staff, k=max(1, size // 8)):
        first = START + dt.timedelta(days=rng.randrange(DAYS - 3))
        leave.append(Leave(staff=p.id, start=first,
                           end=min(end, first + dt.timedelta(days=rng.randint(2, 6)))))
    requests = two_wishes(rng, staff, START, DAYS, off_below=0.6, not_night_below=0.8,
                          day_shifts="EDML", instead_of_night="E")
    return centre(f"generated call centre, {size} staff", START, DAYS,
                  (Role(id="agent"), Role(id="senior", covers=("agent",)),
                   Role(id="lead", covers=("senior",))),
                  SHIFTS, staff, demand, leave, requests,
                  (("N", "E"), ("N", "D"), ("N", "M")), Fairness(nights=5, weekends=3))


def measure(size: int, checkpoints: list[float], workers: int = 2, seed: int = 0) -> dict:
    """Solve one size for the last checkpoint's seconds; the gap at each checkpoint and the peak
    memory."""
    t0 = time.perf_counter()
    sc = make_scenario(size, seed)
    ctx = build(sc)
    build_s = time.perf_counter() - t0
    result = solve(sc, SolveOptions(time_limit=max(checkpoints), workers=workers, seed=seed),
                   ctx=ctx)
    row: dict = {
        "staff": size, "status": result.status, "variables": result.stats.get("variables"),
        "constraints": result.stats.get("constraints"), "build_s": round(build_s, 2),
        "first_s": None if result.first_solution_seconds is None
        else round(result.first_solution_seconds + build_s, 2), "objective": result.objective,
        "bound": result.bound,
    }
    for t in checkpoints:
        row[f"gap_{t:g}s"] = gap_at(result, t - build_s)
    row["seconds"] = round(result.seconds + build_s, 2)
    if result.feasible:
        report = validate(sc, result.roster)
        row["hard_violations"] = len(report.hard)
        row["validator_agrees"] = report.cost == round(result.objective)
    row["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return row


def gap_at(result, seconds: float) -> float | None:
    """Relative gap between the best roster and the best bound known ``seconds`` into the search."""
    if result.seconds <= seconds and result.gap is not None:  # the search had ended by then
        return round(result.gap, 4)
    objs = [p.objective for p in result.history if p.seconds <= seconds]
    bounds = [p.bound for p in [*result.history, *result.bounds] if p.seconds <= seconds]
    if not objs:
        return None
    obj, bound = min(objs), max(bounds) if bounds else 0.0
    if abs(obj - bound) < 1e-9:
        return 0.0
    return round(abs(obj - bound) / max(1.0, abs(obj)), 4)


def run_sizes(sizes: list[int], checkpoints: list[float], workers: int = 2, seed: int = 0,
              on_row: Callable[[dict], None] | None = None) -> list[dict]:
    """Each size in a fresh process (peak memory per size)."""
    rows = []
    for size in sizes:
        row = table.child_row("roster.bench.generated",
                              [str(size), ",".join(f"{t:g}" for t in checkpoints), str(workers),
                               str(seed)])
        if not isinstance(row, dict):
            row = {"staff": size, "status": row}
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        row["children_peak_mib"] = round(peak / 1024, 1)
        rows.append(row)
        if on_row:
            on_row(row)
    return rows


def columns(checkpoints: list[float]) -> list[str]:
    return ["staff", "status", "variables", "constraints", "build_s", "first_s",
            *(f"gap_{t:g}s" for t in checkpoints), "seconds", "objective", "bound",
            "hard_violations", "validator_agrees", "peak_mib"]


def format_table(rows: list[dict], checkpoints: list[float]) -> str:
    return table.format_table(rows, columns(checkpoints), table.gaps)


def write_csv(rows: list[dict], checkpoints: list[float], path: Path) -> None:
    table.write_csv(rows, columns(checkpoints), path)


if __name__ == "__main__":  # one size, in its own process: size, checkpoints, workers, seed
    size_arg, marks_arg, workers_arg, seed_arg = sys.argv[1:5]
    marks = [float(x) for x in marks_arg.split(",")]
    print(json.dumps(measure(int(size_arg), marks, int(workers_arg), int(seed_arg))))
