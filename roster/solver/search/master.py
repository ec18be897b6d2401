"""A roster from the months column generation found: the restricted master as a CP-SAT model.

One Boolean per (person, month in the master's pool); each person works exactly one month. The
objective is the roster's cost as the validator counts it for the rules the per-person search
covers (``Search.cost``):

* each month's own cost (requests, fair shares of nights, weekends and holidays: one person's
  month decides them alone);
* per seat, the people short of its least and beyond its most at the seat's weight; a hard seat
  is a constraint when the best known roster fills every hard seat (so it is feasible), else an
  empty hard seat costs ``HARD``;
* hours fairness per peer group (``dev ≥ ⌈(|whole·m − share·total| − whole·slack) / (whole·60)⌉``).

Only months that keep every rule of the person (soft state rules as hard, as the search keeps
them: ``Person.feasible``) take part, so a month's cost is exact. The best known roster's months
are added and hinted, so the model starts from it and never returns a worse roster.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from roster.model.roster import Roster

from . import HARD
from .colgen import ColumnGeneration
from .construct import Search

WORKERS = 4
"""CP-SAT threads for the restricted master (its smaller portfolios leave out the neighbourhood workers)."""


@dataclass
class Restricted:
    """What the restricted master found."""

    search: Search
    """The roster as the per-person search's arrays (``search.cost()``, ``terms()``, ``roster()``)."""
    objective: float
    """The model's objective: equal to ``search.cost()`` (a test holds them equal to the validator's)."""
    status: str
    columns: int
    """Months in the model."""
    seconds: float


def restricted_master(cg: ColumnGeneration, seconds: float, start: Roster | None = None,
                      seed: int = 0, stop: threading.Event | None = None) -> Restricted | None:
    """The cheapest roster made of the master's months (and ``start``'s), within ``seconds`` or
    until ``stop`` is set; None when the weights are not whole numbers, someone has no month that
    keeps their rules, or no roster is found in time."""
    s = cg.search
    if not cg.integral or any(float(w) != round(w) for w, *_ in s.fair) or s.hours_w != round(s.hours_w):
        return None
    hinted: dict[int, int] = {}
    pools: list[list[tuple[np.ndarray, np.ndarray]]] = []
    seeded = cg.months(start) if start is not None else {}
    for p in range(cg.P):
        kept, keys = [], set()
        first = [seeded[p]] if p in seeded else []
        for plan, role in [*first, *cg.pool[p]]:
            role = np.where(plan >= 0, role, -1)
            key = plan.tobytes() + role.tobytes()
            if key in keys or not s.keeps(p, plan, role):
                continue
            if first and plan is first[0][0]:
                hinted[p] = len(kept)
            keys.add(key)
            kept.append((plan, role))
        if not kept:
            return None
        pools.append(kept)
    strict = len(hinted) == cg.P and _fills_hard_seats(s, pools, hinted)
    model = cp_model.CpModel()
    objective = []
    chosen: list[list[cp_model.IntVar]] = []
    seats: dict[tuple[int, int, int], list[cp_model.IntVar]] = {}
    minutes = []
    for p, pool in enumerate(pools):
        xs = [model.new_bool_var(f"x{p}_{j}") for j in range(len(pool))]
        model.add_exactly_one(xs)
        chosen.append(xs)
        for x, (plan, role) in zip(xs, pool, strict=True):
            cost = int(round(s.own_cost(p, plan)))
            if cost:
                objective.append(cost * x)
            for d in np.flatnonzero(plan >= 0):
                for k in (int(role[d]), s.K):
                    seats.setdefault((int(d), int(plan[d]), k), []).append(x)
        minutes.append([s.person_minutes(plan) for plan, _r in pool])
        if p in hinted:
            for j, x in enumerate(xs):
                model.add_hint(x, j == hinted[p])
    for d, sh, k in np.argwhere(s.has):
        lo, hi = int(s.lo[d, sh, k]), int(s.hi[d, sh, k])
        takers = seats.get((int(d), int(sh), int(k)), [])
        count = sum(takers) if takers else 0
        lo_w, hi_w = float(s.lo_w[d, sh, k]), float(s.hi_w[d, sh, k])
        if lo > 0 and lo_w > 0:
            if strict and lo_w >= HARD:
                model.add(count >= lo)
            else:
                short = model.new_int_var(0, lo, f"short{d}_{sh}_{k}")
                model.add(short >= lo - count)
                objective.append(int(round(lo_w)) * short)
        if hi < len(takers) and hi_w > 0:
            if strict and hi_w >= HARD:
                model.add(count <= hi)
            else:
                over = model.new_int_var(0, len(takers) - hi, f"over{d}_{sh}_{k}")
                model.add(over >= count - hi)
                objective.append(int(round(hi_w)) * over)
    if s.hours_w:
        _hours(model, s, chosen, minutes, objective)
    model.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, float(seconds))
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = int(seed)
    done = threading.Event()
    if stop is not None:
        threading.Thread(target=_stop_when, args=(stop, done, solver), daemon=True).start()
    try:
        code = solver.solve(model)
    finally:
        done.set()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    for p in range(cg.P):
        if s.placed[p]:
            s.take_out(p)
        j = next(j for j, x in enumerate(chosen[p]) if solver.boolean_value(x))
        s.put_in(p, *pools[p][j])
        s.placed[p] = True
    return Restricted(s, solver.objective_value, solver.status_name(code), sum(map(len, pools)),
                      solver.wall_time)


