"""The dive on column generation's master (solver/search/dive.py): everyone ends with one month
that keeps their rules, the roster passes the validator at the search's cost and at the master's
value over the terms the master holds, and the deadline is met by fixing the rest at once."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster.io.curtois import benchmark_dir, instance_path, load_curtois
from roster.model.calendar import Calendar
from roster.solver import SolveOptions, solve
from roster.solver.search.colgen import ColumnGeneration
from roster.solver.search.construct import Search
from roster.solver.search.dive import dive
from roster.validate import validate
from tests.solver.search.test_colgen import tiny


def dived(sc, cg: ColumnGeneration, deadline: float):
    found = dive(cg, deadline)
    assert found is not None
    assert sorted(found.months) == list(range(cg.P)), "everyone has a month"
    search = Search(sc, Calendar(sc))
    search.give(found.months)
    for p, (plan, role) in found.months.items():
        assert search.keeps(p, plan, np.where(plan >= 0, role, 0)), f"{sc.staff[p].id}'s month breaks a rule"
    return found, search


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), staff=st.integers(4, 6), days=st.integers(5, 9),
       weekends=st.sampled_from([None, 1]), requests=st.integers(0, 6))
def test_every_dive_is_a_roster_the_validator_prices_as_the_master_does(
        seed: int, staff: int, days: int, weekends: int | None, requests: int) -> None:
    sc = tiny(seed, staff, days, False, weekends, requests)  # soft seats, no fair shares: all in the master
    cg = ColumnGeneration(sc)
    assert cg.run(10).value > -float("inf")
    found, search = dived(sc, cg, time.perf_counter() + 10)
    report = validate(sc, search.roster())
    assert report.hard == []
    assert report.cost == search.cost() == round(found.value)
    assert found.rounded == 0 and found.steps >= 1


def test_a_dive_out_of_time_fixes_everyone_at_once() -> None:
    sc = tiny(3, 6, 9, False, 1, 4)
    cg = ColumnGeneration(sc)
    assert cg.run(10).value > -float("inf")
    found, search = dived(sc, cg, time.perf_counter() - 1)
    assert found.steps == 1 and found.rounded == cg.P and found.rounds == 0
    assert validate(sc, search.roster()).cost == search.cost()


@pytest.mark.skipif(not instance_path(1).exists(), reason=f"Curtois instances not found in {benchmark_dir()}")
def test_the_dive_lands_near_the_relaxation_on_curtois_1() -> None:
    sc = load_curtois(instance_path(1))
    cg = ColumnGeneration(sc)
    bound = cg.run(20)
    found, search = dived(sc, cg, time.perf_counter() + 20)
    report = validate(sc, search.roster())
    assert report.hard == [] and report.cost == search.cost()
    assert bound.value <= 607 <= report.cost, "607 is the proven optimum"
    assert report.cost <= 1.1 * 607, f"the dive's roster costs {report.cost}"


def test_a_model_solve_starts_from_the_columns_and_keeps_the_bound() -> None:
    sc = tiny(5, 6, 9, False, 1, 6)
    result = solve(sc, SolveOptions(time_limit=60, workers=1))  # it ends when proved
    assert result.stats["dive"]["found"] and "colgen" in result.stats
    assert result.bound is not None and result.bound <= result.objective
    report = validate(sc, result.roster)
    assert report.hard == [] and report.cost == result.objective
    assert result.stats["dive"]["moves_cost"] >= result.objective, "the model starts from the dive's roster"


def test_a_roster_the_columns_prove_optimal_skips_the_model() -> None:
    sc = tiny(1, 5, 9, True, 1, 6, 4)
    result = solve(sc, SolveOptions(time_limit=60, workers=1))  # it ends when proved
    assert result.stats["roster_source"] == "columns", "the dive's roster meets the bound (33)"
    assert result.status == "OPTIMAL" and result.bound == result.objective
    assert "variables" not in result.stats, "no model was built"
    assert validate(sc, result.roster).cost == result.objective
