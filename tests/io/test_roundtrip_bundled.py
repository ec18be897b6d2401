"""Every bundled scenario, solved, goes through every export format and reads back to the same
roster: the same cells, the same placed breaks, the same seat roles (post duty included) and, where the
format has room for it, the same placed leave. Attendance-system templates have no leave cell (docs/exports.md)."""

from __future__ import annotations

import pytest

from roster.cli.export import export_roster
from roster.io.load import load_scenario
from roster.io.readers import read_any
from roster.solver import SolveOptions, solve
from roster.validate import validate
from tests.conftest import SCENARIOS

SUFFIX = {"xlsx": ".xlsx", "csv": ".csv", "attendance": ".csv", "dingtalk": ".xlsx", "wecom": ".xlsx",
          "ics": ".ics", "json": ".json"}
CARRIES_ROLES = {"csv", "attendance", "ics", "json"}
"""Grids and templates carry no seat roles: reading them seats people again."""
NO_LEAVE_CELL = {"dingtalk", "wecom"}
"""Formats that write a placed leave day as rest (the systems take a shift or rest only)."""

FAST = ["front_desk", "service_hall_ab"]
SLOW = ["monitoring_center", "hotel_housekeeping", "callcenter_95598_intervals"]
"""The 95598 centre has its own round trips: tests/io/test_roundtrip.py."""

_solved: dict[str, tuple] = {}


WALL_LIMIT = 600.0
"""Only a safety net: the solves below end on their deterministic time, whatever the machine's load."""


def solved(name: str, work: float):
    """The bundled scenario and a roster of it, from a repeatable solve of ``work`` deterministic seconds."""
    if name not in _solved:
        scenario = load_scenario(SCENARIOS / f"{name}.yaml")
        result = solve(scenario, SolveOptions(time_limit=WALL_LIMIT, deterministic_time=work, workers=2, seed=0))
        assert result.feasible, f"{name}: no roster in {work:g} deterministic seconds ({result.status})"
        _solved[name] = (scenario, result.roster)
    return _solved[name]


def check_round_trip(scenario, roster, fmt: str, tmp_path) -> None:
    path = tmp_path / f"roster{SUFFIX[fmt]}"
    export_roster(scenario, roster, fmt, path)
    back = read_any(path, scenario)
    assert sorted((a.date, a.staff, a.shift, a.post, a.break_at) for a in back) == \
        sorted((a.date, a.staff, a.shift, a.post, a.break_at) for a in roster)
    duty = {(a.date, a.staff): a.role for a in roster if a.post is not None}
    assert {(a.date, a.staff): a.role for a in back if a.post is not None} == duty
    if fmt in CARRIES_ROLES:
        assert set(back.assignments) == set(roster.assignments)
    before, after = validate(scenario, roster), validate(scenario, back)
    if fmt in NO_LEAVE_CELL and roster.leave:
        assert set(back.leave) == set()
        assert {v.rule for v in after.hard} <= {"leave_wishes"}, [str(v) for v in after.hard[:5]]
        return
    assert set(back.leave) == set(roster.leave), fmt
    assert [str(v) for v in after.hard] == [str(v) for v in before.hard] == []
    assert after.cost == before.cost


@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("name", FAST)
def test_bundled_scenario_round_trip(name, fmt, tmp_path):
    scenario, roster = solved(name, 2)
    check_round_trip(scenario, roster, fmt, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("name", SLOW)
def test_bundled_scenario_round_trip_slow(name, fmt, tmp_path):
    scenario, roster = solved(name, 10)
    check_round_trip(scenario, roster, fmt, tmp_path)


def test_post_duty_reads_back_with_its_seat_role(tmp_path):
    """The consult desk counts toward guide seats: its duty is a guide seat after the grid too."""
    scenario, roster = solved("service_hall_ab", 2)
    consult = [a for a in roster if a.post == "consult"]
    assert consult and {a.role for a in consult} == {"guide"}
    for fmt in ("xlsx", "dingtalk", "wecom"):
        path = tmp_path / f"roster-{fmt}.xlsx"
        export_roster(scenario, roster, fmt, path)
        back = [a for a in read_any(path, scenario) if a.post == "consult"]
        assert sorted((a.date, a.staff, a.role) for a in back) == sorted((a.date, a.staff, a.role) for a in consult)
