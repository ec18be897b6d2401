"""Changes against a published roster: the ``changes`` term of a repair.

Not one of the scenario's rule families (``FAMILIES``), and so no ``FAMILY`` here: the family
depends on the published roster, and a repair adds it next to the registry's families. Each cell
from ``start`` on that differs from the published roster costs ``base + extra``, where ``base``
outweighs every extra together, so fewer changed cells always win; among equally few,
``ChangeWeights`` prefers changes far from the start and keeps days off where they were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model.roster import Roster
from ...model.rule_names import Rule
from ..context import Context
from .family import Family, Scope


@dataclass(frozen=True)
class ChangeWeights:
    """What a changed cell costs. Fewer changed cells always win (each costs more than all the
    extras together); among equally few, a change within ``near_days`` of the start costs up to
    ``near`` more (more the nearer), and a moved day off (off → shift or shift → off) ``day_off``
    more than a changed shift."""

    near_days: int = 7
    near: int = 7
    day_off: int = 3

    def extra(self, days_ahead: int, moves_day_off: bool) -> int:
        ramp = 0
        if self.near_days > 0 and days_ahead < self.near_days:
            ramp = -(-self.near * (self.near_days - days_ahead) // self.near_days)
        return ramp + (self.day_off if moves_day_off else 0)


COUNT_ONLY = ChangeWeights(near_days=0, near=0, day_off=0)
"""Every changed cell costs the same: the repair with the fewest changed cells."""


def changes_family(published: Roster, start: dt.date,
                   weights: ChangeWeights = ChangeWeights()) -> Family:
    """The family for ``build(..., families=[*FAMILIES.values(), changes_family(...)])``."""

    def add(ctx: Context) -> None:
        v, cal = ctx.vars, ctx.calendar
        cells = {(a.staff, a.date): a.shift for a in published}
        shift_index = {sid: i for i, sid in enumerate(v.shifts)}
        first = cal.index.get(start, 0)
        count = len(v.staff) * (len(cal) - first)
        top = max(weights.extra(0, True), 0)
        base = top * count + 1  # one more changed cell outweighs every extra together
        for p, sid in enumerate(v.staff):
            for d in range(first, len(cal)):
                date = cal.days[d].date
                was = cells.get((sid, date))
                works = v.works(p, d)
                ahead = d - first
                if was is None:  # published off: working now moves the day off
                    if works is not None:
                        ctx.penalise(Rule.CHANGES, base + weights.extra(ahead, True), works)
                    continue
                same = v.on(p, d, shift_index[was])
                kept = 0 if same is None else same
                ctx.penalise(Rule.CHANGES, base + weights.extra(ahead, False), 1 - kept)
                if weights.day_off:
                    ctx.penalise(Rule.CHANGES, weights.day_off,
                                 1 - (works if works is not None else 0))

    return Family(Rule.CHANGES, add, Scope.PERSON, hard=False, terms=(Rule.CHANGES,), violations=())
