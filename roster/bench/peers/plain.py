"""The plain CP-SAT peer: the roster script a planner writes in an afternoon.

One Boolean per allowed (person, day, shift, seat role) (``allowed()`` has already removed leave,
fixed days off, cannot-work shifts and seats the person cannot take), at most one shift a day,
and every rule as a plain constraint:

- seats: ``min`` hard when it has no weight, else a penalised shortfall; ``max`` likewise;
- rest: no two shift instances of one person closer than ``min_rest_hours`` (or overlapping);
- forbidden sequences (shift a on a day, b the next);
- at most ``max_consecutive_work_days`` in any window of that many days plus one;
- ``min_consecutive_days_off`` above one: no shorter run of days off between two worked days;
- ``max_hours_per_week`` per ISO week inside the horizon; ``max_shifts`` per shift type;
- interval coverage (``demand`` lines with ``per_interval``): an integer count of breaks per
  (day, shift, seat role, break start) summing to the people on that shift in that seat; the
  people on the floor in an interval are those working all of it less the breaks touching it (as
  ``roster.model.intervals.on_floor`` counts); people short cost the line's steps, convex (one
  slack per step, the k-th person short costing the k-th step), each one over ``over_weight``;
  ``min_on_floor`` hard or at its weight; the roster read back hands the breaks out in staff order;
- requests as penalties (the same units as the validator);
- fairness: for nights, weekend shifts, holiday shifts and hours, the spread (most − fewest)
  among people with the same roles who can do that duty, times ``scenario.fairness``.

**Objective vs. the validator's cost.** ``PeerResult.objective`` is what the roster costs by the
peer's terms (CP-SAT's own objective value may be higher while a slack sits loose). Every term but
fairness is counted in the validator's units, so ``objective − terms["fairness_spread"] == validator
cost − the validator's fairness terms`` whenever soft consecutive-day limits are not broken (the
peer penalises each window over the limit, the validator each day of a run beyond it). The validator
measures fairness as distance from a per-person band (``roster.model.fairness``); the peer's max–min
spread is the planner's simpler stand-in, so the two fairness figures differ.

Not supported (a clear ``NotImplementedError``): A/B posts, history, leave wishes, minimum
consecutive work days, weekend limits and total-hour limits.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from roster.model.availability import allowed
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.intervals import (
    break_intervals,
    counted_shifts,
    history_on_floor,
    interval_needs,
    worked_intervals,
)
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario, limit_value, limit_weight

Cell = tuple[int, int, int]
"""(person index, day index, shift index)."""
MAX_DAYS_BETWEEN = 3
"""Days ahead looked at for rest between two shift instances (shifts last at most 16 h)."""


@dataclass
class PeerResult:
    """What the plain model found."""

    status: str
    roster: Roster
    objective: float | None = None
    """What the best roster costs by the peer's terms (``terms`` summed)."""
    search_objective: float | None = None
    """CP-SAT's objective value: the same, or above it where a slack was left loose."""
    bound: float | None = None
    build_seconds: float = 0.0
    first_seconds: float | None = None
    """Seconds from the call to the first roster (building included)."""
    seconds: float = 0.0
    history: list[tuple[float, float]] = field(default_factory=list)
    """(seconds from the call, CP-SAT objective) of each improving roster."""
    terms: dict[str, int] = field(default_factory=dict)
    """Objective per term of the best roster."""
    snapshots: dict[float, Roster] = field(default_factory=dict)
    """The best roster at each of the asked seconds (from the call), where one existed by then."""
    variables: int = 0

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


class _Unsupported(NotImplementedError):
    pass


def _check_supported(scenario: Scenario) -> None:
    missing = []
    if scenario.posts:
        missing.append("A/B posts")
    if scenario.history is not None and scenario.history.worked:
        missing.append("history")
    if scenario.leave_wishes:
        missing.append("leave wishes")
    for who in scenario.staff:
        rules = scenario.rules_for(who.id)
        for name in ("min_consecutive_work_days", "max_weekends", "max_weekends_per_month",
                     "max_hours_total", "min_hours_total"):
            if getattr(rules, name) is not None:
                missing.append(name)
    if missing:
        raise _Unsupported(f"the plain peer does not model: {', '.join(sorted(set(missing)))}")


