"""Moves of the per-person search aimed at a cost: exchanges of days between two people and a
duty moved to another day (``Search.improve`` draws them; ``Search.swap`` and ``Search.replace``
keep a move only when the roster costs no more).

* ``duty_exchange``: one duty of a fair-share kind (a night, a weekend day, a holiday) passes from
  someone above their band to someone with room, or to someone below their band from someone with
  one to spare, on a day the taker can take the giver's seat (a lead's agent seat may go to an
  agent); half the time with a day the other way, so both keep their hours.
* ``request_exchange``: someone whose request is broken on a day takes a partner's cell (or day
  off) that costs them less, each taking the other's seat.
* ``move_duty``: one of the duties of a kind someone is above the band of goes to a day that does
  not count for it, in the seat that needs someone most (or the other way below the band). The
  margin prices of the person's own best month cannot see this move: at the top of a band every
  counted cell is priced up at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .person import INF

if TYPE_CHECKING:
    from .construct import Search

EXCHANGE_TRIES = 8
"""Partners tried for one exchange of a fair-share duty before giving up."""
SAMPLE = 48
"""People a duty exchange looks at (and up to half as many of those outside a band)."""
MAX_SPAN = 7
"""Most days one exchange swaps."""


def duty_exchange(search: Search) -> tuple[int, int, np.ndarray] | None:
    """Two people and the days to exchange so that one duty of a fair-share kind (nights,
    weekends, holidays) passes from someone above their band to someone below it or with room,
    or to someone below their band from someone with one to spare: (giver, taker, days). The
    taker can take the giver's seat that day (a lead's agent seat may go to an agent).

    It looks at a sample of people (``SAMPLE``, people outside a band first), not everyone: at
    1,000 staff counting everyone's duties took a quarter of the moves' time."""
    bands = search.bands()
    if not bands:
        return None
    _w, adds, lo, hi = bands[search.rng.randrange(len(bands))]
    rng = search.rng
    outside = search.unfair_people
    pool = (rng.sample(outside, min(len(outside), SAMPLE // 2))
            + rng.sample(range(search.P), min(search.P, SAMPLE)))
    pool = np.unique(np.array(pool, dtype=np.int64))
    rows = search.plan[pool]
    got = np.where(rows >= 0, adds[np.arange(search.n)[None, :], np.maximum(rows, 0)], 0)
    counts = got.sum(axis=1)
    lo, hi = lo[pool], hi[pool]
    banded = lo >= 0
    over = np.flatnonzero(banded & (counts > hi))
    under = np.flatnonzero(banded & (counts < lo))
    if not len(over) and not len(under):
        return None
    if len(over) and (not len(under) or rng.random() < 0.5):
        giver = int(over[rng.randrange(len(over))])
        others = np.flatnonzero(banded & (counts < hi))
    else:
        giver = -1
        taker = int(under[rng.randrange(len(under))])
        others = np.flatnonzero(~banded | (counts > lo))
    if not len(others):
        return None
    for _ in range(EXCHANGE_TRIES):
        other = int(others[rng.randrange(len(others))])
        g, t = (giver, other) if giver >= 0 else (other, taker)
        if g == t:
            continue
        G, T = int(pool[g]), int(pool[t])
        days = np.flatnonzero(got[g] > got[t])
        days = days[search.can[T, days, search.plan[G, days], search.role[G, days]]]
        if len(days):
            break
    else:
        return None
    d = int(days[rng.randrange(len(days))])
    span = _span_around(search, d)
    if rng.random() < 0.5:  # and a day the other way, so both keep their hours
        back = np.flatnonzero((got[g] <= got[t])
                              & ((search.plan[G] >= 0) != (search.plan[G, d] >= 0))
                              & ((search.plan[T] >= 0) != (search.plan[T, d] >= 0)))
        back = back[_can_trade(search, G, T, back)]
        if len(back):
            span = np.union1d(span, [int(back[rng.randrange(len(back))])])
    return G, T, span


def request_exchange(search: Search) -> tuple[int, int, np.ndarray] | None:
    """Two people and the days to exchange so that someone's request broken on one day is
    kept: the partner's cell that day (or their day off) costs the requester less, and each
    can take the other's seat. (requester, partner, days)."""
    ps, ds = search.request_cells
    cur = search.plan[ps, ds]
    paid = np.where(cur >= 0, search.req[ps, ds, np.maximum(cur, 0)], search.req_off[ps, ds])
    broken = np.flatnonzero(paid > 0)
    if not len(broken):
        return None
    i = int(broken[search.rng.randrange(len(broken))])
    p, d = int(ps[i]), int(ds[i])
    theirs = search.plan[:, d]
    cost = np.where(theirs >= 0, search.req[p, d, np.maximum(theirs, 0)], search.req_off[p, d])
    mine, my_role, roles = search.plan[p, d], search.role[p, d], search.role[:, d]
    fits = cost < paid[i]
    if mine >= 0:
        fits &= search.can[:, d, mine, my_role]
    on = theirs >= 0
    fits[on] &= search.can[p, d, theirs[on], roles[on]]
    fits[p] = False
    partners = np.flatnonzero(fits)
    if not len(partners):
        return None
    q = int(partners[search.rng.randrange(len(partners))])
    return p, q, _span_around(search, d)


