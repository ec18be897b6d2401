import pytest

from roster.model.rule_names import Rule
from roster.validate import validate
from tests.conftest import roster_of, run, tiny
from tests.verify import verify

TWO_WEEKS = {"start": "2026-12-07", "end": "2026-12-20"}


def test_max_weekends_over_the_horizon():
    sc = tiny(horizon=TWO_WEEKS, staff=[{"id": "A", "roles": ["agent"], "max_weekends": 1}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-12", "2026-12-20"]}])
    assert run(sc).status == "INFEASIBLE"
    report = validate(sc, roster_of(("2026-12-12", "A", "D", None), ("2026-12-20", "A", "D", None)))
    assert [v.text for v in report.hard] == ["A: works 2 weekends, at most 1"]


def test_saturday_and_sunday_are_one_weekend():
    sc = tiny(horizon=TWO_WEEKS, staff=[{"id": "A", "roles": ["agent"], "max_weekends": 1}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-12", "2026-12-13"]}])
    assert run(sc).status == "OPTIMAL"


def test_weekends_per_month_soft():
    sc = tiny(horizon={"start": "2026-12-01", "end": "2026-12-31"},
              staff=[{"id": "A", "roles": ["agent"]}],
              rules={"max_weekends_per_month": {"value": 3, "weight": 6}},
              demand=[{"shift": "D", "role": "agent", "min": 1, "days": ["sat"]}])
    r = run(sc)
    assert r.terms["weekends"] == 6


def test_verify_prices_weekends_per_month_in_both_judges():
    sc = tiny(horizon={"start": "2026-12-01", "end": "2026-12-31"}, staff=[{"id": "A", "roles": ["agent"]}],
              rules={"max_weekends_per_month": {"value": 3, "weight": 6}, "max_hours_per_week": None},
              demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1}])
    four = roster_of(*[(d, "A", "D", None) for d in ("2026-12-05", "2026-12-12", "2026-12-19", "2026-12-26")])
    verify(Rule.WEEKENDS).given(sc, four).costs(6).says("A: works 4 weekends in 2026-12, at most 3")
    three = roster_of(*[(d, "A", "D", None) for d in ("2026-12-05", "2026-12-12", "2026-12-19", "2026-12-20")])
    verify(Rule.WEEKENDS).given(sc, three).costs(0)


def test_verify_refuses_a_hard_weekend_limit_broken():
    sc = tiny(horizon=TWO_WEEKS, staff=[{"id": "A", "roles": ["agent"], "max_weekends": 1}],
              demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1}])
    two = roster_of(("2026-12-12", "A", "D", None), ("2026-12-20", "A", "D", None))
    verify(Rule.WEEKENDS).given(sc, two).breaks("A: works 2 weekends, at most 1")
    with pytest.raises(AssertionError):
        verify(Rule.WEEKENDS).given(sc, two).costs(0)
