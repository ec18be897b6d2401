"""A lower bound on a roster's cost: column generation for "one month per person".

**Master** (a linear programme, solved with HiGHS and warm-started between rounds). A column is
one person's month with the seat role of each worked cell; ``λ[p, j]`` chooses it.

* one convexity row per person: ``Σ_j λ[p, j] = 1``;
* per seat ``(d, s, k)`` with a least number (``k = K`` is the line that counts everyone):
  ``Σ a·λ + short ≥ min``, ``0 ≤ short ≤ min`` at the seat's weight (a hard seat: ``HARD``);
* per seat with a most that more people could exceed and a non-zero weight:
  ``Σ a·λ − over ≤ max``, ``over ≥ 0`` at its weight (hard: ``HARD``);
* per person and fair share (nights, weekends, holidays) with a weight: ``count + dev_lo ≥ lo``
  (when ``lo > 0``) and ``count − dev_hi ≤ hi``, each ``dev`` at the weight (a month's count is
  its coefficient);
* a column's cost is its person's request costs (the terms that are linear per cell).

**Pricing.** ``Person.best`` with each cell priced at its request cost − the duals of the
least-rows it fills + the (sign-flipped) duals of the most-rows it fills (seats, and the person's
bands for each duty the cell counts towards), taking the cheapest seat role per cell. With duals ``y ≥ 0`` (least rows, at most the seat's weight) and ``z ≥ 0``
(most rows, at most the weight), any such ``(y, z)`` gives the Lagrangian bound

    L(y, z) = Σ y·min − Σ z·max + Σ_p min over p's months of (cost − Σ y·a + Σ z·a)

on the cost of every roster, and ``L`` at the master's optimal duals is the master's value plus
each person's least reduced cost (the bound reported at every round).

**Why it is a valid bound.** The routine keeps some of a person's rules as states and relaxes
the rest (``Person.breaks``: shifts of a type, weekends, a least number of hours without a
most, rest clashes two or more days apart); soft rules it would keep as states are left out
here (``Person(relax_soft=True)``); a most of weekends is enumerated, one shift-type cap may
take the place of the horizon's hours as a state, and the other rules are priced with
multipliers (``price``). So its cheapest month is at most the cheapest month that
keeps every rule, and the set of months it prices contains every month a roster may give a
person. Soft rules' penalties and hours fairness are costs ≥ 0 the bound leaves out. The bound therefore never exceeds the cost of any roster of the scenario. Costs are whole
numbers, so it is rounded up.

**Stabilisation.** Duals are smoothed towards the duals of the best bound so far (Wentges):
pricing runs at ``α·centre + (1 − α)·master duals``; when that finds no month that improves the
master, the round prices again at the master's own duals.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario, limit_value
from roster.solver.highs import new_lp

from . import HARD
from .construct import Search
from .person import INF, Broken, Person, Shape

SMOOTHING = 0.5
"""Wentges' α: the share of the best bound's duals in the prices."""
EPS = 1e-6
COLUMNS = 3
"""Most months a person adds to the master in one round."""
ENUMERATE = 64
"""A person's most of weekends is priced exactly (one run per set of weekends) up to this many sets."""
TRIES = 6
"""Pricing tries per person and round while a month breaks a rule counted over the horizon."""
STALL = 10
"""Rounds in a row without a new month before the loop stops."""
STEP = 0.25
MIN_STEP = 0.01
"""Subgradient step for those rules' multipliers, in a quarter of the largest cell price per unit."""
WEEKENDS = Broken(Rule.WEEKENDS)
"""A month that breaks a most of weekends (``Person.breaks``)."""


