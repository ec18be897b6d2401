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
    by_rest: dict[float, tuple[int, list]] = {}
    for p, sid in enumerate(v.staff):
        rules = sc.rules_for(sid)
        rest = limit_value(rules.min_rest_hours) or 0
        rest_w = limit_weight(rules.min_rest_hours)
        forbidden = {tuple(x) for x in rules.forbidden_sequences or ()}
        if rest not in by_rest:
            by_rest[rest] = _clashes(starts, ends, latest_end, earliest_start, rest)
        reach, clash = by_rest[rest]
        orders = _orders(shifts, forbidden)
        seq_w = rules.forbidden_sequences_weight
        past = before(ctx, p)  # day < 0 → shift worked then (a constant)
        for d in range(min(past, default=0), n):
            for s in (v.by_day.get((p, d), []) if d >= 0 else [past[d]] if d in past else []):
                a = v.y[(p, d, s)] if d >= 0 else 1
                for k in range(1, reach + 1):
                    overlap_set, short_set = clash[s][k]
                    if not overlap_set and not short_set:
                        continue
                    later = v.by_day.get((p, d + k), ())
                    overlap = [t for t in later if t in overlap_set]
                    short = [t for t in later if t in short_set]
                    if overlap:
                        date = cal.start + dt.timedelta(days=d)
                        label = Label("overlap", (sid, d, shifts[s].id, k),
                                      f"{sid} {date} {shifts[s].id}: the next shift would start before it ends",
                                      f"{sid} {date} {shifts[s].label}未结束不能上下一个班")
                        ctx.at_most(a + sum(v.y[(p, d + k, t)] for t in overlap), 1, None, "overlap", label)
                    if short:
                        date = cal.start + dt.timedelta(days=d)
                        label = Label("rest", (sid, d, shifts[s].id, k),
                                      f"{sid} {date} {shifts[s].id}: at least {rest:g} h rest before the next shift",
                                      f"{sid} {date} {shifts[s].label}后至少休息 {rest:g} 小时")
                        ctx.at_most(a + sum(v.y[(p, d + k, t)] for t in short), 1, rest_w, "rest", label, ub=1)
            if orders and d + 1 < n:
                _forbid_orders(ctx, p, sid, d, past, orders, seq_w)


def _clashes(starts: list[int], ends: list[int], latest_end: int, earliest_start: int,
             rest: float) -> tuple[int, list[list[tuple[set[int], set[int]]]]]:
    """Days ahead a clash can reach, and per (shift, days later): shifts that would overlap it and
    shifts that would start inside the rest after it (the same for every day and person)."""
    reach = max(1, -(-(latest_end + int(rest * 60) - earliest_start) // 1440) - 1) if rest else 1
    out = []
    for s in range(len(starts)):
        row: list[tuple[set[int], set[int]]] = [(set(), set())]
        for k in range(1, reach + 1):
            gaps = [(t, k * 1440 + starts[t] - ends[s]) for t in range(len(starts))]
            row.append(({t for t, g in gaps if g < 0}, {t for t, g in gaps if 0 <= g < rest * 60}))
        out.append(row)
    return reach, out


def _orders(shifts, forbidden: set[tuple[str, str]]) -> list[tuple[set[int], set[int]]]:
    """Forbidden orders grouped by shared followers: (shifts, the shifts none of them may precede).

    One constraint per group and day (at most one of the group today or of its followers
    tomorrow) says the same as one per pair, in fewer and tighter constraints."""
    after: dict[int, frozenset[int]] = {}
    for s, a in enumerate(shifts):
        ts = frozenset(t for t, b in enumerate(shifts) if (a.id, b.id) in forbidden)
        if ts:
            after[s] = ts
    groups: dict[frozenset[int], set[int]] = {}
    for s, ts in after.items():
        groups.setdefault(ts, set()).add(s)
    return [(ss, set(ts)) for ts, ss in groups.items()]


def _forbid_orders(ctx: Context, p: int, sid: str, d: int, past: dict[int, int],
                   orders: list[tuple[set[int], set[int]]], weight: int | None) -> None:
    v, shifts = ctx.vars, ctx.scenario.shifts
    today = v.by_day.get((p, d), ()) if d >= 0 else ([past[d]] if d in past else ())
    if not today:
        return
    tomorrow = v.by_day.get((p, d + 1), ())
    for first, then in orders:
        ss = [s for s in today if s in first]
        ts = [t for t in tomorrow if t in then]
        if not ss or not ts:
            continue
        date = ctx.calendar.start + dt.timedelta(days=d)
        names = "/".join(shifts[s].id for s in ss)
        after = "/".join(shifts[t].id for t in ts)
        label = Label("sequence", (sid, d, names), f"{sid} {date} {names}: not followed by {after} the next day",
                      f"{sid} {date} {names}次日不可上 {after}")
        worked = sum(v.y[(p, d, s)] for s in ss) if d >= 0 else 1
        ctx.at_most(worked + sum(v.y[(p, d + 1, t)] for t in ts), 1, weight, "sequence", label, ub=1)
