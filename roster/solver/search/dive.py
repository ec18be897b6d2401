"""A roster from column generation by diving: fix the month the relaxation leans on, price again.

After column generation (``colgen.py``) the master's linear programme mixes several months per
person. First the months that break a side row (``pool.Master``) leave the master, so the dive
mixes and fixes only months that keep every rule. Each step of the dive fixes, among the people
still free, everyone whose month is already whole (λ = 1) and the ``FIX_SHARE`` of the others
(at least one; more when the pace so far would not finish by the deadline) whose largest λ is
largest, to that month; then it prices the free
people at the new duals for up to ``ROUNDS`` rounds, so their months answer the ones just fixed.
Seats keep their shortfall and surplus columns, so the master stays feasible however the months
are fixed. When everyone is fixed the months are a roster, and each keeps its person's rules
(pricing returns only such months, and ``Search.keeps`` checks them once more). At the deadline
the free people take their largest-λ month at once.

This is the primal side of the relaxation: where the relaxation is tight (most Curtois & Qu
instances, seat centres of a few dozen people) the dive lands close to its value, which a
model search from construction does not reach in the same time (bench/README.md, *Rosters by
diving on the relaxation*).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

import numpy as np

from .colgen import ColumnGeneration

TRIES = 2
"""Pricing tries per person and call in the dive (``pricing.TRIES``): months, not a bound."""
ROUNDS = 5
"""Pricing rounds for the free people after each fixing (fewer when no month improves)."""
FIX_SHARE = 0.05
"""Share of the free people (at least one) fixed in one step, besides those already whole."""
WHOLE = 1 - 1e-6


@dataclass
class Dive:
    """What the dive found: everyone's month, and how it got there."""

    months: dict[int, tuple[np.ndarray, np.ndarray]]
    """Each person's month (shift and seat role index per day, ``-1`` off)."""
    value: float
    """The master's value with every month fixed: the roster's cost over the master's terms."""
    steps: int
    rounds: int
    seconds: float
    rounded: int = 0
    """People given their largest-λ month at once when the time ran out."""


def dive(cg: ColumnGeneration, deadline: float, stop: threading.Event | None = None) -> Dive | None:
    """Dive from ``cg``'s master until everyone has a month, or ``deadline`` (``perf_counter``)
    when the rest take their largest-λ month; None when the master has a headcount row (at most so
    many people working: fixings could break it), someone has no month in it yet, or it is not
    solved. ``cg`` is changed: its master ends with every person's month fixed."""
    m = cg.master
    if m.team.any() or not all(m.index):  # a headcount row, or someone without a month yet
        return None
    started = time.perf_counter()
    cg.person.tries = TRIES
    # fixing months changes column bounds, which keeps the basis dual feasible: dual simplex
    m.lp.setOptionValue("simplex_strategy", 1)
    cg.kept_only = True  # months that break a side leave the master: the dive mixes whole months
    for p in range(cg.P):
        m.bar(p, [j for j, kept in enumerate(m.kept[p]) if not kept])
    free = set(range(cg.P))
    months: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    steps = rounds = rounded = 0
    value = math.inf
    while free:
        steps += 1
        late = time.perf_counter() >= deadline or (stop is not None and stop.is_set())
        for _ in range(0 if late else ROUNDS):
            rounds += 1
            _value, sigma, y, z = m.solve()
            if not cg.grow(sorted(free), y, z, sigma, deadline):
                break
        value = m.solve()[0]
        if not math.isfinite(value):
            return None
        x = np.asarray(m.lp.getSolution().col_value)
        best = {p: int(np.argmax(x[m.index[p]])) for p in free}
        weight = {p: float(x[m.index[p][best[p]]]) for p in free}
        order = sorted(free, key=lambda p: -weight[p])
        if late:
            fix = order
            rounded = len(order)
        else:  # enough at a time to finish by the deadline at the pace so far
            per_step = (time.perf_counter() - started) / steps
            left = max(1.0, (deadline - time.perf_counter()) / per_step)
            share = max(FIX_SHARE * len(free), len(free) / left)
            fix = [p for p in order if weight[p] >= WHOLE]
            fix += [p for p in order[:max(1, math.ceil(share))] if p not in fix]
        for p in fix:
            m.fix(p, best[p])
            months[p] = m.pool[p][best[p]]
            free.discard(p)
    value = m.solve()[0]
    keeps = cg.search.keeps
    if not all(keeps(p, plan, np.where(plan >= 0, role, 0)) for p, (plan, role) in months.items()):
        return None
    return Dive(months, value, steps, rounds, time.perf_counter() - started, rounded)


__all__ = ["FIX_SHARE", "ROUNDS", "Dive", "dive"]
