"""The convex shortfall per interval and ``min_on_floor``: exact penalties, feasible and infeasible cases."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roster.model.calendar import Calendar
from roster.model.intervals import coverage_cost, floor_min_cost, interval_needs, shortfall_cost
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster
from roster.solver.breaks import Floor
from roster.validate import validate
from tests.conftest import run, tiny
from tests.solver.rules.test_interval_coverage import ONE_DAY, SHORT, rows

MON = ONE_DAY["start"]
# two people on 08:00-10:00 with a 30-minute break at 08:30 or 09:00; two needed 08:00-09:30
PAIR = {"id": "P", "start": "08:00", "end": "10:00", "break": {"minutes": 30, "within": ["08:30", "09:30"]}}


def test_shortfall_cost_sums_the_first_steps_and_repeats_the_last():
    assert [shortfall_cost((10, 50), k) for k in range(5)] == [0, 10, 60, 110, 160]
    assert shortfall_cost((100, 200, 300, 400), 6) == 100 + 200 + 300 + 400 * 3


def test_the_kth_person_short_costs_the_kth_step():
    # needs 3 at 09:00 and one person: 2 short, the default steps 100 and 200
    sc = tiny(horizon=ONE_DAY, shifts=[SHORT], staff=[{"id": "A", "roles": ["agent"]}],
              demand=[{"role": "agent", "per_interval": rows(t0900=3)}])
    r = run(sc)
    assert r.terms["interval_shortfall"] == 100 + 200
    own = tiny(horizon=ONE_DAY, shifts=[SHORT], staff=[{"id": "A", "roles": ["agent"]}],
               demand=[{"role": "agent", "per_interval": rows(t0900=4), "under_steps": [10, 50]}])
    assert run(own).terms["interval_shortfall"] == 10 + 50 + 50
    nobody = validate(own, Roster.of([])).costs()
    assert nobody == {"interval_shortfall": 10 + 50 + 50 + 50}


def test_breaks_are_staggered_because_an_empty_floor_costs_more():
    sc = tiny(horizon=ONE_DAY, shifts=[PAIR], demand=[{"role": "agent", "per_interval": rows(
        t0800=2, t0830=2, t0900=2, t0930=2)}], fixed=[{"staff": x, "date": MON, "shift": "P"} for x in "AB"])
    r = run(sc)
    assert sorted(a.break_at for a in r.roster) == ["08:30", "09:00"]
    assert r.terms["interval_shortfall"] == 100 + 100  # one short twice, not two short once (100 + 200)
    together = Roster.of(Assignment(dt.date(2026, 12, 7), x, "P", "agent", break_at="08:30") for x in "AB")
    assert validate(sc, together).costs() == {"interval_shortfall": 100 + 200}


def test_steps_may_not_decrease():
    with pytest.raises(ScenarioError, match="may not decrease"):
        tiny(horizon=ONE_DAY, shifts=[SHORT], demand=[{"role": "agent", "per_interval": rows(t0900=1),
                                                      "under_steps": [50, 10]}])


def test_min_on_floor_hard_feasible_and_infeasible():
    line = {"role": "agent", "per_interval": rows(t0900=1, t0930=1, t1000=0), "min_on_floor": 2,
            "under_steps": [1]}
    ok = tiny(horizon=ONE_DAY, shifts=[SHORT], demand=[line])
    r = run(ok)
    assert r.status == "OPTIMAL" and len(r.roster) == 2  # two people although one is needed
    alone = tiny(horizon=ONE_DAY, shifts=[SHORT], staff=[{"id": "A", "roles": ["agent"]}], demand=[line])
    assert run(alone).status == "INFEASIBLE"
    report = validate(alone, Roster.of([Assignment(dt.date(2026, 12, 7), "A", "S", "agent")]))
    assert [v.text for v in report.hard] == [f"{MON} 09:00: 1 agent on the floor, never fewer than 2",
                                             f"{MON} 09:30: 1 agent on the floor, never fewer than 2"]


def test_min_on_floor_weighted_costs_its_weight_per_person_and_interval():
    line = {"role": "agent", "per_interval": rows(t0900=1, t0930=1, t1000=0), "min_on_floor": {"value": 2, "weight": 7},
            "under_steps": [1], "over_weight": 0}
    alone = tiny(horizon=ONE_DAY, shifts=[SHORT], staff=[{"id": "A", "roles": ["agent"]}], demand=[line])
    r = run(alone)
    assert r.terms["min_on_floor"] == 7 * 2  # one below in each of the two intervals that need anyone
    empty = validate(alone, Roster.of([])).costs()
    assert empty == {"min_on_floor": 7 * 2 * 2, "interval_shortfall": 1 + 1}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=4, max_size=4), st.lists(st.integers(0, 30), min_size=1, max_size=4),
       st.integers(0, 3), st.integers(0, 4))
def test_the_searchs_floor_prices_as_the_validator_counts(needs, raw, low, move):
    steps = [sum(raw[:i + 1]) for i in range(len(raw))]
    sc = tiny(horizon=ONE_DAY, shifts=[SHORT], demand=[{
        "role": "agent", "per_interval": rows(t0900=needs[0], t0930=needs[1], t1000=needs[2]),
        "under_steps": steps, "min_on_floor": {"value": low, "weight": 3}}])
    cal = Calendar(sc)
    floor = Floor(sc, cal, ["agent"])
    need = interval_needs(sc, cal)
    f = np.zeros(floor.M + 1, dtype=np.int64)
    f[:floor.M] = [needs[3], move, (needs[3] + move) % 4][:floor.M]
    staffed = {k: int(f[i]) for i, k in enumerate(floor.keys)}
    assert floor.costs(f) == tuple(float(x) for x in coverage_cost(need, staffed))
    assert floor.low_cost(f) == floor_min_cost(need, staffed)[0]
    # one more / one fewer person in every slot: the price is the change of the cost
    for i in range(floor.M):
        up, down = f.copy(), f.copy()
        up[i] += 1
        assert floor.plus(f)[i] == pytest.approx(floor.cost(up) - floor.cost(f))
        if f[i] > 0:
            down[i] -= 1
            assert floor.minus(f)[i] == pytest.approx(floor.cost(down) - floor.cost(f))
