"""A lower bound on a roster's cost: column generation for "one month per person".

**Master** (``pool.py``: a linear programme over each person's months, solved with HiGHS and
warm-started between rounds). A column is one person's month with the seat role of each worked
cell; ``λ[p, j]`` chooses it. Rows: one convexity row per person, each seat's least and most (a
hard seat or a hard most at ``HARD``), each person's fair-share bands, each person's hard rules
over the horizon that pricing does not keep as states (side rows), and a team's headcount.

**Pricing** (``pricing.py``). ``Person.best`` with each cell priced at its request cost − the
duals of the least-rows it fills + the (sign-flipped) duals of the most-rows it fills (seats, and
the person's bands for each duty the cell counts towards), taking the cheapest seat role per
cell. With duals ``y ≥ 0`` (least rows, at most the seat's weight) and ``z ≥ 0`` (most rows, at
most the weight), any such ``(y, z)`` gives the Lagrangian bound

    L(y, z) = Σ y·min − Σ z·max + Σ_p min over p's months of (cost − Σ y·a + Σ z·a)

on the cost of every roster, and ``L`` at the master's optimal duals is the master's value plus
each person's least reduced cost (the bound reported at every round, ``Bound``).

**Why it is a valid bound.** The routine keeps some of a person's rules as states and relaxes
the rest (``Person.breaks``: shifts of a type, weekends, a least number of hours without a
most, rest clashes two or more days apart); soft rules it would keep as states are left out
here (``Person(relax_soft=True)``); a most of weekends is enumerated, one shift-type cap may
take the place of the horizon's hours as a state, and the other rules are priced with
multipliers (``Pricing.cheapest``) that start each round at the duals of the master's side rows
(so the linear programme, not a subgradient step alone, sets them; months that break only those
rules enter the master as columns, and the dive and the restricted master use only the months
that keep every rule). So its cheapest month is at most the cheapest month that
keeps every rule, and the set of months it prices contains every month a roster may give a
person. Soft rules' penalties and hours fairness are costs ≥ 0 the bound leaves out. The bound
therefore never exceeds the cost of any roster of the scenario. Costs are whole numbers, so it is
rounded up.

**Stabilisation.** Duals are smoothed towards the duals of the best bound so far (Wentges):
pricing runs at ``α·centre + (1 − α)·master duals``; when that finds no month that improves the
master, the round prices again at the master's own duals.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from . import HARD
from .construct import Search
from .person import INF
from .pool import Master
from .pricing import Pricing, Side

SMOOTHING = 0.5
"""Wentges' α: the share of the best bound's duals in the prices."""
EPS = 1e-6
COLUMNS = 3
"""Most months a person adds to the master in one round."""
STALL = 10
"""Rounds in a row without a new month before the loop stops."""


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


class ColumnGeneration:
    """The master and pricing for one scenario (built from the per-person search's arrays)."""

    def __init__(self, scenario: Scenario, calendar: Calendar | None = None,
                 search: Search | None = None, hard_only: bool = False,
                 team: np.ndarray | None = None, cap: int | None = None, threads: int = 1) -> None:
        """``hard_only``: the phase-one master: every month costs nothing and each empty hard seat
        (or person beyond a hard most) costs 1, so the bound is a least number of hard seats no
        roster fills. ``team`` (people) and ``cap``: at most ``cap`` of these people work at all
        (the others are left out of the roster: each has a month of days off at no cost).
        ``threads``: people priced at once in a round (the compiled routine runs without the
        interpreter's lock; 1 where a search runs beside on the other core)."""
        self.calendar = calendar or Calendar(scenario)
        self.search = search or Search(scenario, self.calendar)
        self.person = Pricing(scenario, self.calendar)
        s = self.search
        self.P, self.n, self.S, self.K = s.P, s.n, s.S, s.K
        self.master = Master(s, hard_only, team, cap, self.person.sides)
        self.integral = self.master.integral
        """Every cost is a whole number (the bound is rounded up)."""
        self.pool = self.master.pool
        """Each person's months in the master (shift and seat role per day, ``-1`` off)."""
        self.sides: list[list[Side]] = self.person.sides
        """Each person's hard rules over the horizon priced with multipliers."""
        self.threads = max(1, int(threads))
        self.kept_only = False
        """Add only months that keep every rule (the dive: no months for the side rows)."""

    @property
    def columns(self) -> int:
        """Months added to the master so far."""
        return self.master.columns

    def add(self, p: int, plan: np.ndarray, role: np.ndarray) -> bool:
        """Add person p's month to the master (``Master.add``); False when known."""
        return self.master.add(p, plan, role)

    def months(self, roster: Roster) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Each person's month in a roster (shift and seat role per day)."""
        return self.master.months(roster)

    def price(self, p: int, seat: np.ndarray, fair: np.ndarray | None = None, mu: np.ndarray | None = None
              ) -> tuple[list[tuple[np.ndarray, np.ndarray]], float, list[tuple[np.ndarray, np.ndarray]]]:
        """Person p at these seat prices and side duals ``mu``: months that keep every rule (plan,
        seat roles), cheapest first as far as found, a lower bound on the least cost over all such
        months (``inf`` when the person has none; ``Pricing.cheapest``), and months that break
        only rules the master holds as side rows. When no try keeps every rule, the search's
        repricing (``Search.best_month``) looks for a month."""
        s, m = self.search, self.master
        per_role = np.where(s.can[p], seat[:, :, :self.K] + seat[:, :, self.K:], INF)
        role = per_role.argmin(axis=2)
        cell = np.take_along_axis(per_role, role[:, :, None], axis=2)[:, :, 0] + m.req[p]
        if fair is not None:
            cell = cell + fair
        plans, best, relaxed = self.person.cheapest(p, cell, m.req_off[p], s.best_month, mu)
        days = np.arange(self.n)

        def roles(plan: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return plan, np.where(plan >= 0, role[days, np.maximum(plan, 0)], -1)

        return [roles(plan) for plan in plans], best, [roles(plan) for plan in relaxed]

    # ---- the loop -------------------------------------------------------------
    def run(self, seconds: float, start: Roster | None = None, upper: float | None = None,
            max_rounds: int = 10_000, on_round: Callable[[float, float], None] | None = None,
            stop: threading.Event | None = None) -> Bound:
        """Rounds of master and pricing until the bound meets the master's value, the bound
        reaches ``upper`` (a known roster's cost), ``STALL`` rounds add no month, ``max_rounds``
        pass, ``seconds`` run out or ``stop`` is set. ``on_round`` hears (seconds so far, bound)
        after each round."""
        t0 = time.perf_counter()
        if stop is not None and stop.is_set():
            seconds = 0.0
        m = self.master
        zero = np.zeros(len(m.lo)), np.zeros(len(m.hi))
        if start is not None:
            for p, (plan, role) in self.months(start).items():
                self.add(p, plan, role)
        seat = m.seat_prices(*zero)
        values = []
        nothing = np.full(self.n, -1, dtype=np.int64)
        for p in range(self.P):  # each person's cheapest month alone: the master is never empty
            if time.perf_counter() - t0 > seconds:  # out of time before a first bound
                return Bound(-INF, INF, seconds=time.perf_counter() - t0)
            if m.team[p]:
                self.add(p, nothing, nothing)
            months, value, _relaxed = self.price(p, seat)
            if not m.team[p] and (not math.isfinite(value) or not months):
                return Bound(-INF, INF, seconds=time.perf_counter() - t0)  # no month: no bound
            if months:
                self.add(p, *months[0])
            values.append(m.team_value(p, value, 0.0))
        best = m.lagrangian(*zero, values)
        centre = zero
        out = Bound(self.round_up(best), INF)
        if on_round is not None:
            on_round(time.perf_counter() - t0, out.value)
        idle = 0
        while out.rounds < max_rounds and time.perf_counter() - t0 < seconds and not (stop and stop.is_set()):
            out.rounds += 1
            lp, sigma, y, z = m.solve()
            out.lp = lp
            added = 0
            for mix in (SMOOTHING, 0.0):
                ys, zs = mix * centre[0] + (1 - mix) * y, mix * centre[1] + (1 - mix) * z
                values, more = self._price_all(range(self.P), (ys, zs), (y, z), sigma, t0 + seconds)
                added += more
                if len(values) == self.P:
                    bound = m.lagrangian(ys, zs, values)
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

    def _price_all(self, people: Iterable[int], priced: tuple[np.ndarray, np.ndarray],
                   duals: tuple[np.ndarray, np.ndarray], sigma: np.ndarray, deadline: float
                   ) -> tuple[list[float], int]:
        """Price these people at the ``priced`` least and most duals and add each month whose
        reduced cost at the master's own ``duals`` is negative, until ``deadline``. Returns each
        priced person's least reduced cost (before the convexity dual) and the months added."""
        m = self.master
        ys, zs = priced
        y, z = duals
        seat, true_seat = m.seat_prices(ys, zs), m.seat_prices(y, z)
        values, added = [], 0

        def priced_person(p: int) -> tuple[list, float, list] | None:
            if time.perf_counter() > deadline:
                return None
            return self.price(p, seat, m.fair_prices(p, ys, zs), m.side_duals(p, zs))

        people = list(people)
        if self.threads > 1 and len(people) > 1:
            with ThreadPoolExecutor(self.threads) as pool:
                answers = list(pool.map(priced_person, people))
        else:
            answers = map(priced_person, people)  # lazily: stops pricing at the deadline
        for p, answer in zip(people, answers, strict=False):  # the lazy map may stop early
            if answer is None:
                break
            months, value, relaxed = answer
            values.append(m.team_value(p, value, m.team_dual(zs)))
            true_fair, mu = m.fair_prices(p, y, z), m.side_duals(p, z)
            if self.kept_only:
                relaxed = []
            # the cheapest month that keeps every rule, and the cheapest that breaks only side rows
            for plan, roles in [*months[:1], *relaxed[:1], *months[1:], *relaxed[1:]][:COLUMNS]:
                reduced = m.reduced(p, plan, roles, true_seat, true_fair, sigma[p], m.team_dual(z), mu)
                if reduced < -EPS:
                    added += self.add(p, plan, roles)
        return values, added

    def grow(self, people: Iterable[int], y: np.ndarray, z: np.ndarray, sigma: np.ndarray,
             deadline: float) -> int:
        """One round of pricing for these people at the master's duals (no smoothing); the number
        of months added to the master."""
        return self._price_all(people, (y, z), (y, z), sigma, deadline)[1]

    def round_up(self, value: float) -> float:
        """A bound rounded up to a whole number when every cost is one."""
        if not math.isfinite(value):
            return value
        return float(math.ceil(value - 1e-6)) if self.integral else value


def lower_bound(scenario: Scenario, seconds: float = 30.0, calendar: Calendar | None = None,
                start: Roster | None = None, upper: float | None = None,
                search: Search | None = None) -> Bound:
    """The column-generation bound on the cost of any roster of ``scenario`` (fair shares and soft
    per-person rules left out: they only add cost)."""
    return ColumnGeneration(scenario, calendar, search).run(seconds, start=start, upper=upper)


__all__ = ["HARD", "Bound", "ColumnGeneration", "lower_bound"]
