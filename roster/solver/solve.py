"""Build the CP-SAT model from a scenario, solve it, and return a small Result."""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model

from roster.model.availability import allowed
from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from . import polish
from .breaks import interval_terms, restagger
from .build import add_hint, build, complete_hint, extract, tighten
from .columns import (
    bound_reserve,
    column_bound,
    columns_first,
    first_columns,
    first_roster,
    later,
    proved_optimal,
    with_columns,
)
from .context import Context
from .cpsat import MAX_LP_VARIABLES, Watcher, portfolio_size, stop_when, tune
from .groups import GroupSearch, applies
from .objective import term_values
from .options import SolveOptions
from .result import Progress, Result, gap
from .search import construct
from .search.anytime import Anytime, Budget
from .search.bound import Beside


def solve(scenario: Scenario, options: SolveOptions = SolveOptions(), *, hint: Roster | None = None,
          on_progress: Callable[[Progress], None] | None = None, stop: threading.Event | None = None,
          ctx: Context | None = None) -> Result:
    """Solve a scenario with ``options`` (time limit, seed, workers, strategy…; see SolveOptions).

    ``hint`` is a roster to start from, ``on_progress`` is called with each better roster,
    ``stop`` ends the search early (the best roster so far stands), ``ctx`` is a model already built.

    ``options.strategy``: ``anytime`` builds a first roster by construction and improves it with
    model moves on neighbourhoods until the time is up or its cost meets the column-generation
    bound computed beside it (``search/anytime.py``); ``whole`` solves the whole roster's model
    from the start; ``groups`` first builds and improves a roster a few people at a time
    (roster/solver/groups.py) for half the time (``GROUP_SHARE``), then solves the whole model
    from it; ``construct`` builds by construction and per-person moves only. ``auto`` (see
    ``route``) takes the anytime search for rosters above ``WHOLE_CELLS`` cells that construction
    covers, and otherwise the whole model after construction (or the group search, for large
    rosters without fair shares). Where the group search does not start it, an ``auto`` model
    solve of at least 30 s first gives ``COLUMNS_SHARE`` of the time to column generation and the
    dive on its master (``columns.from_columns``, ``search/dive.py``), and the model starts from
    the dive's roster; shorter ones keep a share at the end for the column-generation bound and
    its rosters (``columns.column_bound``). The whole model's roster then goes through per-person
    moves (``polish.after_model``, ``POLISH_SHARE``). Scenarios with per-interval demand are built by
    construction and moves, then solved whole up to ``WHOLE_CELLS`` cells (else the anytime
    search); their last tenth of the time places the breaks jointly (``restagger_result``)."""
    t0 = time.perf_counter()
    way = route(scenario, options, hint=hint, ctx=ctx)
    if way == "anytime":
        breaks = _breaks_reserve(scenario, options)  # an interval centre's breaks are placed last
        result = _solve_anytime(scenario, dataclasses.replace(options, time_limit=options.time_limit - breaks), t0,
                                on_progress, stop)
        restagger_result(result, scenario, options, t0 + options.time_limit)
        result.seconds = time.perf_counter() - t0
        return result
    # a caller's model has an objective of its own (tiers, changed cells): no columns beside it
    bound_seconds = bound_reserve(scenario, options) if ctx is None else 0.0
    breaks_seconds = _breaks_reserve(scenario, options)
    polish_seconds = polish.reserve(scenario, options) if ctx is None else 0.0  # a caller's model: its own terms
    early = built = None
    if way == "columns":
        # construction's roster at once, then column generation and the dive; the model search
        # starts from the better of the two rosters
        built = first_roster(scenario, options, t0, stop, on_progress)
        early = columns_first(scenario, options, t0, stop, on_progress, built)
        best = early.search if early.search is not None else built
        hint, bound_seconds = (best.roster() if best is not None else None), 0.0
        if (proved := proved_optimal(early, t0, built)) is not None:
            return proved  # the bound proves the dive's roster optimal: no model
    elapsed = time.perf_counter() - t0
    offset = elapsed if early is not None else 0.0  # the model's progress counts from the solve's start
    # one deadline: the time choosing the route (and the columns) took comes out of the search's
    search_seconds = options.time_limit - bound_seconds - breaks_seconds - polish_seconds - elapsed
    result = _solve(scenario, options, search_seconds, hint=hint, on_progress=later(on_progress, offset),
                    stop=stop, ctx=ctx)
    if early is not None:
        with_columns(result, early, t0, offset, built)
    if polish_seconds and not result.stats.get("from_search"):
        polish.after_model(result, scenario, options, t0,
                           t0 + options.time_limit - bound_seconds - breaks_seconds, stop, on_progress)
    if bound_seconds:
        column_bound(result, scenario, t0, t0 + options.time_limit, stop, on_progress, options)
    if result.bound is not None and "bound_source" not in result.stats:
        result.stats["bound_source"] = "cp-sat"
    result.stats.setdefault("roster_source", "search" if result.stats.get("from_search") else "cp-sat")
    restagger_result(result, scenario, options, t0 + options.time_limit)
    result.seconds = time.perf_counter() - t0  # every step included
    return result


