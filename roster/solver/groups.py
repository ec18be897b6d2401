"""Large rosters a few people at a time: a large-neighbourhood search over groups of staff.

Every rule but seats, posts and fairness concerns one person. A model of a few people, with the
seats everyone else already takes counted in (``build(seated=...)``, rules/coverage.py), prices
a change to those people's shifts exactly: its objective is the whole roster's cost less the
others' own terms, which the change cannot touch. So the search

1. places people one at a time, each filling the seats the earlier ones left, then
2. keeps re-solving a random neighbourhood with everyone else fixed (one person over the whole
   horizon, or a few people over two weeks with their other days pinned), starting from the
   current shifts, and keeps the answer when it costs no more.

Each model is small, so it solves in a fraction of a second where the whole roster's model takes
minutes to build and solve. Posts tie people together, so scenarios with
posts are not searched this way (``Family.group_search``); fairness is left to the whole-roster
solve that follows (``SolveOptions(strategy=...)``), which starts from the roster found here.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.scenario import Fixed, History, Scenario

from .build import add_hint, build, extract, solve_hint_fixed
from .context import Context
from .rules import FAMILIES, split_families

FIRST_SECONDS = 20.0
"""Most seconds for one person's first shifts (measured: 0.05 s on 4 weeks, 1-2 s on a year)."""
SETTLE_SECONDS = 0.3
"""After a person's first shifts are found, improve them this long before the next person."""
WINDOW_DAYS = 14
"""Days a window neighbourhood frees (the group's other days stay as they are)."""
WINDOW_SHARE = 0.7
"""Share of the improving steps that use a window neighbourhood."""


def applies(scenario: Scenario) -> bool:
    """Can a roster of this scenario be searched group by group? Every family whose rules it uses
    must allow it (``Family.group_search``: posts do not), and it takes four people or more."""
    return all(f.group_searched(scenario) for f in FAMILIES.values()) and len(scenario.staff) >= 4


