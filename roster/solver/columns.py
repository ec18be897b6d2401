"""What column generation adds to a solve: a lower bound, and a roster made of its months.

``from_columns`` runs column generation (``search/colgen.py``) from the solve's roster for part of
the time left, then the restricted master (``search/master.py``) over the months it found and the
roster's own for the rest. The caller keeps whichever roster is cheaper and the higher bound.
``SolveOptions(column_rosters=False)`` skips the restricted master (for side-by-side measurements).
"""

from __future__ import annotations

import dataclasses
import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .options import SolveOptions
from .result import Progress, Result, gap
from .search import HARD, construct
from .search.colgen import ColumnGeneration
from .search.construct import Search
from .search.dive import dive
from .search.master import restricted_master

BOUND_PART = 0.6
"""Share of the time left that column generation may take before the dive and the restricted master."""
FIRST_BOUND_PART = 0.6
"""The same before the model search (it stops when the relaxation is solved, leaving the rest to
the dive): the dive lands near the relaxation's value only once it is nearly solved (Curtois 15
at 60 s: 4,878 with 0.3 of the share, 4,317 with 0.6, whose bound rose from 3,475 to 3,816)."""
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
    at: float | None = None
    """``time.perf_counter()`` when the roster was found."""


def from_columns(scenario: Scenario, roster: Roster | None, objective: float | None, deadline: float,
                 seed: int = 0, stop: threading.Event | None = None,
                 rosters: bool = True, first: bool = False,
                 hear: Callable[[str, float], None] | None = None, threads: int = 1) -> Columns:
    """The bound and, time allowing, a cheaper roster from the generated months: the dive
    (``search/dive.py``) and per-person moves from its roster, then the restricted master over the
    months found and the best roster's (``search/master.py``) with the time left. ``first``:
    before the model search, which starts from the roster found (column generation takes
    ``FIRST_BOUND_PART`` of the time, the dive the rest, no restricted master). ``hear`` is told
    each round's bound (``"bound"``, value) and each better roster's cost (``"roster"``, cost).
    ``threads``: people priced at once (nothing else runs meanwhile)."""
    started = time.perf_counter()
    cg = ColumnGeneration(scenario, threads=threads)
    part = FIRST_BOUND_PART if first else BOUND_PART
    on_round = None if hear is None else (lambda _t, bound: hear("bound", bound))
    found = cg.run((deadline - started) * part, start=roster, upper=objective, on_round=on_round, stop=stop)
    out = Columns(found.value, history=[(started + t, cg.round_up(b)) for t, _lp, b in found.history
                                        if math.isfinite(b)])
    out.stats["colgen"] = {"bound": found.value, "rounds": found.rounds, "columns": found.columns,
                           "seconds": round(found.seconds, 3), "solved": found.optimal}
    proved = objective is not None and found.value >= objective - 1e-6
    if proved or (stop is not None and stop.is_set()) or not rosters or not math.isfinite(found.value) \
            or found.lp >= HARD:  # the relaxation itself leaves a hard seat empty
        return out
    master_part = 0.0 if first else MASTER_PART
    best = _dived(scenario, cg, deadline - (deadline - time.perf_counter()) * master_part, seed, stop, out,
                  None if hear is None else (lambda cost: hear("roster", cost)))
    if best is not None and (objective is None or best.cost() < objective - 1e-6):
        out.search, out.cost, out.at = best, float(best.cost()), time.perf_counter()
        roster, objective = best.roster(), out.cost
    left = deadline - time.perf_counter()
    if first or left < MIN_MASTER_SECONDS or (stop is not None and stop.is_set()) \
            or (objective is not None and found.value >= objective - 1e-6):
        return out
    master = restricted_master(cg, left, start=roster, seed=seed, stop=stop)
    if master is None:
        out.stats["master"] = {"found": False}
        return out
    cost = float(master.search.cost())
    out.stats["master"] = {"found": True, "objective": master.objective, "cost": cost,
                           "start": objective, "status": master.status, "columns": master.columns,
                           "seconds": round(master.seconds, 3)}
    if _whole(master.search) and (objective is None or cost < objective - 1e-6):
        out.search, out.cost, out.at = master.search, cost, time.perf_counter()
    return out


MASTER_PART = 0.2
"""Share of the time left after column generation kept for the restricted master (the dive and
its moves take the rest)."""
DIVE_MOVES_PART = 0.15
"""Share of the dive's time kept for per-person moves from its roster."""
MOVES_PATIENCE = 1.0
"""Per-person moves from the dive's roster stop after this long without a better roster."""


