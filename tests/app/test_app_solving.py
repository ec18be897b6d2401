"""The background solve: progress arrives while it runs, stop returns the best roster so far."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from roster.app.solving import start_solve
from roster.io.load import load_scenario
from roster.model.parse import scenario_from_dict
from roster.model.scenario import Scenario


def test_small_solve_runs_in_background(small_yaml: Path) -> None:
    job = start_solve(load_scenario(small_yaml), time_limit=10, workers=2)
    assert job.wait(30)
    assert job.error is None and job.result.feasible
    assert job.progress and job.elapsed > 0 and not job.running


def big_month(staff: int = 200) -> Scenario:
    """A 31-day, three-shift service centre with ``staff`` agents and 10 % leads."""
    leads = staff // 10
    people = [{"id": f"P{i:03d}", "roles": ["lead" if i < leads else "agent"]} for i in range(staff)]
    agents = staff - leads
    per_shift = max(1, round(agents * 0.7 * 5 / 7 / 3))  # about five shifts a week each
    return scenario_from_dict({
        "name": f"{staff}-staff month",
        "horizon": {"start": "2026-12-01", "end": "2026-12-31"},
        "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}, {"id": "E", "start": "16:00", "end": "24:00"},
                   {"id": "N", "start": "00:00", "end": "08:00"}],
        "staff": people,
        "demand": [d for s in ("D", "E", "N") for d in (
            {"shift": s, "role": "agent", "min": per_shift, "max": per_shift + 3},
            {"shift": s, "role": "lead", "min": 1, "max": 2})],
        "leave": [{"staff": f"P{i:03d}", "start": str(dt.date(2026, 12, 1 + i % 25)),
                   "end": str(dt.date(2026, 12, 3 + i % 25))} for i in range(0, staff, 7)],
        "rules": {"max_consecutive_work_days": 6, "max_hours_per_week": 40, "forbidden_sequences": [["E", "D"]]},
        "fairness": {"nights": 5, "weekends": 3},
    }, "generated")


def test_200_staff_month_shows_progress_and_stops_with_best() -> None:
    sc = big_month(200)
    job = start_solve(sc, time_limit=300, workers=2)
    # the page polls the job; the polling must never block while the solver works
    polls, deadline = 0, time.monotonic() + 240
    while not job.progress and not job.done and time.monotonic() < deadline:
        t0 = time.perf_counter()
        _ = (job.latest, job.elapsed, job.running)
        assert time.perf_counter() - t0 < 0.05
        polls += 1
        time.sleep(0.2)
    assert job.progress, "a first roster was reported while solving"
    first = job.progress[0]
    assert job.running, "still improving when asked to stop"
    t_stop = time.perf_counter()
    job.request_stop()
    assert job.wait(30)
    assert time.perf_counter() - t_stop < 30
    assert job.result is not None and job.result.feasible
    assert job.result.objective <= first.objective
    # the stopped roster's exact cost: never above the last objective the search reported
    assert job.result.objective <= job.progress[-1].objective + 1e-6
    assert len({a.staff for a in job.result.roster}) > 150
    assert polls > 0
