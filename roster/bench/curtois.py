"""Solve Curtois & Qu instances with the engine and score each roster three ways.

For every instance: the engine's objective, the independent evaluator's objective
(``roster.io.curtois_eval``, from the file and the solution CSV alone) and the validator's soft
cost must agree; the row records all three and the evaluator's hard violations.
"""

from __future__ import annotations

import csv
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from roster.io.curtois import (
    instance_path,
    read_instance,
    solution_rows,
    to_scenario,
    write_solution,
)
from roster.io.curtois_eval import evaluate, read_solution
from roster.solver.options import SolveOptions
from roster.solver.solve import solve
from roster.validate import validate

BEST_KNOWN: dict[int, tuple[int, int | None]] = {
    1: (607, 607), 2: (828, 828), 3: (1001, 1001), 4: (1716, 1716), 5: (1143, 1141),
    6: (1950, 1949), 7: (1056, 1055), 8: (1300, 1300), 9: (439, 439), 10: (4631, None),
    11: (3443, None), 12: (4040, None), 13: (1348, 1348), 14: (1278, 1278), 15: (3829, 3823),
    16: (3225, 3225), 17: (5746, 5746), 18: (4459, 4459), 19: (3149, 3148), 20: (4769, 4091),
    21: (21133, 11898), 22: (30241, 24064), 23: (17428, 2765), 24: (42463, None),
}
"""Instance → (best known objective, best known lower bound or None), from the benchmark README."""

GUROBI_60MIN: dict[int, int] = {8: 1323, 13: 3109, 14: 1280, 15: 4964, 16: 3233, 17: 5851, 18: 4760,
                                19: 5420}
"""Published 60-minute Gurobi results where they differ from the best known (README)."""


@dataclass
class Row:
    instance: int
    staff: int
    days: int
    status: str
    objective: int | None
    bound: float | None
    best_known: int
    ratio: float | None
    first_s: float | None
    best_s: float | None
    seconds: float
    evaluator: int | None
    validator: int | None
    hard_violations: int | None
    threads: int | None = None
    """CP-SAT search threads the solve actually used."""
    bound_source: str | None = None
    """``cp-sat`` or ``column generation``."""
    roster_source: str | None = None
    """Which route found the roster: ``cp-sat``, ``search`` (per-person moves) or ``columns``."""

    @property
    def agree(self) -> bool:
        return self.objective is not None and self.objective == self.evaluator == self.validator


COLUMNS = ("instance", "staff", "days", "status", "objective", "bound", "best_known", "ratio",
           "first_s", "best_s", "seconds", "evaluator", "validator", "hard_violations", "threads",
           "bound_source", "roster_source")
HEADER = ("instance", "staff", "days", "status", "objective", "best bound", "best known", "ratio",
          "first feasible s", "best s", "total s", "evaluator", "validator", "hard", "threads",
          "bound from", "roster from")


def parse_range(text: str) -> list[int]:
    """``"1-7"``, ``"1,3,5"`` or ``"1-3,8"`` → instance numbers."""
    out: list[int] = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        a, dash, b = part.partition("-")
        if not a.isdigit() or (dash and not b.isdigit()):
            raise ValueError(f"{part!r} is not a number or a range like 1-7")
        lo, hi = int(a), int(b) if dash else int(a)
        if lo > hi or lo < 1 or hi > 24:
            raise ValueError(f"{part!r}: give instance numbers from 1 to 24, lowest first")
        out.extend(range(lo, hi + 1))
    return out


def run_instance(number: int, time_limit: float, workers: int, out_dir: Path | None = None,
                 folder: Path | None = None, seed: int = 0,
                 on_progress: Callable | None = None, strategy: str = "auto",
                 column_rosters: bool = True) -> Row:
    """Solve one instance and score the roster with the engine, the evaluator and the validator."""

    path = instance_path(number, folder)
    inst = read_instance(path)
    scenario = to_scenario(inst)
    t0 = time.perf_counter()
    result = solve(scenario, SolveOptions(time_limit=time_limit, workers=workers, seed=seed,
                                          strategy=strategy, column_rosters=column_rosters),
                   on_progress=on_progress)
    seconds = time.perf_counter() - t0
    best, _ = BEST_KNOWN[number]
    row = Row(number, len(inst.staff), inst.days, result.status, None, None, best, None, None, None,
              round(seconds, 2), None, None, None, result.stats.get("workers"))
    if not result.feasible:
        return row
    rows = solution_rows(result.roster)
    if out_dir is not None:
        written = write_solution(rows, out_dir / f"Instance{number}.csv")
        rows = read_solution(written)  # score what was written, not what is in memory
    ev = evaluate(inst, rows)
    row.objective = int(round(result.objective))
    row.bound = result.bound
    row.ratio = round(row.objective / best, 4)
    row.first_s = result.first_solution_seconds
    row.best_s = result.best_solution_seconds
    row.evaluator = ev.objective
    row.validator = validate(scenario, result.roster).cost
    row.hard_violations = len(ev.violations)
    row.bound_source = result.stats.get("bound_source")
    row.roster_source = result.stats.get("roster_source")
    return row


def format_table(rows: list[Row]) -> str:
    """A fixed-width table of the rows, with the geometric mean ratio when there is one."""
    cells = [[_fmt(getattr(r, c)) for c in COLUMNS] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(HEADER)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(HEADER, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    ratios = [r.ratio for r in rows if r.ratio]
    if ratios:
        gm = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        lines.append(f"geometric mean ratio over {len(ratios)} solved: {gm:.4f}")
    disagree = [r.instance for r in rows if r.objective is not None and not r.agree]
    lines.append("engine = evaluator = validator on every solved instance" if not disagree
                 else f"objective mismatch on instances {disagree}")
    return "\n".join(lines)


def write_csv(rows: list[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({k: v for k, v in asdict(r).items() if k in COLUMNS})


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}" if value < 10 else f"{value:.1f}"
    return str(value)
