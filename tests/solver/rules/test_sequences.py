from roster.model.rule_names import Rule
from roster.validate import validate
from tests.conftest import roster_of, run, tiny
from tests.verify import verify

ONE = [{"id": "A", "roles": ["agent"]}]
EVERY_DAY = [{"shift": "D", "role": "agent", "min": 1, "max": 1}]


def test_seven_days_in_a_row_break_a_six_day_limit():
    sc = tiny(staff=ONE, demand=EVERY_DAY, rules={"max_hours_per_week": None})
    assert run(sc).status == "INFEASIBLE"
    assert run(tiny(staff=ONE, demand=EVERY_DAY,
                    rules={"max_hours_per_week": None, "max_consecutive_work_days": 7})).status == "OPTIMAL"


def test_soft_consecutive_limit_costs_weight_per_extra_day():
    sc = tiny(staff=ONE, demand=EVERY_DAY,
              rules={"max_hours_per_week": None, "max_consecutive_work_days": {"value": 5, "weight": 3}})
    r = run(sc)
    assert r.terms["max_consecutive"] == 2 * 3


def test_validator_words_a_long_run():
    sc = tiny(staff=ONE, rules={"max_hours_per_week": None})
    cells = [(f"2026-12-{d:02d}", "A", "D", None) for d in range(7, 14)]
    report = validate(sc, roster_of(*cells))
    assert "A: works 7 days in a row 2026-12-07..2026-12-13, at most 6" in [v.text for v in report.hard]


def test_single_day_off_inside_is_broken_by_two_day_minimum():
    sc = tiny(staff=[{"id": "A", "roles": ["agent"], "days_off": ["2026-12-09"]}],
              rules={"min_consecutive_days_off": 2, "max_hours_per_week": None},
              demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1},
                      {"shift": "D", "role": "agent", "min": 1, "days": ["mon", "tue", "thu", "fri"]}])
    assert run(sc).status == "INFEASIBLE"
    report = validate(sc, roster_of(*[(f"2026-12-{d:02d}", "A", "D", None) for d in (7, 8, 10, 11)]))
    assert [v.text for v in report.hard] == ["A: only 1 days off in a row from 2026-12-09, at least 2"]


def test_short_work_run_at_the_border_is_exempt():
    sc = tiny(staff=ONE, rules={"min_consecutive_work_days": 3},
              demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1},
                      {"shift": "D", "role": "agent", "min": 1, "days": ["mon"]}])
    r = run(sc)
    assert r.status == "OPTIMAL"
    inside = tiny(staff=ONE, rules={"min_consecutive_work_days": {"value": 3, "weight": 4}},
                  demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1, "days": ["mon", "tue", "thu", "fri"]},
                          {"shift": "D", "role": "agent", "min": 1, "days": ["wed"]}])
    r = run(inside)
    assert r.objective == 0  # a run of 3 around Wednesday is possible
    days_off = tiny(staff=[{"id": "A", "roles": ["agent"], "days_off": ["2026-12-08", "2026-12-10"]}],
                    rules={"min_consecutive_work_days": {"value": 3, "weight": 4}},
                    demand=[{"shift": "D", "role": "agent", "min": 1, "days": ["wed"]}])
    assert run(days_off).terms["min_consecutive_work"] == 4


def test_verify_prices_a_soft_run_limit_per_day_over():
    sc = tiny(staff=ONE, demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1}],
              rules={"max_hours_per_week": None, "max_consecutive_work_days": {"value": 5, "weight": 3}})
    seven = roster_of(*[(f"2026-12-{d:02d}", "A", "D", None) for d in range(7, 14)])
    verify(Rule.SEQUENCES).given(sc, seven).costs(2 * 3)
