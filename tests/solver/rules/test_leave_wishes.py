"""Leave wishes: the solver places the days where coverage allows; the validator checks them."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.solver import SolveOptions, solve
from roster.validate import validate

MON = dt.date(2026, 12, 14)


def week(wishes, leave=()):
    return scenario_from_dict({
        "horizon": {"start": "2026-12-14", "end": "2026-12-20"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}],
        "staff": [{"id": "A", "roles": ["agent"], "hired": "2020-01-01"},
                  {"id": "B", "roles": ["agent"], "hired": "2020-01-01"}],
        "demand": [{"shift": "D", "role": "agent", "min": 1}],
        "rules": {"max_hours_per_week": 48, "max_consecutive_work_days": 7},
        "leave": list(leave),
        "leave_wishes": list(wishes),
    })


def test_wish_is_placed_where_coverage_allows():
    sc = week([{"staff": "A", "type": "annual", "days": 2, "window": {"start": "2026-12-14", "end": "2026-12-20"}}],
              leave=[{"staff": "B", "type": "personal", "start": "2026-12-15", "end": "2026-12-16"}])
    res = solve(sc, SolveOptions(time_limit=10, workers=2))
    assert res.status == "OPTIMAL"
    placed = [lv for lv in res.roster.leave if lv.staff == "A"]
    assert len(placed) == 2 and all(lv.type == "annual" for lv in placed)
    days = {lv.date for lv in placed}
    assert days.isdisjoint({MON + dt.timedelta(days=1), MON + dt.timedelta(days=2)})  # B away: A must work
    assert all(d.weekday() < 5 for d in days)  # annual counts workdays: never placed on Sat/Sun
    assert not [a for a in res.roster if a.staff == "A" and a.date in days]
    report = validate(sc, res.roster)
    assert report.ok, [str(v) for v in report.hard]
    assert report.cost == res.objective


def test_wish_that_coverage_cannot_allow_is_infeasible():
    sc = week([{"staff": "A", "type": "annual", "days": 1, "window": {"start": "2026-12-15", "end": "2026-12-15"}}],
              leave=[{"staff": "B", "type": "personal", "start": "2026-12-15", "end": "2026-12-15"}])
    assert solve(sc, SolveOptions(time_limit=10, workers=2)).status == "INFEASIBLE"


def test_validator_checks_the_placed_days():
    sc = week([{"staff": "A", "type": "annual", "days": 2, "window": {"start": "2026-12-14", "end": "2026-12-18"}}])
    work = [Assignment(MON + dt.timedelta(days=i), "B", "D", "agent") for i in range(7)]
    short = validate(sc, Roster.of(work, [LeaveDay(MON, "A", "annual")]))
    assert [v.text for v in short.hard if v.rule == "leave_wishes"] == \
        ["A: 1 of 2 annual leave days placed in 2026-12-14..2026-12-18"]
    sat = MON + dt.timedelta(days=5)
    outside = validate(sc, Roster.of(work, [LeaveDay(MON, "A", "annual"), LeaveDay(sat, "A", "annual")]))
    assert any("2026-12-19: planned annual leave that no leave wish asks for" in v.text for v in outside.hard)
    working = validate(sc, Roster.of([*work, Assignment(MON, "A", "D", "agent")],
                                     [LeaveDay(MON, "A", "annual"),
                                      LeaveDay(MON + dt.timedelta(days=1), "A", "annual")]))
    assert [v.text for v in working.hard if v.rule == "leave_wishes"] == \
        ["A 2026-12-14: works D (2026-12-14) during planned annual leave"]


def test_wishes_count_against_the_balance():
    data = week([]).model_dump(mode="json", exclude_defaults=True)
    data["leave_balances"] = [{"staff": "A", "type": "annual", "days": 3}]
    data["leave_wishes"] = [{"staff": "A", "days": 4, "window": {"start": "2026-12-14", "end": "2026-12-18"}}]
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(data)
    assert err.value.field == "leave_wishes[0]" and "4 days asked, 3 left" in err.value.message
