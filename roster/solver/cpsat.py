"""CP-SAT's parameters for the whole model (the portfolio of threads and its subsolvers), and what
watches a search: each better roster and bound heard, a stop honoured."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from .result import Progress

FEW_WORKERS = 4
"""Up to this many workers CP-SAT runs one or two full-search threads next to its LNS threads."""
MAX_LP_VARIABLES = 300_000
"""Above this model size the full linear relaxation costs more than its bound is worth."""


def tune(prm, variables: int, hinted: bool = True) -> None:
    """CP-SAT parameters per model size and worker count (measured in bench/README.md).

    With few workers the full-search thread is the one with the complete linear relaxation
    (``max_lp``): its bound proves small rosters optimal where the default thread cannot, and the
    LNS threads around it find the rosters. Without a roster to start from (``hinted`` False: no
    hint, or construction left a hard seat empty) finding any roster is the hard part, so the
    propagation-only search (``no_lp``) takes the place of ``default_lp``. Large models keep
    CP-SAT's default portfolio.
    """
    if os.environ.get("ROSTER_DEFAULT_PORTFOLIO"):
        return
    if prm.num_workers <= FEW_WORKERS and variables <= MAX_LP_VARIABLES and not prm.subsolvers:
        prm.subsolvers.extend(["max_lp", "default_lp" if hinted else "no_lp", "core"])


def portfolio_size(workers: int | None) -> int:
    """Search threads: 4 per core by default. One thread is kept as asked (assumption cores need
    it); 2 or 3 become 4, because CP-SAT's smaller portfolios leave out the first-solution and
    neighbourhood workers that rosters depend on (measured: first roster 20 s instead of 1 s)."""
    if workers is None:
        return max(os.cpu_count() or 1, 1) * 4
    return 1 if workers <= 1 else max(int(workers), 4)


class Watcher(cp_model.CpSolverSolutionCallback):
    """Hears each better roster (``history``, ``on_progress``) and bound (``bounds``) of a CP-SAT
    search, and stops it when ``stop`` is set."""

    def __init__(self, start: float, on_progress: Callable[[Progress], None] | None,
                 stop: threading.Event | None) -> None:
        super().__init__()
        self.start, self.on_progress, self.stop = start, on_progress, stop
        self.history: list[Progress] = []
        self.bounds: list[Progress] = []

    def on_bound(self, bound: float) -> None:
        best = self.history[-1].objective if self.history else float("inf")
        self.bounds.append(Progress(time.perf_counter() - self.start, best, bound))

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.start
        p = Progress(now, self.ObjectiveValue(), self.BestObjectiveBound())
        self.history.append(p)
        if self.on_progress:
            self.on_progress(p)
        if self.stop is not None and self.stop.is_set():
            self.StopSearch()


def stop_when(stop: threading.Event, done: threading.Event, solver: cp_model.CpSolver) -> None:
    """Stop ``solver`` once ``stop`` is set (until ``done`` is)."""
    while not done.wait(0.1):
        if stop.is_set():
            solver.StopSearch()
            return
