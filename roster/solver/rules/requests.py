"""Wishes: a shift on a day, a day off, or not a given shift; each costs its weight when not met."""

from __future__ import annotations

from roster.model.rule_names import Rule

from ..context import Context
from .family import Family, Scope


def add(ctx: Context) -> None:
    v, cal = ctx.vars, ctx.calendar
    for rq in ctx.scenario.requests:
        p, d = v.staff.index(rq.staff), cal.index[rq.date]
        if rq.shift is not None:
            lits = [var for s in rq.shifts if (var := v.on(p, d, v.shifts.index(s))) is not None]
            if rq.off:  # wants not that shift (or none of a template's starts)
                if lits:
                    ctx.penalise(Rule.REQUESTS, rq.weight, sum(lits))
            elif not lits:
                ctx.penalise(Rule.REQUESTS, rq.weight, 1)
            else:  # wants that shift (or one of a template's starts)
                ctx.penalise(Rule.REQUESTS, rq.weight, 1 - sum(lits))
        else:
            var = v.works(p, d)
            if var is not None:
                ctx.penalise(Rule.REQUESTS, rq.weight, var)


FAMILY = Family(Rule.REQUESTS, add, Scope.PERSON, hard=False, terms=(Rule.REQUESTS,),
                violations=(Rule.REQUESTS,), person_search=True)
