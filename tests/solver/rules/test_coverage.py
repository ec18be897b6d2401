from roster.validate import validate
from tests.conftest import roster_of, run, tiny


def test_hard_seats_filled_exactly():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}])
    r = run(sc)
    assert r.status == "OPTIMAL"
    per_day = {}
    for a in r.roster:
        per_day[a.date] = per_day.get(a.date, 0) + 1
    assert len(per_day) == 7 and set(per_day.values()) == {1}


def test_too_few_people_is_infeasible():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 3}])
    assert run(sc).status == "INFEASIBLE"


def test_soft_seats_cost_weight_per_missing_seat():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": {"value": 3, "weight": 100}}])
    r = run(sc)
    # 21 seats; two people at 40 h a week work 5 shifts each: 11 seats stay empty
    assert r.terms["coverage_shortfall"] == 11 * 100
    assert r.objective == 1100


def test_extra_heads_cost_overstaffing_weight_when_max_missing():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 1}],
              requests=[{"staff": "A", "date": "2026-12-08", "shift": "D", "weight": 5},
                        {"staff": "B", "date": "2026-12-08", "shift": "D", "weight": 5}])
    r = run(sc)
    assert r.terms["overstaffing"] == 1 and r.terms["requests"] == 0


def test_role_substitution_is_transitive():
    sc = tiny(roles=[{"id": "agent"}, {"id": "lead", "covers": ["agent"]}, {"id": "deputy", "covers": ["lead"]}],
              staff=[{"id": "A", "roles": ["agent"]}, {"id": "L", "roles": ["deputy"]}],
              demand=[{"shift": "D", "role": "agent", "min": 2, "max": 2}],
              rules={"max_consecutive_work_days": 7, "max_hours_per_week": 60})
    r = run(sc)
    assert r.status == "OPTIMAL"
    assert {a.role for a in r.roster} == {"agent"}
    assert {a.staff for a in r.roster} == {"A", "L"}


def test_lower_role_cannot_fill_higher_seat():
    sc = tiny(roles=[{"id": "agent"}, {"id": "lead", "covers": ["agent"]}],
              demand=[{"shift": "D", "role": "lead", "min": 1}])
    assert run(sc).status == "INFEASIBLE"


def test_roleless_line_counts_everyone():
    sc = tiny(demand=[{"shift": "D", "min": 2, "max": 2, "days": ["mon"]}])
    r = run(sc)
    assert r.status == "OPTIMAL" and len(r.roster) == 2


def test_last_matching_line_wins():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1},
                      {"shift": "D", "role": "agent", "min": 2, "max": 2, "days": ["2026-12-09"]}])
    r = run(sc)
    counts = {}
    for a in r.roster:
        counts[str(a.date)] = counts.get(str(a.date), 0) + 1
    assert counts["2026-12-09"] == 2 and counts["2026-12-08"] == 1


def test_validator_names_the_missing_seat():
    sc = tiny(demand=[{"shift": "N", "role": "agent", "min": 1, "max": 1, "days": ["2026-12-07"]}])
    report = validate(sc, roster_of())
    assert [v.text for v in report.hard] == ["2026-12-07 N: agent seats 0 of 1"]
    report = validate(sc, roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-07", "B", "N", "agent")))
    assert [v.text for v in report.hard] == ["2026-12-07 N: 2 agent on duty, at most 1"]
