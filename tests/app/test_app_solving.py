"""The background solve: progress arrives while it runs, stop returns the best roster so far."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from roster.app.solving import SolveJob, start_solve
from roster.io.load import load_scenario
from roster.model.parse import scenario_from_dict
from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.validate import validate
from tests.conftest import SCENARIOS


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
    # the page polls the job while the solver works: plain reads, no lock the solver holds
    polls, deadline = 0, time.monotonic() + 240
    while not job.progress and not job.done and time.monotonic() < deadline:
        _ = (job.latest, job.elapsed, job.running)
        polls += 1
        time.sleep(0.2)
    assert job.progress, "a first roster was reported while solving"
    first = job.progress[0]
    assert job.running, "still improving when asked to stop"
    job.request_stop()
    assert job.wait(60), "the solve did not end on the stop (its limit is five minutes)"
    assert job.result is not None and job.result.feasible
    assert job.result.objective <= first.objective
    # the stopped roster's exact cost: never above the last objective the search reported
    assert job.result.objective <= job.progress[-1].objective + 1e-6
    report = validate(sc, job.result.roster)  # a whole roster: every hard seat filled, no hard rule broken
    assert report.ok, report.hard[:3]
    assert report.cost == job.result.objective
    assert polls > 0


def test_stable_resolve_changes_few_cells(small_yaml: Path) -> None:
    """After a pin, solving again from the roster moves the pinned cell and few others."""
    import datetime as dt

    from roster.app.solving import stable_resolve
    from roster.model.scenario import Fixed
    from roster.solver import SolveOptions, solve

    sc = load_scenario(small_yaml)
    first = solve(sc, SolveOptions(time_limit=10, workers=2))
    day = dt.date(2026, 12, 10)
    want = "E" if first.roster.cell("A1", day) == "D" else "D"
    pinned = sc.model_copy(update={"fixed": (Fixed(staff="A1", date=day, shift=want),)})
    again = stable_resolve(pinned, first.roster, time_limit=10, workers=2)
    assert again.feasible and again.roster.cell("A1", day) == want
    changed = first.roster.diff(again.roster)
    assert len(changed) <= 4, changed  # the pin, the shift it swaps with, and the rest after it
    assert again.stats["changed_cells"] == len(changed)


def test_a_stable_resolve_without_a_roster_ends_without_an_explanation(small_yaml: Path, monkeypatch) -> None:
    """No roster keeps the pins: the re-solve returns at once, without the explanation search that
    would run past the time limit (the page has its own Explain why)."""
    import datetime as dt

    import roster.services.change as change
    from roster.app.solving import stable_resolve
    from roster.model.scenario import Fixed
    from roster.solver import SolveOptions, solve

    sc = load_scenario(small_yaml)
    first = solve(sc, SolveOptions(time_limit=10, workers=2))
    asked: list[str] = []
    monkeypatch.setattr(change, "why_infeasible", lambda *a, **k: asked.append("explain") or ["why"])
    day = dt.date(2026, 12, 10)
    on_leave = sc.model_copy(update={"fixed": (Fixed(staff="A4", date=dt.date(2026, 12, 8), shift="D"),
                                               Fixed(staff="A1", date=day, shift="D"),
                                               Fixed(staff="A1", date=day + dt.timedelta(days=1), shift="D"))})
    again = stable_resolve(on_leave, first.roster, time_limit=5, workers=2)
    assert not again.feasible
    assert asked == []
    out = change.repair(on_leave, first.roster, [], sc.horizon.start, time_limit=5, workers=2)
    assert asked == ["explain"] and out.reasons == ["why"]  # the command line still explains


@pytest.mark.slow
def test_a_thousand_staff_centre_shows_a_roster_and_keeps_it_on_stop() -> None:
    from roster.bench.scale import make_centre
    from roster.validate import validate

    sc = make_centre(1000)
    job = SolveJob(sc, time_limit=300, workers=2).start()
    deadline = time.perf_counter() + 240
    while not job.progress and job.running and time.perf_counter() < deadline:
        time.sleep(0.5)
    assert job.progress, "no roster reported"
    job.stop.set()
    job.thread.join(120)
    assert job.result is not None and job.result.feasible
    assert job.result.objective <= job.progress[0].objective
    assert validate(sc, job.result.roster).hard == []


def test_stop_ends_an_explanation_and_a_comparison_early() -> None:
    """The page's Stop reaches explain's checks and compare's solves: both return at once."""
    from roster.app.solving import ExplainJob, TaskJob
    from roster.services.whatif import compare

    sc = load_scenario(SCENARIOS / "callcenter_95598.yaml")
    tight = sc.model_copy(update={"demand": tuple(  # nine agents on every early shift: no roster
        d.model_copy(update={"min": 9, "max": 9}) if (d.shift, d.role) == ("D", "agent") else d for d in sc.demand)})
    job = ExplainJob(tight, time_limit=1200, workers=1)
    job.stop.set()
    job.start()
    assert job.wait(120), "the explanation did not end on the stop (its limit is twenty minutes)"
    assert job.error is None and job.explanation is not None and not job.explanation.feasible
    task = TaskJob(compare, (sc, sc), {"time_limit": 1200, "workers": 1}, passes_stop=True)
    task.stop.set()
    task.start()
    assert task.wait(120), "the comparison did not end on the stop (its limit is twenty minutes)"
    assert task.error is None


