from roster.model.rule_names import Rule
from roster.validate import validate
from tests.conftest import roster_of, run, tiny
from tests.verify import verify

ONE = [{"id": "A", "roles": ["agent"]}]
OPEN = [{"shift": "D", "role": "agent", "min": 0, "max": 1}]
SIX_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]


def test_six_day_shifts_break_forty_hours():
    sc = tiny(staff=ONE, demand=[{"shift": "D", "role": "agent", "min": 1, "days": SIX_DAYS}])
    assert run(sc).status == "INFEASIBLE"
    report = validate(sc, roster_of(*[(f"2026-12-{d:02d}", "A", "D", None) for d in range(7, 13)]))
    assert [v.text for v in report.hard] == ["A: 48 h in the week of 2026-12-07, at most 40"]


def test_per_person_override_of_weekly_hours():
    sc = tiny(staff=[{"id": "A", "roles": ["agent"], "max_hours_per_week": 24}, {"id": "B", "roles": ["agent"]}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1, "days": SIX_DAYS}],
              requests=[{"staff": "A", "date": f"2026-12-{d:02d}", "shift": "D", "weight": 1} for d in range(7, 13)])
    r = run(sc)
    assert sum(1 for a in r.roster if a.staff == "A") == 3


def test_total_hours_min_and_max():
    sc = tiny(staff=[{"id": "A", "roles": ["agent"], "min_hours_total": 24, "max_hours_total": 24}],
              demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1}])
    r = run(sc)
    assert len(r.roster) == 3
    report = validate(sc, roster_of(("2026-12-07", "A", "D", None)))
    assert [v.text for v in report.hard] == ["A: 8 h in the horizon, at least 24"]


def test_max_shifts_of_a_type():
    sc = tiny(staff=[{"id": "A", "roles": ["agent"], "max_shifts": {"N": 1}}],
              demand=[{"shift": "N", "role": "agent", "min": 1, "days": ["mon", "thu"]}])
    assert run(sc).status == "INFEASIBLE"
    sc0 = tiny(staff=[{"id": "A", "roles": ["agent"], "max_shifts": {"N": 0}}, {"id": "B", "roles": ["agent"]}],
               demand=[{"shift": "N", "role": "agent", "min": 1, "days": ["mon"]}])
    r = run(sc0)
    assert [a.staff for a in r.roster] == ["B"]


def test_verify_prices_soft_weekly_hours_per_minute_over():
    sc = tiny(staff=ONE, rules={"max_hours_per_week": {"value": 40, "weight": 1}}, demand=OPEN)
    six = roster_of(*[(f"2026-12-{d:02d}", "A", "D", None) for d in range(7, 13)])
    verify(Rule.HOURS).given(sc, six).costs(8 * 60).says("A: 48 h in the week of 2026-12-07, at most 40")
    verify(Rule.HOURS).given(sc, roster_of(("2026-12-07", "A", "D", None))).costs(0)


def test_verify_refuses_too_few_hours():
    sc = tiny(staff=[{"id": "A", "roles": ["agent"], "min_hours_total": 24}], demand=OPEN)
    verify(Rule.HOURS).given(sc, roster_of(("2026-12-07", "A", "D", None))).breaks("A: 8 h in the horizon, at least 24")
