"""Break a solved call-centre roster on purpose: the validator names the exact violation."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from roster.io.load import load_scenario
from roster.model.roster import Assignment, Roster
from roster.solver import SolveOptions, solve
from roster.validate import validate
from tests.conftest import SCENARIOS


@pytest.fixture(scope="module")
def solved():
    sc = load_scenario(SCENARIOS / "callcenter_95598.yaml")
    result = solve(sc, SolveOptions(time_limit=30, workers=2, seed=3))
    assert result.feasible
    return sc, result


def test_solver_roster_is_clean(solved):
    sc, result = solved
    report = validate(sc, result.roster)
    assert report.hard == []
    assert report.cost == round(result.objective)


def test_removing_the_night_agents_is_named(solved):
    sc, result = solved
    day = dt.date(2026, 12, 24)
    nights = [a for a in result.roster if a.shift == "N" and a.date == day]
    assert nights
    broken = Roster.of(a for a in result.roster if a not in nights)
    assert [v.text for v in validate(sc, broken).hard] == ["2026-12-24 N: agent seats 0 of 1"]


def test_working_during_leave_is_named(solved):
    sc, result = solved
    day = dt.date(2026, 12, 10)  # S04 is on annual leave 12-10..12-11
    assert not [a for a in result.roster if a.staff == "S04" and a.date == day]
    broken = Roster.of([*result.roster, Assignment(day, "S04", "D", "agent")])
    texts = [v.text for v in validate(sc, broken).hard]
    assert "S04 2026-12-10: works D during annual leave" in texts


def test_two_shifts_one_day_and_unknown_people_are_named(solved):
    sc, result = solved
    a = result.roster.assignments[0]
    broken = Roster.of([*result.roster, dataclasses.replace(a, shift="E"),
                        Assignment(a.date, "S99", "D", "agent")])
    texts = [v.text for v in validate(sc, broken).hard]
    assert any("two shifts on one day" in t for t in texts)
    assert any("unknown staff 'S99'" in t for t in texts)