def _stop_when(stop: threading.Event, done: threading.Event, solver: cp_model.CpSolver) -> None:
    while not done.wait(0.1):
        if stop.is_set():
            solver.stop_search()
            return


def _fills_hard_seats(s: Search, pools: list[list[tuple[np.ndarray, np.ndarray]]], hinted: dict[int, int]) -> bool:
    """Does the roster of the hinted months fill every hard seat and keep every hard most?"""
    count = np.zeros_like(s.count)
    for p, j in hinted.items():
        plan, role = pools[p][j]
        days = np.flatnonzero(plan >= 0)
        np.add.at(count, (days, plan[days], role[days]), 1)
        np.add.at(count, (days, plan[days], np.full(len(days), s.K)), 1)
    short = s.has & (s.lo_w >= HARD) & (count < s.lo)
    over = s.has & (s.hi_w >= HARD) & (count > s.hi)
    return not short.any() and not over.any()


def _hours(model: cp_model.CpModel, s: Search, chosen: list[list[cp_model.IntVar]], minutes: list[list[int]],
           objective: list) -> None:
    """Hours fairness of each peer group, exactly as ``Search.hours_cost`` counts it."""
    for g, (members, share, slack) in enumerate(s.groups):
        whole = int(share.sum())
        mins = {}
        for p in members:  # one variable per person's minutes keeps each row to a few terms
            p = int(p)
            mins[p] = model.new_int_var(min(minutes[p]), max(minutes[p]), f"minutes{p}")
            model.add(mins[p] == sum(m * x for m, x in zip(minutes[p], chosen[p], strict=True)))
        most = sum(max(minutes[int(p)]) for p in members)
        total = model.new_int_var(sum(min(minutes[int(p)]) for p in members), most, f"total{g}")
        model.add(total == sum(mins.values()))
        for p, a in zip(members, share, strict=True):
            gap = whole * mins[int(p)] - int(a) * total
            top = (whole * max(minutes[p]) + int(a) * most) // (whole * 60) + 1
            dev = model.new_int_var(0, top, f"hours{p}")
            model.add(whole * 60 * dev >= gap - whole * int(slack))
            model.add(whole * 60 * dev >= -gap - whole * int(slack))
            objective.append(int(round(s.hours_w)) * dev)


__all__ = ["Restricted", "restricted_master"]
