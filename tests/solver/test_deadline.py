"""One deadline for the whole solve of a centre staffed by interval: each step after the search
(completing the hint, the model search, tightening the slacks, placing the breaks) gets what is
left of the time limit, never more, and ``result.seconds`` counts every step."""

from __future__ import annotations

import importlib
import threading
import time

import pytest

from roster.bench.intervals import make_interval_centre
from roster.solver import SolveOptions, solve

solve_module = importlib.import_module("roster.solver.solve")

TOKEN = 0.011
"""A step started after the deadline still gets a token hundredth of a second (``_within``)."""
LEAST = {"hint": 1.0, "model": 1.0}
"""Completing the hint gets at least 1 s, and so does the model search when no completed hint
stands in for the roster it may miss (else a token hundredth)."""


@pytest.fixture
def steps(monkeypatch):
    """(step, clock when called, seconds given, clock when it returned) of each timed step."""
    calls: list[tuple[str, float, float | None, float]] = []

    def timed(name, fn, seconds_of):
        def wrapper(*args, **kwargs):
            at = time.perf_counter()
            out = fn(*args, **kwargs)
            calls.append((name, at, seconds_of(args, kwargs), time.perf_counter()))
            return out
        return wrapper

    monkeypatch.setattr(solve_module, "complete_hint",
                        timed("hint", solve_module.complete_hint, lambda a, k: a[1]))
    monkeypatch.setattr(solve_module, "tighten",
                        timed("tighten", solve_module.tighten, lambda a, k: a[2]))
    monkeypatch.setattr(solve_module, "restagger",
                        timed("breaks", solve_module.restagger, lambda a, k: k.get("seconds")))
    monkeypatch.setattr(solve_module, "tune",
                        timed("model", solve_module.tune, lambda a, k: a[0].max_time_in_seconds))
    return calls


def _within_deadline(calls, deadline: float) -> None:
    for name, at, seconds, _done in calls:
        assert seconds is not None, name
        least = LEAST.get(name, TOKEN)
        assert seconds <= max(deadline - at, least) + 1e-3, (name, deadline - at, seconds)
        if deadline - at > least:  # time was left: the step was given that, or less
            assert seconds <= deadline - at + 1e-3, (name, deadline - at, seconds)


@pytest.mark.parametrize("limit", [1.0, 5.0])
def test_each_step_of_the_model_route_gets_no_more_than_what_is_left(steps, limit: float) -> None:
    """At 1 s the steps start late (construction and building the model take about that long)."""
    sc = make_interval_centre(10, seed=1)  # 4,340 cells: construction, then the whole model
    t0 = time.perf_counter()
    result = solve(sc, SolveOptions(time_limit=limit, workers=2, seed=0))
    names = [c[0] for c in steps]
    assert "model" in names, names
    # the search's share ends before the breaks' tenth; tightening the slacks and the breaks end
    # at the limit itself
    _within_deadline([c for c in steps if c[0] in ("hint", "model")], t0 + 0.9 * limit)
    _within_deadline([c for c in steps if c[0] in ("tighten", "breaks")], t0 + limit)
    assert result.seconds >= max(done for *_, done in steps) - t0


def test_the_breaks_of_the_anytime_route_end_at_the_limit(steps) -> None:
    sc = make_interval_centre(30, seed=1)  # 13,020 cells: the anytime search
    assert solve_module.route(sc, SolveOptions()) == "anytime"
    t0 = time.perf_counter()
    result = solve(sc, SolveOptions(time_limit=6.0, workers=2, seed=0))
    assert result.feasible
    assert [c[0] for c in steps if c[0] == "breaks"] == ["breaks"]
    _within_deadline(steps, t0 + 6.0)
    assert result.seconds >= max((done for *_, done in steps), default=0.0) - t0


def test_no_step_is_started_once_the_time_is_up(monkeypatch) -> None:
    started = []
    monkeypatch.setattr(solve_module, "restagger", lambda *a, **k: started.append(k) or a[2])
    result = solve_module.Result("FEASIBLE", solve_module.Roster(), objective=1.0)
    sc = make_interval_centre(10, seed=1)
    solve_module.restagger_result(result, sc, SolveOptions(), time.perf_counter() - 1.0)
    assert started == []
    solve_module.restagger_result(result, sc, SolveOptions(), time.perf_counter() + 3600.0)
    assert len(started) == 1 and 0 < started[0]["seconds"] <= 3600.0


def test_a_stop_ends_an_interval_solve_long_before_its_limit() -> None:
    sc = make_interval_centre(30, seed=1)
    stop = threading.Event()  # set at the first roster
    result = solve(sc, SolveOptions(time_limit=300, workers=2, seed=0), stop=stop, on_progress=lambda p: stop.set())
    assert result.feasible
    assert result.seconds < 150  # a wide margin: the stop, not the limit, ended it
