"""Leave wishes: the solver places ``days`` days of a leave type inside a window, where coverage
allows.

Each placed day is a whole day off: no shift of that person may overlap it (a night shift from the
day before included). A day carries at most one wish. The placed days are in
``ctx.cache["leave_days"]`` and come out as ``Roster.leave``.
"""

from __future__ import annotations

from roster.model.availability import wish_days
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from ..context import Context, Label
from .family import Family, Scope


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    placed: dict[tuple[int, int], object] = {}
    per_day: dict[tuple[int, int], list] = {}
    for i, w in enumerate(sc.leave_wishes):
        p = v.staff.index(w.staff)
        days = wish_days(sc, cal, i)
        lits = []
        for d in days:
            lit = ctx.model.NewBoolVar(f"{w.staff}|{cal.days[d].date:%m%d}|leave:{w.type}")
            placed[(i, d)] = lit
            lits.append(lit)
            per_day.setdefault((p, d), []).append(lit)
            lo, hi = d * 1440, (d + 1) * 1440
            for dd in (d - 1, d):
                for s in v.by_day.get((p, dd), []):
                    a, b = cal.interval(sc.shifts[s], dd)
                    if a < hi and lo < b:
                        ctx.model.AddImplication(lit, v.y[(p, dd, s)].Not())
        label = Label(Rule.LEAVE_WISH, (i,), f"{w.staff}: {w.days} {w.type} leave days placed in "
                      f"{w.window.start}..{w.window.end}",
                      f"{w.staff}: {w.window.start}..{w.window.end} 内安排 {w.days} 天{w.type}假")
        ctx.at_least(sum(lits), w.days, None, Rule.LEAVE_WISHES, label)
        ctx.at_most(sum(lits), w.days, None, Rule.LEAVE_WISHES, label)
    for lits in per_day.values():
        if len(lits) > 1:
            ctx.model.AddAtMostOne(lits)
    ctx.cache["leave_days"] = placed


def uses(scenario: Scenario) -> bool:
    return bool(scenario.leave_wishes)


FAMILY = Family(
    Rule.LEAVE_WISHES, add, Scope.PERSON, hard=True,
    terms=(Rule.LEAVE_WISHES,),
    violations=(Rule.LEAVE_WISHES,),
    labels=(Rule.LEAVE_WISH,),
    person_search=False,
    uses=uses,
)
"""The per-person search places no leave days: a scenario with leave wishes is left to the model."""