WHOLE_CELLS = 12_000
"""Up to this many allowed (person, day, shift) cells ``auto`` solves the whole model (CP-SAT
proves such rosters optimal); above it, the anytime search (``search/anytime.py``)."""


def route(scenario: Scenario, options: SolveOptions, *, hint: Roster | None = None,
          ctx: Context | None = None) -> str:
    """Which search a solve takes: ``anytime`` (construction, then model moves on neighbourhoods
    with the column-generation bound beside them), ``columns`` (column generation and the dive on
    its master, then the whole model from the dive's roster) or ``model`` (the whole model, after
    construction or the group search where they apply; see ``solve``).

    ``auto`` takes the anytime search above ``WHOLE_CELLS`` cells where construction applies;
    a hint, a model already built or a repeatable limit keep the model. Centres staffed by
    interval take it too: the bundled one's whole model (62,000 variables) did not reach the
    search's roster again in 60 s (bench/README.md, "Fair shares on the bundled interval centre").
    The rest take ``columns`` where ``columns.first_columns`` holds and the group search would
    not start or the roster has at most ``COLUMN_PERSON_DAYS`` person-days, else ``model``."""
    if hint is not None or ctx is not None or options.repeatable:
        return "model"
    if not construct.applies(scenario) or options.strategy not in ("auto", "anytime"):
        return "model"
    if options.strategy == "anytime":
        return "anytime"
    calendar = Calendar(scenario)
    if _by_construction(scenario, calendar, "auto") and len(allowed(scenario, calendar)) > WHOLE_CELLS:
        return "anytime"
    if first_columns(scenario, options) and (not by_groups(scenario, calendar, "auto", None)
                                             or len(scenario.staff) * len(calendar) <= COLUMN_PERSON_DAYS):
        return "columns"
    return "model"


COLUMN_PERSON_DAYS = 10_000
"""Up to this many people × days ``auto`` takes the columns even where the group search would
start (Curtois 12, 19, 20 at 60 s: bench/README.md, *Side rows in the master*; on 21-24 the
first round of pricing did not end in its share)."""


MOVES_PATIENCE = 2.0
"""The anytime search's first phase, per-person moves only, ends after this many seconds (or a
fifth of its time so far) without a better roster (measured at 300 staff under load: starting
the model moves at once left the roster at twice the previous engine's cost at 60 s)."""


