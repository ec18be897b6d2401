"""Crews kept together: feasible, infeasible and exact-penalty cases; a crew as a rotation's unit.
``run`` checks solver cost = validator cost on every roster it returns."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.model.parse import ScenarioError
from roster.model.rule_names import Rule
from roster.validate import validate
from tests.conftest import roster_of, run, tiny

CREW = [{"id": "A", "roles": ["agent"], "team": "一班"}, {"id": "B", "roles": ["agent"], "team": "一班"},
        {"id": "C", "roles": ["agent"], "team": "二班"}]
SPLIT = [{"shift": "D", "role": "agent", "min": 1, "max": 1, "days": ["mon", "tue"]},
         {"shift": "N", "role": "agent", "min": 1, "max": 1, "days": ["mon", "tue"]}]
"""Monday and Tuesday need one on D and one on N: two people must split."""


def test_a_crew_works_one_shift_when_it_can() -> None:
    sc = tiny(staff=CREW, teams=[{"id": "一班", "together": True}],
              demand=[{"shift": "D", "role": "agent", "max": 2}, {"shift": "N", "role": "agent", "max": 2},
                      {"shift": "D", "role": "agent", "min": 1, "max": 2, "days": ["wed"]},
                      {"shift": "N", "role": "agent", "min": 1, "max": 1, "days": ["wed"]}],
              requests=[{"staff": "A", "date": "2026-12-09", "shift": "N", "weight": 1},
                        {"staff": "B", "date": "2026-12-09", "shift": "D", "weight": 5}])
    r = run(sc)
    assert r.status == "OPTIMAL"
    wed = {a.staff: a.shift for a in r.roster if a.date == dt.date(2026, 12, 9)}
    assert wed.get("A") == wed.get("B") == "D" and wed.get("C") == "N"  # A gives up the wish
    assert r.objective == 1


def test_a_hard_crew_that_must_split_is_infeasible() -> None:
    sc = tiny(staff=CREW[:2], teams=[{"id": "一班", "together": True}], demand=SPLIT)
    assert run(sc).status == "INFEASIBLE"
    apart = tiny(staff=CREW[:2], teams=[{"id": "一班", "together": False}], demand=SPLIT)
    assert run(apart).status == "OPTIMAL"


def test_a_soft_crew_costs_its_weight_per_member_off_the_crews_shift() -> None:
    sc = tiny(staff=CREW[:2], teams=[{"id": "一班", "together": True, "weight": 5}], demand=SPLIT)
    r = run(sc)
    assert r.status == "OPTIMAL" and r.terms[Rule.TOGETHER] == 10  # one member on each of two days


def test_the_validator_counts_members_off_the_shift_most_of_the_crew_works() -> None:
    three = [{**p, "team": "一班"} for p in CREW]
    soft = tiny(staff=three, teams=[{"id": "一班", "together": True, "weight": 4}])
    roster = roster_of(("2026-12-07", "A", "D", None), ("2026-12-07", "B", "D", None), ("2026-12-07", "C", "N", None),
                       ("2026-12-08", "A", "D", None), ("2026-12-08", "C", "D", None),
                       ("2026-12-09", "A", "D", None), ("2026-12-09", "B", "N", None))
    report = validate(soft, roster)
    together = [v for v in report.violations if v.rule == Rule.TOGETHER]
    assert [(v.date.day, v.cost) for v in together] == [(7, 4), (9, 4)]
    assert together[0].text == "crew 一班 2026-12-07: members on 2 shifts (D: A B, N: C)"
    hard = tiny(staff=three, teams=[{"id": "一班", "together": True}])
    assert len([v for v in validate(hard, roster).hard if v.rule == Rule.TOGETHER]) == 2


def test_a_crew_follows_a_rotation_together() -> None:
    cycle = ["D", "D", "off", "N", "N", "off", "off"]
    sc = tiny(staff=CREW, teams=[{"id": "一班", "together": True}],
              rotations=[{"id": "R", "pattern": cycle, "team": "一班", "offset": 1}],
              demand=[{"shift": "D", "role": "agent", "max": 3}, {"shift": "N", "role": "agent", "max": 3}])
    r = run(sc)
    assert r.status == "OPTIMAL"
    for who in ("A", "B"):
        got = {a.date.day: a.shift for a in r.roster if a.staff == who}
        assert [got.get(7 + i, "off") for i in range(7)] == cycle[1:] + cycle[:1]
    assert not [a for a in r.roster if a.staff == "C"]


def test_a_team_no_one_belongs_to_is_a_scenario_error() -> None:
    with pytest.raises(ScenarioError) as err:
        tiny(staff=CREW, teams=[{"id": "三班", "together": True}])
    assert err.value.field == "teams[0].id" and "no staff entry has team '三班'" in err.value.message


def test_both_judges_agree_on_a_split_crew() -> None:
    from tests.verify import verify

    three = [{**p, "team": "一班"} for p in CREW]
    open_seats = [{"shift": "D", "role": "agent", "max": 3}, {"shift": "N", "role": "agent", "max": 3}]
    split = roster_of(("2026-12-07", "A", "D", "agent"), ("2026-12-07", "B", "D", "agent"),
                      ("2026-12-07", "C", "N", "agent"), ("2026-12-09", "A", "D", "agent"),
                      ("2026-12-09", "B", "N", "agent"))
    soft = tiny(staff=three, teams=[{"id": "一班", "together": True, "weight": 4}], demand=open_seats)
    verify(Rule.CREWS).given(soft, split).costs(8)
    hard = tiny(staff=three, teams=[{"id": "一班", "together": True}], demand=open_seats)
    verify(Rule.CREWS).given(hard, split).breaks("crew 一班 2026-12-07: members on 2 shifts (D: A B, N: C)",
                                                 "crew 一班 2026-12-09: members on 2 shifts (D: A, N: B)")


def test_explain_names_the_crew_and_offers_to_let_it_split() -> None:
    from roster.solver.explain import explain

    sc = tiny(staff=CREW[:2], teams=[{"id": "一班", "together": True}], demand=SPLIT)
    expl = explain(sc, time_limit=20)
    assert "crew 一班: one shift on 2026-12-07" in expl.reasons
    assert [r.description for r in expl.repairs] == ["crew 一班: may split at a cost of 100 a member and day"]
    assert "班组 一班 2026-12-07 同班" in explain(sc, lang="zh", time_limit=20).reasons
