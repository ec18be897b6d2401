from roster.validate import validate
from tests.conftest import roster_of, run, tiny


def test_nobody_works_during_leave():
    sc = tiny(leave=[{"staff": "A", "type": "annual", "start": "2026-12-08", "end": "2026-12-09"}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}])
    r = run(sc)
    assert not [a for a in r.roster if a.staff == "A" and str(a.date) in ("2026-12-08", "2026-12-09")]


def test_night_before_leave_overlaps_it():
    sc = tiny(staff=[{"id": "A", "roles": ["agent"]}],
              leave=[{"staff": "A", "type": "sick", "start": "2026-12-08", "end": "2026-12-08"}],
              demand=[{"shift": "N", "role": "agent", "min": 1, "days": ["2026-12-07"]}])
    assert run(sc).status == "INFEASIBLE"
    report = validate(sc, roster_of(("2026-12-07", "A", "N", "agent")))
    assert [v.text for v in report.hard] == ["A 2026-12-07: works N during sick leave"]


def test_pins_are_kept_and_conflicting_pins_fail():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}],
              fixed=[{"staff": "B", "date": "2026-12-09", "shift": "D"},
                     {"staff": "A", "date": "2026-12-10", "off": True}])
    r = run(sc)
    cells = {(a.staff, str(a.date)): a.shift for a in r.roster}
    assert cells[("B", "2026-12-09")] == "D" and ("A", "2026-12-10") not in cells
    clash = tiny(leave=[{"staff": "B", "start": "2026-12-09", "end": "2026-12-09"}],
                 fixed=[{"staff": "B", "date": "2026-12-09", "shift": "D"}])
    assert run(clash).status == "INFEASIBLE"
    report = validate(sc, roster_of(("2026-12-10", "A", "D", None)))
    assert "B 2026-12-09: pinned to D but has off" in [v.text for v in report.hard]
    assert "A 2026-12-10: pinned off but works D" in [v.text for v in report.hard]


def test_requests_cost_exactly_their_weight():
    sc = tiny(staff=[{"id": "A", "roles": ["agent"]}],
              demand=[{"shift": "D", "role": "agent", "min": 1, "days": ["mon"]}],
              requests=[{"staff": "A", "date": "2026-12-07", "off": True, "weight": 5},     # broken: must work
                        {"staff": "A", "date": "2026-12-08", "shift": "N", "weight": 3},    # met
                        {"staff": "A", "date": "2026-12-07", "shift": "D", "off": True, "weight": 2}])  # broken
    nights = tiny(demand=[{"shift": "N", "role": "agent", "min": 0, "max": 1}]).demand
    sc = sc.model_copy(update={"demand": sc.demand + nights})
    r = run(sc)
    assert r.terms["requests"] == 7
    cells = {str(a.date): a.shift for a in r.roster}
    assert cells["2026-12-08"] == "N"
