"""The validator's interval coverage and break checks on hand-made rosters."""

from __future__ import annotations

import datetime as dt

from roster.model.roster import Assignment, Roster
from roster.validate import validate
from tests.conftest import tiny

MON = dt.date(2026, 12, 7)
SHIFTS = [{"id": "D", "start": "08:00", "end": "12:00", "break": {"minutes": 30, "within": ["09:00", "11:00"]}},
          {"id": "S", "start": "09:00", "end": "10:30"}]
NEED = [{"interval": t, "agents": 2} for t in ("08:00", "09:00", "09:30")]


def scenario(**line):
    return tiny(horizon={"start": str(MON), "end": str(MON)}, shifts=SHIFTS,
                demand=[{"role": "agent", "per_interval": NEED, **line}])


def test_people_short_and_over_cost_their_weights_per_interval():
    sc = scenario(under_weight=7, over_weight=3)
    one = Roster.of([Assignment(MON, "A", "D", "agent", break_at="09:00")])
    report = validate(sc, one)
    assert report.hard == []
    # 08:00 and 09:30 one short (the 1st step, 7), 09:00 two short (the 1st and 2nd steps, 7 + 14)
    assert report.costs() == {"interval_shortfall": 7 + (7 + 14) + 7}
    texts = [v.text for v in report.soft]
    assert texts[0] == "2026-12-07 08:00: 1 agent on the floor, 2 needed"
    three = tiny(horizon={"start": str(MON), "end": str(MON)}, shifts=SHIFTS,
                 staff=[{"id": x, "roles": ["agent"]} for x in "ABC"],
                 demand=[{"role": "agent", "per_interval": NEED, "over_weight": 3}])
    full = Roster.of([Assignment(MON, x, "D", "agent", break_at="10:30") for x in "ABC"])
    assert validate(three, full).costs() == {"interval_over": 3 * 3}


def test_a_break_must_be_placed_at_an_allowed_start():
    sc = scenario()
    cases = {None: "A 2026-12-07 D: no 30-minute break placed (within 09:00-11:00)",
             "09:10": "A 2026-12-07 D: break at 09:10 is not an allowed start (30 minutes within 09:00-11:00, "
                      "every 30 minutes)",
             "11:00": "A 2026-12-07 D: break at 11:00 is not an allowed start (30 minutes within 09:00-11:00, "
                      "every 30 minutes)"}
    for at, text in cases.items():
        report = validate(sc, Roster.of([Assignment(MON, "A", "D", "agent", break_at=at)]))
        assert [v.text for v in report.hard] == [text]
    assert validate(sc, Roster.of([Assignment(MON, "A", "D", "agent", break_at="10:30")])).hard == []


def test_a_shift_without_a_break_rule_has_no_break():
    sc = scenario()
    report = validate(sc, Roster.of([Assignment(MON, "A", "S", "agent", break_at="09:30")]))
    assert [v.text for v in report.hard] == ["A 2026-12-07 S: a break at 09:30, but the shift has no break to place"]


def test_a_roster_without_seat_roles_keeps_its_breaks():
    sc = scenario()
    report = validate(sc, Roster.of([Assignment(MON, "A", "D", None, break_at="10:30")]))
    assert report.hard == []
    assert report.costs() == {"interval_shortfall": 100 * 3}
