"""What column generation adds to a solve (solver/columns.py): a bound never above the optimum,
and a roster from the generated months (the dive's or the restricted master's) only when it is
whole and cheaper."""

from __future__ import annotations

import importlib
import threading
import time

import pytest

from roster.model.calendar import Calendar
from roster.solver import SolveOptions, solve
from roster.solver.build import build
from roster.solver.columns import from_columns
from roster.solver.search import construct
from roster.validate import validate
from tests.solver.search.test_colgen import tiny


@pytest.fixture(scope="module")
def start():
    """A small month, the construction's roster of it, and its cost."""
    sc = tiny(1, 5, 9, True, 1, 6, 4)
    search = construct.Search(sc, Calendar(sc))
    assert search.construct()
    return sc, search.roster(), search.cost()


def test_the_bound_is_below_the_optimum_and_a_roster_found_is_whole_and_cheaper(start) -> None:
    sc, roster, cost = start
    found = from_columns(sc, roster, cost, time.perf_counter() + 10)
    best = solve(sc, SolveOptions(time_limit=30, workers=1, strategy="whole"))
    assert best.status == "OPTIMAL"
    assert found.bound <= best.objective + 1e-6
    assert found.stats["colgen"]["bound"] == found.bound
    assert [b for _, b in found.history] == sorted(b for _, b in found.history), "the bound only rises"
    assert found.search is not None, "the months make a cheaper roster than construction's (33 against 45)"
    report = validate(sc, found.search.roster())
    assert report.hard == [] and report.cost == found.cost < cost
    from_master = found.stats.get("master", {}).get("cost")
    assert found.cost in (found.stats["dive"]["moves_cost"], from_master), "the dive's roster or the master's"


def test_no_master_when_turned_off_or_stopped(start) -> None:
    sc, roster, cost = start
    off = from_columns(sc, roster, cost, time.perf_counter() + 10, rosters=False)
    assert "master" not in off.stats and "dive" not in off.stats and off.search is None and off.cost is None
    stop = threading.Event()
    stop.set()
    stopped = from_columns(sc, roster, cost, time.perf_counter() + 10, stop=stop)
    assert "master" not in stopped.stats and "dive" not in stopped.stats and stopped.search is None


def test_a_roster_proved_optimal_by_the_bound_is_kept(start) -> None:
    sc, _, _ = start
    best = solve(sc, SolveOptions(time_limit=30, workers=1, strategy="whole"))
    found = from_columns(sc, best.roster, best.objective, time.perf_counter() + 10)
    if found.bound >= best.objective - 1e-6:  # proved: nothing to look for
        assert "master" not in found.stats and "dive" not in found.stats
    assert found.search is None, "no roster is cheaper than the optimum"


def test_a_model_the_caller_built_gets_no_columns_after_it(monkeypatch) -> None:
    """A caller's model has an objective of its own (tiers, changed cells): a roster from the
    columns would be judged by another cost, so none is looked for."""
    solve_module = importlib.import_module("roster.solver.solve")
    called = []
    monkeypatch.setattr(solve_module, "column_bound", lambda *a, **k: called.append(a))
    sc = tiny(1, 5, 9, True, 1, 6, 4)
    assert solve(sc, SolveOptions(time_limit=4, workers=1)).feasible
    assert len(called) == 1, "a solve of its own keeps time for the columns"
    assert solve(sc, SolveOptions(time_limit=4, workers=1), ctx=build(sc, Calendar(sc))).feasible
    assert len(called) == 1, "none after the caller's model"
