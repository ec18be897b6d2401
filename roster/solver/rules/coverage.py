"""Seats per shift and role, with role substitution (a role fills the seats of the roles it covers)."""

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
    for (d, sid, role), seats in v.seats.items():
        s = shift_index[sid]
        people = by_seat.get((d, s, role), []) if role is not None else by_shift.get((d, s), [])
        date = cal.days[d].date
        shift = sc.shift_by_id[sid]
        rname = sc.role_by_id[role].label if role else "staff"
        key = (d, sid, role)
        if seats.min > 0:
            label = Label("coverage", key, f"{date} {sid}: at least {seats.min} {role or 'staff'} on duty",
                          f"{date} {shift.label}: {rname} 至少 {seats.min} 人")
            if seats.min_weight is None:
                ctx.at_least(sum(people), seats.min, None, "coverage_shortfall", label, ub=seats.min)
            else:
                ctx.penalise("coverage_shortfall", seats.min_weight, _beyond(ctx, people, key, seats.min, below=True))
        if seats.max is not None and len(people) > seats.max:
            label = Label("coverage_max", key, f"{date} {sid}: at most {seats.max} {role or 'staff'} on duty",
                          f"{date} {shift.label}: {rname} 至多 {seats.max} 人")
            if seats.max_weight is None:
                ctx.at_most(sum(people), seats.max, None, "overstaffing", label, ub=len(people))
            else:
                ctx.penalise("overstaffing", seats.max_weight, _beyond(ctx, people, key, seats.max, below=False))


def _beyond(ctx: Context, people: list, key: tuple, value: int, below: bool):
    """Heads short of ``value`` (below) or above it, exactly: max(0, value - n) or max(0, n - value).

    An exact count (not a slack that only bounds it) keeps the objective of every roster the solver
    reports equal to the validator's cost, not just of the optimal one.
    """
    model = ctx.model
    counts = ctx.cache.setdefault("coverage_count", {})
    n = counts.get(key)
    if n is None:
        n = model.NewIntVar(0, len(people), f"count:{key}")
        model.Add(n == sum(people))
        counts[key] = n
    top = value if below else max(len(people) - value, 0)
    gap = model.NewIntVar(0, top, f"{'under' if below else 'over'}:{key}")
    model.AddMaxEquality(gap, [value - n if below else n - value, 0])
    return gap
