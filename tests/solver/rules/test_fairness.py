from collections import Counter

from roster.validate import validate
from tests.conftest import roster_of, run, tiny

FOUR = [{"id": x, "roles": ["agent"]} for x in "ABCD"]
TWO_WEEKS = {"start": "2026-12-07", "end": "2026-12-20"}


def test_nights_are_shared_evenly():
    sc = tiny(horizon=TWO_WEEKS, staff=FOUR, fairness={"nights": 10},
              demand=[{"shift": "N", "role": "agent", "min": 1, "max": 1}],
              requests=[{"staff": "A", "date": f"2026-12-{d:02d}", "shift": "N", "weight": 1} for d in range(7, 21)])
    r = run(sc)
    nights = Counter(a.staff for a in r.roster)
    assert max(nights.values()) - min(nights.values()) <= 1
    assert r.terms["fairness_nights"] == 0


def test_validator_prices_an_unfair_roster():
    sc = tiny(horizon=TWO_WEEKS, staff=FOUR, fairness={"nights": 10},
              rules={"max_consecutive_work_days": None, "max_hours_per_week": None},
              demand=[{"shift": "N", "role": "agent", "min": 1, "max": 1}])
    # 14 nights, four people: shares 3..4 each; A takes 8, B 6, C and D none
    cells = [(f"2026-12-{d:02d}", "A" if d < 15 else "B", "N", "agent") for d in range(7, 21)]
    cells = cells[:8] + [(f"2026-12-{d:02d}", "B", "N", "agent") for d in range(15, 21)]
    report = validate(sc, roster_of(*cells))
    costs = {v.staff: v.cost for v in report.soft}
    assert costs == {"A": 40, "B": 20, "C": 30, "D": 30}
