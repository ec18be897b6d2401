"""Rotation patterns: feasible, infeasible and exact-penalty cases; solver cost = validator cost
(``run`` checks it on every roster); the per-person routine prunes hard cells and prices soft ones."""

from __future__ import annotations

import datetime as dt
import textwrap

import numpy as np
import pytest

from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.model.parse import ScenarioError
from roster.model.rotations import pattern_cells
from roster.model.rule_names import Rule
from roster.solver.explain import explain
from roster.solver.search import construct
from roster.solver.search.person import OFF, Person
from roster.validate import validate
from tests.conftest import roster_of, run, tiny

# Mon 7 .. Sun 13 December 2026; D 08-16, N 22-08 (tiny). D, D, off, N, N, off, off keeps 12 h rest.
CYCLE = ["D", "D", "off", "N", "N", "off", "off"]
DAYS = [dt.date(2026, 12, 7 + i) for i in range(7)]
OPEN = [{"shift": "D", "role": "agent", "max": 2}, {"shift": "N", "role": "agent", "max": 2}]
"""Seats on both shifts (a shift without a seat line is worked by nobody)."""


def cells(result, who: str) -> list[str]:
    got = {a.date: a.shift for a in result.roster if a.staff == who}
    return [got.get(d, "off") for d in DAYS]


def test_a_hard_pattern_is_followed_with_each_offset() -> None:
    sc = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"]},
                         {"id": "S", "pattern": CYCLE, "staff": ["B"], "offset": 3}], demand=OPEN)
    r = run(sc)
    assert r.status == "OPTIMAL"
    assert cells(r, "A") == CYCLE
    assert cells(r, "B") == CYCLE[3:] + CYCLE[:3]
    assert validate(sc, r.roster).costs() == {}


def test_the_anchor_date_moves_the_cycle() -> None:
    sc = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"], "start": "2026-12-09"}], demand=OPEN)
    r = run(sc)
    # 9 December is the pattern's first cell, so 7 December is its sixth (index 5)
    assert cells(r, "A") == CYCLE[5:] + CYCLE[:5]


