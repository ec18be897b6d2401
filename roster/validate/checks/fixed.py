"""Pinned cells: a pinned shift worked, a pinned day off kept."""

from __future__ import annotations

from roster.i18n import Msg
from roster.model.rule_names import Rule

from ..checker import Check, Checker


def run(chk: Checker) -> None:
    for f in chk.sc.fixed:
        a = chk.work[f.staff].get(f.date)
        if f.off and a is not None:
            chk.add(Rule.FIXED, None, Msg("fixed.off", who=f.staff, date=f.date, shift=a.shift),
                    staff=f.staff, date=f.date, hard=True)
        if f.shift is not None and (a is None or a.shift not in f.shifts):
            # a template: one of its starts
            what = f.shift if len(f.shifts) == 1 else "/".join(f.shifts)
            chk.add(Rule.FIXED, None, Msg("fixed.to", who=f.staff, date=f.date, pinned=what,
                                          got=a.shift if a else Msg("word.off")),
                    staff=f.staff, date=f.date, hard=True)


CHECK = Check(Rule.FIXED, (Rule.FIXED,), run)
