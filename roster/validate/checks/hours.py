"""One person's hours: per week, in the horizon, and shifts of a kind."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from roster.i18n import Msg
from roster.model.rule_names import Rule
from roster.model.scenario import limit_value

from ..checker import Check, Checker


def run(chk: Checker, who: str) -> None:
    rules, mine = chk.sc.rules_for(who), chk.mine(who)
    sc = chk.sc
    minutes = {a.date: sc.shift_by_id[a.shift].paid_minutes for a in mine}
    week_cap = limit_value(rules.max_hours_per_week)
    if week_cap is not None:
        weeks: dict[tuple[int, int], int] = defaultdict(int)
        for d, m in minutes.items():
            weeks[d.isocalendar()[:2]] += m
        first_week = chk.cal.start.isocalendar()[:2]
        for a in chk.past[who]:  # the week that straddles the horizon start counts the history too
            if a.date.isocalendar()[:2] == first_week:
                weeks[a.date.isocalendar()[:2]] += sc.shift_by_id[a.shift].paid_minutes
        for (year, week), m in sorted(weeks.items()):
            if m > week_cap * 60:
                monday = dt.date.fromisocalendar(year, week, 1)
                chk.add(Rule.HOURS_WEEK, rules.max_hours_per_week,
                        Msg("hours.week", who=who, hours=m / 60, monday=monday, cap=week_cap),
                        units=int(m - week_cap * 60), staff=who, date=monday)
    total = sum(minutes.values())
    most, least = limit_value(rules.max_hours_total), limit_value(rules.min_hours_total)
    if most is not None and total > round(most * 60):
        chk.add(Rule.HOURS_TOTAL, rules.max_hours_total, Msg("hours.most", who=who,
                                                             hours=total / 60, cap=most),
                units=int(total - round(most * 60)), staff=who)
    if least and total < round(least * 60):
        chk.add(Rule.HOURS_TOTAL, rules.min_hours_total, Msg("hours.least", who=who,
                                                             hours=total / 60, cap=least),
                units=int(round(least * 60) - total), staff=who)
    for shift_id, cap in (rules.max_shifts or {}).items():
        n = sum(1 for a in mine if a.shift == shift_id)
        if n > cap:
            chk.add(Rule.MAX_SHIFTS, None, Msg("hours.max_shifts", who=who, n=n, shift=shift_id,
                                               cap=cap),
                    staff=who, hard=True)
    for template, cap in (rules.max_template_shifts or {}).items():
        ids = set(chk.sc.shifts_named([template]))
        n = sum(1 for a in mine if a.shift in ids)
        if n > cap:
            chk.add(Rule.MAX_SHIFTS, None, Msg("hours.max_template", who=who, n=n, shift=template,
                                               cap=cap),
                    staff=who, hard=True)


CHECK = Check(Rule.HOURS, (Rule.HOURS_WEEK, Rule.HOURS_TOTAL, Rule.MAX_SHIFTS), run,
              per_person=True)