def _solve_anytime(scenario: Scenario, options: SolveOptions, t0: float,
                   on_progress: Callable[[Progress], None] | None, stop: threading.Event | None) -> Result:
    """A first roster by construction, then the anytime search until the time is up or the roster
    is proven optimal (its cost meets the column-generation bound)."""
    calendar = Calendar(scenario)
    budget = Budget(t0 + options.time_limit, stop, options.gap_limit)
    search = construct.Search(scenario, calendar, seed=options.seed)

    def report(cost: float) -> None:
        if search.empty_hard_seats():  # not a roster yet: a hard seat is empty
            return
        now = time.perf_counter() - t0
        if search.first_seconds is None:
            search.first_seconds = round(now, 3)
        search.best_seconds = time.perf_counter()
        point = Progress(now, cost, beside.value if math.isfinite(beside.value) else 0.0)
        search.progress.append(point)
        if on_progress is not None:
            on_progress(point)

    beside = Beside()
    if not search.construct(stop=lambda: budget.over()):
        # someone has no month: the group search and the whole model place them
        return _solve(scenario, dataclasses.replace(options, strategy="groups"), budget.left(),
                      hint=None, on_progress=on_progress, stop=stop, ctx=None)
    report(search.cost())
    stats: dict[str, Any] = {"construct_seconds": round(time.perf_counter() - t0, 3),
                             "construct_cost": float(search.cost()), "group_first_seconds": search.first_seconds}
    if bound_reserve(scenario, options) > 0:
        beside = Beside.start(scenario, search.roster(), search.cost(), budget.left())
    # per-person moves while they keep paying (on a fresh construction they pay most per second)
    halt = (lambda: stop.is_set()) if stop is not None else None
    search.improve(budget.left(), stop=halt, on_better=report, patience=MOVES_PATIENCE)
    stats["moves_seconds"] = round(time.perf_counter() - t0, 3)
    loop = Anytime(search, seed=options.seed, workers=max(1, min(options.workers or 2, 2)))
    loop.bound = beside

    def bound_rose(bound: float) -> None:
        point = Progress(time.perf_counter() - t0, search.cost(), bound, "column generation")
        if on_progress is not None:
            on_progress(point)

    loop.run(budget, on_better=report, on_bound=bound_rose)
    beside.close()
    stats["anytime"] = loop.stats()
    if beside.stats:
        stats["colgen"] = beside.stats
    result = _from_search(search, t0, stats)
    result.bounds = [Progress(at - t0, result.objective, b, "column generation") for at, b in beside.history]
    if math.isfinite(beside.value):
        result.bound = beside.value
        result.stats["bound_source"] = "column generation"
        result.gap = gap(result.objective, result.bound)
        if result.gap == 0.0 and result.status == "FEASIBLE":
            result.status = "OPTIMAL"
    result.stats["roster_source"] = "search"
    return result


BREAKS_SHARE = 0.1
"""Share of the time limit kept for placing the breaks of an interval roster jointly."""


def _breaks_reserve(scenario: Scenario, options: SolveOptions) -> float:
    """Seconds kept at the end for ``restagger_result`` (none without per-interval demand; a repeatable
    solve gives it deterministic time instead)."""
    if not scenario.interval_lines or options.repeatable:
        return 0.0
    return BREAKS_SHARE * options.time_limit


def restagger_result(result: Result, scenario: Scenario, options: SolveOptions, deadline: float) -> None:
    """Place the returned roster's breaks again, a day's jointly (breaks.restagger), until
    ``deadline``; the terms follow the new roster. Not started when what is left would not also
    cover pricing the new roster (as long as pricing the old one took)."""
    if not result.feasible or not scenario.interval_lines or result.objective is None:
        return
    t = time.perf_counter()
    cal = Calendar(scenario)
    old = interval_terms(scenario, cal, result.roster)
    priced = time.perf_counter() - t
    budget = None if options.repeatable else deadline - time.perf_counter() - priced
    if budget is not None and budget <= MIN_STEP_SECONDS:
        return
    roster = restagger(scenario, cal, result.roster, seconds=budget)
    new = interval_terms(scenario, cal, roster)
    saved = sum(old.values()) - sum(new.values())
    if saved <= 0:
        return
    result.roster = roster
    result.terms = {**result.terms, **new}
    result.objective -= saved
    if result.bound is not None:
        result.gap = gap(result.objective, result.bound)
    result.stats["restagger_saved"] = saved


MIN_STEP_SECONDS = 0.05
"""A last step (placing breaks, tightening slacks) is not started with less time than this left."""


