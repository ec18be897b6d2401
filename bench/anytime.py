"""The engine beside an earlier engine on generated centres and Curtois & Qu instances.

Each solve runs in its own process; ``--previous`` names a checkout of the earlier engine (for
example ``git worktree add ../roster-prev <commit>``), whose ``roster`` package that process
imports instead of this one. With ``--jobs 2`` (the default) the two engines run at the same
time, so both meet the same machine load. Every roster is scored by this checkout's validator.

    python bench/anytime.py --previous ../roster-prev --sizes 100,300 --seeds 0,1,2 --limit 120
    python bench/anytime.py --previous ../roster-prev --curtois 13-19 --limit 60

Prints one row per solve and a table of medians (cost at each checkpoint, bound, cost / bound),
and writes the rows to ``--out`` (CSV).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import json, sys, time
from roster.solver.options import SolveOptions
from roster.solver.solve import solve
kind, name, seed, limit, at = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), json.loads(sys.argv[5])
strategy = sys.argv[6]
if kind == "centre":
    from roster.bench.scale import make_centre
    scenario = make_centre(int(name), seed)
else:
    from roster.io.curtois import load_curtois
    scenario = load_curtois(name)
points = []
begun = time.perf_counter()
result = solve(scenario, SolveOptions(time_limit=limit, seed=seed, workers=2, strategy=strategy),
               on_progress=lambda p: points.append((time.perf_counter() - begun, p.objective)))
best = {str(t): min((o for s, o in points if s <= t), default=None) for t in at}
out = {"status": result.status, "objective": result.objective, "bound": result.bound,
       "seconds": round(time.perf_counter() - begun, 1), "first": result.first_solution_seconds, "at": best,
       "assignments": [[str(a.date), a.staff, a.shift, a.role, a.post, a.break_at] for a in result.roster]}
print("RESULT " + json.dumps(out, default=float))
"""


def run(engine: str, path: Path, kind: str, name: str, seed: int, limit: float, at: list[float],
        strategy: str = "auto") -> dict:
    env = {**os.environ, "PYTHONPATH": str(path)}
    proc = subprocess.run([sys.executable, "-c", CHILD, kind, name, str(seed), str(limit), json.dumps(at), strategy],
                          capture_output=True, text=True, env=env, cwd=path, timeout=limit * 3 + 300)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    row = {"engine": engine, "kind": kind, "name": Path(name).stem, "seed": seed, "limit": limit}
    if line is None:
        return {**row, "status": "ERROR", "error": proc.stderr[-400:]}
    out = json.loads(line[7:])
    row.update({k: out[k] for k in ("status", "objective", "bound", "seconds", "first")})
    row.update({f"cost_{t:g}s": out["at"][str(t)] for t in at})
    row["validator"] = _validate(kind, name, seed, out["assignments"])
    return row


def _warm(path: Path) -> None:
    """Compile each engine's per-person routine before any solve is timed: a cold numba cache
    (a fresh checkout, or ``dp.py`` touched since) costs 9 s on a quiet machine and far more under
    load, all of it inside the first solve's construction."""
    env = {**os.environ, "PYTHONPATH": str(path)}
    code = "from roster.solver.search import dp; dp.warm() if hasattr(dp, 'warm') else None"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=path, check=False, timeout=600)


def _validate(kind: str, name: str, seed: int, cells: list) -> float | None:
    from roster.model.roster import Assignment, Roster
    from roster.validate import validate

    if kind == "centre":
        from roster.bench.scale import make_centre
        scenario = make_centre(int(name), seed)
    else:
        from roster.io.curtois import load_curtois
        scenario = load_curtois(name)
    import datetime as dt
    roster = Roster.of([Assignment(dt.date.fromisoformat(d), s, sh, r, p, b) for d, s, sh, r, p, b in cells])
    report = validate(scenario, roster)
    return None if report.hard else report.cost


def _numbers(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--previous", type=Path, required=True, help="checkout of the earlier engine")
    ap.add_argument("--sizes", default="", help="generated centre sizes, e.g. 100,300")
    ap.add_argument("--curtois", default="", help="Curtois & Qu instance numbers, e.g. 13-19")
    ap.add_argument("--curtois-dir", type=Path, default=ROOT.parent / "shared" / "benchmarks" / "curtois")
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--limit", type=float, default=120.0)
    ap.add_argument("--at", default="10,60,120", help="checkpoints (seconds)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--strategy", default="auto", help="this engine's SolveOptions.strategy (the earlier: auto)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "anytime.csv")
    args = ap.parse_args()
    at = [float(x) for x in args.at.split(",") if float(x) <= args.limit]
    sizes = _numbers(args.sizes) if args.sizes else []
    instances = _numbers(args.curtois) if args.curtois else []
    cases = [("centre", str(n), seed) for n in sizes for seed in _numbers(args.seeds)]
    cases += [("curtois", str(args.curtois_dir / f"Instance{i}.txt"), 0) for i in instances]
    for path in (ROOT, args.previous.resolve()):
        _warm(path)
    rows = []
    with ThreadPoolExecutor(args.jobs) as pool:
        for kind, name, seed in cases:
            jobs = [pool.submit(run, engine, path, kind, name, seed, args.limit, at, strategy)
                    for engine, path, strategy in (("engine", ROOT, args.strategy),
                                                   ("previous", args.previous.resolve(), "auto"))]
            for job in jobs:
                row = job.result()
                rows.append(row)
                print(json.dumps(row), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=sorted({k for r in rows for k in r}))
        writer.writeheader()
        writer.writerows(rows)
    _medians(rows, at)


def _medians(rows: list[dict], at: list[float]) -> None:
    print("| case | engine | " + " | ".join(f"cost {t:g} s" for t in at) + " | validator | bound | cost / bound |")
    print("|---|---|" + "---|" * (len(at) + 3))
    for key in dict.fromkeys((r["kind"], r["name"]) for r in rows):
        for engine in ("engine", "previous"):
            mine = [r for r in rows if (r["kind"], r["name"]) == key and r["engine"] == engine]

            def med(field: str, mine: list[dict] = mine) -> str:
                values = [r.get(field) for r in mine if r.get(field) is not None]
                return f"{statistics.median(values):,.0f}" if values else "-"

            bounds = [r["bound"] for r in mine if r.get("bound")]
            ratio = [r["validator"] / r["bound"] for r in mine if r.get("bound") and r.get("validator") is not None]
            print(f"| {key[1]} | {engine} | " + " | ".join(med(f"cost_{t:g}s") for t in at)
                  + f" | {med('validator')} | {statistics.median(bounds) if bounds else '-'} | "
                  + (f"{statistics.median(ratio):.2f}" if ratio else "-") + " |")


if __name__ == "__main__":
    main()