@dataclass
class GroupSearch:
    """The roster being improved, person by person, and how to solve one group of people."""

    scenario: Scenario
    calendar: Calendar
    seed: int = 0
    sub_seconds: float = 1.0
    """Most seconds for one group's model."""
    size: int = 1
    """People per group in the improving phase (measured: one at a time improves fastest)."""
    workers: int = 2
    """CP-SAT threads per group's model (one thread often finds no roster for a long horizon)."""
    shifts: dict[str, list[Assignment]] = field(default_factory=dict)
    leave: dict[str, list[LeaveDay]] = field(default_factory=dict)
    solves: int = 0
    kept: int = 0
    window_people: int = 4
    """People in a window neighbourhood (adapts to how fast their models solve)."""
    proven: bool = False
    """Did the last group's model solve to the end?"""
    placed: float | None = None
    """``time.perf_counter()`` when everyone had shifts (the first whole roster)."""

    def __post_init__(self) -> None:
        sc, cal = self.scenario, self.calendar
        seats_table(sc, cal)  # remembered once; every group's calendar shares it
        self.ids = [p.id for p in sc.staff]
        self.shift_index = {s.id: i for i, s in enumerate(sc.shifts)}
        self.taken: Counter = Counter()
        self.rng = random.Random(self.seed)

    # ---- the roster --------------------------------------------------------
    def roster(self) -> Roster:
        return Roster.of([a for xs in self.shifts.values() for a in xs],
                         leave=[x for xs in self.leave.values() for x in xs])

    def load(self, roster: Roster) -> None:
        """Start from a known roster (people it leaves out are not placed yet)."""
        by: dict[str, list[Assignment]] = {}
        for a in roster:
            if a.post is None and a.staff in self.scenario.staff_by_id:
                by.setdefault(a.staff, []).append(a)
        for sid, xs in by.items():
            self._set(sid, xs, [x for x in roster.leave if x.staff == sid])

    def _seat_keys(self, a: Assignment) -> tuple[tuple, tuple]:
        d, s = self.calendar.index[a.date], self.shift_index[a.shift]
        return (d, s, a.role), (d, s, None)

    def _set(self, sid: str, assignments: list[Assignment], leave: list[LeaveDay]) -> None:
        for a in self.shifts.get(sid, []):
            self.taken.subtract(self._seat_keys(a))
        self.shifts[sid] = assignments
        self.leave[sid] = leave
        for a in assignments:
            self.taken.update(self._seat_keys(a))

    # ---- one group -----------------------------------------------------------
    def model(self, group: list[str],
              window: tuple[int, int] | None = None) -> tuple[Context, bool]:
        """The model of ``group`` (the whole horizon, or only ``window`` with the rest pinned),
        everyone else's seats counted in; True when it is hinted with the group's current months."""
        sc = self.scenario
        members = set(group)
        seated = Counter(self.taken)
        for sid in group:
            for a in self.shifts.get(sid, []):
                seated.subtract(self._seat_keys(a))
        sub = for_staff(sc, members, self._pins(group, window) if window else ())
        ctx = build(sub, self.calendar.for_staff(sub), families=split_families(),
                    seated={k: n for k, n in seated.items() if n > 0})
        placed = [a for sid in group for a in self.shifts.get(sid, [])]
        if all(sid in self.shifts for sid in group):
            add_hint(ctx, Roster.of(placed))
            return ctx, True
        return ctx, False

    def _pins(self, group: list[str], window: tuple[int, int]) -> list[Fixed]:
        """Each member's current shifts (and days off) outside the window, as pinned cells."""
        days = self.calendar.days
        pins = []
        for sid in group:
            worked = {a.date: a for a in self.shifts[sid]}
            own = {f.date for f in self.scenario.fixed if f.staff == sid}
            for day in days[:window[0]] + days[window[1] + 1:]:
                if day.date in own:
                    continue
                a = worked.get(day.date)
                pins.append(Fixed.model_construct(staff=sid, date=day.date, shift=a.shift,
                                                  off=False, role=a.role)
                            if a else Fixed.model_construct(staff=sid, date=day.date, shift=None,
                                                            off=True, role=None))
        return pins

    def cost(self, group: list[str], seconds: float = 10.0, ctx=None) -> float | None:
        """The roster's cost less the own terms of everyone outside ``group`` (people in it must be
        placed): seats are counted whole, so for singletons, ``sum(cost([p])) - (n - 1) * cost([])``
        is the whole roster's cost without fairness. None when not found within ``seconds``."""
        check = solve_hint_fixed((ctx or self.model(group)[0]).model, seconds)
        return None if check is None else check.ObjectiveValue()

    def improve(self, group: list[str], seconds: float, window: tuple[int, int] | None = None,
                settle: float | None = None) -> bool:
        """Re-solve one group with everyone else fixed (and the group's own days outside
        ``window``, first and last day index, when given); keep the answer unless it costs more."""
        ctx, hinted = self.model(group, window)
        before = self.cost(group, seconds, ctx) if hinted else None  # the group as it stands
        if hinted and before is None:  # its cost is unknown, so no change can be judged
            return False
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = self.workers
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.random_seed = self.rng.randrange(1 << 30)
        code = _solve(solver, ctx.model, settle)
        self.solves += 1
        self.proven = code == cp_model.OPTIMAL
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        if before is not None and solver.ObjectiveValue() > before + 1e-6:
            return False
        found = extract(ctx, solver)
        for sid in group:
            self._set(sid, [a for a in found if a.staff == sid],
                      [x for x in found.leave if x.staff == sid])
        self.kept += before is None or solver.ObjectiveValue() < before - 1e-6
        return True

    # ---- the search --------------------------------------------------------
    def run(self, seconds: float, stop: threading.Event | None = None,
            on_group: Callable[[GroupSearch], None] | None = None,
            deadline: float | None = None) -> Roster | None:
        """Place everyone not yet placed, then improve neighbourhoods until ``seconds`` are up.

        Placing people may go on past ``seconds``, up to ``deadline`` (``time.perf_counter()``
        value; default: ``seconds`` from now): someone whose first shifts are not found in
        ``FIRST_SECONDS`` is tried again with twice the time. ``None`` when someone's shifts are
        not found by then, or on stop before everyone is placed."""
        end = time.perf_counter() + seconds
        deadline = deadline if deadline is not None else end
        todo = [sid for sid in self.ids if sid not in self.shifts]
        for sid in todo:  # one by one, each filling the seats the earlier ones left
            limit = FIRST_SECONDS
            # a first roster quickly (the improving steps do the rest)
            while not self.improve([sid], min(limit, max(0.5, deadline - time.perf_counter())),
                                   settle=SETTLE_SECONDS):
                if time.perf_counter() >= deadline or (stop is not None and stop.is_set()):
                    return None
                limit *= 2
            if stop is not None and stop.is_set():
                return None
        self.placed = time.perf_counter()
        n = len(self.calendar)
        windows = n > WINDOW_DAYS and not self.scenario.leave_wishes
        while time.perf_counter() < end - 0.2 and not (stop is not None and stop.is_set()):
            seconds_left = min(self.sub_seconds, max(0.2, end - time.perf_counter()))
            if windows and self.rng.random() < WINDOW_SHARE:
                # a few people over a few weeks: swaps between people on the same days
                first = self.rng.randrange(0, n - WINDOW_DAYS + 1)
                group = self.rng.sample(self.ids, min(self.window_people, len(self.ids)))
                self.improve(group, seconds_left, (first, first + WINDOW_DAYS - 1))
                # grow the group while its models solve to the end, shrink it when they do not
                self.window_people = max(2, min(len(self.ids), self.window_people + (1
                                                                                     if self.proven
                                                                                     else -1)))
            else:
                self.improve(self.rng.sample(self.ids, min(self.size, len(self.ids))), seconds_left)
            if on_group:
                on_group(self)
        return self.roster()


class _First(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.found = threading.Event()

    def on_solution_callback(self) -> None:
        self.found.set()


def _solve(solver: cp_model.CpSolver, model: cp_model.CpModel, settle: float | None) -> int:
    """Solve; with ``settle``, stop once a roster is found and ``settle`` seconds have passed."""
    if settle is None:
        return solver.Solve(model)
    first, done = _First(), threading.Event()

    def watch() -> None:
        start = time.perf_counter()
        while not done.wait(0.05):
            if first.found.is_set() and time.perf_counter() - start >= settle:
                solver.StopSearch()
                return

    threading.Thread(target=watch, daemon=True).start()
    try:
        return solver.Solve(model, first)
    finally:
        done.set()


def for_staff(scenario: Scenario, members: set[str], pins=()) -> Scenario:
    """The scenario with only ``members`` on the staff (and only their leave, requests and pins),
    with ``pins`` added."""
    fields = dict(scenario)
    fields["staff"] = tuple(p for p in scenario.staff if p.id in members)
    for name in ("leave", "requests", "fixed", "leave_wishes"):
        fields[name] = tuple(x for x in getattr(scenario, name) if x.staff in members)
    fields["fixed"] += tuple(pins)
    if scenario.history is not None:
        start = scenario.horizon.start
        days = (start - scenario.history.first_day(start)).days
        fields["history"] = History.model_construct(
            days=days or None, worked=tuple(w for w in scenario.history.worked
                                            if w.staff in members))
    return Scenario.model_construct(**fields)