def _solve(scenario: Scenario, options: SolveOptions, time_limit: float, *, hint: Roster | None,
           on_progress: Callable[[Progress], None] | None, stop: threading.Event | None,
           ctx: Context | None) -> Result:
    """``solve`` without the column-generation bound, searching for ``time_limit`` seconds."""
    t0 = time.perf_counter()
    caller = ctx is not None  # a model the caller built: no columns after it (``solve``)
    group_stats: dict[str, Any] = {}
    seed, deterministic_time, strategy = options.seed, options.deterministic_time, options.strategy
    calendar = Calendar(scenario) if ctx is None else ctx.calendar
    built: construct.Search | None = None
    partial: Roster | None = None
    if ctx is None and hint is None and _by_construction(scenario, calendar, strategy):
        built = _construct(scenario, calendar, seed, t0, time_limit, deterministic_time, strategy, on_progress,
                           stop)
        if built is not None and not built.complete:
            partial, built = built.roster(), None  # the people placed so far start the group search
        if built is not None and (built.empty_hard_seats() == 0 or _too_large(scenario, calendar)):
            hint = built.roster()  # a roster with empty hard seats would mislead the model search
        if built is not None:
            group_stats = {"construct_seconds": round(time.perf_counter() - t0, 3),
                           "construct_cost": float(built.cost()), "construct_moves": built.moves.kept,
                           "group_first_seconds": built.first_seconds}
            if strategy == "construct" or _too_large(scenario, calendar) or (stop is not None and stop.is_set()):
                return _from_search(built, t0, group_stats)
    groups_apply = applies(scenario) and not scenario.interval_lines
    if ctx is None and hint is None and (partial is not None and groups_apply and deterministic_time is None
                                         or by_groups(scenario, calendar, strategy, deterministic_time)):
        search = GroupSearch(scenario, calendar, seed=seed)
        if partial is not None:
            search.load(partial)
        huge = len(allowed(scenario, calendar)) > MAX_LP_VARIABLES
        hint = search.run(time_limit * (HUGE_GROUP_SHARE if huge else GROUP_SHARE), stop=stop,
                          deadline=t0 + time_limit * PLACING_SHARE)
        group_stats = {"group_seconds": round(time.perf_counter() - t0, 3), "group_solves": search.solves,
                       "group_first_seconds": None if search.placed is None else round(search.placed - t0, 3)}
    ctx = ctx or build(scenario, calendar)
    build_seconds = time.perf_counter() - t0
    # after a group search, building the model and completing the hint come out of the search's time
    after_build = max(1.0, time_limit - build_seconds) if group_stats else time_limit
    start = None
    hint_seconds = 0.0
    if hint is not None:
        add_hint(ctx, hint)
        t1 = time.perf_counter()
        start = complete_hint(ctx, _within(t0 + time_limit, max(30.0, after_build / 4), least=1.0))
        hint_seconds = time.perf_counter() - t1
    model_seconds = max(1.0, after_build - hint_seconds) if group_stats else after_build
    # what is left; at least 1 s when no completed hint stands in for a roster the search misses
    model_seconds = _within(t0 + time_limit, model_seconds, least=0.01 if start is not None else 1.0)
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.max_time_in_seconds = float(model_seconds)
    if deterministic_time is not None:  # repeatable: deterministic limit and interleaved workers
        prm.max_deterministic_time = float(deterministic_time)
        prm.interleave_search = True
    prm.random_seed = int(seed)
    prm.num_workers = portfolio_size(options.workers)
    prm.relative_gap_limit = float(options.gap_limit)
    prm.log_search_progress = options.log
    tune(prm, len(ctx.model.Proto().variables), hinted=hint is not None)
    watcher = Watcher(time.perf_counter(), on_progress, stop)
    solver.best_bound_callback = watcher.on_bound
    done = threading.Event()
    if stop is not None:
        threading.Thread(target=stop_when, args=(stop, done, solver), daemon=True).start()
    try:
        code = solver.Solve(ctx.model, watcher)
    finally:
        done.set()
    status = solver.StatusName(code)
    result = Result(status=status, roster=Roster(), seconds=time.perf_counter() - t0, history=watcher.history,
                    bounds=watcher.bounds)
    result.stats = {
        "variables": len(ctx.model.Proto().variables), "constraints": len(ctx.model.Proto().constraints),
        "build_seconds": round(build_seconds, 3), "workers": prm.num_workers, "seed": seed,
        "branches": solver.NumBranches(), "conflicts": solver.NumConflicts(), **group_stats,
    }
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and hint is not None and start is not None:
        code, solver = cp_model.FEASIBLE, start  # stopped before it found the hinted roster again
        result.status = "FEASIBLE"
        result.stats["from_hint"] = True
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.roster = extract(ctx, solver)
        result.objective = solver.ObjectiveValue()
        result.bound = solver.BestObjectiveBound()
        values = solver
        if code == cp_model.FEASIBLE:
            # the exact cost may take what the breaks or the bound would have had next
            bound = 0.0 if caller else bound_reserve(scenario, options)
            last = t0 + time_limit + _breaks_reserve(scenario, options) + bound
            if last - time.perf_counter() >= MIN_STEP_SECONDS:
                values = tighten(ctx, solver, _within(last, 30.0)) or solver
            result.objective = values.ObjectiveValue()
        result.gap = 0.0 if code == cp_model.OPTIMAL else gap(result.objective, result.bound)
        result.terms = term_values(ctx, values)
        if watcher.history:
            result.first_solution_seconds = round(watcher.history[0].seconds + build_seconds, 3)
            result.best_solution_seconds = round(watcher.history[-1].seconds + build_seconds, 3)
        if group_stats.get("group_first_seconds") is not None:  # the group search's roster came first
            result.first_solution_seconds = group_stats["group_first_seconds"]
            result.best_solution_seconds = result.best_solution_seconds or result.first_solution_seconds
        if result.stats.get("from_hint"):
            result.bound = result.gap = None
    if built is not None and built.empty_hard_seats() == 0 and (
            not result.feasible or result.objective > built.cost() + 1e-6):
        return _from_search(built, t0, {**group_stats, **result.stats})
    if built is not None:  # the search's rosters came first; the model's times count from the start
        result.history = [*built.progress, *(Progress(p.seconds + build_seconds, p.objective, p.bound)
                                             for p in result.history)]
    return result


