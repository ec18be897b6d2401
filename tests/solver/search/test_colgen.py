"""Column generation: exact pricing on small cases (enumeration, the validator as the oracle) and a
bound that never exceeds a proven optimum."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.model.scenario import (
    Demand,
    Fairness,
    Horizon,
    Request,
    Role,
    Rules,
    Scenario,
    Soft,
    Staff,
)
from roster.solver.options import SolveOptions
from roster.solver.search.colgen import ColumnGeneration, lower_bound
from roster.solver.search.dive import dive
from roster.solver.search.master import restricted_master
from roster.solver.search.person import Person
from roster.solver.solve import solve
from roster.validate import validate
from tests.solver.search.months import SHIFTS, STATE_RULES, feasible_plans, one_person

PERSON_RULES = STATE_RULES | {"weekends", "max_shifts"}
START = dt.date(2026, 3, 5)  # a Thursday: two weekends in 10 days
SEEDS = Path(__file__).resolve().parents[3] / "scenarios"


PRICING = {
    "weekends (exact)": dict(max_weekends=1, max_consecutive_work_days=3, min_consecutive_days_off=1,
                             min_rest_hours=11, max_hours_per_week=None),
    "shift counts (multipliers)": dict(max_shifts={"N": 1}, max_consecutive_work_days=4, min_consecutive_days_off=1,
                                       min_rest_hours=11, max_hours_per_week=None),
    "two shift counts (one a state, one by multipliers)": dict(
        max_shifts={"N": 1, "L": 2}, max_consecutive_work_days=4, min_consecutive_days_off=1, min_rest_hours=11,
        max_hours_per_week=None),
    "hours in the horizon": dict(max_hours_total=40, min_hours_total=24, max_consecutive_work_days=None,
                                 min_consecutive_days_off=1, min_rest_hours=11, max_hours_per_week=None),
}


@pytest.mark.parametrize("name", PRICING)
def test_pricing_against_enumeration(name: str) -> None:
    sc = one_person(7, START, **PRICING[name])
    plans = feasible_plans(sc, PERSON_RULES)
    cg = ColumnGeneration(sc)
    rng = np.random.default_rng(3)
    exact = not cg.sides[0]
    for _ in range(15):
        seat = np.zeros((len(cg.calendar), 3, 2))
        seat[:, :, 0] = rng.integers(-20, 10, size=(len(cg.calendar), 3))
        want = min(sum(seat[d, s, 0] for d, s in enumerate(pl) if s >= 0) for pl in plans)
        months, value, _relaxed = cg.price(0, seat)
        assert value <= want + 1e-9  # never above the cheapest month that keeps every rule
        if exact:
            assert value == pytest.approx(want)
            assert sum(seat[d, s, 0] for d, s in enumerate(months[0][0]) if s >= 0) == pytest.approx(want)
        for plan, roles in months:
            assert tuple(int(x) for x in plan) in plans
            assert (roles[plan >= 0] == 0).all()


def test_start_costs_against_enumeration() -> None:
    sc = one_person(6, START, max_consecutive_work_days=3, min_consecutive_days_off=2, min_rest_hours=11,
                    max_hours_per_week=None)
    cal = Calendar(sc)
    plans = feasible_plans(sc, PERSON_RULES)
    routine = Person(sc, cal)
    rng = np.random.default_rng(5)
    for _ in range(15):
        cost = rng.integers(-20, 20, size=(len(cal), 3)).astype(float)
        start = rng.integers(0, 15, size=len(cal)).astype(float)

        def total(pl, cost=cost, start=start) -> float:
            return sum(cost[d, s] + (start[d] if d == 0 or pl[d - 1] < 0 else 0) for d, s in enumerate(pl) if s >= 0)

        plan, value = routine.best(0, cost, None, start)
        assert value == min(total(pl) for pl in plans)
        assert tuple(int(x) for x in plan) in plans and total(plan) == value


def test_soft_rules_are_left_out_of_the_relaxation() -> None:
    sc = one_person(5, START, max_consecutive_work_days=Soft(value=1, weight=3), min_consecutive_days_off=1,
                    min_rest_hours=11, max_hours_per_week=None)
    strict, relaxed = Person(sc, Calendar(sc)), Person(sc, Calendar(sc), relax_soft=True)
    cost = np.full((5, 3), -1.0)
    assert strict.best(0, cost)[1] > relaxed.best(0, cost)[1] == -5.0


def tiny(seed: int, staff: int, days: int, hard: bool, weekends: int | None, requests: int,
         fair: int = 0) -> Scenario:
    rng = np.random.default_rng(seed)
    start = dt.date(2026, 3, 2)
    people = tuple(Staff(id=f"S{i}", roles=("agent",)) for i in range(staff))
    demand = tuple(Demand(shift=s.id, role="agent", min=(int(rng.integers(1, 3)) if hard else
                                                          Soft(value=int(rng.integers(1, 3)), weight=10)),
                          max=Soft(value=2, weight=3))
                   for s in SHIFTS[::2])
    wishes = tuple(Request(staff=f"S{int(rng.integers(staff))}",
                           date=start + dt.timedelta(days=int(rng.integers(days))),
                           shift=None if rng.random() < 0.5 else "E", off=True, weight=int(rng.integers(1, 5)))
                   for _ in range(requests))
    return Scenario(
        horizon=Horizon(start=start, end=start + dt.timedelta(days=days - 1)),
        roles=(Role(id="agent"),), shifts=SHIFTS[::2], staff=people, demand=demand, requests=wishes,
        fairness=Fairness(weekends=fair, nights=fair),
        rules=Rules(max_consecutive_work_days=3, min_consecutive_days_off=1, min_rest_hours=11, max_hours_per_week=None,
                    max_weekends=weekends, forbidden_sequences=(("E", "N"),)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), staff=st.integers(3, 5), days=st.integers(5, 9), hard=st.booleans(),
       weekends=st.sampled_from([None, 1]), requests=st.integers(0, 6), fair=st.sampled_from([0, 0, 4]))
def test_bound_never_exceeds_the_optimum(seed: int, staff: int, days: int, hard: bool, weekends: int | None,
                                         requests: int, fair: int) -> None:
    sc = tiny(seed, staff, days, hard, weekends, requests, fair)
    best = solve(sc, SolveOptions(time_limit=20, workers=1, strategy="whole"))
    bound = lower_bound(sc, 10)
    if best.status == "OPTIMAL":
        assert bound.value <= best.objective + 1e-6
    elif best.status == "INFEASIBLE":
        return
    assert bound.value >= 0


def test_bound_on_a_seed_scenario() -> None:
    sc = load_scenario(SEEDS / "front_desk.yaml")
    result = solve(sc, SolveOptions(time_limit=10, workers=1))
    bound = lower_bound(sc, 5, start=result.roster)
    assert result.feasible
    assert 0 <= bound.value <= result.objective + 1e-6


def test_solve_reports_the_bound_and_its_source() -> None:
    sc = tiny(1, 4, 7, True, 1, 4)
    result = solve(sc, SolveOptions(time_limit=4, workers=1, strategy="construct"))
    assert result.feasible and result.bound is not None
    assert result.stats["bound_source"] == "column generation"
    assert result.summary()["bound_source"] == "column generation"
    assert 0 <= result.bound <= result.objective + 1e-6
    assert result.gap == pytest.approx(abs(result.objective - result.bound) / max(1.0, result.objective))
    rounds = [p.bound for p in result.bounds if p.source == "column generation"]
    assert rounds, "the column-generation rounds are not on the progress chart"
    assert max(rounds) == pytest.approx(result.bound)


def wanted_everywhere(staff: int, days: int, most: int | Soft, weight: int) -> Scenario:
    """Everyone wishes to work the one shift every day, on a seat with a most of ``most``: the
    cheapest month of each person alone works every day, and together they break the most."""
    start = dt.date(2026, 3, 2)
    people = tuple(Staff(id=f"S{i}", roles=("agent",)) for i in range(staff))
    dates = [start + dt.timedelta(days=d) for d in range(days)]
    return Scenario(
        horizon=Horizon(start=start, end=dates[-1]), roles=(Role(id="agent"),), shifts=SHIFTS[:1],
        staff=people, demand=(Demand(shift="E", role="agent", min=0, max=most),),
        requests=tuple(Request(staff=p.id, date=d, shift="E", weight=weight) for p in people for d in dates),
        rules=Rules(max_consecutive_work_days=None, max_hours_per_week=None, min_consecutive_days_off=None))


def test_a_hard_most_is_priced_as_hard_and_the_bound_meets_the_optimum() -> None:
    staff, days, most, weight = 3, 4, 1, 5
    sc = wanted_everywhere(staff, days, most, weight)
    # each day only ``most`` of the people may work: the others' wishes go unmet
    worked_out = (staff - most) * days * weight
    best = solve(sc, SolveOptions(time_limit=20, workers=1, strategy="whole"))
    assert best.status == "OPTIMAL" and best.objective == worked_out
    cg = ColumnGeneration(sc)
    bound = cg.run(20)
    assert bound.optimal and bound.value == best.objective
    months = cg.pool
    assert all(any((plan >= 0).all() for plan, _r in months[p]) for p in range(staff))  # the cheap months
    master = restricted_master(cg, 10)
    assert master is not None and master.objective == best.objective
    report = validate(sc, master.search.roster())
    assert report.hard == [] and report.cost == best.objective


def test_a_soft_most_lets_the_cheap_months_through_at_its_weight() -> None:
    """The same seat with a soft most of weight 1: paying for the extra heads is cheaper than the
    wishes, so the bound (and the optimum) fall to the extra heads' price; priced so, a hard most
    would not hold the bound above."""
    staff, days, weight = 3, 4, 5
    sc = wanted_everywhere(staff, days, Soft(value=1, weight=1), weight)
    best = solve(sc, SolveOptions(time_limit=20, workers=1, strategy="whole"))
    bound = ColumnGeneration(sc).run(20)
    assert best.status == "OPTIMAL" and best.objective == (staff - 1) * days * 1
    assert bound.value == best.objective
    hard = ColumnGeneration(wanted_everywhere(staff, days, 1, weight)).run(20)
    assert hard.value > bound.value


def capped(staff: int, days: int, caps: dict[str, int], wishes: dict[str, int]) -> Scenario:
    """Everyone wishes every shift every day (at these weights) under a most of each shift: the
    routine keeps the tightest most as a state and prices the others with multipliers."""
    start = dt.date(2026, 3, 2)
    people = tuple(Staff(id=f"S{i}", roles=("agent",)) for i in range(staff))
    dates = [start + dt.timedelta(days=d) for d in range(days)]
    return Scenario(
        horizon=Horizon(start=start, end=dates[-1]), roles=(Role(id="agent"),), shifts=SHIFTS, staff=people,
        demand=tuple(Demand(shift=s.id, role="agent", min=0, max=staff) for s in SHIFTS),
        requests=tuple(Request(staff=p.id, date=d, shift=s, weight=w)
                       for p in people for d in dates for s, w in wishes.items()),
        rules=Rules(max_consecutive_work_days=None, max_hours_per_week=None, min_consecutive_days_off=None,
                    min_rest_hours=None, max_shifts=caps))


def test_side_rows_set_the_multipliers_and_the_bound_meets_the_optimum() -> None:
    """Two of the three mosts are sides; with their rows in the master the bound meets the optimum
    (a subgradient step alone stalled one below it, the master's value at 120), months that break
    a side are columns of the master, and the dive bars them: it fixes only months that keep
    every rule (so its value is no lower than the optimum)."""
    sc = capped(2, 7, {"E": 2, "L": 3, "N": 1}, {"E": 5, "L": 3, "N": 2})
    best = solve(sc, SolveOptions(time_limit=20, workers=1, strategy="whole"))
    cg = ColumnGeneration(sc)
    assert [len(sides) for sides in cg.sides] == [2, 2]
    bound = cg.run(20)
    assert best.status == "OPTIMAL" and bound.optimal and bound.value == best.objective == 98
    assert all(not all(kept) for kept in cg.master.kept)  # months breaking a side are in the master
    found = dive(cg, time.perf_counter() + 10)
    assert found is not None and found.value >= best.objective
    x = np.asarray(cg.master.lp.getSolution().col_value)
    assert all(x[cg.master.index[p][j]] == 0 for p in range(2) for j, kept in enumerate(cg.master.kept[p])
               if not kept)
    assert all(cg.search.keeps(p, plan, np.maximum(role, 0)) for p, (plan, role) in found.months.items())


def test_a_team_member_left_out_keeps_the_side_rows() -> None:
    """A least of hours in the horizon is a side row; a team member left out of the roster (the
    phase-one master's month of days off) is bound by none of their rules. With nobody allowed to
    work, the master is solved and every hard seat is empty (with the side row holding the month
    of days off, the master had no solution and read 0)."""
    start = dt.date(2026, 3, 2)
    people = tuple(Staff(id=f"S{i}", roles=("agent",)) for i in range(4))
    sc = Scenario(
        horizon=Horizon(start=start, end=start + dt.timedelta(days=6)), roles=(Role(id="agent"),), shifts=SHIFTS,
        staff=people, demand=(Demand(shift="E", role="agent", min=1),),
        rules=Rules(max_consecutive_work_days=None, max_hours_per_week=None, min_consecutive_days_off=None,
                    min_rest_hours=None, min_hours_total=16))
    cg = ColumnGeneration(sc, hard_only=True, team=np.ones(4, dtype=bool), cap=0)
    assert [side.rule.value for side in cg.sides[0]] == ["hours_min"]
    bound = cg.run(5)
    assert bound.value == bound.lp == 7
