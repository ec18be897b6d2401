"""The previous roster's tail (``history``): rules hold across the horizon start."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from roster.io.load import dump_scenario, load_scenario, read_history, read_yaml
from roster.io.roster_csv import write_roster_csv
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.services.change import pin_conflicts, why_infeasible
from roster.solver import SolveOptions, solve
from roster.validate import validate
from tests.conftest import BASE, SCENARIOS, merge, roster_of, run, tiny

D = dt.date


def first_roster(scenario, seconds: float = 30.0):
    """The first roster the solver finds (enough where only the hard rules matter)."""
    stop = threading.Event()
    result = solve(scenario, SolveOptions(time_limit=seconds, workers=2, seed=0), stop=stop,
                   on_progress=lambda p: stop.set())
    assert result.feasible, result.status
    return result


def hist(*cells: tuple[str, str, str]) -> list[dict]:
    return [{"date": d, "staff": s, "shift": sh} for d, s, sh in cells]


# ---- loading ------------------------------------------------------------------------
def test_history_from_a_roster_file_next_to_the_scenario(tmp_path):
    (tmp_path / "dec.csv").write_text("date,staff_id,shift,role\n2026-12-06,A,N,agent\n2026-12-05,GONE,D,agent\n",
                                      encoding="utf-8")
    data = merge(BASE, {"history": {"roster": "dec.csv", "days": 7}})
    import yaml

    (tmp_path / "s.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    sc = load_scenario(tmp_path / "s.yaml")
    assert [(w.staff, w.date, w.shift) for w in sc.history.worked] == [("A", D(2026, 12, 6), "N")]
    assert sc.history.first_day(sc.horizon.start) == D(2026, 11, 30)


def test_history_round_trips_through_the_scenario_text():
    sc = tiny(history={"days": 3, "worked": hist(("2026-12-06", "A", "N"))})
    again = scenario_from_dict(read_yaml(dump_scenario(sc)))
    assert again.history == sc.history and again.history.days == 3


def test_history_errors_name_the_field(tmp_path):
    with pytest.raises(ScenarioError) as e:
        tiny(history=hist(("2026-12-07", "A", "D")))
    assert e.value.field == "history.worked[0].date" and "before the horizon start" in e.value.message
    with pytest.raises(ScenarioError) as e:
        tiny(history=hist(("2026-12-06", "A", "X")))
    assert e.value.field == "history.worked[0].shift"
    (tmp_path / "bad.csv").write_text("date,staff_id,shift\n2026-12-06,A,X\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as e:
        read_history(merge(BASE, {"history": {"roster": "bad.csv"}}), "s.yaml", tmp_path)
    assert e.value.file.endswith("bad.csv") and e.value.value == "X"
    with pytest.raises(ScenarioError) as e:
        read_history(merge(BASE, {"history": {"roster": "missing.csv"}}), "s.yaml", tmp_path)
    assert e.value.field == "history.roster" and "not found" in e.value.message


# ---- rest and sequences ---------------------------------------------------------
NIGHT_BEFORE = {"history": hist(("2026-12-06", "A", "N")),
                "rules": {"forbidden_sequences": [["N", "D"]]},
                "demand": [{"shift": "D", "role": "agent", "min": 1, "max": 1}]}


def test_a_night_before_the_horizon_rules_out_the_first_early_shift():
    sc = tiny(**NIGHT_BEFORE)
    result = run(sc)
    assert result.feasible
    assert result.roster.cell("A", D(2026, 12, 7)) is None  # B takes the first D
    bad = roster_of(("2026-12-07", "A", "D", "agent"))
    rules = {v.rule for v in validate(sc, bad).hard}
    assert {"rest", "sequence"} <= rules
    assert not {"rest", "sequence"} & {v.rule for v in validate(tiny(demand=[]), bad).hard}


def test_a_pin_against_the_history_is_infeasible_with_its_reason():
    sc = tiny(**NIGHT_BEFORE, fixed=[{"staff": "A", "date": "2026-12-07", "shift": "D"}])
    assert solve(sc, SolveOptions(time_limit=5, workers=2)).status == "INFEASIBLE"
    reasons = pin_conflicts(sc)
    assert any("A" in r and "history" in r and "rest" in r for r in reasons), reasons
    assert why_infeasible(sc) == reasons


def test_soft_rest_across_the_boundary_costs_the_same_in_solver_and_validator():
    sc = tiny(history=hist(("2026-12-06", "A", "N")), staff=[{"id": "A", "roles": ["agent"]}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1, "days": ["2026-12-07"]}],
              rules={"min_rest_hours": {"value": 12, "weight": 7}})
    result = run(sc)  # run() asserts validator cost == solver objective
    assert result.terms["rest"] == 7


# ---- runs of days -------------------------------------------------------------------
def test_consecutive_days_count_the_history():
    six = hist(*((f"2026-12-0{d}", "A", "D") for d in range(1, 7)))
    sc = tiny(history=six, demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}])
    result = run(sc)
    assert result.roster.cell("A", D(2026, 12, 7)) is None  # a 7th day in a row is not allowed
    bad = roster_of(("2026-12-07", "A", "D", "agent"))
    v = [x for x in validate(sc, bad).violations if x.rule == "max_consecutive"]
    assert len(v) == 1 and "7 days in a row" in v[0].text and v[0].date == D(2026, 12, 1)


def test_soft_consecutive_days_cost_only_the_windows_that_reach_the_horizon():
    # 8 history days in a row, then 2 more: windows of 7 days wholly in the history are the past's
    eight = hist(*((f"2026-11-{d}", "A", "D") for d in range(29, 31)),
                 *((f"2026-12-0{d}", "A", "D") for d in range(1, 7)))
    sc = tiny(history=eight, staff=[{"id": "A", "roles": ["agent"]}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1, "days": ["2026-12-07", "2026-12-08"]}],
              rules={"max_consecutive_work_days": {"value": 6, "weight": 5}})
    result = run(sc)
    assert result.terms["max_consecutive"] == 2 * 5


def test_fewest_days_off_judges_a_run_that_began_in_the_history():
    sc = tiny(history={"days": 3, "worked": hist(("2026-12-04", "A", "D"), ("2026-12-05", "A", "D"))},
              rules={"min_consecutive_days_off": 2},
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}])
    result = run(sc)
    assert result.roster.cell("A", D(2026, 12, 7)) is None  # 12-06 off alone would be one day off
    bad = roster_of(("2026-12-07", "A", "D", "agent"))
    v = [x for x in validate(sc, bad).violations if x.rule == "min_consecutive_off"]
    assert len(v) == 1 and v[0].date == D(2026, 12, 6)


# ---- hours of the week that straddles the start -------------------------------------------
def test_weekly_hours_count_the_history_in_the_straddling_week():
    # horizon from Thursday 12-10; A worked Mon-Wed (24 h) before it; 40 h a week
    start = {"horizon": {"start": "2026-12-10", "end": "2026-12-13"}}
    mon_wed = hist(*((f"2026-12-0{d}", "A", "D") for d in (7, 8, 9)))
    sc = tiny(**start, history=mon_wed, demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}])
    result = run(sc)
    assert sum(1 for a in result.roster if a.staff == "A") <= 2
    bad = roster_of(*((f"2026-12-{d}", "A", "D", "agent") for d in (10, 11, 12)))
    v = [x for x in validate(sc, bad).violations if x.rule == "hours_week"]
    assert len(v) == 1 and "48 h" in v[0].text
    soft = tiny(**start, history=mon_wed, staff=[{"id": "A", "roles": ["agent"]}],
                demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}],
                rules={"max_hours_per_week": {"value": 40, "weight": 1}, "max_consecutive_work_days": 7})
    result = run(soft)
    assert result.terms["hours_week"] == (24 + 32 - 40) * 60


# ---- December → January ----------------------------------------------------------
def test_december_then_january_keeps_rest_and_runs_across_new_year(tmp_path):
    dec = load_scenario(SCENARIOS / "callcenter_95598.yaml").model_copy(update={"fairness": BASE_FAIRNESS})
    december = first_roster(dec).roster
    write_roster_csv(december, tmp_path / "december.csv")
    data = dec.model_dump(mode="json", exclude_defaults=True)
    for key in ("leave", "requests", "fixed"):
        data.pop(key, None)
    data["horizon"] = {"start": "2027-01-01", "end": "2027-01-31"}
    # chinese-calendar has no 2027 data: list New Year's Day by hand
    data["holidays"] = {"country": "none", "add": ["2027-01-01"]}
    data["rules"]["max_weekends_per_month"] = 4  # January 2027 has five weekends
    data["staff"].append({"id": "S12", "name": "new lead", "roles": ["lead"], "cannot": ["N"]})
    data["history"] = {"roster": "december.csv", "days": 14}
    import yaml

    (tmp_path / "january.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    jan = load_scenario(tmp_path / "january.yaml")
    assert len(jan.history.worked) == len(december)
    result = first_roster(jan)
    january = result.roster
    report = validate(jan, january)
    assert report.hard == [], [str(v) for v in report.hard]
    assert report.cost == round(result.objective), (report.costs(), result.terms)

    # an independent look across 12-31 / 01-01
    both = {(a.staff, a.date): a.shift for a in [*december, *january]}
    shifts = jan.shift_by_id
    for person in jan.staff:
        rules = jan.rules_for(person.id)
        days = [D(2026, 12, 18) + dt.timedelta(days=i) for i in range(14 + 14)]
        run_length = 0
        for day in days:
            run_length = run_length + 1 if (person.id, day) in both else 0
            assert run_length <= rules.max_consecutive_work_days, (person.id, day)
        for day in days[:-1]:
            a, b = both.get((person.id, day)), both.get((person.id, day + dt.timedelta(days=1)))
            if a and b:
                rest = 24 * 60 + shifts[b].start_minute - shifts[a].end_minute
                assert rest >= 12 * 60, (person.id, day, a, b)
                assert (a, b) not in {("N", "D"), ("N", "E")}, (person.id, day)


BASE_FAIRNESS = load_scenario(SCENARIOS / "callcenter_95598.yaml").fairness.model_copy(
    update={"nights": 0, "weekends": 0, "holidays": 0, "hours": 0})


# ---- weekends per month ------------------------------------------------------------
def test_weekends_worked_in_the_history_count_towards_the_month():
    start = {"horizon": {"start": "2026-12-14", "end": "2026-12-27"}}
    two = hist(("2026-12-05", "A", "D"), ("2026-12-13", "A", "D"))
    sc = tiny(**start, history=two, rules={"max_weekends_per_month": 2},
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}])
    result = run(sc)
    assert not [a for a in result.roster if a.staff == "A" and a.date.weekday() >= 5]
    bad = roster_of(("2026-12-19", "A", "D", "agent"))
    v = [x for x in validate(sc, bad).violations if x.rule == "weekends"]
    assert len(v) == 1 and "3 weekends in 2026-12" in v[0].text


def test_a_weekend_that_straddles_the_start_counts_once():
    # horizon from Sunday 12-13: Saturday 12-12 is in the history, Sunday in the horizon
    sc = tiny(horizon={"start": "2026-12-13", "end": "2026-12-20"}, staff=[{"id": "A", "roles": ["agent"]}],
              history=hist(("2026-12-05", "A", "D"), ("2026-12-12", "A", "D")),
              rules={"max_weekends_per_month": {"value": 2, "weight": 9}},
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1, "days": ["2026-12-13", "2026-12-19"]}])
    result = run(sc)
    assert result.terms["weekends"] == 9  # 12-05, 12-12/13 and 12-19: one weekend too many
