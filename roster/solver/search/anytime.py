"""One anytime search: from a first roster, model moves on neighbourhoods until the time is up or
the roster's cost meets the bound.

Each step frees one neighbourhood (``neighbourhoods.py``: a peer group over the horizon, many
people over a few days, the extremes of one shift type, the costliest people, the seats that
cost most) or runs one round of the per-person moves (``construct.Search.improve``), and keeps
the answer when the roster's exact cost does not rise (``lns.move``). Which kind runs next is
chosen by how much each has lowered the cost per second lately (with some picks at random), and
the neighbourhoods' size follows the sub-solves: it grows while CP-SAT proves them optimal
within their time and shrinks when it does not. Column generation runs beside the loop
(``bound.py``), so the gap is known all along and a proven optimum ends the search.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .bound import Beside
from .construct import Search
from .lns import move
from .neighbourhoods import KINDS

MOVES = "moves"
"""The name of the per-person moves among the kinds the loop chooses from."""
SUB_SECONDS = 4.0
"""Most seconds for one neighbourhood's model."""
MOVES_SECONDS = 1.0
"""Most seconds for one round of per-person moves."""
SETTLE = 0.5
"""A sub-solve stops this many seconds after its last better answer."""
EXPLORE = 0.15
"""Most share of the time spent on kinds picked at random rather than the one that paid best
lately."""
DECAY = 0.7
"""How much of a kind's past rate of gain its score keeps after each of its steps."""
GROW, SHRINK = 1.25, 0.8
"""Neighbourhood size after a sub-solve that was proven or found a better roster in good time /
one that ran out of time without one."""
LAST_MOVE_SECONDS = 0.5
"""With less time than this left, per-person moves rather than a model move (whose model alone
may take that long to build), so the search ends at its deadline."""
MIN_PEOPLE = 3
"""The smallest neighbourhood frees this many people's horizon (or as many person-days)."""


@dataclass
class Budget:
    """When a search stops: the deadline, a stop event, a gap limit, or a cost that meets the
    bound."""

    deadline: float
    """``time.perf_counter()`` value."""
    stop: threading.Event | None = None
    gap_limit: float = 0.0

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def over(self, cost: float | None = None, bound: float = -math.inf) -> bool:
        if self.left() <= 0 or (self.stop is not None and self.stop.is_set()):
            return True
        if cost is None or not math.isfinite(bound):
            return False
        return cost - bound <= max(1e-6, self.gap_limit * max(1.0, abs(cost)))


@dataclass
class Arm:
    """One kind of step and how it has paid."""

    name: str
    score: float = math.inf
    """Cost lowered per second, decayed (inf: not tried yet)."""
    tried: int = 0
    kept: int = 0
    better: int = 0
    gain: float = 0.0
    seconds: float = 0.0

    def record(self, gain: float, seconds: float, kept: bool) -> None:
        self.tried += 1
        self.kept += kept
        self.better += gain > 1e-9
        self.gain += gain
        self.seconds += seconds
        rate = gain / max(seconds, 1e-3)
        self.score = rate if math.isinf(self.score) else DECAY * self.score + (1 - DECAY) * rate


@dataclass
class Anytime:
    """The loop over one search's roster (``construct.Search``, changed in place)."""

    search: Search
    seed: int = 0
    workers: int = 2
    size: float = 0.0
    """Free person-days per neighbourhood (0: start from ``START_PEOPLE`` people's horizon)."""
    arms: dict[str, Arm] = field(default_factory=dict)
    bound: Beside = field(default_factory=Beside)
    explored: float = 0.0
    """Seconds spent on picks made to explore."""

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        s = self.search
        self.size = self.size or float(min(s.P, START_PEOPLE) * s.n)
        self.arms = {name: Arm(name) for name in (MOVES, *KINDS)}

    def choose(self, elapsed: float) -> tuple[Arm, bool]:
        """The kind to run next, and whether it is a pick to explore (not the best lately): those
        take at most ``EXPLORE`` of the time."""
        arms = list(self.arms.values())
        fresh = [a for a in arms if math.isinf(a.score)]
        if fresh:
            return fresh[0], False
        top = max(a.score for a in arms)
        best = [a for a in arms if a.score >= top - 1e-12]
        others = [a for a in arms if a not in best]
        if others and self.explored < EXPLORE * elapsed:
            return self.rng.choice(others), True
        return self.rng.choice(best), False

    def run(self, budget: Budget, on_better: Callable[[float], None] | None = None,
            on_bound: Callable[[float], None] | None = None) -> float:
        """Improve the roster until ``budget`` says stop; the roster's final cost. ``on_better``
        hears each lower cost, ``on_bound`` each higher bound."""
        s = self.search
        mins = s.all_minutes()
        cost = s.cost()
        bound = -math.inf
        begun = time.perf_counter()
        while True:
            if self.bound.poll() > bound:
                bound = self.bound.value
                if on_bound is not None:
                    on_bound(bound)
            if budget.over(cost, bound):
                break
            t = time.perf_counter()
            arm, exploring = self.choose(t - begun)
            left = budget.left()
            if left < LAST_MOVE_SECONDS:  # too little left to build a model
                arm, exploring = self.arms[MOVES], False
            better_before = s.moves.better
            kept = False
            if arm.name == MOVES:
                halt = (lambda: budget.stop.is_set()) if budget.stop is not None else None
                s.improve(min(MOVES_SECONDS, left), stop=halt, sweeps=1)
                mins = s.all_minutes()
                kept = s.moves.better > better_before
            else:
                free = KINDS[arm.name](s, self.rng, max(MIN_PEOPLE * s.n, int(self.size)), mins)
                if free is None:
                    arm.record(0.0, 1.0, False)  # nothing to free: try it less
                    self.explored += 0.05 if exploring else 0.0
                    continue
                limit = max(0.2, min(SUB_SECONDS, left))
                outcome = move(s, free[0], free[1], limit, self.rng.randrange(1 << 30), mins,
                               self.workers, settle=SETTLE)
                kept = outcome.kept
                spent = time.perf_counter() - t
                if outcome.proven or (s.moves.better > better_before and spent < 0.75 * limit):
                    self.size = min(self.size * GROW, float(s.P * s.n))
                elif spent >= 0.9 * limit:  # ran out of time without a better answer
                    self.size = max(self.size * SHRINK, float(MIN_PEOPLE * s.n))
            gain = 0.0
            if s.moves.better > better_before:
                new = s.cost()
                gain, cost = max(0.0, cost - new), min(cost, new)
                if on_better is not None and gain > 0:
                    on_better(cost)
            arm.record(gain, time.perf_counter() - t, kept)
            if exploring:
                self.explored += time.perf_counter() - t
        return cost

    def stats(self) -> dict:
        arms = {a.name: {"tried": a.tried, "kept": a.kept, "better": a.better,
                         "gain": round(a.gain, 3), "seconds": round(a.seconds, 2)}
                for a in self.arms.values()}
        return {"size": round(self.size), **arms}


START_PEOPLE = 5
"""People whose whole horizon the first neighbourhoods free."""
