"""Seats per shift and role, with role substitution (a role fills the seats of the roles it covers).

When the model holds only some of the staff (``ctx.cache["seated"]``: (day, shift, role or
None) → seats already taken by people outside the model), only the seats left count, and a
shift already over its most is charged for those extra people too, so the objective stays the
whole roster's cost less the other people's own terms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from roster.model.availability import leave_minutes
from roster.model.calendar import Calendar
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from ..context import Context, Label
from ..relax import new_person, without_day
from .family import Family, Offer, Scope


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    by_seat: dict[tuple[int, int, str], list] = {}
    for (_p, d, s, r), var in v.x.items():
        by_seat.setdefault((d, s, r), []).append(var)
    for d, s, r, var in v.seat_duties:  # post duty that counts toward a role's seats
        by_seat.setdefault((d, s, r), []).append(var)
    by_shift: dict[tuple[int, int], list] = {}
    for (_p, d, s), var in v.y.items():
        by_shift.setdefault((d, s), []).append(var)
    shift_index = {sid: i for i, sid in enumerate(v.shifts)}
    seated = ctx.cache.get("seated", {})
    for (d, sid, role), seats in v.seats.items():
        s = shift_index[sid]
        people = by_seat.get((d, s, role), []) if role is not None else by_shift.get((d, s), [])
        date = cal.days[d].date
        shift = sc.shift_by_id[sid]
        rname = sc.role_by_id[role].label if role else "staff"
        key = (d, sid, role)
        taken = seated.get((d, s, role), 0)
        need = seats.min - taken
        if need > 0:
            label = Label(Rule.COVERAGE, key,
                          f"{date} {sid}: at least {seats.min} {role or 'staff'} on duty",
                          f"{date} {shift.label}: {rname} 至少 {seats.min} 人")
            ctx.at_least(sum(people), need, seats.min_weight, Rule.COVERAGE_SHORTFALL, label,
                         ub=need)
        if seats.max is not None and taken + len(people) > seats.max:
            label = Label(Rule.COVERAGE_MAX, key,
                          f"{date} {sid}: at most {seats.max} {role or 'staff'} on duty",
                          f"{date} {shift.label}: {rname} 至多 {seats.max} 人")
            ctx.at_most(sum(people), seats.max - taken, seats.max_weight, Rule.OVERSTAFFING, label,
                        ub=len(people) + max(0, taken - seats.max))



# ---- explanations ---------------------------------------------------------------------------

@dataclass
class Seat:
    """Who could take the seats of one coverage rule, and why the others cannot."""

    date: dt.date
    shift: str
    role: str | None
    seats: int
    line: int
    candidates: list[str] = field(default_factory=list)
    leave: list[str] = field(default_factory=list)
    cannot: list[str] = field(default_factory=list)
    days_off: list[str] = field(default_factory=list)
    pinned: list[str] = field(default_factory=list)
    free: list[str] = field(default_factory=list)


def seat_context(scenario: Scenario, calendar: Calendar, ctx: Context, key: tuple) -> Seat:
    """Who can take the seats of coverage rule ``key`` = (day, shift, role) and who is kept away."""
    d, sid, role = key
    st = ctx.vars.seats[key]
    day = calendar.days[d]
    shift = scenario.shift_by_id[sid]
    a, b = calendar.interval(shift, d)
    leave = leave_minutes(scenario, calendar)
    pins = {(f.staff, f.date): f for f in scenario.fixed}
    s_index = ctx.vars.shifts.index(sid)
    out = Seat(day.date, sid, role, st.min, st.line)
    for p, person in enumerate(scenario.staff):
        if role is not None and role not in scenario.seats_for(person):
            continue
        out.candidates.append(person.id)
        rules = scenario.rules_for(person.id)
        pin = pins.get((person.id, day.date))
        if any(a < e and s0 < b for s0, e, _ in leave.get(person.id, [])):
            out.leave.append(person.id)
        elif day.date in person.days_off or (pin is not None and pin.off):
            out.days_off.append(person.id)
        elif sid in person.cannot or (rules.max_shifts or {}).get(sid) == 0:
            out.cannot.append(person.id)
        elif pin is not None and sid not in pin.shifts:
            out.pinned.append(person.id)
        elif ((p, d, s_index, role) in ctx.vars.x if role is not None
              else (p, d, s_index) in ctx.vars.y):
            out.free.append(person.id)
        else:
            out.pinned.append(person.id)
    return out


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """One seat fewer, one more hire of the role, or a person on leave works that day; one more
    allowed on an overfull shift."""
    cal = ctx.calendar
    if lb.family == Rule.COVERAGE:
        seat = seat_context(sc, cal, ctx, lb.key)
        line = sc.demand[seat.line]
        role = seat.role or "staff"

        def fewer(data: dict[str, Any], seat: Seat = seat, line=line) -> None:
            lo = line.min
            new_min = seat.seats - 1
            row = line.model_dump()
            row.update(min=new_min if not hasattr(lo, "weight")
                       else {"value": new_min, "weight": lo.weight}, days=[seat.date])
            data["demand"].append(row)

        add(f"{seat.date} {seat.shift}: {seat.seats - 1} {role} "
            f"seat{'' if seat.seats == 2 else 's'} instead of {seat.seats}",
            f"{seat.date} {sc.shift_by_id[seat.shift].label}："
            f"{sc.role_by_id[seat.role].label if seat.role else '人员'}座席由 {seat.seats} "
            f"减为 {seat.seats - 1}",
            1, fewer, "seat")
        if seat.role is not None:
            def hire(data: dict[str, Any], r: str = seat.role) -> None:
                data["staff"].append(new_person(sc, r, [p["id"] for p in data["staff"]]))
            add(f"one more {seat.role} (a new person like the others of that role, no leave)",
                f"增加 1 名{sc.role_by_id[seat.role].label}", 1, hire, f"hire:{seat.role}")
        for sid in seat.leave[:4]:
            add(f"{sid}: no leave on {seat.date} (shorten or move the leave by that day)",
                f"{sid}：{seat.date} 不休假（缩短或调整该段假期）", 1,
                lambda data, sid=sid, day=seat.date: without_day(data, sid, day), "leave")
    elif lb.family == Rule.COVERAGE_MAX:
        d, sid_shift, role = lb.key
        st = ctx.vars.seats[lb.key]
        line = sc.demand[st.line]

        def more(data: dict[str, Any], st=st, line=line, date=cal.days[d].date) -> None:
            row = line.model_dump()
            row.update(max=st.max + 1, days=[date])
            data["demand"].append(row)
        add(f"{cal.days[d].date} {sid_shift}: at most {st.max + 1} {role or 'staff'} instead of "
            f"{st.max}",
            f"{cal.days[d].date} {sid_shift}：{role or '人员'} 上限由 {st.max} 增为 {st.max + 1}",
            1, more)


FAMILY = Family(
    Rule.COVERAGE, add, Scope.SEATS, hard=True,
    terms=(Rule.COVERAGE_SHORTFALL, Rule.OVERSTAFFING),
    violations=(Rule.COVERAGE_SHORTFALL, Rule.OVERSTAFFING, Rule.COVERAGE),
    labels=(Rule.COVERAGE, Rule.COVERAGE_MAX),
    words={Rule.COVERAGE: ("seats on a shift", "班次座席")},
    repairs=repairs,
    person_search=True,
)
