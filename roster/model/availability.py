"""Who may work which shift in which seat on which day, before any rule that links days.

Leave, fixed days off, cannot-work shifts, zero shift limits, pins and seat roles decide it.
The solver creates variables only for these; fair shares are measured against them.
"""

from __future__ import annotations

from .calendar import Calendar
from .demand import Seats, seats_table
from .scenario import Scenario


def leave_minutes(scenario: Scenario, calendar: Calendar) -> dict[str, list[tuple[int, int, str]]]:
    """Per person, leave as absolute minute intervals from the horizon start, with the leave type."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for lv in scenario.leave:
        a = (lv.start - calendar.start).days * 1440
        b = ((lv.end - calendar.start).days + 1) * 1440
        out.setdefault(lv.staff, []).append((a, b, lv.type))
    return out


def open_seats(seats: dict[tuple[int, str, str | None], Seats]) -> dict[tuple[int, str], list[str | None]]:
    """(day, shift) → roles with seats there (None: a line counting everyone)."""
    out: dict[tuple[int, str], list[str | None]] = {}
    for (d, s, r), st in seats.items():
        if st.max == 0 and st.max_weight is None:
            continue
        out.setdefault((d, s), []).append(r)
    return out


def allowed(scenario: Scenario, calendar: Calendar) -> dict[tuple[int, int, int], list[str]]:
    """(person index, day index, shift index) → seat roles that person may take there."""
    roles_on = open_seats(seats_table(scenario, calendar))
    leave = leave_minutes(scenario, calendar)
    fixed = {(f.staff, f.date): f for f in scenario.fixed}
    out: dict[tuple[int, int, int], list[str]] = {}
    for p, person in enumerate(scenario.staff):
        rules = scenario.rules_for(person.id)
        fillable = scenario.seats_for(person)
        banned = set(person.cannot) | {k for k, n in (rules.max_shifts or {}).items() if n == 0}
        days_off = set(person.days_off)
        blocks = leave.get(person.id, [])
        for day in calendar.days:
            if day.date in days_off:
                continue
            pin = fixed.get((person.id, day.date))
            if pin is not None and pin.off:
                continue
            for s, shift in enumerate(scenario.shifts):
                if shift.id in banned or (pin is not None and pin.shift != shift.id):
                    continue
                a, b = calendar.interval(shift, day.index)
                if any(a < e and s0 < b for s0, e, _ in blocks):
                    continue
                present = roles_on.get((day.index, shift.id), [])
                roles = sorted(r for r in present if r is not None and r in fillable)
                if not roles and None in present:
                    roles = [person.roles[0]]
                if pin is not None and pin.role is not None:
                    roles = [r for r in roles if r == pin.role]
                if roles:
                    out[(p, day.index, s)] = roles
    return out