class PlainModel:
    """The model and the names of its parts (variables per cell and role, penalty terms)."""

    def __init__(self, scenario: Scenario, calendar: Calendar | None = None) -> None:
        _check_supported(scenario)
        self.sc = scenario
        self.cal = calendar or Calendar(scenario)
        self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int, int, str], cp_model.IntVar] = {}
        self.terms: dict[str, list[tuple[int, cp_model.LinearExprT]]] = defaultdict(list)
        """Objective parts per term: (weight, expression)."""
        self.exact: dict[str, list[Callable[[Callable], int]]] = defaultdict(list)
        """Per term, the cost a roster really incurs (a slack may sit above what it must cover)."""
        self._variables()
        self._seats()
        self._breaks_and_intervals()
        self._rest_and_sequences()
        self._runs()
        self._hours()
        self._requests()
        self._fairness()
        self.model.minimize(sum(w * e for parts in self.terms.values() for w, e in parts))

    # ---- variables ------------------------------------------------------
    def _variables(self) -> None:
        m = self.model
        self.cells: dict[Cell, list[cp_model.IntVar]] = {}
        for (p, d, s), roles in allowed(self.sc, self.cal).items():
            xs = []
            for r in roles:
                v = m.new_bool_var(f"x{p}_{d}_{s}_{r}")
                self.x[(p, d, s, r)] = v
                xs.append(v)
            self.cells[(p, d, s)] = xs
        by_day: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        for (p, d, _s), xs in self.cells.items():
            by_day[(p, d)].extend(xs)
        self.on: dict[tuple[int, int], cp_model.IntVar] = {}
        for key, xs in by_day.items():
            v = m.new_bool_var(f"on{key[0]}_{key[1]}")
            m.add(sum(xs) == v)  # at most one shift (in one seat) a day
            self.on[key] = v
        for f in self.sc.fixed:  # pinned shifts must be worked (pinned days off are pruned already)
            if f.shift is not None:
                p = [s.id for s in self.sc.staff].index(f.staff)
                ids = [s.id for s in self.sc.shifts]
                d = self.cal.index[f.date]
                m.add(sum(self.works(p, d, ids.index(x)) for x in f.shifts) == 1)

    def works(self, p: int, d: int, s: int) -> cp_model.LinearExprT:
        """1 when person ``p`` works shift ``s`` on day ``d`` (0 when not allowed)."""
        return sum(self.cells.get((p, d, s), []))

    def on_day(self, p: int, d: int) -> cp_model.LinearExprT:
        return self.on.get((p, d), 0)

    def _penalty(self, term: str, weight: int | None, expr: cp_model.LinearExprT, limit: int,
                 upper: int, name: str) -> None:
        """``expr <= limit``: hard when ``weight`` is None, else each unit above costs
        ``weight``."""
        if weight is None:
            self.model.add(expr <= limit)
        elif weight > 0:
            slack = self.model.new_int_var(0, max(0, upper - limit), name)
            self.model.add(expr - slack <= limit)
            self.terms[term].append((weight, slack))
            self.exact[term].append(lambda value, e=expr: weight * max(0, value(e) - limit))

    # ---- seats ----------------------------------------------------------
    def _seats(self) -> None:
        shift_index = {s.id: i for i, s in enumerate(self.sc.shifts)}
        on_shift: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        in_seat: dict[tuple[int, int, str], list[cp_model.IntVar]] = defaultdict(list)
        for (_p, d, s, r), v in self.x.items():
            on_shift[(d, s)].append(v)
            in_seat[(d, s, r)].append(v)
        for (d, sid, role), st in seats_table(self.sc, self.cal).items():
            s = shift_index[sid]
            xs = on_shift[(d, s)] if role is None else in_seat[(d, s, role)]
            n = sum(xs)
            if st.min > 0:
                self._penalty("coverage_shortfall", st.min_weight, -n, -st.min, 0,
                              f"short{d}_{s}_{role}")
            if st.max is not None:
                self._penalty("overstaffing", st.max_weight, n, st.max, len(xs),
                              f"over{d}_{s}_{role}")

    # ---- breaks and people on the floor per interval ------------------------
    def _breaks_and_intervals(self) -> None:
        sc, cal, m = self.sc, self.cal, self.model
        in_seat: dict[tuple[int, int, str], list[cp_model.IntVar]] = defaultdict(list)
        for (_p, d, s, r), v in self.x.items():
            in_seat[(d, s, r)].append(v)
        self.breaks: dict[tuple[int, int, str], list[tuple[int, cp_model.IntVar]]] = {}
        """(day, shift, seat role) → (break start in minutes from 00:00 of the day, people on
        it)."""
        self.people: dict[tuple[int, int, str], cp_model.IntVar] = {}
        """(day, shift, seat role) → people on it (where a break or an interval line needs the
        count)."""
        needs = interval_needs(sc, cal)
        for (d, s, r), xs in sorted(in_seat.items()):
            if not needs and not sc.shifts[s].break_starts:
                continue
            n = self.people[(d, s, r)] = m.new_int_var(0, len(xs), f"people{d}_{s}_{r}")
            m.add(n == sum(xs))
            starts = sc.shifts[s].break_starts
            if starts:
                counts = [(t, m.new_int_var(0, len(xs), f"break{d}_{s}_{r}_{t}")) for t in starts]
                m.add(sum(b for _, b in counts) == n)
                self.breaks[(d, s, r)] = counts
        if not needs:
            return
        floor: dict[tuple[str | None, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        for _, line in sc.interval_lines:
            shifts = counted_shifts(sc, line)
            step = line.interval_minutes
            for (d, s, r), n in self.people.items():
                shift = sc.shifts[s]
                if shift.id not in shifts or (line.role is not None and r != line.role):
                    continue
                worked = set()
                for t in worked_intervals(shift, d, step):
                    if (line.role, t) in needs:
                        floor[(line.role, t)].append((n, 1))
                        worked.add(t)
                for start, b in self.breaks.get((d, s, r), []):
                    for t in break_intervals(shift, d, start, step):
                        if t in worked:
                            floor[(line.role, t)].append((b, -1))
        everyone = len(self.x)
        past = history_on_floor(sc, cal)  # the previous roster's night on day 1: a constant
        for key, need in needs.items():
            terms = floor.get(key, [])
            here = (cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms])
                    + past.get(key, 0))
            name = f"{key[0] or 'all'}_{key[1]}"
            self._shortfall(here, need, f"under_{name}")
            self._penalty("interval_over", need.over_weight, here, need.agents,
                          need.agents + everyone, f"over_{name}")
            if need.floor_min:
                self._penalty("min_on_floor", need.floor_weight, -here, -need.floor_min, 0,
                              f"low_{name}")

    def _shortfall(self, here: cp_model.LinearExprT, need, name: str) -> None:
        """People short at the line's convex steps: slack k (one person wide, the last open) costs
        step k."""
        if need.agents <= 0 or not any(need.steps):
            return
        k = min(need.agents, len(need.steps))
        parts = []
        for j in range(k):
            width = 1 if j < len(need.steps) - 1 else need.agents - j
            u = self.model.new_int_var(0, width, f"{name}_{j}")
            parts.append(u)
            self.terms["interval_shortfall"].append((need.steps[j], u))
        self.model.add(here + sum(parts) >= need.agents)
        self.exact["interval_shortfall"].append(
            lambda value, e=here, need=need: need.short_cost(need.agents - value(e)))

    # ---- sequences ------------------------------------------------------
    def _rest_and_sequences(self) -> None:
        sc, cal = self.sc, self.cal
        days = len(cal)
        shift_index = {s.id: i for i, s in enumerate(sc.shifts)}
        for p, person in enumerate(sc.staff):
            rules = sc.rules_for(person.id)
            rest = (limit_value(rules.min_rest_hours) or 0) * 60
            rest_weight = limit_weight(rules.min_rest_hours)
            # (shift a, shift b, days between, overlap)
            close: list[tuple[int, int, int, bool]] = []
            for a, sa in enumerate(sc.shifts):
                for b, sb in enumerate(sc.shifts):
                    for gap_days in range(1, MAX_DAYS_BETWEEN + 1):
                        gap = gap_days * 1440 + sb.start_minute - sa.end_minute
                        if gap < rest:
                            close.append((a, b, gap_days, gap < 0))
            for d in range(days):
                for a, b, k, overlap in close:
                    if (d + k >= days or (p, d, a) not in self.cells
                            or (p, d + k, b) not in self.cells):
                        continue
                    both = self.works(p, d, a) + self.works(p, d + k, b)
                    self._penalty("rest", None if overlap else rest_weight, both, 1, 2,
                                  f"rest{p}_{d}_{a}_{b}")
            seq_weight = rules.forbidden_sequences_weight
            for first, then in rules.forbidden_sequences or ():
                a, b = shift_index[first], shift_index[then]
                for d in range(days - 1):
                    if (p, d, a) in self.cells and (p, d + 1, b) in self.cells:
                        both = self.works(p, d, a) + self.works(p, d + 1, b)
                        self._penalty("sequence", seq_weight, both, 1, 2, f"seq{p}_{d}_{a}_{b}")

    def _runs(self) -> None:
        sc, days = self.sc, len(self.cal)
        for p, person in enumerate(sc.staff):
            rules = sc.rules_for(person.id)
            most = limit_value(rules.max_consecutive_work_days)
            if most is not None and most < days:
                span = int(most) + 1
                for d in range(days - span + 1):
                    window = sum(self.on_day(p, d + i) for i in range(span))
                    self._penalty("max_consecutive", limit_weight(rules.max_consecutive_work_days),
                                  window, int(most), span, f"run{p}_{d}")
            least = int(limit_value(rules.min_consecutive_days_off) or 0)
            weight = limit_weight(rules.min_consecutive_days_off)
            for length in range(1, least):  # worked, `length` days off, worked: too short a break
                for d in range(1, days - length):
                    before, after = self.on_day(p, d - 1), self.on_day(p, d + length)
                    if isinstance(before, int) or isinstance(after, int):
                        continue
                    off = [self.on_day(p, d + i) for i in range(length)]
                    pattern = before + after - sum(off)  # 2 exactly when the short break happens
                    self._penalty("min_consecutive_off", weight, pattern, 1, 2,
                                  f"off{p}_{d}_{length}")

    def _hours(self) -> None:
        sc, cal = self.sc, self.cal
        for p, person in enumerate(sc.staff):
            rules = sc.rules_for(person.id)
            cap = limit_value(rules.max_hours_per_week)
            if cap is not None:
                for week in cal.weeks:
                    minutes = [(sc.shifts[s].paid_minutes, v) for d in week
                               for s in range(len(sc.shifts))
                               for v in self.cells.get((p, d, s), [])]
                    most = sum(m for m, _ in minutes)
                    if most > cap * 60:
                        expr = sum(m * v for m, v in minutes)
                        self._penalty("hours_week", limit_weight(rules.max_hours_per_week), expr,
                                      int(math.floor(cap * 60)), most, f"week{p}_{week[0]}")
            for sid, n in (rules.max_shifts or {}).items():
                s = [x.id for x in sc.shifts].index(sid)
                self.model.add(sum(self.works(p, d, s) for d in range(len(cal))) <= n)
            ids = [x.id for x in sc.shifts]
            for template, n in (rules.max_template_shifts or {}).items():
                self.model.add(sum(self.works(p, d, ids.index(x))
                                   for x in sc.shifts_named([template])
                                   for d in range(len(cal))) <= n)

    # ---- wishes and fairness ----------------------------------------------
    def _requests(self) -> None:
        sc, cal = self.sc, self.cal
        person_index = {x.id: i for i, x in enumerate(sc.staff)}
        shift_index = {s.id: i for i, s in enumerate(sc.shifts)}
        for rq in sc.requests:
            p, d = person_index[rq.staff], cal.index[rq.date]
            if rq.shift is not None and rq.off:
                broken = sum(self.works(p, d, shift_index[x]) for x in rq.shifts)
            elif rq.shift is not None:
                broken = 1 - sum(self.works(p, d, shift_index[x]) for x in rq.shifts)
            else:
                broken = self.on_day(p, d)
            self.terms["requests"].append((rq.weight, broken))
            self.exact["requests"].append(lambda value, e=broken, w=rq.weight: w * value(e))

    def _fairness(self) -> None:
        sc, cal = self.sc, self.cal
        weights = sc.fairness.model_dump()
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for p, person in enumerate(sc.staff):
            groups[tuple(sorted(person.roles))].append(p)
        amount = {
            "nights": lambda d, s: int(sc.shifts[s].is_night),
            "weekends": lambda d, s: int(cal.days[d].is_weekend),
            "holidays": lambda d, s: int(cal.days[d].is_holiday),
            "hours": lambda d, s: round(sc.shifts[s].paid_minutes / 60),
        }
        mine: dict[int, list[tuple[int, int, cp_model.IntVar]]] = defaultdict(list)
        for (p, d, s), xs in self.cells.items():
            mine[p].extend((d, s, v) for v in xs)
        for kind, weight in weights.items():
            if not weight:
                continue
            for roles, people in groups.items():
                counts = []
                for p in people:
                    parts = [(amount[kind](d, s), v) for d, s, v in mine[p]]
                    parts = [(k, v) for k, v in parts if k]
                    if parts:
                        counts.append((sum(k for k, _ in parts), sum(k * v for k, v in parts)))
                if len(counts) < 2:
                    continue
                top = max(c for c, _ in counts)
                hi = self.model.new_int_var(0, top, f"most_{kind}_{'+'.join(roles)}")
                lo = self.model.new_int_var(0, top, f"fewest_{kind}_{'+'.join(roles)}")
                for _, expr in counts:
                    self.model.add(expr <= hi)
                    self.model.add(expr >= lo)
                self.terms["fairness_spread"].append((weight, hi - lo))
                exprs = [e for _, e in counts]
                self.exact["fairness_spread"].append(
                    lambda value, es=exprs, w=weight:
                        w * (max(map(value, es)) - min(map(value, es))))

    # ---- reading a roster back ------------------------------------------
    def roster(self, value: Callable) -> Roster:
        """The roster of a solution, ``value(var) -> int``; each shift's breaks go to its people
        in staff order."""
        sc, cal = self.sc, self.cal
        people: dict[tuple[int, int, str], list[int]] = defaultdict(list)
        for (p, d, s, r), v in self.x.items():
            if value(v):
                people[(d, s, r)].append(p)
        out = []
        for (d, s, r), ps in people.items():
            starts: list[int | None] = []
            for t, b in self.breaks.get((d, s, r), []):
                starts.extend([t] * int(value(b)))
            starts += [None] * (len(ps) - len(starts))
            for p, t in zip(sorted(ps), starts, strict=False):
                at = None if t is None else f"{t % 1440 // 60:02d}:{t % 60:02d}"
                out.append(Assignment(cal.days[d].date, sc.staff[p].id, sc.shifts[s].id, r,
                                      break_at=at))
        return Roster.of(out)

    def roster_vars(self) -> list[cp_model.IntVar]:
        """The variables a roster is read from (cells, then break counts)."""
        return list(self.x.values()) + [b for counts in self.breaks.values() for _, b in counts]

    def term_values(self, value: Callable) -> dict[str, int]:
        """What the roster of a solution costs per term (slacks taken at their least)."""
        return {name: int(sum(cost(value) for cost in costs)) for name, costs in self.exact.items()}


