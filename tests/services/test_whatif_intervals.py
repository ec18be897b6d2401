"""What-if for per-interval demand: a higher forecast on chosen days, the Erlang lower bound on
people, the headcount search for the service level on every interval, and start windows compared.
The searches run against a stand-in solve that places people by a fixed rule, so the answer is
known; a real solve of the small centre checks the plumbing once."""

from __future__ import annotations

import math

import pytest

from roster.cli.whatif import parse_window
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster
from roster.reports.intervals import achieved
from roster.services.whatif_intervals import (
    compare_starts,
    fewest_people,
    needs_by_day,
    scaled_forecast,
    service_level_headcount,
    with_start_window,
)
from roster.solver.solve import Result
from tests.interval_case import DAY, centre


def everyone_at_the_first_start(scenario, options=None, **_):
    """A stand-in solve: every agent works the template's earliest start, break at 12:00."""
    first = min((s for s in scenario.shifts if s.template == "D"), key=lambda s: s.start_minute)
    roster = Roster.of(Assignment(DAY, p.id, first.id, "agent", None, "12:00") for p in scenario.staff)
    return Result("FEASIBLE", roster, 0.0, None, None, 0.0, {})


def test_a_higher_forecast_on_chosen_days_only():
    sc = centre(rows=[{"interval": "08:00", "calls": 10}, {"interval": "08:30", "agents": 3}])
    up = scaled_forecast(sc, 1.5, "tue")
    rows = {r.interval: r for r in up.demand[0].per_interval if r.date == DAY}
    assert (rows["08:00"].calls, rows["08:30"].agents) == (15, 5)  # agents round up: 4.5 → 5
    assert scaled_forecast(sc, 1.5, "mon").demand[0].per_interval == sc.demand[0].per_interval
    table = needs_by_day(sc, up)
    agents_before = {"08:00": achieved_need(10), "08:30": 3}
    agents_after = {"08:00": achieved_need(15), "08:30": 5}
    (row,) = table.to_dict("records")
    assert row["agent_hours"] == sum(agents_before.values()) / 2
    assert row["agent_hours_new"] == sum(agents_after.values()) / 2
    assert row["extra_peak"] == max(agents_after.values()) - max(agents_before.values())


def achieved_need(calls: float) -> int:
    """Fewest agents reaching 80 % in 20 s for 5-minute calls, by walking up achieved()."""
    n = 1
    while (achieved(calls, 300, 20, n).service_level or 0) < 0.8:
        n += 1
    return n


def test_a_bad_scale_or_day_is_a_clear_error():
    with pytest.raises(ScenarioError, match="above 0"):
        scaled_forecast(centre(), 0)
    with pytest.raises(ScenarioError) as err:
        scaled_forecast(centre(), 1.1, "monday-ish")
    assert err.value.field.startswith("--days")
    with pytest.raises(ScenarioError, match="no per-interval demand line for this role"):
        scaled_forecast(centre(), 1.1, role="lead")


def test_fewest_people_from_the_hours_the_intervals_need():
    rows = [{"interval": f"{h:02d}:{m:02d}", "agents": 4} for h in range(8, 16) for m in (0, 30)]
    sc = centre(rows=rows)  # 4 agents for 8 hours = 32 agent-hours; one person may give 40 h / 7 in a day
    assert fewest_people(sc, "agent") == math.ceil(32 / (40 / 7))


def test_headcount_search_finds_the_fewest_that_reach_every_interval():
    sc = centre(rows=[{"interval": "08:00", "agents": 3}])
    answer = service_level_headcount(sc, "agent", solve_fn=everyone_at_the_first_start)
    assert answer.people == 3 and answer.current == 4 and answer.bound == 1
    assert [(t.label, t.reached) for t in answer.tries] == [("1", False), ("2", False), ("3", True), ("4", True)]
    assert list(answer.to_frame()["below target"]) == [1, 1, 0, 0]


def test_headcount_search_for_the_service_level_on_calls():
    sc = centre(rows=[{"interval": "08:00", "calls": 30}, {"interval": "09:00", "calls": 24}])
    answer = service_level_headcount(sc, "agent", high=20, solve_fn=everyone_at_the_first_start)
    # everyone is on the floor in both intervals, so the busier one decides
    assert answer.people == achieved_need(30)
    assert {t.label: t.reached for t in answer.tries}[str(answer.people - 1)] is False
    fewer, enough = achieved(30, 300, 20, answer.people - 1), achieved(30, 300, 20, answer.people)
    assert fewer.service_level < 0.8 <= enough.service_level


def test_start_windows_compared():
    sc = centre(rows=[{"interval": "07:00", "agents": 2}, {"interval": "09:00", "agents": 2}])
    table = compare_starts(sc, [[parse_window("D=08:00-09:00")]], solve_fn=everyone_at_the_first_start)
    assert list(table["start windows"]) == ["as is", "D=08:00-09:00"]
    assert list(table["start times"]) == [5, 3]
    # opening at 07:00 covers both intervals; starting at 08:00 leaves 07:00 empty
    assert list(table["intervals short"]) == [0, 1]


def test_start_window_errors_name_the_template():
    with pytest.raises(ValueError):
        parse_window("D=0700")
    with pytest.raises(ScenarioError, match="unknown shift template"):
        with_start_window(centre(), "X", "07:00", "08:00")
    with pytest.raises(ScenarioError) as err:  # a 60-minute break no longer fits inside the shift
        with_start_window(centre(), "D", "13:00", "13:30")
    assert "D=13:00-13:30" in str(err.value)


def test_a_real_solve_of_the_small_centre_is_measured():
    table = compare_starts(centre(), [], time_limit=5, workers=1)
    assert table.loc[0, "status"] in ("OPTIMAL", "FEASIBLE") and table.loc[0, "start times"] == 5


def test_cli_forecast_lists_the_changed_days():
    from typer.testing import CliRunner

    from roster.cli import app
    from tests.conftest import SCENARIOS

    path = str(SCENARIOS / "callcenter_95598_intervals.yaml")
    out = CliRunner().invoke(app, ["whatif", "forecast", path, "--forecast-scale", "1.1", "--days", "mon",
                                   "--role", "agent"])
    assert out.exit_code == 0, out.output
    dates = [line.split()[0] for line in out.output.splitlines()[1:-1]]
    assert dates == ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]
    assert out.output.splitlines()[-1].startswith("in all: +")
    bad = CliRunner().invoke(app, ["whatif", "service-level", path, "--role", "cook"])
    assert bad.exit_code == 2 and "no per-interval demand line for this role" in bad.output
    bad = CliRunner().invoke(app, ["whatif", "starts", path, "--starts", "D=0630-09:30"])
    assert bad.exit_code == 2 and "not HH:MM" in bad.output
