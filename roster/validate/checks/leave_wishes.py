"""Leave days the roster places from leave wishes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from roster.i18n import Msg
from roster.model.availability import wish_days
from roster.model.rule_names import Rule

from ..checker import Check, Checker


def run(chk: Checker) -> None:
    """Leave days the roster places: no work during them, and each leave wish gets exactly its days
    inside its window (days are matched to wishes earliest window end first)."""
    sc, cal = chk.sc, chk.cal
    seen: set[tuple[str, dt.date]] = set()
    placed: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for lv in chk.roster.leave:
        if lv.staff not in sc.staff_by_id or lv.date not in cal.index:
            chk.add(Rule.LEAVE_WISHES, None, Msg("wishes.unknown", who=lv.staff, date=lv.date),
                    hard=True)
            continue
        if (lv.staff, lv.date) in seen:
            chk.add(Rule.LEAVE_WISHES, None, Msg("wishes.twice", who=lv.staff, date=lv.date),
                    staff=lv.staff, date=lv.date, hard=True)
            continue
        seen.add((lv.staff, lv.date))
        lo = (lv.date - cal.start).days * 1440
        for day in (lv.date - dt.timedelta(days=1), lv.date):
            a = chk.work[lv.staff].get(day)
            if a is not None and chk.minutes(a)[0] < lo + 1440 and lo < chk.minutes(a)[1]:
                chk.add(Rule.LEAVE_WISHES, None, Msg("wishes.works", who=lv.staff, date=lv.date,
                                                     shift=a.shift,
                                                     on=a.date, type=lv.type),
                        staff=lv.staff, date=lv.date, hard=True)
        placed[(lv.staff, lv.type)].append(lv.date)
    open_days = {i: {cal.days[d].date for d in wish_days(sc, cal, i)}
                 for i in range(len(sc.leave_wishes))}
    got = [0] * len(sc.leave_wishes)
    for (who, kind), dates in sorted(placed.items()):
        wishes = sorted((w.window.end, i) for i, w in enumerate(sc.leave_wishes)
                        if w.staff == who and w.type == kind)
        for date in sorted(dates):
            for _, i in wishes:
                if date in open_days[i] and got[i] < sc.leave_wishes[i].days:
                    got[i] += 1
                    break
            else:
                chk.add(Rule.LEAVE_WISHES, None, Msg("wishes.unasked", who=who, date=date,
                                                     type=kind),
                        staff=who, date=date, hard=True)
    for i, w in enumerate(sc.leave_wishes):
        if got[i] != w.days:
            chk.add(Rule.LEAVE_WISHES, None, Msg("wishes.placed", who=w.staff, got=got[i],
                                                 days=w.days, type=w.type,
                                                 start=w.window.start, end=w.window.end),
                    staff=w.staff, hard=True)


CHECK = Check(Rule.LEAVE_WISHES, (Rule.LEAVE_WISHES,), run)
