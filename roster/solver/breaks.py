"""People on the floor per interval as arrays, and breaks placed to cover the intervals best.

``Floor`` turns a scenario's per-interval lines (``roster.model.intervals``) into arrays: one slot
per interval a line needs, and for every (seat role, shift, day) the slots a person there works
and the slots each of the shift's break starts takes away. It counts as ``on_floor`` does (a
person counts in an interval they work whole and do not spend any part of on a break; a line of
role None counts every seat role), so a cost computed here is the validator's.

``place_breaks`` is the placement used for rosters the per-person search builds: every break of a
day is placed one at a time where it costs least, then single breaks are moved while that lowers
the cost. It is deterministic.

``restagger`` places a finished roster's breaks again, a day's breaks jointly (a small exact
CP-SAT model per day), so breaks are staggered wherever that raises the floor.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from roster.model.calendar import Calendar
from roster.model.intervals import (
    break_intervals,
    break_minute,
    counted_shifts,
    coverage_cost,
    floor_min_cost,
    history_on_floor,
    interval_needs,
    on_floor,
    worked_intervals,
)
from roster.model.roster import Roster
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

EMPTY = np.zeros((0,), dtype=np.int64)
HARD_LOW = 1e6
"""The price per person of a hard ``min_on_floor`` broken, in the search's pricing."""


