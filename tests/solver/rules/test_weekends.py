from roster.validate import validate
from tests.conftest import roster_of, run, tiny

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
