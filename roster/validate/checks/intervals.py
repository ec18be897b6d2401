"""People on the floor per interval, and the breaks placed."""

from __future__ import annotations

import datetime as dt

from roster.i18n import Msg
from roster.model.intervals import break_minute, interval_needs, on_floor
from roster.model.rule_names import Rule

from ..checker import Check, Checker, Soft


def floor(chk: Checker) -> None:
    """Each interval a per-interval line needs: people short cost the line's steps (the k-th
    person missing the k-th step), people over ``over_weight`` each (counted by ``on_floor``);
    fewer than ``min_on_floor`` while the line needs anyone breaks that rule."""
    sc, cal = chk.sc, chk.cal
    needs = interval_needs(sc, cal)
    if not needs:
        return
    staffed = on_floor(sc, cal, chk.items)
    for key in sorted(needs, key=lambda k: (k[1], k[0] or "")):
        need, have = needs[key], staffed.get(key, 0)
        day, minute = divmod(key[1], 1440)
        date = cal.start + dt.timedelta(days=day)
        when = f"{date} {minute // 60:02d}:{minute % 60:02d}"
        who = key[0] or Msg("word.staff")
        said = {"when": when, "have": have, "who": who,
                "who_name": sc.role_by_id[key[0]].label if key[0] else Msg("word.staff")}
        on_day = date if day < len(cal.days) else None
        if have < need.floor_min:
            hard = need.floor_weight is None
            chk.add(Rule.MIN_ON_FLOOR, None if hard else Soft(need.floor_weight),
                    Msg("intervals.floor", least=need.floor_min, **said),
                    units=need.floor_min - have, date=on_day, hard=True if hard else None)
        if have < need.agents:
            chk.add(Rule.INTERVAL_SHORTFALL, Soft(need.short_cost(need.agents - have)),
                    Msg("intervals.short", need=need.agents, **said),
                    units=1, date=on_day)
        elif have > need.agents:
            chk.add(Rule.INTERVAL_OVER, Soft(need.over_weight),
                    Msg("intervals.over", need=need.agents, **said),
                    units=have - need.agents, date=date if day < len(cal.days) else None)


def breaks(chk: Checker) -> None:
    """A shift with a break rule has its break placed at an allowed start; one without has none."""
    for a in chk.items:
        shift = chk.sc.shift_by_id[a.shift]
        rule = shift.break_rule
        if rule is None:
            if a.break_at is not None:
                chk.add(Rule.BREAKS, None, Msg("breaks.none_to_place", who=a.staff, date=a.date,
                                               shift=a.shift,
                                               shift_name=shift.label, at=a.break_at),
                        staff=a.staff, date=a.date, hard=True)
            continue
        window = f"{rule.within[0]}-{rule.within[1]}"
        if a.break_at is None:
            chk.add(Rule.BREAKS, None, Msg("breaks.missing", who=a.staff, date=a.date,
                                           shift=a.shift,
                                           shift_name=shift.label, minutes=rule.minutes,
                                           window=window),
                    staff=a.staff, date=a.date, hard=True)
            continue
        try:
            start = break_minute(shift, a.break_at)
        except ValueError:
            start = None
        if start not in shift.break_starts:
            chk.add(Rule.BREAKS, None, Msg("breaks.not_allowed", who=a.staff, date=a.date,
                                           shift=a.shift,
                                           shift_name=shift.label, at=a.break_at,
                                           minutes=rule.minutes,
                                           window=window, every=rule.every),
                    staff=a.staff, date=a.date, hard=True)


def run(chk: Checker) -> None:
    floor(chk)
    breaks(chk)


CHECK = Check(Rule.INTERVALS, (Rule.INTERVAL_SHORTFALL, Rule.INTERVAL_OVER, Rule.MIN_ON_FLOOR,
                               Rule.BREAKS), run)
