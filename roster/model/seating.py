"""Seat roles for imported rosters: grids and attendance templates say who works which shift,
not in which role's seat. Per shift instance, people are matched to the minimum seats first (a
maximum bipartite matching; own roles tried first, then the roles fewest staff can fill), then
to free seats up to each maximum. Where per-interval demand counts people by role, a person on a
free seat then takes the role whose intervals need them most (while that lowers the interval cost).
Assignments that already carry a role keep it; post duty takes the role its post counts toward.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .calendar import Calendar
from .demand import seats_table
from .intervals import (
    break_intervals,
    break_minute,
    counted_shifts,
    interval_needs,
    on_floor,
    worked_intervals,
)
from .posts import duty_role
from .roster import Assignment, Roster
from .scenario import Scenario


def seat_roles(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> Roster:
    """The roster with a seat role on every assignment that has none and fits a seat."""
    if all(a.role is not None for a in roster):
        return roster
    cal = calendar or Calendar(scenario)
    seats = seats_table(scenario, cal)
    groups: dict[tuple[int, str], list[Assignment]] = defaultdict(list)
    out: list[Assignment] = []
    posts = {p.id: p for p in scenario.posts}
    for a in roster:
        known = (a.date in cal.index and a.staff in scenario.staff_by_id
                 and a.shift in scenario.shift_by_id)
        if a.role is None and a.post is None and known:
            groups[(cal.index[a.date], a.shift)].append(a)
        elif a.role is None and known and a.post in posts:
            # post duty fills the seat its post counts toward (or none), as the solver placed it
            role = duty_role(posts[a.post], seats, cal.index[a.date], a.shift)
            out.append(replace(a, role=role))
        else:
            out.append(a)
    taken: dict[tuple[int, str, str], int] = defaultdict(int)
    for a in out:
        if a.role is not None and a.date in cal.index:
            taken[(cal.index[a.date], a.shift, a.role)] += 1
    # index in out → roles that person may take on a free seat there
    free: dict[int, list[str]] = {}
    for (d, shift), people in groups.items():
        roles = [r for (dd, s, r) in seats if dd == d and s == shift and r is not None]
        chosen, loose = _match(scenario, people, d, shift, roles, seats, taken)
        for i, a in enumerate(people):
            if i in loose:
                free[len(out)] = [r for r in _options(scenario, a, roles)
                                  if seats[(d, shift, r)].max is None]
            out.append(replace(a, role=chosen.get(i)))
    if scenario.interval_lines and free:
        _interval_roles(scenario, cal, out, free)
    return Roster.of(out, roster.leave)


def _interval_roles(scenario: Scenario, cal: Calendar, out: list[Assignment],
                    free: dict[int, list[str]]) -> None:
    """Move people on free seats to the role whose per-interval need they cover best, one at a
    time while that lowers the interval cost (in place)."""
    needs = interval_needs(scenario, cal)
    staffed = on_floor(scenario, cal, out)
    lines = [(line.role, line.interval_minutes, counted_shifts(scenario, line))
             for _, line in scenario.interval_lines]

    def keys(a: Assignment, role: str | None) -> list[tuple[str, int]]:
        shift, d = scenario.shift_by_id[a.shift], cal.index[a.date]
        got: list[tuple[str, int]] = []
        for line_role, step, shifts in lines:
            if line_role is None or line_role != role or a.shift not in shifts:
                continue
            away = set(break_intervals(shift, d, break_minute(shift, a.break_at), step)) \
                if a.break_at and shift.break_rule else set()
            got += [(line_role, t) for t in worked_intervals(shift, d, step) if t not in away
                    and (line_role, t) in needs]
        return got

    def cost(key: tuple[str, int], n: int) -> int:
        need = needs[key]
        return (need.under_weight * max(0, need.agents - n)
                + need.over_weight * max(0, n - need.agents))

    for _ in range(5):
        moved = False
        for i, roles in free.items():
            a = out[i]
            if len(roles) < 2:
                continue
            leave = keys(a, a.role)
            base = sum(cost(k, staffed[k] - 1) - cost(k, staffed[k]) for k in leave)
            best, pick = 0, None
            for r in roles:
                if r == a.role:
                    continue
                delta = base + sum(cost(k, staffed[k] + 1) - cost(k, staffed[k])
                                   for k in keys(a, r))
                if delta < best:
                    best, pick = delta, r
            if pick is not None:
                for k in leave:
                    staffed[k] -= 1
                for k in keys(a, pick):
                    staffed[k] += 1
                out[i] = replace(a, role=pick)
                moved = True
        if not moved:
            return


def _options(scenario: Scenario, a: Assignment, roles: list[str]) -> list[str]:
    """Seat roles this person may take here: own roles first, then the scarcest (fewest staff
    fit)."""
    person = scenario.staff_by_id[a.staff]
    fits = scenario.seats_for(person)
    own = [r for r in person.roles if r in roles]
    scarcity = {r: sum(r in scenario.seats_for(p) for p in scenario.staff) for r in roles}
    return own + sorted((r for r in roles if r in fits and r not in own),
                        key=lambda r: (scarcity[r], r))


def _match(scenario: Scenario, people: list[Assignment], d: int, shift: str, roles: list[str],
           seats: dict, taken: dict) -> tuple[dict[int, str], set[int]]:
    """(person → seat role, the people on free seats rather than minimum ones)."""
    slots: list[str] = []
    for r in roles:
        slots += [r] * max(0, seats[(d, shift, r)].min - taken[(d, shift, r)])
    options = [_options(scenario, a, roles) for a in people]
    holder: dict[int, int] = {}  # slot → person

    def augment(p: int, seen: set[int]) -> bool:
        for role in options[p]:
            for k, slot in enumerate(slots):
                if slot != role or k in seen:
                    continue
                seen.add(k)
                if k not in holder or augment(holder[k], seen):
                    holder[k] = p
                    return True
        return False

    for p in range(len(people)):
        augment(p, set())
    chosen = {p: slots[k] for k, p in holder.items()}
    used: dict[str, int] = defaultdict(int)
    for r in chosen.values():
        used[r] += 1
    loose: set[int] = set()
    for p in range(len(people)):
        if p in chosen or not options[p]:
            continue
        free = [r for r in options[p] if seats[(d, shift, r)].max is None
                or taken[(d, shift, r)] + used[r] < seats[(d, shift, r)].max]
        chosen[p] = (free or options[p])[0]
        used[chosen[p]] += 1
        loose.add(p)
    return chosen, loose
