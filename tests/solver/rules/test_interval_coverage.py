"""People on the floor per interval and breaks: feasible, infeasible and exact-penalty cases."""

from __future__ import annotations

import numpy as np

from roster.model.calendar import Calendar
from roster.solver import SolveOptions, solve
from roster.solver.breaks import Floor
from roster.solver.explain import explain
from roster.solver.search.construct import Search
from roster.validate import validate
from tests.conftest import run, tiny

ONE_DAY = {"start": "2026-12-07", "end": "2026-12-07"}
BREAK = {"minutes": 30, "within": ["09:00", "11:00"]}
SHORT = {"id": "S", "start": "09:00", "end": "10:30"}
WITH_BREAK = {"id": "D", "start": "08:00", "end": "12:00", "break": BREAK}


def rows(**agents):
    """rows(t0800=1, ...) → forecast rows."""
    return [{"interval": f"{k[1:3]}:{k[3:]}", "agents": v} for k, v in agents.items()]


def test_one_person_short_costs_under_weight_per_missing_person_and_interval():
    # needs 2, 2, 1 over three half hours and one person: 1 + 1 + 0 people short
    sc = tiny(horizon=ONE_DAY, shifts=[SHORT], staff=[{"id": "A", "roles": ["agent"]}],
              demand=[{"role": "agent", "per_interval": rows(t0900=2, t0930=2, t1000=1)}])
    r = run(sc)
    assert r.status == "OPTIMAL"
    assert len(r.roster) == 1
    assert r.terms["interval_shortfall"] == 200 and r.objective == 200


def test_people_over_cost_over_weight():
    sc = tiny(horizon=ONE_DAY, shifts=[SHORT],
              demand=[{"role": "agent", "per_interval": rows(t0900=1, t0930=1, t1000=1), "over_weight": 5}],
              fixed=[{"staff": "A", "date": "2026-12-07", "shift": "S"},
                     {"staff": "B", "date": "2026-12-07", "shift": "S"}])
    r = run(sc)
    assert r.terms == {"interval_shortfall": 0, "interval_over": 15}


def test_nobody_needed_means_nobody_works():
    sc = tiny(horizon=ONE_DAY, shifts=[SHORT], demand=[{"role": "agent", "per_interval": rows(t0900=0)}])
    r = run(sc)
    assert r.status == "OPTIMAL" and len(r.roster) == 0 and r.objective == 0


def test_the_break_goes_where_nobody_is_needed():
    need = {f"t{h:02d}{m:02d}": 1 for h in range(8, 12) for m in (0, 30)}
    need["t1030"] = 0
    sc = tiny(horizon=ONE_DAY, shifts=[WITH_BREAK], staff=[{"id": "A", "roles": ["agent"]}],
              demand=[{"role": "agent", "per_interval": rows(**need)}])
    r = run(sc)
    assert r.objective == 0
    assert [a.break_at for a in r.roster] == ["10:30"]


def test_two_breaks_are_staggered():
    need = {f"t{h:02d}{m:02d}": 2 for h in range(8, 12) for m in (0, 30)}
    need.update(t0930=1, t1000=1)
    sc = tiny(horizon=ONE_DAY, shifts=[WITH_BREAK],
              demand=[{"role": "agent", "per_interval": rows(**need)}])
    r = run(sc)
    assert r.objective == 0
    assert sorted(a.break_at for a in r.roster) == ["09:30", "10:00"]


def test_a_pinned_shift_whose_break_fits_nowhere_is_infeasible():
    nowhere = {**WITH_BREAK, "break": {"minutes": 60, "within": ["13:00", "14:00"]}}
    demand = [{"role": "agent", "per_interval": rows(t0800=1)}]
    assert run(tiny(horizon=ONE_DAY, shifts=[nowhere], demand=demand)).status == "OPTIMAL"  # nobody works it
    pinned = tiny(horizon=ONE_DAY, shifts=[nowhere], demand=demand,
                  fixed=[{"staff": "A", "date": "2026-12-07", "shift": "D"}])
    assert solve(pinned, SolveOptions(time_limit=5, workers=2)).status == "INFEASIBLE"
    result = solve(pinned, SolveOptions(time_limit=5, workers=2, strategy="construct"))
    assert result.status not in ("OPTIMAL", "FEASIBLE")


