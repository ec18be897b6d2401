"""Seats: each seat filled between its min and max; no role on duty where the shift has no seat for
it."""

from __future__ import annotations

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
        date, who = cal.days[d].date, (role or "staff")
        zh_role = sc.role_by_id[role].label if role else "人员"
        zh_shift = sc.shift_by_id[sid].label
        if n < st.min:
            chk.add(Rule.COVERAGE_SHORTFALL, None if st.min_weight is None else Soft(st.min_weight),
                    f"{date} {sid}: {who} seats {n} of {st.min}",
                    f"{date} {zh_shift}: {zh_role} {n}/{st.min} 人", units=st.min - n, date=date)
        if st.max is not None and n > st.max:
            chk.add(Rule.OVERSTAFFING, None if st.max_weight is None else Soft(st.max_weight),
                    f"{date} {sid}: {n} {who} on duty, at most {st.max}",
                    f"{date} {zh_shift}: {zh_role} {n} 人, 至多 {st.max}", units=n - st.max,
                    date=date)
    for (d, sid, role), n in count.items():
        if role is not None and n and (d, sid, role) not in seats and (d, sid, None) not in seats:
            date = cal.days[d].date
            chk.add(Rule.COVERAGE, None,
                    f"{date} {sid}: {n} {role} on duty but the shift has no {role} seat",
                    f"{date} {sid}: 无 {role} 岗位却有 {n} 人", date=date, hard=True)


CHECK = Check(Rule.COVERAGE, (Rule.COVERAGE_SHORTFALL, Rule.OVERSTAFFING, Rule.COVERAGE), run)
