"""One person's cheapest month: a dynamic program over the days with the sequence rules as states.

Given a cost for each (day, shift) cell a person may work and for each day off, ``Person.best``
returns the cheapest schedule that keeps the person's rules that link days:

* rest between shifts on consecutive days, overlaps and forbidden orders (the previous shift is
  part of the state);
* most consecutive work days, fewest consecutive work days and days off (the run length and
  whether the run touches the horizon start, where the fewest-days rules do not judge it);
* most hours per ISO week (the minutes worked so far in the week) and hours in the horizon when
  they have a most (the minutes so far: a window of 916-936 h over half a year is kept exactly);
* pinned shifts (no day off that day) and the history before the horizon (the starting state);
* rotation patterns (``roster.model.rotations``): a hard cell prunes the day to its shift (or to
  a day off), a soft one prices every other choice of the day at the rotation's weight
  (``pattern_cost``, ``pattern_off``; left out when relaxing soft rules).

Soft versions of these rules are kept as if hard. Other rules that count over the whole horizon
(shifts of a type, weekends, a least number of hours without a most) are not states: ``Person.breaks`` lists where a
schedule breaks them, each by its ``Rule`` (``Broken``), and the caller prices them
(``roster/solver/search/construct.py``).
The routine serves the construction and the improving moves of the scale engine; it holds no
solver model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, reduce

import numpy as np

from roster.model.availability import allowed
from roster.model.calendar import Calendar
from roster.model.rotations import pattern_cells
from roster.model.rule_names import Rule
from roster.model.scenario import Rules, Scenario, limit_value, limit_weight

from . import dp

INF = float("inf")
MAX_TOTAL_UNITS = 400
"""Hours in the horizon are a state when the limit is at most this many steps (else priced)."""
OFF = -1
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
finds; forbidden orders have their own weight), by term, with the ``Rules`` fields that set them."""


@dataclass(frozen=True)
class Broken:
    """A rule over the horizon that a schedule breaks (a key of ``Person.breaks``): its label, and
    the shift's id for a most of shifts of one type."""

    rule: Rule
    """``HOURS_MAX`` / ``HOURS_MIN`` (hours in the horizon), ``MAX_SHIFTS``, ``WEEKENDS`` (in the
    horizon or a month), ``REST`` (clashes two or more days apart)."""
    shift: str | None = None
    """For ``MAX_SHIFTS``: the shift id, or the template id of a cap over all its starts."""