def test_every_shift_with_a_break_rule_carries_its_break():
    sc = tiny(shifts=[WITH_BREAK, {"id": "N", "start": "22:00", "end": "06:00"}],
              demand=[{"role": "agent", "per_interval": rows(t0800=1, t0900=2, t1000=1, t2300=1)}])
    for strategy in ("auto", "whole", "construct"):
        r = solve(sc, SolveOptions(time_limit=5, workers=2, strategy=strategy))
        assert r.feasible
        assert all((a.break_at is not None) == (a.shift == "D") for a in r.roster)
        report = validate(sc, r.roster)
        assert report.hard == [] and report.cost == round(r.objective), strategy


# ---- break placement for the per-person search -----------------------------------------------

def _floor_of_three():
    need = {f"t{h:02d}{m:02d}": 3 for h in range(8, 12) for m in (0, 30)}
    need.update(t0900=2, t0930=2, t1000=2)
    sc = tiny(horizon=ONE_DAY, shifts=[WITH_BREAK], staff=[{"id": x, "roles": ["agent"]} for x in "ABC"],
              demand=[{"role": "agent", "per_interval": rows(**need)}])
    floor = Floor(sc, Calendar(sc), ["agent"])
    count = np.zeros((1, 1, 1), dtype=np.int64)
    count[0, 0, 0] = 3
    return floor, count


def test_breaks_placed_greedily_cover_every_interval():
    floor, count = _floor_of_three()
    brk = np.zeros((1, 1, 1, 4), dtype=np.int64)
    f = floor.floor(count, brk)
    floor.place_breaks(f, count, brk, [0])
    assert brk[0, 0, 0].tolist() == [1, 1, 1, 0]  # 09:00, 09:30, 10:00: where one fewer is needed
    assert floor.cost(f) == 0
    assert (f == floor.floor(count, brk)).all()


def test_moving_single_breaks_undoes_a_bad_placement():
    floor, count = _floor_of_three()
    brk = np.zeros((1, 1, 1, 4), dtype=np.int64)
    brk[0, 0, 0, 3] = 3  # everyone at 10:30
    f = floor.floor(count, brk)
    assert floor.costs(f) == (100 + 200 + 300, 3)  # 10:30 empty: the 1st, 2nd and 3rd missing person
    floor.polish(f, brk, 0)
    assert floor.cost(f) == 0 and brk[0, 0, 0].sum() == 3


def test_the_searchs_cost_is_the_validators():
    sc = tiny(shifts=[WITH_BREAK, {"id": "L", "start": "10:00", "end": "18:00",
                                   "break": {"minutes": 60, "within": ["13:00", "15:00"]}}],
              staff=[{"id": f"P{i}", "roles": ["agent"]} for i in range(5)],
              demand=[{"role": "agent", "per_interval": rows(t0800=1, t0900=3, t1000=4, t1100=3, t1200=2, t1300=2,
                                                           t1400=3, t1500=1, t1700=1)}])
    cal = Calendar(sc)
    search = Search(sc, cal, seed=2)
    assert search.construct()
    for _ in range(2):
        report = validate(sc, search.roster(), cal)
        assert report.hard == []
        assert report.cost == search.cost()
        assert report.costs() == {k: v for k, v in search.terms().items() if v}
        search.improve(1.0, sweeps=1)


def test_explain_names_the_break_that_fits_nowhere():
    nowhere = {**WITH_BREAK, "break": {"minutes": 60, "within": ["13:00", "14:00"]}}
    sc = tiny(horizon=ONE_DAY, shifts=[nowhere], demand=[{"role": "agent", "per_interval": rows(t0800=1)}],
              fixed=[{"staff": "A", "date": "2026-12-07", "shift": "D"}])
    reasons = explain(sc).reasons
    assert "2026-12-07 D: its 60-minute break fits nowhere between 13:00 and 14:00" in reasons
    assert "breaks that fit nowhere" in reasons[0]
