"""Hours per ISO week, hours over the horizon, and most shifts of each type.

The week that straddles the horizon start also counts the hours of the history in that week.
"""

from __future__ import annotations

import datetime as dt
import math

from ...model.rule_names import Rule
from ...model.scenario import Scenario, limit_value, limit_weight
from ..context import Context, Label
from ..history import before
from ..relax import rule_of, set_all_rule, set_person_rule, staff_of
from .family import Family, Offer, Scope


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    minutes = [s.paid_minutes for s in sc.shifts]
    for p, sid in enumerate(v.staff):
        rules = sc.rules_for(sid)
        mine = {(d, s): var for d, s, var in v.mine.get(p, [])}
        if not mine:
            continue
        week_limit = limit_value(rules.max_hours_per_week)
        if week_limit is not None:
            for week in cal.weeks:
                days = set(week)
                terms = [(minutes[s], var) for (d, s), var in mine.items() if d in days]
                iso = cal.days[week[0]].date.isocalendar()[:2]
                done = sum(minutes[s] for d, s in before(ctx, p).items()
                           if (cal.start + dt.timedelta(days=d)).isocalendar()[:2] == iso)
                if done + sum(m for m, _ in terms) > week_limit * 60:
                    date = cal.days[week[0]].date
                    label = Label(Rule.HOURS_WEEK, (sid, week[0]),
                                  f"{sid}: at most {week_limit:g} h in the week of {date}",
                                  f"{sid}: {date} 所在周工时不超过 {week_limit:g} 小时")
                    ctx.at_most(sum(m * x for m, x in terms), int(week_limit * 60) - done,
                                limit_weight(rules.max_hours_per_week), Rule.HOURS_WEEK, label)
        total = sum(minutes[s] * var for (d, s), var in mine.items())
        most = limit_value(rules.max_hours_total)
        if most is not None:
            label = Label(Rule.HOURS_MAX, (sid,), f"{sid}: at most {most:g} h in the horizon",
                          f"{sid}: 排班期内工时不超过 {most:g} 小时")
            ctx.at_most(total, int(round(most * 60)), limit_weight(rules.max_hours_total),
                        Rule.HOURS_TOTAL, label)
        least = limit_value(rules.min_hours_total)
        if least:
            label = Label(Rule.HOURS_MIN, (sid,), f"{sid}: at least {least:g} h in the horizon",
                          f"{sid}: 排班期内工时不少于 {least:g} 小时")
            ctx.at_least(total, int(round(least * 60)), limit_weight(rules.min_hours_total),
                         Rule.HOURS_TOTAL, label, ub=int(round(least * 60)))
        by_shift: dict[int, list] = {}
        for (_d, t), var in mine.items():
            by_shift.setdefault(t, []).append(var)
        for shift_id, cap in (rules.max_shifts or {}).items():
            xs = by_shift.get(v.shifts.index(shift_id), [])
            if len(xs) > cap:
                label = Label(Rule.MAX_SHIFTS, (sid, shift_id),
                              f"{sid}: at most {cap} {shift_id} shifts",
                              f"{sid}: {sc.shift_by_id[shift_id].label}不超过 {cap} 个")
                ctx.at_most(sum(xs), cap, None, Rule.MAX_SHIFTS, label)
        for template, cap in (rules.max_template_shifts or {}).items():
            xs = [x for s in sc.shifts_named([template])
                  for x in by_shift.get(v.shifts.index(s), [])]
            if len(xs) > cap:
                label = Label(Rule.MAX_SHIFTS, (sid, template),
                              f"{sid}: at most {cap} {template} shifts (all starts)",
                              f"{sid}: {template} 班(各开始时间)不超过 {cap} 个")
                ctx.at_most(sum(xs), cap, None, Rule.MAX_SHIFTS, label)


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """Room for one more shift (hours, for the person or everyone a week), a shift fewer of
    hours at least, or one more shift of a capped type."""
    sid = staff_of(sc, lb)
    if sid is None:
        return
    f = lb.family
    step_hours = math.ceil(min(s.paid_minutes for s in sc.shifts) / 60)
    if f in (Rule.HOURS_WEEK, Rule.HOURS_MAX):
        name = "max_hours_per_week" if f == Rule.HOURS_WEEK else "max_hours_total"
        now = rule_of(sc, sid, name) or 0
        word_en = "a week" if f == Rule.HOURS_WEEK else "in the horizon"
        add(f"{sid}: up to {now + step_hours:g} h {word_en} instead of {now:g} h (one more shift)",
            f"{sid}：工时上限由 {now:g} 小时增为 {now + step_hours:g} 小时（多一个班）", 1,
            set_person_rule(sid, name, now + step_hours))
        if f == Rule.HOURS_WEEK:
            base = limit_value(sc.rules.max_hours_per_week) or 0
            add(f"everyone: up to {base + step_hours:g} h a week instead of {base:g} h (one more "
                "shift each)",
                f"所有人：每周工时上限增加 {step_hours} 小时", len(sc.staff),
                set_all_rule(sc, "max_hours_per_week", step_hours), "all:hours_week")
    elif f == Rule.HOURS_MIN:
        now = rule_of(sc, sid, "min_hours_total") or 0
        add(f"{sid}: at least {max(now - step_hours, 0):g} h in the horizon instead of {now:g} h",
            f"{sid}：工时下限由 {now:g} 小时减为 {max(now - step_hours, 0):g} 小时", 1,
            set_person_rule(sid, "min_hours_total", max(now - step_hours, 0)))
    elif f == Rule.MAX_SHIFTS:
        shift_id = lb.key[1]
        if shift_id not in sc.shift_by_id:  # a template's cap over all its starts
            groups = dict(sc.rules_for(sid).max_template_shifts or {})
            groups[shift_id] = groups.get(shift_id, 0) + 1
            add(f"{sid}: up to {groups[shift_id]} {shift_id} shifts instead of "
                f"{groups[shift_id] - 1}",
                f"{sid}：{shift_id} 班上限增为 {groups[shift_id]}", 1,
                set_person_rule(sid, "max_template_shifts", groups))
            return
        caps = dict(sc.rules_for(sid).max_shifts or {})
        caps[shift_id] = caps.get(shift_id, 0) + 1
        add(f"{sid}: up to {caps[shift_id]} {shift_id} shifts instead of {caps[shift_id] - 1}",
            f"{sid}：{shift_id} 班上限增为 {caps[shift_id]}", 1,
            set_person_rule(sid, "max_shifts", caps))


FAMILY = Family(
    Rule.HOURS, add, Scope.PERSON, hard=True,
    terms=(Rule.HOURS_WEEK, Rule.HOURS_TOTAL, Rule.MAX_SHIFTS),
    violations=(Rule.HOURS_WEEK, Rule.HOURS_TOTAL, Rule.MAX_SHIFTS),
    labels=(Rule.HOURS_WEEK, Rule.HOURS_MAX, Rule.HOURS_MIN, Rule.MAX_SHIFTS),
    words={Rule.HOURS_WEEK: ("weekly hours", "每周工时"),
           Rule.HOURS_MAX: ("hours in the horizon", "排班期工时上限"),
           Rule.HOURS_MIN: ("hours in the horizon", "排班期工时下限"),
           Rule.MAX_SHIFTS: ("most shifts of a type", "班次数上限")},
    repairs=repairs,
    person_search=True,
)
