"""The linear master of column generation (``colgen.py``) and the pool of months that are its
columns.

Rows (a linear programme, solved with HiGHS and warm-started as columns are added):

* one convexity row per person: ``Σ_j λ[p, j] = 1``;
* per seat ``(d, s, k)`` with a least number (``k = K`` is the line that counts everyone):
  ``Σ a·λ + short ≥ min``, ``0 ≤ short ≤ min`` at the seat's weight (a hard seat: ``HARD``);
* per seat with a most that more people could exceed and a non-zero weight:
  ``Σ a·λ − over ≤ max``, ``over ≥ 0`` at its weight (a hard most: ``HARD``, the search's price
  of a hard seat; the validator and the CP-SAT model hold it as a hard rule);
* per person and fair share (nights, weekends, holidays) with a weight: ``count + dev_lo ≥ lo``
  (when ``lo > 0``) and ``count − dev_hi ≤ hi``, each ``dev`` at the weight (a month's count is
  its coefficient);
* per person and hard rule over the horizon that pricing leaves to multipliers (``Side``: a
  most of one shift, hours in the horizon, weekends): ``Σ used·λ ≤ limit`` (no slack); the row's
  dual is where pricing starts its multipliers, so the master, not a
  subgradient step alone, sets them (months that break the rule enter as columns and are mixed);
* with a team and a cap, the team's headcount: at most ``cap`` of them work at all (no slack).

A column is one person's month with the seat role of each worked cell; its cost is the person's
request costs (the terms that are linear per cell).
"""

from __future__ import annotations

import highspy
import numpy as np

from roster.model.roster import Roster
from roster.solver.highs import new_lp

from . import HARD
from .construct import Search
from .person import INF
from .pricing import Side


