"""CP-SAT booleans for the allowed (person, day, shift, seat role) and (post, person, day, shift)
only."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from roster.model.availability import allowed, post_duties
from roster.model.calendar import Calendar
from roster.model.demand import Seats, seats_table
from roster.model.posts import duty_role
from roster.model.scenario import Scenario


@dataclass
class Variables:
    staff: list[str]
    shifts: list[str]
    seats: dict[tuple[int, str, str | None], Seats]
    x: dict[tuple[int, int, int, str], cp_model.IntVar] = field(default_factory=dict)
    """(person, day, shift, seat role) → works that seat."""
    y: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    """(person, day, shift) → works that shift."""
    w: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    """(person, day) → works that day (at most one shift a day)."""
    by_day: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    """(person, day) → shift indexes that person may work that day."""

    mine: dict[int, list[tuple[int, int, cp_model.IntVar]]] = field(default_factory=dict)
    """person → (day, shift, works) for every shift the person may work."""
    duty: dict[tuple[int, int, int, int], cp_model.IntVar] = field(default_factory=dict)
    """(post, person, day, shift) → that holder mans the post (post duty is work: it is part of
    y)."""
    periods: dict[tuple[int, int, int], list[int]] = field(default_factory=dict)
    """(post, day, shift) → holders who may man it, A first (every opening period, maybe empty)."""
    seat_duties: list[tuple[int, int, str, cp_model.IntVar]] = field(default_factory=list)
    """(day, shift, role, duty) for post duty that counts toward that role's seats."""

    def works(self, p: int, d: int):
        """The day's work literal, or None when the person cannot work that day."""
        return self.w.get((p, d))

    def on(self, p: int, d: int, s: int):
        return self.y.get((p, d, s))


def build_variables(model: cp_model.CpModel, scenario: Scenario, calendar: Calendar) -> Variables:
    v = Variables([s.id for s in scenario.staff], [s.id for s in scenario.shifts],
                  seats_table(scenario, calendar))
    cells = allowed(scenario, calendar)
    v.periods = post_duties(scenario, calendar) if scenario.posts else {}
    posts_of: dict[tuple[int, int, int], list[int]] = {}
    for (k, d, s), holders in v.periods.items():
        for p in holders:
            posts_of.setdefault((p, d, s), []).append(k)
    dates = [f"{day.date:%m%d}" for day in calendar.days]
    for (p, d, s) in (sorted(set(cells) | set(posts_of)) if posts_of else cells):
        roles = cells.get((p, d, s), [])
        mans = posts_of.get((p, d, s), [])
        tag = f"{v.staff[p]}|{dates[d]}|{v.shifts[s]}"
        xs = [model.NewBoolVar(f"{tag}|{r}") for r in roles]
        for r, var in zip(roles, xs, strict=True):
            v.x[(p, d, s, r)] = var
        zs = [model.NewBoolVar(f"{tag}|post:{scenario.posts[k].id}") for k in mans]
        for k, var in zip(mans, zs, strict=True):
            v.duty[(k, p, d, s)] = var
            role = duty_role(scenario.posts[k], v.seats, d, v.shifts[s])
            if role is not None:
                v.seat_duties.append((d, s, role, var))
        if len(xs) + len(zs) == 1:
            v.y[(p, d, s)] = (xs + zs)[0]
        else:
            y = model.NewBoolVar(tag)
            model.Add(sum(xs) + sum(zs) == y)
            v.y[(p, d, s)] = y
        v.by_day.setdefault((p, d), []).append(s)
        v.mine.setdefault(p, []).append((d, s, v.y[(p, d, s)]))
    for (p, d), ss in v.by_day.items():
        if len(ss) == 1:
            v.w[(p, d)] = v.y[(p, d, ss[0])]
        else:
            w = model.NewBoolVar(f"{v.staff[p]}|{dates[d]}")
            model.Add(sum(v.y[(p, d, s)] for s in ss) == w)
            v.w[(p, d)] = w
    return v
