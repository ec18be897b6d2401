"""Each family, one roster, both judges (tests/verify.py): the validator's check and the solver's
model of the family alone price the roster the same, and refuse it together."""

from __future__ import annotations

import pytest

from roster.model.rule_names import Rule
from roster.validate import CHECKS, Check
from roster.validate.checker import Soft
from roster.validate.checks import requests as wishes
from tests.conftest import roster_of, tiny
from tests.verify import verify

OPEN = [{"shift": s, "role": "agent", "min": 0, "max": 1} for s in ("D", "N")]
TWO_WEEKS = {"start": "2026-12-07", "end": "2026-12-20"}
FOUR = [{"id": x, "roles": ["agent"]} for x in "ABCD"]


def test_coverage_prices_each_empty_soft_seat_and_each_head_over():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": {"value": 1, "weight": 100},
                       "max": {"value": 1, "weight": 7}}])
    two_days = roster_of(("2026-12-07", "A", "D", "agent"), ("2026-12-07", "B", "D", "agent"),
                         ("2026-12-08", "A", "D", "agent"))
    verify(Rule.COVERAGE).given(sc, two_days).costs(5 * 100 + 7)  # five days empty, one head over


def test_coverage_refuses_a_hard_seat_left_empty():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1},
                      {"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-07"]}])
    verify(Rule.COVERAGE).given(sc, roster_of(("2026-12-08", "A", "D", "agent"))).breaks(
        "2026-12-07 D: agent seats 0 of 1")


def test_requests_cost_their_weight_when_not_met():
    sc = tiny(demand=OPEN, requests=[{"staff": "A", "date": "2026-12-08", "off": True, "weight": 3},
                                     {"staff": "B", "date": "2026-12-09", "shift": "N", "weight": 2},
                                     {"staff": "A", "date": "2026-12-10", "shift": "N", "off": True, "weight": 4}])
    met = roster_of(("2026-12-09", "B", "N", "agent"), ("2026-12-10", "A", "D", "agent"))
    verify(Rule.REQUESTS).given(sc, met).costs(0)
    missed = roster_of(("2026-12-08", "A", "D", "agent"), ("2026-12-10", "A", "N", "agent"))
    verify(Rule.REQUESTS).given(sc, missed).costs(3 + 2 + 4)


def test_fixed_cells_are_kept_or_refused():
    sc = tiny(demand=OPEN, fixed=[{"staff": "A", "date": "2026-12-08", "shift": "N"},
                                  {"staff": "B", "date": "2026-12-09", "off": True}])
    verify(Rule.FIXED).given(sc, roster_of(("2026-12-08", "A", "N", "agent"))).costs(0)
    verify(Rule.FIXED).given(sc, roster_of(("2026-12-08", "A", "N", "agent"), ("2026-12-09", "B", "D", "agent"))
                             ).breaks("B 2026-12-09: pinned off but works D")


def test_fair_shares_price_the_distance_from_each_band():
    sc = tiny(horizon=TWO_WEEKS, staff=FOUR, fairness={"nights": 10},
              rules={"max_consecutive_work_days": None, "max_hours_per_week": None},
              demand=[{"shift": "N", "role": "agent", "min": 1, "max": 1}])
    # 14 nights, four people: bands 3..4; A takes 8 (4 over), B 6 (2 over), C and D none (3 under each)
    cells = [(f"2026-12-{d:02d}", "A" if d < 15 else "B", "N", "agent") for d in range(7, 21)]
    verify(Rule.FAIRNESS).given(sc, roster_of(*cells[:8], *cells[8:])).costs(10 * (4 + 2 + 3 + 3))


def test_verify_fails_when_the_two_judges_disagree(monkeypatch):
    sc = tiny(demand=OPEN, requests=[{"staff": "A", "date": "2026-12-08", "off": True, "weight": 3}])
    missed = roster_of(("2026-12-08", "A", "D", "agent"))

    def dearer(chk) -> None:  # the validator's check with one unit too many
        wishes.run(chk)
        chk.add(Rule.REQUESTS, Soft(1), "one more", "")

    monkeypatch.setitem(CHECKS, Rule.REQUESTS, Check(Rule.REQUESTS, (Rule.REQUESTS,), dearer))
    with pytest.raises(AssertionError, match="the solver's model prices the roster 3, the validator 4"):
        verify(Rule.REQUESTS).given(sc, missed).costs(4)