class _Watch(cp_model.CpSolverSolutionCallback):
    """Times each improving roster and keeps the best one at each asked second."""

    def __init__(self, start: float, at: Sequence[float], order: np.ndarray) -> None:
        super().__init__()
        self.start, self.at, self.order = start, sorted(at), order
        self.history: list[tuple[float, float]] = []
        self.last: np.ndarray | None = None
        self.last_time = 0.0
        self.kept: dict[float, np.ndarray] = {}

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.start
        for t in self.at:
            if t not in self.kept and self.last is not None and self.last_time <= t < now:
                self.kept[t] = self.last
        self.history.append((round(now, 3), self.objective_value))
        if self.at:
            solution = np.asarray(self.response_proto.solution, dtype=np.int64)
            self.last = solution[self.order].astype(np.int32)
            self.last_time = now


def solve_plain(scenario: Scenario, time_limit: float = 60.0, workers: int = 2, seed: int = 0,
                at: Sequence[float] = (), log: bool = False) -> PeerResult:
    """Build the plain model and solve it with CP-SAT's default portfolio.

    ``at``: seconds (from this call) at which to keep the best roster (``PeerResult.snapshots``)."""
    t0 = time.perf_counter()
    pm = PlainModel(scenario)
    build_seconds = time.perf_counter() - t0
    cells = pm.roster_vars()
    order = np.array([v.index for v in cells], dtype=np.int64)
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.max_time_in_seconds = float(time_limit)
    prm.num_workers = int(workers)
    prm.random_seed = int(seed)
    prm.log_search_progress = log
    watch = _Watch(t0, at, order)
    code = solver.solve(pm.model, watch)
    result = PeerResult(status=solver.status_name(code), roster=Roster(),
                        build_seconds=round(build_seconds, 3),
                        seconds=round(time.perf_counter() - t0, 3), history=watch.history,
                        variables=len(pm.model.proto.variables))
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.roster = pm.roster(solver.value)
        result.terms = pm.term_values(solver.value)
        result.objective = float(sum(result.terms.values()))
        result.search_objective = solver.objective_value
        result.bound = solver.best_objective_bound
        result.first_seconds = watch.history[0][0] if watch.history else None
        final = np.array([solver.value(v) for v in cells], dtype=np.int32)
        for t in at:
            values = watch.kept.get(t)
            if values is None and watch.history and watch.last_time <= t:
                values = final  # no roster came after the last one before t
            if values is not None:
                found = dict(zip((v.index for v in cells), values.tolist(), strict=True))
                result.snapshots[t] = pm.roster(lambda v, found=found: found[v.index])
    return result
