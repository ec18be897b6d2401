"""Build the CP-SAT model from a scenario, solve it, and return a small Result."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from roster.model.calendar import Calendar
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

from .context import Context
from .objective import set_objective, term_values
from .rules import FAMILIES
from .variables import build_variables


@dataclass(frozen=True)
class Progress:
    seconds: float
    objective: float
    bound: float


@dataclass
class Result:
    status: str
    """OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN or MODEL_INVALID."""
    roster: Roster
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    terms: dict[str, int] = field(default_factory=dict)
    first_solution_seconds: float | None = None
    best_solution_seconds: float | None = None
    history: list[Progress] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    def summary(self) -> dict[str, Any]:
        return {
            "status": self.status, "objective": self.objective, "bound": self.bound, "gap": self.gap,
            "seconds": round(self.seconds, 3), "first_solution_seconds": self.first_solution_seconds,
            "terms": self.terms, "stats": self.stats,
        }


def build(scenario: Scenario, calendar: Calendar | None = None, explain: bool = False,
          families: dict[str, Callable[[Context], None]] | None = None) -> Context:
    """The CP-SAT model with every rule family added and the objective set."""
    calendar = calendar or Calendar(scenario)
    model = cp_model.CpModel()
    ctx = Context(model, scenario, calendar, build_variables(model, scenario, calendar), explain=explain)
    for add in (families or FAMILIES).values():
        add(ctx)
    set_objective(ctx)
    return ctx


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, start: float, on_progress: Callable[[Progress], None] | None,
                 stop: threading.Event | None) -> None:
        super().__init__()
        self.start, self.on_progress, self.stop = start, on_progress, stop
        self.history: list[Progress] = []

    def on_solution_callback(self) -> None:
        p = Progress(time.perf_counter() - self.start, self.ObjectiveValue(), self.BestObjectiveBound())
        self.history.append(p)
        if self.on_progress:
            self.on_progress(p)
        if self.stop is not None and self.stop.is_set():
            self.StopSearch()


def solve(scenario: Scenario, *, time_limit: float = 60.0, seed: int = 0, workers: int | None = None,
          gap_limit: float = 0.0, deterministic_time: float | None = None, hint: Roster | None = None,
          on_progress: Callable[[Progress], None] | None = None, stop: threading.Event | None = None,
          ctx: Context | None = None, log: bool = False) -> Result:
    """Solve a scenario. ``deterministic_time`` (instead of wall time) makes runs repeatable."""
    t0 = time.perf_counter()
    ctx = ctx or build(scenario)
    build_seconds = time.perf_counter() - t0
    if hint is not None:
        add_hint(ctx, hint)
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.max_time_in_seconds = float(time_limit)
    if deterministic_time is not None:
        prm.max_deterministic_time = float(deterministic_time)
    prm.random_seed = int(seed)
    prm.num_workers = int(workers or max(os.cpu_count() or 1, 1) * 4)
    prm.relative_gap_limit = float(gap_limit)
    prm.log_search_progress = log
    watcher = _Watcher(time.perf_counter(), on_progress, stop)
    done = threading.Event()
    if stop is not None:
        threading.Thread(target=_stop_when, args=(stop, done, solver), daemon=True).start()
    try:
        code = solver.Solve(ctx.model, watcher)
    finally:
        done.set()
    status = solver.StatusName(code)
    result = Result(status=status, roster=Roster(), seconds=time.perf_counter() - t0, history=watcher.history)
    result.stats = {
        "variables": len(ctx.model.Proto().variables), "constraints": len(ctx.model.Proto().constraints),
        "build_seconds": round(build_seconds, 3), "workers": prm.num_workers, "seed": seed,
        "branches": solver.NumBranches(), "conflicts": solver.NumConflicts(),
    }
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.roster = extract(ctx, solver)
        result.objective = solver.ObjectiveValue()
        result.bound = solver.BestObjectiveBound()
        result.gap = 0.0 if code == cp_model.OPTIMAL else _gap(result.objective, result.bound)
        result.terms = term_values(ctx, solver)
        if watcher.history:
            result.first_solution_seconds = round(watcher.history[0].seconds + build_seconds, 3)
            result.best_solution_seconds = round(watcher.history[-1].seconds + build_seconds, 3)
    return result


def _stop_when(stop: threading.Event, done: threading.Event, solver: cp_model.CpSolver) -> None:
    while not done.wait(0.1):
        if stop.is_set():
            solver.StopSearch()
            return


def _gap(objective: float, bound: float) -> float:
    if abs(objective - bound) < 1e-9:
        return 0.0
    return abs(objective - bound) / max(1.0, abs(objective))


def extract(ctx: Context, solver: cp_model.CpSolver) -> Roster:
    v, cal = ctx.vars, ctx.calendar
    return Roster.of(
        Assignment(cal.days[d].date, v.staff[p], v.shifts[s], r)
        for (p, d, s, r), var in v.x.items() if solver.BooleanValue(var)
    )


def add_hint(ctx: Context, roster: Roster) -> None:
    """Start the search from a known roster (cells it does not name are hinted off)."""
    v, cal = ctx.vars, ctx.calendar
    cells = {(a.staff, a.date, a.shift): a.role for a in roster}
    roles: dict[tuple[int, int, int], list[str]] = {}
    for (p, d, s, r) in v.x:
        roles.setdefault((p, d, s), []).append(r)
    for (p, d, s), rs in roles.items():
        key = (v.staff[p], cal.days[d].date, v.shifts[s])
        pick = None
        if key in cells:
            pick = cells[key] if cells[key] in rs else rs[0]
        for r in rs:
            ctx.model.AddHint(v.x[(p, d, s, r)], r == pick)
