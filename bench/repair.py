"""Repair benchmark: the generated call centre, a published roster, then random absences.

    .venv/bin/python bench/repair.py [--staff 200] [--absences 5] [--publish 60] [--limit 60]

Solves the generated centre once (the published roster, with a deterministic time limit so
every run starts from the same roster), reports ``--absences`` random people
absent for one to three days from the middle of the month, repairs from that day, and prints
one row: repair time, changed cells (of which the absent people's own cells), and the fewest
changed cells a count-only solve finds in the same time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from roster.bench.generated import make_scenario  # noqa: E402
from roster.services.change import Absence, fewest_changed_cells, repair  # noqa: E402
from roster.solver.options import SolveOptions  # noqa: E402
from roster.solver.solve import solve  # noqa: E402
from roster.validate import validate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=200)
    ap.add_argument("--absences", type=int, default=5)
    ap.add_argument("--publish", type=float, default=30.0,
                    help="deterministic seconds for the published roster (the same roster every run)")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds for the repair (and the count-only solve)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    sc = make_scenario(args.staff, args.seed)
    t0 = time.perf_counter()
    first = solve(sc, SolveOptions(time_limit=args.publish * 10, deterministic_time=args.publish,
                                   workers=args.workers, seed=args.seed))
    publish_s = time.perf_counter() - t0
    if not first.feasible:
        sys.exit(f"no published roster in {args.publish:g}s ({first.status})")
    published = first.roster
    rng = random.Random(args.seed)
    start = sc.horizon.start + dt.timedelta(days=14)
    working = sorted({a.staff for a in published if a.date == start})
    absent = [Absence(s, start, start + dt.timedelta(days=rng.randint(0, 2)))
              for s in rng.sample(working, k=min(args.absences, len(working)))]
    result = repair(sc, published, absent, start, time_limit=args.limit, workers=args.workers, seed=args.seed)
    own = sum(1 for c in result.changes if c.reason == "absent")
    hard = len(validate(result.scenario, result.roster).hard) if result.feasible else None
    t1 = time.perf_counter()
    status, least = fewest_changed_cells(sc, published, absent, start, time_limit=args.limit, workers=args.workers,
                                         seed=args.seed)
    least_s = time.perf_counter() - t1
    cols = ["staff", "absences", "absent_days", "publish_s", "repair_status", "repair_s", "changed_cells",
            "absent_cells", "fewest_cells", "fewest_status", "fewest_s", "hard_violations"]
    row = [args.staff, len(absent), sum(len(a.days()) for a in absent), f"{publish_s:.1f}", result.status,
           f"{result.seconds:.1f}", result.changed_cells, own, least, status, f"{least_s:.1f}", hard]
    widths = [max(len(c), len(str(v))) for c, v in zip(cols, row, strict=True)]
    print("  ".join(c.rjust(w) for c, w in zip(cols, widths, strict=True)))
    print("  ".join(str(v).rjust(w) for v, w in zip(row, widths, strict=True)))
    print("absent: " + ", ".join(f"{a.staff} {a.start}..{a.end}" for a in absent))


if __name__ == "__main__":
    main()
