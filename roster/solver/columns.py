"""What column generation adds to a solve: a lower bound, and a roster made of its months.

``from_columns`` runs column generation (``search/colgen.py``) from the solve's roster for part of
the time left, then the restricted master (``search/master.py``) over the months it found and the
roster's own for the rest. The caller keeps whichever roster is cheaper and the higher bound.
``SolveOptions(column_rosters=False)`` skips the restricted master (for side-by-side measurements).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .options import SolveOptions
from .result import Progress, Result, gap
from .search import construct
from .search.colgen import ColumnGeneration
from .search.construct import Search
from .search.master import restricted_master

BOUND_PART = 0.6
"""Share of the time left that column generation may take before the restricted master."""
MIN_MASTER_SECONDS = 1.0
"""The restricted master is skipped with less time than this."""


@dataclass
class Columns:
    bound: float
    """The column-generation bound (``-inf``: none proved)."""
    search: Search | None = None
    """A roster cheaper than the solve's, as the per-person search's arrays (None: none found)."""
    cost: float | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    history: list[tuple[float, float]] = field(default_factory=list)
    """(``time.perf_counter()``, bound so far) after each round of column generation."""


def from_columns(scenario: Scenario, roster: Roster, objective: float | None, deadline: float,
                 seed: int = 0, stop: threading.Event | None = None,
                 rosters: bool = True) -> Columns:
    """The bound and, time allowing, a cheaper roster from the generated months."""
    started = time.perf_counter()
    cg = ColumnGeneration(scenario)
    found = cg.run((deadline - started) * BOUND_PART, start=roster, upper=objective)
    out = Columns(found.value, history=[(started + t, cg.round_up(b)) for t, _lp, b in found.history
                                        if math.isfinite(b)])
    out.stats["colgen"] = {"bound": found.value, "rounds": found.rounds, "columns": found.columns,
                           "seconds": round(found.seconds, 3), "solved": found.optimal}
    left = deadline - time.perf_counter()
    proved = objective is not None and found.value >= objective - 1e-6
    stopped = stop is not None and stop.is_set()
    if proved or stopped or left < MIN_MASTER_SECONDS or not rosters:
        return out
    master = restricted_master(cg, left, start=roster, seed=seed, stop=stop)
    if master is None:
        out.stats["master"] = {"found": False}
        return out
    cost = float(master.search.cost())
    out.stats["master"] = {"found": True, "objective": master.objective, "cost": cost,
                           "start": objective, "status": master.status, "columns": master.columns,
                           "seconds": round(master.seconds, 3)}
    if master.search.empty_hard_seats() == 0 and (objective is None or cost < objective - 1e-6):
        out.search, out.cost = master.search, cost
    return out


BOUND_SHARE = 0.15
"""Share of the time limit kept for the column-generation bound (at most ``BOUND_SECONDS``)."""
BOUND_SECONDS = 60.0


def bound_reserve(scenario: Scenario, options: SolveOptions) -> float:
    """Seconds kept for the column-generation bound: none for repeatable solves and for
    scenarios with posts or leave wishes (the per-person routine does not cover them)."""
    if options.repeatable or not construct.applies(scenario) or options.time_limit < 2 or scenario.interval_lines:
        return 0.0  # the bound has no interval rows: it would leave out the whole interval cost
    return min(BOUND_SHARE * options.time_limit, BOUND_SECONDS)


def column_bound(result: Result, scenario: Scenario, t0: float, deadline: float,
                  stop: threading.Event | None, on_progress: Callable[[Progress], None] | None = None,
                  options: SolveOptions = SolveOptions()) -> None:
    """Raise ``result.bound`` to the column-generation bound when it is higher, then look for a
    cheaper roster among the generated months (``columns.from_columns``), until ``deadline``."""
    left = deadline - time.perf_counter()
    if not result.feasible or result.status == "OPTIMAL" or left < 0.5 or (stop is not None and stop.is_set()):
        return
    found = from_columns(scenario, result.roster, result.objective, deadline, options.seed, stop,
                         rosters=options.column_rosters)
    result.stats.update(found.stats)
    now = time.perf_counter() - t0
    if found.search is not None and found.cost is not None:  # a cheaper roster from the months
        result.roster, result.objective, result.terms = found.search.roster(), found.cost, found.search.terms()
        result.status = "FEASIBLE"
        result.stats["roster_source"] = "columns"
        result.best_solution_seconds = round(now, 3)
        result.history.append(Progress(now, found.cost, result.bound if result.bound is not None else 0.0))
        if on_progress is not None:
            on_progress(result.history[-1])
    for at, bound in found.history:  # each round's bound, for the progress chart
        point = Progress(at - t0, result.objective, bound, "column generation")
        result.bounds.append(point)
        if on_progress is not None:
            on_progress(point)
    if found.bound > -float("inf") and (result.bound is None or found.bound > result.bound):
        result.bound = found.bound
        result.stats["bound_source"] = "column generation"
    if result.bound is not None:
        result.gap = gap(result.objective, result.bound)
        if result.gap == 0.0:
            result.status = "OPTIMAL"
    result.seconds = time.perf_counter() - t0


__all__ = ["BOUND_SECONDS", "BOUND_SHARE", "Columns", "bound_reserve", "column_bound", "from_columns"]
