"""Wishes for a shift or a day off: each one not met costs its weight."""

from __future__ import annotations

from roster.model.rule_names import Rule

from ..checker import Check, Checker, Soft


def run(chk: Checker) -> None:
    for rq in chk.sc.requests:
        a = chk.work[rq.staff].get(rq.date)
        # a template: any of its starts
        which = rq.shift if len(rq.shifts) == 1 else "/".join(rq.shifts)
        if rq.shift is not None and rq.off:
            broken, what = a is not None and a.shift in rq.shifts, f"wished not to work {which}"
        elif rq.shift is not None:
            broken, what = a is None or a.shift not in rq.shifts, f"wished to work {which}"
        else:
            broken, what = a is not None, "wished the day off"
        if broken:
            chk.add(Rule.REQUESTS, Soft(rq.weight),
                    f"{rq.staff} {rq.date}: {what}, got {a.shift if a else 'off'}",
                    f"{rq.staff} {rq.date}: 愿望未满足", staff=rq.staff, date=rq.date)


CHECK = Check(Rule.REQUESTS, (Rule.REQUESTS,), run)
