"""Independent checker: every broken hard rule and the cost of every soft one, in plain words.

Imports roster.model only, never the solver: it is the oracle the solver is tested against.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from roster.model.availability import leave_minutes, post_periods, why_not, wish_days
from roster.model.calendar import Calendar, matches
from roster.model.counting import count_seated
from roster.model.demand import seats_table
from roster.model.fairness import (
    carried_minutes,
    counts_towards,
    fair_bands,
    hour_groups,
    hours_deviation,
)
from roster.model.intervals import break_minute, interval_needs, on_floor
from roster.model.posts import duty_role, post_gaps
from roster.model.roster import Assignment, Roster
from roster.model.rotations import crews, pattern_cells
from roster.model.rule_names import FAIR_SHARE, Rule
from roster.model.scenario import Scenario, limit_value, limit_weight
from roster.model.seating import seat_roles


@dataclass(frozen=True)
class Violation:
    rule: Rule
    """The objective term or rule it breaks (coverage_shortfall, rest, leave, ...); its family
    declares it (``Family.violations`` in roster.solver.rules), or it is kept by the variables
    themselves (``BY_VARIABLES``)."""
    hard: bool
    text: str
    zh: str = ""
    cost: int = 0
    """Penalty for a soft rule (0 for hard ones)."""
    staff: str | None = None
    date: dt.date | None = None

    def __str__(self) -> str:
        return f"[{'hard' if self.hard else f'soft {self.cost}'}] {self.text}"


@dataclass
class Report:
    violations: list[Violation] = field(default_factory=list)

    @property
    def hard(self) -> list[Violation]:
        return [v for v in self.violations if v.hard]

    @property
    def soft(self) -> list[Violation]:
        return [v for v in self.violations if not v.hard]

    @property
    def ok(self) -> bool:
        return not self.hard

    @property
    def cost(self) -> int:
        return sum(v.cost for v in self.soft)

    def costs(self) -> dict[Rule, int]:
        out: dict[Rule, int] = defaultdict(int)
        for v in self.soft:
            out[v.rule] += v.cost
        return dict(out)


class _Checker:
    def __init__(self, scenario: Scenario, roster: Roster, calendar: Calendar | None) -> None:
        self.sc = scenario
        self.cal = calendar or Calendar(scenario)
        self.roster = roster
        self.out: list[Violation] = []
        self.work: dict[str, dict[dt.date, Assignment]] = defaultdict(dict)
        self.past: dict[str, list[Assignment]] = defaultdict(list)
        """Shifts of the history (before the horizon): worked days the rules look back on."""
        self.past_days: list[dt.date] = []
        hist = scenario.history
        if hist is not None:
            start = self.cal.start
            first = start - dt.timedelta(days=hist.days) if hist.days is not None else \
                min((w.date for w in hist.worked), default=start)
            self.past_days = [first + dt.timedelta(days=i) for i in range((start - first).days)]
            for w in sorted(hist.worked, key=lambda w: w.date):
                if first <= w.date < start:
                    self.past[w.staff].append(Assignment(w.date, w.staff, w.shift, w.role))

    def add(self, rule: Rule, limit, text: str, zh: str, units: int = 1, staff=None, date=None,
            hard: bool | None = None) -> None:
        weight = _weight_of(limit) if hard is None else (None if hard else 0)
        if weight is None:
            self.out.append(Violation(rule, True, text, zh, 0, staff, date))
        elif weight * units:
            self.out.append(Violation(rule, False, text, zh, weight * units, staff, date))

    # ---- the roster itself ----------------------------------------------
    def integrity(self) -> list[Assignment]:
        sc, cal = self.sc, self.cal
        good = []
        for a in self.roster:
            who = a.staff
            if who not in sc.staff_by_id:
                self.add(Rule.ROSTER, None, f"{a.date} {a.shift}: unknown staff {who!r}", f"未知人员 {who}", hard=True)
                continue
            if a.shift not in sc.shift_by_id:
                self.add(Rule.ROSTER, None, f"{who} {a.date}: unknown shift {a.shift!r}", f"未知班次 {a.shift}",
                         staff=who, date=a.date, hard=True)
                continue
            if a.date not in cal.index:
                self.add(Rule.ROSTER, None, f"{who} {a.date} {a.shift}: date outside the horizon",
                         f"{who} {a.date} 不在排班期内", staff=who, date=a.date, hard=True)
                continue
            if a.date in self.work[who]:
                self.add(Rule.ONE_SHIFT_A_DAY, None,
                         f"{who} {a.date}: two shifts on one day ({self.work[who][a.date].shift} and {a.shift})",
                         f"{who} {a.date} 一天两个班", staff=who, date=a.date, hard=True)
                continue
            shift = sc.shift_by_id[a.shift]
            if not matches(cal.day(a.date), shift.on):
                self.add(Rule.SHIFT_DAYS, None, f"{who} {a.date}: shift {a.shift} does not run that day",
                         f"{who} {a.date}: {shift.label}当天不开班", staff=who, date=a.date, hard=True)
            person = sc.staff_by_id[who]
            if a.shift in person.cannot:
                self.add(Rule.CANNOT, None, f"{who} {a.date}: {who} cannot work {a.shift}",
                         f"{who} {a.date}: 不能上{shift.label}", staff=who, date=a.date, hard=True)
            if a.role is not None and a.role not in sc.seats_for(person):
                self.add(Rule.ROLE, None, f"{who} {a.date} {a.shift}: cannot take a {a.role} seat "
                         f"(roles {', '.join(person.roles)})", f"{who} {a.date}: 不能担任 {a.role}",
                         staff=who, date=a.date, hard=True)
            if a.date in person.days_off:
                self.add(Rule.DAYS_OFF, None, f"{who} {a.date}: works {a.shift} on a fixed day off",
                         f"{who} {a.date}: 固定休息日上班", staff=who, date=a.date, hard=True)
            self.work[who][a.date] = a
            good.append(a)
        return good

    def minutes(self, a: Assignment) -> tuple[int, int]:
        shift = self.sc.shift_by_id[a.shift]
        base = (a.date - self.cal.start).days * 1440
        return base + shift.arrive_minute, base + shift.end_minute  # from the arrival for a handover

    def leave(self) -> None:
        for who, blocks in leave_minutes(self.sc, self.cal).items():
            for a in self.work[who].values():
                s, e = self.minutes(a)
                for b0, b1, kind in blocks:
                    if s < b1 and b0 < e:
                        self.add(Rule.LEAVE, None, f"{who} {a.date}: works {a.shift} during {kind} leave",
                                 f"{who} {a.date}: 休假({kind})期间上{a.shift}", staff=who, date=a.date, hard=True)
                        break

    # ---- coverage -------------------------------------------------------
    def coverage(self, items: list[Assignment]) -> None:
        sc, cal = self.sc, self.cal
        seats = seats_table(sc, cal)
        count = count_seated(sc, items, cal)  # items are seated: validate() seats the roster first
        for (d, sid, role), st in seats.items():
            n = count[(d, sid, role)]
            date, who = cal.days[d].date, (role or "staff")
            zh_role = sc.role_by_id[role].label if role else "人员"
            zh_shift = sc.shift_by_id[sid].label
            if n < st.min:
                self.add(Rule.COVERAGE_SHORTFALL, None if st.min_weight is None else _soft(st.min_weight),
                         f"{date} {sid}: {who} seats {n} of {st.min}", f"{date} {zh_shift}: {zh_role} {n}/{st.min} 人",
                         units=st.min - n, date=date)
            if st.max is not None and n > st.max:
                self.add(Rule.OVERSTAFFING, None if st.max_weight is None else _soft(st.max_weight),
                         f"{date} {sid}: {n} {who} on duty, at most {st.max}",
                         f"{date} {zh_shift}: {zh_role} {n} 人, 至多 {st.max}", units=n - st.max, date=date)
        for (d, sid, role), n in count.items():
            if role is not None and n and (d, sid, role) not in seats and (d, sid, None) not in seats:
                date = cal.days[d].date
                self.add(Rule.COVERAGE, None, f"{date} {sid}: {n} {role} on duty but the shift has no {role} seat",
                         f"{date} {sid}: 无 {role} 岗位却有 {n} 人", date=date, hard=True)

    # ---- people on the floor per interval, and breaks ---------------------
    def intervals(self, items: list[Assignment]) -> None:
        """Each interval a per-interval line needs: people short cost ``under_weight`` each,
        people over ``over_weight`` each (counted by ``on_floor``)."""
        sc, cal = self.sc, self.cal
        needs = interval_needs(sc, cal)
        if not needs:
            return
        staffed = on_floor(sc, cal, items)
        for key in sorted(needs, key=lambda k: (k[1], k[0] or "")):
            need, have = needs[key], staffed.get(key, 0)
            day, minute = divmod(key[1], 1440)
            date = cal.start + dt.timedelta(days=day)
            when = f"{date} {minute // 60:02d}:{minute % 60:02d}"
            who = key[0] or "staff"
            zh_who = sc.role_by_id[key[0]].label if key[0] else "人员"
            if have < need.agents:
                self.add(Rule.INTERVAL_SHORTFALL, _soft(need.under_weight),
                         f"{when}: {have} {who} on the floor, {need.agents} needed",
                         f"{when}: 在席{zh_who} {have} 人, 需要 {need.agents} 人",
                         units=need.agents - have, date=date if day < len(cal.days) else None)
            elif have > need.agents:
                self.add(Rule.INTERVAL_OVER, _soft(need.over_weight),
                         f"{when}: {have} {who} on the floor, {need.agents} needed",
                         f"{when}: 在席{zh_who} {have} 人, 只需 {need.agents} 人",
                         units=have - need.agents, date=date if day < len(cal.days) else None)

    def breaks(self, items: list[Assignment]) -> None:
        """A shift with a break rule has its break placed at an allowed start; one without has none."""
        for a in items:
            shift = self.sc.shift_by_id[a.shift]
            rule = shift.break_rule
            if rule is None:
                if a.break_at is not None:
                    self.add(Rule.BREAKS, None, f"{a.staff} {a.date} {a.shift}: a break at {a.break_at}, "
                             "but the shift has no break to place", f"{a.staff} {a.date}: {shift.label}没有可安排的休息, "
                             f"却安排在 {a.break_at}", staff=a.staff, date=a.date, hard=True)
                continue
            window = f"{rule.within[0]}-{rule.within[1]}"
            if a.break_at is None:
                self.add(Rule.BREAKS, None, f"{a.staff} {a.date} {a.shift}: no {rule.minutes}-minute break placed "
                         f"(within {window})", f"{a.staff} {a.date}: {shift.label}未安排 {rule.minutes} 分钟休息",
                         staff=a.staff, date=a.date, hard=True)
                continue
            try:
                start = break_minute(shift, a.break_at)
            except ValueError:
                start = None
            if start not in shift.break_starts:
                self.add(Rule.BREAKS, None, f"{a.staff} {a.date} {a.shift}: break at {a.break_at} is not an allowed "
                         f"start ({rule.minutes} minutes within {window}, every {rule.every} minutes)",
                         f"{a.staff} {a.date}: {shift.label}休息 {a.break_at} 不在允许的开始时间内 ({window})",
                         staff=a.staff, date=a.date, hard=True)

    # ---- per person -----------------------------------------------------
    def person(self, who: str) -> None:
        sc, cal = self.sc, self.cal
        rules = sc.rules_for(who)
        mine = sorted(self.work[who].values(), key=lambda a: a.date)
        spans = [(self.minutes(a), a) for a in [*self.past[who], *mine]]
        rest = limit_value(rules.min_rest_hours) or 0
        for i, ((_, end), a) in enumerate(spans):
            for (start, _), b in spans[i + 1:]:
                if b.date < cal.start:  # both in the history: the past is not judged
                    continue
                if start < end:
                    self.add(Rule.OVERLAP, None, f"{who} {a.date} {a.shift} and {b.date} {b.shift} overlap",
                             f"{who} {a.date} {a.shift} 与 {b.date} {b.shift} 时间重叠", staff=who, date=b.date,
                             hard=True)
                elif start - end < rest * 60:
                    gap = (start - end) / 60
                    self.add(Rule.REST, rules.min_rest_hours,
                             f"{who} {a.date} {a.shift} → {b.date} {b.shift}: {gap:g} h rest, at least {rest:g}",
                             f"{who} {a.date} {a.shift}→{b.date} {b.shift}: 休息 {gap:g} 小时, 应至少 {rest:g}",
                             staff=who, date=b.date)
        forbidden = {tuple(x) for x in rules.forbidden_sequences or ()}
        weight = rules.forbidden_sequences_weight
        for a in [*self.past[who], *mine]:
            nxt = self.work[who].get(a.date + dt.timedelta(days=1))
            if nxt and (a.shift, nxt.shift) in forbidden:
                self.add(Rule.SEQUENCE, None if weight is None else _soft(weight),
                         f"{who} {a.date}: {a.shift} followed by {nxt.shift} the next day is not allowed",
                         f"{who} {a.date}: {a.shift} 次日不可接 {nxt.shift}", staff=who, date=nxt.date)
        self.runs(who, rules)
        self.hours(who, rules, mine)
        self.weekends(who, rules, mine)

    def runs(self, who: str, rules) -> None:
        h = len(self.past_days)  # history days come first; a run wholly in them is not judged
        days = [*self.past_days, *(d.date for d in self.cal.days)]
        before = {a.date for a in self.past[who]}
        worked = [d in self.work[who] or d in before for d in days]
        runs: list[tuple[bool, int, int]] = []  # (working?, first index, length)
        for i, w in enumerate(worked):
            if runs and runs[-1][0] == w:
                runs[-1] = (w, runs[-1][1], runs[-1][2] + 1)
            else:
                runs.append((w, i, 1))
        most = limit_value(rules.max_consecutive_work_days)
        for w, i, n in runs:
            if i + n < h:  # wholly in the history, and so is the day after it
                continue
            inside = i > 0 and i + n < len(days)
            # rows of most + 1 days that lie wholly in the history are the past's, not this roster's
            units = int(n - most - max(0, min(h - i, n) - most)) if most is not None else 0
            if w and most is not None and n > most and units > 0:
                self.add(Rule.MAX_CONSECUTIVE, rules.max_consecutive_work_days,
                         f"{who}: works {n} days in a row {days[i]}..{days[i + n - 1]}, at most {most:g}",
                         f"{who}: {days[i]} 起连续上班 {n} 天, 至多 {most:g}", units=units, staff=who,
                         date=days[i])
            for kind, limit, zh in ((True, rules.min_consecutive_work_days, "上班"),
                                    (False, rules.min_consecutive_days_off, "休息")):
                least = limit_value(limit)
                if w == kind and inside and least and n < least:
                    what = "work days" if kind else "days off"
                    self.add(Rule.MIN_CONSECUTIVE_WORK if kind else Rule.MIN_CONSECUTIVE_OFF, limit,
                             f"{who}: only {n} {what} in a row from {days[i]}, at least {least:g}",
                             f"{who}: {days[i]} 起连续{zh}仅 {n} 天, 至少 {least:g}", staff=who, date=days[i])

    def hours(self, who: str, rules, mine: list[Assignment]) -> None:
        sc = self.sc
        minutes = {a.date: sc.shift_by_id[a.shift].paid_minutes for a in mine}
        week_cap = limit_value(rules.max_hours_per_week)
        if week_cap is not None:
            weeks: dict[tuple[int, int], int] = defaultdict(int)
            for d, m in minutes.items():
                weeks[d.isocalendar()[:2]] += m
            first_week = self.cal.start.isocalendar()[:2]
            for a in self.past[who]:  # the week that straddles the horizon start counts the history too
                if a.date.isocalendar()[:2] == first_week:
                    weeks[a.date.isocalendar()[:2]] += sc.shift_by_id[a.shift].paid_minutes
            for (year, week), m in sorted(weeks.items()):
                if m > week_cap * 60:
                    monday = dt.date.fromisocalendar(year, week, 1)
                    self.add(Rule.HOURS_WEEK, rules.max_hours_per_week,
                             f"{who}: {m / 60:g} h in the week of {monday}, at most {week_cap:g}",
                             f"{who}: {monday} 所在周 {m / 60:g} 小时, 至多 {week_cap:g}",
                             units=int(m - week_cap * 60), staff=who, date=monday)
        total = sum(minutes.values())
        most, least = limit_value(rules.max_hours_total), limit_value(rules.min_hours_total)
        if most is not None and total > round(most * 60):
            self.add(Rule.HOURS_TOTAL, rules.max_hours_total, f"{who}: {total / 60:g} h in the horizon, at most {most:g}",
                     f"{who}: 排班期 {total / 60:g} 小时, 至多 {most:g}", units=int(total - round(most * 60)), staff=who)
        if least and total < round(least * 60):
            self.add(Rule.HOURS_TOTAL, rules.min_hours_total, f"{who}: {total / 60:g} h in the horizon, at least {least:g}",
                     f"{who}: 排班期 {total / 60:g} 小时, 至少 {least:g}", units=int(round(least * 60) - total), staff=who)
        for shift_id, cap in (rules.max_shifts or {}).items():
            n = sum(1 for a in mine if a.shift == shift_id)
            if n > cap:
                self.add(Rule.MAX_SHIFTS, None, f"{who}: {n} {shift_id} shifts, at most {cap}",
                         f"{who}: {shift_id} 班 {n} 个, 至多 {cap}", staff=who, hard=True)

    def weekends(self, who: str, rules, mine: list[Assignment]) -> None:
        saturdays = sorted({a.date - dt.timedelta(days=a.date.weekday() - 5) for a in mine if a.date.weekday() >= 5})
        total = limit_value(rules.max_weekends)
        if total is not None and len(saturdays) > total:
            self.add(Rule.WEEKENDS, rules.max_weekends, f"{who}: works {len(saturdays)} weekends, at most {total:g}",
                     f"{who}: 上班周末 {len(saturdays)} 个, 至多 {total:g}", units=int(len(saturdays) - total), staff=who)
        monthly = limit_value(rules.max_weekends_per_month)
        if monthly is not None:
            per: dict[tuple[int, int], int] = defaultdict(int)
            # weekends worked in the history count towards the months of this roster's weekends
            months = {(s.year, s.month) for s in (d.date - dt.timedelta(days=d.date.weekday() - 5)
                                                  for d in self.cal.days if d.date.weekday() >= 5)}
            earlier = {a.date - dt.timedelta(days=a.date.weekday() - 5) for a in self.past[who] if a.date.weekday() >= 5}
            for sat in set(saturdays) | {s for s in earlier if (s.year, s.month) in months}:
                per[(sat.year, sat.month)] += 1
            for (y, m), n in sorted(per.items()):
                if n > monthly:
                    self.add(Rule.WEEKENDS, rules.max_weekends_per_month,
                             f"{who}: works {n} weekends in {y}-{m:02d}, at most {monthly:g}",
                             f"{who}: {y}年{m}月上班周末 {n} 个, 至多 {monthly:g}", units=int(n - monthly), staff=who)

    # ---- wishes, pins, fairness -----------------------------------------
    def fixed(self) -> None:
        for f in self.sc.fixed:
            a = self.work[f.staff].get(f.date)
            if f.off and a is not None:
                self.add(Rule.FIXED, None, f"{f.staff} {f.date}: pinned off but works {a.shift}",
                         f"{f.staff} {f.date}: 固定休息却上{a.shift}", staff=f.staff, date=f.date, hard=True)
            if f.shift is not None and (a is None or a.shift != f.shift):
                self.add(Rule.FIXED, None, f"{f.staff} {f.date}: pinned to {f.shift} but has {a.shift if a else 'off'}",
                         f"{f.staff} {f.date}: 固定{f.shift}却为{a.shift if a else '休'}", staff=f.staff,
                         date=f.date, hard=True)

    def requests(self) -> None:
        for rq in self.sc.requests:
            a = self.work[rq.staff].get(rq.date)
            if rq.shift is not None and rq.off:
                broken, what = a is not None and a.shift == rq.shift, f"wished not to work {rq.shift}"
            elif rq.shift is not None:
                broken, what = a is None or a.shift != rq.shift, f"wished to work {rq.shift}"
            else:
                broken, what = a is not None, "wished the day off"
            if broken:
                self.add(Rule.REQUESTS, _soft(rq.weight), f"{rq.staff} {rq.date}: {what}, got {a.shift if a else 'off'}",
                         f"{rq.staff} {rq.date}: 愿望未满足", staff=rq.staff, date=rq.date)

    def fairness(self) -> None:
        sc, cal = self.sc, self.cal
        weights = sc.fairness.model_dump()
        for kind, bands in fair_bands(sc, cal).items():
            for who, band in bands.items():
                count = sum(counts_towards(kind, sc, cal, cal.index[a.date], a.shift)
                            for a in self.work[who].values())
                dev = max(0, count - band.hi, band.lo - count)
                if dev:
                    self.add(FAIR_SHARE[kind], _soft(weights[kind]),
                             f"{who}: {count} {kind}, fair share {band.lo}..{band.hi}",
                             f"{who}: {kind} {count}, 合理范围 {band.lo}..{band.hi}", units=dev, staff=who)
        for group in hour_groups(sc, cal):
            minutes = {who: sum(sc.shift_by_id[a.shift].paid_minutes for a in self.work[who].values())
                       for who in group.share}
            peers = peer_group_name(sc, group.share)
            carried = carried_minutes(sc)  # the year so far (fairness_carry)
            for who, dev in hours_deviation(minutes, group, carried).items():
                if dev:
                    year = f" ({(minutes[who] + carried[who]) / 60:g} h in the year)" if carried.get(who) else ""
                    self.add(Rule.FAIRNESS_HOURS, _soft(weights["hours"]),
                             f"{who}: {minutes[who] / 60:g} h{year} is {dev} h beyond a fair share among {peers}",
                             f"{who}: {minutes[who] / 60:g} 小时, 超出同岗位合理份额 {dev} 小时", units=dev, staff=who)

    # ---- A/B posts and planned leave --------------------------------------
    def posts(self) -> None:
        """Each opening period manned by exactly one holder who works that shift; A on duty means
        A mans the post; a backup only when A is not on duty; one post at a time; counts_toward."""
        sc, cal = self.sc, self.cal
        by_id = {p.id: p for p in sc.posts}
        seats = seats_table(sc, cal)
        periods = {(sc.posts[k].id, cal.days[d].date, sc.shifts[s].id) for k, d, s in post_periods(sc, cal)}
        manned: dict[tuple[str, dt.date, str], list[str]] = defaultdict(list)
        posts_at: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
        for a in self.roster:
            if a.post is None:
                continue
            post = by_id.get(a.post)
            if post is None:
                self.add(Rule.POSTS, None, f"{a.staff} {a.date}: unknown post {a.post!r}", f"未知岗位 {a.post}",
                         staff=a.staff, date=a.date, hard=True)
                continue
            posts_at[(a.staff, a.date)].add(a.post)
            if (a.post, a.date, a.shift) not in periods:
                self.add(Rule.POSTS, None, f"{a.staff} {a.date}: post {post.label} is not open on {a.shift}",
                         f"{a.staff} {a.date}: {post.label} {a.shift} 不开岗", staff=a.staff, date=a.date, hard=True)
                continue
            if a.staff not in post.holders:
                self.add(Rule.POSTS, None, f"{a.staff} {a.date} {a.shift}: not a holder of post {post.label}",
                         f"{a.staff} {a.date}: 不是 {post.label} 的岗位人员", staff=a.staff, date=a.date, hard=True)
                continue
            role = duty_role(post, seats, cal.index[a.date], a.shift)
            if a.role != role:
                self.add(Rule.POSTS, None, f"{a.staff} {a.date} {a.shift}: duty on post {post.label} counts toward "
                         f"{role or 'no'} seats, the roster gives role {a.role or 'none'}",
                         f"{a.staff} {a.date}: {post.label} 岗计入 {role or '无'} 席位, 排班为 {a.role}",
                         staff=a.staff, date=a.date, hard=True)
            manned[(a.post, a.date, a.shift)].append(a.staff)
        for (who, date), ps in sorted(posts_at.items()):
            if len(ps) > 1:
                self.add(Rule.POSTS, None, f"{who} {date}: mans {len(ps)} posts at once ({', '.join(sorted(ps))})",
                         f"{who} {date}: 同时在 {len(ps)} 个岗位", staff=who, date=date, hard=True)
        gaps = {(g.post, g.date, g.shift): g for g in post_gaps(sc, cal)}
        for pid, date, sid in sorted(periods):
            post, holders = by_id[pid], manned.get((pid, date, sid), [])
            if not holders:
                gap = gaps.get((pid, date, sid))
                if gap is not None:
                    text, zh = gap.text(sc), gap.zh(sc)
                else:
                    doing = ", ".join(self._doing(h, date, sid) for h in post.holders)
                    text = f"{date} {sid}: post {post.label} has no holder on duty: {doing}"
                    zh = f"{date} {sc.shift_by_id[sid].label}: {post.label} 无人在岗: {doing}"
                self.add(Rule.POSTS, None, text, zh, date=date, hard=True)
            elif len(holders) > 1:
                self.add(Rule.POSTS, None, f"{date} {sid}: post {post.label} manned by {len(holders)} holders "
                         f"({', '.join(holders)}), exactly one", f"{date} {sid}: {post.label} 有 {len(holders)} 人在岗",
                         date=date, hard=True)
            a_cell = self.work[post.a].get(date)
            a_on = a_cell is not None and a_cell.shift == sid
            if a_on and a_cell.post != pid:
                self.add(Rule.POSTS, None, f"{date} {sid}: {post.a} works {sid} but is not on post {post.label}",
                         f"{date} {sid}: {post.a} 上班却不在 {post.label} 岗", staff=post.a, date=date, hard=True)
            for h in holders:
                if h == post.a or h not in post.backups:
                    continue
                if a_on:
                    self.add(Rule.POSTS, None, f"{date} {sid}: {h} mans post {post.label} while {post.a} is on duty",
                             f"{date} {sid}: {post.a} 在岗时 {h} 顶 {post.label} 岗", staff=h, date=date, hard=True)
                rank = post.backups.index(h) + 1
                self.add(Rule.POSTS, _soft(post.backup_weight), f"{date} {sid}: backup {h} mans post {post.label}",
                         f"{date} {sid}: 备岗 {h} 顶 {post.label} 岗", units=rank, staff=h, date=date)

    def _doing(self, who: str, date: dt.date, shift: str) -> str:
        cell = self.work[who].get(date)
        if cell is None:
            why = why_not(self.sc, self.cal, self.sc.staff_by_id[who], self.cal.index[date],
                          [s.id for s in self.sc.shifts].index(shift))
            return why or f"{who} off"
        if cell.post is not None:
            return f"{who} on post {cell.post}"
        return f"{who} works {cell.shift}"

    def planned_leave(self) -> None:
        """Leave days the roster places: no work during them, and each leave wish gets exactly its days
        inside its window (days are matched to wishes earliest window end first)."""
        sc, cal = self.sc, self.cal
        seen: set[tuple[str, dt.date]] = set()
        placed: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
        for lv in self.roster.leave:
            if lv.staff not in sc.staff_by_id or lv.date not in cal.index:
                self.add(Rule.LEAVE_WISHES, None, f"{lv.staff} {lv.date}: planned leave for unknown staff or outside "
                         "the horizon", f"{lv.staff} {lv.date}: 无效的休假安排", hard=True)
                continue
            if (lv.staff, lv.date) in seen:
                self.add(Rule.LEAVE_WISHES, None, f"{lv.staff} {lv.date}: two planned leave days on one date",
                         f"{lv.staff} {lv.date}: 同一天两次休假", staff=lv.staff, date=lv.date, hard=True)
                continue
            seen.add((lv.staff, lv.date))
            lo = (lv.date - cal.start).days * 1440
            for day in (lv.date - dt.timedelta(days=1), lv.date):
                a = self.work[lv.staff].get(day)
                if a is not None and self.minutes(a)[0] < lo + 1440 and lo < self.minutes(a)[1]:
                    self.add(Rule.LEAVE_WISHES, None, f"{lv.staff} {lv.date}: works {a.shift} ({a.date}) during "
                             f"planned {lv.type} leave", f"{lv.staff} {lv.date}: 计划休假({lv.type})期间上{a.shift}",
                             staff=lv.staff, date=lv.date, hard=True)
            placed[(lv.staff, lv.type)].append(lv.date)
        open_days = {i: {cal.days[d].date for d in wish_days(sc, cal, i)} for i in range(len(sc.leave_wishes))}
        got = [0] * len(sc.leave_wishes)
        for (who, kind), dates in sorted(placed.items()):
            wishes = sorted((w.window.end, i) for i, w in enumerate(sc.leave_wishes)
                            if w.staff == who and w.type == kind)
            for date in sorted(dates):
                for _, i in wishes:
                    if date in open_days[i] and got[i] < sc.leave_wishes[i].days:
                        got[i] += 1
                        break
                else:
                    self.add(Rule.LEAVE_WISHES, None, f"{who} {date}: planned {kind} leave that no leave wish asks for "
                             "(outside every window, on a day the type does not count, or one too many)",
                             f"{who} {date}: 无对应愿望的{kind}假", staff=who, date=date, hard=True)
        for i, w in enumerate(sc.leave_wishes):
            if got[i] != w.days:
                self.add(Rule.LEAVE_WISHES, None, f"{w.staff}: {got[i]} of {w.days} {w.type} leave days placed in "
                         f"{w.window.start}..{w.window.end}",
                         f"{w.staff}: {w.window.start}..{w.window.end} 内{w.type}假安排 {got[i]}/{w.days} 天",
                         staff=w.staff, hard=True)


# ---- rotation patterns and crews (one function per rule family) ----------------------------

def check_rotations(chk: _Checker) -> None:
    """Each judged pattern cell (``roster.model.rotations``) the roster keeps off the pattern: the
    person works another shift, no shift where the pattern has one, or a shift on a pattern day off."""
    sc, cal = chk.sc, chk.cal
    for cell in pattern_cells(sc, cal):
        date = cal.days[cell.day].date
        a = chk.work[cell.staff].get(date)
        got = a.shift if a is not None else None
        if got == cell.shift:
            continue
        had = got or "off"
        chk.add(Rule.PATTERN, None if cell.weight is None else _soft(cell.weight),
                f"{cell.staff} {date}: rotation {cell.rotation} has {cell.wants()}, the roster {had}",
                f"{cell.staff} {date}: 轮班 {cell.rotation} 应为{cell.wants()}，实排{had}",
                staff=cell.staff, date=date)


def check_crews(chk: _Checker) -> None:
    """Per crew kept together and day: the members who work, less those on the shift most of them
    work; each is a hard violation, or costs the crew's weight."""
    sc, cal = chk.sc, chk.cal
    for team, members, weight in crews(sc):
        for day in cal.days:
            on: dict[str, list[str]] = defaultdict(list)
            for m in members:
                a = chk.work[m].get(day.date)
                if a is not None:
                    on[a.shift].append(m)
            if len(on) < 2:
                continue
            most = max(len(v) for v in on.values())
            split = ", ".join(f"{s}: {' '.join(ms)}" for s, ms in sorted(on.items()))
            chk.add(Rule.TOGETHER, None if weight is None else _soft(weight),
                    f"crew {team} {day.date}: members on {len(on)} shifts ({split})",
                    f"班组 {team} {day.date}: 分在 {len(on)} 个班次 ({split})",
                    units=sum(len(v) for v in on.values()) - most, date=day.date)


