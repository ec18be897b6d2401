"""Who may work which shift in which seat on which day, before any rule that links days.

Leave, fixed days off, cannot-work shifts, zero shift limits, pins and seat roles decide it.
The solver creates variables only for these; fair shares are measured against them.
A/B post holders may also work a post's shift where no seat of theirs exists (``post_duties``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .calendar import Calendar, matches
from .demand import Seats, seats_table
from .scenario import Scenario, Staff


def leave_minutes(scenario: Scenario, calendar: Calendar) -> dict[str, list[tuple[int, int, str]]]:
    """Per person, leave as absolute minute intervals from the horizon start, with the leave type.

    A half day blocks 00:00-12:00 (``am``) or 12:00-24:00 (``pm``) of its date.
    """
    out: dict[str, list[tuple[int, int, str]]] = {}
    for lv in scenario.leave:
        a = (lv.start - calendar.start).days * 1440
        b = ((lv.end - calendar.start).days + 1) * 1440
        if lv.half == "am":
            b = a + 720
        elif lv.half == "pm":
            a += 720
        out.setdefault(lv.staff, []).append((a, b, lv.type))
    return out


@dataclass(frozen=True)
class Block:
    """Why a person may not work a shift on a day: ``kind`` and what it names (``detail``).

    Kinds: ``not_running`` (the shift does not run that day), ``day_off`` (a fixed day off),
    ``pinned_off``, ``pinned_to`` (another shift; detail: its id), ``leave`` (detail: the leave
    type), ``cannot`` (cannot work the shift), ``no_shifts`` (a zero shift limit)."""

    kind: str
    detail: str = ""


def blocked(scenario: Scenario, calendar: Calendar, person: Staff, day: int, shift: int,
            leave: dict[str, list[tuple[int, int, str]]] | None = None,
            pins: bool = True) -> Block | None:
    """The first thing in the scenario that stops a person working a shift on a day (None: nothing).

    Seats are not considered here. In order: the shift does not run, a fixed day off, a pinned
    day off or other shift (only with ``pins``), leave, cannot work the shift, a zero shift limit.
    """
    sh = scenario.shifts[shift]
    date = calendar.days[day].date
    if not calendar.shift_runs(sh, calendar.days[day]):
        return Block("not_running")
    if date in person.days_off:
        return Block("day_off")
    pin = _pins(scenario).get((person.id, date)) if pins else None
    if pin is not None and pin.off:
        return Block("pinned_off")
    if pin is not None and sh.id not in pin.shifts:
        return Block("pinned_to", pin.shift if len(pin.shifts) == 1
                     else f"one of {', '.join(pin.shifts)}")
    blocks = (leave if leave is not None else leave_minutes(scenario, calendar)).get(person.id, [])
    a, b = calendar.interval(sh, day)
    for s0, e, kind in blocks:
        if a < e and s0 < b:
            return Block("leave", kind)
    if sh.id in person.cannot:
        return Block("cannot")
    if (scenario.rules_for(person.id).max_shifts or {}).get(sh.id) == 0:
        return Block("no_shifts")
    return None


def why_not(scenario: Scenario, calendar: Calendar, person: Staff, day: int, shift: int,
            leave: dict[str, list[tuple[int, int, str]]] | None = None) -> str | None:
    """Why a person may not work a shift on a day, in words (None: nothing in the scenario stops
    it).

    Seats are not considered here; the reason names the first of: the shift does not run, a fixed
    day off, a pinned day off or other shift, leave (with its type), cannot work the shift, a zero
    shift limit.
    """
    block = blocked(scenario, calendar, person, day, shift, leave)
    if block is None:
        return None
    sid, who = scenario.shifts[shift].id, person.id
    return {
        "not_running": f"shift {sid} does not run on {calendar.days[day].date}",
        "day_off": f"{who} has a fixed day off",
        "pinned_off": f"{who} is pinned off",
        "pinned_to": f"{who} is pinned to {block.detail}",
        "leave": f"{who} on {block.detail} leave",
        "cannot": f"{who} cannot work {sid}",
        "no_shifts": f"{who} may work no {sid} shifts",
    }[block.kind]


def _pins(scenario: Scenario) -> dict:
    return {(f.staff, f.date): f for f in scenario.fixed}


def post_periods(scenario: Scenario, calendar: Calendar) -> list[tuple[int, int, int]]:
    """Opening periods (post index, day index, shift index): the day matches ``days`` and the shift
    runs."""
    shift_index = {s.id: i for i, s in enumerate(scenario.shifts)}
    out = []
    for k, post in enumerate(scenario.posts):
        for day in calendar.days:
            if not matches(day, post.days):
                continue
            for sid in post.shifts:
                if calendar.shift_runs(scenario.shift_by_id[sid], day):
                    out.append((k, day.index, shift_index[sid]))
    return out


def post_duties(scenario: Scenario, calendar: Calendar) -> dict[tuple[int, int, int], list[int]]:
    """(post, day, shift) → person indexes of the holders who may man it (A first, then backups).

    Every opening period is a key, with an empty list when no holder may work it.
    """
    staff_index = {p.id: i for i, p in enumerate(scenario.staff)}
    leave = leave_minutes(scenario, calendar)
    out: dict[tuple[int, int, int], list[int]] = {}
    for k, d, s in post_periods(scenario, calendar):
        out[(k, d, s)] = [staff_index[h] for h in scenario.posts[k].holders
                          if why_not(scenario, calendar, scenario.staff_by_id[h], d, s,
                                     leave) is None]
    return out


def open_seats(seats: dict[tuple[int, str, str | None], Seats],
               ) -> dict[tuple[int, str], list[str | None]]:
    """(day, shift) → roles with seats there (None: a line counting everyone)."""
    out: dict[tuple[int, str], list[str | None]] = {}
    for (d, s, r), st in seats.items():
        if st.max == 0 and st.max_weight is None:
            continue
        out.setdefault((d, s), []).append(r)
    return out


def allowed(scenario: Scenario, calendar: Calendar) -> dict[tuple[int, int, int], list[str]]:
    """(person index, day index, shift index) → seat roles that person may take there.

    Computed once per calendar: variables, fair shares and the validator all ask for it."""
    return calendar.remembered(scenario, "allowed", lambda: _allowed(scenario, calendar))


def _allowed(scenario: Scenario, calendar: Calendar) -> dict[tuple[int, int, int], list[str]]:
    roles_on = open_seats(seats_table(scenario, calendar))
    leave = leave_minutes(scenario, calendar)
    fixed = {(f.staff, f.date): f for f in scenario.fixed}
    out: dict[tuple[int, int, int], list[str]] = {}
    # per (roles a person fills): seat roles there
    seat_roles: dict[tuple, dict[int, list[str]]] = {}
    shifts = list(enumerate(scenario.shifts))
    spans = [(sh.arrive_minute, sh.end_minute) for sh in scenario.shifts]
    for p, person in enumerate(scenario.staff):
        rules = scenario.rules_for(person.id)
        fillable = scenario.seats_for(person)
        # id(seat roles there) → roles
        mine = seat_roles.setdefault((fillable, person.roles[0]), {})
        banned = set(person.cannot) | {k for k, n in (rules.max_shifts or {}).items() if n == 0}
        open_shifts = [(s, sh) for s, sh in shifts if sh.id not in banned]
        days_off = set(person.days_off)
        blocks = leave.get(person.id, [])
        for day in calendar.days:
            if day.date in days_off:
                continue
            pin = fixed.get((person.id, day.date))
            if pin is not None and pin.off:
                continue
            base = day.index * 1440
            for s, shift in open_shifts:
                if pin is not None and shift.id not in pin.shifts:
                    continue
                if blocks:
                    a, b = base + spans[s][0], base + spans[s][1]
                    if any(a < e and s0 < b for s0, e, _ in blocks):
                        continue
                present = roles_on.get((day.index, shift.id))
                if present is None:
                    continue
                roles = mine.get(id(present))
                if roles is None:
                    roles = sorted(r for r in present if r is not None and r in fillable)
                    if not roles and None in present:
                        roles = [person.roles[0]]
                    mine[id(present)] = roles
                if pin is not None and pin.role is not None:
                    roles = [r for r in roles if r == pin.role]
                if roles:
                    out[(p, day.index, s)] = list(roles)
    return out


def wish_days(scenario: Scenario, calendar: Calendar, wish: int) -> list[int]:
    """Day indexes where the solver may place leave wish ``wish``: inside its window and the
    horizon, on a day its type counts (working days for ``workdays`` types), not already leave, a
    fixed day off or a pinned day."""
    w = scenario.leave_wishes[wish]
    person = scenario.staff_by_id[w.staff]
    counting = scenario.leave_policy.types[w.type].counting
    pins = {f.date for f in scenario.fixed if f.staff == w.staff}
    blocks = leave_minutes(scenario, calendar).get(w.staff, [])
    on_leave = {d for a, b, _ in blocks for d in range(a // 1440, (b - 1) // 1440 + 1)}
    out = []
    for day in calendar.days:
        if not w.window.start <= day.date <= w.window.end:
            continue
        if counting == "workdays" and not day.is_workday:
            continue
        if day.date in person.days_off or day.date in pins or day.index in on_leave:
            continue
        out.append(day.index)
    return out
