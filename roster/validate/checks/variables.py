"""The roster itself: what the solver's variables keep (``BY_VARIABLES``), checked since a roster
may come from elsewhere."""

from __future__ import annotations

from roster.model.availability import leave_minutes
from roster.model.calendar import matches
from roster.model.rule_names import BY_VARIABLES, Rule

from ..checker import Check, Checker


def integrity(chk: Checker) -> None:
    """Known staff, shift and date, one shift a day, a shift that runs that day, a seat the
    person can take, no work on a fixed day off; the assignments that pass become ``chk.items``."""
    sc, cal = chk.sc, chk.cal
    good = []
    for a in chk.roster:
        who = a.staff
        if who not in sc.staff_by_id:
            chk.add(Rule.ROSTER, None, f"{a.date} {a.shift}: unknown staff {who!r}",
                    f"未知人员 {who}", hard=True)
            continue
        if a.shift not in sc.shift_by_id:
            chk.add(Rule.ROSTER, None, f"{who} {a.date}: unknown shift {a.shift!r}",
                    f"未知班次 {a.shift}", staff=who, date=a.date, hard=True)
            continue
        if a.date not in cal.index:
            chk.add(Rule.ROSTER, None, f"{who} {a.date} {a.shift}: date outside the horizon",
                    f"{who} {a.date} 不在排班期内", staff=who, date=a.date, hard=True)
            continue
        if a.date in chk.work[who]:
            chk.add(Rule.ONE_SHIFT_A_DAY, None,
                    f"{who} {a.date}: two shifts on one day ({chk.work[who][a.date].shift} and "
                    f"{a.shift})",
                    f"{who} {a.date} 一天两个班", staff=who, date=a.date, hard=True)
            continue
        shift = sc.shift_by_id[a.shift]
        if not matches(cal.day(a.date), shift.on):
            chk.add(Rule.SHIFT_DAYS, None, f"{who} {a.date}: shift {a.shift} does not run that day",
                    f"{who} {a.date}: {shift.label}当天不开班", staff=who, date=a.date, hard=True)
        person = sc.staff_by_id[who]
        if a.shift in person.cannot:
            chk.add(Rule.CANNOT, None, f"{who} {a.date}: {who} cannot work {a.shift}",
                    f"{who} {a.date}: 不能上{shift.label}", staff=who, date=a.date, hard=True)
        if a.role is not None and a.role not in sc.seats_for(person):
            chk.add(Rule.ROLE, None, f"{who} {a.date} {a.shift}: cannot take a {a.role} seat "
                    f"(roles {', '.join(person.roles)})", f"{who} {a.date}: 不能担任 {a.role}",
                    staff=who, date=a.date, hard=True)
        if a.date in person.days_off:
            chk.add(Rule.DAYS_OFF, None, f"{who} {a.date}: works {a.shift} on a fixed day off",
                    f"{who} {a.date}: 固定休息日上班", staff=who, date=a.date, hard=True)
        chk.work[who][a.date] = a
        good.append(a)
    chk.items = good


def leave(chk: Checker) -> None:
    """No work during the scenario's leave."""
    for who, blocks in leave_minutes(chk.sc, chk.cal).items():
        for a in chk.work[who].values():
            s, e = chk.minutes(a)
            for b0, b1, kind in blocks:
                if s < b1 and b0 < e:
                    chk.add(Rule.LEAVE, None,
                            f"{who} {a.date}: works {a.shift} during {kind} leave",
                            f"{who} {a.date}: 休假({kind})期间上{a.shift}", staff=who, date=a.date,
                            hard=True)
                    break


def run(chk: Checker) -> None:
    integrity(chk)
    leave(chk)


CHECK = Check(Rule.ROSTER, tuple(sorted(BY_VARIABLES)), run)
