"""Seats per shift and role, with role substitution (a role fills the seats of the roles it covers).

When the model holds only some of the staff (``ctx.cache["seated"]``: (day, shift, role or
None) → seats already taken by people outside the model), only the seats left count, and a
shift already over its most is charged for those extra people too, so the objective stays the
whole roster's cost less the other people's own terms.
"""

from __future__ import annotations

from ..context import Context, Label


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
            label = Label("coverage", key, f"{date} {sid}: at least {seats.min} {role or 'staff'} on duty",
                          f"{date} {shift.label}: {rname} 至少 {seats.min} 人")
            ctx.at_least(sum(people), need, seats.min_weight, "coverage_shortfall", label, ub=need)
        if seats.max is not None and taken + len(people) > seats.max:
            label = Label("coverage_max", key, f"{date} {sid}: at most {seats.max} {role or 'staff'} on duty",
                          f"{date} {shift.label}: {rname} 至多 {seats.max} 人")
            ctx.at_most(sum(people), seats.max - taken, seats.max_weight, "overstaffing", label,
                        ub=len(people) + max(0, taken - seats.max))

