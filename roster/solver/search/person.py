"""One person's cheapest month: a dynamic program over the days with the sequence rules as states.

Given a cost for each (day, shift) cell a person may work and for each day off, ``Person.best``
returns the cheapest schedule that keeps the person's rules that link days:

* rest between shifts on consecutive days, overlaps and forbidden orders (the previous shift is
  part of the state);
* most consecutive work days, fewest consecutive work days and days off (the run length and
  whether the run touches the horizon start, where the fewest-days rules do not judge it);
* most hours per ISO week (the minutes worked so far in the week) and hours in the horizon when
  they have a most (the minutes so far: a window of 916-936 h over half a year is kept exactly);
* a hard most of weekends in the horizon when hours per week are not a state (the weekends
  worked so far);
* pinned shifts (no day off that day) and the history before the horizon (the starting state);
* rotation patterns (``roster.model.rotations``): a hard cell prunes the day to its shift (or to
  a day off), a soft one prices every other choice of the day at the rotation's weight
  (``pattern_cost``, ``pattern_off``; left out when relaxing soft rules).

Soft versions of these rules are kept as if hard. The state space is in ``states.py``, the
recurrence over the days, compiled, in ``dp.py``. Other rules that count over the whole horizon
(shifts of a type, weekends, a least number of hours without a most) are not states:
``Person.breaks`` lists where a schedule breaks them, each by its ``Rule`` (``Broken``,
``broken.py``), and the caller prices them
(``roster/solver/search/construct.py``).
The routine serves the construction and the improving moves of the scale engine; it holds no
solver model.
"""

from __future__ import annotations

import math

import numpy as np

from roster.model.availability import allowed
from roster.model.calendar import Calendar
from roster.model.rotations import pattern_cells
from roster.model.rule_names import Rule
from roster.model.scenario import Rules, Scenario, limit_weight

from . import broken, dp
from .broken import BREAKS, Broken
from .states import (
    INF,
    MAX_TOTAL_UNITS,
    OFF,
    Shape,
    before_horizon,
    initial,
    keeps_states,
    new_shape,
    shape_key,
)

SOFT_RELAXED: dict[Rule, tuple[str, ...]] = {
    Rule.REST: ("min_rest_hours",),
    Rule.MAX_CONSECUTIVE: ("max_consecutive_work_days",),
    Rule.MIN_CONSECUTIVE_WORK: ("min_consecutive_work_days",),
    Rule.MIN_CONSECUTIVE_OFF: ("min_consecutive_days_off",),
    Rule.HOURS_WEEK: ("max_hours_per_week",),
    Rule.HOURS_TOTAL: ("max_hours_total", "min_hours_total"),
    Rule.WEEKENDS: ("max_weekends", "max_weekends_per_month"),
}
"""The rules whose soft versions ``relax_soft`` leaves out (the states and those ``breaks``
finds; forbidden orders have their own weight), by term, with the ``Rules`` fields that set
them."""


