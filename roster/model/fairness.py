"""Fair shares of nights, weekend shifts, holiday shifts and hours.

Nights, weekend and holiday shifts: the demanded total is split among everyone who can do that
duty, in proportion to the days they can do it; each person's band is [floor, ceil] of their share
and every duty outside it costs the fairness weight.

Hours: people with the same roles are peers; each person's share of their peer group's actual
hours is in proportion to their available days (times their weekly-hour limit relative to the
scenario's). Within one median shift of that share costs nothing; each hour beyond costs the
weight. Solver and validator both measure against these definitions.

On a centre staffed by interval (per-interval demand, no counts carried in) the seats do not say
how many nights or weekend shifts a roster works, so nights, weekend and holiday shifts are shared
like hours: among peers (people with the same roles), each person's share of the group's actual
count C is a·C/A (a: the days they can do the duty, A: the group's), and the band is its floor and
ceiling (``count_groups``, ``counted_bands``).

Across months (``fairness_carry``: each person's counts of the year so far): the bands aim at the
year's shares. For nights, weekends and holidays a level λ is found with
Σ max(0, λ·a − c) = the month's total over the people who can do the duty (a: their days
available this month, c: their count so far), and each person's target is max(0, λ·a − c), their
band its floor and ceiling: someone behind gets more, someone ahead less or none. Without any
carry that is the plain share above. For hours, each person's minutes and the group's total
include the carried hours, so a peer behind on the year is owed more of this month's.

Holidays by name (``fairness_carry[].last_holidays``): the shifts a person worked on the last
occurrence of a holiday this horizon holds (last year's Spring Festival in a February with this
year's) are added to their holiday count so far, so the levelling gives them this one's duties
last: only once everyone else has as many.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from statistics import median

from .availability import allowed
from .calendar import Calendar
from .demand import seats_table
from .intervals import counted_shifts, interval_needs, worked_intervals
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
    """kind → staff id → band, for the kinds with a non-zero fairness weight (none on a centre
    staffed by interval: there ``count_groups`` shares what the roster works). Worked out once per
    calendar of the scenario (the solver, the validator and the reports all ask); read only."""
    return calendar.remembered(scenario, "fair_bands", lambda: _fair_bands(scenario, calendar))


def _fair_bands(scenario: Scenario, calendar: Calendar) -> dict[str, dict[str, Band]]:
    if shares_counted(scenario):
        return {}
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
    carry = {c.staff: c for c in scenario.fairness_carry}
    out: dict[str, dict[str, Band]] = {}
    per_interval = _interval_shifts(scenario, calendar)
    for kind in KINDS[:3]:
        if not weights.get(kind):
            continue
        total = sum(n * counts_towards(kind, scenario, calendar, d, s)
                    for (d, s), n in need.items())
        total += per_interval.get(kind, 0.0)
        counts = {(d, s) for d in range(len(calendar)) for s, sid in enumerate(shift_ids)
                  if counts_towards(kind, scenario, calendar, d, sid)}
        avail: dict[int, float] = {}
        for (p, d, s) in ok:
            if (d, s) in counts:
                avail.setdefault(p, set()).add(d)  # type: ignore[arg-type]
        whole = sum(len(days) for days in avail.values())  # type: ignore[misc]
        if not whole:
            continue
        carried = {p: _carried(carry[scenario.staff[p].id], kind, calendar)
                   for p in avail if scenario.staff[p].id in carry}
        if any(carried.values()):
            sizes = {p: len(days) for p, days in avail.items()}
            targets = _levelled(total, sizes, carried)  # type: ignore[arg-type]
            out[kind] = {scenario.staff[p].id: Band(math.floor(t), math.ceil(t))
                         for p, t in targets.items()}
            continue
        shares = {p: total * len(days) / whole for p, days in avail.items()}  # type: ignore[arg-type]
        out[kind] = {scenario.staff[p].id: Band(math.floor(t), math.ceil(t))
                     for p, t in shares.items()}
    return out


def _carried(row, kind: str, calendar: Calendar) -> int:
    """A person's count so far of ``kind``; for holidays also the shifts they worked on the last
    occurrence of each named holiday this horizon holds (``last_holidays``), so they come last."""
    count = getattr(row, kind)
    if kind == "holidays" and row.last_holidays:
        names = {d.holiday_name for d in calendar.days if d.is_holiday and d.holiday_name}
        count += sum(n for name, n in row.last_holidays.items() if name in names)
    return count


def _levelled(total: float, days: dict[int, int], carried: dict[int, int]) -> dict[int, Fraction]:
    """Targets max(0, λ·a − c) summing to ``total``: the month's share of each person once the
    counts carried in are evened out as far as the month allows (exact fractions)."""
    need = Fraction(total)
    order = sorted(days, key=lambda p: Fraction(carried.get(p, 0), days[p]))
    level = Fraction(0)
    c_sum = a_sum = 0
    for k, p in enumerate(order):
        c_sum += carried.get(p, 0)
        a_sum += days[p]
        level = (need + c_sum) / a_sum
        nxt = order[k + 1] if k + 1 < len(order) else None
        if nxt is None or level <= Fraction(carried.get(nxt, 0), days[nxt]):
            break
    return {p: max(Fraction(0), level * days[p] - carried.get(p, 0)) for p in days}


def carried_minutes(scenario: Scenario) -> dict[str, int]:
    """Hours carried in (``fairness_carry``), as whole minutes per person."""
    return {c.staff: int(round(c.hours * 60)) for c in scenario.fairness_carry if c.hours}


def _interval_shifts(scenario: Scenario, calendar: Calendar) -> dict[str, float]:
    """Shifts the per-interval lines need, per kind: each interval's people × its minutes over the
    minutes a counted shift spends on the floor (its length less its break, the median over the
    shifts). An interval's need counts toward weekends or holidays by its day, toward nights when
    only night shifts work it."""
    needs = interval_needs(scenario, calendar)
    if not needs:
        return {}
    out = {"nights": 0.0, "weekends": 0.0, "holidays": 0.0}
    lines = dict(scenario.interval_lines)
    for line_index, line in lines.items():
        shifts = [scenario.shift_by_id[s] for s in sorted(counted_shifts(scenario, line))]
        if not shifts:
            continue
        floor = median(sum(e - b for b, e in sh.spans) - (sh.break_rule.minutes if sh.break_rule
                                                          else 0)
                       for sh in shifts)
        step = line.interval_minutes
        for need in needs.values():
            if need.line != line_index or not need.agents:
                continue
            d = need.start // 1440
            shifts_needed = need.agents * need.minutes / max(floor, 1)
            if d < len(calendar.days):
                day = calendar.days[d]
                out["weekends"] += shifts_needed * day.is_weekend
                out["holidays"] += shifts_needed * day.is_holiday
            if not any(sh.is_night for sh in shifts):
                continue
            working = [sh for sh in shifts
                       if any(need.start in worked_intervals(sh, dd, step) for dd in (d - 1, d))]
            if working and all(sh.is_night for sh in working):
                out["nights"] += shifts_needed
    return out


def shares_counted(scenario: Scenario) -> bool:
    """Are nights, weekend and holiday shifts shared out of what the roster works (a centre staffed
    by interval, without counts carried in), rather than out of the seats (``fair_bands``)?

    Seats say how many duties a roster works; an interval forecast does not: breaks kept apart in
    their window, shifts longer than a peak and cheap overstaffing make rosters work a third more
    nights or weekend shifts than the forecast's minutes, so bands cut from the forecast lie below
    everyone and even out nothing."""
    return bool(scenario.interval_lines) and not scenario.fairness_carry


@dataclass(frozen=True)
class CountGroup:
    """Peers (people with the same roles) who share one kind of duty on a centre staffed by
    interval: each one's share of the group's actual count is in proportion to ``share`` (the days
    they can do the duty); the band is its floor and ceiling."""

    kind: str
    share: dict[str, int]


def count_groups(scenario: Scenario, calendar: Calendar) -> list[CountGroup]:
    """The groups sharing nights, weekend and holiday shifts (``shares_counted`` centres only;
    groups of one are left out: nobody to compare with)."""
    if not shares_counted(scenario):
        return []
    weights = scenario.fairness.model_dump()
    ok = allowed(scenario, calendar)
    shift_ids = [s.id for s in scenario.shifts]
    out = []
    for kind in KINDS[:3]:
        if not weights.get(kind):
            continue
        days: dict[int, set[int]] = {}
        for (p, d, s) in ok:
            if counts_towards(kind, scenario, calendar, d, shift_ids[s]):
                days.setdefault(p, set()).add(d)
        groups: dict[tuple[str, ...], dict[str, int]] = {}
        for p, person in enumerate(scenario.staff):
            if p in days:
                groups.setdefault(tuple(sorted(person.roles)), {})[person.id] = len(days[p])
        out.extend(CountGroup(kind, share) for share in groups.values() if len(share) > 1)
    return out


def counted_bands(group: CountGroup, counts: dict[str, int]) -> dict[str, Band]:
    """Each member's band: the floor and ceiling of their share a·C/A of the group's count C."""
    whole = sum(group.share.values())
    total = sum(counts.get(p, 0) for p in group.share)
    return {p: Band(a * total // whole, -(-a * total // whole)) for p, a in group.share.items()}


def counted_deviation(group: CountGroup, counts: dict[str, int]) -> dict[str, int]:
    """Duties each member lies outside their band (``counted_bands``)."""
    return {p: max(0, counts.get(p, 0) - b.hi, b.lo - counts.get(p, 0))
            for p, b in counted_bands(group, counts).items()}


@dataclass(frozen=True)
class PeerGroup:
    """People with the same roles; ``share`` weights each one's part of the group's hours."""

    share: dict[str, int]
    slack: int
    """Minutes either side of the share that cost nothing (one median shift)."""


def hour_groups(scenario: Scenario, calendar: Calendar) -> list[PeerGroup]:
    """Peer groups for hours fairness (groups of one are left out: nobody to compare with)."""
    if not scenario.fairness.hours:
        return []
    days: dict[int, set[int]] = {}
    for (p, d, _s) in allowed(scenario, calendar):
        days.setdefault(p, set()).add(d)
    global_week = limit_value(scenario.rules.max_hours_per_week)
    groups: dict[tuple[str, ...], dict[str, int]] = {}
    for p, person in enumerate(scenario.staff):
        if p not in days:
            continue
        factor = 1.0
        if global_week:
            factor = (limit_value(scenario.rules_for(person.id).max_hours_per_week)
                      or global_week) / global_week
        weight = int(round(len(days[p]) * factor * 4))
        groups.setdefault(tuple(sorted(person.roles)), {})[person.id] = weight
    slack = int(median(s.paid_minutes for s in scenario.shifts))
    return [PeerGroup(share, slack) for share in groups.values() if len(share) > 1]


def hours_deviation(minutes: dict[str, int], group: PeerGroup, carried: dict[str, int] | None = None
                    ) -> dict[str, int]:
    """Hours (rounded up) each person lies outside their share of the group's actual hours
    (``carried``: minutes of the year so far, added to each person's and to the group's)."""
    carried = carried or {}
    whole = sum(group.share.values())
    total = sum(minutes.get(p, 0) + carried.get(p, 0) for p in group.share)
    out = {}
    for p, a in group.share.items():
        gap = abs(whole * (minutes.get(p, 0) + carried.get(p, 0)) - a * total) - whole * group.slack
        out[p] = max(0, math.ceil(gap / (whole * 60)))
    return out
