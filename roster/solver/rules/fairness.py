"""Fair shares of nights, weekend shifts, holiday shifts and hours (see roster.model.fairness)."""

from __future__ import annotations

from ...model.fairness import carried_minutes, count_groups, counts_towards, fair_bands, hour_groups
from ...model.rule_names import FAIR_SHARE, Rule
from ...model.scenario import Scenario
from ..context import Context
from .family import Family, Scope


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    weights = sc.fairness.model_dump()
    index = {sid: p for p, sid in enumerate(v.staff)}
    for kind, bands in fair_bands(sc, cal).items():
        for p, sid in enumerate(v.staff):
            band = bands.get(sid)
            if band is None:
                continue
            terms = [(counts_towards(kind, sc, cal, d, v.shifts[s]), var)
                     for d, s, var in v.mine.get(p, [])]
            count = sum(c * var for c, var in terms if c)
            dev = ctx.model.NewIntVar(0, max(sum(c for c, _ in terms), band.lo),
                                      f"fair:{kind}:{sid}")
            ctx.model.Add(dev >= count - band.hi)
            ctx.model.Add(dev >= band.lo - count)
            ctx.penalise(FAIR_SHARE[kind], weights[kind], dev)
    for j, group in enumerate(count_groups(sc, cal)):
        # staffed by interval: the band is the floor and ceiling of a·C/A, C the group's count
        counts, tops = {}, {}
        for sid in group.share:
            terms = [(counts_towards(group.kind, sc, cal, d, v.shifts[s]), var)
                     for d, s, var in v.mine.get(index[sid], [])]
            counts[sid] = sum(c * var for c, var in terms if c)
            tops[sid] = sum(c for c, _ in terms)
        whole, most = sum(group.share.values()), sum(tops.values())
        total = ctx.model.NewIntVar(0, most, f"fair:{group.kind}:total:{j}")
        ctx.model.Add(total == sum(counts.values()))
        for sid, a in group.share.items():
            top = max(tops[sid], -(-a * most // whole))
            dev = ctx.model.NewIntVar(0, top, f"fair:{group.kind}:{sid}")
            # count - dev <= ceil(a·C/A) and count + dev >= floor(a·C/A), in whole numbers
            ctx.model.Add(whole * (counts[sid] - dev - 1) <= a * total - 1)
            ctx.model.Add(whole * (counts[sid] + dev + 1) >= a * total + 1)
            ctx.penalise(FAIR_SHARE[group.kind], weights[group.kind], dev)
    minutes = [s.paid_minutes for s in sc.shifts]
    carried = carried_minutes(sc)
    for g, group in enumerate(hour_groups(sc, cal)):
        whole = sum(group.share.values())
        before = {sid: carried.get(sid, 0) for sid in group.share}  # the year so far
        past = sum(before.values())
        mins = {sid: sum(minutes[s] * var for _d, s, var in v.mine.get(index[sid], []))
                for sid in group.share}
        most = {sid: sum(minutes[s] for _d, s, _v in v.mine.get(index[sid], []))
                for sid in group.share}
        # the group's total once, so each person's row names the total, not every peer (linear size)
        total = ctx.model.NewIntVar(0, sum(most.values()), f"fair:hours:total:{g}")
        ctx.model.Add(total == sum(mins.values()))
        for sid, a in group.share.items():
            top = (most[sid] + before[sid] + a * (sum(most.values()) + past) // whole) // 60 + 1
            dev = ctx.model.NewIntVar(0, top, f"fair:hours:{sid}")
            # whole * 60 * dev >= |whole * mine - a * total| - whole * slack; dev is whole hours, so
            # it is at least the rounded-up excess, and minimising keeps it there
            mine = mins[sid] + before[sid]
            slack = whole * group.slack
            ctx.model.Add(whole * 60 * dev >= whole * mine - a * (total + past) - slack)
            ctx.model.Add(whole * 60 * dev >= a * (total + past) - whole * mine - slack)
            ctx.penalise(Rule.FAIRNESS_HOURS, weights["hours"], dev)


def uncarried_hours(scenario: Scenario) -> bool:
    """The per-person search's fair shares count no hours carried in from earlier months."""
    return not (scenario.fairness.hours and any(c.hours for c in scenario.fairness_carry))


FAMILY = Family(
    Rule.FAIRNESS, add, Scope.EVERYONE, hard=False,
    terms=(*FAIR_SHARE.values(), Rule.FAIRNESS),
    violations=tuple(FAIR_SHARE.values()),
    person_search=uncarried_hours,
)
