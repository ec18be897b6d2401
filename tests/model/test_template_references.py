"""Template ids wherever a shift id is accepted: each stands for all its starts, a bad id is named once."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.model.parse import ScenarioError
from roster.services.swaps import apply_swap, parse_swap
from roster.validate import validate
from tests.conftest import roster_of, run, tiny

# template A: starts 07:00, 07:30, 08:00 (8 h); shift N 22:00-07:00 stays a plain shift
TEMPLATES = {"shift_templates": [{"id": "A", "start_between": ["07:00", "08:00"], "every": 30, "hours": 8}],
             "shifts": [{"id": "N", "start": "22:00", "end": "07:00"}]}
STARTS = ("A0700", "A0730", "A0800")


SEATS = [{"shift": s, "role": "agent", "min": 0, "max": 1} for s in (*STARTS, "N")]


def with_templates(**over):
    return tiny(**{**TEMPLATES, "demand": SEATS, **over})


def test_cannot_takes_every_start():
    sc = with_templates(staff=[{"id": "A", "roles": ["agent"], "cannot": ["A"]}, {"id": "B", "roles": ["agent"]}])
    assert sc.staff_by_id["A"].cannot == STARTS


def test_forbidden_sequences_take_every_pair():
    sc = with_templates(rules={"forbidden_sequences": [["N", "A"]]},
                        staff=[{"id": "A", "roles": ["agent"], "forbidden_sequences": [["A", "A"]]},
                               {"id": "B", "roles": ["agent"]}])
    assert sc.rules.forbidden_sequences == tuple(("N", s) for s in STARTS)
    assert len(sc.staff_by_id["A"].forbidden_sequences) == 9
    # and the validator reads it: N then A0730 the next morning is refused
    report = validate(sc, roster_of(("2026-12-07", "B", "N", "agent"), ("2026-12-08", "B", "A0730", "agent")))
    assert any(v.rule == "sequences" or "A0730" in v.text for v in report.hard), [v.text for v in report.hard]


def test_max_shifts_caps_the_template_as_a_whole():
    sc = with_templates(staff=[{"id": "A", "roles": ["agent"], "max_shifts": {"A": 2}},
                               {"id": "B", "roles": ["agent"]}])
    rules = sc.rules_for("A")
    assert rules.max_shifts == dict.fromkeys(STARTS, 2) and rules.max_template_shifts == {"A": 2}
    three = roster_of(("2026-12-07", "A", "A0700", "agent"), ("2026-12-08", "A", "A0730", "agent"),
                      ("2026-12-09", "A", "A0800", "agent"))
    hard = [v.text for v in validate(sc, three).hard]
    assert hard == ["A: 3 A shifts (all starts), at most 2"]
    assert validate(sc, roster_of(*three_cells()[:2])).hard == []
    # the solver keeps the total: five days want someone on A, B works them or they stay short
    busy = with_templates(staff=[{"id": "A", "roles": ["agent"], "max_shifts": {"A": 2}}],
                          demand=SEATS + [{"shift": "A0700", "role": "agent", "min": {"value": 1, "weight": 10}}])
    r = run(busy)
    assert sum(1 for a in r.roster if a.staff == "A" and a.shift in STARTS) == 2


def three_cells():
    return [("2026-12-07", "A", "A0700", "agent"), ("2026-12-08", "A", "A0730", "agent"),
            ("2026-12-09", "A", "A0800", "agent")]


def test_a_zero_cap_on_a_template_prunes_every_start():
    sc = with_templates(staff=[{"id": "A", "roles": ["agent"], "max_shifts": {"A": 0}},
                               {"id": "B", "roles": ["agent"]}],
                        demand=SEATS + [{"shift": "A0700", "role": "agent", "min": 1, "days": ["2026-12-07"]}])
    r = run(sc)
    assert [a.staff for a in r.roster if a.shift in STARTS] == ["B"]


def test_a_pin_on_a_template_takes_one_of_its_starts():
    sc = with_templates(fixed=[{"staff": "A", "date": "2026-12-09", "shift": "A"}],
                        demand=[{"shift": "A0800", "role": "agent", "min": 0, "max": 1},
                                {"shift": "N", "role": "agent", "min": 0, "max": 1}])
    pin = sc.fixed[0]
    assert pin.shifts == STARTS
    r = run(sc)
    cells = {(a.staff, str(a.date)): a.shift for a in r.roster}
    assert cells[("A", "2026-12-09")] == "A0800"  # the only start with a seat
    assert validate(sc, roster_of(("2026-12-09", "A", "A0800", "agent"))).hard == []
    hard = [v.text for v in validate(sc, roster_of(("2026-12-09", "A", "N", "agent"))).hard]
    assert "A 2026-12-09: pinned to A0700/A0730/A0800 but has N" in hard


def test_requests_for_a_template_cost_their_weight_once():
    sc = with_templates(staff=[{"id": "A", "roles": ["agent"]}],
                        demand=SEATS + [{"shift": "A0730", "role": "agent", "min": 1,
                                         "days": ["2026-12-07", "2026-12-08"]}],
                        requests=[{"staff": "A", "date": "2026-12-07", "shift": "A", "weight": 3},  # met by A0730
                                  {"staff": "A", "date": "2026-12-08", "shift": "A", "off": True, "weight": 2}])
    # a wish not to work a template is one wish per start; a wish to work it is one wish for any start
    assert [(rq.shift, rq.one_of, rq.off) for rq in sc.requests] == [
        ("A0700", STARTS, False), ("A0700", (), True), ("A0730", (), True), ("A0800", (), True)]
    r = run(sc)
    assert r.terms["requests"] == 2
    costs = validate(sc, roster_of(("2026-12-08", "A", "A0730", "agent"))).costs()
    assert costs["requests"] == 3 + 2


def test_history_on_a_template_takes_its_latest_start():
    sc = with_templates(history=[{"date": "2026-12-06", "staff": "A", "shift": "A"}])
    assert sc.history.worked[0].shift == "A0800"


def test_a_swap_may_name_the_template():
    sc = with_templates()
    roster = roster_of(("2026-12-09", "A", "A0730", "agent"))
    swapped = apply_swap(sc, roster, parse_swap("A:2026-12-09:A", "B"))
    assert [(a.staff, a.shift) for a in swapped] == [("B", "A0730")]
    with pytest.raises(ScenarioError, match="unknown shift or template"):
        apply_swap(sc, roster, parse_swap("A:2026-12-09:Q", "B"))


def test_expanding_twice_changes_nothing():
    sc = with_templates(rules={"forbidden_sequences": [["N", "A"]], "max_shifts": {"A": 4}},
                        fixed=[{"staff": "A", "date": "2026-12-09", "shift": "A"}],
                        requests=[{"staff": "B", "date": "2026-12-08", "shift": "A", "weight": 1}])
    again = type(sc).model_validate(sc.model_dump(by_alias=True))
    assert again == sc


@pytest.mark.parametrize("field, over", [
    ("rules.forbidden_sequences[1]", {"rules": {"forbidden_sequences": [["N", "A"], ["N", "B"]]}}),
    ("staff[0].cannot", {"staff": [{"id": "A", "roles": ["agent"], "cannot": ["A", "B"]}]}),
    ("rules.max_shifts", {"rules": {"max_shifts": {"A": 3, "B": 2}}}),
    ("fixed[0].shift", {"fixed": [{"staff": "A", "date": "2026-12-09", "shift": "B"}]}),
    ("requests[0].shift", {"requests": [{"staff": "A", "date": "2026-12-09", "shift": "B"}]}),
    ("history.worked[0].shift", {"history": [{"date": "2026-12-06", "staff": "A", "shift": "B"}]}),
])
def test_a_bad_id_is_named_once(field, over):
    with pytest.raises(ScenarioError) as err:
        with_templates(**over)
    text = str(err.value)
    assert err.value.field == field and err.value.value == "B", text
    assert text.count("'B'") == 1, text  # the value once, not again in the message
    assert "template ids" in text and "A0700" in text


def test_dates_stay_dates():
    sc = with_templates(fixed=[{"staff": "A", "date": "2026-12-09", "shift": "A"}])
    assert sc.fixed[0].date == dt.date(2026, 12, 9)