class Master:
    """The master's rows, its LP and each person's months in it."""

    def __init__(self, search: Search, hard_only: bool = False, team: np.ndarray | None = None,
                 cap: int | None = None, sides: list[list[Side]] | None = None) -> None:
        """``hard_only``: every month costs nothing and each empty hard seat (or person beyond a
        hard most) costs 1. ``team`` (people) and ``cap``: at most ``cap`` of these people work.
        ``sides``: each person's rules over the horizon that pricing prices with multipliers."""
        s = self.search = search
        self.P, self.n, self.S, self.K = s.P, s.n, s.S, s.K
        self.req = np.zeros_like(s.req) if hard_only else s.req
        self.req_off = np.zeros_like(s.req_off) if hard_only else s.req_off
        """Each cell's and day off's cost in a month (none in the phase-one master)."""
        self.team = (np.zeros(self.P, dtype=bool) if team is None or cap is None
                     else np.asarray(team, dtype=bool))
        # rows: persons; least rows (seats, then fair-share bands' lower ends); most rows (seats,
        # then the bands' upper ends, then the team's headcount)
        cover = s.has & (s.lo > 0) & ((s.lo_w >= HARD) if hard_only else True)
        takers = np.concatenate([s.can.sum(axis=0), s.can.any(axis=3).sum(axis=0)[:, :, None]],
                                axis=2)
        most = s.has & (s.hi_w >= (HARD if hard_only else 1e-12)) & (s.hi < takers)
        self.cover_cells = np.argwhere(cover)
        self.most_cells = np.argwhere(most)
        self.fair = [] if hard_only else [(adds.astype(float), lo, hi, w)
                                          for w, adds, lo, hi in s.fair if w > 0]
        """Fair shares of nights, weekends and holidays: (adds[d, s], band lo[p], hi[p], weight)."""
        fair_lo = [(i, p) for i, (_a, lo, _h, _w) in enumerate(self.fair)
                   for p in range(self.P) if lo[p] > 0]
        fair_hi = [(i, p) for i, (_a, lo, _h, _w) in enumerate(self.fair)
                   for p in range(self.P) if lo[p] >= 0]
        self.lo = np.concatenate([s.lo[cover].astype(float),
                                  [float(self.fair[i][1][p]) for i, p in fair_lo]])
        self.lo_w = np.concatenate([s.lo_w[cover], [self.fair[i][3] for i, p in fair_lo]])
        self.hi = np.concatenate([s.hi[most].astype(float),
                                  [float(self.fair[i][2][p]) for i, p in fair_hi]])
        self.hi_w = np.concatenate([s.hi_w[most], [self.fair[i][3] for i, p in fair_hi]])
        if hard_only:
            self.lo_w, self.hi_w = np.ones_like(self.lo_w), np.ones_like(self.hi_w)
        self.slacks = len(self.hi)
        """The most rows with a column for going beyond them (the seats' and bands')."""
        self.sides = sides or [[] for _ in range(self.P)]
        self.side_row: list[np.ndarray] = []
        """Position in the most duals of each of a person's side rows (no slack: every person
        has a month that keeps every rule before the first round, ``ColumnGeneration.run``)."""
        for p in range(self.P):
            self.side_row.append(np.arange(len(self.hi), len(self.hi) + len(self.sides[p])))
            self.hi = np.append(self.hi, [side.limit for side in self.sides[p]])
            self.hi_w = np.append(self.hi_w, np.full(len(self.sides[p]), INF))
        self.team_row = -1
        """Position of the team's headcount row among the most rows (-1: none); it has no slack."""
        if self.team.any():
            self.team_row = len(self.hi)
            self.hi, self.hi_w = np.append(self.hi, float(cap)), np.append(self.hi_w, INF)
        nc, nm = len(self.lo), len(self.hi)
        self.is_side = np.zeros(nm, dtype=bool)
        """Which most rows are side rows."""
        for rows in self.side_row:
            self.is_side[rows] = True
        self.cover_row = np.full(cover.shape, -1, dtype=np.int64)
        self.most_row = np.full(most.shape, -1, dtype=np.int64)
        covers, mosts = len(self.cover_cells), len(self.most_cells)
        self.cover_row[tuple(self.cover_cells.T)] = np.arange(self.P, self.P + covers)
        self.most_row[tuple(self.most_cells.T)] = np.arange(self.P + nc, self.P + nc + mosts)
        self.fair_lo = np.full((len(self.fair), self.P), -1, dtype=np.int64)
        self.fair_hi = np.full((len(self.fair), self.P), -1, dtype=np.int64)
        """Position in the least / most duals of each (kind, person) band row (-1: none)."""
        for j, (i, p) in enumerate(fair_lo):
            self.fair_lo[i, p] = len(self.cover_cells) + j
        for j, (i, p) in enumerate(fair_hi):
            self.fair_hi[i, p] = len(self.most_cells) + j
        self.rows = self.P + nc + nm
        self.integral = bool(np.all(self.lo_w == np.round(self.lo_w))
                             and np.all(self.hi_w == np.round(self.hi_w))
                             and np.all(self.req == np.round(self.req))
                             and np.all(self.req_off == np.round(self.req_off)))
        """Every cost is a whole number (a bound may be rounded up)."""
        self.lp = self._lp()
        self.seen: list[set[bytes]] = [set() for _ in range(self.P)]
        self.pool: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(self.P)]
        """Each person's months in the master (shift and seat role per day, ``-1`` off)."""
        self.index: list[list[int]] = [[] for _ in range(self.P)]
        """The LP column of each month in ``pool``."""
        self.kept: list[list[bool]] = [[] for _ in range(self.P)]
        """Whether each month in ``pool`` keeps every one of the person's rules (a month that
        breaks a side is in the master for the relaxation only)."""
        self.columns = 0

    def _lp(self) -> highspy.Highs:
        h = new_lp()
        # primal simplex: adding columns keeps the basis primal feasible, so each round starts
        # where the last ended (20 s on Curtois 13: 18 rounds against dual simplex's 13; 15's
        # relaxation solved in 13 s against 19 s)
        h.setOptionValue("simplex_strategy", 4)
        inf = highspy.kHighsInf
        lower = np.concatenate([np.ones(self.P), self.lo, np.full(len(self.hi), -inf)])
        upper = np.concatenate([np.ones(self.P), np.full(len(self.lo), inf), self.hi])
        h.addRows(self.rows, lower, upper, 0, np.zeros(self.rows, dtype=np.int32),
                  np.zeros(0, dtype=np.int32), np.zeros(0))
        nc, nm = len(self.lo), len(self.hi)
        if nc:  # shortfall at each seat with a least
            idx = np.arange(self.P, self.P + nc, dtype=np.int32)
            h.addCols(nc, self.lo_w, np.zeros(nc), self.lo, nc, np.arange(nc, dtype=np.int32),
                      idx, np.ones(nc))
        nm = self.slacks  # the side rows and the headcount row are kept exactly
        if nm:  # people beyond each seat's most
            idx = np.arange(self.P + nc, self.P + nc + nm, dtype=np.int32)
            h.addCols(nm, self.hi_w[:nm], np.zeros(nm), np.full(nm, inf), nm,
                      np.arange(nm, dtype=np.int32), idx, -np.ones(nm))
        return h

    def add(self, p: int, plan: np.ndarray, role: np.ndarray) -> bool:
        """Add person p's month (shift per day, ``-1`` off; seat role per worked day); False when
        known."""
        key = plan.tobytes() + np.where(plan >= 0, role, -1).tobytes()
        if key in self.seen[p]:
            return False
        self.seen[p].add(key)
        self.pool[p].append((plan.copy(), np.where(plan >= 0, role, -1)))
        days = np.flatnonzero(plan >= 0)
        shifts, roles = plan[days], role[days]
        rows = np.concatenate([[p], self.cover_row[days, shifts, roles],
                               self.cover_row[days, shifts, self.K],
                               self.most_row[days, shifts, roles],
                               self.most_row[days, shifts, self.K]])
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
        out_of_roster = self.team[p] and not len(days)  # a team member left out keeps every side
        for side, row in zip(self.sides[p], self.side_row[p], strict=True):
            used = min(side.limit, 0.0) if out_of_roster else side.used(plan)
            if used:
                rows, values = np.append(rows, self.P + nc + row), np.append(values, used)
        if self.team[p] and len(days):
            rows, values = np.append(rows, self.P + nc + self.team_row), np.append(values, 1.0)
        order = np.argsort(rows)
        rows, values = rows[order].astype(np.int32), values[order]
        off = np.ones(self.n, dtype=bool)
        off[days] = False
        cost = float(self.req[p, days, shifts].sum() + self.req_off[p, off].sum())
        self.index[p].append(self.lp.getNumCol())
        self.kept[p].append(bool(self.search.keeps(p, plan, np.where(plan >= 0, role, 0))))
        self.lp.addCol(cost, 0.0, highspy.kHighsInf, len(rows), rows, values)
        self.columns += 1
        return True

    def bar(self, p: int, months: list[int]) -> None:
        """These months of person p's pool leave the master (their λ is held at 0)."""
        self._bound(p, months, 0.0)

    def fix(self, p: int, j: int) -> None:
        """Person p works the j-th month of their pool: the others leave the master."""
        self._bound(p, list(range(len(self.index[p]))), 0.0)
        self._bound(p, [j], 1.0)

    def _bound(self, p: int, months: list[int], value: float) -> None:
        if not months:
            return
        cols = np.asarray([self.index[p][j] for j in months], dtype=np.int32)
        held = np.full(len(cols), value)
        self.lp.changeColsBounds(len(cols), cols, held, held)

    def solve(self) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
        """The master's value, convexity duals, least-row duals (≥ 0) and most-row duals (≥ 0)."""
        self.lp.run()
        value = float(self.lp.getInfo().objective_function_value)
        dual = np.asarray(self.lp.getSolution().row_dual)
        nc = len(self.lo)
        sigma = dual[:self.P]
        y = np.clip(dual[self.P:self.P + nc], 0.0, self.lo_w)
        z = np.clip(-dual[self.P + nc:], 0.0, self.hi_w)
        return value, sigma, y, z

    # ---- prices of the rows -----------------------------------------------------
    def seat_prices(self, y: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Price of filling each seat (d, s, k): − least dual + most dual."""
        price = np.zeros((self.n, self.S, self.K + 1))
        price[tuple(self.cover_cells.T)] -= y[:len(self.cover_cells)]
        price[tuple(self.most_cells.T)] += z[:len(self.most_cells)]
        return price

    def fair_prices(self, p: int, y: np.ndarray, z: np.ndarray) -> np.ndarray | None:
        """Price of each of person p's cells from their fair-share band rows (None: no bands)."""
        out = None
        for i, (adds, _lo, _hi, _w) in enumerate(self.fair):
            a, b = self.fair_lo[i, p], self.fair_hi[i, p]
            price = (-y[a] if a >= 0 else 0.0) + (z[b] if b >= 0 else 0.0)
            if price:
                out = price * adds if out is None else out + price * adds
        return out

    def side_duals(self, p: int, z: np.ndarray) -> np.ndarray:
        """The duals of person p's side rows: where pricing starts the sides' multipliers."""
        return z[self.side_row[p]]

    def team_dual(self, z: np.ndarray) -> float:
        return float(z[self.team_row]) if self.team_row >= 0 else 0.0

    def lagrangian(self, y: np.ndarray, z: np.ndarray, values: list[float]) -> float:
        """``Σ y·min − Σ z·max`` plus each person's least reduced cost (``values``). The side rows
        are left out: pricing's value already takes ``μ·limit`` off for the multipliers it used
        (``Pricing.cheapest``)."""
        return float(y @ self.lo - z[~self.is_side] @ self.hi[~self.is_side] + sum(values))

    def reduced(self, p: int, plan: np.ndarray, roles: np.ndarray, seat: np.ndarray,
                fair: np.ndarray | None, sigma: float, team: float = 0.0,
                mu: np.ndarray | None = None) -> float:
        """A month's reduced cost at these seat and band prices, side duals ``mu`` and convexity
        dual."""
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
        if mu is not None:
            cost += sum(m * side.used(plan) for m, side in zip(mu, self.sides[p], strict=True) if m)
        return float(cost - sigma)

    def team_value(self, p: int, value: float, team: float) -> float:
        """A team member's least reduced cost (before the convexity dual): the cheapest month that
        works, plus the headcount row's dual, or the month left out of the roster (cost 0)."""
        return min(0.0, value + team) if self.team[p] else value

    def months(self, roster: Roster) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Each person's month in a roster (shift and seat role per day; ``Search.months``)."""
        return self.search.months(roster)


__all__ = ["Master"]
