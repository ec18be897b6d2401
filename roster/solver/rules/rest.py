"""Minimum rest between shifts (also forbids overlapping shifts) and forbidden shift sequences.

Shifts of the history (the previous roster's tail) count as worked: a night on the day before
the horizon rules out an early shift on its first day.
"""

from __future__ import annotations

import datetime as dt

from ...model.scenario import limit_value, limit_weight
from ..context import Context, Label
from ..history import before


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    shifts = sc.shifts
    n = len(cal)
    latest_end = max(s.end_minute for s in shifts)
    earliest_start = min(s.start_minute for s in shifts)
    # the gap from shift s to shift t worked k days later is k * 1440 + starts[t] - ends[s], any day
    starts = [x.start_minute for x in shifts]
    ends = [x.end_minute for x in shifts]
    for p, sid in enumerate(v.staff):
        rules = sc.rules_for(sid)
        rest = limit_value(rules.min_rest_hours) or 0
        rest_w = limit_weight(rules.min_rest_hours)
        forbidden = {tuple(x) for x in rules.forbidden_sequences or ()}
        # a shift k days later can clash only if it starts before the latest end plus the rest
        reach = max(1, -(-(latest_end + int(rest * 60) - earliest_start) // 1440) - 1) if rest else 1
        seq_w = rules.forbidden_sequences_weight
        past = before(ctx, p)  # day < 0 → shift worked then (a constant)
        for d in range(min(past, default=0), n):
            for s in (v.by_day.get((p, d), []) if d >= 0 else [past[d]] if d in past else []):
                a = v.y[(p, d, s)] if d >= 0 else 1
                for k in range(1, reach + 1):
                    gaps = [(t, k * 1440 + starts[t] - ends[s]) for t in v.by_day.get((p, d + k), [])]
                    overlap = [t for t, g in gaps if g < 0]
                    short = [t for t, g in gaps if 0 <= g < rest * 60]
                    date = cal.start + dt.timedelta(days=d)
                    if overlap:
                        label = Label("overlap", (sid, d, shifts[s].id, k),
                                      f"{sid} {date} {shifts[s].id}: the next shift would start before it ends",
                                      f"{sid} {date} {shifts[s].label}未结束不能上下一个班")
                        ctx.at_most(a + sum(v.y[(p, d + k, t)] for t in overlap), 1, None, "overlap", label)
                    if short:
                        label = Label("rest", (sid, d, shifts[s].id, k),
                                      f"{sid} {date} {shifts[s].id}: at least {rest:g} h rest before the next shift",
                                      f"{sid} {date} {shifts[s].label}后至少休息 {rest:g} 小时")
                        ctx.at_most(a + sum(v.y[(p, d + k, t)] for t in short), 1, rest_w, "rest", label, ub=1)
                if forbidden and d + 1 < n:
                    nxt = [t for t in v.by_day.get((p, d + 1), []) if (shifts[s].id, shifts[t].id) in forbidden]
                    if nxt:
                        date = cal.start + dt.timedelta(days=d)
                        names = "/".join(shifts[t].id for t in nxt)
                        label = Label("sequence", (sid, d, shifts[s].id),
                                      f"{sid} {date} {shifts[s].id}: not followed by {names} the next day",
                                      f"{sid} {date} {shifts[s].label}次日不可上 {names}")
                        ctx.at_most(a + sum(v.y[(p, d + 1, t)] for t in nxt), 1, seq_w, "sequence", label, ub=1)
