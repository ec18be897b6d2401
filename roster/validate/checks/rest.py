"""Rest between one person's shifts: no overlap, the least rest, no forbidden sequence."""

from __future__ import annotations

import datetime as dt

from roster.i18n import Msg
from roster.model.rule_names import Rule
from roster.model.scenario import limit_value

from ..checker import Check, Checker, Soft


def run(chk: Checker, who: str) -> None:
    sc, cal = chk.sc, chk.cal
    rules = sc.rules_for(who)
    mine = chk.mine(who)
    spans = [(chk.minutes(a), a) for a in [*chk.past[who], *mine]]
    rest = limit_value(rules.min_rest_hours) or 0
    for i, ((_, end), a) in enumerate(spans):
        for (start, _), b in spans[i + 1:]:
            if b.date < cal.start:  # both in the history: the past is not judged
                continue
            if start < end:
                chk.add(Rule.OVERLAP, None, Msg("rest.overlap", who=who, date=a.date,
                                                shift=a.shift, next_date=b.date,
                                                next_shift=b.shift),
                        staff=who, date=b.date, hard=True)
            elif start - end < rest * 60:
                gap = (start - end) / 60
                chk.add(Rule.REST, rules.min_rest_hours,
                        Msg("rest.short", who=who, date=a.date, shift=a.shift, next_date=b.date,
                            next_shift=b.shift,
                            gap=gap, rest=rest),
                        staff=who, date=b.date)
    forbidden = {tuple(x) for x in rules.forbidden_sequences or ()}
    weight = rules.forbidden_sequences_weight
    for a in [*chk.past[who], *mine]:
        nxt = chk.work[who].get(a.date + dt.timedelta(days=1))
        if nxt and (a.shift, nxt.shift) in forbidden:
            chk.add(Rule.SEQUENCE, None if weight is None else Soft(weight),
                    Msg("rest.sequence", who=who, date=a.date, shift=a.shift, next_shift=nxt.shift),
                    staff=who, date=nxt.date)


CHECK = Check(Rule.REST, (Rule.OVERLAP, Rule.REST, Rule.SEQUENCE), run, per_person=True)
