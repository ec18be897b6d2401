"""A/B posts: every opening period manned by exactly one holder; A whenever A works that shift;
a backup only when A is not on duty; earlier backups preferred (soft term ``posts``).

A person mans at most one post at once because post duty is part of the shift literal y, which is
a single boolean per person, day and shift (and the rest rule keeps overlapping shifts apart).
"""

from __future__ import annotations

from roster.model.availability import why_not
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from ..context import Context, Label
from ..relax import without_day
from .family import Family, Offer, Scope


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    for (k, d, s), holders in sorted(v.periods.items()):
        post, shift, date = sc.posts[k], sc.shifts[s], cal.days[d].date
        duties = {p: v.duty[(k, p, d, s)] for p in holders}
        key = (post.id, d, shift.id)
        label = Label(Rule.POST_MANNED, key,
                      f"{date} {shift.id}: post {post.label} manned by exactly one holder",
                      f"{date} {shift.label}: {post.label} 须有且仅有一名岗位人员在岗")
        ctx.at_least(sum(duties.values()), 1, None, Rule.POSTS, label)
        if len(duties) > 1:
            ctx.at_most(sum(duties.values()), 1, None, Rule.POSTS, label)
        a = v.staff.index(post.a)
        a_works = v.on(a, d, s) if a in duties else None
        if a_works is not None:
            label = Label(Rule.POST_A, key,
                          f"{date} {shift.id}: {post.a} works {shift.id}, so {post.a} mans "
                          f"post {post.label}",
                          f"{date} {shift.label}: {post.a} 上班即在 {post.label} 岗")
            ctx.at_most(a_works - duties[a], 0, None, Rule.POSTS, label)
        for rank, b_id in enumerate(post.backups, start=1):
            b = v.staff.index(b_id)
            if b not in duties:
                continue
            if a_works is not None:
                label = Label(Rule.POST_B, (*key, b_id),
                              f"{date} {shift.id}: {b_id} mans post {post.label} only when "
                              f"{post.a} is not on duty",
                              f"{date} {shift.label}: {post.a} 不在岗时 {b_id} "
                              f"才顶 {post.label} 岗")
                ctx.at_most(duties[b] + a_works, 1, None, Rule.POSTS, label)
            ctx.penalise(Rule.POSTS, post.backup_weight * rank, duties[b])


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """A post period with no holder: a holder gives up that leave day, or one more backup."""
    if lb.family != Rule.POST_MANNED:
        return
    cal = ctx.calendar
    post_id, d, shift_id = lb.key
    k = [p.id for p in sc.posts].index(post_id)
    post, date, s = sc.posts[k], cal.days[d].date, [x.id for x in sc.shifts].index(shift_id)
    for holder in post.holders:
        reason = why_not(sc, cal, sc.staff_by_id[holder], d, s)
        if reason is not None and "leave" in reason:
            add(f"{holder}: no leave on {date} (shorten or move the leave by that day)",
                f"{holder}：{date} 不休假（缩短或调整该段假期）", 1,
                lambda data, sid=holder, day=date: without_day(data, sid, day), "leave")
    roles = set().union(*(sc.staff_by_id[h].roles for h in post.holders))
    a_holders = {p.a for p in sc.posts}
    for person in sc.staff:
        if person.id in post.holders or person.id in a_holders or not roles & set(person.roles):
            continue
        if why_not(sc, cal, person, d, s) is None:
            def backup(data: dict, k: int = k, sid: str = person.id) -> None:
                row = data["posts"][k]
                b = row["b"] if isinstance(row["b"], list) else [row["b"]]
                row["b"] = [*b, sid]
            add(f"post {post.label}: {person.id} as a further backup holder",
                f"{post.label}：增加 {person.id} 为备岗", 1, backup, f"backup:{post_id}")
            break


def uses(scenario: Scenario) -> bool:
    return bool(scenario.posts)


FAMILY = Family(
    Rule.POSTS, add, Scope.EVERYONE, hard=True,
    terms=(Rule.POSTS,),
    violations=(Rule.POSTS,),
    labels=(Rule.POST_MANNED, Rule.POST_A, Rule.POST_B),
    repairs=repairs,
    person_search=False,
    group_search=False,
    uses=uses,
)
"""Posts tie holders to each other: neither the per-person search nor the group search holds
them."""
