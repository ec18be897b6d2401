"""Seats: each seat filled between its min and max; no role on duty where the shift has no seat for
it."""

from __future__ import annotations

from roster.i18n import Msg
from roster.model.counting import count_seated
from roster.model.demand import seats_table
from roster.model.rule_names import Rule

from ..checker import Check, Checker, Soft


def run(chk: Checker) -> None:
    sc, cal = chk.sc, chk.cal
    seats = seats_table(sc, cal)
    count = count_seated(sc, chk.items, cal)  # items are seated: validate() seats the roster first
    for (d, sid, role), st in seats.items():
        n = count[(d, sid, role)]
        date, who = cal.days[d].date, (role or Msg("word.staff"))
        names = {"who_name": sc.role_by_id[role].label if role else Msg("word.staff"),
                 "shift_name": sc.shift_by_id[sid].label}
        if n < st.min:
            chk.add(Rule.COVERAGE_SHORTFALL, None if st.min_weight is None else Soft(st.min_weight),
                    Msg("coverage.short", date=date, shift=sid, who=who, n=n, min=st.min, **names),
                    units=st.min - n, date=date)
        if st.max is not None and n > st.max:
            chk.add(Rule.OVERSTAFFING, None if st.max_weight is None else Soft(st.max_weight),
                    Msg("coverage.over", date=date, shift=sid, n=n, who=who, max=st.max, **names),
                    units=n - st.max, date=date)
    for (d, sid, role), n in count.items():
        if role is not None and n and (d, sid, role) not in seats and (d, sid, None) not in seats:
            date = cal.days[d].date
            chk.add(Rule.COVERAGE, None, Msg("coverage.no_seat", date=date, shift=sid, n=n,
                                             role=role),
                    date=date, hard=True)


CHECK = Check(Rule.COVERAGE, (Rule.COVERAGE_SHORTFALL, Rule.OVERSTAFFING, Rule.COVERAGE), run)
