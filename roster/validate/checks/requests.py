"""Wishes for a shift or a day off: each one not met costs its weight."""

from __future__ import annotations

from roster.i18n import Msg
from roster.model.rule_names import Rule

from ..checker import Check, Checker, Soft


def run(chk: Checker) -> None:
    for rq in chk.sc.requests:
        a = chk.work[rq.staff].get(rq.date)
        # a template: any of its starts
        which = rq.shift if len(rq.shifts) == 1 else "/".join(rq.shifts)
        if rq.shift is not None and rq.off:
            broken, what = a is not None and a.shift in rq.shifts, "requests.not"
        elif rq.shift is not None:
            broken, what = a is None or a.shift not in rq.shifts, "requests.work"
        else:
            broken, what = a is not None, "requests.off"
        if broken:
            chk.add(Rule.REQUESTS, Soft(rq.weight), Msg(what, who=rq.staff, date=rq.date,
                                                        shift=which,
                                                        got=a.shift if a else Msg("word.off")),
                    staff=rq.staff, date=rq.date)


CHECK = Check(Rule.REQUESTS, (Rule.REQUESTS,), run)