@dataclass
class Side:
    """A hard rule over the horizon that the routine does not keep as a state: ``count ≤ limit``.

    The count is a shift's cells (``shift``), a weighted sum of cells (``weights[d, s]``: minutes,
    negative for a least), or the weekends worked among ``weekends`` (first days and second
    days): a weekend's first day costs the multiplier, its second day costs it only after a day
    off (``Person.best``'s start cost), so a weekend is charged once however many days are worked."""

    rule: Rule
    """The rule (its label): ``MAX_SHIFTS``, ``HOURS_MAX``, ``HOURS_MIN``, ``WEEKENDS`` or
    ``WEEKENDS_MONTH``."""
    limit: float
    unit: float = 1.0
    """Size of one step of the count (a shift's minutes for hours)."""
    shift: int | None = None
    weights: np.ndarray | None = None
    firsts: np.ndarray | None = None
    seconds: np.ndarray | None = None
    """Second days of the weekends that have two days in the horizon."""

    def charge(self, cell: np.ndarray, start: np.ndarray, mu: float) -> None:
        if self.shift is not None:
            cell[:, self.shift] += mu
        elif self.weights is not None:
            cell += mu * self.weights
        else:
            cell[self.firsts] += mu
            start[self.seconds] += mu

    def used(self, plan: np.ndarray) -> float:
        if self.shift is not None:
            return float((plan == self.shift).sum())
        days = np.flatnonzero(plan >= 0)
        if self.weights is not None:
            return float(self.weights[days, plan[days]].sum())
        worked = plan >= 0
        firsts = worked[self.firsts]
        pairs = np.isin(self.firsts + 1, self.seconds)
        return float((firsts | (pairs & worked[np.minimum(self.firsts + 1, len(plan) - 1)])).sum())


@dataclass
class Bound:
    """What column generation proved."""

    value: float
    """The lower bound (rounded up when costs are whole numbers); ``-inf`` when none was proved."""
    lp: float
    """The master's last value (an upper bound on the relaxation's optimum)."""
    rounds: int = 0
    columns: int = 0
    seconds: float = 0.0
    optimal: bool = False
    """The bound met the master's value: the relaxation is solved."""
    history: list[tuple[float, float, float]] = field(default_factory=list)
    """(seconds, master value, bound) per round."""


class _Pricing(Person):
    """The routine with soft rules left out and, for a person whose hours in the horizon are not a
    state, the count of one capped shift kept as that state instead (exact for that cap)."""

    def __init__(self, scenario: Scenario, calendar: Calendar) -> None:
        super().__init__(scenario, calendar, relax_soft=True)
        self.counted: dict[int, tuple[int, int]] = {}
        """Person → (shift, most) counted as the horizon state."""
        self._counting: dict[tuple[int, int, int], Shape] = {}

    def shape(self, p: int) -> Shape:
        shape = super().shape(p)
        if p not in self.counted or shape.total_most is not None:
            return shape
        s, cap = self.counted[p]
        key = (id(shape), s, cap)
        if key not in self._counting:
            self._counting[key] = dataclasses.replace(
                shape, total_unit=1, total_most=cap, total_least=0,
                total_steps=tuple(int(t == s) for t in range(self.s)))
        return self._counting[key]