class Floor:
    """Interval slots, their needs and weights, and which slots each seat covers."""

    def __init__(self, scenario: Scenario, calendar: Calendar, roles: Sequence[str]) -> None:
        sc = scenario
        needs = interval_needs(sc, calendar)
        self.keys = sorted(needs, key=lambda k: (k[1], k[0] or ""))
        slot = {k: i for i, k in enumerate(self.keys)}
        M = len(self.keys)
        self.M = M
        self.dummy = M
        """An extra slot with no need and no weight: intervals no line needs land there."""
        self.need = np.zeros(M + 1, dtype=np.int64)
        self.over_w = np.zeros(M + 1)
        width = max((len(n.steps) for n in needs.values()), default=1)
        self.steps = np.zeros((M + 1, width))
        """steps[i, k]: the cost of the (k+1)-th person short in slot i (the last column
        repeats)."""
        self.low = np.zeros(M + 1, dtype=np.int64)
        """People that must be on the floor (``min_on_floor`` where the line needs anyone)."""
        self.low_w = np.zeros(M + 1)
        """Cost per person below ``low``; a hard rule is priced at HARD_LOW, and kept out of the
        terms."""
        self.low_hard = np.zeros(M + 1, dtype=bool)
        for k, i in slot.items():
            n = needs[k]
            self.need[i] = n.agents
            self.steps[i, :len(n.steps)] = n.steps
            self.steps[i, len(n.steps):] = n.steps[-1]
            self.over_w[i] = n.over_weight
            if n.floor_min:
                self.low[i] = n.floor_min
                self.low_hard[i] = n.floor_weight is None
                self.low_w[i] = HARD_LOW if n.floor_weight is None else n.floor_weight
        self.base = np.zeros(M + 1, dtype=np.int64)
        """People of the ``history`` on the floor (last month's night on day 1): a constant
        floor."""
        for k, n in history_on_floor(sc, calendar).items():
            self.base[slot[k]] = n
        self.under_w = self.steps[:, 0].copy()
        """The cost of the first person short per slot."""
        self._cum = np.concatenate([np.zeros((M + 1, 1)), np.cumsum(self.steps, axis=1)], axis=1)
        self.n = len(calendar.days)
        self.S = len(sc.shifts)
        self.roles = list(roles)
        self.starts = [list(s.break_starts) for s in sc.shifts]
        """Break starts (minutes from 00:00 of the shift's day) per shift; [] without a break
        rule."""
        self.has_break = [s.break_rule is not None for s in sc.shifts]
        self.no_start = [s.break_rule is not None and not s.break_starts for s in sc.shifts]
        """Shifts whose break fits nowhere: nobody may work them."""
        # (role k, shift s) → work[n, w] and breaks[j][n, b] slot indexes (dummy where not needed)
        lines = [(line.role, line.interval_minutes, counted_shifts(sc, line))
                 for _, line in sc.interval_lines]
        self.work: dict[tuple[int, int], np.ndarray] = {}
        self.away: dict[tuple[int, int], list[np.ndarray]] = {}
        for k, role in enumerate(self.roles):
            for s, shift in enumerate(sc.shifts):
                rows: list[list[int]] = [[] for _ in range(self.n)]
                brows: list[list[list[int]]] = [[[] for _ in range(self.n)] for _ in self.starts[s]]
                for lrole, step, shifts in lines:
                    if shift.id not in shifts or (lrole is not None and lrole != role):
                        continue
                    for d in range(self.n):
                        worked = worked_intervals(shift, d, step)
                        mine = set(worked)
                        rows[d] += [slot.get((lrole, t), M) for t in worked]
                        for j, start in enumerate(self.starts[s]):
                            brows[j][d] += [slot.get((lrole, t), M)
                                            for t in break_intervals(shift, d, start, step)
                                            if t in mine]
                if any(rows):
                    self.work[(k, s)] = _square(rows, M)
                    self.away[(k, s)] = [_square(b, M) for b in brows]

    # ---- the cost of a floor --------------------------------------------------
    def short_costs(self, f: np.ndarray) -> np.ndarray:
        """Per slot: the convex cost of the people short (sum of the first ``short`` steps)."""
        short = np.maximum(self.need - f, 0)
        width = self.steps.shape[1]
        head = np.minimum(short, width)
        rows = np.arange(len(short))
        return self._cum[rows, head] + np.maximum(short - width, 0) * self.steps[:, -1]

    def costs(self, f: np.ndarray) -> tuple[float, float]:
        """(cost of people short, cost of people over) of the floor counts ``f``."""
        under = float(self.short_costs(f)[:self.M].sum())
        over = float((np.maximum(f - self.need, 0) * self.over_w)[:self.M].sum())
        return under, over

    def low_cost(self, f: np.ndarray) -> float:
        """The soft ``min_on_floor`` cost of the floor counts ``f`` (hard ones are not a term)."""
        below = np.maximum(self.low - f, 0) * ~self.low_hard
        return float((below * self.low_w)[:self.M].sum())

    def low_broken(self, f: np.ndarray) -> int:
        """Slots where a hard ``min_on_floor`` is broken."""
        return int(((f < self.low) & self.low_hard)[:self.M].sum())

    def cost(self, f: np.ndarray) -> float:
        """Everything the floor costs, a broken hard ``min_on_floor`` priced at HARD_LOW a
        person."""
        below = np.maximum(self.low - f, 0)[:self.M]
        return sum(self.costs(f)) + float((below * self.low_w[:self.M]).sum())

    def _step(self, short: np.ndarray) -> np.ndarray:
        """Per slot: the ``short``-th step (the cost of the person that makes it ``short``), 0 for
        none."""
        width = self.steps.shape[1]
        k = np.clip(short, 1, width) - 1
        return np.where(short > 0, self.steps[np.arange(len(short)), k], 0.0)

    def plus(self, f: np.ndarray) -> np.ndarray:
        """Per slot: the cost change of one more person on the floor."""
        out = np.where(f < self.need, -self._step(self.need - f), self.over_w)
        return out - np.where(f < self.low, self.low_w, 0.0)

    def minus(self, f: np.ndarray) -> np.ndarray:
        """Per slot: the cost change of one person fewer on the floor."""
        out = np.where(f <= self.need, self._step(self.need - f + 1), -self.over_w)
        return out + np.where(f <= self.low, self.low_w, 0.0)

    def counted(self, k: int, s: int) -> bool:
        return (k, s) in self.work

    # ---- the floor of a roster -----------------------------------------------
    def floor(self, count: np.ndarray, brk: np.ndarray) -> np.ndarray:
        """Floor counts from people per (day, shift, role) and breaks per (day, shift, role,
        start)."""
        f = self.base.copy()
        for (k, s), work in self.work.items():
            c = count[:, s, k]
            if c.any():
                np.add.at(f, work, np.repeat(c[:, None], work.shape[1], axis=1))
            for j, away in enumerate(self.away[(k, s)]):
                b = brk[:, s, k, j]
                if b.any():
                    np.subtract.at(f, away, np.repeat(b[:, None], away.shape[1], axis=1))
        f[self.dummy] = 0
        return f

    def prices(self, f: np.ndarray) -> np.ndarray:
        """(day, shift, role) → cost change of one more person there, their break placed where it
        costs least."""
        out = np.zeros((self.n, self.S, len(self.roles)))
        up = self.plus(f)
        up[self.dummy] = 0.0
        for (k, s), work in self.work.items():
            price = up[work].sum(axis=1)
            away = self.away[(k, s)]
            if away:
                price = price - np.max([up[b].sum(axis=1) for b in away], axis=0)
            out[:, s, k] = price
        return out

    # ---- one person in or out -------------------------------------------------
    def add(self, f: np.ndarray, brk: np.ndarray, d: int, s: int, k: int) -> None:
        """One more person on (d, s, k); their break goes where it costs least."""
        work = self.work.get((k, s))
        if work is not None:
            np.add.at(f, work[d], 1)
        if self.starts[s]:
            if work is not None:
                self._cheapest_break(f, brk, d, s, k)
            else:
                brk[d, s, k, 0] += 1
        f[self.dummy] = 0

    def _cheapest_break(self, f: np.ndarray, brk: np.ndarray, d: int, s: int, k: int) -> None:
        """One break on (d, s, k) at the start where taking the person off the floor costs least."""
        down = self.minus(f)
        down[self.dummy] = 0.0
        j = int(np.argmin([down[b[d]].sum() for b in self.away[(k, s)]]))
        np.subtract.at(f, self.away[(k, s)][j][d], 1)
        brk[d, s, k, j] += 1

    def remove(self, f: np.ndarray, brk: np.ndarray, d: int, s: int, k: int) -> None:
        """One person fewer on (d, s, k); of the breaks there, the one whose return costs least
        goes."""
        work = self.work.get((k, s))
        if self.starts[s]:
            held = np.flatnonzero(brk[d, s, k, :len(self.starts[s])] > 0)
            j = int(held[0]) if len(held) else -1
            if work is not None and len(held) > 1:
                up = self.plus(f)
                up[self.dummy] = 0.0
                j = int(held[np.argmin([up[self.away[(k, s)][i][d]].sum() for i in held])])
            if j >= 0:
                brk[d, s, k, j] -= 1
                if work is not None:
                    np.add.at(f, self.away[(k, s)][j][d], 1)
        if work is not None:
            np.subtract.at(f, work[d], 1)
        f[self.dummy] = 0

    # ---- breaks of whole days -------------------------------------------------
    def place_breaks(self, f: np.ndarray, count: np.ndarray, brk: np.ndarray,
                     days: Iterable[int]) -> None:
        """Place every break of these days again (greedy, then single moves while they lower the
        cost).

        ``f`` and ``brk`` are updated in place; people per (day, shift, role) stay as ``count``
        says."""
        for d in days:
            cells = [(s, k) for (k, s) in sorted(self.away)
                     if self.away[(k, s)] and count[d, s, k] > 0]
            for s, k in cells:  # take the day's breaks out
                for j, away in enumerate(self.away[(k, s)]):
                    if brk[d, s, k, j]:
                        np.add.at(f, away[d], int(brk[d, s, k, j]))
                        brk[d, s, k, j] = 0
            f[self.dummy] = 0
            for s, k in sorted(cells, key=lambda c: (self.starts[c[0]][0], c[0], c[1])):
                for _ in range(int(count[d, s, k])):
                    self._cheapest_break(f, brk, d, s, k)
            f[self.dummy] = 0
            self.polish(f, brk, d, cells)

    def polish(self, f: np.ndarray, brk: np.ndarray, d: int,
               cells: list[tuple[int, int]] | None = None, rounds: int = 20) -> None:
        """Move single breaks of day ``d`` while a move lowers the cost."""
        if cells is None:
            cells = [(s, k) for (k, s) in sorted(self.away)
                     if self.away[(k, s)] and brk[d, s, k].any()]
        for _ in range(rounds):
            moved = False
            for s, k in cells:
                away = self.away[(k, s)]
                for j in range(len(away)):
                    if not brk[d, s, k, j]:
                        continue
                    np.add.at(f, away[j][d], 1)
                    f[self.dummy] = 0
                    down = self.minus(f)
                    down[self.dummy] = 0.0
                    gain = np.array([down[b[d]].sum() for b in away])
                    best = int(np.argmin(gain))
                    back = float(gain[j])
                    if gain[best] < back - 1e-9:
                        j2 = best
                        brk[d, s, k, j] -= 1
                        brk[d, s, k, j2] += 1
                        moved = True
                    else:
                        j2 = j
                    np.subtract.at(f, away[j2][d], 1)
                    f[self.dummy] = 0
            if not moved:
                return


