"""solve_in_tiers: an earlier tier is never traded for a later one."""

from __future__ import annotations

import datetime as dt

from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.solver import SolveOptions
from roster.solver.lexicographic import solve_in_tiers
from roster.solver.rules import FAMILIES
from roster.solver.rules.changes import COUNT_ONLY, changes_family
from roster.solver.solve import build

MON = dt.date(2026, 12, 7)


def test_changes_first_then_requests():
    # One day, one seat on D, two agents. Published: A1 works D. A2 asks for D (weight 5).
    # Tier 1, changes (count only): keeping A1 costs 0, giving D to A2 changes 2 cells -> keep A1.
    # The request (5) would rather have A2: in one objective the swap wins (2 changed cells cost
    # 2 < 5). In tiers the changes come first, so the request stays unmet: requests 5, changes 0.
    sc = scenario_from_dict({
        "horizon": {"start": "2026-12-07", "end": "2026-12-07"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}],
        "staff": [{"id": "A1", "roles": ["agent"]}, {"id": "A2", "roles": ["agent"]}],
        "demand": [{"shift": "D", "min": 1, "max": 1}],
        "requests": [{"staff": "A2", "date": "2026-12-07", "shift": "D", "weight": 5}],
        "rules": {"min_consecutive_days_off": 0},
    }, "case.yaml")
    published = Roster.of([Assignment(MON, "A1", "D", "agent")])
    ctx = build(sc, families=[*FAMILIES.values(), changes_family(published, MON, COUNT_ONLY)])
    result = solve_in_tiers(ctx, published, [(("changes",), 0)], SolveOptions(time_limit=10, workers=1))
    assert result.feasible
    assert [(a.staff, a.shift) for a in result.roster] == [("A1", "D")]
    assert result.terms.get("changes", 0) == 0 and result.terms.get("requests") == 5
