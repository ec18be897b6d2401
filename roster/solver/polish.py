"""Per-person moves from the model's roster: the last step of a model solve.

CP-SAT's neighbourhoods rarely find one person's cheapest month over the whole horizon with the
others fixed, which the dynamic program of the per-person search (``search/construct.py``)
finds in milliseconds; from a roster that already covers the seats well those moves and the
exchanges between peers lower the cost fast (Curtois 13 at 60 s: the model's 8,046 became 6,960,
bench/README.md). ``polish`` loads the model's roster into that search (``Search.load``) and
runs the moves until the deadline; the result takes the search's roster only when it costs less.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from roster.model.calendar import Calendar
from roster.model.scenario import Scenario

from .options import SolveOptions
from .result import Progress, Result, gap
from .search import construct

EXACT = 1e-6
"""The loaded roster's cost must equal the model's objective within this (else no polish)."""
MIN_SECONDS = 0.2
"""Less time than this left: no polish."""


def polish(result: Result, scenario: Scenario, deadline: float, seed: int = 0,
           stop: threading.Event | None = None,
           on_better: Callable[[float], None] | None = None,
           patience: float | None = None) -> dict[str, Any]:
    """Run the per-person moves on ``result``'s roster until ``deadline`` (``perf_counter``) and
    keep their roster in ``result`` when it costs less; ``on_better`` hears each lower cost;
    ``patience``: stop after that many seconds without one (``Search.improve``).
    Returns what it did (for ``result.stats``)."""
    started = time.perf_counter()
    if result.objective is None or not result.feasible or result.status == "OPTIMAL" \
            or deadline - started < MIN_SECONDS or (stop is not None and stop.is_set()):
        return {}
    search = construct.Search(scenario, Calendar(scenario), seed=seed)
    if not search.load(result.roster) or abs(search.cost() - result.objective) > EXACT \
            or search.empty_hard_seats():
        return {"polish": "skipped"}
    before = float(result.objective)
    halt = (lambda: stop.is_set()) if stop is not None else None
    search.improve(max(0.0, deadline - time.perf_counter()), stop=halt, on_better=on_better,
                   patience=patience)
    cost = float(search.cost())
    stats = {"polish_from": before, "polish_to": min(before, cost),
             "polish_seconds": round(time.perf_counter() - started, 3)}
    if cost < before - EXACT and search.empty_hard_seats() == 0:
        result.roster, result.objective, result.terms = search.roster(), cost, search.terms()
        result.status = "FEASIBLE"
        stats["roster_source"] = "moves"
    return stats


POLISH_SHARE = 0.08
"""Share of the time limit kept for per-person moves from the model's roster (``polish.py``;
measured on Curtois 8-19 at 60 s: the moves ran 1-3 s before their patience ended them, and
what they leave goes to the column-generation bound)."""
POLISH_PATIENCE = 1.0
"""The moves stop after this many seconds (or a fifth of their time so far) without a better roster."""


def reserve(scenario: Scenario, options: SolveOptions) -> float:
    """Seconds kept after the model search for per-person moves from its roster: none where the
    per-person search does not hold the scenario, with per-interval demand (the breaks are placed
    after) or in repeatable solves (nor, in ``solve``, for a model the caller built: its objective
    may hold terms of its own, such as the changes a repair counts)."""
    if options.repeatable or scenario.interval_lines or not construct.applies(scenario):
        return 0.0
    return POLISH_SHARE * options.time_limit


def after_model(result: Result, scenario: Scenario, options: SolveOptions, t0: float, deadline: float,
            stop: threading.Event | None, on_progress: Callable[[Progress], None] | None) -> None:
    """Per-person moves from the model's roster until ``deadline`` (``polish.polish``); a cheaper
    roster replaces the model's, with the bound and gap kept in step."""
    def better(cost: float) -> None:
        point = Progress(time.perf_counter() - t0, cost, result.bound if result.bound is not None else 0.0)
        result.history.append(point)
        if on_progress is not None:
            on_progress(point)

    stats = polish(result, scenario, deadline, seed=options.seed, stop=stop, on_better=better,
                   patience=POLISH_PATIENCE)
    result.stats.update(stats)
    if stats.get("roster_source") == "moves":
        result.best_solution_seconds = round(time.perf_counter() - t0, 3)
        if result.bound is not None:
            result.gap = gap(result.objective, result.bound)
    result.seconds = time.perf_counter() - t0
