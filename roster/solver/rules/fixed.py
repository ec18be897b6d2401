"""Pinned cells: this person works this shift on this day (days off pins prune variables)."""

from __future__ import annotations

from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from ..context import Context, Label
from ..relax import staff_of
from .family import Family, Offer, Scope


def add(ctx: Context) -> None:
    v, cal = ctx.vars, ctx.calendar
    for f in ctx.scenario.fixed:
        if f.shift is None:
            continue
        p, d = v.staff.index(f.staff), cal.index[f.date]
        what = f.shift if len(f.shifts) == 1 else "/".join(f.shifts)
        label = Label(Rule.FIXED, (f.staff, f.date, f.shift),
                      f"{f.staff} works {what} on {f.date} (pinned)",
                      f"{f.staff} {f.date} 固定上 {what}")
        lits = [var for s in f.shifts if (var := v.on(p, d, v.shifts.index(s))) is not None]
        ctx.at_least(sum(lits) if lits else 0, 1, None, Rule.FIXED, label)


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """The pin taken away."""
    sid = staff_of(sc, lb)
    if sid is None:
        return
    _, date, shift_id = lb.key

    def unpin(data: dict, sid: str = sid, date=date) -> None:
        data["fixed"] = [x for x in data["fixed"] if not (x["staff"] == sid and x["date"] == date)]
    add(f"{sid}: unpin {shift_id} on {date}", f"{sid}：取消 {date} 固定的 {shift_id}", 1, unpin,
        "unpin")


FAMILY = Family(
    Rule.FIXED, add, Scope.PERSON, hard=True,
    terms=(Rule.FIXED,),
    violations=(Rule.FIXED,),
    labels=(Rule.FIXED,),
    words={Rule.FIXED: ("pinned shifts", "固定班次")},
    repairs=repairs,
    person_search=True,
)
