"""CP-SAT's portfolio per model size, worker count and whether a roster is hinted."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from roster.solver.cpsat import MAX_LP_VARIABLES, tune


def params(workers: int):
    prm = cp_model.CpSolver().parameters
    prm.num_workers = workers
    return prm


@pytest.fixture(autouse=True)
def tuned_portfolio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROSTER_DEFAULT_PORTFOLIO", raising=False)


def test_a_hinted_search_keeps_the_lp_threads() -> None:
    prm = params(4)
    tune(prm, 10_000, hinted=True)
    assert list(prm.subsolvers) == ["max_lp", "default_lp", "core"]


def test_without_a_roster_to_start_from_a_propagation_only_search_takes_a_thread() -> None:
    prm = params(4)
    tune(prm, 10_000, hinted=False)
    assert list(prm.subsolvers) == ["max_lp", "no_lp", "core"]


def test_large_models_and_many_workers_keep_the_default_portfolio() -> None:
    for workers, variables in ((4, MAX_LP_VARIABLES + 1), (8, 10_000)):
        prm = params(workers)
        tune(prm, variables, hinted=False)
        assert list(prm.subsolvers) == []
