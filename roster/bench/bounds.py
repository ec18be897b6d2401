"""Column-generation lower bounds on the Curtois & Qu instances and the generated centres.

``python -m roster.bench.bounds --curtois 1-12 --centres 100,300 --seconds 120`` prints one row per
instance: the bound, the best known objective and published lower bound (Curtois & Qu), the
bound as a share of the best known objective, rounds, columns and seconds. The generated centres
weigh hours fairness, which the bound leaves out.

``--solve 60`` runs ``solve()`` instead (that time limit, 2 workers) and prints its objective,
bound, the bound's source, the gap, where the roster came from (``roster``: ``columns`` when the
restricted master over the generated months beat the engine's roster) and that master's cost.
"""

from __future__ import annotations

import argparse
import time

from roster.bench.curtois import BEST_KNOWN, parse_range
from roster.bench.scale import make_centre
from roster.io.curtois import instance_path, load_curtois
from roster.model.scenario import Scenario
from roster.solver.options import SolveOptions
from roster.solver.search.colgen import lower_bound
from roster.solver.solve import solve


def row(name: str, scenario: Scenario, seconds: float, best: int | None = None,
        published: int | None = None) -> dict:
    t = time.perf_counter()
    found = lower_bound(scenario, seconds)
    return {"instance": name, "staff": len(scenario.staff), "bound": found.value,
            "master": round(found.lp, 1), "best_known": best, "published_lb": published,
            "bound/best": None if not best else round(found.value / best, 4),
            "solved": found.optimal, "rounds": found.rounds, "columns": found.columns,
            "seconds": round(time.perf_counter() - t, 1)}


def solved(name: str, scenario: Scenario, seconds: float, best: int | None = None,
           published: int | None = None, column_rosters: bool = True) -> dict:
    r = solve(scenario, SolveOptions(time_limit=seconds, workers=2, column_rosters=column_rosters))
    cg = r.stats.get("colgen", {})
    return {"instance": name, "staff": len(scenario.staff), "status": r.status,
            "objective": r.objective, "bound": r.bound, "source": r.stats.get("bound_source"),
            "gap": None if r.gap is None else round(r.gap, 4), "best_known": best,
            "published_lb": published, "colgen_bound": cg.get("bound"),
            "colgen_s": cg.get("seconds"), "roster": r.stats.get("roster_source"),
            "master_cost": r.stats.get("master", {}).get("cost"), "seconds": round(r.seconds, 1)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--curtois", default="", help="instance numbers, e.g. 1-12")
    ap.add_argument("--centres", default="", help="generated centre sizes, e.g. 100,300")
    ap.add_argument("--seconds", type=float, default=120.0, help="time for each bound")
    ap.add_argument("--solve", type=float, default=None,
                    help="run solve() with this time limit instead")
    ap.add_argument("--no-column-rosters", action="store_true",
                    help="with --solve: skip the roster from the generated months")
    args = ap.parse_args(argv)
    keys: tuple[str, ...] = ("instance", "staff", "bound", "master", "best_known", "published_lb",
                             "bound/best", "solved", "rounds", "columns", "seconds")
    if args.solve is not None:
        keys = ("instance", "staff", "status", "objective", "bound", "source", "gap", "best_known",
                "published_lb", "colgen_bound", "colgen_s", "roster", "master_cost", "seconds")
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    todo: list[tuple[str, Scenario, int | None, int | None]] = []
    for n in parse_range(args.curtois) if args.curtois else []:
        best, lb = BEST_KNOWN[n]
        todo.append((f"Instance{n}", load_curtois(instance_path(n)), best, lb))
    for size in [int(x) for x in args.centres.split(",") if x]:
        todo.append((f"centre {size}", make_centre(size), None, None))
    for name, sc, best, lb in todo:
        if args.solve is None:
            r = row(name, sc, args.seconds, best, lb)
        else:
            r = solved(name, sc, args.solve, best, lb, not args.no_column_rosters)
        print("| " + " | ".join("" if r[k] is None else str(r[k]) for k in keys) + " |", flush=True)


if __name__ == "__main__":
    main()
