"""Model moves on a centre staffed by interval aim at the fair bands the validator prices: the
nights shared among peers out of what they work (``Search.bands``), not only bands fixed in
advance."""

from __future__ import annotations

import random

import numpy as np
from ortools.sat.python import cp_model

from roster.model.calendar import Calendar
from roster.model.parse import scenario_from_dict
from roster.model.rule_names import Rule
from roster.solver.build import complete_hint, extract
from roster.solver.search import construct, lns, neighbourhoods
from roster.solver.search.person import OFF
from roster.validate import validate

DAYS = 5
NIGHT_WEIGHT = 10


def _centre():
    day = [{"interval": f"{h:02d}:{m:02d}", "agents": 1} for h in range(8, 17) for m in (0, 30)]
    night = [{"interval": f"{h:02d}:{m:02d}", "agents": 1} for h in range(0, 7) for m in (0, 30)]
    return scenario_from_dict({
        "name": "four agents, days and nights",
        "horizon": {"start": "2026-12-01", "end": f"2026-12-0{DAYS}"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "D", "start": "08:00", "end": "17:00",
                    "break": {"minutes": 60, "within": ["11:00", "14:00"]}},
                   {"id": "N", "start": "22:00", "end": "07:00",
                    "break": {"minutes": 60, "within": ["01:00", "05:00"]}}],
        "staff": [{"id": f"a{i}", "name": f"Agent {i}", "roles": ["agent"]} for i in range(4)],
        "demand": [{"role": "agent", "per_interval": day + night}],
        "rules": {"min_rest_hours": 11, "max_hours_per_week": 40},
        "fairness": {"nights": NIGHT_WEIGHT},
    }, "centre.yaml")


def _every_night_on_one() -> construct.Search:
    """a0 works every night, a1 every day, a2 and a3 are off: a0 above the night band (1..2), the
    others below it."""
    sc = _centre()
    search = construct.Search(sc, Calendar(sc), seed=0, repeatable=True)
    night, day = (next(i for i, s in enumerate(sc.shifts) if s.id == x) for x in ("N", "D"))
    for p, s in ((0, night), (1, day), (2, OFF), (3, OFF)):
        search.take_out(p)
        search.put_in(p, np.full(search.n, s, dtype=np.int64), np.full(search.n, 0 if s != OFF else -1, dtype=np.int64))
        search.placed[p] = True
    search.settle_breaks(again=True)
    return search


def _outside(search: construct.Search) -> list[str]:
    report = validate(search.scenario, search.roster())
    return sorted({v.staff for v in report.violations if v.rule == Rule.FAIRNESS_NIGHTS.value})


def test_the_fair_neighbourhood_frees_people_outside_the_shared_night_band() -> None:
    search = _every_night_on_one()
    assert not search.fair  # bands counted out of what the peers work: none fixed in advance
    assert _outside(search) == ["a0", "a1", "a2", "a3"]
    mins = search.all_minutes()
    for seed in range(5):
        free = neighbourhoods.fair(search, random.Random(seed), 2 * search.n, mins)
        assert free is not None
        people, window = free
        assert 0 in people and len(people) == 2 and window == (0, search.n - 1)


def test_the_neighbourhood_prices_the_shared_night_band_as_the_validator_does() -> None:
    search = _every_night_on_one()
    ctx = lns.neighbourhood(search, [0, 1, 2, 3], (0, search.n - 1))
    start = complete_hint(ctx, 5.0)
    assert start is not None
    # the current months: a0 three nights above the band 1..2, the others one below it each
    fair = sum(w * start.Value(e) for w, e in ctx.terms[Rule.FAIRNESS])
    assert fair == validate(search.scenario, search.roster()).costs()["fairness_nights"] == NIGHT_WEIGHT * 6
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 10.0
    assert solver.Solve(ctx.model) == cp_model.OPTIMAL
    nights = {}
    for a in extract(ctx, solver):
        nights[a.staff] = nights.get(a.staff, 0) + (a.shift == "N")
    assert sorted(nights.values()) == [1, 1, 1, 2]  # everyone in the band the current five nights give


def test_a_model_move_brings_the_nights_into_the_band() -> None:
    search = _every_night_on_one()
    before = search.cost()
    kept = lns.move(search, [0, 1, 2, 3], (0, search.n - 1), 5.0, 0, search.all_minutes())
    assert kept and search.cost() < before
    assert _outside(search) == []
    assert validate(search.scenario, search.roster()).cost == search.cost()
