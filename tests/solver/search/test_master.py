"""Rosters from the generated months: the restricted master's roster passes the validator at the
model's objective, never costs more than the roster it starts from, and wins in ``solve``."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.solver import Result
from roster.solver.columns import column_bound
from roster.solver.options import SolveOptions
from roster.solver.search import HARD, construct
from roster.solver.search.colgen import ColumnGeneration
from roster.solver.search.master import restricted_master
from roster.validate import validate
from tests.solver.search.test_colgen import tiny

SEEDS = Path(__file__).resolve().parents[3] / "scenarios"


def check(sc, master) -> int:
    """No hard rule broken but hard seats left empty or filled beyond their most (each ``HARD``
    in the objective, as a master that cannot fill every hard seat prices them); the validator's
    cost is the model's objective and the search's cost."""
    report = validate(sc, master.search.roster())
    assert all(v.rule in ("coverage_shortfall", "overstaffing") for v in report.hard), [str(v) for v in report.hard]
    empty = master.search.empty_hard_seats() + master.search.beyond_hard_most()
    assert (empty == 0) == (report.hard == [])
    assert report.cost + HARD * empty == master.objective == master.search.cost()
    if not empty:
        assert report.costs() == master.search.terms()
    return report.cost


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), staff=st.integers(4, 6), days=st.integers(5, 9),
       weekends=st.sampled_from([None, 1]), requests=st.integers(0, 6), fair=st.sampled_from([0, 4]))
def test_every_roster_from_columns_passes_the_validator_at_the_masters_cost(
        seed: int, staff: int, days: int, weekends: int | None, requests: int, fair: int) -> None:
    sc = tiny(seed, staff, days, False, weekends, requests, fair)  # soft seats: a roster always exists
    cg = ColumnGeneration(sc)
    cg.run(3)
    master = restricted_master(cg, 5)
    assert master is not None
    check(sc, master)


def test_the_master_starts_from_a_roster_and_never_costs_more() -> None:
    for seed in (1, 2, 3, 6):
        sc = tiny(seed, 5, 9, True, 1, 6, 4)
        search = construct.Search(sc, Calendar(sc))
        assert search.construct() and search.empty_hard_seats() == 0
        cg = ColumnGeneration(sc)
        cg.run(2, start=search.roster())
        master = restricted_master(cg, 5, start=search.roster())
        assert master is not None
        assert check(sc, master) <= search.cost()


def test_a_cheaper_roster_from_columns_wins_in_the_result() -> None:
    """Construction alone leaves 45 on this scenario; the months column generation finds make 33."""
    sc = tiny(1, 5, 9, True, 1, 6, 4)
    search = construct.Search(sc, Calendar(sc))
    assert search.construct()
    result = Result(status="FEASIBLE", roster=search.roster(), objective=search.cost(), bound=0.0)
    start = result.objective
    t0 = time.perf_counter()
    column_bound(result, sc, t0, t0 + 10, None)
    assert result.stats["roster_source"] == "columns"
    assert result.objective < start
    report = validate(sc, result.roster)
    assert report.hard == [] and report.cost == result.objective
    assert report.costs() == result.terms
    assert result.bound is not None and result.bound <= result.objective


def test_the_column_route_can_be_turned_off() -> None:
    """``column_rosters=False``: the bound is still computed, the roster stays the search's."""
    sc = tiny(1, 5, 9, True, 1, 6, 4)
    search = construct.Search(sc, Calendar(sc))
    assert search.construct()
    result = Result(status="FEASIBLE", roster=search.roster(), objective=search.cost(), bound=0.0)
    start, roster = result.objective, result.roster
    t0 = time.perf_counter()
    column_bound(result, sc, t0, t0 + 10, None, options=SolveOptions(column_rosters=False))
    assert "master" not in result.stats and "roster_source" not in result.stats
    assert result.objective == start and result.roster == roster
    assert "colgen" in result.stats


def test_the_column_route_on_a_seed_scenario() -> None:
    """From the construction's roster (hard seats left empty on this month) and the months column
    generation adds; the model's roster is the validator's, and never worse than the start."""
    sc = load_scenario(SEEDS / "callcenter_95598.yaml")
    assert construct.applies(sc)
    search = construct.Search(sc, Calendar(sc))
    assert search.construct()
    cg = ColumnGeneration(sc)
    cg.run(5, start=search.roster())
    master = restricted_master(cg, 10, start=search.roster())
    assert master is not None and master.columns > len(sc.staff)
    check(sc, master)
    assert master.objective <= search.cost()
