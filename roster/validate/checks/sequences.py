"""Runs of one person's work days and days off: at most, at least in a row."""

from __future__ import annotations

from roster.i18n import Msg
from roster.model.rule_names import Rule
from roster.model.scenario import limit_value

from ..checker import Check, Checker


def run(chk: Checker, who: str) -> None:
    rules = chk.sc.rules_for(who)
    h = len(chk.past_days)  # history days come first; a run wholly in them is not judged
    days = [*chk.past_days, *(d.date for d in chk.cal.days)]
    before = {a.date for a in chk.past[who]}
    worked = [d in chk.work[who] or d in before for d in days]
    runs: list[tuple[bool, int, int]] = []  # (working?, first index, length)
    for i, w in enumerate(worked):
        if runs and runs[-1][0] == w:
            runs[-1] = (w, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((w, i, 1))
    most = limit_value(rules.max_consecutive_work_days)
    for w, i, n in runs:
        if i + n < h:  # wholly in the history, and so is the day after it
            continue
        inside = i > 0 and i + n < len(days)
        # rows of most + 1 days that lie wholly in the history are the past's, not this roster's
        units = int(n - most - max(0, min(h - i, n) - most)) if most is not None else 0
        if w and most is not None and n > most and units > 0:
            chk.add(Rule.MAX_CONSECUTIVE, rules.max_consecutive_work_days,
                    Msg("sequences.most", who=who, n=n, first=days[i], last=days[i + n - 1],
                        most=most),
                    units=units, staff=who,
                    date=days[i])
        for kind, limit in ((True, rules.min_consecutive_work_days), (False,
                                                                      rules.min_consecutive_days_off)):
            least = limit_value(limit)
            if w == kind and inside and least and n < least:
                what = Msg("word.work_days" if kind else "word.days_off")
                chk.add(Rule.MIN_CONSECUTIVE_WORK if kind else Rule.MIN_CONSECUTIVE_OFF, limit,
                        Msg("sequences.least", who=who, n=n, what=what, first=days[i], least=least),
                        staff=who, date=days[i])


CHECK = Check(Rule.SEQUENCES,
              (Rule.MAX_CONSECUTIVE, Rule.MIN_CONSECUTIVE_WORK, Rule.MIN_CONSECUTIVE_OFF), run,
              per_person=True)