def test_a_solve_is_told_to_stop_at_its_time_limit(monkeypatch, small_yaml) -> None:
    """The job's own deadline sets the stop event at the time limit, so a search that overruns
    its limit still ends there with its best roster (no wall-clock assert: the fake search waits
    for the event, up to a minute)."""
    import threading

    from roster.app import solving
    from roster.solver import Result

    seen: dict[str, bool] = {}

    def overrunning(scenario, options, hint=None, on_progress=None, stop: threading.Event | None = None):
        seen["stopped"] = stop.wait(60)
        return Result(status="FEASIBLE", roster=Roster(), seconds=options.time_limit)

    monkeypatch.setattr(solving, "solve", overrunning)
    job = solving.start_solve(load_scenario(small_yaml), time_limit=0.2, workers=1)
    assert job.wait(90)
    assert seen["stopped"] and job.result is not None and job.error is None


def _first_roster(small_yaml: Path) -> tuple[Scenario, Roster]:
    from roster.solver import SolveOptions, solve

    sc = load_scenario(small_yaml)
    first = solve(sc, SolveOptions(time_limit=10, workers=2))
    assert first.feasible
    return sc, first.roster


def test_a_resolve_still_searching_at_its_deadline_returns_the_roster_with_the_pins(small_yaml, monkeypatch) -> None:
    """A re-solve whose search has not returned by the deadline (a model still being built on a busy
    machine) hands over the roster before with the pin applied, which keeps every hard rule, and
    says so (the fake search returns only once the test releases it, so the job cannot wait for it)."""
    import threading

    from roster.app import solving
    from roster.model.scenario import Fixed

    sc, roster = _first_roster(small_yaml)
    release = threading.Event()
    told: list[threading.Event] = []
    monkeypatch.setattr(solving, "repair", lambda *a, stop, **k: told.append(stop) or release.wait(120))
    # a pinned day off that leaves every seat filled: the start keeps the hard rules
    pick = next((a.staff, a.date) for a in roster
                if validate(sc, Roster.of(b for b in roster if b != a)).ok)
    pinned = sc.model_copy(update={"fixed": (Fixed(staff=pick[0], date=pick[1], off=True),)})
    job = SolveJob(pinned, time_limit=0.2, workers=1, hint=roster, stable=True).start()
    try:
        assert job.wait(60), "the job waited for the search past its deadline"
    finally:
        release.set()
    result = job.result
    assert job.error is None and result.feasible and result.stats["from_pins"]
    assert result.roster.cell(*pick) is None
    assert roster.diff(result.roster) == [(pick[0], pick[1], roster.cell(*pick), None)]
    assert result.stats["changed_cells"] == 1
    assert validate(pinned, result.roster).ok
    assert told and told[0].is_set(), "the search left running is told to stop"


