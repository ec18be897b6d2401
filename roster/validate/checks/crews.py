"""Crews kept together: per crew and day, the members who work less those on the shift most of
them work; each is a hard violation, or costs the crew's weight."""

from __future__ import annotations

from collections import defaultdict

from roster.i18n import Msg
from roster.model.rotations import crews
from roster.model.rule_names import Rule

from ..checker import Check, Checker, Soft


def run(chk: Checker) -> None:
    sc, cal = chk.sc, chk.cal
    for team, members, weight in crews(sc):
        for day in cal.days:
            on: dict[str, list[str]] = defaultdict(list)
            for m in members:
                a = chk.work[m].get(day.date)
                if a is not None:
                    on[a.shift].append(m)
            if len(on) < 2:
                continue
            most = max(len(v) for v in on.values())
            split = ", ".join(f"{s}: {' '.join(ms)}" for s, ms in sorted(on.items()))
            chk.add(Rule.TOGETHER, None if weight is None else Soft(weight),
                    Msg("crews.split", team=team, date=day.date, shifts=len(on), split=split),
                    units=sum(len(v) for v in on.values()) - most, date=day.date)


CHECK = Check(Rule.CREWS, (Rule.TOGETHER,), run)
