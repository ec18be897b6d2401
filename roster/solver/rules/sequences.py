"""Runs of days: most consecutive work days, fewest consecutive work days and days off.

The fewest-days rules judge only runs with a day of the other kind on both sides inside the
horizon; a run that touches the first or last day may continue outside it. With a history (the
previous roster's tail) the days it covers come first as constants, so runs that cross the
horizon start are judged whole; a run that lies wholly in the history is not judged.
"""

from __future__ import annotations

import datetime as dt

from ...model.rule_names import Rule
from ...model.scenario import Scenario, limit_value, limit_weight
from ..context import Context, Label
from ..history import before, covered
from ..relax import rule_of, set_all_rule, set_person_rule, staff_of
from .family import Family, Offer, Scope


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    n = len(cal)
    h = covered(ctx)  # history days before day 0: works[i] is day i - h
    for p, sid in enumerate(v.staff):
        rules = sc.rules_for(sid)
        past = before(ctx, p)
        works = [True if d in past else None for d in range(-h, 0)] + [v.works(p, d)
                                                                       for d in range(n)]
        most = limit_value(rules.max_consecutive_work_days)
        if most is not None and most < n + h:
            k = int(most)
            for d in range(max(0, h - k), n + h - k):
                window = [w for w in works[d:d + k + 1] if w is not None]
                if len(window) > k:
                    first, last = _date(ctx, d - h), _date(ctx, d - h + k)
                    label = Label(Rule.MAX_CONSECUTIVE, (sid, d - h),
                                  f"{sid}: at most {k} work days in a row ({first}..{last})",
                                  f"{sid}: 连续上班不超过 {k} 天 ({first}起)")
                    ctx.at_most(sum(window), k, limit_weight(rules.max_consecutive_work_days),
                                Rule.MAX_CONSECUTIVE, label, ub=1)
        _fewest(ctx, p, sid, works, rules.min_consecutive_work_days, work=True, h=h)
        _fewest(ctx, p, sid, works, rules.min_consecutive_days_off, work=False, h=h)


def _date(ctx: Context, d: int) -> dt.date:
    return ctx.calendar.start + dt.timedelta(days=d)


def _fewest(ctx: Context, p: int, sid: str, works: list, limit, work: bool, h: int = 0) -> None:
    """Forbid runs shorter than the limit; ``works`` starts with ``h`` history days (True:
    worked)."""
    least = limit_value(limit)
    if not least or least <= 1:
        return
    n = len(works)
    kind, zh = ("work days", "上班") if work else ("days off", "休息")
    family = Rule.MIN_CONSECUTIVE_WORK if work else Rule.MIN_CONSECUTIVE_OFF
    for length in range(1, int(least)):
        for d in range(max(1, h - length), n - length):
            # forbid: other kind at d-1, this kind on d..d+length-1, other kind at d+length
            pattern = [(d - 1, not work), *((d + i, work) for i in range(length)),
                       (d + length, not work)]
            clause = []
            possible = True
            for day, want_work in pattern:
                w = works[day]
                # a constant: a day off (leave, cannot work) or worked (history)
                if w is None or w is True:
                    if want_work != (w is True):
                        possible = False
                        break
                    continue
                clause.append(w.Not() if want_work else w)
            if not possible:
                continue
            date = _date(ctx, d - h)
            label = Label(family, (sid, d - h, length),
                          f"{sid}: at least {least:g} {kind} in a row (run of {length} from "
                          f"{date})",
                          f"{sid}: 连续{zh}至少 {least:g} 天 ({date}起仅 {length} 天)")
            ctx.clause(clause, limit_weight(limit), family, label)


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """One more work day in a row (for the person or everyone), or one fewer in a shortest run."""
    sid = staff_of(sc, lb)
    if sid is None:
        return
    f = lb.family
    if f == Rule.MAX_CONSECUTIVE:
        now = rule_of(sc, sid, "max_consecutive_work_days") or 0
        add(f"{sid}: up to {now + 1:g} work days in a row instead of {now:g}",
            f"{sid}：连续上班上限由 {now:g} 天增为 {now + 1:g} 天", 1,
            set_person_rule(sid, "max_consecutive_work_days", now + 1))
        base = limit_value(sc.rules.max_consecutive_work_days)
        if base is not None:
            add(f"everyone: up to {base + 1:g} work days in a row instead of {base:g}",
                f"所有人：连续上班上限由 {base:g} 天增为 {base + 1:g} 天", len(sc.staff),
                set_all_rule(sc, "max_consecutive_work_days", 1), "all:max_consecutive")
    elif f in (Rule.MIN_CONSECUTIVE_WORK, Rule.MIN_CONSECUTIVE_OFF):
        name = ("min_consecutive_work_days" if f == Rule.MIN_CONSECUTIVE_WORK
                else "min_consecutive_days_off")
        now = rule_of(sc, sid, name) or 0
        add(f"{sid}: at least {now - 1:g} {'work days' if 'work' in f else 'days off'} in a row "
            f"instead of {now:g}",
            f"{sid}：{name} 由 {now:g} 减为 {now - 1:g}", 1, set_person_rule(sid, name, now - 1))


FAMILY = Family(
    Rule.SEQUENCES, add, Scope.PERSON, hard=True,
    terms=(Rule.MAX_CONSECUTIVE, Rule.MIN_CONSECUTIVE_WORK, Rule.MIN_CONSECUTIVE_OFF),
    violations=(Rule.MAX_CONSECUTIVE, Rule.MIN_CONSECUTIVE_WORK, Rule.MIN_CONSECUTIVE_OFF),
    labels=(Rule.MAX_CONSECUTIVE, Rule.MIN_CONSECUTIVE_WORK, Rule.MIN_CONSECUTIVE_OFF),
    words={Rule.MAX_CONSECUTIVE: ("work days in a row", "连续上班天数"),
           Rule.MIN_CONSECUTIVE_WORK: ("fewest work days in a row", "最少连续上班天数"),
           Rule.MIN_CONSECUTIVE_OFF: ("fewest days off in a row", "最少连续休息天数")},
    repairs=repairs,
    person_search=True,
)