def test_a_resolve_without_a_roster_keeps_the_one_on_screen(small_yaml, monkeypatch) -> None:
    """The search returns no roster in its time and the pin breaks a hard rule in the roster before
    (a shift on a leave day): the page keeps its roster and says why, instead of dropping it."""
    import types

    from roster.app import solving
    from roster.app import state as S

    ss: dict = {}
    S.init(ss)
    S.open_file(ss, small_yaml)
    job = S.begin_solve(ss, 10, 2)
    assert job.wait(60)
    S.collect(ss)
    shown = ss["result"]
    assert shown.feasible
    assert S.pin(ss, "A4", dt.date(2026, 12, 8), "D") is None  # A4 is on leave that day
    monkeypatch.setattr(solving, "repair", lambda *a, **k: types.SimpleNamespace(
        status="UNKNOWN", roster=Roster(), seconds=1.0, terms={}, feasible=False))
    job = S.begin_solve(ss, 5, 1, stable=True)
    assert job.stable and job.wait(60)
    assert not job.result.feasible and job.result.status == "UNKNOWN"
    assert S.collect(ss)
    assert ss["result"] is shown, "the roster on screen stays"
    assert ss["notice"][0] == "resolve_kept" and ss["notice"][1]["status"] == "UNKNOWN"


def test_a_stop_during_a_resolve_hands_over_at_once(small_yaml, monkeypatch) -> None:
    """Stop pressed while the re-solve's search cannot look at it (a model being built): the job
    ends with the roster with the pin applied, not at its time limit (an hour here)."""
    import threading

    from roster.app import solving
    from roster.model.scenario import Fixed

    sc, roster = _first_roster(small_yaml)
    release = threading.Event()
    monkeypatch.setattr(solving, "repair", lambda *a, **k: release.wait(120))
    pick = next((a.staff, a.date) for a in roster if validate(sc, Roster.of(b for b in roster if b != a)).ok)
    pinned = sc.model_copy(update={"fixed": (Fixed(staff=pick[0], date=pick[1], off=True),)})
    job = SolveJob(pinned, time_limit=3600, workers=1, hint=roster, stable=True).start()
    job.request_stop()
    try:
        assert job.wait(60), "the job waited for the search after the stop"
    finally:
        release.set()
    assert job.result.feasible and job.result.stats["from_pins"] and job.result.roster.cell(*pick) is None


def test_a_solve_from_scratch_without_a_roster_keeps_the_one_on_screen(small_yaml, monkeypatch) -> None:
    """*Solve from scratch* that ends with no roster in its time (a fake search) keeps the roster on
    screen too; one that proves there is none does not (the page then explains why)."""
    from roster.app import solving
    from roster.app import state as S
    from roster.solver import Result

    ss: dict = {}
    S.init(ss)
    S.open_file(ss, small_yaml)
    assert S.begin_solve(ss, 10, 2).wait(60)
    S.collect(ss)
    shown = ss["result"]
    assert shown.feasible
    for status in ("UNKNOWN", "INFEASIBLE"):
        monkeypatch.setattr(solving, "solve", lambda *a, s=status, **k: Result(status=s, roster=Roster(), seconds=1.0))
        job = S.begin_solve(ss, 5, 1, stable=False)
        assert not job.stable and job.wait(60) and S.collect(ss)
        if status == "UNKNOWN":
            assert ss["result"] is shown and ss["notice"][0] == "resolve_kept"
    assert ss["result"].status == "INFEASIBLE"


def test_a_resolve_dropped_at_its_deadline_tells_its_search_to_stop(small_yaml, monkeypatch) -> None:
    """No timer has set the stop (one late on a busy machine): handing over at the deadline sets it,
    so the search left behind ends as soon as it looks."""
    import threading

    from roster.app import solving
    from roster.model.scenario import Fixed

    sc, roster = _first_roster(small_yaml)
    release, stop = threading.Event(), threading.Event()
    monkeypatch.setattr(solving, "repair", lambda *a, **k: release.wait(120))
    pick = next((a.staff, a.date) for a in roster if validate(sc, Roster.of(b for b in roster if b != a)).ok)
    pinned = sc.model_copy(update={"fixed": (Fixed(staff=pick[0], date=pick[1], off=True),)})
    try:
        result = solving.stable_resolve(pinned, roster, 3600, 1, stop=stop, deadline=time.perf_counter() + 0.2)
    finally:
        release.set()
    assert result.stats["from_pins"] and stop.is_set()
