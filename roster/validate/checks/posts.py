"""A/B posts: each opening period manned by exactly one holder, A first, a backup only when A is
off."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from roster.i18n import Msg, Said
from roster.model.availability import post_periods, why_not
from roster.model.demand import seats_table
from roster.model.posts import duty_role, post_gaps
from roster.model.rule_names import Rule

from ..checker import Check, Checker, Soft


def run(chk: Checker) -> None:
    """Each opening period manned by exactly one holder who works that shift; A on duty means
    A mans the post; a backup only when A is not on duty; one post at a time; counts_toward."""
    sc, cal = chk.sc, chk.cal
    by_id = {p.id: p for p in sc.posts}
    seats = seats_table(sc, cal)
    periods = {(sc.posts[k].id, cal.days[d].date, sc.shifts[s].id)
               for k, d, s in post_periods(sc, cal)}
    manned: dict[tuple[str, dt.date, str], list[str]] = defaultdict(list)
    posts_at: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
    for a in chk.roster:
        if a.post is None:
            continue
        post = by_id.get(a.post)
        if post is None:
            chk.add(Rule.POSTS, None, Msg("posts.unknown", who=a.staff, date=a.date, post=a.post),
                    staff=a.staff, date=a.date, hard=True)
            continue
        posts_at[(a.staff, a.date)].add(a.post)
        if (a.post, a.date, a.shift) not in periods:
            chk.add(Rule.POSTS, None, Msg("posts.not_open", who=a.staff, date=a.date,
                                          post=post.label, shift=a.shift),
                    staff=a.staff, date=a.date, hard=True)
            continue
        if a.staff not in post.holders:
            chk.add(Rule.POSTS, None, Msg("posts.not_holder", who=a.staff, date=a.date,
                                          shift=a.shift, post=post.label),
                    staff=a.staff, date=a.date, hard=True)
            continue
        role = duty_role(post, seats, cal.index[a.date], a.shift)
        if a.role != role:
            chk.add(Rule.POSTS, None, Msg("posts.counts_toward", who=a.staff, date=a.date,
                                          shift=a.shift,
                                          post=post.label, toward=role or Msg("word.no"),
                                          role=a.role or Msg("word.none")),
                    staff=a.staff, date=a.date, hard=True)
        manned[(a.post, a.date, a.shift)].append(a.staff)
    for (who, date), ps in sorted(posts_at.items()):
        if len(ps) > 1:
            chk.add(Rule.POSTS, None, Msg("posts.at_once", who=who, date=date, n=len(ps),
                                          posts=", ".join(sorted(ps))),
                    staff=who, date=date, hard=True)
    gaps = {(g.post, g.date, g.shift): g for g in post_gaps(sc, cal)}
    for pid, date, sid in sorted(periods):
        post, holders = by_id[pid], manned.get((pid, date, sid), [])
        if not holders:
            gap = gaps.get((pid, date, sid))
            doing = gap.reasons if gap is not None else [_doing(chk, h, date,
                                                                sid) for h in post.holders]
            chk.add(Rule.POSTS, None, Msg("posts.no_holder", date=date, shift=sid,
                                          shift_name=sc.shift_by_id[sid].label,
                                          post=post.label, doing=[Said(d) for d in doing]),
                    date=date, hard=True)
        elif len(holders) > 1:
            chk.add(Rule.POSTS, None, Msg("posts.many", date=date, shift=sid, post=post.label,
                                          n=len(holders),
                                          holders=", ".join(holders)),
                    date=date, hard=True)
        a_cell = chk.work[post.a].get(date)
        a_on = a_cell is not None and a_cell.shift == sid
        if a_on and a_cell.post != pid:
            chk.add(Rule.POSTS, None, Msg("posts.a_elsewhere", date=date, shift=sid, a=post.a,
                                          post=post.label),
                    staff=post.a, date=date, hard=True)
        for h in holders:
            if h == post.a or h not in post.backups:
                continue
            if a_on:
                chk.add(Rule.POSTS, None, Msg("posts.b_while_a", date=date, shift=sid, b=h,
                                              post=post.label, a=post.a),
                        staff=h, date=date, hard=True)
            rank = post.backups.index(h) + 1
            chk.add(Rule.POSTS, Soft(post.backup_weight), Msg("posts.backup", date=date, shift=sid,
                                                              b=h,
                                                              post=post.label),
                    units=rank, staff=h, date=date)


def _doing(chk: Checker, who: str, date: dt.date, shift: str) -> str:
    cell = chk.work[who].get(date)
    if cell is None:
        why = why_not(chk.sc, chk.cal, chk.sc.staff_by_id[who], chk.cal.index[date],
                      [s.id for s in chk.sc.shifts].index(shift))
        return why or f"{who} off"
    if cell.post is not None:
        return f"{who} on post {cell.post}"
    return f"{who} works {cell.shift}"


CHECK = Check(Rule.POSTS, (Rule.POSTS,), run)
