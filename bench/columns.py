"""Curtois & Qu instances through ``solve()``, printing where the roster and the bound came from.

    .venv/bin/python bench/columns.py --instances 5,7,10,11 --time-limit 300 --jobs 2

One JSON line per instance: objective, bound, their sources, the validator's cost, and the
column generation's and the restricted master's statistics (``result.stats["colgen"]`` and
``["master"]``: rounds, months, the master's status, its cost and the cost it started from).
``--no-column-rosters`` skips the restricted master.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor

from roster.bench.curtois import BEST_KNOWN, parse_range
from roster.io.curtois import instance_path, load_curtois
from roster.solver import SolveOptions, solve
from roster.validate import validate


def one(number: int, time_limit: float, column_rosters: bool = True) -> dict:
    scenario = load_curtois(instance_path(number))
    t0 = time.perf_counter()
    result = solve(scenario, SolveOptions(time_limit=time_limit, workers=2, column_rosters=column_rosters))
    return {"instance": number, "status": result.status, "objective": result.objective, "bound": result.bound,
            "best_known": BEST_KNOWN[number][0],
            "validator": validate(scenario, result.roster).cost if result.feasible else None,
            "bound_source": result.stats.get("bound_source"), "roster_source": result.stats.get("roster_source"),
            "colgen": result.stats.get("colgen"), "master": result.stats.get("master"),
            "seconds": round(time.perf_counter() - t0, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--instances", default="5,7,10,11")
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--jobs", type=int, default=1, help="instances solved at the same time")
    ap.add_argument("--no-column-rosters", action="store_true", help="skip the roster from the generated months")
    args = ap.parse_args()
    numbers = parse_range(args.instances)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for row in pool.map(one, numbers, [args.time_limit] * len(numbers),
                            [not args.no_column_rosters] * len(numbers)):
            print(json.dumps(row, default=str), flush=True)


if __name__ == "__main__":
    main()