def _dived(scenario: Scenario, cg: ColumnGeneration, deadline: float, seed: int,
           stop: threading.Event | None, out: Columns,
           on_better: Callable[[float], None] | None = None) -> Search | None:
    """The dive's roster improved by per-person moves until ``deadline``, as the per-person
    search's arrays; None when the dive found none or it leaves a hard seat empty."""
    found = dive(cg, deadline - (deadline - time.perf_counter()) * DIVE_MOVES_PART, stop)
    if found is None:
        out.stats["dive"] = {"found": False}
        return None
    search = Search(scenario, cg.calendar, seed=seed)
    search.give(found.months)
    out.stats["dive"] = {"found": True, "value": round(found.value, 3), "cost": float(search.cost()),
                         "steps": found.steps, "rounds": found.rounds, "rounded": found.rounded,
                         "seconds": round(found.seconds, 3)}
    if not _whole(search):
        return None
    if on_better is not None:
        on_better(float(search.cost()))
    halt = (lambda: stop.is_set()) if stop is not None else None
    search.improve(max(0.0, deadline - time.perf_counter()), stop=halt, on_better=on_better,
                   patience=MOVES_PATIENCE)
    out.stats["dive"]["moves_cost"] = float(search.cost())
    return search if _whole(search) else None


def _whole(search: Search) -> bool:
    """Does the roster keep every hard seat: none empty, nobody beyond a hard most?"""
    return search.empty_hard_seats() == 0 and search.beyond_hard_most() == 0


BOUND_SHARE = 0.15
"""Share of the time limit kept for the column-generation bound (at most ``BOUND_SECONDS``)."""
BOUND_SECONDS = 60.0


def bound_reserve(scenario: Scenario, options: SolveOptions) -> float:
    """Seconds kept for the column-generation bound: none for repeatable solves and for
    scenarios with posts or leave wishes (the per-person routine does not cover them)."""
    if options.repeatable or not construct.applies(scenario) or options.time_limit < 2 or scenario.interval_lines:
        return 0.0  # the bound has no interval rows: it would leave out the whole interval cost
    return min(BOUND_SHARE * options.time_limit, BOUND_SECONDS)


COLUMNS_SHARE = 0.4
"""Share of the time limit for column generation and its rosters before the model search, where
``first_columns`` holds (the model then starts from the best of them)."""


def first_columns(scenario: Scenario, options: SolveOptions) -> bool:
    """Does an ``auto`` model solve of at least ``FIRST_SECONDS`` start with column generation and
    its rosters (``from_columns``)? Where the bound may be computed (``bound_reserve``) and rosters
    from the columns are wanted; ``solve`` also leaves the group search's rosters to it."""
    return (options.strategy == "auto" and options.column_rosters and options.time_limit >= FIRST_SECONDS
            and bound_reserve(scenario, options) > 0)


FIRST_SECONDS = 30.0
"""Shorter solves leave the columns to the end: their model search needs the time to fill hard
seats from construction's roster (the bundled hotel at 10 s under load: no roster when the
columns came first, 277 without)."""


def first_roster(scenario: Scenario, options: SolveOptions, t0: float, stop: threading.Event | None,
                  on_progress: Callable[[Progress], None] | None) -> Search | None:
    """Construction's roster (no moves), reported at once; None when it leaves a hard seat empty
    or someone without a month (the columns' roster comes after a share of the time)."""
    search = Search(scenario, Calendar(scenario), seed=options.seed)
    ends = t0 + FIRST_ROSTER_SHARE * options.time_limit
    if not search.construct(stop=lambda: time.perf_counter() > ends or (stop is not None and stop.is_set())) \
            or search.empty_hard_seats():
        return None
    search.first_seconds = round(time.perf_counter() - t0, 3)
    if on_progress is not None:
        on_progress(Progress(search.first_seconds, float(search.cost()), 0.0))
    return search


FIRST_ROSTER_SHARE = COLUMNS_SHARE
"""Most of the time limit construction may take before the columns (then none is reported): all
of their share, for a start is worth more than the columns' time (on a loaded machine a fresh
process has taken most of 24 s to make its first routine calls)."""


def columns_first(scenario: Scenario, options: SolveOptions, t0: float, stop: threading.Event | None,
                  on_progress: Callable[[Progress], None] | None, start: Search | None = None) -> Columns:
    """Column generation, the dive and moves from its roster in the first ``COLUMNS_SHARE`` of the
    time (``from_columns(first=True)``), from ``start``'s roster when there is one (its months join
    the master; a roster from the columns must cost less); ``on_progress`` hears each better
    roster, and the bounds once a roster is there (a caller may take the first progress for a
    roster)."""
    roster_seen = start is not None

    def hear(kind: str, value: float) -> None:
        nonlocal roster_seen
        if on_progress is None or (kind == "bound" and not roster_seen):
            return
        now = time.perf_counter() - t0
        if kind == "bound":
            on_progress(Progress(now, float("inf"), value, "column generation"))
        else:
            roster_seen = True
            on_progress(Progress(now, value, 0.0))

    roster, cost = (start.roster(), float(start.cost())) if start is not None else (None, None)
    return from_columns(scenario, roster, cost, t0 + COLUMNS_SHARE * options.time_limit, options.seed, stop,
                        first=True, hear=hear, threads=pricing_threads(options))


