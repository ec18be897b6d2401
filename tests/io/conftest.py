"""The 95598 scenario solved once per test session (shared by pytest-xdist workers through a
file next to their temporary folders), for the export round trips."""

from __future__ import annotations

import fcntl
import json

import pytest

from roster.io.load import load_scenario
from roster.io.roster_csv import read_roster_csv, write_roster_csv
from roster.solver import SolveOptions, solve
from roster.validate import validate
from tests.conftest import SCENARIOS

WORK = 5.0
"""Deterministic seconds of the 95598 solve (about 25 wall-clock seconds on two busy cores)."""


@pytest.fixture(scope="session")
def call_centre(tmp_path_factory, worker_id):
    """(scenario, roster) of the 95598 centre: a solver roster with no hard violation."""
    scenario = load_scenario(SCENARIOS / "callcenter_95598.yaml")
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    saved, status_file = shared / "callcenter_95598_roster.csv", shared / "callcenter_95598_status.json"
    with open(shared / "callcenter_95598.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not status_file.exists():  # a repeatable solve: its end does not depend on the machine's load
            result = solve(scenario, SolveOptions(time_limit=600, deterministic_time=WORK, workers=2, seed=0))
            if result.feasible:
                write_roster_csv(result.roster, saved)
            status_file.write_text(json.dumps({"status": result.status}), encoding="utf-8")
    status = json.loads(status_file.read_text(encoding="utf-8"))["status"]
    assert saved.exists(), f"the solver found no 95598 roster in {WORK:g} deterministic seconds (status {status})"
    roster = read_roster_csv(saved)
    assert validate(scenario, roster).hard == []
    return scenario, roster
