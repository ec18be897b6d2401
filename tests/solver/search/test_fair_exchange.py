"""The per-person search on what interval centres ask of it: a template's cap over all its starts
(``max_template_shifts``) and exchanges aimed at a fair band."""

from __future__ import annotations

import numpy as np
import pytest

from roster.model.calendar import Calendar
from roster.model.rule_names import Rule
from roster.solver import SolveOptions, solve
from roster.solver.search import construct
from roster.solver.search.person import Broken, Person
from roster.validate import validate
from tests.conftest import tiny

TEMPLATES = {"shift_templates": [{"id": "A", "start_between": ["07:00", "08:00"], "every": 30, "hours": 8}],
             "shifts": [{"id": "N", "start": "22:00", "end": "07:00"}]}
STARTS = ("A0700", "A0730", "A0800")


def capped(cap: int, weight: int = 10):
    """X may work at most ``cap`` A shifts (all starts together); every start of every day wants
    someone (soft), so a month that ignores the cap fills up to two of each start."""
    return tiny(**TEMPLATES, staff=[{"id": "X", "roles": ["agent"], "max_shifts": {"A": cap}}],
                demand=[{"shift": s, "role": "agent", "min": {"value": 1, "weight": weight}} for s in STARTS])


def a_shifts(roster, who: str = "X") -> int:
    return sum(1 for a in roster if a.staff == who and a.shift in STARTS)


def test_the_routine_names_a_template_cap_a_month_breaks() -> None:
    sc = capped(2)
    person = Person(sc, Calendar(sc))
    ids = [s.id for s in sc.shifts]
    plan = np.full(7, -1)
    plan[:3] = [ids.index(s) for s in STARTS]  # one of each start: 3 A shifts, each start within its cap
    assert person.breaks(0, plan) == {Broken(Rule.MAX_SHIFTS, "A"): 1}
    assert not person.feasible(0, plan)
    plan[2] = -1
    assert person.breaks(0, plan) == {} and person.feasible(0, plan)


@pytest.mark.parametrize("cap", [0, 2, 4])
def test_construction_keeps_the_cap_and_its_cost_is_the_validators(cap: int) -> None:
    sc = capped(cap)
    search = construct.Search(sc, Calendar(sc))
    assert search.construct()
    search.improve(2.0, sweeps=3)
    roster = search.roster()
    assert a_shifts(roster) == cap  # as many as the cap allows: each one fills a wanted seat
    report = validate(sc, roster)
    assert report.hard == [] and report.cost == search.cost()


def test_a_solve_keeps_the_cap_and_reports_the_validators_cost_exactly() -> None:
    sc = capped(3, weight=7)
    result = solve(sc, SolveOptions(time_limit=10, workers=2, seed=1, strategy="construct"))
    report = validate(sc, result.roster)
    assert report.hard == []
    assert a_shifts(result.roster) == 3
    # 21 start-days want someone, X fills 3 (the cap), 18 stay short at 7 each
    assert report.cost == round(result.objective) == 18 * 7


def test_a_cap_nobody_can_keep_with_a_pinned_shift_is_infeasible_for_the_routine() -> None:
    sc = tiny(**TEMPLATES, staff=[{"id": "X", "roles": ["agent"], "max_shifts": {"A": 1}}],
              demand=[{"shift": s, "role": "agent", "min": {"value": 1, "weight": 10}} for s in STARTS],
              fixed=[{"staff": "X", "date": "2026-12-07", "shift": "A0700"},
                     {"staff": "X", "date": "2026-12-08", "shift": "A0730"}])
    person = Person(sc, Calendar(sc))
    ids = [s.id for s in sc.shifts]
    cost = np.zeros((7, len(ids)))
    search = construct.Search(sc, Calendar(sc))
    assert search.best_month(0, cost, np.zeros(7)) is None  # no month keeps both pins and the cap
    plan, _value = person.best(0, cost)
    assert Broken(Rule.MAX_SHIFTS, "A") in person.breaks(0, plan)


# ---- exchanges aimed at a fair band ---------------------------------------------------------

def weekend_pair():
    """Two agents, one D seat a day (hard), 5 shifts a week at most: whoever works Saturday and
    Sunday gives up two weekdays. Fair share of weekend shifts: 1 each."""
    return tiny(staff=[{"id": "P", "roles": ["agent"]}, {"id": "Q", "roles": ["agent"]}],
                shifts=[{"id": "D", "start": "08:00", "end": "16:00"}],
                demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}],
                fairness={"weekends": 5})


def lopsided(sc) -> construct.Search:
    """P works Monday, Tuesday, Saturday and Sunday, Q Wednesday to Friday."""
    search = construct.Search(sc, Calendar(sc))
    d = 0
    plan_p = np.array([d, d, -1, -1, -1, d, d])
    plan_q = np.array([-1, -1, d, d, d, -1, -1])
    role = np.zeros(7, dtype=np.int64)
    for who, plan in ((0, plan_p), (1, plan_q)):
        search.put_in(who, plan, np.where(plan >= 0, role, -1))
        search.placed[who] = True
    return search


def test_a_band_exchange_moves_a_weekend_shift_to_the_peer_below_the_band() -> None:
    sc = weekend_pair()
    search = lopsided(sc)
    before = search.cost()
    assert before == validate(sc, search.roster()).cost == 2 * 5  # P one above, Q one below
    mins = search.all_minutes()
    search._unfair = search.unfair(mins)
    assert any(search.band_exchange(mins) for _ in range(20))
    weekend = search.weekend_days
    assert (search.plan[:, weekend] >= 0).sum(axis=1).tolist() == [1, 1]
    report = validate(sc, search.roster())
    assert report.hard == [] and report.cost == search.cost() == 0
    assert (search.count == lopsided(sc).count).all()  # the seat stays filled every day


def test_no_exchange_when_everyone_is_inside_the_band() -> None:
    sc = weekend_pair()
    search = lopsided(sc)
    search.take_out(0)
    search.take_out(1)
    plan_p, plan_q = np.array([0, 0, 0, -1, -1, 0, -1]), np.array([-1, -1, -1, 0, 0, -1, 0])
    for who, plan in ((0, plan_p), (1, plan_q)):
        search.put_in(who, plan, np.where(plan >= 0, 0, -1))
    mins = search.all_minutes()
    search._unfair = search.unfair(mins)
    assert search._unfair == []
    assert not search.band_exchange(mins)
    assert search.cost() == 0


def test_an_exchange_that_costs_more_is_refused() -> None:
    """P is above the band and Q below, but Q asked for the weekend off (50 a day): nothing moves."""
    sc = tiny(staff=[{"id": "P", "roles": ["agent"]}, {"id": "Q", "roles": ["agent"]}],
              shifts=[{"id": "D", "start": "08:00", "end": "16:00"}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}], fairness={"weekends": 5},
              requests=[{"staff": "Q", "date": d, "off": True, "weight": 50} for d in ("2026-12-12", "2026-12-13")])
    search = lopsided(sc)
    before, cost = search.plan.copy(), search.cost()
    mins = search.all_minutes()
    search._unfair = search.unfair(mins)
    assert search._unfair == [0, 1]
    assert not any(search.band_exchange(mins) for _ in range(20))
    assert (search.plan == before).all()
    assert search.cost() == cost == validate(sc, search.roster()).cost == 2 * 5
