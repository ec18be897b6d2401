"""Rotation patterns: each judged cell (``roster.model.rotations.pattern_cells``) is kept, or costs
the rotation's weight.

A cell with a shift is kept when the person works that shift that day (``y[p, d, s] = 1``); a day
off is kept when the person works no shift (``w[p, d] = 0``). Hard: those equalities (a cell
whose shift the person may not work that day makes the scenario infeasible). Soft: the term
``pattern`` gets ``weight × (1 − y)`` or ``weight × w`` per cell.
"""

from __future__ import annotations

from roster.model.rotations import pattern_cells
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from ..context import Context, Label
from ..relax import staff_of
from .family import Family, Offer, Scope


def add(ctx: Context) -> None:
    v, cal = ctx.vars, ctx.calendar
    index = {sid: p for p, sid in enumerate(v.staff)}
    for cell in pattern_cells(ctx.scenario, cal):
        p = index.get(cell.staff)
        if p is None:  # a model of a few people (groups, neighbourhoods)
            continue
        date = cal.days[cell.day].date
        if cell.shift is None:
            var = v.works(p, cell.day)
            if var is None:
                continue
            if cell.weight is None:
                label = Label(Rule.PATTERN, (cell.staff, date),
                              f"{cell.staff}: off on {date} (rotation {cell.rotation})",
                              f"{cell.staff} {date} 按轮班 {cell.rotation} 休息")
                ctx.at_most(var, 0, None, Rule.PATTERN, label)
            else:
                ctx.penalise(Rule.PATTERN, cell.weight, var)
            continue
        var = v.on(p, cell.day, v.shifts.index(cell.shift))
        if cell.weight is None:
            label = Label(Rule.PATTERN, (cell.staff, date),
                          f"{cell.staff}: works {cell.shift} on {date} (rotation {cell.rotation})",
                          f"{cell.staff} {date} 按轮班 {cell.rotation} 上 {cell.shift}")
            ctx.at_least(var if var is not None else 0, 1, None, Rule.PATTERN, label)
        else:
            ctx.penalise(Rule.PATTERN, cell.weight, 1 if var is None else 1 - var)


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """The person's hard rotation made soft (a deviation then costs 100), or the day excused by a
    day off."""
    sid = staff_of(sc, lb)
    if sid is None:
        return
    team = sc.staff_by_id[sid].team
    rotation = next((r for r in sc.rotations
                     if sid in r.staff or (r.team is not None and team == r.team)), None)
    if rotation is None:
        return
    rid = rotation.id

    def soften(data: dict, rid: str = rid) -> None:
        for r in data["rotations"]:
            if r["id"] == rid:
                r["weight"] = 100
    add(f"rotation {rid}: may be left at a cost of 100 a cell",
        f"轮班 {rid}：允许偏离（每格代价 100）", len(rotation.staff) or 2, soften, f"soften:{rid}")


def hard_patterns(scenario: Scenario) -> bool:
    """Hard patterns prune the per-person routine's cells; it does not price soft ones."""
    return all(r.weight is None for r in scenario.rotations)


FAMILY = Family(
    Rule.ROTATIONS, add, Scope.PERSON, hard=True,
    terms=(Rule.PATTERN,),
    violations=(Rule.PATTERN,),
    labels=(Rule.PATTERN,),
    words={Rule.PATTERN: ("rotation pattern cells", "轮班规律")},
    repairs=repairs,
    person_search=hard_patterns,
)
