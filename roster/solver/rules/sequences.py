"""Runs of days: most consecutive work days, fewest consecutive work days and days off.

The fewest-days rules judge only runs with a day of the other kind on both sides inside the
horizon; a run that touches the first or last day may continue outside it.
"""

from __future__ import annotations

from ...model.scenario import limit_value, limit_weight
from ..context import Context, Label


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    n = len(cal)
    for p, sid in enumerate(v.staff):
        rules = sc.rules_for(sid)
        works = [v.works(p, d) for d in range(n)]
        most = limit_value(rules.max_consecutive_work_days)
        if most is not None and most < n:
            k = int(most)
            for d in range(n - k):
                window = [w for w in works[d:d + k + 1] if w is not None]
                if len(window) > k:
                    label = Label("max_consecutive", (sid, d),
                                  f"{sid}: at most {k} work days in a row ({cal.days[d].date}..{cal.days[d + k].date})",
                                  f"{sid}: 连续上班不超过 {k} 天 ({cal.days[d].date}起)")
                    ctx.at_most(sum(window), k, limit_weight(rules.max_consecutive_work_days),
                                "max_consecutive", label, ub=1)
        _fewest(ctx, p, sid, works, rules.min_consecutive_work_days, work=True)
        _fewest(ctx, p, sid, works, rules.min_consecutive_days_off, work=False)


def _fewest(ctx: Context, p: int, sid: str, works: list, limit, work: bool) -> None:
    least = limit_value(limit)
    if not least or least <= 1:
        return
    cal, n = ctx.calendar, len(works)
    kind, zh = ("work days", "上班") if work else ("days off", "休息")
    family = "min_consecutive_work" if work else "min_consecutive_off"
    for length in range(1, int(least)):
        for d in range(1, n - length):
            # forbid: other kind at d-1, this kind on d..d+length-1, other kind at d+length
            pattern = [(d - 1, not work), *((d + i, work) for i in range(length)), (d + length, not work)]
            clause = []
            possible = True
            for day, want_work in pattern:
                w = works[day]
                if w is None:  # cannot work that day: a constant day off
                    if want_work:
                        possible = False
                        break
                    continue
                clause.append(w.Not() if want_work else w)
            if not possible:
                continue
            label = Label(family, (sid, d, length),
                          f"{sid}: at least {least:g} {kind} in a row (run of {length} from {cal.days[d].date})",
                          f"{sid}: 连续{zh}至少 {least:g} 天 ({cal.days[d].date}起仅 {length} 天)")
            ctx.clause(clause, limit_weight(limit), family, label)
