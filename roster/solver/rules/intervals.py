"""People on the floor per interval, breaks placed (``demand`` lines with ``per_interval``, shifts
with ``break``).

For every shift instance with a break rule and every seat role, integer break counts per allowed
break start sum to the people seated there (a break that fits nowhere leaves the shift to nobody,
a hard rule). People on the floor in an interval = people working all of it − breaks touching it,
counted as ``roster.model.intervals.on_floor`` counts. People short cost the line's steps, convex:
the shortfall is split into one-person segments (the last one open-ended), segment k costing the
k-th step, so the cheapest segments fill first (term ``interval_shortfall``); each person over
costs ``over_weight`` (``interval_over``). ``min_on_floor``: floor >= N while the line needs anyone,
hard or a slack at its weight (``min_on_floor``).
``ctx.cache["breaks"]`` holds (day, shift, seat role, start minute) → break count for ``extract``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ortools.sat.python import cp_model

from roster.model.intervals import (
    break_intervals,
    counted_shifts,
    history_on_floor,
    interval_needs,
    worked_intervals,
)
from roster.model.posts import duty_role
from roster.model.rule_names import Rule

from ..context import Context, Label
from .family import Family, Scope


def seated_people(ctx: Context) -> dict[tuple[int, int, str | None], list]:
    """(day, shift, role the person counts as, None for post duty without one) → work literals."""
    v, sc = ctx.vars, ctx.scenario
    out: dict[tuple[int, int, str | None], list] = defaultdict(list)
    for (_p, d, s, r), var in v.x.items():
        out[(d, s, r)].append(var)
    for (k, _p, d, s), var in v.duty.items():
        out[(d, s, duty_role(sc.posts[k], v.seats, d, v.shifts[s]))].append(var)
    return out


def add(ctx: Context) -> None:
    v, sc, cal, model = ctx.vars, ctx.scenario, ctx.calendar, ctx.model
    groups = seated_people(ctx)
    breaks: dict[tuple[int, int, str | None, int], cp_model.IntVar] = {}
    people: dict[tuple[int, int, str | None], cp_model.LinearExprT] = {}
    lines = [(line.role, line.interval_minutes, counted_shifts(sc, line))
             for _, line in sc.interval_lines]
    counted = {sid for _r, _s, shifts in lines for sid in shifts}
    for (d, s, r), lits in sorted(groups.items(),
                                  key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        shift = sc.shift_by_id[v.shifts[s]]
        date = cal.days[d].date
        if shift.break_rule is not None and not shift.break_starts:
            rule = shift.break_rule
            label = Label(Rule.BREAKS, (d, shift.id),
                          f"{date} {shift.id}: its {rule.minutes}-minute break "
                          f"fits nowhere between {rule.within[0]} and {rule.within[1]}",
                          f"{date} {shift.label}: {rule.minutes} 分钟休息在 "
                          f"{rule.within[0]}-{rule.within[1]} 内放不下")
            ctx.at_most(sum(lits), 0, None, Rule.BREAKS, label)
            continue
        if shift.id not in counted and shift.break_rule is None:
            continue
        n: cp_model.LinearExprT = (lits[0] if len(lits) == 1
                                   else model.NewIntVar(0, len(lits), f"n|{d}|{shift.id}|{r}"))
        if len(lits) > 1:
            model.Add(n == sum(lits))
        people[(d, s, r)] = n
        if shift.break_rule is None:
            continue
        starts = shift.break_starts
        bs = [model.NewIntVar(0, len(lits), f"break|{d}|{shift.id}|{r}|{t}") for t in starts]
        model.Add(sum(bs) == n)
        for t, b in zip(starts, bs, strict=True):
            breaks[(d, s, r, t)] = b
    ctx.cache["breaks"] = breaks
    needs = interval_needs(sc, cal)
    if not needs:
        return
    floor: dict[tuple[str | None, int], list] = defaultdict(list)
    most: dict[tuple[str | None, int], int] = defaultdict(int)
    for (d, s, r), n in people.items():
        shift = sc.shift_by_id[v.shifts[s]]
        for lrole, step, shifts in lines:
            if shift.id not in shifts or (lrole is not None and r != lrole):
                continue
            worked = worked_intervals(shift, d, step)
            for t in worked:
                if (lrole, t) in needs:
                    floor[(lrole, t)].append(n)
                    most[(lrole, t)] += len(groups[(d, s, r)])
            mine = set(worked)
            for start in shift.break_starts:
                for t in break_intervals(shift, d, start, step):
                    if t in mine and (lrole, t) in needs:
                        floor[(lrole, t)].append(-breaks[(d, s, r, start)])
    past = history_on_floor(sc, cal)  # last month's night on day 1's early intervals: a constant
    for key in sorted(needs, key=lambda k: (k[1], k[0] or "")):
        need = needs[key]
        expr = sum(floor.get(key, [])) + past.get(key, 0)
        most[key] += past.get(key, 0)
        when = interval_text(cal, key[1])
        who = key[0] or "staff"
        if need.agents > 0 and any(need.steps):
            label = Label(Rule.INTERVAL_SHORTFALL, key,
                          f"{when}: at least {need.agents} {who} on the floor",
                          f"{when}: 在席 {who} 至少 {need.agents} 人")
            short_segments(ctx, expr, need.agents, need.steps, label)
        if need.floor_min > 0:
            label = Label(Rule.MIN_ON_FLOOR, key,
                          f"{when}: never fewer than {need.floor_min} {who} on the floor",
                          f"{when}: 在席 {who} 不少于 {need.floor_min} 人")
            ctx.at_least(expr, need.floor_min, need.floor_weight, Rule.MIN_ON_FLOOR, label,
                         ub=need.floor_min)
        if need.over_weight and most[key] > need.agents:
            label = Label(Rule.INTERVAL_OVER, key,
                          f"{when}: at most {need.agents} {who} on the floor",
                          f"{when}: 在席 {who} 至多 {need.agents} 人")
            ctx.at_most(expr, need.agents, need.over_weight, Rule.INTERVAL_OVER, label,
                        ub=most[key] - need.agents)


def short_segments(ctx: Context, expr, need: int, steps: tuple[int, ...], label: Label) -> None:
    """``expr + shortfall >= need`` with the shortfall's cost convex: one segment per step (each one
    person wide, the last taking the rest), segment k costing ``steps[k]`` per person. Steps never
    decrease, so a least-cost solution fills the cheap segments first and the cost is exactly the
    sum of the first ``shortfall`` steps."""
    widths: list[tuple[int, int]] = []
    for k in range(min(need, len(steps))):
        widths.append((1 if k < len(steps) - 1 else need - k, steps[k]))
    merged: list[tuple[int, int]] = []
    for width, cost in widths:  # equal neighbouring steps are one segment
        if merged and merged[-1][1] == cost:
            merged[-1] = (merged[-1][0] + width, cost)
        else:
            merged.append((width, cost))
    parts = []
    for j, (width, cost) in enumerate(merged):
        u = ctx.model.NewIntVar(0, width, f"under:{label.family}:{label.key}:{j}")
        parts.append(u)
        ctx.penalise(Rule.INTERVAL_SHORTFALL, cost, u)
    ctx.model.Add(expr + sum(parts) >= need)


def interval_text(cal, start: int) -> str:
    """``2026-12-01 09:30`` for an interval start in minutes from the horizon start."""
    day, minute = divmod(start, 1440)
    date = cal.days[0].date + dt.timedelta(days=day)
    return f"{date} {minute // 60:02d}:{minute % 60:02d}"


def break_counts(ctx: Context, value) -> dict[tuple[int, int, str | None], list[tuple[int, int]]]:
    """(day, shift, role) → [(break start minute, people)] in the solution ``value`` reads."""
    out: dict[tuple[int, int, str | None], list[tuple[int, int]]] = defaultdict(list)
    placed = ctx.cache.get("breaks", {})
    for (d, s, r, t), var in sorted(placed.items(),
                                    key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "", kv[0][3])):
        k = int(value(var))
        if k:
            out[(d, s, r)].append((t, k))
    return out


FAMILY = Family(
    Rule.INTERVALS, add, Scope.EVERYONE, hard=True,
    terms=(Rule.INTERVAL_SHORTFALL, Rule.INTERVAL_OVER, Rule.MIN_ON_FLOOR, Rule.BREAKS),
    violations=(Rule.INTERVAL_SHORTFALL, Rule.INTERVAL_OVER, Rule.MIN_ON_FLOOR, Rule.BREAKS),
    labels=(Rule.BREAKS, Rule.INTERVAL_SHORTFALL, Rule.INTERVAL_OVER, Rule.MIN_ON_FLOOR),
    words={Rule.BREAKS: ("breaks that fit nowhere", "放不下的休息"),
           Rule.INTERVAL_SHORTFALL: ("people on the floor per interval", "每时段在席人数"),
           Rule.INTERVAL_OVER: ("people on the floor per interval", "每时段在席人数"),
           Rule.MIN_ON_FLOOR: ("fewest people on the floor", "最少在席人数")},
    person_search=True,
)
"""Scope EVERYONE: the floor counts everyone's shifts, and models of a few people (groups,
neighbourhoods) count no one else on the floor; the per-person search prices intervals itself."""
