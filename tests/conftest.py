"""Shared fixtures: small hand-made scenarios and a solve helper."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario
from roster.solver import SolveOptions, solve
from roster.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"

BASE: dict[str, Any] = {
    "name": "tiny",
    "horizon": {"start": "2026-12-07", "end": "2026-12-13"},  # Monday .. Sunday
    "roles": [{"id": "agent"}],
    "shifts": [
        {"id": "D", "start": "08:00", "end": "16:00"},
        {"id": "N", "start": "22:00", "end": "08:00"},
    ],
    "staff": [{"id": "A", "roles": ["agent"]}, {"id": "B", "roles": ["agent"]}],
    "demand": [],
    "rules": {"min_rest_hours": 12, "max_consecutive_work_days": 6, "min_consecutive_days_off": 1,
              "max_hours_per_week": 40},
}


def merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def tiny(**over: Any) -> Scenario:
    """The base tiny scenario with top-level fields replaced (dicts merged)."""
    return scenario_from_dict(merge(BASE, over), "tiny.yaml")


def run(scenario: Scenario, time_limit: float = 10.0):
    """Solve, and check the validator agrees with the solver on every returned roster."""
    result = solve(scenario, SolveOptions(time_limit=time_limit, workers=2, seed=1))
    if result.feasible:
        report = validate(scenario, result.roster)
        assert report.hard == [], [str(v) for v in report.hard]
        assert report.cost == round(result.objective), (report.costs(), result.terms)
    return result


def roster_of(*cells: tuple[str, str, str, str | None]) -> Roster:
    """Roster.of from (date, staff, shift, role) tuples."""
    import datetime as dt

    return Roster.of(Assignment(dt.date.fromisoformat(d), s, sh, r) for d, s, sh, r in cells)


@pytest.fixture
def make():
    return tiny
