"""One person, three shifts and a few days: every month can be enumerated, with the validator as
the oracle of which months keep the person's rules (the per-person routine's and pricing's
tests)."""

from __future__ import annotations

import datetime as dt
import itertools

from roster.model.calendar import Calendar
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Demand, History, Horizon, Role, Rules, Scenario, Shift, Staff
from roster.validate import validate

SHIFTS = (Shift(id="E", start="06:00", end="14:00"), Shift(id="L", start="14:00", end="22:00"),
          Shift(id="N", start="22:00", end="06:00"))
STATE_RULES = frozenset({"rest", "overlap", "sequence", "max_consecutive", "min_consecutive_work",
                         "min_consecutive_off", "hours_week", "hours_total", "fixed", "leave"})
"""The validator's names of the rules the routine keeps as states."""


def one_person(days: int, start: dt.date, history: History | None = None, leave=(), **rules) -> Scenario:
    """``P1`` alone, every shift open to one agent, over ``days`` days from ``start``."""
    return Scenario(
        horizon=Horizon(start=start, end=start + dt.timedelta(days=days - 1)),
        roles=(Role(id="agent"),), shifts=SHIFTS, staff=(Staff(id="P1", roles=("agent",)),),
        demand=tuple(Demand(shift=s.id, role="agent", min=0, max=1) for s in SHIFTS),
        rules=Rules(**rules), history=history, leave=leave)


def feasible_plans(sc: Scenario, rules: frozenset[str] = STATE_RULES) -> list[tuple[int, ...]]:
    """Every month of ``P1`` (shift index per day, -1 off) that breaks none of ``rules``."""
    cal = Calendar(sc)
    ids = [s.id for s in sc.shifts]
    out = []
    for plan in itertools.product(range(-1, len(ids)), repeat=len(cal)):
        roster = Roster.of([Assignment(cal.days[d].date, "P1", ids[s], "agent") for d, s in enumerate(plan) if s >= 0])
        if not any(v.rule in rules for v in validate(sc, roster, cal).hard):
            out.append(plan)
    return out
