"""The edits rule families offer as repairs (solver/relax.py): each changes a scenario's data the
way its name says, and the changed data is still a valid scenario."""

from __future__ import annotations

import datetime as dt

from roster.model.parse import scenario_from_dict
from roster.solver.context import Label
from roster.solver.relax import (
    new_person,
    rule_of,
    set_all_rule,
    set_person_rule,
    staff_of,
    without_day,
)
from tests.conftest import tiny

D = dt.date


def people(**over):
    return tiny(staff=[{"id": "A", "roles": ["agent"], "max_hours_per_week": 32, "days_off": ["2026-12-09"]},
                       {"id": "B", "roles": ["agent"], "cannot": ["N"]},
                       {"id": "C", "roles": ["agent"]}], **over)


def edited(sc, change):
    data = sc.model_dump()
    change(data)
    return scenario_from_dict(data, "edited.yaml")


def test_staff_of_reads_a_staff_id_at_the_head_of_the_key():
    sc = people()
    assert staff_of(sc, Label("rest", ("A", D(2026, 12, 7)), "", "")) == "A"
    assert staff_of(sc, Label("coverage", (D(2026, 12, 7), "D"), "", "")) is None
    assert staff_of(sc, Label("rest", ("Z",), "", "")) is None
    assert staff_of(sc, Label("fixed", (), "", "")) is None


def test_a_person_rule_and_the_scenario_rule_are_read_with_the_persons_override():
    sc = people()
    assert rule_of(sc, "A", "max_hours_per_week") == 32
    assert rule_of(sc, "B", "max_hours_per_week") == 40
    assert rule_of(sc, "B", "max_weekends") is None


def test_setting_one_persons_rule_leaves_the_others():
    sc = edited(people(), set_person_rule("B", "max_hours_per_week", 48))
    assert [rule_of(sc, s, "max_hours_per_week") for s in "ABC"] == [32, 48, 40]


def test_raising_a_rule_for_all_raises_each_override_by_the_same_step():
    sc = edited(people(), set_all_rule(people(), "max_hours_per_week", 8))
    assert [rule_of(sc, s, "max_hours_per_week") for s in "ABC"] == [40, 48, 48]


def test_a_new_hire_copies_the_least_restricted_person_of_the_role_under_a_new_id():
    sc = people()
    hire = new_person(sc, "agent")
    assert hire["id"] == "NEW-agent-1" and hire["roles"] == ["agent"]
    assert hire["cannot"] == [] and hire["days_off"] == []
    assert "max_hours_per_week" not in hire, "C, who has no limits of their own, is the model"
    assert new_person(sc, "agent", taken=["NEW-agent-1"])["id"] == "NEW-agent-2"
    bigger = edited(sc, lambda data: data.update(staff=[*data["staff"], hire]))
    assert [p.id for p in bigger.staff][-1] == "NEW-agent-1"


def test_a_new_hire_of_a_role_nobody_has_is_plain():
    hire = new_person(people(), "lead")
    assert hire["id"] == "NEW-lead-1" and hire["roles"] == ["lead"]


def test_taking_a_day_out_of_leave_splits_the_block_around_it():
    sc = people(leave=[{"staff": "A", "type": "annual", "start": "2026-12-08", "end": "2026-12-11"},
                       {"staff": "B", "type": "annual", "start": "2026-12-08", "end": "2026-12-08"}])
    data = sc.model_dump()
    without_day(data, "A", D(2026, 12, 9))
    spans = sorted((lv["staff"], lv["start"], lv["end"]) for lv in data["leave"])
    assert spans == [("A", D(2026, 12, 8), D(2026, 12, 8)), ("A", D(2026, 12, 10), D(2026, 12, 11)),
                     ("B", D(2026, 12, 8), D(2026, 12, 8))]
    without_day(data, "A", D(2026, 12, 8))  # the block's own edge: nothing is left before it
    assert sorted((lv["staff"], lv["start"]) for lv in data["leave"]) == \
        [("A", D(2026, 12, 10)), ("B", D(2026, 12, 8))]
    scenario_from_dict(data, "edited.yaml")
