"""The per-person dynamic program against enumeration: every schedule the validator accepts."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from roster.model.calendar import Calendar
from roster.model.scenario import History, Leave, Worked
from roster.solver.search.person import INF, OFF, Person
from tests.solver.search.months import STATE_RULES, feasible_plans
from tests.solver.search.months import one_person as scenario

CASES = {
    "rest and orders": dict(min_rest_hours=11, max_consecutive_work_days=None, min_consecutive_days_off=1,
                            max_hours_per_week=None, forbidden_sequences=(("E", "N"),)),
    "runs": dict(min_rest_hours=11, max_consecutive_work_days=3, min_consecutive_days_off=2,
                 min_consecutive_work_days=2, max_hours_per_week=None),
    "week hours": dict(min_rest_hours=8, max_consecutive_work_days=None, min_consecutive_days_off=1,
                       max_hours_per_week=24),
    "hours in the horizon": dict(min_rest_hours=11, max_consecutive_work_days=None, min_consecutive_days_off=1,
                                 max_hours_per_week=None, max_hours_total=24, min_hours_total=16),
    "everything": dict(min_rest_hours=11, max_consecutive_work_days=3, min_consecutive_days_off=2,
                       min_consecutive_work_days=2, max_hours_per_week=24, forbidden_sequences=(("L", "E"),)),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("history", [False, True])
def test_cheapest_schedule_matches_enumeration(name: str, history: bool) -> None:
    start = dt.date(2026, 3, 5)  # a Thursday: the horizon crosses an ISO week
    hist = None
    if history:
        hist = History(days=3, worked=(Worked(date=start - dt.timedelta(days=2), staff="P1", shift="L"),
                                       Worked(date=start - dt.timedelta(days=1), staff="P1", shift="N")))
    sc = scenario(6, start, hist, leave=(Leave(staff="P1", start=start + dt.timedelta(days=4),
                                                 end=start + dt.timedelta(days=4)),), **CASES[name])
    cal = Calendar(sc)
    plans = feasible_plans(sc)
    routine = Person(sc, cal)
    rng = np.random.default_rng(7)
    for _ in range(25):
        cost = rng.integers(-20, 20, size=(len(cal), 3)).astype(float)
        off = rng.integers(-5, 5, size=len(cal)).astype(float)
        plan, value = routine.best(0, cost, off)

        def total(pl, cost=cost, off=off) -> float:
            return sum(off[d] if s < 0 else cost[d, s] for d, s in enumerate(pl))

        want = min((total(pl) for pl in plans), default=INF)
        assert value == want
        if plans:
            assert tuple(int(x) for x in plan) in plans
            assert total(plan) == value


def test_no_schedule_when_a_pin_cannot_be_kept() -> None:
    start = dt.date(2026, 3, 2)
    sc = scenario(3, start, min_rest_hours=11, max_consecutive_work_days=1)
    routine = Person(sc, Calendar(sc))
    routine.must_work[0, :] = True  # three pinned days in a row, at most one in a row
    plan, value = routine.best(0, np.zeros((3, 3)))
    assert value == INF and (plan == OFF).all()


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("history", [False, True])
def test_feasible_agrees_with_the_validator(name: str, history: bool) -> None:
    start = dt.date(2026, 3, 5)
    hist = None
    if history:
        hist = History(days=3, worked=(Worked(date=start - dt.timedelta(days=1), staff="P1", shift="L"),))
    sc = scenario(6, start, hist, **CASES[name])
    plans = set(feasible_plans(sc))
    routine = Person(sc, Calendar(sc))
    for plan in itertools.product(range(-1, 3), repeat=6):
        assert routine.feasible(0, np.array(plan)) == (plan in plans), plan


@pytest.mark.parametrize("start", [dt.date(2026, 3, 7), dt.date(2026, 3, 8)],
                         ids=["from a Saturday", "from a Sunday"])
def test_a_most_of_weekends_is_a_state_kept_exactly(start: dt.date) -> None:
    sc = scenario(8, start, min_rest_hours=11, max_consecutive_work_days=3,
                  min_consecutive_days_off=1, max_hours_per_week=None, max_weekends=1)
    cal = Calendar(sc)
    plans = feasible_plans(sc, STATE_RULES | {"weekends"})
    routine = Person(sc, cal)
    assert routine.shape(0).weekends == 1 and len(cal.weekends) == 2
    rng = np.random.default_rng(11)
    for _ in range(25):
        cost = rng.integers(-20, 10, size=(len(cal), 3)).astype(float)
        begin = rng.integers(0, 8, size=len(cal)).astype(float)

        def total(pl, cost=cost, begin=begin) -> float:
            return sum(cost[d, s] + (begin[d] if d == 0 or pl[d - 1] < 0 else 0)
                       for d, s in enumerate(pl) if s >= 0)

        plan, value = routine.best(0, cost, None, begin)
        assert value == min(total(pl) for pl in plans)
        assert tuple(int(x) for x in plan) in plans and total(plan) == value
        assert not routine.breaks(0, plan)
