"""Time `roster solve` spends outside the solver, on a generated provincial centre.

A roster of each size is made once (this checkout, ``--strategy construct``); then each checkout
(this one, and ``--previous`` if given: a checkout of an earlier commit, for example
``git worktree add ../roster-prev <commit>``) runs ``roster solve`` in its own process with the
solver replaced by that roster, so the time is all loading, checking and writing, and the same
work on both. Each run goes twice: plain for the wall time, then under cProfile for the
cumulative seconds of the steps that matter (reading the scenario, the month grid workbook,
result.json, the fair-share table, the validator; profiled seconds run slower than plain ones).

    python bench/cli_outputs.py --sizes 300,1000 --previous ../roster-prev --previous-without-lxml
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKE = r"""
import sys
from pathlib import Path
from roster.bench.scale import make_centre
from roster.io.load import dump_scenario
from roster.io.roster_csv import write_roster_csv
from roster.solver import SolveOptions, solve
size, folder = int(sys.argv[1]), Path(sys.argv[2])
sc = make_centre(size, 0)
(folder / "centre.yaml").write_text(dump_scenario(sc), encoding="utf-8")
result = solve(sc, SolveOptions(time_limit=20, workers=2, strategy="construct"))
write_roster_csv(result.roster, folder / "roster.csv", scenario=sc)
"""
CHILD = r"""
import cProfile, json, pstats, sys, time
from pathlib import Path
folder = Path(sys.argv[1])
import roster.cli.solve as cli
from roster.cli import app
from roster.io.load import load_scenario
from roster.io.readers import read_any
from roster.solver.result import Result
sc = load_scenario(folder / "centre.yaml")
roster = read_any(folder / "roster.csv", sc)
cli.run = lambda scenario, options, on_progress=None: Result("FEASIBLE", roster, 0.0, 0.0, 0.0, 1.0)
profile = cProfile.Profile()
start = time.perf_counter()
if sys.argv[2] == "profile":
    profile.enable()
try:
    app(["solve", str(folder / "centre.yaml"), "--out", str(folder / "out"), "--quiet"])
except SystemExit:
    pass
profile.disable()
wall = time.perf_counter() - start
if sys.argv[2] != "profile":
    print("RESULT " + json.dumps({"wall": wall}))
    sys.exit(0)
steps = {"load": "load_scenario", "grid": "write_month_grid", "json": "write_result_json",
         "fair_shares": "fair_shares", "validate": "validate"}
stats = pstats.Stats(profile).stats
out = {"profiled": wall}
for key, name in steps.items():
    found = [v[3] for (file, _, fn), v in stats.items() if fn == name and "roster" in file
             and (name != "validate" or file.endswith("validate/__init__.py"))
             and (name != "load_scenario" or file.endswith("io/load.py"))]
    out[key] = max(found) if found else 0.0
print("RESULT " + json.dumps(out))
"""


def run_child(code: str, args: list[str], checkout: Path, lxml: bool = True) -> str:
    env = {**os.environ, "PYTHONPATH": str(checkout), "OPENPYXL_LXML": str(lxml)}
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, check=True, cwd=checkout)
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000")
    parser.add_argument("--previous", type=Path, help="a checkout of the earlier commit")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--previous-without-lxml", action="store_true",
                        help="openpyxl without lxml for the earlier commit (it did not depend on "
                             "lxml, so it saved workbooks through et_xmlfile)")
    args = parser.parse_args()
    checkouts = [("this", ROOT, True)] + ([("previous", args.previous.resolve(),
                                            not args.previous_without_lxml)]
                                          if args.previous else [])
    keys = ("wall", "profiled", "load", "grid", "json", "fair_shares", "validate")
    print("| staff | checkout | run | " + " | ".join(keys) + " |")
    print("|---|---|---|" + "---|" * len(keys))
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            run_child(MAKE, [str(size), tmp], ROOT)
            for run in range(args.runs):
                for name, checkout, lxml in checkouts:
                    row = {}
                    for how in ("plain", "profile"):
                        line = run_child(CHILD, [tmp, how], checkout, lxml).splitlines()[-1]
                        row.update(json.loads(line.removeprefix("RESULT ")))
                    cells = " | ".join(f"{row[k]:.2f}" for k in keys)
                    print(f"| {size} | {name} | {run + 1} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
