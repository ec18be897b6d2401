"""Crews kept together (``teams: [{id, together: true}]``): the members of a crew who work a day
work the same shift.

Per crew and day, Booleans ``t[s]`` choose the crew's shift (at most one). Hard: every member's
``y[p, d, s] <= t[s]``. Soft: a Boolean ``apart[p]`` per member with
``apart[p] >= y[p, d, s] − t[s]`` for each shift s, and the term ``together`` costs
``weight × apart[p]``: each member who works another shift than the crew's; minimising picks the
shift most of the crew works, which is how the validator counts it.
"""

from __future__ import annotations

from roster.model.rotations import crews
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from ..context import Context, Label
from .family import Family, Offer, Scope


def add(ctx: Context) -> None:
    v, cal, model = ctx.vars, ctx.calendar, ctx.model
    index = {sid: p for p, sid in enumerate(v.staff)}
    for team, members, weight in crews(ctx.scenario):
        people = [index[m] for m in members if m in index]
        if len(people) < 2:
            continue
        for d in range(len(cal)):
            shifts = sorted({s for p in people for s in v.by_day.get((p, d), [])})
            working = [p for p in people if v.works(p, d) is not None]
            if len(working) < 2 or not shifts:
                continue
            if len(shifts) == 1:
                continue  # one shift possible: nobody can be on another
            date = cal.days[d].date
            pick = {s: model.NewBoolVar(f"crew|{team}|{d}|{v.shifts[s]}") for s in shifts}
            model.AddAtMostOne(pick.values())
            label = Label(Rule.TOGETHER, (team, date), f"crew {team}: one shift on {date}",
                          f"班组 {team} {date} 同班")
            if weight is None:
                for p in working:
                    for s in v.by_day[(p, d)]:
                        ct = model.AddImplication(v.on(p, d, s), pick[s])
                        if ctx.explain:
                            ct.OnlyEnforceIf(ctx.guard(label))
                continue
            for p in working:
                apart = model.NewBoolVar(f"crew|{team}|{v.staff[p]}|{d}")
                for s in v.by_day[(p, d)]:
                    model.Add(apart >= v.on(p, d, s) - pick[s])
                ctx.penalise(Rule.TOGETHER, weight, apart)


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """The crew allowed apart at a cost."""
    team = lb.key[0]

    def soften(data: dict, team: str = team) -> None:
        for t in data["teams"]:
            if t["id"] == team:
                t["weight"] = 100
    add(f"crew {team}: may split at a cost of 100 a member and day",
        f"班组 {team}：允许分班（每人每天代价 100）", 2, soften, f"crew:{team}")


def uses(scenario: Scenario) -> bool:
    return any(t.together for t in scenario.teams)


FAMILY = Family(
    Rule.CREWS, add, Scope.EVERYONE, hard=True,
    terms=(Rule.TOGETHER,),
    violations=(Rule.TOGETHER,),
    labels=(Rule.TOGETHER,),
    words={Rule.TOGETHER: ("crews on one shift", "班组同班")},
    repairs=repairs,
    person_search=False,
    uses=uses,
)
"""The per-person search prices no crew apart: a scenario with a crew kept together uses the
model."""
