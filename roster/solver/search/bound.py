"""The column-generation bound beside the search: its own process, its bound read as it rises.

Column generation (``colgen.py``) runs in a child process from the first roster on, so on two
cores the search and the bound go forward together, and the loop in ``anytime.py`` stops as
soon as the roster's cost meets the bound (a proven optimum). The child is started with ``fork``
where the platform has it (no module is imported again); elsewhere the bound is skipped.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import queue
import time
from dataclasses import dataclass, field

from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .colgen import ColumnGeneration

NICE = 10
"""How much lower the child's priority is than the search's."""


@dataclass
class Beside:
    """The bound so far, and each rise of it as (``time.perf_counter()``, bound)."""

    value: float = -math.inf
    history: list[tuple[float, float]] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    _proc: mp.process.BaseProcess | None = None
    _queue: mp.Queue | None = None

    @classmethod
    def start(cls, scenario: Scenario, roster: Roster, upper: float | None,
              seconds: float) -> Beside:
        """Start column generation from ``roster`` for at most ``seconds``."""
        out = cls()
        if "fork" not in mp.get_all_start_methods() or seconds < 1.0:
            return out
        ctx = mp.get_context("fork")
        out._queue = ctx.Queue()
        out._proc = ctx.Process(target=_run, args=(scenario, roster, upper, seconds, out._queue),
                                daemon=True)
        out._proc.start()
        return out

    def poll(self) -> float:
        """The best bound the child has sent so far."""
        if self._queue is None:
            return self.value
        while True:
            try:
                kind, value = self._queue.get_nowait()
            except (queue.Empty, OSError, ValueError):
                return self.value
            if kind == "stats":
                self.stats = value
            elif math.isfinite(value) and value > self.value:
                self.value = value
                self.history.append((time.perf_counter(), value))

    def close(self) -> float:
        """Stop the child; the best bound it sent."""
        if self._proc is not None:
            self.poll()
            if self._proc.is_alive():
                self._proc.terminate()
            self._proc.join(timeout=5)
            self.poll()
            self._queue.close()
            self._proc = self._queue = None
        return self.value


def _run(scenario: Scenario, roster: Roster, upper: float | None, seconds: float,
         out: mp.Queue) -> None:
    os.nice(NICE)  # the search comes first; the bound takes the time it leaves
    cg = ColumnGeneration(scenario)
    found = cg.run(seconds, start=roster, upper=upper,
                   on_round=lambda _t, bound: out.put(("bound", bound)))
    out.put(("bound", found.value))
    out.put(("stats", {"bound": found.value, "rounds": found.rounds, "columns": found.columns,
                       "seconds": round(found.seconds, 3), "solved": found.optimal}))