class _soft:
    """A stand-in limit carrying only a weight (for rules whose weight sits elsewhere)."""

    def __init__(self, weight: int) -> None:
        self.weight = weight


def _weight_of(limit) -> int | None:
    return limit.weight if isinstance(limit, _soft) else limit_weight(limit)


def validate(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> Report:
    """Check a roster against every rule of the scenario."""
    calendar = calendar or Calendar(scenario)
    roster = seat_roles(scenario, roster, calendar)  # a hand-made roster may name no seat roles
    chk = _Checker(scenario, roster, calendar)
    items = chk.integrity()
    chk.leave()
    chk.coverage(items)
    chk.intervals(items)
    chk.breaks(items)
    for person in scenario.staff:
        chk.person(person.id)
    chk.fixed()
    chk.posts()
    chk.planned_leave()
    check_rotations(chk)
    check_crews(chk)
    chk.requests()
    chk.fairness()
    return Report(chk.out)


PEERS_LISTED = 6
"""Peer groups up to this size are listed by id in fairness lines; larger ones are named by role."""


def peer_group_name(scenario: Scenario, members: Iterable[str]) -> str:
    """``the 273 agent peers`` for a large hours-fairness group, ``peers (S01, S02, S03)`` for a small one."""
    ids = sorted(members)
    if len(ids) <= PEERS_LISTED:
        return f"peers ({', '.join(ids)})"
    roles = " + ".join(scenario.role_by_id[r].label for r in scenario.staff_by_id[ids[0]].roles)
    return f"the {len(ids)} {roles} peers"

