"""Neighbourhood moves with the CP-SAT model: a few people over a window of days.

The neighbourhood's model is built by the same rule families as the whole roster's
(``roster.solver.rules``), for the chosen people only, with their shifts outside the window
pinned and everyone else's seats counted in as constants (``build(seated=...)``). Fair shares are
added for the chosen people against the bands the validator prices (``Search.bands``: the fixed
ones, and on a centre staffed by interval those counted out of what the peers work now); their
peer group's hours total counts everyone else's hours as a constant. The answer is kept only when
the whole roster's exact cost (``construct.Search``) does not rise, so no move makes the roster
worse.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import TYPE_CHECKING

import numpy as np
from ortools.sat.python import cp_model

from roster.model.demand import Seats, seats_table
from roster.model.roster import Assignment, Roster
from roster.model.rule_names import Rule
from roster.model.scenario import Fixed

from ..build import add_hint, build, complete_hint, extract
from ..context import Context
from ..groups import for_staff
from ..rules import split_families
from . import HARD
from .person import OFF

if TYPE_CHECKING:
    from .construct import Search


def neighbourhood(search: Search, people: list[int], window: tuple[int, int]) -> Context:
    """The model of ``people`` over days ``window`` (first, last), the rest of the roster fixed."""
    sc, cal = search.scenario, search.calendar
    members = {sc.staff[p].id for p in people}
    seated: dict[tuple[int, int, str | None], int] = {}
    count = search.count.copy()
    for p in people:
        days = np.flatnonzero(search.plan[p] >= 0)
        np.subtract.at(count, (days, search.plan[p, days], search.role[p, days]), 1)
        np.subtract.at(count, (days, search.plan[p, days], np.full(len(days), search.K)), 1)
    for d, s, k in zip(*np.nonzero(count), strict=True):
        seated[(int(d), int(s), None if k == search.K else search.roles[k])] = int(count[d, s, k])
    pins = []
    first, last = window
    for p in people:
        sid = sc.staff[p].id
        own = {f.date for f in sc.fixed if f.staff == sid}
        for day in cal.days:
            if first <= day.index <= last or day.date in own:
                continue
            s = int(search.plan[p, day.index])
            if s == OFF:
                pins.append(Fixed.model_construct(staff=sid, date=day.date, shift=None, off=True,
                                                  role=None))
            else:
                pins.append(Fixed.model_construct(staff=sid, date=day.date, shift=sc.shifts[s].id,
                                                  off=False,
                                                  role=search.roles[search.role[p, day.index]]))
    sub = for_staff(sc, members, pins)
    sub_cal = cal.for_staff(sub)
    sub_cal.memo["seats"] = {key: _hard_seats_weighed(st)
                             for key, st in seats_table(sc, cal).items()}
    ctx = build(sub, sub_cal, families=split_families(), seated=seated)
    if sc.interval_lines:
        _same_cover(ctx, search, people)
    _fair_shares(ctx, search, people)
    ctx.model.Minimize(sum(w * e for items in ctx.terms.values() for w, e in items))
    add_hint(ctx, members_roster(search, people))
    return ctx


def _hard_seats_weighed(seats: Seats) -> Seats:
    """A seat row with its hard limits weighed at HARD: the current months always fit, and fewer
    empty seats is better."""
    return dataclasses.replace(
        seats, min_weight=int(HARD) if seats.min_weight is None else seats.min_weight,
        max_weight=(int(HARD) if seats.max is not None and seats.max_weight is None
                    else seats.max_weight))


def _same_cover(ctx: Context, search: Search, people: list[int]) -> None:
    """On a centre staffed by interval: the chosen people work as many of each shift and seat role
    each day as they do now, so the people on the floor stay as they are (the interval rows tie
    everyone together and are not in a neighbourhood's model); the people trade their shifts."""
    shift_index = {s.id: i for i, s in enumerate(search.scenario.shifts)}
    role_index = {r: k for k, r in enumerate(search.roles)}
    day_index = [search.calendar.index[d.date] for d in ctx.calendar.days]
    now: dict[tuple[int, int, int], int] = {}
    for p in people:
        for d in np.flatnonzero(search.plan[p] >= 0):
            key = (int(d), int(search.plan[p, d]), int(search.role[p, d]))
            now[key] = now.get(key, 0) + 1
    cells: dict[tuple[int, int, int], list] = {}
    for (_p, d, s, r), var in ctx.vars.x.items():
        key = (day_index[d], shift_index[ctx.vars.shifts[s]], role_index[r])
        cells.setdefault(key, []).append(var)
    for key in set(cells) | set(now):
        ctx.model.Add(sum(cells.get(key, [])) == now.get(key, 0))


def _fair_shares(ctx: Context, search: Search, people: list[int]) -> None:
    """Fair-share terms of the chosen people against the current bands (``Search.bands``; others'
    hours as a constant)."""
    v = ctx.vars
    index = {sid: i for i, sid in enumerate(v.staff)}
    sc = search.scenario
    for w, adds, lo, hi in search.bands():
        for p in people:
            if lo[p] < 0:
                continue
            mine = v.mine.get(index[sc.staff[p].id], [])
            count = sum(int(adds[d, s]) * var for d, s, var in mine if adds[d, s])
            top = int(sum(int(adds[d, s]) for d, s, _ in mine))
            dev = ctx.model.NewIntVar(0, max(top, int(lo[p])), f"fair:{sc.staff[p].id}")
            ctx.model.Add(dev >= count - int(hi[p]))
            ctx.model.Add(dev >= int(lo[p]) - count)
            ctx.penalise(Rule.FAIRNESS, int(w), dev)
    if not search.hours_w:
        return
    minutes = [int(m) for m in search.minutes]
    mins = np.array([search.person_minutes(search.plan[q]) for q in range(search.P)])
    for g in {int(search.group_of[p]) for p in people if search.group_of[p] >= 0}:
        members, share, slack = search.groups[g]
        chosen = [p for p in people if search.group_of[p] == g]
        whole = int(share.sum())
        others = int(mins[members].sum() - mins[chosen].sum())
        exprs = {p: sum(minutes[s] * var for _d, s, var in v.mine.get(index[sc.staff[p].id], []))
                 for p in chosen}
        total = others + sum(exprs.values())
        for p in chosen:
            a = int(share[np.flatnonzero(members == p)[0]])
            dev = ctx.model.NewIntVar(0, 10_000, f"fair:hours:{sc.staff[p].id}")
            ctx.model.Add(whole * 60 * dev >= whole * exprs[p] - a * total - whole * slack)
            ctx.model.Add(whole * 60 * dev >= a * total - whole * exprs[p] - whole * slack)
            ctx.penalise(Rule.FAIRNESS, int(search.hours_w), dev)


def members_roster(search: Search, people: list[int]) -> Roster:
    sc, cal = search.scenario, search.calendar
    out = []
    for p in people:
        for d in np.flatnonzero(search.plan[p] >= 0):
            out.append(Assignment(cal.days[d].date, sc.staff[p].id, sc.shifts[search.plan[p, d]].id,
                                  search.roles[search.role[p, d]]))
    return Roster.of(out)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one model move did: kept (the roster changed and costs no more), proven (CP-SAT
    proved the neighbourhood's best answer)."""

    kept: bool = False
    proven: bool = False

    def __bool__(self) -> bool:
        return self.kept


class _Settle(cp_model.CpSolverSolutionCallback):
    """Stops the search ``settle`` seconds after its last better answer, once it has one better
    than ``start`` (the hinted months' cost)."""

    def __init__(self, start: float, settle: float) -> None:
        super().__init__()
        self.best, self.settle, self.last = start, settle, time.perf_counter()
        self.improved = False

    def on_solution_callback(self) -> None:
        if self.ObjectiveValue() < self.best - 1e-6:
            self.best, self.last, self.improved = self.ObjectiveValue(), time.perf_counter(), True

    def watch(self, solver: cp_model.CpSolver, done: threading.Event) -> None:
        while not done.wait(0.05):
            if self.improved and time.perf_counter() - self.last >= self.settle:
                solver.StopSearch()
                return


def move(search: Search, people: list[int], window: tuple[int, int], seconds: float, seed: int,
         mins: np.ndarray, workers: int = 1, settle: float | None = None) -> Outcome:
    """Re-solve ``people`` over ``window``; keep the answer when the roster costs no more.

    ``seconds``: completing the hint and the search together (a repeatable search: the
    search's deterministic limit). ``settle``: stop that many seconds after the last better
    answer (not in repeatable solves)."""
    t = time.perf_counter()
    ctx = neighbourhood(search, people, window)
    # the whole hint (slacks and counts too): CP-SAT then starts from the current months
    # (measured: with only the shifts hinted it often found nothing better in 3-4 s)
    start = complete_hint(ctx, max(0.05, seconds / 2 - (time.perf_counter() - t)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    if search.repeatable:  # the same work every run: a deterministic limit, threads interleaved
        solver.parameters.max_deterministic_time = seconds
        solver.parameters.interleave_search = True
    else:
        solver.parameters.max_time_in_seconds = max(0.05, seconds - (time.perf_counter() - t))
    solver.parameters.random_seed = seed
    if settle is not None and start is not None and not search.repeatable:
        watcher, done = _Settle(start.ObjectiveValue(), settle), threading.Event()
        threading.Thread(target=watcher.watch, args=(solver, done), daemon=True).start()
        try:
            code = solver.Solve(ctx.model, watcher)
        finally:
            done.set()
    else:
        code = solver.Solve(ctx.model)
    search.moves.tried += 1
    proven = code == cp_model.OPTIMAL
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(False, proven)
    found = extract(ctx, solver)
    shift_index = {s.id: i for i, s in enumerate(search.scenario.shifts)}
    role_index = {r: k for k, r in enumerate(search.roles)}
    person = {search.scenario.staff[p].id: p for p in people}
    plans = {p: (np.full(search.n, OFF, dtype=np.int64), np.full(search.n, -1, dtype=np.int64))
             for p in people}
    for a in found:
        p, d = person[a.staff], search.calendar.index[a.date]
        plans[p][0][d] = shift_index[a.shift]
        plans[p][1][d] = role_index[a.role]
    # the search keeps soft rules of a person's own as if hard (its cost does not count them)
    if not all(search.person.feasible(p, plan) for p, (plan, _role) in plans.items()):
        return Outcome(False, proven)
    # cells the search rules out (a shift whose break fits nowhere)
    for p, (plan, role) in plans.items():
        days = np.flatnonzero(plan >= 0)
        if not search.can[p, days, plan[days], role[days]].all():
            return Outcome(False, proven)
    return Outcome(search.replace(plans, mins), proven)
