"""Golden tests: every bundled scenario loads, solves to a proven optimum (or within 1 %) and
passes the validator, whose soft cost equals the solver's objective. Plus the facts each
scenario is there to show (holidays closed, a night across midnight, a leader on every shift).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from roster.io.load import load_scenario
from roster.model.calendar import Calendar, DayType
from roster.model.rotations import pattern_cells
from roster.model.scenario import Scenario
from roster.solver import Result, SolveOptions, solve
from roster.validate import validate

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
FILES = sorted(SCENARIOS.glob("*.yaml"))
SLOW = {"hotel_housekeeping.yaml", "callcenter_95598_intervals.yaml"}
"""Scenarios whose solve may take more than ~20 s on two busy cores."""

_solved: dict[str, tuple[Scenario, Result]] = {}


def solved(name: str) -> tuple[Scenario, Result]:
    """Load and solve a bundled scenario once per test session (two workers, 60 s)."""
    if name not in _solved:
        scenario = load_scenario(SCENARIOS / name)
        _solved[name] = scenario, solve(scenario, SolveOptions(time_limit=60, workers=2, seed=0, gap_limit=0.01))
    return _solved[name]


def _param(path: Path):
    marks = [pytest.mark.slow] if path.name in SLOW else []
    return pytest.param(path.name, id=path.stem, marks=marks)


def test_every_bundled_scenario_is_covered() -> None:
    names = {p.name for p in FILES}
    assert {"callcenter_95598.yaml", "hotel_housekeeping.yaml", "monitoring_center.yaml",
            "monitoring_center_crews.yaml", "front_desk.yaml"} <= names


@pytest.mark.parametrize("name", [_param(p) for p in FILES])
def test_scenario_solves_and_validates(name: str) -> None:
    scenario, result = solved(name)
    assert result.feasible, result.status
    if not scenario.interval_lines:  # per-interval needs have no useful bound yet (bench/README.md)
        assert result.status == "OPTIMAL" or result.gap <= 0.01, (result.status, result.objective, result.bound)
    report = validate(scenario, result.roster)
    assert report.hard == [], [str(v) for v in report.hard[:10]]
    assert report.cost == round(result.objective), (report.costs(), result.terms)
    assert report.costs() == {k: v for k, v in result.terms.items() if v}


# ---- front desk: closed on National Day, open on the adjusted working Saturday ----------------

NATIONAL_DAY = [dt.date(2026, 10, d) for d in range(1, 8)]
ADJUSTED_SATURDAY = dt.date(2026, 10, 10)


def test_front_desk_calendar_shows_national_day_and_adjusted_saturday() -> None:
    cal = Calendar(load_scenario(SCENARIOS / "front_desk.yaml"))
    assert all(cal.day(d).is_holiday and not cal.day(d).is_workday for d in NATIONAL_DAY)
    assert cal.day(ADJUSTED_SATURDAY).type is DayType.ADJUSTED_WORKDAY
    assert cal.day(dt.date(2026, 10, 11)).type is DayType.WEEKEND
    assert sum(d.is_workday for d in cal.days) == 18


def test_front_desk_rota_follows_the_cn_calendar() -> None:
    scenario, result = solved("front_desk.yaml")
    worked = Counter(a.date for a in result.roster)
    assert not [d for d in NATIONAL_DAY if worked[d]], "the desk is closed on National Day"
    assert worked[ADJUSTED_SATURDAY] == 3, "two receptionists and a manager on the adjusted Saturday"
    cal = Calendar(scenario)
    assert all(cal.day(d).is_workday for d in worked)
    assert {d.date for d in cal.days if d.is_workday} == set(worked)


# ---- hotel: night clerk across midnight, floater in two kinds of seat ------------------------

def test_hotel_night_clerk_shift_crosses_midnight() -> None:
    scenario = load_scenario(SCENARIOS / "hotel_housekeeping.yaml")
    night = scenario.shift_by_id["N"]
    assert night.spans == ((22 * 60 + 30, 24 * 60 + 7 * 60 + 30),)
    assert night.is_night and night.paid_minutes == 9 * 60
    assert not scenario.shift_by_id["W"].is_night  # the evening shift ends at midnight
    assert scenario.shift_by_id["ST"].paid_minutes == 8 * 60  # split 08-12 + 14-18


@pytest.mark.slow
def test_hotel_floater_fills_clerk_and_store_keeper_seats() -> None:
    scenario, result = solved("hotel_housekeeping.yaml")
    floaters = [p for p in scenario.staff if "floater" in p.roles]
    assert len(floaters) == 1
    floater = floaters[0]
    assert {"clerk", "storekeeper"} <= scenario.seats_for(floater)
    seats = Counter(a.role for a in result.roster if a.staff == floater.id)
    assert seats["clerk"] > 0 and seats["storekeeper"] > 0, seats
    # the night clerk's shift belongs to the day it starts: worked nights start at 22:30
    nights = [a for a in result.roster if a.shift == "N"]
    assert len(nights) == 31 and {a.role for a in nights} == {"clerk"}
    assert all(scenario.staff_by_id[a.staff].roles[0] in ("clerk", "floater") for a in nights)


# ---- monitoring centre in three crews: the cycle kept, the leave and the Monday check filled --

def test_monitoring_crews_follow_their_cycle_and_fill_what_it_leaves_open() -> None:
    scenario, result = solved("monitoring_center_crews.yaml")
    assert result.status == "OPTIMAL"
    cal = Calendar(scenario)
    cells = {(a.staff, a.date): a for a in result.roster}
    judged = pattern_cells(scenario, cal)
    off_pattern = [c for c in judged
                   if (cells[(c.staff, cal.days[c.day].date)].shift if (c.staff, cal.days[c.day].date) in cells
                       else None) != c.shift]
    assert result.terms["pattern"] == 10 * len(off_pattern)
    assert len(off_pattern) <= len(judged) // 20, "the cycle holds for at least 95 % of the cells"
    leave = [dt.date(2026, 11, d) for d in (16, 17, 18)]
    assert not [d for d in leave if ("M04", d) in cells]
    assert not [c for c in judged if c.staff == "M04" and cal.days[c.day].date in leave]  # excused
    for day in cal.days:
        for shift in scenario.shifts:
            people = [a for a in result.roster if a.date == day.date and a.shift == shift.id]
            assert len(people) >= 2 and sum(a.role == "leader" for a in people) == 1, (day.date, shift.id)
    mondays = [d.date for d in cal.days if d.weekday == "mon"]
    assert sorted(a.date for a in result.roster if a.role == "checker") == mondays


# ---- monitoring centre: two on every shift, one regular-staff leader, Monday check ----------

def test_monitoring_shifts_have_two_people_and_a_regular_leader() -> None:
    scenario, result = solved("monitoring_center.yaml")
    regular = {p.id for p in scenario.staff if "leader" in p.roles}
    assert regular and all(p.startswith("M") for p in regular)  # contractors (C..) never lead
    on_duty: dict[tuple[dt.date, str], list] = defaultdict(list)
    for a in result.roster:
        on_duty[(a.date, a.shift)].append(a)
    cal = Calendar(scenario)
    for day in cal.days:
        for shift in scenario.shifts:
            people = on_duty[(day.date, shift.id)]
            assert len(people) >= 2, (day.date, shift.id, people)
            leaders = [a.staff for a in people if a.role == "leader"]
            assert len(leaders) == 1 and leaders[0] in regular, (day.date, shift.id, leaders)


def test_monitoring_equipment_check_every_monday() -> None:
    scenario, result = solved("monitoring_center.yaml")
    checks = {a.date: a.staff for a in result.roster if a.role == "checker"}
    mondays = [d.date for d in Calendar(scenario).days if d.weekday == "mon"]
    assert len(mondays) == 5 and sorted(checks) == mondays
    assert all("checker" in scenario.staff_by_id[s].roles for s in checks.values())
    assert all(a.shift == "D" for a in result.roster if a.role == "checker")
