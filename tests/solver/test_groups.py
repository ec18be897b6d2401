"""The group search: a few people at a time, with everyone else's seats counted in."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings

from roster.model.calendar import Calendar
from roster.model.parse import scenario_from_dict
from roster.solver import SolveOptions, solve
from roster.solver.groups import GroupSearch, for_staff
from roster.validate import validate
from tests.test_properties import scenarios

START = dt.date(2026, 11, 2)  # a Monday


def centre(staff: int = 8, **extra) -> dict:
    data = {
        "name": "small centre", "horizon": {"start": str(START), "end": str(START + dt.timedelta(days=13))},
        "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}, {"id": "N", "start": "20:00", "end": "08:00"}],
        "staff": [{"id": f"S{i:02d}", "roles": ["lead" if i < 2 else "agent"]} for i in range(staff)],
        "demand": [{"shift": "D", "role": "agent", "min": {"value": 3, "weight": 100}, "max": 4},
                   {"shift": "N", "role": "agent", "min": {"value": 2, "weight": 100}, "max": 2},
                   {"shift": "D", "role": "lead", "min": {"value": 1, "weight": 100}}],
        "requests": [{"staff": "S03", "date": str(START + dt.timedelta(days=2)), "off": True, "weight": 7},
                     {"staff": "S04", "date": str(START + dt.timedelta(days=5)), "shift": "N", "weight": 5}],
        "rules": {"min_rest_hours": 11, "max_consecutive_work_days": 5, "max_hours_per_week": 40,
                  "min_consecutive_days_off": {"value": 2, "weight": 3}, "forbidden_sequences": [["N", "D"]]},
    }
    data.update(extra)
    return data


def whole_cost_without_fairness(scenario, roster) -> int:
    report = validate(scenario, roster)
    assert report.hard == [], [str(v) for v in report.hard]
    return sum(v for k, v in report.costs().items() if not k.startswith("fairness"))


def test_group_costs_add_up_to_the_whole_rosters_cost() -> None:
    """Each one-person model counts every seat; the people's own terms add up, seats once."""
    scenario = scenario_from_dict(centre(), "centre.yaml")
    roster = solve(scenario, SolveOptions(time_limit=10, workers=2, strategy="whole")).roster
    search = GroupSearch(scenario, Calendar(scenario))
    search.load(roster)
    ids = [p.id for p in scenario.staff]
    singles = [search.cost([sid]) for sid in ids]
    empty = search.cost([])
    assert None not in singles and empty is not None
    assert search.cost([], seconds=5) == empty
    nobody = GroupSearch(scenario, Calendar(scenario))  # no one placed: every seat is empty
    assert nobody.cost([]) == 14 * (3 + 2 + 1) * 100
    assert sum(singles) - (len(ids) - 1) * empty == whole_cost_without_fairness(scenario, roster)


def test_a_group_change_is_kept_only_when_it_costs_no_more() -> None:
    scenario = scenario_from_dict(centre(), "centre.yaml")
    search = GroupSearch(scenario, Calendar(scenario), seed=3)
    first = search.run(0.1)  # places everyone, then hardly any time to improve
    assert first is not None and search.placed is not None
    ids = [p.id for p in scenario.staff]

    def whole() -> float:
        return sum(search.cost([sid]) for sid in ids) - (len(ids) - 1) * search.cost([])

    before = whole()
    assert before == whole_cost_without_fairness(scenario, first)
    for k in range(6):
        search.improve([ids[k], ids[k + 2]], 2.0)
        now = whole()
        assert now <= before
        before = now
    assert before == whole_cost_without_fairness(scenario, search.roster())


def test_people_left_out_take_their_leave_requests_and_history_with_them() -> None:
    data = centre(history={"worked": [{"date": str(START - dt.timedelta(days=1)), "staff": "S05", "shift": "N"},
                                      {"date": str(START - dt.timedelta(days=2)), "staff": "S06", "shift": "D"}]},
                  leave=[{"staff": "S05", "type": "annual", "start": str(START), "end": str(START)}])
    scenario = scenario_from_dict(data, "centre.yaml")
    sub = for_staff(scenario, {"S05", "S03"})
    assert [p.id for p in sub.staff] == ["S03", "S05"]
    assert [x.staff for x in sub.leave] == ["S05"] and [x.staff for x in sub.requests] == ["S03"]
    assert [w.staff for w in sub.history.worked] == ["S05"]
    # the tail still covers the same days, though S06's shift two days before is not in it
    assert sub.history.first_day(START) == scenario.history.first_day(START)


def test_groups_strategy_keeps_every_hard_rule_and_reports_the_exact_cost() -> None:
    data = centre(staff=12, fairness={"nights": 2, "weekends": 1})
    scenario = scenario_from_dict(data, "centre.yaml")
    result = solve(scenario, SolveOptions(time_limit=6, workers=2, strategy="groups"))
    assert result.feasible and result.stats["group_solves"] >= 12
    report = validate(scenario, result.roster)
    assert report.hard == []
    assert report.cost == round(result.objective)


def test_unknown_strategy_is_refused() -> None:
    with pytest.raises(ValueError, match="strategy = 'fast'"):
        SolveOptions(strategy="fast")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_group_search_rosters_pass_the_validator(scenario) -> None:
    result = solve(scenario, SolveOptions(time_limit=3, workers=2, seed=0, strategy="groups"))
    if result.feasible:
        report = validate(scenario, result.roster)
        assert report.hard == [], [str(v) for v in report.hard]
        assert report.cost == round(result.objective), (report.costs(), result.terms)


def test_auto_uses_groups_on_large_rosters_without_fair_shares_and_construction_otherwise(monkeypatch) -> None:
    import importlib

    solve_module = importlib.import_module("roster.solver.solve")  # the module, not the function

    monkeypatch.setattr(solve_module, "GROUP_CELLS", 0)  # every roster counts as large here
    plain = scenario_from_dict(centre(), "centre.yaml")
    fair = scenario_from_dict(centre(fairness={"nights": 2}), "centre.yaml")
    for sc, want in ((plain, True), (fair, False)):
        cal = Calendar(sc)
        assert solve_module.by_groups(sc, cal, "auto", None) is want
        assert solve_module.by_groups(sc, cal, "whole", None) is False
        assert solve_module.by_groups(sc, cal, "auto", 5.0) is False  # deterministic limit: one search
        assert solve_module.by_groups(sc, cal, "groups", None) is True
    assert "group_solves" in solve(plain, SolveOptions(time_limit=5, workers=2, strategy="groups")).stats
    # large and weighing no fair shares: the group search; with fair shares: construction first
    plain_stats, fair_stats = (solve(sc, SolveOptions(time_limit=5, workers=2)).stats for sc in (plain, fair))
    assert "group_solves" in plain_stats and "construct_cost" not in plain_stats
    assert "construct_cost" in fair_stats and "group_solves" not in fair_stats