def move_duty(search: Search, p: int, mins: np.ndarray) -> bool:
    """Move one of p's duties of a fair-share kind p is above the band of to a day that does
    not count for it (or, below the band, a day that does not count to one that does), in the
    seat of that day that needs someone most; kept when p's month keeps their rules and the
    roster costs no more (``replace``)."""
    days = np.arange(search.n)
    cur = search.plan[p]
    bands = search.bands()
    for i in search.rng.sample(range(len(bands)), len(bands)):
        _w, adds, lo, hi = bands[i]
        if lo[p] < 0:
            continue
        got = np.where(cur >= 0, adds[days, np.maximum(cur, 0)], 0)
        counting = adds.any(axis=1)
        if got.sum() > hi[p]:
            drop = np.flatnonzero(got > 0)
            take, gives = np.flatnonzero((cur < 0) & ~counting), False
        elif got.sum() < lo[p]:
            drop = np.flatnonzero((cur >= 0) & (got == 0))
            take, gives = np.flatnonzero((cur < 0) & counting), True
        else:
            continue
        if not len(drop) or not len(take):
            continue
        d = int(drop[search.rng.randrange(len(drop))])
        e = int(take[search.rng.randrange(len(take))])
        K = search.K
        count = search.count[e, :, :K]
        need = np.where(search.has[e, :, :K] & (count < search.hi[e, :, :K]),
                        search.lo[e, :, :K] - count, -INF)
        need = np.where(search.can[p, e] & ((adds[e] > 0)[:, None] == gives), need, -INF)
        if not np.isfinite(need).any():
            continue
        t, k = (int(x) for x in np.unravel_index(int(need.argmax()), need.shape))
        plan, role = cur.copy(), search.role[p].copy()
        plan[d], role[d], plan[e], role[e] = -1, -1, t, k
        if search.person.feasible(p, plan):
            return search.replace({p: (plan, role)}, mins)
    return False


def _span_around(search: Search, d: int) -> np.ndarray:
    """A run of 1 to ``MAX_SPAN`` days that holds day d."""
    span = search.rng.randint(1, min(MAX_SPAN, search.n))
    first = search.rng.randint(max(0, d - span + 1), min(d, search.n - span))
    return np.arange(first, first + span)


def _can_trade(search: Search, p: int, q: int, days: np.ndarray) -> np.ndarray:
    """On which of these days each of p and q can take the other's cell (off is always fine)."""
    out = np.ones(len(days), dtype=bool)
    for a, b in ((p, q), (q, p)):
        on = search.plan[b, days] >= 0
        out[on] &= search.can[a, days[on], search.plan[b, days[on]], search.role[b, days[on]]]
    return out


__all__ = ["MAX_SPAN", "duty_exchange", "move_duty", "request_exchange"]
