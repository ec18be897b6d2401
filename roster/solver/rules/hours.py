"""Hours per ISO week, hours over the horizon, and most shifts of each type.

The week that straddles the horizon start also counts the hours of the history in that week.
"""

from __future__ import annotations

import datetime as dt

from ...model.scenario import limit_value, limit_weight
from ..context import Context, Label
from ..history import before


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
                    label = Label("hours_week", (sid, week[0]),
                                  f"{sid}: at most {week_limit:g} h in the week of {date}",
                                  f"{sid}: {date} 所在周工时不超过 {week_limit:g} 小时")
                    ctx.at_most(sum(m * x for m, x in terms), int(week_limit * 60) - done,
                                limit_weight(rules.max_hours_per_week), "hours_week", label)
        total = sum(minutes[s] * var for (d, s), var in mine.items())
        most = limit_value(rules.max_hours_total)
        if most is not None:
            label = Label("hours_max", (sid,), f"{sid}: at most {most:g} h in the horizon",
                          f"{sid}: 排班期内工时不超过 {most:g} 小时")
            ctx.at_most(total, int(round(most * 60)), limit_weight(rules.max_hours_total), "hours_total", label)
        least = limit_value(rules.min_hours_total)
        if least:
            label = Label("hours_min", (sid,), f"{sid}: at least {least:g} h in the horizon",
                          f"{sid}: 排班期内工时不少于 {least:g} 小时")
            ctx.at_least(total, int(round(least * 60)), limit_weight(rules.min_hours_total), "hours_total",
                         label, ub=int(round(least * 60)))
        by_shift: dict[int, list] = {}
        for (_d, t), var in mine.items():
            by_shift.setdefault(t, []).append(var)
        for shift_id, cap in (rules.max_shifts or {}).items():
            xs = by_shift.get(v.shifts.index(shift_id), [])
            if len(xs) > cap:
                label = Label("max_shifts", (sid, shift_id), f"{sid}: at most {cap} {shift_id} shifts",
                              f"{sid}: {sc.shift_by_id[shift_id].label}不超过 {cap} 个")
                ctx.at_most(sum(xs), cap, None, "max_shifts", label)
