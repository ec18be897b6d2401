"""Per-person moves from a model's roster (``roster.solver.polish``), judged by the validator."""

from __future__ import annotations

import dataclasses
import time

from roster.bench.scale import make_centre
from roster.model.calendar import Calendar
from roster.model.roster import Assignment, Roster
from roster.solver import Result
from roster.solver.polish import polish
from roster.solver.search import construct
from roster.validate import validate


def _first_roster(sc) -> tuple[Roster, float]:
    """A construction without moves (the first seed that fills every hard seat): a roster that
    costs far more than it needs to."""
    for seed in range(20):
        search = construct.Search(sc, Calendar(sc), seed=seed)
        if search.construct() and search.empty_hard_seats() == 0:
            return search.roster(), float(search.cost())
    raise AssertionError("no construction filled every hard seat")


def test_a_loaded_roster_is_the_same_roster_at_the_validators_cost() -> None:
    sc = make_centre(60, 1)
    roster, _cost = _first_roster(sc)
    search = construct.Search(sc, Calendar(sc), seed=9)
    assert search.load(roster)
    again = search.roster()
    key = lambda r: sorted((a.date, a.staff, a.shift, a.role) for a in r)  # noqa: E731
    assert key(again) == key(roster)
    assert search.cost() == validate(sc, roster).cost


def test_polish_lowers_the_cost_and_the_validator_agrees() -> None:
    sc = make_centre(60, 1)
    roster, cost = _first_roster(sc)
    result = Result(status="FEASIBLE", roster=roster, objective=cost, bound=0.0)
    heard: list[float] = []
    stats = polish(result, sc, time.perf_counter() + 5.0, seed=1, on_better=heard.append, patience=1.0)
    assert stats["roster_source"] == "moves"
    assert result.objective < cost
    assert heard and min(heard) == result.objective
    report = validate(sc, result.roster)
    assert report.cost == result.objective and not report.hard


def test_a_roster_the_search_cannot_hold_is_left_alone() -> None:
    sc = make_centre(60, 1)
    roster, cost = _first_roster(sc)
    a = next(iter(roster))
    odd = Roster.of([*roster, dataclasses.replace(a, staff="nobody")] if isinstance(a, Assignment) else [])
    result = Result(status="FEASIBLE", roster=odd, objective=cost, bound=0.0)
    assert polish(result, sc, time.perf_counter() + 2.0) == {"polish": "skipped"}
    assert result.roster is odd and result.objective == cost


def test_an_optimal_or_late_result_is_not_polished() -> None:
    sc = make_centre(60, 1)
    roster, cost = _first_roster(sc)
    proven = Result(status="OPTIMAL", roster=roster, objective=cost, bound=cost)
    assert polish(proven, sc, time.perf_counter() + 2.0) == {}
    late = Result(status="FEASIBLE", roster=roster, objective=cost, bound=0.0)
    assert polish(late, sc, time.perf_counter()) == {} and late.objective == cost
