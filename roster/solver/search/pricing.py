"""Pricing for column generation (``colgen.py``): one person's cheapest months at given cell prices.

The per-person routine (``Person``) with soft rules left out keeps some of a person's rules as
states; the hard rules over the horizon it leaves to the caller (``Person.breaks``) are handled
here so that the least value found is a lower bound over every month that keeps all of them:

* a most of weekends is a state of the routine where hours per week are not
  (``states.Shape.weekends``), else enumerated (one run per set of weekends that may be worked,
  the other weekends' days barred) while there are at most ``ENUMERATE`` sets;
* the tightest most of one shift type takes the place of the horizon's hours as a state when those
  hours are not one (``Pricing.shape``: exact for that cap);
* the rest (``Side``: other shift counts, hours in the horizon, weekends in the horizon or a
  month) are priced with Lagrange multipliers ``μ ≥ 0`` that start at the duals of the
  master's side rows (``pool.Master``) and move by a subgradient step.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from roster.model.calendar import Calendar
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario, limit_value

from .person import INF, Broken, Person, Shape

ENUMERATE = 64
"""A person's most of weekends is priced exactly (one run per set of weekends) up to this many
sets."""
TRIES = 6
"""Pricing tries per person and round while a month breaks a rule counted over the horizon."""
STEP = 0.25
MIN_STEP = 0.01
"""Subgradient step for those rules' multipliers, in a quarter of the largest cell price per
unit."""
WEEKENDS = Broken(Rule.WEEKENDS)
"""A month that breaks a most of weekends (``Person.breaks``)."""


@dataclass
class Side:
    """A hard rule over the horizon that the routine does not keep as a state: ``count ≤ limit``.

    The count is a shift's cells (``shift``), a weighted sum of cells (``weights[d, s]``: minutes,
    negative for a least), or the weekends worked among ``weekends`` (first days and second
    days): a weekend's first day costs the multiplier, its second day costs it only after a day
    off (``Person.best``'s start cost), so a weekend is charged once however many days are
    worked."""

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
        second = worked[np.minimum(self.firsts + 1, len(plan) - 1)]
        return float((firsts | (pairs & second)).sum())


class Pricing(Person):
    """The routine with soft rules left out and, for a person whose hours in the horizon are not a
    state, the count of one capped shift kept as that state instead (exact for that cap); each
    person's other rules over the horizon (``sides``) and their multipliers."""

    def __init__(self, scenario: Scenario, calendar: Calendar) -> None:
        super().__init__(scenario, calendar, relax_soft=True)
        self.counted: dict[int, tuple[int, int]] = {}
        """Person → (shift, most) counted as the horizon state."""
        self._counting: dict[tuple[int, int, int], Shape] = {}
        P = len(scenario.staff)
        self.weekend_sets: list[list[np.ndarray]] = [[] for _ in range(P)]
        """Per person with a small most of weekends: the days barred in each run of pricing."""
        self.sides = [self._sides(p) for p in range(P)]
        ids = [x.id for x in scenario.shifts]
        weekly = (Rule.WEEKENDS, Rule.WEEKENDS_MONTH)
        self.side_keys = [{Broken(Rule.WEEKENDS) if side.rule in weekly
                           else Broken(side.rule, None if side.shift is None else ids[side.shift])
                           for side in sides} for sides in self.sides]
        """What ``Person.breaks`` names for each of a person's sides: a month that breaks only
        these is a column of the master's side rows."""
        self.mu = [np.zeros(len(x)) for x in self.sides]
        """Multipliers of each person's sides, kept from round to round."""
        self.rho = [np.full(len(x), STEP) for x in self.sides]
        self.last = [np.zeros(len(x)) for x in self.sides]
        """Step sizes (halved when a side's excess changes sign) and the last excesses."""
        self.tries = TRIES
        """Tries per person and call (``TRIES``; a dive that needs months, not a bound, takes
        fewer)."""

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

    def _sides(self, p: int) -> list[Side]:
        """Person p's hard rules over the horizon that the routine leaves to the caller."""
        sc, cal = self.scenario, self.calendar
        rules, shape = self.rules(p), self.shape(p)
        minutes = self.minutes.astype(float)
        unit = float(np.median(minutes[minutes > 0])) if (minutes > 0).any() else 1.0
        out = []
        ids = [x.id for x in sc.shifts]
        caps = {ids.index(sid): int(cap) for sid, cap in (rules.max_shifts or {}).items()
                if sid in ids and cap < self.n and self.ok[p, :, ids.index(sid)].sum() > cap}
        if caps and shape.total_most is None:  # the tightest cap as a state, in place of the hours
            s = min(caps, key=lambda x: caps[x])
            self.counted[p] = (s, caps.pop(s))
        for s, cap in caps.items():
            out.append(Side(Rule.MAX_SHIFTS, float(cap), shift=s))
        most, least = limit_value(rules.max_hours_total), limit_value(rules.min_hours_total)
        if most is not None and shape.total_most is None:
            out.append(Side(Rule.HOURS_MAX, round(most * 60), unit,
                            weights=np.broadcast_to(minutes, (self.n, self.s))))
        if least and not shape.total_least:
            out.append(Side(Rule.HOURS_MIN, -round(least * 60), unit,
                            weights=np.broadcast_to(-minutes, (self.n, self.s))))
        total, monthly = limit_value(rules.max_weekends), limit_value(rules.max_weekends_per_month)
        groups = []
        weekends = len(cal.weekends)
        if shape.weekends is not None:
            total = None  # a state of the routine: every month it gives keeps it
        if total is not None and math.comb(weekends, min(int(total), weekends)) <= ENUMERATE:
            kept = min(int(total), weekends)  # exact: one run per set of weekends that may work
            for chosen in itertools.combinations(range(weekends), kept):
                barred = [d for k, days in enumerate(cal.weekends) if k not in chosen for d in days]
                self.weekend_sets[p].append(np.array(barred, dtype=np.int64))
        elif total is not None:
            groups.append((Rule.WEEKENDS, list(range(weekends)), float(total)))
        if monthly is not None:
            hist = self.history.get(sc.staff[p].id, {}).get("weekends", {})
            for month, ks in cal.weekend_months.items():
                groups.append((Rule.WEEKENDS_MONTH, ks, float(monthly) - hist.get(month, 0)))
        for rule, ks, cap in groups:
            firsts = np.array([cal.weekends[k][0] for k in ks], dtype=np.int64)
            seconds = np.array([cal.weekends[k][1] for k in ks if len(cal.weekends[k]) > 1],
                               dtype=np.int64)
            out.append(Side(rule, cap, firsts=firsts, seconds=seconds))
        return out

    def cheapest(self, p: int, cell: np.ndarray, off: np.ndarray,
                 fallback: Callable[[int, np.ndarray, np.ndarray], np.ndarray | None],
                 duals: np.ndarray | None = None
                 ) -> tuple[list[np.ndarray], float, list[np.ndarray]]:
        """Person p's months that keep every rule at these cell and day-off prices, cheapest first
        as far as found, a lower bound on the least cost over all such months (``inf`` when the
        person has none), and the tries' months that break a side (for the master's side rows).

        Each try's value less ``Σ μ·limit`` is such a lower bound; the multipliers start at
        ``duals`` (the master's side rows'; else where the last call left them) and move by a
        subgradient step while the month breaks a side (up to ``TRIES`` tries a round). When no
        try keeps every rule, ``fallback(p, cell, off)`` (the search's repricing) looks for a
        month."""
        sides, mu, rho = self.sides[p], self.mu[p], self.rho[p]
        if duals is not None and len(sides):
            mu[:] = np.maximum(duals, 0.0)
        limits = np.array([side.limit for side in sides])
        units = np.array([side.unit for side in sides])
        finite = np.abs(cell[np.isfinite(cell)])
        scale = max(1.0, float(finite.max(initial=1.0)) / 4)
        best = -INF
        found: list[tuple[float, np.ndarray]] = []
        relaxed: list[np.ndarray] = []
        for _ in range(self.tries if sides else 1):
            priced, start = cell.copy(), np.zeros(self.n)
            for side, m in zip(sides, mu, strict=True):
                if m > 0:
                    side.charge(priced, start, m)
            plans, value = self._runs(p, priced, off, start)
            if not math.isfinite(value):
                return [], INF, []
            best = max(best, value - float(mu @ limits))
            for plan in plans:
                broken = self.breaks(p, plan)
                if not broken:
                    worked = plan >= 0
                    cost = cell[np.flatnonzero(worked), plan[worked]].sum() + off[~worked].sum()
                    found.append((float(cost), plan))
                elif broken.keys() <= self.side_keys[p]:
                    relaxed.append(plan)
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
            plan = fallback(p, cell, off.copy())
            if plan is not None:
                found.append((0.0, plan))
        found.sort(key=lambda x: x[0])
        return [plan for _c, plan in found], best, relaxed

    def _runs(self, p: int, cell: np.ndarray, off: np.ndarray, start: np.ndarray
              ) -> tuple[list[np.ndarray], float]:
        """The routine's cheapest month (first) and its value; when the person's most of weekends
        is enumerated and that month breaks it, the cheapest month of each set of weekends that may
        be worked (the others' days barred), cheapest first."""
        plan, value = self.best(p, cell, off.copy(), start)
        if (not self.weekend_sets[p] or not math.isfinite(value)
                or WEEKENDS not in self.breaks(p, plan)):
            return [plan], value  # the cheapest month without the weekend rule keeps it
        runs = []
        for barred in self.weekend_sets[p]:
            priced = cell.copy()
            priced[barred] = INF
            plan, value = self.best(p, priced, off.copy(), start)
            if math.isfinite(value):
                runs.append((value, plan))
        runs.sort(key=lambda x: x[0])
        return [r[1] for r in runs], (runs[0][0] if runs else INF)


__all__ = ["Pricing", "Side"]
