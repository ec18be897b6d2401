"""Pinned cells: a pinned shift worked, a pinned day off kept."""

from __future__ import annotations

from roster.model.rule_names import Rule

from ..checker import Check, Checker


def run(chk: Checker) -> None:
    for f in chk.sc.fixed:
        a = chk.work[f.staff].get(f.date)
        if f.off and a is not None:
            chk.add(Rule.FIXED, None, f"{f.staff} {f.date}: pinned off but works {a.shift}",
                    f"{f.staff} {f.date}: 固定休息却上{a.shift}", staff=f.staff, date=f.date,
                    hard=True)
        if f.shift is not None and (a is None or a.shift not in f.shifts):
            # a template: one of its starts
            what = f.shift if len(f.shifts) == 1 else "/".join(f.shifts)
            chk.add(Rule.FIXED, None,
                    f"{f.staff} {f.date}: pinned to {what} but has {a.shift if a else 'off'}",
                    f"{f.staff} {f.date}: 固定{what}却为{a.shift if a else '休'}", staff=f.staff,
                    date=f.date, hard=True)


CHECK = Check(Rule.FIXED, (Rule.FIXED,), run)
