"""The states of the per-person routine (``person.py``): what a day's state holds, how a rule set
makes its state space, the state before the horizon, and the check that a month keeps them
(the recurrence over the days is ``dp.py``).

A state is ``(shift, run, flag, week, total)``: the shift worked that day (``shifts`` for a day
off), the length of the run of work or days off that ends there (less one), whether that run
touches the horizon start (where the fewest-days rules do not judge it), and the minutes so far
in the ISO week and in the horizon, in steps of ``unit`` and ``total_unit``. Without a most of
hours per week, a hard most of weekends in the horizon takes the week's place: the weekends
worked so far (``Shape.weekends``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property, reduce

import numpy as np

from roster.model.calendar import Calendar
from roster.model.scenario import Rules, Scenario, limit_value, limit_weight

INF = float("inf")
MAX_TOTAL_UNITS = 400
"""Hours in the horizon are a state when the limit is at most this many steps (else priced)."""
OFF = -1


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
    weekends: int | None = None
    """Most weekends worked in the horizon, counted on the week axis (None: not a state; only
    when ``week`` is None)."""

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
        if self.weekends is not None:
            return self.weekends + 1
        return 1 if self.week is None else self.week + 1

    @property
    def totals(self) -> int:
        return 1 if self.total_most is None else self.total_most + 1


def shape_key(rules: Rules) -> tuple:
    """What of a rule set decides its state space: people with equal keys share one ``Shape``."""
    forbidden = tuple(sorted({tuple(x) for x in rules.forbidden_sequences or ()}))
    return (limit_value(rules.min_rest_hours) or 0, forbidden,
            limit_value(rules.max_consecutive_work_days),
            limit_value(rules.min_consecutive_work_days),
            limit_value(rules.min_consecutive_days_off),
            limit_value(rules.max_hours_per_week), limit_value(rules.max_hours_total),
            limit_value(rules.min_hours_total),
            limit_value(rules.max_weekends) if limit_weight(rules.max_weekends) is None else None)


def new_shape(rules: Rules, ids: list[str], gap: np.ndarray, minutes: np.ndarray,
              history_minutes: list[int], weekends: int = 0) -> Shape:
    """The state space of ``rules`` for shifts ``ids`` (``gap[s, t]``: minutes from the end of s to
    the start of t the next day; ``minutes``: each shift's paid minutes; ``history_minutes``: the
    shifts worked before the horizon, whose minutes the week state must count exactly;
    ``weekends``: the weekends in the horizon)."""
    rest, forbidden, most, _lw, _lo, week, total_most, total_least, most_weekends = (
        shape_key(rules))
    S = len(ids)
    compat = gap >= rest * 60
    compat &= gap >= 0
    for a, b in forbidden:
        if a in ids and b in ids:
            compat[ids.index(a), ids.index(b)] = False
    least_work = int(limit_value(rules.min_consecutive_work_days) or 1)
    least_off = int(limit_value(rules.min_consecutive_days_off) or 1)
    most = None if most is None else int(most)
    if week is not None:
        cap = int(round(week * 60))
        unit = reduce(math.gcd, [int(m) for m in minutes if m] + [cap]) or 1
        unit = reduce(math.gcd, history_minutes, unit)
        steps = tuple(int(m) // unit for m in minutes)
        shape = Shape(S, compat, most, least_work, least_off, unit, cap // unit, steps)
    else:
        shape = Shape(S, compat, most, least_work, least_off, 1, None, tuple(0 for _ in range(S)))
        if most_weekends is not None and int(most_weekends) < weekends:
            shape = dataclasses.replace(shape, weekends=max(int(most_weekends), 0))
    if total_most is not None:  # hours in the horizon as a state: a window as tight as 2 shifts
        cap = int(round(total_most * 60))
        low = int(round((total_least or 0) * 60))
        unit = reduce(math.gcd, [int(m) for m in minutes if m]) or 1  # totals are sums of these
        if cap // unit <= MAX_TOTAL_UNITS:
            shape = dataclasses.replace(shape, total_unit=unit, total_most=cap // unit,
                                        total_least=-(-low // unit),
                                        total_steps=tuple(int(m) // unit for m in minutes))
    return shape


def initial(sh: Shape, hist: dict | None) -> tuple[int, int, int, int, int]:
    """The state before day 0: from the person's history (``before_horizon``), or a long day-off
    run that touches the start."""
    S = sh.shifts
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


def keeps_states(sh: Shape, start: tuple[int, int, int, int, int], plan: np.ndarray,
                 ok: np.ndarray, must: np.ndarray, week_start: np.ndarray) -> bool:
    """Does ``plan`` (shift per day, ``OFF`` for a day off) go from ``start`` through allowed
    transitions only: allowed cells (``ok[d, s]``), no day off on a pinned day (``must[d]``),
    rest and orders, runs and days off, hours per week (reset on each ``week_start``)?"""
    last, run, flag, week, _total = start
    S = sh.shifts
    run += 1  # lengths, not indexes
    for d in range(len(plan)):
        t = int(plan[d])
        if week_start[d] and d > 0:
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
    return True


def before_horizon(scenario: Scenario, calendar: Calendar) -> dict[str, dict]:
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
