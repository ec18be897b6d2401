"""A/B posts: every opening period manned by exactly one holder; A whenever A works that shift;
a backup only when A is not on duty; earlier backups preferred (soft term ``posts``).

A person mans at most one post at once because post duty is part of the shift literal y, which is
a single boolean per person, day and shift (and the rest rule keeps overlapping shifts apart).
"""

from __future__ import annotations

from ..context import Context, Label


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    for (k, d, s), holders in sorted(v.periods.items()):
        post, shift, date = sc.posts[k], sc.shifts[s], cal.days[d].date
        duties = {p: v.duty[(k, p, d, s)] for p in holders}
        key = (post.id, d, shift.id)
        label = Label("post_manned", key, f"{date} {shift.id}: post {post.label} manned by exactly one holder",
                      f"{date} {shift.label}: {post.label} 须有且仅有一名岗位人员在岗")
        ctx.at_least(sum(duties.values()), 1, None, "posts", label)
        if len(duties) > 1:
            ctx.at_most(sum(duties.values()), 1, None, "posts", label)
        a = v.staff.index(post.a)
        a_works = v.on(a, d, s) if a in duties else None
        if a_works is not None:
            label = Label("post_a", key, f"{date} {shift.id}: {post.a} works {shift.id}, so {post.a} mans "
                          f"post {post.label}", f"{date} {shift.label}: {post.a} 上班即在 {post.label} 岗")
            ctx.at_most(a_works - duties[a], 0, None, "posts", label)
        for rank, b_id in enumerate(post.backups, start=1):
            b = v.staff.index(b_id)
            if b not in duties:
                continue
            if a_works is not None:
                label = Label("post_b", (*key, b_id),
                              f"{date} {shift.id}: {b_id} mans post {post.label} only when {post.a} is not on duty",
                              f"{date} {shift.label}: {post.a} 不在岗时 {b_id} 才顶 {post.label} 岗")
                ctx.at_most(duties[b] + a_works, 1, None, "posts", label)
            ctx.penalise("posts", post.backup_weight * rank, duties[b])
