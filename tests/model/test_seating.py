"""Seat roles for imported rosters: minimum seats first, own roles preferred, maximum kept."""

from __future__ import annotations

import datetime as dt

from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.seating import seat_roles
from roster.validate import validate

DAY = dt.date(2026, 12, 7)


def centre():
    return scenario_from_dict({
        "horizon": {"start": "2026-12-07", "end": "2026-12-07"},
        "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}, {"id": "deputy", "covers": ["lead"]}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}],
        "staff": [{"id": "L", "roles": ["lead"]}, {"id": "P", "roles": ["deputy"]},
                  {"id": "A1", "roles": ["agent"]}, {"id": "A2", "roles": ["agent"]}],
        "demand": [{"shift": "D", "role": "agent", "min": 2, "max": 3}, {"shift": "D", "role": "lead", "min": 1,
                                                                          "max": 1}],
        "rules": {"min_consecutive_days_off": 0},
    })


def test_a_greedy_seating_would_miss_the_lead_seat():
    sc = centre()
    roster = Roster.of([Assignment(DAY, "L", "D"), Assignment(DAY, "P", "D"), Assignment(DAY, "A1", "D")],
                       [LeaveDay(DAY, "A2", "annual")])
    seated = seat_roles(sc, roster)
    roles = {a.staff: a.role for a in seated}
    assert roles["A1"] == "agent" and sorted([roles["L"], roles["P"]]) == ["agent", "lead"]
    assert seated.leave == roster.leave
    assert [v for v in validate(sc, seated).violations if v.rule.startswith("coverage")] == []


def test_given_roles_stay_and_extra_people_fill_free_seats():
    sc = centre()
    roster = Roster.of([Assignment(DAY, "P", "D", "lead"), Assignment(DAY, "L", "D"), Assignment(DAY, "A1", "D"),
                        Assignment(DAY, "A2", "D")])
    roles = {a.staff: a.role for a in seat_roles(sc, roster)}
    assert roles == {"P": "lead", "L": "agent", "A1": "agent", "A2": "agent"}
    assert seat_roles(sc, Roster.of([Assignment(DAY, "A1", "D", "agent")])).assignments[0].role == "agent"


def test_a_grid_for_interval_needs_seats_a_spare_lead_as_an_agent():
    """Two leads on a shift, one lead and one agent needed per interval: one of them sits as an agent."""
    hours = [{"interval": f"{h:02d}:{m:02d}", "agents": 1} for h in range(8, 16) for m in (0, 30)]
    sc = scenario_from_dict({
        "horizon": {"start": "2026-12-07", "end": "2026-12-07"},
        "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}],
        "staff": [{"id": "L1", "roles": ["lead"]}, {"id": "L2", "roles": ["lead"]}],
        "demand": [{"role": "agent", "per_interval": hours}, {"role": "lead", "per_interval": hours}],
    })
    seated = seat_roles(sc, Roster.of([Assignment(DAY, "L1", "D"), Assignment(DAY, "L2", "D")]))
    assert sorted(a.role for a in seated) == ["agent", "lead"]
    assert validate(sc, seated).cost == 0
    both_leads = Roster.of([Assignment(DAY, "L1", "D", "lead"), Assignment(DAY, "L2", "D", "lead")])
    assert validate(sc, both_leads).cost == 16 * 100 + 16 * 1  # 16 intervals an agent short, a lead over