CONSTRUCT_SHARE = 0.4
"""Most of the time limit placing people may take; whoever is left is placed by the group search
(a year with a 12-hour window on each person's hours can take seconds a person)."""
SMALL_SEARCH_SHARE = 0.1
"""Most of the time limit the per-person search takes before the model search on small rosters
(measured: the anytime search for 30 % of the time left the hotel's model too little to prove it)."""
PATIENCE = 1.0
"""The per-person search hands over to the model search (small rosters) after this many seconds
(or a fifth of its time so far, if longer) without a better roster."""
MAX_MODEL_CELLS = 40_000
"""Above this many allowed (person, day, shift) cells the whole model is not built: the per-person
search has the whole time (measured: at 300 staff, 51,000 cells, the model search from the
search's roster found nothing better in 90 s)."""


def _by_construction(scenario: Scenario, calendar: Calendar, strategy: str) -> bool:
    """``auto`` starts by construction except on large rosters that weigh no fair shares, where
    the group search and the whole model do better (Curtois 20 and 21, 120 s: 94,726 and 173,129 by
    construction and moves; the group path's 600 s runs reached 7,951 and 32,827, bench/README.md)."""
    if strategy == "construct":
        return construct.applies(scenario)
    if strategy != "auto" or not construct.applies(scenario):
        return False
    if scenario.interval_lines:  # the group models leave interval coverage out
        return True
    fair = any(scenario.fairness.model_dump().values())
    return fair or not applies(scenario) or len(allowed(scenario, calendar)) < GROUP_CELLS


def _too_large(scenario: Scenario, calendar: Calendar) -> bool:
    return len(allowed(scenario, calendar)) > MAX_MODEL_CELLS


