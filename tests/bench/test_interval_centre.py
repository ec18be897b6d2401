"""The generated interval centre: its shape, the search on it, and the interval-cost bound."""

from __future__ import annotations

from typer.testing import CliRunner

from roster.bench.intervals import interval_bound, make_interval_centre, measure
from roster.cli import app
from roster.model.calendar import Calendar
from roster.model.scenario import Fairness
from roster.solver import SolveOptions, solve
from roster.solver.search.construct import Search
from roster.validate import validate


def test_the_centre_has_two_templates_of_seven_starts_and_a_weekday_curve():
    sc = make_interval_centre(20)
    assert sc == make_interval_centre(20)
    assert [s.id for s in sc.shifts][:3] == ["E0700", "E0730", "E0800"] and len(sc.shifts) == 14
    assert all(s.break_rule is not None and s.break_starts for s in sc.shifts)
    rows = sc.demand[0].per_interval
    monday = {r.interval: r.agents for r in rows if r.weekday == "mon"}
    sunday = {r.interval: r.agents for r in rows if r.weekday == "sun"}
    assert monday["10:00"] > monday["12:30"] < monday["15:00"] > monday["23:30"]  # two peaks
    assert sum(sunday.values()) < sum(monday.values())
    assert any(r.date is not None for r in rows)  # National Day has rows of its own


def test_the_searchs_roster_costs_what_the_validator_says_and_no_less_than_the_bound():
    sc = make_interval_centre(12)
    cal = Calendar(sc)
    search = Search(sc, cal, seed=1)
    assert search.construct()
    search.improve(2.0, sweeps=1)
    report = validate(sc, search.roster(), cal)
    assert report.hard == [] and report.cost == search.cost()
    terms = report.costs()
    assert terms.get("interval_shortfall", 0) + terms.get("interval_over", 0) >= interval_bound(sc) - 1e-6


def test_measure_reports_first_roster_and_validator_cost():
    row = measure("engine", 12, time_limit=10)
    assert row["status"] == "FEASIBLE" and row["hard"] == 0 and row["first_s"] is not None
    assert row["validator"] == round(row["objective"])


def test_auto_builds_interval_centres_by_construction_without_groups_or_the_column_bound():
    # 30 agents × 31 days × 14 starts = 13,020 cells and no fair shares: a seat centre this size
    # would start with the group search
    sc = make_interval_centre(30).model_copy(update={"fairness": Fairness()})
    result = solve(sc, SolveOptions(time_limit=8, workers=2))
    assert result.feasible
    assert "construct_seconds" in result.stats
    assert "group_seconds" not in result.stats and "colgen" not in result.stats
    assert all(a.break_at is not None for a in result.roster)


def test_bench_intervals_sets_engine_and_peer_side_by_side():
    res = CliRunner().invoke(app, ["bench", "intervals", "--sizes", "12", "--time-limit", "4"])
    assert res.exit_code == 0, res.output
    table = [ln for ln in res.output.splitlines() if ln.startswith("| 12 |")]
    assert [ln.split(" | ")[1] for ln in table] == ["engine", "peer"]
    engine, peer = ([c.strip() for c in ln.strip("|").split("|")] for ln in table)
    assert engine[3] == "FEASIBLE" and engine[9] == "0"
    # a loaded machine may leave the peer without a roster in 4 s; when it has one, no rule is broken
    assert peer[3] in ("FEASIBLE", "UNKNOWN") and peer[9] in ("0", "-")
    assert float(engine[10].replace(",", "")) > 0 and float(peer[10].replace(",", "")) > 0
    assert "LP bound on the interval cost" in res.output


def test_bench_intervals_names_an_unknown_solver():
    res = CliRunner().invoke(app, ["bench", "intervals", "--sizes", "12", "--who", "engine,fastest"])
    assert res.exit_code != 0
    assert "--who" in res.output and "fastest" in res.output and "Traceback" not in res.output


def test_a_thin_night_and_the_floor_figures():
    import datetime as dt

    from roster.bench.intervals import floor_figures
    from roster.model.roster import Assignment, Roster

    sc = make_interval_centre(12, night=3)
    night = sc.shift_by_id["N"]
    assert night.break_starts[0] == 25 * 60 and night.break_rule.minutes == 60
    day = dt.date(2026, 10, 5)
    together = Roster.of(Assignment(day, f"A000{i}", "N", "agent", break_at="01:00") for i in range(1, 4))
    spread = Roster.of(Assignment(day, f"A000{i}", "N", "agent", break_at=t)
                       for i, t in zip(range(1, 4), ("01:00", "02:00", "03:00"), strict=True))
    lumped, staggered = floor_figures(sc, together), floor_figures(sc, spread)
    assert lumped["empty"] == lumped["night_empty"] == 2  # 01:00 and 01:30 of 6 October: all three away
    assert staggered["empty"] == 0
    assert 0 < lumped["service_level"] < 0.01 and 0 < staggered["service_level"] < 0.01  # 3 people, a month
