"""`roster bench scale`: the engine and the plain CP-SAT peer side by side on generated centres.

For each size, the engine and the peer each solve the same ``make_centre(size, seed)`` in a fresh
process (so each peak memory is its own), and the validator scores both final rosters. Times are
seconds from the start of the solve call (model building included). ``cost_<t>s`` is the solver's
own objective of the best roster found by then; for the peer ``validated_<t>s`` is the validator's
cost of that same roster (the engine's objective is the validator's cost by design; the peer's
differs in the fairness term, see ``roster.bench.peers.plain``).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from roster.bench import table
from roster.bench.peers.plain import solve_plain
from roster.bench.scale import make_centre
from roster.io.load import dump_scenario
from roster.model.calendar import Calendar
from roster.model.counting import seat_counts
from roster.model.demand import seats_table
from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.solver.options import SolveOptions
from roster.solver.solve import Progress, solve
from roster.validate import validate

WHO = ("engine", "peer")


def empty_hard_seats(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> int:
    """Hard minimum seats left empty (each missing person counts once), counted as the validator
    counts seats (``model.counting``)."""
    cal = calendar or Calendar(scenario)
    count = seat_counts(scenario, roster, cal)
    return sum(max(0, st.min - count[key]) for key, st in seats_table(scenario, cal).items()
               if st.min_weight is None)


def cost_at(history: Sequence[tuple[float, float]], seconds: float) -> float | None:
    """The objective of the best roster found ``seconds`` into the run (None: none yet)."""
    found = [obj for t, obj in history if t <= seconds]
    return min(found) if found else None


def _scored(scenario: Scenario, roster: Roster) -> dict:
    cal = Calendar(scenario)
    report = validate(scenario, roster, cal)
    terms = ";".join(f"{rule}={cost}" for rule, cost in sorted(report.costs().items()))
    return {"cost": report.cost, "hard": len(report.hard),
            "empty_hard_seats": empty_hard_seats(scenario, roster, cal), "validator_terms": terms,
            "first_hard": str(report.hard[0]) if report.hard else ""}


def measure_engine(size: int, at: Sequence[float], time_limit: float, workers: int,
                   seed: int) -> dict:
    """Solve one centre with the engine; times from the solve call."""
    scenario = make_centre(size, seed)
    history: list[tuple[float, float]] = []
    t0 = time.perf_counter()

    def progress(p: Progress) -> None:
        history.append((round(time.perf_counter() - t0, 3), p.objective))

    result = solve(scenario, SolveOptions(time_limit=time_limit, workers=workers, seed=seed),
                   on_progress=progress)
    seconds = time.perf_counter() - t0
    first = history[0][0] if history else None
    # a roster from the group search came first
    if result.stats.get("group_first_seconds") is not None:
        first = result.stats["group_first_seconds"]
    row: dict = {"staff": size, "who": "engine", "status": result.status,
                 "variables": result.stats.get("variables"), "threads": result.stats.get("workers"),
                 "build_s": result.stats.get("build_seconds"),
                 "first_s": first, "seconds": round(seconds, 2), "objective": result.objective}
    for t in at:
        row[f"cost_{t:g}s"] = cost_at(history, t)
    if result.feasible:
        row.update(_scored(scenario, result.roster))
    return row


def measure_peer(size: int, at: Sequence[float], time_limit: float, workers: int,
                 seed: int) -> dict:
    """Solve one centre with the plain peer; the validator also scores its best roster at each
    checkpoint."""
    scenario = make_centre(size, seed)
    result = solve_plain(scenario, time_limit=time_limit, workers=workers, seed=seed, at=at)
    row: dict = {"staff": size, "who": "peer", "status": result.status,
                 "variables": result.variables, "threads": workers,
                 "build_s": result.build_seconds, "first_s": result.first_seconds,
                 "seconds": result.seconds, "objective": result.objective}
    for t in at:
        row[f"cost_{t:g}s"] = cost_at(result.history, t)
        snap = result.snapshots.get(t)
        row[f"validated_{t:g}s"] = None if snap is None else validate(scenario, snap).cost
    if result.feasible:
        row.update(_scored(scenario, result.roster))
        row["fairness_spread"] = result.terms.get("fairness_spread", 0)
    return row


def _child(who: str, size: int, at: Sequence[float], time_limit: float, workers: int, seed: int,
           timeout: float) -> dict:
    row = table.child_row("roster.bench.scale_table",
                          [who, str(size), ",".join(f"{t:g}" for t in at), f"{time_limit:g}",
                           str(workers), str(seed)],
                          timeout)
    return row if isinstance(row, dict) else {"staff": size, "who": who, "status": row}


def run_sizes(sizes: Sequence[int], at: Sequence[float], time_limit: float | None = None,
              workers: int = 2, seed: int = 0, jobs: int = 1, write_scenario: Path | None = None,
              on_row: Callable[[dict], None] | None = None) -> list[dict]:
    """Engine then peer for each size, each in its own process; ``jobs`` runs at a time."""
    limit = float(time_limit if time_limit is not None else max(at))
    if write_scenario is not None:
        write_scenario.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            text = dump_scenario(make_centre(size, seed))
            (write_scenario / f"centre-{size}.yaml").write_text(text, encoding="utf-8")
    tasks = [(size, who) for size in sizes for who in WHO]
    timeout = 4 * limit + 600

    def one(task: tuple[int, str]) -> dict:
        row = _child(task[1], task[0], at, limit, workers, seed, timeout)
        if on_row:
            on_row(row)
        return row

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        rows = list(pool.map(one, tasks))
    return rows


def columns(at: Sequence[float]) -> list[str]:
    return ["staff", "who", "build_s", "first_s", *(f"cost_{t:g}s" for t in at), "cost", "hard",
            "empty_hard_seats", "peak_mib", "status"]


def csv_columns(at: Sequence[float]) -> list[str]:
    return [*columns(at), *(f"validated_{t:g}s" for t in at), "objective", "fairness_spread",
            "variables", "threads", "seconds", "validator_terms", "first_hard"]


def ratios(rows: Sequence[dict], at: Sequence[float]) -> list[str]:
    """Per size: engine cost / peer cost at each checkpoint (own objectives, and by the
    validator)."""
    out = []
    for size in dict.fromkeys(r["staff"] for r in rows):
        pair = {r["who"]: r for r in rows if r["staff"] == size}
        eng, peer = pair.get("engine", {}), pair.get("peer", {})
        own = [_ratio(eng.get(f"cost_{t:g}s"), peer.get(f"cost_{t:g}s")) for t in at]
        val = [_ratio(eng.get(f"cost_{t:g}s"), peer.get(f"validated_{t:g}s")) for t in at]
        marks = ", ".join(f"{t:g} s" for t in at)
        out.append(f"{size} staff, engine / peer cost at {marks}: {' '.join(own)} (objectives); "
                   f"{' '.join(val)} (peer's roster by the validator)")
    return out


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "-"
    if b == 0:
        return "inf" if a else "1"
    return f"{a / b:.2f}"


def format_table(rows: Sequence[dict], at: Sequence[float]) -> str:
    return "\n".join([table.format_table(rows, columns(at), table.fixed), "", *ratios(rows, at)])


def write_csv(rows: Sequence[dict], at: Sequence[float], path: Path) -> None:
    table.write_csv(rows, csv_columns(at), path)


# one solver on one size, in its own process: who, size, checkpoints, limit, workers, seed
if __name__ == "__main__":
    who_arg, size_arg, at_arg, limit_arg, workers_arg, seed_arg = sys.argv[1:7]
    marks = [float(x) for x in at_arg.split(",")]
    measure = measure_engine if who_arg == "engine" else measure_peer
    row = measure(int(size_arg), marks, float(limit_arg), int(workers_arg), int(seed_arg))
    row["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(row))
