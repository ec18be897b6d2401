"""Minimum rest between shifts (also forbids overlapping shifts) and forbidden shift sequences."""

from __future__ import annotations

from ...model.scenario import limit_value, limit_weight
from ..context import Context, Label


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    shifts = sc.shifts
    n = len(cal)
    for p, sid in enumerate(v.staff):
        rules = sc.rules_for(sid)
        rest = limit_value(rules.min_rest_hours) or 0
        rest_w = limit_weight(rules.min_rest_hours)
        forbidden = {tuple(x) for x in rules.forbidden_sequences or ()}
        seq_w = rules.forbidden_sequences_weight
        for d in range(n):
            for s in v.by_day.get((p, d), []):
                a = v.y[(p, d, s)]
                end = cal.interval(shifts[s], d)[1]
                for k in (1, 2):
                    later = [t for t in v.by_day.get((p, d + k), [])
                             if cal.interval(shifts[t], d + k)[0] - end < rest * 60]
                    if later:
                        date = cal.days[d].date
                        label = Label("rest", (sid, d, shifts[s].id, k),
                                      f"{sid} {date} {shifts[s].id}: at least {rest:g} h rest before the next shift",
                                      f"{sid} {date} {shifts[s].label}后至少休息 {rest:g} 小时")
                        ctx.at_most(a + sum(v.y[(p, d + k, t)] for t in later), 1, rest_w, "rest", label, ub=1)
                if forbidden and d + 1 < n:
                    nxt = [t for t in v.by_day.get((p, d + 1), []) if (shifts[s].id, shifts[t].id) in forbidden]
                    if nxt:
                        date = cal.days[d].date
                        names = "/".join(shifts[t].id for t in nxt)
                        label = Label("sequence", (sid, d, shifts[s].id),
                                      f"{sid} {date} {shifts[s].id}: not followed by {names} the next day",
                                      f"{sid} {date} {shifts[s].label}次日不可上 {names}")
                        ctx.at_most(a + sum(v.y[(p, d + 1, t)] for t in nxt), 1, seq_w, "sequence", label, ub=1)
