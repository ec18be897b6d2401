"""The roster itself: what the solver's variables keep (``BY_VARIABLES``), checked since a roster
may come from elsewhere."""

from __future__ import annotations

from roster.i18n import Msg
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
            chk.add(Rule.ROSTER, None, Msg("roster.unknown_staff", date=a.date, shift=a.shift,
                                           who=who), hard=True)
            continue
        if a.shift not in sc.shift_by_id:
            chk.add(Rule.ROSTER, None, Msg("roster.unknown_shift", who=who, date=a.date,
                                           shift=a.shift),
                    staff=who, date=a.date, hard=True)
            continue
        if a.date not in cal.index:
            chk.add(Rule.ROSTER, None, Msg("roster.outside", who=who, date=a.date, shift=a.shift),
                    staff=who, date=a.date, hard=True)
            continue
        if a.date in chk.work[who]:
            chk.add(Rule.ONE_SHIFT_A_DAY, None,
                    Msg("roster.two_shifts", who=who, date=a.date,
                        first=chk.work[who][a.date].shift, second=a.shift),
                    staff=who, date=a.date, hard=True)
            continue
        shift = sc.shift_by_id[a.shift]
        if not matches(cal.day(a.date), shift.on):
            chk.add(Rule.SHIFT_DAYS, None, Msg("roster.not_running", who=who, date=a.date,
                                               shift=a.shift,
                                               shift_name=shift.label),
                    staff=who, date=a.date, hard=True)
        person = sc.staff_by_id[who]
        if a.shift in person.cannot:
            chk.add(Rule.CANNOT, None, Msg("roster.cannot", who=who, date=a.date, shift=a.shift,
                                           shift_name=shift.label),
                    staff=who, date=a.date, hard=True)
        if a.role is not None and a.role not in sc.seats_for(person):
            chk.add(Rule.ROLE, None, Msg("roster.role", who=who, date=a.date, shift=a.shift,
                                         role=a.role,
                                         roles=", ".join(person.roles)),
                    staff=who, date=a.date, hard=True)
        if a.date in person.days_off:
            chk.add(Rule.DAYS_OFF, None, Msg("roster.day_off", who=who, date=a.date, shift=a.shift),
                    staff=who, date=a.date, hard=True)
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
                    chk.add(Rule.LEAVE, None, Msg("roster.leave", who=who, date=a.date,
                                                  shift=a.shift, type=kind),
                            staff=who, date=a.date, hard=True)
                    break


def run(chk: Checker) -> None:
    integrity(chk)
    leave(chk)


CHECK = Check(Rule.ROSTER, tuple(sorted(BY_VARIABLES)), run)
