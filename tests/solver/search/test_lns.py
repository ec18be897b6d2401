"""Neighbourhood moves (search/lns.py): a few people's model over a window, the rest held, and a
move kept only when the whole roster costs no more."""

from __future__ import annotations

import numpy as np
import pytest
from ortools.sat.python import cp_model

from roster.bench.scale import make_centre
from roster.model.calendar import Calendar
from roster.solver.build import extract
from roster.solver.search import HARD, construct, lns
from roster.validate import validate

WINDOW = (3, 9)


@pytest.fixture(scope="module")
def built():
    sc = make_centre(20, seed=1)
    search = construct.Search(sc, Calendar(sc), seed=0, repeatable=True)
    assert search.construct()
    return search


def cells(roster, people: set[str]):
    return {(a.staff, a.date, a.shift, a.role) for a in roster if a.staff in people}


def test_members_roster_is_the_chosen_peoples_part_of_the_roster(built) -> None:
    people = [0, 4, 7]
    ids = {built.scenario.staff[p].id for p in people}
    assert cells(lns.members_roster(built, people), ids) == cells(built.roster(), ids)
    assert {a.staff for a in lns.members_roster(built, people)} <= ids


def test_the_neighbourhood_holds_the_chosen_people_and_pins_them_outside_the_window(built) -> None:
    people = [1, 5]
    ids = {built.scenario.staff[p].id for p in people}
    ctx = lns.neighbourhood(built, people, WINDOW)
    assert set(ctx.vars.staff) == ids
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 5.0
    assert solver.Solve(ctx.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    found = extract(ctx, solver)
    outside = {d.date for d in built.calendar.days if not WINDOW[0] <= d.index <= WINDOW[1]}
    now = {(a.staff, a.date, a.shift) for a in built.roster() if a.staff in ids and a.date in outside}
    assert {(a.staff, a.date, a.shift) for a in found if a.date in outside} == now
    assert all(a.staff in ids for a in found)


def test_moves_never_raise_the_cost_and_the_validator_agrees(built) -> None:
    search = construct.Search(built.scenario, built.calendar, seed=0, repeatable=True)
    assert search.construct()
    mins = np.array([search.person_minutes(search.plan[p]) for p in range(search.P)])
    cost = search.cost()
    for i, people in enumerate(([0, 1], [2, 9], [3, 4, 5], [11, 17])):
        kept = lns.move(search, people, WINDOW, 2.0, seed=i, mins=mins)
        after = search.cost()
        assert after <= cost + 1e-9
        assert kept or after == pytest.approx(cost)
        cost = after
    assert search.moves.tried == 4
    report = validate(search.scenario, search.roster())  # hard seats left empty weigh HARD each in the search
    empty = search.empty_hard_seats()
    assert all(v.rule == "coverage_shortfall" for v in report.hard), [str(v) for v in report.hard[:3]]
    assert report.cost + HARD * empty == pytest.approx(search.cost())
    assert list(mins) == [search.person_minutes(search.plan[p]) for p in range(search.P)]