class Person:
    """The per-person routine for one scenario: shapes, allowed cells, and the dynamic program."""

    def __init__(self, scenario: Scenario, calendar: Calendar, relax_soft: bool = False) -> None:
        """``relax_soft``: leave out soft rules (a relaxation, for lower bounds) instead of keeping
        the soft versions of the state rules as if hard."""
        self.scenario, self.calendar = scenario, calendar
        self.relax_soft = relax_soft
        sc = scenario
        self.n, self.s = len(calendar), len(sc.shifts)
        self.minutes = np.array([x.paid_minutes for x in sc.shifts], dtype=np.int64)
        starts = [x.arrive_minute for x in sc.shifts]  # a handover before the start counts as work
        ends = [x.end_minute for x in sc.shifts]
        self.gap = np.array([[1440 + starts[t] - ends[s] for t in range(self.s)]
                             for s in range(self.s)])
        """gap[s, t]: minutes from the end of s to the start of t worked the next day."""
        self.ok = np.zeros((len(sc.staff), self.n, self.s), dtype=bool)
        for (p, d, s) in allowed(sc, calendar):
            self.ok[p, d, s] = True
        self.week_start = np.zeros(self.n, dtype=bool)
        for week in calendar.weeks:
            self.week_start[week[0]] = True
        weekend_steps = np.zeros((2, self.n), dtype=np.int64)
        for days in calendar.weekends:  # a weekend's first day counts after a worked day or a day
            weekend_steps[:, days[0]] = 1  # off, its second day only after a day off
            weekend_steps[1, days[1:]] = 1
        self._steps = {False: (self.week_start, np.zeros((2, self.n), dtype=np.int64)),
                       True: (np.zeros(self.n, dtype=bool), weekend_steps)}
        """By whether weekends are counted: the days the week's axis resets, and what work on
        each day adds to it after a worked day and after a day off."""
        pins = {(f.staff, f.date): f for f in sc.fixed if f.shift is not None}
        index = {p.id: i for i, p in enumerate(sc.staff)}
        self.must_work = np.zeros((len(sc.staff), self.n), dtype=bool)
        for (sid, date), _f in pins.items():
            if date in calendar.index and sid in index:
                self.must_work[index[sid], calendar.index[date]] = True
        self.pattern_cost = np.zeros((len(sc.staff), self.n, self.s))
        """pattern_cost[p, d, s]: what working s on d costs against p's soft rotation pattern."""
        self.pattern_off = np.zeros((len(sc.staff), self.n))
        self._patterned = False
        self._rotations()
        self._shapes: dict[tuple, Shape] = {}
        self._rules: dict[int, Rules] = {}
        self._shape_of: dict[int, Shape] = {}
        self.history = before_horizon(sc, calendar)
        """Per person id with a history: the state it leaves (``states.before_horizon``)."""

    def _rotations(self) -> None:
        """Hard pattern cells prune the allowed cells; soft ones are priced."""
        ids = [x.id for x in self.scenario.shifts]
        index = {p.id: i for i, p in enumerate(self.scenario.staff)}
        for cell in pattern_cells(self.scenario, self.calendar):
            p, d = index[cell.staff], cell.day
            s = None if cell.shift is None else ids.index(cell.shift)
            if cell.weight is None:
                keep = self.ok[p, d, s] if s is not None else False
                self.ok[p, d] = False
                if s is not None:
                    self.ok[p, d, s] = keep
                    self.must_work[p, d] = True
            elif not self.relax_soft and cell.weight:
                self._patterned = True
                if s is None:
                    self.pattern_cost[p, d] += cell.weight
                else:
                    self.pattern_cost[p, d] += cell.weight
                    self.pattern_cost[p, d, s] -= cell.weight
                    self.pattern_off[p, d] += cell.weight

    def pattern_price(self, p: int, plan: np.ndarray) -> float:
        """What person p's month costs against their soft rotation pattern (the term
        ``pattern``)."""
        if not self._patterned:
            return 0.0
        days = np.arange(self.n)
        worked = plan >= 0
        return float(self.pattern_cost[p, days[worked], plan[worked]].sum()
                     + self.pattern_off[p, ~worked].sum())

    # ---- shapes -------------------------------------------------------------
    def rules(self, p: int) -> Rules:
        """Person p's rules (without the soft state rules when relaxing)."""
        if p not in self._rules:
            self._rules[p] = self._own_rules(p)
        return self._rules[p]

    def _own_rules(self, p: int) -> Rules:
        rules = self.scenario.rules_for(self.scenario.staff[p].id)
        if not self.relax_soft:
            return rules
        soft = {k: None for fields in SOFT_RELAXED.values() for k in fields
                if limit_weight(getattr(rules, k)) is not None}
        if rules.forbidden_sequences and rules.forbidden_sequences_weight is not None:
            soft["forbidden_sequences"] = ()
        return rules.model_copy(update=soft) if soft else rules

    def shape(self, p: int) -> Shape:
        """Person p's states: rest, forbidden sequences, runs, weekly and total hours."""
        if p not in self._shape_of:
            self._shape_of[p] = self._new_shape(p)
        return self._shape_of[p]

    def _new_shape(self, p: int) -> Shape:
        rules = self.rules(p)
        key = shape_key(rules)
        shape = self._shapes.get(key)
        if shape is None:
            history = [m for days in self.history.values() for m in days.get("week_minutes", [])]
            shape = new_shape(rules, [x.id for x in self.scenario.shifts], self.gap, self.minutes,
                              history, len(self.calendar.weekends))
            self._shapes[key] = shape
        return shape

    # ---- the dynamic program -------------------------------------------------
    def best(self, p: int, cost: np.ndarray, off_cost: np.ndarray | None = None,
             start_cost: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """The cheapest schedule for person ``p``: shift index per day (``OFF`` for a day off) and
        its cost. ``cost[d, s]`` is the cost of working s on d (cells the person may not work are
        ignored); ``off_cost[d]`` the cost of a day off; ``start_cost[d]`` an extra cost of working
        on d after a day off (or on day 0 without history work the day before). Cost ``inf`` when
        no schedule exists. The recurrence runs compiled (``dp.py``)."""
        sh = self.shape(p)
        n, S = self.n, self.s
        off_cost = np.zeros(n) if off_cost is None else off_cost
        if self._patterned:
            cost, off_cost = cost + self.pattern_cost[p], off_cost + self.pattern_off[p]
        starts = (np.zeros(n) if start_cost is None
                  else np.ascontiguousarray(start_cost, dtype=np.float64))
        # the day before the horizon
        before = np.full((S + 1, sh.runs, sh.flags, sh.weeks, sh.totals), INF)
        before[self._initial(p, sh)] = 0.0
        preds, group, steps_w, steps_t, fits = sh.kernel
        Roff, Rw = max(sh.least_off, 1), sh.work_runs
        resets, (wk_cont, wk_rest) = self._steps[sh.weekends is not None]
        values = dp.forward(before, np.ascontiguousarray(cost, dtype=np.float64),
                            np.ascontiguousarray(off_cost, dtype=np.float64), starts, self.ok[p],
                            self.must_work[p], resets, wk_cont, wk_rest, preds, group, steps_w,
                            steps_t, fits, Roff, Rw, sh.least_work, sh.most is None)
        final = values[-1]
        if sh.total_least:
            final[..., :sh.total_least] = INF
        best = float(final.min())
        if not math.isfinite(best):
            return np.full(n, OFF, dtype=np.int64), INF
        state = np.array(np.unravel_index(int(np.argmin(final)), final.shape), dtype=np.int64)
        plan, traced = dp.trace(values, state, starts, resets, wk_cont, wk_rest, sh.compat,
                                steps_w, steps_t, Roff, Rw, sh.least_work, sh.most is None)
        if not traced:  # cannot happen for a finite state
            raise RuntimeError("schedule could not be traced back")
        return plan, best

    def _initial(self, p: int, sh: Shape) -> tuple[int, int, int, int, int]:
        """The state before day 0 (``states.initial``)."""
        return initial(sh, self.history.get(self.scenario.staff[p].id))

    def feasible(self, p: int, plan: np.ndarray) -> bool:
        """Does this month keep every rule ``best`` keeps as a state (and ``breaks`` finds
        nothing)?"""
        sh = self.shape(p)
        if not keeps_states(sh, self._initial(p, sh), plan, self.ok[p], self.must_work[p],
                            self.week_start):
            return False
        return not self.breaks(p, plan)

    # ---- rules over the whole horizon -----------------------------------------
    def breaks(self, p: int, plan: np.ndarray) -> dict[Broken, float]:
        """How far a schedule breaks the person's rules that are not states (0 when kept), by the
        price to raise: hours in the horizon (minutes), shifts of a type (shifts), weekends
        (weekends over the limit), rest (clashes two or more days apart); see ``BREAKS``."""
        return broken.breaks(self, p, plan, self.rules(p))


__all__ = ["BREAKS", "INF", "MAX_TOTAL_UNITS", "OFF", "SOFT_RELAXED", "Broken", "Person", "Shape"]