def _square(rows: list[list[int]], pad: int) -> np.ndarray:
    """Rows of unequal length as one array, padded with ``pad``."""
    width = max((len(r) for r in rows), default=0)
    out = np.full((len(rows), width), pad, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


def break_text(minute: int) -> str:
    """A break start (minutes from 00:00 of the shift's day) as wall-clock ``HH:MM``."""
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


# ---- breaks placed jointly ------------------------------------------------------
RESTAGGER_SECONDS = 0.5
"""Deterministic time (CP-SAT's units) for one day's joint break model: small days are proven
optimal well within it; a large centre's day (300 agents) stops there with its best placement."""


def restagger(scenario: Scenario, calendar: Calendar, roster: Roster, rounds: int = 4,
              seconds: float | None = None) -> Roster:
    """The roster with every day's breaks placed jointly, so the interval cost never rises.

    Day by day, all breaks of the day's shift groups (day, shift, seat role) are placed together
    by a small exact CP-SAT model (``_day_model``): break counts per allowed start, each interval
    the breaks touch costing, through a table, its convex shortfall, its people over and its
    ``min_on_floor`` at the floor those counts leave. A day's new counts are kept only when they
    cost less; then single breaks are moved while a move lowers the cost (``Floor.polish``), and
    the days are gone through again while any changed. People keep their own break where the new
    counts still have it; the others take the starts left in time order. Assignments without a
    valid break (none placed, or not at an allowed start) are left as they are. Deterministic
    without ``seconds``; with it, no new day is started once that much wall-clock time has passed.
    """
    if not scenario.interval_lines or not len(roster):
        return roster
    sc, cal = scenario, calendar
    items = list(roster)
    roles = sorted({a.role for a in items}, key=lambda r: (r is not None, r or ""))
    floor = Floor(sc, cal, roles)
    if not floor.M:
        return roster
    shift_index = {s.id: i for i, s in enumerate(sc.shifts)}
    width = max((len(x) for x in floor.starts), default=0) or 1
    count = np.zeros((floor.n, floor.S, len(roles)), dtype=np.int64)
    brk = np.zeros((floor.n, floor.S, len(roles), width), dtype=np.int64)
    people: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    """(day, shift, role) → (index in items, break start index) of the people with a valid break."""
    for i, a in enumerate(items):
        d, s = cal.index.get(a.date), shift_index.get(a.shift)
        if d is None or s is None:
            continue
        k = roles.index(a.role)
        count[d, s, k] += 1
        j = _start_index(floor.starts[s], sc.shifts[s], a.break_at)
        if j is not None:
            brk[d, s, k, j] += 1
            people.setdefault((d, s, k), []).append((i, j))
    f = floor.floor(count, brk)
    days = sorted({d for d, _s, _k in people})
    ends = None if seconds is None else time.perf_counter() + seconds
    for _ in range(rounds):
        changed = False
        for d in days:
            left = None if ends is None else ends - time.perf_counter()
            if left is not None and left <= 0:
                break
            before = floor.cost(f)
            trial_f, trial_brk = f.copy(), brk.copy()
            if (_day_model(floor, trial_f, trial_brk, d, left)
                    and floor.cost(trial_f) < before - 1e-9):
                f, brk, changed = trial_f, trial_brk, True
            floor.polish(f, brk, d)
            changed = changed or floor.cost(f) < before - 1e-9
        if not changed:
            break
    out = list(items)
    for (d, s, k), mine in people.items():
        left = [int(x) for x in brk[d, s, k]]
        moved: list[int] = []
        for i, j in mine:  # keep your own break where the counts still hold it
            if left[j] > 0:
                left[j] -= 1
            else:
                moved.append(i)
        free = [j for j, c in enumerate(left) for _ in range(c)]
        for i, j in zip(moved, free, strict=True):
            out[i] = replace(out[i], break_at=break_text(floor.starts[s][j]))
    return Roster.of(out, roster.leave)


def _start_index(starts: list[int], shift, text: str | None) -> int | None:
    """The index of a ``break_at`` among the shift's allowed starts, None when it is none of
    them."""
    if not starts or not text:
        return None
    try:
        minute = break_minute(shift, text)
    except ValueError:
        return None
    return starts.index(minute) if minute in starts else None


def _day_model(floor: Floor, f: np.ndarray, brk: np.ndarray, d: int,
               seconds: float | None = None) -> bool:
    """Place day ``d``'s breaks jointly at least cost (``f`` and ``brk`` updated in place).

    False when the model found no placement (the inputs are then unchanged)."""
    cells = [(s, k) for (k, s) in sorted(floor.away) if floor.away[(k, s)] and brk[d, s, k].any()]
    if not cells:
        return False
    rest = f.copy()
    for s, k in cells:  # the day's breaks taken out
        for j, away in enumerate(floor.away[(k, s)]):
            if brk[d, s, k, j]:
                np.add.at(rest, away[d], int(brk[d, s, k, j]))
    rest[floor.dummy] = 0
    model = cp_model.CpModel()
    b: dict[tuple[int, int, int], cp_model.IntVar] = {}
    touch: dict[int, list[tuple[tuple[int, int, int], int]]] = {}
    for s, k in cells:
        n = int(brk[d, s, k].sum())
        row = []
        for j, away in enumerate(floor.away[(k, s)]):
            var = b[(s, k, j)] = model.NewIntVar(0, n, f"b{s}_{k}_{j}")
            model.AddHint(var, int(brk[d, s, k, j]))
            row.append(var)
            slots, times = np.unique(away[d][away[d] != floor.dummy], return_counts=True)
            for slot, m in zip(slots.tolist(), times.tolist(), strict=True):
                touch.setdefault(slot, []).append(((s, k, j), m))
        model.Add(sum(row) == n)
    costs = []
    for slot, terms in sorted(touch.items()):
        # the slot's floor and its convex cost as linear pieces: shortfall segments at the steps,
        # people over at over_weight, people below min_on_floor at its weight
        most = sum(int(brk[d, s, k].sum()) * m for (s, k, _j), m in terms)
        have = int(rest[slot]) - sum(m * b[key] for key, m in terms)
        need, low = int(floor.need[slot]), int(floor.low[slot])
        gap = need - (int(rest[slot]) - most)  # the most people this slot can be short
        if gap > 0:
            steps = [int(x) for x in floor.steps[slot]]
            parts = []
            for j in range(min(gap, len(steps))):
                width = 1 if j < len(steps) - 1 else gap - j
                u = model.NewIntVar(0, width, f"short{slot}_{j}")
                parts.append(u)
                costs.append(steps[j] * u)
            model.Add(have + sum(parts) >= need)
        if floor.over_w[slot] and int(rest[slot]) > need:
            o = model.NewIntVar(0, int(rest[slot]) - need, f"over{slot}")
            model.Add(have - o <= need)
            costs.append(int(floor.over_w[slot]) * o)
        if low and int(rest[slot]) - most < low:
            under = model.NewIntVar(0, low, f"low{slot}")
            model.Add(have + under >= low)
            costs.append(int(floor.low_w[slot]) * under)
    model.Minimize(sum(costs))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = RESTAGGER_SECONDS
    if seconds is not None:
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
    if solver.Solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    for s, k in cells:
        for j, away in enumerate(floor.away[(k, s)]):
            new = int(solver.Value(b[(s, k, j)]))
            np.subtract.at(rest, away[d], new)
            brk[d, s, k, j] = new
    rest[floor.dummy] = 0
    f[:] = rest
    return True


def interval_terms(scenario: Scenario, calendar: Calendar, roster: Roster) -> dict[Rule, int]:
    """The roster's interval terms as the validator counts them (``interval_shortfall``,
    ``interval_over`` and, where a line has a weighted one, ``min_on_floor``)."""
    needs = interval_needs(scenario, calendar)
    staffed = on_floor(scenario, calendar, roster)
    under, over = coverage_cost(needs, staffed)
    out = {Rule.INTERVAL_SHORTFALL: under, Rule.INTERVAL_OVER: over}
    if any(n.floor_min and n.floor_weight is not None for n in needs.values()):
        out[Rule.MIN_ON_FLOOR] = floor_min_cost(needs, staffed)[0]
    return out
