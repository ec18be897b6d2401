"""The smallest headcount of each role that still meets every hard rule, and the proof that one
person fewer cannot (column generation's bound on the hard seats, or the solver)."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model

from roster.model.availability import leave_minutes
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.parse import ScenarioError
from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.services.variants import headcount, with_headcount
from roster.solver.rules import hard_families
from roster.solver.search import construct
from roster.solver.search.colgen import ColumnGeneration
from roster.solver.solve import build, extract


@dataclass
class RoleNeed:
    role: str
    current: int
    minimum: int | None
    """None when no roster was found within the time limit."""
    proved: bool
    """True when a solve showed that one person fewer cannot meet every hard rule."""
    hires: int
    """New people beyond the current staff in the smallest roster found."""
    drivers: list[str] = field(default_factory=list)
    """Days and shifts on which every available person of the role works at the minimum."""
    status: str = ""
    proof: str = ""
    """How one fewer was shown too small: ``column generation`` (a positive bound on the hard seats
    no roster fills), ``cp-sat`` (the solver proved it infeasible), or empty (not shown)."""
    uncovered: int | None = None
    """With ``column generation``: the least number of hard seats one fewer leaves empty."""


@dataclass
class MinStaffResult:
    roles: list[RoleNeed]
    seconds: float

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"role": r.role, "current": r.current, "minimum": r.minimum,
                              "new hires": r.hires, "one fewer infeasible": r.proved,
                              "proved by": r.proof,
                              "hard seats left empty by one fewer (at least)": r.uncovered,
                              "driven by": "; ".join(r.drivers[:5])} for r in self.roles])


def _day_seats(scenario: Scenario, cal: Calendar, role: str) -> dict[int, int]:
    out: dict[int, int] = {}
    for (d, _s, r), st in seats_table(scenario, cal).items():
        if r == role:
            out[d] = out.get(d, 0) + st.min
    return out


def least_of_role(scenario: Scenario, role: str, extra: int, time_limit: float, workers: int,
                  cap: int | None = None) -> tuple[str, int | None, Roster, list[str]]:
    """Minimise the people of ``role`` kept (current staff may be dropped, ``extra`` hires
    added)."""
    sc = with_headcount(scenario, role, headcount(scenario, role) + extra) if extra else scenario
    ctx = build(sc, families=hard_families())
    model, v = ctx.model, ctx.vars
    model.ClearObjective()
    keep = {}
    for p, person in enumerate(sc.staff):
        if role not in person.roles:
            continue
        k = model.NewBoolVar(f"keep:{person.id}")
        for _d, _s, var in v.mine.get(p, []):
            model.AddImplication(var, k)
        keep[person.id] = k
    hires = [k for sid, k in keep.items() if sid not in scenario.staff_by_id]
    for a, b in zip(hires, hires[1:], strict=False):
        model.AddImplication(b, a)
    for sid, k in keep.items():
        model.AddHint(k, sid in scenario.staff_by_id)
    total = sum(keep.values())
    if cap is not None:
        model.Add(total <= cap)
    else:  # fewest people, and of as many, the fewest hires (current staff first)
        model.Minimize(total * (len(hires) + 1) + sum(hires))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    code = solver.Solve(model)
    status = solver.StatusName(code)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, Roster(), []
    kept = [sid for sid, k in keep.items() if solver.BooleanValue(k)]
    return status, len(kept), extract(ctx, solver), kept


COLUMN_SHARE = 0.5
"""Share of a role's time left for the column-generation proof before the solver's check."""


def too_few_for_hard_seats(scenario: Scenario, role: str, cap: int, seconds: float) -> int | None:
    """A least number of hard seats every roster leaves empty when at most ``cap`` people of
    ``role`` work (``None`` or 0: nothing proved). The phase-one master of column generation:
    months cost nothing, each empty hard seat costs 1; its Lagrangian bound from an exact pricing
    round is a lower bound (per-person rules the pricing relaxes only lower it)."""
    if not construct.applies(scenario) or seconds < 0.2:
        return None
    team = np.array([role in p.roles for p in scenario.staff])
    found = ColumnGeneration(scenario, hard_only=True, team=team, cap=cap).run(seconds)
    if not math.isfinite(found.value) or found.value < 1:
        return None
    return int(found.value)


def _drivers(scenario: Scenario, role: str, roster: Roster, kept: list[str]) -> list[str]:
    """Days on which every kept person of the role who is free that day works (tightest first)."""
    cal = Calendar(scenario)
    leave = leave_minutes(scenario, cal)
    seats = _day_seats(scenario, cal, role)
    working: dict[dt.date, set[str]] = {}
    for a in roster:
        working.setdefault(a.date, set()).add(a.staff)
    by_id = {p.id: p for p in scenario.staff}
    out = []
    for day in cal.days:
        free = [sid for sid in kept if sid in by_id and day.date not in by_id[sid].days_off
                and not any(s0 < (day.index + 1) * 1440 and day.index * 1440 < e
                            for s0, e, _ in leave.get(sid, []))]
        if not free or not seats.get(day.index):
            continue
        busy = len(working.get(day.date, set()) & set(free))
        if busy >= len(free):
            shifts = ", ".join(f"{s} {st.min}"
                               for (d, s, r), st in seats_table(scenario, cal).items()
                               if d == day.index and r == role and st.min)
            out.append((len(free), f"{day.date} ({shifts}; all {len(free)} free work)"))
    out.sort()
    return [text for _, text in out]


def min_staff(scenario: Scenario, roles: Sequence[str] | None = None, time_limit: float = 60,
              workers: int = 2) -> MinStaffResult:
    """The smallest headcount of each role that still meets every hard rule (other roles as they
    are), and a check that one person fewer is infeasible."""
    t0 = time.perf_counter()
    wanted = list(roles) if roles else [r.id for r in scenario.roles if headcount(scenario, r.id)]
    for r in wanted:
        if r not in scenario.role_by_id:
            raise ScenarioError("--role", "role", r, f"unknown role {r!r}",
                                hint=f"known roles: {', '.join(scenario.role_by_id)}")
    share = time_limit / max(1, len(wanted))
    out = []
    for role in wanted:
        start = time.perf_counter()
        cal = Calendar(scenario)
        extra = max([*_day_seats(scenario, cal, role).values(), 1])
        current = headcount(scenario, role)
        status, least, roster, kept = "UNKNOWN", None, Roster(), []
        for _ in range(3):
            budget = share * 0.6 - (time.perf_counter() - start)
            status, least, roster, kept = least_of_role(scenario, role, extra, budget, workers)
            if least is None or least < current + extra:
                break
            extra *= 2  # every hire was used: allow more
        if least is None:
            out.append(RoleNeed(role, current, None, False, 0, [], status))
            continue
        proof, uncovered = "", None
        grown = with_headcount(scenario, role, current + extra) if extra else scenario
        if least > 0:
            left = share - (time.perf_counter() - start)
            uncovered = too_few_for_hard_seats(grown, role, least - 1, left * COLUMN_SHARE)
            if uncovered:
                proof = "column generation"
            else:
                left = share - (time.perf_counter() - start)
                check, _, _, _ = least_of_role(scenario, role, extra, max(left, 1.0), workers,
                                                cap=least - 1)
                proof, uncovered = ("cp-sat" if check == "INFEASIBLE" else ""), None
        proved = bool(proof) or (least == 0 and status == "OPTIMAL")
        hires = sum(1 for sid in kept if sid not in scenario.staff_by_id)
        out.append(RoleNeed(role, current, least, proved, hires,
                            _drivers(grown, role, roster, kept), status, proof, uncovered))
    return MinStaffResult(out, time.perf_counter() - t0)
