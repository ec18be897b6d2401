"""Seat counting (model/counting.py), worked out by hand, and its three users agreeing on it."""

from __future__ import annotations

import datetime as dt

from roster.app.views import coverage, coverage_by_shift
from roster.model.calendar import Calendar
from roster.model.counting import seat_counts
from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.services.compare import unmet_seats
from roster.validate import validate

MON = dt.date(2026, 12, 7)


def centre(posts=()):
    """One day, one shift D: 2 agent seats and 1 lead seat; a lead covers agents."""
    return scenario_from_dict({
        "horizon": {"start": "2026-12-07", "end": "2026-12-07"},
        "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}, {"id": "clerk"}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}],
        "staff": [{"id": "L1", "roles": ["lead"]}, {"id": "L2", "roles": ["lead"]},
                  {"id": "A1", "roles": ["agent"]}, {"id": "C1", "roles": ["clerk"]},
                  {"id": "C2", "roles": ["clerk"]}],
        "demand": [{"shift": "D", "role": "agent", "min": 2, "max": 3},
                   {"shift": "D", "role": "lead", "min": 1, "max": 1}],
        "posts": list(posts),
        "rules": {"min_consecutive_days_off": 0},
    }, "centre.yaml")


def test_a_role_less_assignment_counts_once_toward_everyone_and_once_toward_its_seat():
    sc = centre()
    # A1 carries no role: seated as agent. Everyone on D: 1 (not 2), agent seats: 1.
    count = seat_counts(sc, Roster.of([Assignment(MON, "A1", "D")]))
    assert count[(0, "D", None)] == 1 and count[(0, "D", "agent")] == 1 and count[(0, "D", "lead")] == 0


def test_a_higher_role_fills_a_lower_seat_once_its_own_seats_are_full():
    sc = centre()
    # L1, L2 and A1 without roles: minimum seats first (lead 1, agent 2) -> one lead sits as lead,
    # the other lead and A1 take the two agent seats. Counts: everyone 3, lead 1, agent 2.
    roster = Roster.of([Assignment(MON, "L1", "D"), Assignment(MON, "L2", "D"), Assignment(MON, "A1", "D")])
    count = seat_counts(sc, roster)
    assert (count[(0, "D", None)], count[(0, "D", "lead")], count[(0, "D", "agent")]) == (3, 1, 2)
    # A lead given an agent seat by the roster keeps it: lead 0, agent 1.
    count = seat_counts(sc, Roster.of([Assignment(MON, "L1", "D", "agent")]))
    assert (count[(0, "D", "lead")], count[(0, "D", "agent")]) == (0, 1)


def test_post_duty_fills_the_seat_its_post_counts_toward_and_else_only_the_everyone_line():
    toward = {"id": "desk", "shift": "D", "a": "A1", "b": "L1", "counts_toward": "agent"}
    sc = centre([toward])
    # A1 on post duty, no role given: duty_role = agent (agent seats exist on D) -> agent 1.
    count = seat_counts(sc, Roster.of([Assignment(MON, "A1", "D", None, "desk")]))
    assert (count[(0, "D", None)], count[(0, "D", "agent")]) == (1, 1)
    # The same post counting toward nothing: the duty fills no role's seat, but is on the shift.
    sc = centre([{**toward, "counts_toward": None}])
    count = seat_counts(sc, Roster.of([Assignment(MON, "A1", "D", None, "desk")]))
    assert (count[(0, "D", None)], count[(0, "D", "agent")]) == (1, 0)
    # counts_toward a role with no seats on D (clerk): no seat either.
    sc = centre([{**toward, "a": "C1", "b": "C2", "counts_toward": "clerk"}])
    count = seat_counts(sc, Roster.of([Assignment(MON, "C1", "D", None, "desk")]))
    assert (count[(0, "D", None)], count[(0, "D", "clerk")]) == (1, 0)


def test_only_known_people_and_shifts_inside_the_horizon_count_and_one_shift_a_day():
    sc = centre()
    roster = Roster.of([Assignment(MON, "A1", "D", "agent"), Assignment(MON, "A1", "D", "agent"),
                        Assignment(MON, "X9", "D", "agent"), Assignment(MON + dt.timedelta(days=1), "A1", "D"),
                        Assignment(MON, "L1", "Z")])
    count = seat_counts(sc, roster)
    assert dict(count) == {(0, "D", None): 1, (0, "D", "agent"): 1}


def test_validator_what_if_and_app_count_the_same_seats():
    sc = centre()
    # L1, A1 and C1 without roles. Seated: L1 lead, A1 agent; C1 fits no seat (clerk) -> everyone only.
    # Shortfall: agent 2 - 1 = 1, lead 0 -> one unmet seat.
    roster = Roster.of([Assignment(MON, "L1", "D"), Assignment(MON, "A1", "D"), Assignment(MON, "C1", "D")])
    cal = Calendar(sc)
    short = [v for v in validate(sc, roster, cal).violations if v.rule == "coverage_shortfall"]
    assert [v.text for v in short] == [f"{MON} D: agent seats 1 of 2"]
    assert unmet_seats(sc, roster, cal) == 1
    table = coverage(sc, roster, cal).set_index("role")
    assert (table.loc["agent", "have"], table.loc["lead", "have"]) == (1, 1)
    assert table["short"].sum() == 1
    assert coverage_by_shift(sc, roster, cal)[(MON, "D")] == (3, 3)
