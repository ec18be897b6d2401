"""The whole roster's CP-SAT model: variables, every rule family, the objective; hints into it and
the roster out of a solution."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ortools.sat.python import cp_model

from roster.model.calendar import Calendar
from roster.model.intervals import break_minute
from roster.model.posts import duty_role
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.scenario import Scenario

from .breaks import break_text
from .context import Context
from .objective import set_objective
from .rules import FAMILIES, Family
from .rules.intervals import break_counts
from .variables import build_variables


def build(scenario: Scenario, calendar: Calendar | None = None, explain: bool = False,
          families: Iterable[Family] | None = None,
          seated: dict[tuple[int, int, str | None], int] | None = None) -> Context:
    """The CP-SAT model with every rule family added (or ``families``, in their order) and the
    objective set.

    ``seated``: seats already taken by people left out of ``scenario`` (see rules/coverage.py)."""
    calendar = calendar or Calendar(scenario)
    model = cp_model.CpModel()
    ctx = Context(model, scenario, calendar, build_variables(model, scenario, calendar),
                  explain=explain)
    if seated:
        ctx.cache["seated"] = seated
    for family in (FAMILIES.values() if families is None else families):
        family.add(ctx)
    set_objective(ctx)
    return ctx


def solve_hint_fixed(model: cp_model.CpModel, seconds: float) -> cp_model.CpSolver | None:
    """One thread, every hinted variable fixed to its hint: the least cost of the rest (slacks,
    counts) for the hinted roster. None unless that is found within ``seconds``."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.fix_variables_to_their_hinted_value = True
    return solver if solver.Solve(model) == cp_model.OPTIMAL else None


def tighten(ctx: Context, solver: cp_model.CpSolver,
            seconds: float = 30.0) -> cp_model.CpSolver | None:
    """The exact cost of the roster a stopped search returned.

    A soft rule's slack only bounds how far the rule is broken (``n + slack >= min``); in a roster
    that is not optimal a slack may be larger than needed. With every assignment fixed, a second
    search sets each slack to its least value, so the objective and the terms equal the
    validator's cost. ``None`` when that search does not finish in ``seconds`` (the first answer
    then stands).
    """
    fixed = ctx.model.clone()
    fixed.clear_hints()
    roster_vars = [*ctx.vars.x.values(), *getattr(ctx.vars, "duty", {}).values(),
                   *ctx.cache.get("leave_days", {}).values()]  # everything extract() reads
    for var in roster_vars:
        fixed.add_hint(fixed.get_bool_var_from_proto_index(var.Index()), solver.BooleanValue(var))
    for var in ctx.cache.get("breaks", {}).values():  # the breaks extract() placed stay put
        fixed.add_hint(fixed.get_int_var_from_proto_index(var.Index()), solver.Value(var))
    second = solve_hint_fixed(fixed, seconds)
    if second is None or second.ObjectiveValue() > solver.ObjectiveValue() + 1e-6:
        return None
    return second


def extract(ctx: Context, solver: cp_model.CpSolver) -> Roster:
    v, cal, sc = ctx.vars, ctx.calendar, ctx.scenario
    seats = [Assignment(cal.days[d].date, v.staff[p], v.shifts[s], r)
             for (p, d, s, r), var in v.x.items() if solver.BooleanValue(var)]
    duty = [Assignment(cal.days[d].date, v.staff[p], v.shifts[s],
                       duty_role(sc.posts[k], v.seats, d, v.shifts[s]), sc.posts[k].id)
            for (k, p, d, s), var in v.duty.items() if solver.BooleanValue(var)]
    leave = [LeaveDay(cal.days[d].date, sc.leave_wishes[i].staff, sc.leave_wishes[i].type)
             for (i, d), var in ctx.cache.get("leave_days", {}).items() if solver.BooleanValue(var)]
    return Roster.of(with_breaks(ctx, seats + duty, break_counts(ctx, solver.Value)), leave=leave)


