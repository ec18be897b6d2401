"""Minimum rest between shifts (also forbids overlapping shifts) and forbidden shift sequences.

Shifts of the history (the previous roster's tail) count as worked: a night on the day before
the horizon rules out an early shift on its first day.
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
    shifts = sc.shifts
    n = len(cal)
    latest_end = max(s.end_minute for s in shifts)
    earliest_start = min(s.arrive_minute for s in shifts)
    # the gap from shift s to shift t worked k days later is k * 1440 + starts[t] - ends[s], any day
    # (a start is the arrival: a handover before the start counts as work)
    starts = [x.arrive_minute for x in shifts]
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
                        label = Label(Rule.OVERLAP, (sid, d, shifts[s].id, k),
                                      f"{sid} {date} {shifts[s].id}: the next shift would start "
                                      "before it ends",
                                      f"{sid} {date} {shifts[s].label}未结束不能上下一个班")
                        ctx.at_most(a + sum(v.y[(p, d + k, t)] for t in overlap), 1, None,
                                    Rule.OVERLAP, label)
                    if short:
                        date = cal.start + dt.timedelta(days=d)
                        label = Label(Rule.REST, (sid, d, shifts[s].id, k),
                                      f"{sid} {date} {shifts[s].id}: at least {rest:g} h rest "
                                      "before the next shift",
                                      f"{sid} {date} {shifts[s].label}后至少休息 {rest:g} 小时")
                        ctx.at_most(a + sum(v.y[(p, d + k, t)] for t in short), 1, rest_w,
                                    Rule.REST, label, ub=1)
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
        label = Label(Rule.SEQUENCE, (sid, d, names),
                      f"{sid} {date} {names}: not followed by {after} the next day",
                      f"{sid} {date} {names}次日不可上 {after}")
        worked = sum(v.y[(p, d, s)] for s in ss) if d >= 0 else 1
        ctx.at_most(worked + sum(v.y[(p, d + 1, t)] for t in ts), 1, weight, Rule.SEQUENCE, label,
                    ub=1)


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """Less rest for the person (or everyone), just enough for the shift that follows; or the
    forbidden orders after that shift dropped."""
    sid = staff_of(sc, lb)
    if sid is None:
        return
    cal = ctx.calendar
    if lb.family == Rule.REST:
        rest = rule_of(sc, sid, "min_rest_hours") or 0
        d, shift_id, k = lb.key[1], lb.key[2], lb.key[3]
        end = cal.interval(sc.shift_by_id[shift_id], d)[1]
        gaps = [cal.interval(sc.shift_by_id[t], d + k)[0] - end for t in ctx.vars.shifts
                if d + k < len(cal)]
        short = [g for g in gaps if 0 <= g < rest * 60]
        new = math.floor(max(short) / 60) if short else max(rest - 1, 0)
        add(f"{sid}: at least {new:g} h rest between shifts instead of {rest:g} h",
            f"{sid}：班次间休息由 {rest:g} 小时改为 {new:g} 小时", int(math.ceil(rest - new)),
            set_person_rule(sid, "min_rest_hours", new))
        all_rest = limit_value(sc.rules.min_rest_hours) or 0
        if all_rest > new:
            add(f"everyone: at least {new:g} h rest between shifts instead of {all_rest:g} h",
                f"所有人：班次间休息由 {all_rest:g} 小时改为 {new:g} 小时",
                int(math.ceil(all_rest - new)) * len(sc.staff),
                set_all_rule(sc, "min_rest_hours", new - all_rest), "all:rest")
    elif lb.family == Rule.SEQUENCE:
        pairs = [tuple(x) for x in sc.rules_for(sid).forbidden_sequences or ()]
        first = lb.key[2]
        firsts = set(first.split("/"))
        keep = [list(x) for x in pairs if x[0] not in firsts]
        add(f"{sid}: may work the next day after {first} (drop "
            f"{', '.join('→'.join(x) for x in pairs if x[0] in firsts)})",
            f"{sid}：{first} 之后次日可以上班", 1,
            set_person_rule(sid, "forbidden_sequences", keep))


FAMILY = Family(
    Rule.REST, add, Scope.PERSON, hard=True,
    terms=(Rule.OVERLAP, Rule.REST, Rule.SEQUENCE),
    violations=(Rule.OVERLAP, Rule.REST, Rule.SEQUENCE),
    labels=(Rule.REST, Rule.OVERLAP, Rule.SEQUENCE),
    words={Rule.REST: ("rest between shifts", "班次间休息"),
           Rule.OVERLAP: ("overlapping shifts", "班次重叠"),
           Rule.SEQUENCE: ("forbidden shift order", "禁止的班次顺序")},
    repairs=repairs,
    person_search=True,
)
