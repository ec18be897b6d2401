"""availability.blocked: the first thing that stops a person working a shift, and why_not's words."""

from __future__ import annotations

from roster.model.availability import Block, blocked, why_not
from roster.model.calendar import Calendar
from roster.model.parse import scenario_from_dict

# Mon 7 .. Sun 13 December 2026; E runs on workdays only.
SC = scenario_from_dict({
    "horizon": {"start": "2026-12-07", "end": "2026-12-13"},
    "roles": [{"id": "agent"}],
    "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}, {"id": "E", "start": "16:00", "end": "22:00",
                                                                "on": "workdays"}],
    "staff": [{"id": "A1", "roles": ["agent"], "days_off": ["2026-12-08"], "cannot": ["E"]},
              {"id": "A2", "roles": ["agent"], "max_shifts": {"E": 0}}],
    "demand": [{"shift": "D", "min": 0, "max": 2}, {"shift": "E", "min": 0, "max": 2}],
    "fixed": [{"staff": "A2", "date": "2026-12-09", "off": True}, {"staff": "A2", "date": "2026-12-10", "shift": "E"}],
    "leave": [{"staff": "A2", "type": "sick", "start": "2026-12-11", "end": "2026-12-11", "half": "pm"}],
    "rules": {"min_consecutive_days_off": 0},
}, "case.yaml")
CAL = Calendar(SC)
A1, A2 = SC.staff


def test_each_kind_in_order_with_its_words():
    cases = [  # (person, day, shift index, block, words)
        (A1, 5, 1, Block("not_running"), "shift E does not run on 2026-12-12"),   # Saturday, E runs workdays
        (A1, 1, 0, Block("day_off"), "A1 has a fixed day off"),
        (A2, 2, 0, Block("pinned_off"), "A2 is pinned off"),
        (A2, 3, 0, Block("pinned_to", "E"), "A2 is pinned to E"),
        (A2, 4, 0, Block("leave", "sick"), "A2 on sick leave"),                   # 08-16 meets the pm half
        (A1, 0, 1, Block("cannot"), "A1 cannot work E"),
        (A2, 0, 1, Block("no_shifts"), "A2 may work no E shifts"),
    ]
    for person, day, shift, block, words in cases:
        assert blocked(SC, CAL, person, day, shift) == block
        assert why_not(SC, CAL, person, day, shift) == words


def test_nothing_stops_a_free_cell_and_pins_can_be_left_out():
    assert blocked(SC, CAL, A1, 0, 0) is None and why_not(SC, CAL, A1, 0, 0) is None
    assert blocked(SC, CAL, A2, 3, 0, pins=False) is None        # the pin to E aside, D is free
