"""Rotation patterns: each judged cell (``roster.model.rotations.pattern_cells``) the roster keeps
off the pattern: another shift, no shift where the pattern has one, or a shift on a pattern day
off."""

from __future__ import annotations

from roster.i18n import Msg
from roster.model.rotations import pattern_cells
from roster.model.rule_names import Rule

from ..checker import Check, Checker, Soft


def run(chk: Checker) -> None:
    sc, cal = chk.sc, chk.cal
    for cell in pattern_cells(sc, cal):
        date = cal.days[cell.day].date
        a = chk.work[cell.staff].get(date)
        got = a.shift if a is not None else None
        if got == cell.shift:
            continue
        had = got or Msg("word.off")
        chk.add(Rule.PATTERN, None if cell.weight is None else Soft(cell.weight),
                Msg("rotations.off_pattern", who=cell.staff, date=date, rotation=cell.rotation,
                    wants=cell.shift if cell.shift is not None else Msg("word.off"), got=had),
                staff=cell.staff, date=date)


CHECK = Check(Rule.ROTATIONS, (Rule.PATTERN,), run)
