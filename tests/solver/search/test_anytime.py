"""The anytime search (search/anytime.py) and its neighbourhoods (search/neighbourhoods.py):
every kept move lowers the validator's cost or keeps it, touches only the people and days it
freed, and the loop ends at a proven optimum."""

from __future__ import annotations

import math
import random
import threading
import time

import numpy as np
import pytest

from roster.bench.scale import make_centre
from roster.model.calendar import Calendar
from roster.model.scenario import Fairness
from roster.solver.options import SolveOptions
from roster.solver.search import construct, lns
from roster.solver.search.anytime import Anytime, Arm, Budget
from roster.solver.search.bound import Beside
from roster.solver.search.neighbourhoods import KINDS
from roster.solver.solve import solve
from roster.validate import validate


@pytest.fixture(scope="module")
def centre():
    return make_centre(30, seed=3)  # construction fills every hard seat of this one


def _search(scenario) -> construct.Search:
    search = construct.Search(scenario, Calendar(scenario), seed=0, repeatable=True)
    assert search.construct()
    assert search.empty_hard_seats() == 0
    return search


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_kept_move_lowers_the_validator_cost_and_touches_only_what_it_freed(centre, kind: str) -> None:
    search = _search(centre)
    mins = np.array([search.person_minutes(search.plan[p]) for p in range(search.P)])
    rng = random.Random(3)
    cost = validate(centre, search.roster()).cost
    assert cost == pytest.approx(search.cost())  # the search's cost is the validator's
    kept = 0
    for step in range(2):
        free = KINDS[kind](search, rng, 4 * search.n, mins)
        if free is None:
            continue
        people, (first, last) = free
        assert people and 0 <= first <= last < search.n
        before = search.plan.copy()
        outcome = lns.move(search, people, (first, last), 1.0, seed=step, mins=mins, workers=1)
        report = validate(centre, search.roster())
        assert report.hard == []
        assert report.cost <= cost + 1e-9
        assert report.cost == pytest.approx(search.cost())
        others = [p for p in range(search.P) if p not in people]
        assert (search.plan[others] == before[others]).all()
        outside = [d for d in range(search.n) if not first <= d <= last]
        assert (search.plan[np.ix_(people, outside)] == before[np.ix_(people, outside)]).all()
        if not outcome.kept:
            assert (search.plan == before).all()
        kept += outcome.kept
        cost = report.cost
    assert list(mins) == [search.person_minutes(search.plan[p]) for p in range(search.P)]


def test_the_loop_lowers_the_cost_and_ends_where_the_validator_agrees(centre) -> None:
    search = _search(centre)
    start = search.cost()
    seen: list[float] = []
    loop = Anytime(search, seed=1, workers=1)
    cost = loop.run(Budget(time.perf_counter() + 5.0), on_better=seen.append)
    assert cost < start
    assert seen == sorted(seen, reverse=True) and seen[-1] == cost
    assert validate(centre, search.roster()).cost == pytest.approx(cost)
    assert sum(arm.tried for arm in loop.arms.values()) > 1
    assert sum(arm.better for arm in loop.arms.values()) >= 1


def test_the_loop_stops_when_the_cost_meets_the_bound(centre) -> None:
    search = _search(centre)
    loop = Anytime(search, seed=1, workers=1)
    loop.bound = Beside(value=search.cost())  # the roster is proven optimal already
    begun = time.perf_counter()
    assert loop.run(Budget(begun + 60.0)) == search.cost()
    assert sum(arm.tried for arm in loop.arms.values()) == 0
    assert time.perf_counter() - begun < 30.0  # far below the limit: the loop did not run on


def test_the_budget_ends_on_time_stop_and_gap() -> None:
    stop = threading.Event()
    budget = Budget(time.perf_counter() + 60.0, stop, gap_limit=0.1)
    assert not budget.over()
    assert not budget.over(100.0, 80.0)
    assert budget.over(100.0, 91.0)  # within 10 %
    assert not budget.over(100.0, -math.inf)
    stop.set()
    assert budget.over()
    assert Budget(time.perf_counter() - 1.0).over()


def test_a_kind_that_pays_is_chosen_more_often() -> None:
    arm = Arm("days")
    arm.record(10.0, 1.0, True)
    assert arm.score == pytest.approx(10.0)
    arm.record(0.0, 1.0, False)
    assert 0 < arm.score < 10.0
    assert (arm.tried, arm.kept, arm.better) == (2, 1, 1)


def test_a_solve_with_a_reachable_bound_is_proven_optimal_long_before_its_limit() -> None:
    """Hard seats only (no wishes, no fair shares): the bound is 0, the roster reaches it, the
    search stops and says OPTIMAL."""
    sc = make_centre(30, seed=0).model_copy(update={"requests": (), "fairness": Fairness()})
    begun = time.perf_counter()
    result = solve(sc, SolveOptions(time_limit=120, seed=0, workers=2, strategy="anytime"))
    assert result.status == "OPTIMAL", (result.status, result.objective, result.bound)
    assert result.objective == result.bound == 0
    assert time.perf_counter() - begun < 60.0
    report = validate(sc, result.roster)
    assert report.hard == [] and report.cost == 0