@dataclass(frozen=True, eq=False)
class Shape:
    """The state space of one rule set (shared by everyone with the same rules)."""

    shifts: int
    compat: np.ndarray
    """compat[s, t]: shift t may follow shift s worked the day before."""
    most: int | None
    """Most consecutive work days (None: no limit)."""
    least_work: int
    least_off: int
    unit: int
    """Minutes per week-state step."""
    week: int | None
    """Most week units (None: weeks not tracked)."""
    steps: tuple[int, ...]
    """Week units of each shift."""
    total_unit: int = 1
    """Minutes per horizon-total step."""
    total_most: int | None = None
    """Most horizon-total units (None: totals not tracked)."""
    total_least: int = 0
    total_steps: tuple[int, ...] = ()

    @cached_property
    def kernel(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The arrays ``dp.forward`` takes: the sets of shifts a shift may follow (one row per
        distinct set) and each shift's set, its week and horizon units, and whether it fits."""
        rows: dict[tuple[bool, ...], int] = {}
        group = np.array([rows.setdefault(tuple(bool(x) for x in self.compat[:, t]), len(rows))
                          for t in range(self.shifts)], dtype=np.int64)
        preds = np.array(list(rows), dtype=np.bool_).reshape(len(rows), self.shifts)
        steps_w = np.array([self.steps[t] if self.week is not None else 0
                            for t in range(self.shifts)], dtype=np.int64)
        steps_t = np.array([self.total_steps[t] if self.total_most is not None else 0
                            for t in range(self.shifts)], dtype=np.int64)
        fits = (steps_w < self.weeks) & (steps_t < self.totals)
        return preds, group, steps_w, steps_t, fits

    @property
    def runs(self) -> int:
        work = self.most if self.most is not None else max(self.least_work, 1)
        return max(work, self.least_off, 1)

    @property
    def work_runs(self) -> int:
        return self.most if self.most is not None else max(self.least_work, 1)

    @property
    def flags(self) -> int:
        return 2 if self.least_work > 1 or self.least_off > 1 else 1

    @property
    def weeks(self) -> int:
        return 1 if self.week is None else self.week + 1

    @property
    def totals(self) -> int:
        return 1 if self.total_most is None else self.total_most + 1


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
        self.gap = np.array([[1440 + starts[t] - ends[s] for t in range(self.s)] for s in range(self.s)])
        """gap[s, t]: minutes from the end of s to the start of t worked the next day."""
        self.ok = np.zeros((len(sc.staff), self.n, self.s), dtype=bool)
        for (p, d, s) in allowed(sc, calendar):
            self.ok[p, d, s] = True
        self.week_start = np.zeros(self.n, dtype=bool)
        for week in calendar.weeks:
            self.week_start[week[0]] = True
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
        self._history = _history(sc, calendar)

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
        """What person p's month costs against their soft rotation pattern (the term ``pattern``)."""
        if not self._patterned:
            return 0.0
        days = np.arange(self.n)
        worked = plan >= 0
        return float(self.pattern_cost[p, days[worked], plan[worked]].sum() + self.pattern_off[p, ~worked].sum())

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
        sc = self.scenario
        rules = self.rules(p)
        rest = limit_value(rules.min_rest_hours) or 0
        forbidden = tuple(sorted({tuple(x) for x in rules.forbidden_sequences or ()}))
        most = limit_value(rules.max_consecutive_work_days)
        week = limit_value(rules.max_hours_per_week)
        total_most, total_least = limit_value(rules.max_hours_total), limit_value(rules.min_hours_total)
        key = (rest, forbidden, most, limit_value(rules.min_consecutive_work_days),
               limit_value(rules.min_consecutive_days_off), week, total_most, total_least)
        shape = self._shapes.get(key)
        if shape is None:
            ids = [x.id for x in sc.shifts]
            compat = self.gap >= rest * 60
            compat &= self.gap >= 0
            for a, b in forbidden:
                if a in ids and b in ids:
                    compat[ids.index(a), ids.index(b)] = False
            least_work = int(limit_value(rules.min_consecutive_work_days) or 1)
            least_off = int(limit_value(rules.min_consecutive_days_off) or 1)
            if week is not None:
                cap = int(round(week * 60))
                unit = reduce(math.gcd, [int(m) for m in self.minutes if m] + [cap]) or 1
                history = [m for days in self._history.values() for m in days.get("week_minutes", [])]
                unit = reduce(math.gcd, history, unit)
                steps = tuple(int(m) // unit for m in self.minutes)
                units = cap // unit
                shape = Shape(self.s, compat, None if most is None else int(most), least_work, least_off,
                              unit, units, steps)
            else:
                shape = Shape(self.s, compat, None if most is None else int(most), least_work, least_off,
                              1, None, tuple(0 for _ in range(self.s)))
            if total_most is not None:  # hours in the horizon as a state: a window as tight as 2 shifts
                cap = int(round(total_most * 60))
                low = int(round((total_least or 0) * 60))
                unit = reduce(math.gcd, [int(m) for m in self.minutes if m]) or 1  # totals are sums of these
                if cap // unit <= MAX_TOTAL_UNITS:
                    shape = dataclasses.replace(shape, total_unit=unit, total_most=cap // unit,
                                                total_least=-(-low // unit),
                                                total_steps=tuple(int(m) // unit for m in self.minutes))
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
        starts = np.zeros(n) if start_cost is None else np.ascontiguousarray(start_cost, dtype=np.float64)
        before = np.full((S + 1, sh.runs, sh.flags, sh.weeks, sh.totals), INF)  # the day before the horizon
        before[self._initial(p, sh)] = 0.0
        preds, group, steps_w, steps_t, fits = sh.kernel
        Roff, Rw = max(sh.least_off, 1), sh.work_runs
        values = dp.forward(before, np.ascontiguousarray(cost, dtype=np.float64),
                            np.ascontiguousarray(off_cost, dtype=np.float64), starts, self.ok[p],
                            self.must_work[p], self.week_start, preds, group, steps_w, steps_t, fits,
                            Roff, Rw, sh.least_work, sh.most is None)
        final = values[-1]
        if sh.total_least:
            final[..., :sh.total_least] = INF
        best = float(final.min())
        if not math.isfinite(best):
            return np.full(n, OFF, dtype=np.int64), INF
        state = np.array(np.unravel_index(int(np.argmin(final)), final.shape), dtype=np.int64)
        plan, traced = dp.trace(values, state, starts, self.week_start, sh.compat, steps_w, steps_t,
                                Roff, Rw, sh.least_work, sh.most is None)
        if not traced:  # cannot happen for a finite state
            raise RuntimeError("schedule could not be traced back")
        return plan, best

    def _initial(self, p: int, sh: Shape) -> tuple[int, int, int, int, int]:
        """The state before day 0: from the history, or a long day-off run that touches the start."""
        S = self.s
        hist = self._history.get(self.scenario.staff[p].id)
        e_free = sh.flags - 1  # exempt from the fewest-days rules (1 when the flag exists)
        if not hist:
            return (S, sh.least_off - 1 if sh.least_off > 1 else 0, e_free, 0, 0)
        week = min(hist["week"] // sh.unit, sh.weeks - 1) if sh.week is not None else 0
        last, run, whole = hist["last"], hist["run"], hist["whole"]
        flag = e_free if whole else 0
        if last is None:  # off on the day before the horizon
            return (S, min(run, sh.least_off) - 1, flag, week, 0)
        run = min(run, sh.work_runs)
        return (last, run - 1, flag, week, 0)

    def feasible(self, p: int, plan: np.ndarray) -> bool:
        """Does this month keep every rule ``best`` keeps as a state (and ``breaks`` finds nothing)?"""
        sh = self.shape(p)
        ok, must = self.ok[p], self.must_work[p]
        last, run, flag, week, _total = self._initial(p, sh)
        S = self.s
        run += 1  # lengths, not indexes
        for d in range(self.n):
            t = int(plan[d])
            if self.week_start[d] and d > 0:
                week = 0
            if t == OFF:
                if must[d]:
                    return False
                if last == S:
                    run, flag = min(run + 1, max(sh.least_off, 1)), flag
                else:
                    if sh.least_work > 1 and run < sh.least_work and not flag:
                        return False
                    last, run, flag = S, 1, 0
                continue
            if not ok[d, t]:
                return False
            week += sh.steps[t]
            if sh.week is not None and week > sh.week:
                return False
            if last == S:
                if sh.least_off > 1 and run < sh.least_off and not flag:
                    return False
                flag = flag if d == 0 else 0
                last, run = t, 1
            else:
                if not sh.compat[last, t]:
                    return False
                run += 1
                if sh.most is not None and run > sh.most:
                    return False
                last = t
        return not self.breaks(p, plan)

    # ---- rules over the whole horizon -----------------------------------------
    def breaks(self, p: int, plan: np.ndarray) -> dict[Broken, float]:
        """How far a schedule breaks the person's rules that are not states (0 when kept), by the
        price to raise: hours in the horizon (minutes), shifts of a type (shifts), weekends
        (weekends over the limit), rest (clashes two or more days apart); see ``BREAKS``."""
        rules = self.rules(p)
        return {key: over for count in BREAKS.values() for key, over in count(self, p, plan, rules)}


Count = Callable[[Person, int, np.ndarray, Rules], Iterator[tuple[Broken, float]]]
"""Where person p's schedule breaks one rule that is not a state, and by how much."""


def _hours(person: Person, p: int, plan: np.ndarray, rules: Rules) -> Iterator[tuple[Broken, float]]:
    worked = plan >= 0
    total = int(person.minutes[plan[worked]].sum()) if worked.any() else 0
    most, least = limit_value(rules.max_hours_total), limit_value(rules.min_hours_total)
    if most is not None and total > round(most * 60):
        yield Broken(Rule.HOURS_MAX), total - round(most * 60)
    if least and total < round(least * 60):
        yield Broken(Rule.HOURS_MIN), round(least * 60) - total


def _shifts(person: Person, p: int, plan: np.ndarray, rules: Rules) -> Iterator[tuple[Broken, float]]:
    """Shifts of a type beyond ``max_shifts``, and of a template's starts together beyond
    ``max_template_shifts`` (``Broken.shift``: the template's id)."""
    ids = [x.id for x in person.scenario.shifts]
    for shift_id, cap in (rules.max_shifts or {}).items():
        n = int((plan == ids.index(shift_id)).sum())
        if n > cap:
            yield Broken(Rule.MAX_SHIFTS, shift_id), n - cap
    for template, cap in (rules.max_template_shifts or {}).items():
        starts = [ids.index(x) for x in person.scenario.shifts_named([template])]
        n = int(np.isin(plan, starts).sum())
        if n > cap:
            yield Broken(Rule.MAX_SHIFTS, template), n - cap


def _weekends(person: Person, p: int, plan: np.ndarray, rules: Rules) -> Iterator[tuple[Broken, float]]:
    sc, cal = person.scenario, person.calendar
    total_we, monthly = limit_value(rules.max_weekends), limit_value(rules.max_weekends_per_month)
    if total_we is None and monthly is None:
        return
    worked_we = [k for k, days in enumerate(cal.weekends) if any(plan[d] >= 0 for d in days)]
    over = 0
    if total_we is not None:
        over = max(over, len(worked_we) - int(total_we))
    if monthly is not None:
        hist = person._history.get(sc.staff[p].id, {}).get("weekends", {})
        for month, ks in cal.weekend_months.items():
            n = sum(1 for k in ks if k in worked_we) + hist.get(month, 0)
            over = max(over, n - int(monthly))
    if over > 0:
        yield Broken(Rule.WEEKENDS), over


def _rest(person: Person, p: int, plan: np.ndarray, rules: Rules) -> Iterator[tuple[Broken, float]]:
    shifts = person.scenario.shifts
    rest = limit_value(rules.min_rest_hours) or 0
    days = np.flatnonzero(plan >= 0)
    clashes = 0
    for a, b in zip(days[:-1], days[1:], strict=False):
        if b - a >= 2:
            gap = (b - a) * 1440 + shifts[plan[b]].arrive_minute - shifts[plan[a]].end_minute
            if gap < rest * 60:
                clashes += 1
    if clashes:
        yield Broken(Rule.REST), clashes


BREAKS: dict[Rule, Count] = {
    Rule.HOURS_TOTAL: _hours,
    Rule.MAX_SHIFTS: _shifts,
    Rule.WEEKENDS: _weekends,
    Rule.REST: _rest,
}
"""The rules of a person's own shifts that ``Person.best`` does not keep as states (a most of
hours in the horizon too wide to be one, a least without a most, shifts of a type, weekends, rest
between shifts two or more days apart), by term: the caller prices them."""


def _history(scenario: Scenario, calendar: Calendar) -> dict[str, dict]:
    """Per person with a history: the shift on the day before the horizon (or None), the length
    of the run that ends there, whether that run fills the whole history, minutes worked in the
    first ISO week before the start, and weekends worked per month."""
    hist = scenario.history
    if hist is None:
        return {}
    start = calendar.start
    first = hist.first_day(start)
    span = (start - first).days
    shift_index = {s.id: i for i, s in enumerate(scenario.shifts)}
    out: dict[str, dict] = {}
    by = hist.shifts(start)
    for person in scenario.staff:
        days = by.get(person.id, {})
        if span <= 0:
            continue
        worked = [(first + _days(i)) in days for i in range(span)]
        last_kind = worked[-1]
        run = 0
        for w in reversed(worked):
            if w != last_kind:
                break
            run += 1
        iso = start.isocalendar()[:2]
        week = sum(scenario.shift_by_id[w.shift].paid_minutes for date, w in days.items()
                   if date.isocalendar()[:2] == iso)
        weekends: dict[tuple[int, int], int] = {}
        sats = {date - _days(date.weekday() - 5) for date in days if date.weekday() >= 5}
        for sat in sats:
            weekends[(sat.year, sat.month)] = weekends.get((sat.year, sat.month), 0) + 1
        last_day = start - _days(1)
        out[person.id] = {
            "last": shift_index[days[last_day].shift] if last_kind and last_day in days else None,
            "run": run, "whole": run == span, "week": week,
            "week_minutes": [scenario.shift_by_id[w.shift].paid_minutes for w in days.values()],
            "weekends": weekends,
        }
    return out


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)