def with_breaks(ctx: Context, items: list[Assignment],
                counts: dict[tuple[int, int, str | None],
                             list[tuple[int, int]]]) -> list[Assignment]:
    """The assignments with ``break_at`` set from break counts per (day, shift, role): people of a
    group in staff order take the starts in time order, as many each as the counts say."""
    sc, cal = ctx.scenario, ctx.calendar
    shift_index = {sid: i for i, sid in enumerate(ctx.vars.shifts)}
    groups: dict[tuple[int, int, str | None], list[int]] = {}
    for i, a in enumerate(items):
        if sc.shift_by_id[a.shift].break_rule is not None:
            groups.setdefault((cal.index[a.date], shift_index[a.shift], a.role), []).append(i)
    out = list(items)
    for key, members in groups.items():
        starts = [t for t, k in counts.get(key, []) for _ in range(k)]
        shift = sc.shift_by_id[ctx.vars.shifts[key[1]]]
        # none counted: the first start
        starts += list(shift.break_starts[:1]) * (len(members) - len(starts))
        members.sort(key=lambda i: out[i].staff)
        for i, t in zip(members, starts, strict=False):
            out[i] = dataclasses.replace(out[i], break_at=break_text(t))
    return out


def complete_hint(ctx: Context, seconds: float) -> cp_model.CpSolver | None:
    """Extend a roster hint to every variable (slacks, counts), so the search starts from it.

    CP-SAT treats a partial hint as a suggestion it must repair, and on large models it often
    gives up and starts elsewhere (measured: a 6,530 roster hinted, first roster 10,312 after
    15 s). With the roster fixed, one quick search fills in the rest; it is returned (its
    objective is the hinted roster's exact cost). None when the hinted roster breaks a hard rule
    (the partial hint then stays)."""
    second = solve_hint_fixed(ctx.model, seconds)
    if second is None:
        return None
    ctx.model.clear_hints()
    for i, value in enumerate(second.ResponseProto().solution):
        ctx.model.Proto().solution_hint.vars.append(i)
        ctx.model.Proto().solution_hint.values.append(value)
    return second


def add_hint(ctx: Context, roster: Roster) -> None:
    """Start the search from a known roster (cells it does not name are hinted off)."""
    v, cal = ctx.vars, ctx.calendar
    cells = {(a.staff, a.date, a.shift): a.role for a in roster if a.post is None}
    roles: dict[tuple[int, int, int], list[str]] = {}
    for (p, d, s, r) in v.x:
        roles.setdefault((p, d, s), []).append(r)
    for (p, d, s), rs in roles.items():
        key = (v.staff[p], cal.days[d].date, v.shifts[s])
        pick = None
        if key in cells:
            pick = cells[key] if cells[key] in rs else rs[0]
        for r in rs:
            ctx.model.AddHint(v.x[(p, d, s, r)], r == pick)
    duty = {(a.post, a.staff, a.date, a.shift) for a in roster if a.post is not None}
    for (k, p, d, s), var in v.duty.items():
        ctx.model.AddHint(var, (ctx.scenario.posts[k].id, v.staff[p], cal.days[d].date,
                                v.shifts[s]) in duty)
    breaks: dict[tuple[int, int, str | None, int], int] = {}
    shift_index = {sid: i for i, sid in enumerate(v.shifts)}
    for a in roster:
        if a.break_at is not None and a.date in cal.index and a.shift in shift_index:
            key = (cal.index[a.date], shift_index[a.shift], a.role,
                   break_minute(ctx.scenario.shift_by_id[a.shift], a.break_at))
            breaks[key] = breaks.get(key, 0) + 1
    for key, var in ctx.cache.get("breaks", {}).items():
        ctx.model.AddHint(var, breaks.get(key, 0))
    leave = {(x.date, x.staff, x.type) for x in roster.leave}
    wishes = ctx.scenario.leave_wishes
    for (i, d), var in ctx.cache.get("leave_days", {}).items():
        ctx.model.AddHint(var, (cal.days[d].date, wishes[i].staff, wishes[i].type) in leave)
