"""solve(): which search each scenario and setting takes (``route``), and that the roster of every
route passes the validator at the cost the result reports."""

from __future__ import annotations

from functools import cache

import pytest

from roster import load_scenario
from roster.bench.scale import make_centre
from roster.model.roster import Roster
from roster.model.scenario import Fairness
from roster.solver.options import SolveOptions
from roster.solver.solve import route, solve
from roster.validate import validate
from tests.conftest import SCENARIOS


@cache
def scenario(name: str):
    if name == "centre 100":
        return make_centre(100, seed=0)
    if name == "centre 100 without fair shares":
        return make_centre(100, seed=0).model_copy(update={"fairness": Fairness()})
    if name == "centre 400 without fair shares":
        return make_centre(400, seed=0).model_copy(update={"fairness": Fairness()})
    if name == "centre 30":
        return make_centre(30, seed=3)
    return load_scenario(SCENARIOS / name)


ROUTES = [
    # scenario, options, hinted, route
    ("callcenter_95598.yaml", SolveOptions(time_limit=10), False, "model"),  # short: columns at the end
    ("callcenter_95598.yaml", SolveOptions(), False, "columns"),  # the dive's roster starts the model
    ("callcenter_95598.yaml", SolveOptions(column_rosters=False), False, "model"),
    ("callcenter_95598.yaml", SolveOptions(strategy="whole"), False, "model"),
    ("centre 100", SolveOptions(), False, "anytime"),
    ("centre 100", SolveOptions(deterministic_time=5.0), False, "model"),  # repeatable
    ("centre 100", SolveOptions(), True, "model"),  # a roster to start the model from
    ("centre 100", SolveOptions(strategy="whole"), False, "model"),
    ("centre 100 without fair shares", SolveOptions(), False, "columns"),  # 3,100 person-days
    ("centre 400 without fair shares", SolveOptions(), False, "model"),  # the group search's case
    ("centre 30", SolveOptions(), False, "columns"),
    ("centre 30", SolveOptions(strategy="anytime"), False, "anytime"),
    ("service_hall_ab.yaml", SolveOptions(strategy="anytime"), False, "model"),  # posts: no construction
    ("callcenter_95598_intervals.yaml", SolveOptions(), False, "anytime"),  # intervals, 36,691 cells
    ("callcenter_95598_intervals.yaml", SolveOptions(strategy="whole"), False, "model"),
]


@pytest.mark.parametrize(("name", "options", "hinted", "expected"), ROUTES)
def test_route(name: str, options: SolveOptions, hinted: bool, expected: str) -> None:
    hint = Roster() if hinted else None
    assert route(scenario(name), options, hint=hint) == expected


@pytest.mark.parametrize(("name", "strategy", "limit"), [("centre 30", "anytime", 10), ("centre 30", "construct", 10),
                                                       ("callcenter_95598.yaml", "auto", 10),
                                                       ("centre 30", "auto", 30)])  # columns first
def test_every_route_returns_a_roster_the_validator_prices_the_same(name: str, strategy: str, limit: float) -> None:
    sc = scenario(name)
    result = solve(sc, SolveOptions(time_limit=limit, seed=0, workers=2, strategy=strategy))
    assert result.feasible, result.status
    report = validate(sc, result.roster)
    assert report.hard == []
    assert report.cost == pytest.approx(result.objective)
    if result.bound is not None:
        assert result.bound <= result.objective + 1e-6
