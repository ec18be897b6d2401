"""Which part of a roster a model move frees: one function per kind of neighbourhood.

Each kind takes the search (``construct.Search``), a random source and a size (free person-days)
and returns the people to re-solve and the days they are free on (first, last); everyone else,
and the chosen people's other days, stay as they are (``lns.neighbourhood``). The kinds follow
how a roster's cost arises:

* ``peers``: people of one peer group over the whole horizon (their fair shares trade between them);
* ``days``: many people over a few days (seats short or overfull, shifts swapped between people);
* ``shift``: people with the most and the fewest of one shift type (nights), over the horizon;
* ``costly``: the people whose own terms cost most, with peers to trade with;
* ``fair``: people above and below their band of one kind of duty, with peers who have room;
* ``seats``: people who could take the seats that cost most, over the days around them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .construct import Search

Free = tuple[list[int], tuple[int, int]]
"""The people a move re-solves and the days (first, last) they are free on."""
Kind = Callable[["Search", random.Random, int, np.ndarray], "Free | None"]


def _whole(search: Search) -> tuple[int, int]:
    return 0, search.n - 1


def _take(rng: random.Random, pool: list[int], k: int, first: list[int] = ()) -> list[int]:
    """``first`` (in order, as many as fit), then a random sample of the rest of ``pool``."""
    chosen = list(dict.fromkeys(first))[:k]
    rest = [p for p in pool if p not in set(chosen)]
    chosen += rng.sample(rest, min(k - len(chosen), len(rest)))
    return sorted(chosen)


def peer_groups(search: Search) -> list[list[int]]:
    """People who trade fair shares: the hours peer groups, else people with the same roles."""
    if search.groups:
        return [[int(p) for p in members] for members, _share, _slack in search.groups
                if len(members) > 1]
    by: dict[tuple[str, ...], list[int]] = {}
    for p, person in enumerate(search.scenario.staff):
        by.setdefault(tuple(sorted(person.roles)), []).append(p)
    return [g for g in by.values() if len(g) > 1]


def own_costs(search: Search, mins: np.ndarray) -> np.ndarray:
    """Each person's own terms (requests, fair shares) plus their distance from a fair share of
    hours, as the search counts them."""
    out = search.own_costs()
    for members, share, slack in search.groups:
        whole, total = int(share.sum()), int(mins[members].sum())
        gap = np.abs(whole * mins[members] - share * total) - whole * slack
        out[members] += search.hours_w * np.maximum(0, gap) / max(whole * 60, 1)
    return out


def peers(search: Search, rng: random.Random, size: int, mins: np.ndarray) -> Free | None:
    groups = peer_groups(search)
    if not groups:
        return None
    unfair = set(search.unfair(mins))
    weights = [1 + sum(p in unfair for p in g) for g in groups]
    group = rng.choices(groups, weights)[0]
    k = max(2, size // search.n)
    first = [p for p in rng.sample(group, len(group)) if p in unfair][: k // 2]
    return _take(rng, group, k, first), _whole(search)


def days(search: Search, rng: random.Random, size: int, mins: np.ndarray) -> Free | None:
    span = min(search.n, rng.randint(2, 7))
    first = rng.randrange(0, search.n - span + 1)
    k = max(2, size // span)
    return _take(rng, list(range(search.P)), k), (first, first + span - 1)


def shift(search: Search, rng: random.Random, size: int, mins: np.ndarray) -> Free | None:
    """The people of one peer group who work one shift type most and fewest."""
    groups = peer_groups(search)
    if not groups:
        return None
    group = rng.choice(groups)
    s = rng.randrange(search.S)
    counts = (search.plan[group] == s).sum(axis=1)
    if counts.max() == counts.min():
        return None
    order = [group[i] for i in np.argsort(counts + np.array([rng.random() for _ in group]))]
    k = max(2, size // search.n)
    ends = order[: (k + 1) // 2] + order[::-1][: k // 2]
    return _take(rng, group, k, ends), _whole(search)


def costly(search: Search, rng: random.Random, size: int, mins: np.ndarray) -> Free | None:
    """The people whose own terms cost most (chosen at random, weighted by cost), and peers."""
    cost = own_costs(search, mins)
    if not (cost > 0).any():
        return None
    k = max(2, size // search.n)
    paying = [int(p) for p in np.flatnonzero(cost > 0)]
    chosen = list(dict.fromkeys(rng.choices(paying, cost[paying], k=(k + 1) // 2)))
    group_of = {p: g for g in peer_groups(search) for p in g}
    pool = sorted({q for p in chosen for q in group_of.get(p, [])}) or list(range(search.P))
    return _take(rng, pool, k, chosen), _whole(search)


def fair(search: Search, rng: random.Random, size: int, mins: np.ndarray) -> Free | None:
    """People of one peer group above and below their band of one kind of duty (nights, weekends,
    holidays; the bands the validator prices, ``Search.bands``), the kind chosen by what it costs,
    over the horizon: the duties trade between them."""
    worked = search.plan >= 0
    shift = np.maximum(search.plan, 0)
    day = np.arange(search.n)[None, :]
    options = []
    for w, adds, lo, hi in search.bands():
        n = np.where(worked, adds[day, shift], 0).sum(axis=1)
        excess = np.where(lo >= 0, np.maximum(0, np.maximum(n - hi, lo - n)), 0)
        if excess.any():
            options.append((w * float(excess.sum()), n, lo, hi))
    if not options:
        return None
    _cost, n, lo, hi = rng.choices(options, [o[0] for o in options])[0]
    groups = [g for g in peer_groups(search) if any(n[p] > hi[p] or n[p] < lo[p] for p in g)]
    if not groups:
        return None
    group = rng.choice(groups)
    k = max(2, size // search.n)
    above = [p for p in group if n[p] > hi[p]]
    below = [p for p in group if n[p] < lo[p]]
    # who can give or take one: the others inside the band, nearest its other end first
    room_up = sorted((p for p in group if lo[p] <= n[p] < hi[p]),
                     key=lambda p: n[p] - hi[p] + rng.random())
    room_down = sorted((p for p in group if lo[p] < n[p] <= hi[p]),
                       key=lambda p: lo[p] - n[p] + rng.random())
    rng.shuffle(above)
    rng.shuffle(below)
    first = []
    for a, b in zip(above + room_down, below + room_up, strict=False):
        first += [a, b]
    if not above:
        first = below[:1] + room_down + below[1:]
    elif not below:
        first = above[:1] + room_up + above[1:]
    return _take(rng, group, k, first), _whole(search)


def seats(search: Search, rng: random.Random, size: int, mins: np.ndarray) -> Free | None:
    """People who work or could work the days where seats cost most, around one such day."""
    short = np.maximum(search.lo - search.count, 0) * search.lo_w * search.has
    over = np.maximum(search.count - search.hi, 0) * search.hi_w * search.has
    per_day = (short + over).sum(axis=(1, 2))
    if not (per_day > 0).any():
        return None
    d = rng.choices(range(search.n), per_day)[0]
    span = min(search.n, rng.randint(3, 7))
    first = max(0, min(search.n - span, d - span // 2))
    k = max(2, size // span)
    able = [int(p) for p in np.flatnonzero(search.can[:, d].any(axis=(1, 2)))]
    return _take(rng, able or list(range(search.P)), k), (first, first + span - 1)


KINDS: dict[str, Kind] = {"peers": peers, "days": days, "shift": shift, "costly": costly,
                          "fair": fair, "seats": seats}
"""Every kind of neighbourhood, by name (the loop in ``anytime.py`` chooses among them)."""
