"""CP-SAT booleans for the allowed (person, day, shift, seat role) only."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from roster.model.availability import allowed
from roster.model.calendar import Calendar
from roster.model.demand import Seats, seats_table
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

    def works(self, p: int, d: int):
        """The day's work literal, or None when the person cannot work that day."""
        return self.w.get((p, d))

    def on(self, p: int, d: int, s: int):
        return self.y.get((p, d, s))


def build_variables(model: cp_model.CpModel, scenario: Scenario, calendar: Calendar) -> Variables:
    v = Variables([s.id for s in scenario.staff], [s.id for s in scenario.shifts], seats_table(scenario, calendar))
    for (p, d, s), roles in sorted(allowed(scenario, calendar).items()):
        tag = f"{v.staff[p]}|{calendar.days[d].date:%m%d}|{v.shifts[s]}"
        if len(roles) == 1:
            var = model.NewBoolVar(f"{tag}|{roles[0]}")
            v.x[(p, d, s, roles[0])] = var
            v.y[(p, d, s)] = var
        else:
            xs = [model.NewBoolVar(f"{tag}|{r}") for r in roles]
            for r, var in zip(roles, xs):
                v.x[(p, d, s, r)] = var
            y = model.NewBoolVar(tag)
            model.Add(sum(xs) == y)
            v.y[(p, d, s)] = y
        v.by_day.setdefault((p, d), []).append(s)
        v.mine.setdefault(p, []).append((d, s, v.y[(p, d, s)]))
    for (p, d), ss in v.by_day.items():
        if len(ss) == 1:
            v.w[(p, d)] = v.y[(p, d, ss[0])]
        else:
            w = model.NewBoolVar(f"{v.staff[p]}|{calendar.days[d].date:%m%d}")
            model.Add(sum(v.y[(p, d, s)] for s in ss) == w)
            v.w[(p, d)] = w
    return v
