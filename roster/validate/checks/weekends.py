"""One person's weekends worked: in the horizon and per month."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from roster.i18n import Msg
from roster.model.rule_names import Rule
from roster.model.scenario import limit_value

from ..checker import Check, Checker


def run(chk: Checker, who: str) -> None:
    rules, mine = chk.sc.rules_for(who), chk.mine(who)
    saturdays = sorted({a.date - dt.timedelta(days=a.date.weekday() - 5) for a in mine
                        if a.date.weekday() >= 5})
    total = limit_value(rules.max_weekends)
    if total is not None and len(saturdays) > total:
        chk.add(Rule.WEEKENDS, rules.max_weekends, Msg("weekends.most", who=who, n=len(saturdays),
                                                       most=total),
                units=int(len(saturdays) - total), staff=who)
    monthly = limit_value(rules.max_weekends_per_month)
    if monthly is not None:
        per: dict[tuple[int, int], int] = defaultdict(int)
        # weekends worked in the history count towards the months of this roster's weekends
        months = {(s.year, s.month) for s in (d.date - dt.timedelta(days=d.date.weekday() - 5)
                                              for d in chk.cal.days if d.date.weekday() >= 5)}
        earlier = {a.date - dt.timedelta(days=a.date.weekday() - 5) for a in chk.past[who]
                   if a.date.weekday() >= 5}
        for sat in set(saturdays) | {s for s in earlier if (s.year, s.month) in months}:
            per[(sat.year, sat.month)] += 1
        for (y, m), n in sorted(per.items()):
            if n > monthly:
                chk.add(Rule.WEEKENDS, rules.max_weekends_per_month,
                        Msg("weekends.month", who=who, n=n, year=y, month=m, most=monthly),
                        units=int(n - monthly), staff=who)


CHECK = Check(Rule.WEEKENDS, (Rule.WEEKENDS,), run, per_person=True)