def test_a_hard_pattern_the_person_cannot_work_is_infeasible_and_explained() -> None:
    sc = tiny(staff=[{"id": "A", "roles": ["agent"], "cannot": ["N"]}, {"id": "B", "roles": ["agent"]}],
              rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"]}], demand=OPEN)
    assert run(sc).status == "INFEASIBLE"
    expl = explain(sc, time_limit=10)
    assert not expl.feasible
    assert any("rotation R" in r for r in expl.reasons), expl.reasons
    assert any(r.description.startswith("rotation R: may be left") for r in expl.repairs)


def test_a_hard_day_off_against_a_hard_seat_is_infeasible() -> None:
    sc = tiny(rotations=[{"id": "R", "pattern": ["off"], "staff": ["A", "B"]}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-08"]}])
    assert run(sc).status == "INFEASIBLE"


@pytest.mark.parametrize("strategy", ["auto", "construct", "anytime"])
def test_two_held_to_one_seat_at_a_hard_most_are_infeasible_on_every_route(strategy) -> None:
    # both must work D every other day and D takes at most one: no roster, whichever route solves it
    from roster.solver import SolveOptions, solve

    sc = tiny(rotations=[{"id": "R", "pattern": ["D", "off"], "staff": ["A", "B"]}],
              demand=[{"shift": "D", "role": "agent", "max": 1}])
    assert solve(sc, SolveOptions(time_limit=5, workers=1, seed=0, strategy=strategy)).status == "INFEASIBLE"
    search = construct.Search(sc, Calendar(sc), seed=0)
    assert not search.construct()  # the second person has no month: the seat is full
    assert int(search.count[:, 0, :].max()) == 1


def test_soft_cells_cost_exactly_their_weight() -> None:
    # both off all week at 7 a cell; Monday needs two on D and Tuesday one: three cells broken
    sc = tiny(rotations=[{"id": "R", "pattern": ["off"], "staff": ["A", "B"], "weight": 7}],
              demand=[{"shift": "D", "role": "agent", "min": 2, "days": ["mon"]},
                      {"shift": "D", "role": "agent", "min": 1, "days": ["tue"]}])
    r = run(sc)
    assert r.status == "OPTIMAL"
    assert r.terms[Rule.PATTERN] == 21 and r.objective == 21


def test_leave_excuses_a_cell_and_the_others_fill_the_gap() -> None:
    # A's pattern says D every day at 5 a cell; B's says off; A is on leave on Wednesday, when a
    # D seat is hard: B fills it at the cost of one cell, A's Wednesday costs nothing
    sc = tiny(rotations=[{"id": "R", "pattern": ["D"], "staff": ["A"], "weight": 5},
                         {"id": "S", "pattern": ["off"], "staff": ["B"], "weight": 5}],
              leave=[{"staff": "A", "start": "2026-12-09", "end": "2026-12-09"}],
              rules={"max_consecutive_work_days": 6, "max_hours_per_week": 48},
              demand=[{"shift": "D", "role": "agent", "min": 1}])
    r = run(sc)
    assert r.status == "OPTIMAL" and r.objective == 5
    assert cells(r, "B") == ["off", "off", "D", "off", "off", "off", "off"]
    assert not [c for c in pattern_cells(sc) if c.staff == "A" and c.day == 2]


def test_the_validator_prices_each_kind_of_deviation() -> None:
    sc = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"], "weight": 3}])
    # Mon D kept; Tue N (wrong shift); Wed D (a day off worked); Thu off (a shift missed); rest kept
    bad = roster_of(("2026-12-07", "A", "D", "agent"), ("2026-12-08", "A", "N", "agent"),
                    ("2026-12-09", "A", "D", "agent"), ("2026-12-11", "A", "N", "agent"))
    report = validate(sc, bad)
    pattern = [v for v in report.violations if v.rule == Rule.PATTERN]
    assert [v.date.day for v in pattern] == [8, 9, 10]
    assert pattern[0].text == "A 2026-12-08: rotation R has D, the roster N"
    assert report.costs()[Rule.PATTERN] == 9
    hard = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"]}])
    assert len([v for v in validate(hard, bad).hard if v.rule == Rule.PATTERN]) == 3


def test_days_limit_the_cells_judged() -> None:
    sc = tiny(rotations=[{"id": "R", "pattern": ["off"], "staff": ["A"], "weight": 4, "days": "workdays"}],
              demand=[{"shift": "D", "role": "agent", "min": 1}], staff=[{"id": "A", "roles": ["agent"]}],
              rules={"max_consecutive_work_days": 7, "max_hours_per_week": 56})
    r = run(sc)
    assert r.objective == 20  # five weekdays broken, the weekend free


@pytest.mark.parametrize(("rotation", "field", "words"), [
    ({"pattern": ["D", "X"], "staff": ["A"]}, "rotations[0].pattern[1]", "unknown shift (or off)"),
    ({"pattern": ["D"], "staff": ["Z"]}, "rotations[0].staff", "unknown staff"),
    ({"pattern": ["D"], "team": "nobody"}, "rotations[0].team", "unknown team"),
    ({"pattern": ["D", "off"], "staff": ["A"], "offset": 2}, "rotations[0].offset", "outside the 2-day pattern"),
    ({"pattern": ["D", "off"], "staff": ["A"], "offset": -1}, "rotations[0].offset", "outside the 2-day pattern"),
    ({"pattern": ["D"]}, "rotations[0].staff", "give either staff or team"),
    ({"pattern": [], "staff": ["A"]}, "rotations[0].pattern", ""),
    ({"pattern": ["D"], "staff": ["A"], "days": "someday"}, "rotations[0].days", "not a day selector"),
])
def test_bad_rotations_are_scenario_errors(rotation, field, words) -> None:
    with pytest.raises(ScenarioError) as err:
        tiny(rotations=[{"id": "R", **rotation}])
    assert err.value.field == field and words in err.value.message


def test_a_person_follows_one_rotation() -> None:
    with pytest.raises(ScenarioError) as err:
        tiny(rotations=[{"id": "R", "pattern": ["D"], "staff": ["A"]}, {"id": "S", "pattern": ["N"], "staff": ["A"]}])
    assert err.value.field == "rotations[1].staff" and "already follows rotation R" in err.value.message


def test_an_unquoted_off_in_yaml_is_a_day_off(tmp_path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(textwrap.dedent("""\
        horizon: {start: 2026-12-07, end: 2026-12-13}
        roles: [{id: agent}]
        shifts: [{id: D, start: "08:00", end: "16:00"}]
        staff: [{id: A, roles: [agent]}]
        rotations: [{id: R, pattern: [D, D, off, off], staff: [A]}]
        """), encoding="utf-8")
    sc = load_scenario(path)
    assert sc.rotations[0].pattern == ("D", "D", "off", "off")


def test_the_per_person_routine_keeps_hard_cells_and_prices_soft_ones() -> None:
    hard = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"]}], demand=OPEN)
    person = Person(hard, Calendar(hard))
    plan, value = person.best(0, np.zeros((7, 2)))
    assert [("off" if s == OFF else hard.shifts[s].id) for s in plan] == CYCLE and value == 0
    assert construct.applies(hard)
    soft = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"], "weight": 3}], demand=OPEN)
    person = Person(soft, Calendar(soft))
    free = np.full(7, OFF)
    assert person.pattern_price(0, free) == 12  # four shifts of the cycle missed
    cost = np.zeros((7, 2))
    cost[:, 0] = -10.0  # D pays 10 a day: worth more than keeping the pattern
    plan, _ = person.best(0, cost)
    expected = validate(soft, roster_of(*((str(DAYS[d]), "A", soft.shifts[s].id, "agent")
                                          for d, s in enumerate(plan) if s != OFF))).cost
    assert person.pattern_price(0, plan) == expected > 0
    assert not construct.applies(soft)


def test_both_judges_agree_on_each_kind_of_deviation() -> None:
    from tests.verify import verify

    bad = roster_of(("2026-12-07", "A", "D", "agent"), ("2026-12-08", "A", "N", "agent"),
                    ("2026-12-09", "A", "D", "agent"), ("2026-12-11", "A", "N", "agent"))
    soft = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"], "weight": 3}], demand=OPEN)
    verify(Rule.ROTATIONS).given(soft, bad).costs(9)
    kept = roster_of(*((str(DAYS[d]), "A", c, "agent") for d, c in enumerate(CYCLE) if c != "off"))
    hard = tiny(rotations=[{"id": "R", "pattern": CYCLE, "staff": ["A"]}], demand=OPEN)
    verify(Rule.ROTATIONS).given(hard, kept).costs(0)
    verify(Rule.ROTATIONS).given(hard, bad).breaks("A 2026-12-08: rotation R has D, the roster N",
                                                   "A 2026-12-09: rotation R has off, the roster D",
                                                   "A 2026-12-10: rotation R has N, the roster off")