class ColumnGeneration:
    """The master and pricing for one scenario (built from the per-person search's arrays)."""

    def __init__(self, scenario: Scenario, calendar: Calendar | None = None, search: Search | None = None,
                 hard_only: bool = False, team: np.ndarray | None = None, cap: int | None = None) -> None:
        """``hard_only``: the phase-one master: every month costs nothing and each empty hard seat
        (or person beyond a hard most) costs 1, so the bound is a least number of hard seats no
        roster fills. ``team`` (people) and ``cap``: at most ``cap`` of these people work at all
        (the others are left out of the roster: each has a month of days off at no cost)."""
        self.calendar = calendar or Calendar(scenario)
        self.search = search or Search(scenario, self.calendar)
        self.person = _Pricing(scenario, self.calendar)
        s = self.search
        self.P, self.n, self.S, self.K = s.P, s.n, s.S, s.K
        self.req = np.zeros_like(s.req) if hard_only else s.req
        self.req_off = np.zeros_like(s.req_off) if hard_only else s.req_off
        """Each cell's and day off's cost in a month (none in the phase-one master)."""
        self.team = np.zeros(self.P, dtype=bool) if team is None or cap is None else np.asarray(team, dtype=bool)
        # rows: persons; least rows (seats, then fair-share bands' lower ends); most rows (seats,
        # then the bands' upper ends, then the team's headcount)
        cover = s.has & (s.lo > 0) & ((s.lo_w >= HARD) if hard_only else True)
        takers = np.concatenate([s.can.sum(axis=0), s.can.any(axis=3).sum(axis=0)[:, :, None]], axis=2)
        most = s.has & (s.hi_w >= (HARD if hard_only else 1e-12)) & (s.hi < takers)
        self.cover_cells = np.argwhere(cover)
        self.most_cells = np.argwhere(most)
        self.fair = [] if hard_only else [(adds.astype(float), lo, hi, w) for w, adds, lo, hi in s.fair if w > 0]
        """Fair shares of nights, weekends and holidays: (adds[d, s], band lo[p], hi[p], weight)."""
        fair_lo = [(i, p) for i, (_a, lo, _h, _w) in enumerate(self.fair) for p in range(self.P) if lo[p] > 0]
        fair_hi = [(i, p) for i, (_a, lo, _h, _w) in enumerate(self.fair) for p in range(self.P) if lo[p] >= 0]
        self.lo = np.concatenate([s.lo[cover].astype(float), [float(self.fair[i][1][p]) for i, p in fair_lo]])
        self.lo_w = np.concatenate([s.lo_w[cover], [self.fair[i][3] for i, p in fair_lo]])
        self.hi = np.concatenate([s.hi[most].astype(float), [float(self.fair[i][2][p]) for i, p in fair_hi]])
        self.hi_w = np.concatenate([s.hi_w[most], [self.fair[i][3] for i, p in fair_hi]])
        if hard_only:
            self.lo_w, self.hi_w = np.ones_like(self.lo_w), np.ones_like(self.hi_w)
        self.team_row = -1
        """Position of the team's headcount row among the most rows (-1: none); it has no slack."""
        if self.team.any():
            self.team_row = len(self.hi)
            self.hi, self.hi_w = np.append(self.hi, float(cap)), np.append(self.hi_w, INF)
        nc, nm = len(self.lo), len(self.hi)
        self.cover_row = np.full(cover.shape, -1, dtype=np.int64)
        self.most_row = np.full(most.shape, -1, dtype=np.int64)
        self.cover_row[tuple(self.cover_cells.T)] = np.arange(self.P, self.P + len(self.cover_cells))
        self.most_row[tuple(self.most_cells.T)] = np.arange(self.P + nc, self.P + nc + len(self.most_cells))
        self.fair_lo = np.full((len(self.fair), self.P), -1, dtype=np.int64)
        self.fair_hi = np.full((len(self.fair), self.P), -1, dtype=np.int64)
        """Position in the least / most duals of each (kind, person) band row (-1: none)."""
        for j, (i, p) in enumerate(fair_lo):
            self.fair_lo[i, p] = len(self.cover_cells) + j
        for j, (i, p) in enumerate(fair_hi):
            self.fair_hi[i, p] = len(self.most_cells) + j
        self.rows = self.P + nc + nm
        self.integral = bool(np.all(self.lo_w == np.round(self.lo_w)) and np.all(self.hi_w == np.round(self.hi_w))
                             and np.all(self.req == np.round(self.req))
                             and np.all(self.req_off == np.round(self.req_off)))
        self.weekend_sets: list[list[np.ndarray]] = [[] for _ in range(self.P)]
        """Per person with a small most of weekends: the days barred in each run of pricing."""
        self.sides = [self._sides(p) for p in range(self.P)]
        self.mu = [np.zeros(len(x)) for x in self.sides]
        """Multipliers of each person's sides, kept from round to round."""
        self.rho = [np.full(len(x), STEP) for x in self.sides]
        self.last = [np.zeros(len(x)) for x in self.sides]
        """Step sizes (halved when a side's excess changes sign) and the last excesses."""
        self.lp = self._master()
        self.seen: list[set[bytes]] = [set() for _ in range(self.P)]
        self.pool: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(self.P)]
        """Each person's months in the master (shift and seat role per day, ``-1`` off)."""
        self.columns = 0

    def _sides(self, p: int) -> list[Side]:
        """Person p's hard rules over the horizon that the routine leaves to the caller."""
        sc, cal, person = self.search.scenario, self.calendar, self.person
        rules, shape = person.rules(p), person.shape(p)
        minutes = person.minutes.astype(float)
        unit = float(np.median(minutes[minutes > 0])) if (minutes > 0).any() else 1.0
        out = []
        ids = [x.id for x in sc.shifts]
        caps = {ids.index(sid): int(cap) for sid, cap in (rules.max_shifts or {}).items()
                if sid in ids and cap < self.n and person.ok[p, :, ids.index(sid)].sum() > cap}
        if caps and shape.total_most is None:  # the tightest cap as a state, in place of the hours
            s = min(caps, key=lambda x: caps[x])
            person.counted[p] = (s, caps.pop(s))
        for s, cap in caps.items():
            out.append(Side(Rule.MAX_SHIFTS, float(cap), shift=s))
        most, least = limit_value(rules.max_hours_total), limit_value(rules.min_hours_total)
        if most is not None and shape.total_most is None:
            out.append(Side(Rule.HOURS_MAX, round(most * 60), unit, weights=np.broadcast_to(minutes, (self.n, self.S))))
        if least and not shape.total_least:
            out.append(Side(Rule.HOURS_MIN, -round(least * 60), unit,
                            weights=np.broadcast_to(-minutes, (self.n, self.S))))
        total, monthly = limit_value(rules.max_weekends), limit_value(rules.max_weekends_per_month)
        groups = []
        if total is not None and math.comb(len(cal.weekends), min(int(total), len(cal.weekends))) <= ENUMERATE:
            kept = min(int(total), len(cal.weekends))  # exact: one run per set of weekends that may be worked
            for chosen in itertools.combinations(range(len(cal.weekends)), kept):
                barred = [d for k, days in enumerate(cal.weekends) if k not in chosen for d in days]
                self.weekend_sets[p].append(np.array(barred, dtype=np.int64))
        elif total is not None:
            groups.append((Rule.WEEKENDS, list(range(len(cal.weekends))), float(total)))
        if monthly is not None:
            hist = person._history.get(sc.staff[p].id, {}).get("weekends", {})
            for month, ks in cal.weekend_months.items():
                groups.append((Rule.WEEKENDS_MONTH, ks, float(monthly) - hist.get(month, 0)))
        for rule, ks, cap in groups:
            firsts = np.array([cal.weekends[k][0] for k in ks], dtype=np.int64)
            seconds = np.array([cal.weekends[k][1] for k in ks if len(cal.weekends[k]) > 1], dtype=np.int64)
            out.append(Side(rule, cap, firsts=firsts, seconds=seconds))
        return out

    # ---- the master -----------------------------------------------------------
    def _master(self) -> highspy.Highs:
        h = new_lp()
        inf = highspy.kHighsInf
        lower = np.concatenate([np.ones(self.P), self.lo, np.full(len(self.hi), -inf)])
        upper = np.concatenate([np.ones(self.P), np.full(len(self.lo), inf), self.hi])
        h.addRows(self.rows, lower, upper, 0, np.zeros(self.rows, dtype=np.int32), np.zeros(0, dtype=np.int32),
                  np.zeros(0))
        nc, nm = len(self.lo), len(self.hi)
        if nc:  # shortfall at each seat with a least
            idx = np.arange(self.P, self.P + nc, dtype=np.int32)
            h.addCols(nc, self.lo_w, np.zeros(nc), self.lo, nc, np.arange(nc, dtype=np.int32), idx, np.ones(nc))
        nm -= self.team_row >= 0  # the headcount row is kept exactly
        if nm:  # people beyond each seat's most
            idx = np.arange(self.P + nc, self.P + nc + nm, dtype=np.int32)
            h.addCols(nm, self.hi_w[:nm], np.zeros(nm), np.full(nm, inf), nm, np.arange(nm, dtype=np.int32), idx,
                      -np.ones(nm))
        return h

    def add(self, p: int, plan: np.ndarray, role: np.ndarray) -> bool:
        """Add person p's month (shift per day, ``-1`` off; seat role per worked day); False when known."""
        key = plan.tobytes() + np.where(plan >= 0, role, -1).tobytes()
        if key in self.seen[p]:
            return False
        self.seen[p].add(key)
        self.pool[p].append((plan.copy(), np.where(plan >= 0, role, -1)))
        days = np.flatnonzero(plan >= 0)
        shifts, roles = plan[days], role[days]
        rows = np.concatenate([[p], self.cover_row[days, shifts, roles], self.cover_row[days, shifts, self.K],
                               self.most_row[days, shifts, roles], self.most_row[days, shifts, self.K]])
        rows = rows[rows >= 0]
        values = np.ones(len(rows))
        nc = len(self.lo)
        for i, (adds, _lo, _hi, _w) in enumerate(self.fair):
            count = float(adds[days, shifts].sum())
            a, b = self.fair_lo[i, p], self.fair_hi[i, p]
            if count and a >= 0:
                rows, values = np.append(rows, self.P + a), np.append(values, count)
            if count and b >= 0:
                rows, values = np.append(rows, self.P + nc + b), np.append(values, count)
        if self.team[p] and len(days):
            rows, values = np.append(rows, self.P + nc + self.team_row), np.append(values, 1.0)
        order = np.argsort(rows)
        rows, values = rows[order].astype(np.int32), values[order]
        off = np.ones(self.n, dtype=bool)
        off[days] = False
        cost = float(self.req[p, days, shifts].sum() + self.req_off[p, off].sum())
        self.lp.addCol(cost, 0.0, highspy.kHighsInf, len(rows), rows, values)
        self.columns += 1
        return True

    def _solve_master(self) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
        """The master's value, convexity duals, least-row duals (≥ 0) and most-row duals (≥ 0)."""
        self.lp.run()
        value = float(self.lp.getInfo().objective_function_value)
        dual = np.asarray(self.lp.getSolution().row_dual)
        nc = len(self.lo)
        sigma = dual[:self.P]
        y = np.clip(dual[self.P:self.P + nc], 0.0, self.lo_w)
        z = np.clip(-dual[self.P + nc:], 0.0, self.hi_w)
        return value, sigma, y, z

    # ---- pricing --------------------------------------------------------------
    def _seat_prices(self, y: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Price of filling each seat (d, s, k): − least dual + most dual."""
        price = np.zeros((self.n, self.S, self.K + 1))
        price[tuple(self.cover_cells.T)] -= y[:len(self.cover_cells)]
        price[tuple(self.most_cells.T)] += z[:len(self.most_cells)]
        return price

    def _fair_prices(self, p: int, y: np.ndarray, z: np.ndarray) -> np.ndarray | None:
        """Price of each of person p's cells from their fair-share band rows (None: no bands)."""
        out = None
        for i, (adds, _lo, _hi, _w) in enumerate(self.fair):
            a, b = self.fair_lo[i, p], self.fair_hi[i, p]
            price = (-y[a] if a >= 0 else 0.0) + (z[b] if b >= 0 else 0.0)
            if price:
                out = price * adds if out is None else out + price * adds
        return out

    def price(self, p: int, seat: np.ndarray, fair: np.ndarray | None = None
              ) -> tuple[list[tuple[np.ndarray, np.ndarray]], float]:
        """Person p at these seat prices: months that keep every rule (plan, seat roles), cheapest
        first as far as found, and a lower bound on the least cost over all such months (``inf``
        when the person has none).

        The rules the routine does not keep as states (``Side``) are priced with multipliers
        ``μ ≥ 0``: each try's value less ``Σ μ·limit`` is such a lower bound; the multipliers move
        by a subgradient step while the month breaks one (up to ``TRIES`` tries a round). When no
        try keeps every rule, the search's repricing (``Search.best_month``) looks for a month."""
        s = self.search
        per_role = np.where(s.can[p], seat[:, :, :self.K] + seat[:, :, self.K:], INF)
        role = per_role.argmin(axis=2)
        cell = np.take_along_axis(per_role, role[:, :, None], axis=2)[:, :, 0] + self.req[p]
        if fair is not None:
            cell = cell + fair
        off = self.req_off[p]
        sides, mu, rho = self.sides[p], self.mu[p], self.rho[p]
        limits = np.array([side.limit for side in sides])
        units = np.array([side.unit for side in sides])
        finite = np.abs(cell[np.isfinite(cell)])
        scale = max(1.0, float(finite.max(initial=1.0)) / 4)
        best = -INF
        found: list[tuple[float, np.ndarray]] = []
        for _ in range(TRIES if sides else 1):
            priced, start = cell.copy(), np.zeros(self.n)
            for side, m in zip(sides, mu, strict=True):
                if m > 0:
                    side.charge(priced, start, m)
            plans, value = self._best(p, priced, off, start)
            if not math.isfinite(value):
                return [], INF
            best = max(best, value - float(mu @ limits))
            for plan in plans:
                if not self.person.breaks(p, plan):
                    worked = plan >= 0
                    found.append((float(cell[np.flatnonzero(worked), plan[worked]].sum() + off[~worked].sum()), plan))
            if not sides:
                break
            usage = np.array([side.used(plans[0]) - side.limit for side in sides])
            flips = np.sign(usage) * np.sign(self.last[p]) < 0
            rho[flips] = np.maximum(rho[flips] / 2, MIN_STEP)
            self.last[p] = usage
            mu[:] = np.maximum(0.0, mu + rho * scale * usage / units)
            if (usage <= 1e-9).all() and found:
                break
        if not found:
            plan = s.best_month(p, cell, off.copy())
            if plan is not None:
                found.append((0.0, plan))
        found.sort(key=lambda x: x[0])
        days = np.arange(self.n)
        return [(plan, np.where(plan >= 0, role[days, np.maximum(plan, 0)], -1)) for _c, plan in found], best

    def _best(self, p: int, cell: np.ndarray, off: np.ndarray, start: np.ndarray) -> tuple[list[np.ndarray], float]:
        """The routine's cheapest month (first) and its value; when the person's most of weekends
        is enumerated and that month breaks it, the cheapest month of each set of weekends that may
        be worked (the others' days barred), cheapest first."""
        plan, value = self.person.best(p, cell, off.copy(), start)
        if not self.weekend_sets[p] or not math.isfinite(value) or WEEKENDS not in self.person.breaks(p, plan):
            return [plan], value  # the cheapest month without the weekend rule keeps it
        runs = []
        for barred in self.weekend_sets[p]:
            priced = cell.copy()
            priced[barred] = INF
            plan, value = self.person.best(p, priced, off.copy(), start)
            if math.isfinite(value):
                runs.append((value, plan))
        runs.sort(key=lambda x: x[0])
        return [r[1] for r in runs], (runs[0][0] if runs else INF)

    def _team_dual(self, z: np.ndarray) -> float:
        return float(z[self.team_row]) if self.team_row >= 0 else 0.0

    def _lagrangian(self, y: np.ndarray, z: np.ndarray, values: list[float]) -> float:
        return float(y @ self.lo - z @ self.hi + sum(values))

    def _reduced(self, p: int, plan: np.ndarray, roles: np.ndarray, seat: np.ndarray, fair: np.ndarray | None,
                 sigma: float, team: float = 0.0) -> float:
        days = np.flatnonzero(plan >= 0)
        sh, k = plan[days], roles[days]
        off = np.ones(self.n, dtype=bool)
        off[days] = False
        cost = (self.req[p, days, sh].sum() + self.req_off[p, off].sum() + seat[days, sh, k].sum()
                + seat[days, sh, self.K].sum())
        if fair is not None:
            cost += fair[days, sh].sum()
        if len(days) and self.team[p]:
            cost += team
        return float(cost - sigma)

    def _team_value(self, p: int, value: float, team: float) -> float:
        """A team member's least reduced cost (before the convexity dual): the cheapest month that
        works, plus the headcount row's dual, or the month left out of the roster (cost 0)."""
        return min(0.0, value + team) if self.team[p] else value

    # ---- the loop -------------------------------------------------------------
    def run(self, seconds: float, start: Roster | None = None, upper: float | None = None,
            max_rounds: int = 10_000, on_round: Callable[[float, float], None] | None = None) -> Bound:
        """Rounds of master and pricing until the bound meets the master's value, the bound
        reaches ``upper`` (a known roster's cost), ``STALL`` rounds add no month, ``max_rounds``
        pass or ``seconds`` run out. ``on_round`` hears (seconds so far, bound) after each round."""
        t0 = time.perf_counter()
        zero = np.zeros(len(self.lo)), np.zeros(len(self.hi))
        if start is not None:
            for p, (plan, role) in self.months(start).items():
                self.add(p, plan, role)
        seat = self._seat_prices(*zero)
        values = []
        nothing = np.full(self.n, -1, dtype=np.int64)
        for p in range(self.P):  # each person's cheapest month alone: the master is never empty
            if time.perf_counter() - t0 > seconds:  # out of time before a first bound
                return Bound(-INF, INF, seconds=time.perf_counter() - t0)
            if self.team[p]:
                self.add(p, nothing, nothing)
            months, value = self.price(p, seat)
            if not self.team[p] and (not math.isfinite(value) or not months):  # no month: no bound from here
                return Bound(-INF, INF, seconds=time.perf_counter() - t0)
            if months:
                self.add(p, *months[0])
            values.append(self._team_value(p, value, 0.0))
        best = self._lagrangian(*zero, values)
        centre = zero
        out = Bound(self.round_up(best), INF)
        if on_round is not None:
            on_round(time.perf_counter() - t0, out.value)
        idle = 0
        while out.rounds < max_rounds and time.perf_counter() - t0 < seconds:
            out.rounds += 1
            lp, sigma, y, z = self._solve_master()
            out.lp = lp
            true_seat = self._seat_prices(y, z)
            added = 0
            for mix in (SMOOTHING, 0.0):
                ys, zs = mix * centre[0] + (1 - mix) * y, mix * centre[1] + (1 - mix) * z
                seat = self._seat_prices(ys, zs)
                values = []
                for p in range(self.P):
                    if time.perf_counter() - t0 > seconds:
                        break
                    months, value = self.price(p, seat, self._fair_prices(p, ys, zs))
                    values.append(self._team_value(p, value, self._team_dual(zs)))
                    true_fair = self._fair_prices(p, y, z)
                    for plan, roles in months[:COLUMNS]:
                        if self._reduced(p, plan, roles, true_seat, true_fair, sigma[p], self._team_dual(z)) < -EPS:
                            added += self.add(p, plan, roles)
                if len(values) == self.P:
                    bound = self._lagrangian(ys, zs, values)
                    if bound > best:
                        best, centre = bound, (ys, zs)
                if added or len(values) < self.P:
                    break
            out.value = max(out.value, self.round_up(best))
            out.history.append((time.perf_counter() - t0, lp, best))
            if on_round is not None:
                on_round(out.history[-1][0], out.value)
            idle = 0 if added else idle + 1
            out.optimal = out.value >= lp - EPS
            if out.optimal or idle >= STALL or (upper is not None and out.value >= upper - EPS):
                break
        out.columns, out.seconds = self.columns, time.perf_counter() - t0
        return out

    def round_up(self, value: float) -> float:
        """A bound rounded up to a whole number when every cost is one."""
        if not math.isfinite(value):
            return value
        return float(math.ceil(value - 1e-6)) if self.integral else value

    def months(self, roster: Roster) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Each person's month in a roster (shift and seat role per day)."""
        sc, cal = self.search.scenario, self.calendar
        index = {p.id: i for i, p in enumerate(sc.staff)}
        shift = {s.id: i for i, s in enumerate(sc.shifts)}
        role = {r: k for k, r in enumerate(self.search.roles)}
        out = {p: (np.full(self.n, -1, dtype=np.int64), np.full(self.n, -1, dtype=np.int64)) for p in range(self.P)}
        for a in roster:
            if a.staff not in index or a.date not in cal.index or a.post is not None:
                return {}
            p, d = index[a.staff], cal.index[a.date]
            out[p][0][d] = shift[a.shift]
            out[p][1][d] = role.get(a.role, 0) if a.role is not None else 0
        return out


def lower_bound(scenario: Scenario, seconds: float = 30.0, calendar: Calendar | None = None,
                start: Roster | None = None, upper: float | None = None, search: Search | None = None) -> Bound:
    """The column-generation bound on the cost of any roster of ``scenario`` (fair shares and soft
    per-person rules left out: they only add cost)."""
    return ColumnGeneration(scenario, calendar, search).run(seconds, start=start, upper=upper)


__all__ = ["HARD", "Bound", "ColumnGeneration", "lower_bound"]
