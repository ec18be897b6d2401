from roster.model.rule_names import Rule
from roster.solver.solve import build
from roster.validate import validate
from tests.conftest import roster_of, run, tiny
from tests.verify import verify

ONE = [{"id": "A", "roles": ["agent"]}]


def test_night_then_day_breaks_rest():
    sc = tiny(staff=ONE, demand=[{"shift": "N", "role": "agent", "min": 1, "days": ["2026-12-07"]},
                                 {"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-08"]}])
    assert run(sc).status == "INFEASIBLE"


def test_soft_rest_costs_its_weight():
    sc = tiny(staff=ONE, demand=[{"shift": "N", "role": "agent", "min": 1, "days": ["2026-12-07"]},
                                 {"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-08"]}],
              rules={"min_rest_hours": {"value": 12, "weight": 7}})
    r = run(sc)
    assert r.status == "OPTIMAL" and r.terms["rest"] == 7


def test_two_shifts_on_one_day_are_impossible():
    sc = tiny(staff=ONE, shifts=[{"id": "D", "start": "06:00", "end": "10:00"},
                                 {"id": "N", "start": "22:00", "end": "06:00"}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-08"]},
                      {"shift": "N", "role": "agent", "min": 1, "days": ["2026-12-08"]}])
    assert run(sc).status == "INFEASIBLE"


def test_overlap_is_hard_even_without_rest_rule():
    sc = tiny(staff=ONE, shifts=[{"id": "D", "start": "06:00", "end": "14:00"},
                                 {"id": "N", "start": "22:00", "end": "08:00"}],
              demand=[{"shift": "N", "role": "agent", "min": 1, "days": ["2026-12-07"]},
                      {"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-08"]}],
              rules={"min_rest_hours": None})
    assert run(sc).status == "INFEASIBLE"
    report = validate(sc, roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-08", "A", "D", "agent")))
    assert any(v.rule == "overlap" for v in report.hard)


def test_validator_words_short_rest():
    sc = tiny(staff=ONE, demand=[{"shift": "N", "role": "agent", "min": 0, "max": 1},
                                 {"shift": "D", "role": "agent", "min": 0, "max": 1}])
    report = validate(sc, roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-08", "A", "D", "agent")))
    assert [v.text for v in report.hard] == ["A 2026-12-07 N → 2026-12-08 D: 0 h rest, at least 12"]


def test_forbidden_sequence():
    base = dict(staff=ONE, shifts=[{"id": "D", "start": "08:00", "end": "16:00"},
                                   {"id": "E", "start": "14:00", "end": "22:00"}],
                demand=[{"shift": "E", "role": "agent", "min": 1, "days": ["2026-12-07"]},
                        {"shift": "D", "role": "agent", "min": 1, "days": ["2026-12-08"]}])
    assert run(tiny(**base, rules={"min_rest_hours": None})).status == "OPTIMAL"
    sc = tiny(**base, rules={"min_rest_hours": None, "forbidden_sequences": [["E", "D"]]})
    assert run(sc).status == "INFEASIBLE"
    report = validate(sc, roster_of(("2026-12-07", "A", "E", "agent"), ("2026-12-08", "A", "D", "agent")))
    assert [v.text for v in report.hard] == ["A 2026-12-07: E followed by D the next day is not allowed"]
    soft = tiny(**base, rules={"min_rest_hours": None, "forbidden_sequences": [["E", "D"]],
                               "forbidden_sequences_weight": 9})
    assert run(soft).terms["sequence"] == 9


def test_forbidden_orders_that_share_followers_are_one_constraint_with_the_same_meaning():
    """E and L may not precede D or M: grouped into one constraint per day, still one pair each."""
    shifts = [{"id": "D", "start": "08:00", "end": "12:00"}, {"id": "M", "start": "10:00", "end": "14:00"},
              {"id": "E", "start": "14:00", "end": "18:00"}, {"id": "L", "start": "16:00", "end": "20:00"}]
    pairs = [["E", "D"], ["E", "M"], ["L", "D"], ["L", "M"], ["D", "M"]]
    sc = tiny(staff=ONE, shifts=shifts, demand=[{"shift": s["id"], "role": "agent", "min": 0, "max": 1}
                                                for s in shifts],
              rules={"min_rest_hours": None, "forbidden_sequences": pairs, "forbidden_sequences_weight": 5})
    days = len(build(sc).calendar)
    # two groups a day, {D} before {M} and {E, L} before {D, M}, not five pairs
    assert len(build(sc).terms["sequence"]) == 2 * (days - 1)
    # the cost is still per pair worked: E then D on one pair of days, L then M on another
    want = [("2026-12-07", "A", "E", "agent"), ("2026-12-08", "A", "D", "agent"),
            ("2026-12-10", "A", "L", "agent"), ("2026-12-11", "A", "M", "agent")]
    pinned = tiny(staff=ONE, shifts=shifts, demand=[{"shift": s["id"], "role": "agent", "min": 0, "max": 1}
                                                    for s in shifts],
                  rules={"min_rest_hours": None, "forbidden_sequences": pairs, "forbidden_sequences_weight": 5},
                  fixed=[{"staff": "A", "date": d, "shift": s} for d, _, s, _ in want])
    r = run(pinned)
    assert r.status == "OPTIMAL" and r.terms["sequence"] == 10
    assert validate(pinned, roster_of(*want)).costs()["sequence"] == 10


def test_verify_prices_soft_rest_and_sequences():
    sc = tiny(staff=ONE, rules={"min_rest_hours": {"value": 12, "weight": 7}, "forbidden_sequences": [["N", "D"]],
                                "forbidden_sequences_weight": 4},
              demand=[{"shift": s, "role": "agent", "min": 0, "max": 1} for s in ("D", "N")])
    night_then_day = roster_of(("2026-12-07", "A", "N", None), ("2026-12-08", "A", "D", None))
    verify(Rule.REST).given(sc, night_then_day).costs(7 + 4)
    verify(Rule.REST).given(sc, roster_of(("2026-12-07", "A", "D", None), ("2026-12-08", "A", "N", None))).costs(0)
