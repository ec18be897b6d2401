"""Fair shares: each person's band of nights, weekend shifts, holiday shifts and hours.

A share is the demanded total split in proportion to the days a person can work that kind of
duty (and, for hours, to their weekly hour limit). Inside the band costs nothing; each unit
outside costs the fairness weight. Solver and validator both measure against these bands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median

from .availability import allowed
from .calendar import Calendar
from .demand import seats_table
from .scenario import Scenario, limit_value

KINDS = ("nights", "weekends", "holidays", "hours")


@dataclass(frozen=True)
class Band:
    lo: int
    hi: int
    """Counts (nights, weekend shifts, holiday shifts) or minutes (hours)."""


def counts_towards(kind: str, scenario: Scenario, calendar: Calendar, day: int, shift: str) -> int:
    """How much one shift instance adds to a person's count of ``kind`` (minutes for hours)."""
    sh = scenario.shift_by_id[shift]
    d = calendar.days[day]
    if kind == "nights":
        return int(sh.is_night)
    if kind == "weekends":
        return int(d.is_weekend)
    if kind == "holidays":
        return int(d.is_holiday)
    return sh.paid_minutes


def fair_bands(scenario: Scenario, calendar: Calendar) -> dict[str, dict[str, Band]]:
    """kind → staff id → band, for the kinds with a non-zero fairness weight."""
    weights = scenario.fairness.model_dump()
    seats = seats_table(scenario, calendar)
    need: dict[tuple[int, str], int] = {}
    for (d, s, r), st in seats.items():
        key = (d, s)
        if r is None:
            need[key] = max(need.get(key, 0), st.min)
    role_sum: dict[tuple[int, str], int] = {}
    for (d, s, r), st in seats.items():
        if r is not None:
            role_sum[(d, s)] = role_sum.get((d, s), 0) + st.min
    for key, n in role_sum.items():
        need[key] = max(need.get(key, 0), n)
    ok = allowed(scenario, calendar)
    shift_ids = [s.id for s in scenario.shifts]
    global_week = limit_value(scenario.rules.max_hours_per_week)
    out: dict[str, dict[str, Band]] = {}
    for kind in KINDS:
        if not weights.get(kind):
            continue
        total = sum(n * counts_towards(kind, scenario, calendar, d, s) for (d, s), n in need.items())
        avail: dict[int, float] = {}
        for (p, d, s) in ok:
            if counts_towards(kind, scenario, calendar, d, shift_ids[s]):
                avail.setdefault(p, set()).add(d)  # type: ignore[arg-type]
        share: dict[int, float] = {}
        for p, days in avail.items():
            factor = 1.0
            if kind == "hours" and global_week:
                mine = limit_value(scenario.rules_for(scenario.staff[p].id).max_hours_per_week)
                factor = (mine or global_week) / global_week
            share[p] = len(days) * factor  # type: ignore[arg-type]
        whole = sum(share.values())
        if not whole:
            continue
        bands: dict[str, Band] = {}
        slack = median(s.paid_minutes for s in scenario.shifts) / 2 if kind == "hours" else 0
        for p, a in share.items():
            e = total * a / whole
            bands[scenario.staff[p].id] = Band(math.floor(e - slack), math.ceil(e + slack))
        out[kind] = bands
    return out