def proved_optimal(found: Columns, t0: float, built: Search | None = None) -> Result | None:
    """The columns' roster as the result when their bound proves it optimal (after construction's,
    ``built``, in the history), else None."""
    if found.search is None or found.cost is None or found.at is None or found.cost > found.bound + 1e-6:
        return None
    at = round(found.at - t0, 3)
    history = [Progress(at, found.cost, found.cost)]
    if built is not None and built.first_seconds is not None:
        history.insert(0, Progress(built.first_seconds, float(built.cost()), 0.0))
    return Result(status="OPTIMAL", roster=found.search.roster(), objective=found.cost, bound=found.cost, gap=0.0,
                  seconds=time.perf_counter() - t0, terms=found.search.terms(),
                  first_solution_seconds=history[0].seconds, best_solution_seconds=at, history=history,
                  bounds=[Progress(a - t0, found.cost, b, "column generation") for a, b in found.history],
                  stats={**found.stats, "bound_source": "column generation", "roster_source": "columns"})


def later(on_progress: Callable[[Progress], None] | None, offset: float
          ) -> Callable[[Progress], None] | None:
    """``on_progress`` for a search that starts ``offset`` seconds into the solve."""
    if on_progress is None or not offset:
        return on_progress
    return lambda p: on_progress(dataclasses.replace(p, seconds=p.seconds + offset))


def with_columns(result: Result, found: Columns, t0: float, offset: float, built: Search | None = None,
                 on_progress: Callable[[Progress], None] | None = None) -> None:
    """Fold what column generation found before the model search (which started ``offset``
    seconds into the solve) into ``result``: the model's times counted from the solve's start,
    the columns' roster first in the history (after construction's, ``built``; and the result's
    roster when the model's costs more), their bound when higher, each round's bound for the
    progress chart."""
    result.history = [dataclasses.replace(p, seconds=p.seconds + offset) for p in result.history]
    result.bounds = [dataclasses.replace(p, seconds=p.seconds + offset) for p in result.bounds]
    for name in ("first_solution_seconds", "best_solution_seconds"):
        if getattr(result, name) is not None:
            setattr(result, name, round(getattr(result, name) + offset, 3))
    result.stats.update(found.stats)
    if built is not None and built.first_seconds is not None:
        result.history.insert(0, Progress(built.first_seconds, float(built.cost()), 0.0))
        result.first_solution_seconds = built.first_seconds
    if found.search is None or found.cost is None or found.at is None:
        _fold_bound(result, found, t0, on_progress)
        return
    at = round(found.at - t0, 3)
    result.history.insert(1 if built is not None else 0, Progress(at, found.cost, max(found.bound, 0.0)))
    result.first_solution_seconds = result.first_solution_seconds if built is not None else at
    if not result.feasible or result.objective is None or found.cost < result.objective - 1e-6:
        result.roster, result.objective, result.terms = found.search.roster(), found.cost, found.search.terms()
        result.status = "FEASIBLE"
        result.stats["roster_source"] = "columns"
        result.best_solution_seconds = at
    _fold_bound(result, found, t0, None)  # the rounds' bounds were reported as they came


def pricing_threads(options: SolveOptions) -> int:
    """People priced at once by column generation inside a solve: the cores the solve may use
    (``workers``, else every core of the machine); the model search does not run meanwhile."""
    cores = os.cpu_count() or 1
    return max(1, min(cores, options.workers or cores))


def column_bound(result: Result, scenario: Scenario, t0: float, deadline: float,
                  stop: threading.Event | None, on_progress: Callable[[Progress], None] | None = None,
                  options: SolveOptions = SolveOptions()) -> None:
    """Raise ``result.bound`` to the column-generation bound when it is higher, then look for a
    cheaper roster among the generated months (``columns.from_columns``), until ``deadline``."""
    left = deadline - time.perf_counter()
    if not result.feasible or result.status == "OPTIMAL" or left < 0.5 or (stop is not None and stop.is_set()):
        return
    found = from_columns(scenario, result.roster, result.objective, deadline, options.seed, stop,
                         rosters=options.column_rosters, threads=pricing_threads(options))
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
    _fold_bound(result, found, t0, on_progress)


def _fold_bound(result: Result, found: Columns, t0: float,
                on_progress: Callable[[Progress], None] | None) -> None:
    for at, bound in found.history:  # each round's bound, for the progress chart
        point = Progress(at - t0, result.objective, bound, "column generation")
        result.bounds.append(point)
        if on_progress is not None:
            on_progress(point)
    if found.bound > -float("inf") and (result.bound is None or found.bound > result.bound):
        result.bound = found.bound
        result.stats["bound_source"] = "column generation"
    if result.bound is not None and result.objective is not None:
        result.gap = gap(result.objective, result.bound)
        if result.gap == 0.0:
            result.status = "OPTIMAL"
    result.seconds = time.perf_counter() - t0


__all__ = ["BOUND_SECONDS", "BOUND_SHARE", "COLUMNS_SHARE", "Columns", "bound_reserve", "column_bound",
           "columns_first", "first_columns", "first_roster", "from_columns", "later", "pricing_threads",
           "proved_optimal", "with_columns"]
