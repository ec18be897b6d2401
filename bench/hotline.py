"""The generated municipal hotline (``roster.bench.hotline``), solved by this checkout and, with
``--previous``, by another checkout side by side.

The scenario is generated here and handed to each solve as JSON, so both engines solve the same
one; each solve runs in its own process with ``PYTHONPATH`` set to its checkout. With ``--jobs 2``
(the default) two solves run at a time, so both engines meet the same load. This checkout's
validator scores every roster: cost, people outside their fair bands per kind and role, the gap
to the best bound the whole CP-SAT model proved (read from each solve of it, since ``solve`` drops
the bound when the model stopped before it found the hinted roster), empty floors.

    python bench/hotline.py --seeds 0,1,2 --limit 60
    python bench/hotline.py --previous ../roster-prev --seeds 0,1,2 --limit 60 --out bench/results/hotline.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, sys, time
from roster.model.scenario import Scenario
from roster.solver.options import SolveOptions
from roster.solver.solve import solve
from ortools.sat.python import cp_model
path, seed, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
scenario = Scenario.model_validate_json(open(path, encoding="utf-8").read())
# the whole model's bound, also when the solve drops it (stopped before it found the hinted roster)
# or returns the search's roster: solves with every hinted variable fixed are left out
proved = []
plain_solve = cp_model.CpSolver.Solve
def watched(self, model, *args, **kwargs):
    code = plain_solve(self, model, *args, **kwargs)
    if not self.parameters.fix_variables_to_their_hinted_value and self.parameters.num_workers > 1:
        proved.append(self.BestObjectiveBound())
    return code
cp_model.CpSolver.Solve = watched
begun = time.perf_counter()
result = solve(scenario, SolveOptions(time_limit=limit, seed=seed, workers=2))
out = {"status": result.status, "objective": result.objective, "bound": result.bound, "gap": result.gap,
       "cpsat_bound": max(proved) if proved else None, "from_hint": bool(result.stats.get("from_hint")),
       "seconds": round(time.perf_counter() - begun, 1), "source": result.stats.get("roster_source"),
       "assignments": [[str(a.date), a.staff, a.shift, a.role, a.post, a.break_at] for a in result.roster]}
print("RESULT " + json.dumps(out, default=float))
"""


def run(engine: str, path: Path, scenario_file: str, seed: int, limit: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(path)}
    proc = subprocess.run([sys.executable, "-c", CHILD, scenario_file, str(seed), str(limit)],
                          capture_output=True, text=True, env=env, cwd=path, timeout=limit * 3 + 300)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    row = {"engine": engine, "seed": seed, "limit": limit}
    if line is None:
        return {**row, "status": "ERROR", "error": proc.stderr[-400:]}
    return {**row, **json.loads(line[len("RESULT "):])}


def score(scenario, row: dict) -> dict:
    """This checkout's validator and fair-share figures for one solve's roster."""
    from roster.bench.intervals import floor_figures
    from roster.model.calendar import Calendar
    from roster.model.roster import Assignment, Roster
    from roster.model.scenario import Carry
    from roster.reports.summary import fair_shares
    from roster.validate import validate

    assignments = [Assignment(date=dt.date.fromisoformat(d), staff=s, shift=sh, role=r, post=p, break_at=b)
                   for d, s, sh, r, p, b in row.pop("assignments", [])]
    roster = Roster(tuple(assignments))
    cal = Calendar(scenario)
    report = validate(scenario, roster, cal)
    row["validator"] = report.cost
    bound, own = row.get("cpsat_bound"), row.get("objective")  # each engine's own objective and bound
    row["cpsat_gap"] = round((own - bound) / own, 4) if bound is not None and own else None
    row["hard"] = len(report.hard)
    shares = fair_shares(scenario, roster, cal)
    for _, r in shares.iterrows():
        row[f"out_{r['kind']}_{r['group']}"] = int(r["outside"])
        row[f"range_{r['kind']}_{r['group']}"] = f"{r['fewest']}..{r['most']} (fair {r['fair']})"
    # the same roster against the forecast's bands (the definition before shares among peers: a
    # carry of zeros keeps it, and changes no band)
    first = scenario.staff[0].id
    forecast = scenario.model_copy(update={"fairness_carry": (Carry(staff=first),)})
    for _, r in fair_shares(forecast, roster).iterrows():
        if r["kind"] != "hours":
            row[f"forecast_out_{r['kind']}_{r['group']}"] = int(r["outside"])
    costs = report.costs()
    row["fairness_cost"] = sum(v for k, v in costs.items() if str(k).startswith("fairness"))
    row.update(floor_figures(scenario, roster, cal))
    return row


def main(argv: list[str] | None = None) -> None:
    from roster.bench.hotline import make_hotline

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--previous", type=Path, default=None, help="checkout of the engine to compare with")
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--scenario-seed", type=int, default=0)
    ap.add_argument("--limit", type=float, default=60.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    scenario = make_hotline(args.scenario_seed)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(scenario.model_dump_json(by_alias=True))
        scenario_file = f.name
    engines = [("new", ROOT)] + ([("old", args.previous.resolve())] if args.previous else [])
    jobs = [(name, path, seed) for seed in (int(s) for s in args.seeds.split(",")) for name, path in engines]
    with ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(lambda j: run(j[0], j[1], scenario_file, j[2], args.limit), jobs))
    os.unlink(scenario_file)
    rows = [score(scenario, r) if r.get("status") != "ERROR" else r for r in rows]
    for r in rows:
        print(json.dumps(r, default=str), flush=True)
    keys = sorted({k for r in rows for k in r if k.startswith(("out_", "forecast_out_"))})
    for name, _ in engines:
        mine = [r for r in rows if r["engine"] == name and r.get("objective") is not None]
        if not mine:
            continue
        med = {k: statistics.median(r[k] for r in mine if r.get(k) is not None)
               for k in ("objective", "validator", "cpsat_bound", "cpsat_gap", "fairness_cost", "empty",
                         "service_level", *keys)
               if any(r.get(k) is not None for r in mine)}
        print("median", name, json.dumps(med), flush=True)
    if args.out:
        fields = sorted({k for r in rows for k in r})
        with args.out.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(rows)


if __name__ == "__main__":
    main()