def _construct(scenario: Scenario, calendar: Calendar, seed: int, t0: float, time_limit: float,
               deterministic_time: float | None, strategy: str, on_progress: Callable[[Progress], None] | None,
               stop: threading.Event | None) -> construct.Search | None:
    """A first roster in seconds (construction), improved by per-person moves; None when the
    construction leaves someone without any month (the model search then starts from nothing)."""
    search = construct.Search(scenario, calendar, seed=seed, repeatable=deterministic_time is not None)
    halt = (lambda: stop.is_set()) if stop is not None else None
    placing_ends = t0 + time_limit * CONSTRUCT_SHARE

    def placing_over() -> bool:
        return (halt is not None and halt()) or (deterministic_time is None and time.perf_counter() > placing_ends)

    if not search.construct(stop=placing_over):
        search.complete = False  # someone has no month yet: the group search places them
        return search

    def report(cost: float) -> None:
        if search.empty_hard_seats():  # not a roster yet: a hard seat is empty
            return
        if search.first_seconds is None:
            search.first_seconds = round(time.perf_counter() - t0, 3)
        point = Progress(time.perf_counter() - t0, cost, 0.0)
        search.progress.append(point)
        if on_progress is not None:
            on_progress(point)

    report(search.cost())
    whole = _too_large(scenario, calendar) or strategy == "construct"
    if deterministic_time is not None:  # repeatable: a fixed number of sweeps
        search.improve(float("inf"), stop=halt, on_better=report, sweeps=SWEEPS)
    else:
        left = t0 + time_limit - time.perf_counter()
        if whole:
            search.improve(left, stop=halt, on_better=report)
        else:  # the model search proves small rosters optimal: it gets most of the time
            search.improve(left * SMALL_SEARCH_SHARE, stop=halt, on_better=report, patience=PATIENCE)
    return search


SWEEPS = 3
"""Sweeps of per-person moves in a repeatable (deterministic) solve."""


def _from_search(search: construct.Search, t0: float, stats: dict[str, Any]) -> Result:
    """The per-person search's roster as the result (its cost is exact; no bound is proved)."""
    cost = search.cost()
    best = search.first_seconds if search.best_seconds is None else round(search.best_seconds - t0, 3)
    status = "FEASIBLE" if search.empty_hard_seats() == 0 else "UNKNOWN"  # UNKNOWN: hard seats left empty
    return Result(status=status, roster=search.roster(), objective=cost, seconds=time.perf_counter() - t0,
                  terms=search.terms(), first_solution_seconds=search.first_seconds,
                  best_solution_seconds=best, history=list(search.progress),
                  stats={**stats, "from_search": True})


GROUP_CELLS = 9_000
"""From this many allowed (person, day, shift) cells, ``auto`` starts with the group search."""
GROUP_SHARE = 0.5
"""Share of the time limit the group search gets before the whole model."""
PLACING_SHARE = 0.85
"""Placing everyone may take up to this share of the time limit (on a loaded machine a year-long
horizon's people can take 10 s each)."""
HUGE_GROUP_SHARE = 0.6
"""The same for models above ``MAX_LP_VARIABLES`` cells, where the whole model's search is slow
(building and loading it takes a minute on Curtois instance 24)."""


def by_groups(scenario: Scenario, calendar: Calendar, strategy: str, deterministic_time: float | None) -> bool:
    """Does the solve start with the group search? ``groups`` where it applies; ``auto`` from
    ``GROUP_CELLS`` cells without fair shares or intervals, unless repeatable."""
    if scenario.interval_lines:  # the group models leave interval coverage out: the whole model instead
        return False
    if strategy == "groups":
        return applies(scenario)
    if strategy == "whole" or deterministic_time is not None or not applies(scenario):
        return False
    if any(scenario.fairness.model_dump().values()):  # the group models leave fairness out
        return False
    return len(allowed(scenario, calendar)) >= GROUP_CELLS


def _within(deadline: float, seconds: float, least: float = 0.01) -> float:
    """``seconds``, cut to what is left before ``deadline`` (at least ``least``)."""
    return max(least, min(seconds, deadline - time.perf_counter()))
