"""A/B posts: each opening period manned by exactly one holder, A first, a backup only when A is
off."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

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
            chk.add(Rule.POSTS, None, f"{a.staff} {a.date}: unknown post {a.post!r}",
                    f"未知岗位 {a.post}", staff=a.staff, date=a.date, hard=True)
            continue
        posts_at[(a.staff, a.date)].add(a.post)
        if (a.post, a.date, a.shift) not in periods:
            chk.add(Rule.POSTS, None,
                    f"{a.staff} {a.date}: post {post.label} is not open on {a.shift}",
                    f"{a.staff} {a.date}: {post.label} {a.shift} 不开岗", staff=a.staff,
                    date=a.date, hard=True)
            continue
        if a.staff not in post.holders:
            chk.add(Rule.POSTS, None,
                    f"{a.staff} {a.date} {a.shift}: not a holder of post {post.label}",
                    f"{a.staff} {a.date}: 不是 {post.label} 的岗位人员", staff=a.staff, date=a.date,
                    hard=True)
            continue
        role = duty_role(post, seats, cal.index[a.date], a.shift)
        if a.role != role:
            chk.add(Rule.POSTS, None,
                    f"{a.staff} {a.date} {a.shift}: duty on post {post.label} counts toward "
                    f"{role or 'no'} seats, the roster gives role {a.role or 'none'}",
                    f"{a.staff} {a.date}: {post.label} 岗计入 {role or '无'} 席位, 排班为 {a.role}",
                    staff=a.staff, date=a.date, hard=True)
        manned[(a.post, a.date, a.shift)].append(a.staff)
    for (who, date), ps in sorted(posts_at.items()):
        if len(ps) > 1:
            chk.add(Rule.POSTS, None,
                    f"{who} {date}: mans {len(ps)} posts at once ({', '.join(sorted(ps))})",
                    f"{who} {date}: 同时在 {len(ps)} 个岗位", staff=who, date=date, hard=True)
    gaps = {(g.post, g.date, g.shift): g for g in post_gaps(sc, cal)}
    for pid, date, sid in sorted(periods):
        post, holders = by_id[pid], manned.get((pid, date, sid), [])
        if not holders:
            gap = gaps.get((pid, date, sid))
            if gap is not None:
                text, zh = gap.text(sc), gap.zh(sc)
            else:
                doing = ", ".join(_doing(chk, h, date, sid) for h in post.holders)
                text = f"{date} {sid}: post {post.label} has no holder on duty: {doing}"
                zh = f"{date} {sc.shift_by_id[sid].label}: {post.label} 无人在岗: {doing}"
            chk.add(Rule.POSTS, None, text, zh, date=date, hard=True)
        elif len(holders) > 1:
            chk.add(Rule.POSTS, None,
                    f"{date} {sid}: post {post.label} manned by {len(holders)} holders "
                    f"({', '.join(holders)}), exactly one",
                    f"{date} {sid}: {post.label} 有 {len(holders)} 人在岗", date=date, hard=True)
        a_cell = chk.work[post.a].get(date)
        a_on = a_cell is not None and a_cell.shift == sid
        if a_on and a_cell.post != pid:
            chk.add(Rule.POSTS, None,
                    f"{date} {sid}: {post.a} works {sid} but is not on post {post.label}",
                    f"{date} {sid}: {post.a} 上班却不在 {post.label} 岗", staff=post.a, date=date,
                    hard=True)
        for h in holders:
            if h == post.a or h not in post.backups:
                continue
            if a_on:
                chk.add(Rule.POSTS, None,
                        f"{date} {sid}: {h} mans post {post.label} while {post.a} is on duty",
                        f"{date} {sid}: {post.a} 在岗时 {h} 顶 {post.label} 岗", staff=h, date=date,
                        hard=True)
            rank = post.backups.index(h) + 1
            chk.add(Rule.POSTS, Soft(post.backup_weight),
                    f"{date} {sid}: backup {h} mans post {post.label}",
                    f"{date} {sid}: 备岗 {h} 顶 {post.label} 岗", units=rank, staff=h, date=date)


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
