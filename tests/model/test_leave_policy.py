"""Leave policy, tenure, half days, the ledger and approval tiers."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.io.balances import leave_warnings, ledger
from roster.model.availability import allowed
from roster.model.calendar import Calendar
from roster.model.leave_policy import LeavePolicy, tenure_years
from roster.model.ledger import counted_days
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.scenario import Leave

START = dt.date(2026, 12, 1)


def scenario(leave=(), staff=None, **extra):
    """December 2026 with CN holidays; S01..S03 hired 11 months, 1 year and 20 years before the start."""
    return scenario_from_dict({
        "horizon": {"start": "2026-12-01", "end": "2026-12-31"},
        "holidays": {"country": "CN"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "O", "segments": [["08:30", "12:00"], ["14:30", "17:30"]]},
                   {"id": "E", "start": "14:00", "end": "22:00"}],
        "staff": staff or [{"id": "S01", "roles": ["agent"], "hired": "2026-01-01"},
                           {"id": "S02", "roles": ["agent"], "hired": "2025-12-01"},
                           {"id": "S03", "roles": ["agent"], "hired": "2006-12-01"},
                           {"id": "S04", "roles": ["agent"]}],
        "leave": list(leave),
        **extra,
    })


def line(sc, staff, kind="annual"):
    return next(x for x in ledger(sc) if x.staff == staff and x.type == kind)


@pytest.mark.parametrize("hired,years,days", [
    (dt.date(2026, 1, 1), 0, 5),      # 11 months: first year of service
    (dt.date(2025, 12, 2), 0, 5),     # one day short of a year
    (dt.date(2025, 12, 1), 1, 10),    # exactly one year on the horizon start
    (dt.date(2022, 12, 1), 4, 13),    # 10 + one per further year
    (dt.date(2006, 12, 1), 20, 15),   # capped at 15
])
def test_tenure_and_annual_entitlement(hired, years, days):
    assert tenure_years(hired, START) == years
    assert LeavePolicy().annual_days(years) == days


def test_tenure_of_a_leap_day_hire():
    assert tenure_years(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == 1
    assert tenure_years(dt.date(2024, 2, 29), dt.date(2025, 2, 27)) == 0


def test_ledger_numbers_for_tenure_edges_and_half_days():
    sc = scenario([
        {"staff": "S01", "type": "annual", "start": "2026-12-07", "end": "2026-12-11"},            # 5 workdays
        {"staff": "S02", "type": "annual", "start": "2026-12-14", "end": "2026-12-14", "half": "am"},
        {"staff": "S02", "type": "annual", "start": "2026-12-18", "end": "2026-12-20"},            # Fri-Sun: 1
        {"staff": "S03", "type": "annual", "start": "2026-12-21", "end": "2026-12-31"},            # 9 workdays
        {"staff": "S03", "type": "annual", "start": "2026-12-05", "end": "2026-12-05", "half": "pm"},  # a Saturday
    ])
    s1, s2, s3 = line(sc, "S01"), line(sc, "S02"), line(sc, "S03")
    assert (s1.opening, s1.taken, s1.closing) == (5, 5, 0)
    assert (s2.opening, s2.taken, s2.closing) == (10, 1.5, 8.5)
    assert (s3.opening, s3.taken, s3.closing) == (15, 9, 6)
    assert "20 completed year(s)" in s3.basis


def test_leave_over_the_balance_is_a_warning_naming_the_leave_and_the_numbers():
    """Approved leave is HR's decision: the scenario loads and the warning says by how much."""
    sc = scenario([{"staff": "S01", "type": "annual", "start": "2026-12-07", "end": "2026-12-08"},
                   {"staff": "S01", "type": "annual", "start": "2026-12-14", "end": "2026-12-17"}])
    assert leave_warnings(sc) == [
        "leave[1]: S01 annual leave: 4 days asked, 3 left (opening 5, 2 taken before); the leave is kept as approved"]


def test_opening_balances_inline_and_capped():
    sc = scenario([{"staff": "S04", "type": "annual", "start": "2026-12-07", "end": "2026-12-07"}],
                  leave_balances=[{"staff": "S04", "type": "annual", "days": 2.5},
                                  {"staff": "S03", "type": "annual", "days": 18}])
    s4 = line(sc, "S04")
    assert (s4.opening, s4.taken, s4.closing) == (2.5, 1, 1.5)
    assert line(sc, "S03").opening == 15  # a carried-over balance is capped too
    # no hire date and no balance: no known limit
    assert line(scenario([{"staff": "S04", "type": "annual", "start": "2026-12-07", "end": "2026-12-07"}]),
                "S04").opening is None


def test_opening_balances_from_csv(tmp_path):
    (tmp_path / "balances.csv").write_text("staff,type,days\nS02,annual,1.5\n", encoding="utf-8")
    sc = scenario([{"staff": "S02", "type": "annual", "start": "2026-12-07", "end": "2026-12-08"}],
                  leave_balances="balances.csv")  # the file is read by the ledger, not at load time
    with pytest.raises(ScenarioError) as err:
        ledger(sc, tmp_path)
    assert err.value.field == "leave[0]" and "2 days asked, 1.5 left" in err.value.message
    (tmp_path / "balances.csv").write_text("staff,type,days\nS99,annual,1\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        ledger(sc, tmp_path)
    assert err.value.field == "row 2, column staff"


def test_event_types_count_by_their_rule():
    policy = LeavePolicy()
    assert policy.event_days("marriage") == 3 and policy.event_days("marriage", ("late",)) == 10
    assert policy.event_days("maternity", ("extra_baby", "late_birth", "difficult_birth")) == 150
    assert policy.event_days("bereavement", ("distant",)) == 1
    sc = scenario([{"staff": "S04", "type": "maternity", "start": "2026-12-01", "end": "2026-12-31"},
                   {"staff": "S01", "type": "marriage", "start": "2026-12-07", "end": "2026-12-18",
                    "extras": ["late"]}])
    assert line(sc, "S04", "maternity").taken == 31  # calendar days
    assert line(sc, "S01", "marriage").taken == 10   # workdays
    (marriage,) = leave_warnings(scenario([{"staff": "S01", "type": "marriage", "start": "2026-12-07",
                                            "end": "2026-12-10"}]))
    assert marriage.startswith("leave[0]: ") and "4 days asked, 3 left" in marriage
    (bereavement,) = leave_warnings(scenario([{"staff": "S01", "type": "bereavement", "start": "2026-12-07",
                                               "end": "2026-12-08", "extras": ["distant"]}]))
    assert "2 days asked, 1 left" in bereavement


def test_half_days_count_half_and_block_only_their_half():
    lv = Leave(staff="S01", type="annual", start=dt.date(2026, 12, 14), end=dt.date(2026, 12, 14), half="am")
    sc = scenario([lv.model_dump()])
    assert counted_days(sc, lv) == 0.5
    sc = scenario([lv.model_dump()], demand=[{"shift": "O", "role": "agent", "min": 1},
                                              {"shift": "E", "role": "agent", "min": 1}])
    cal = Calendar(sc)
    cells = allowed(sc, cal)
    d = cal.index[dt.date(2026, 12, 14)]
    assert (0, d, 0) not in cells  # the split office shift touches the morning
    assert (0, d, 1) in cells      # the 14:00 shift does not


@pytest.mark.parametrize("leave,field", [
    ({"type": "annual", "start": "2026-12-07", "end": "2026-12-08", "half": "am"}, "leave[0]"),
    ({"type": "marriage", "start": "2026-12-07", "end": "2026-12-07", "half": "pm"}, "leave[0].half"),
    ({"type": "holiday", "start": "2026-12-07", "end": "2026-12-07"}, "leave[0].type"),
    ({"type": "marriage", "start": "2026-12-07", "end": "2026-12-07", "extras": ["twins"]}, "leave[0].extras"),
])
def test_bad_leave_fields(leave, field):
    with pytest.raises(ScenarioError) as err:
        scenario([{"staff": "S01", **leave}])
    assert err.value.field == field


def test_approval_tiers_and_notice():
    policy = LeavePolicy()
    assert [policy.tier(d).approver for d in (0.5, 1, 1.5, 3, 3.5, 20)] == \
        ["supervisor", "supervisor", "manager", "manager", "director", "director"]
    custom = LeavePolicy(tiers=[{"max_days": 2, "approver": "team lead"}, {"max_days": None, "approver": "HR"}],
                         notice_days=3)
    assert custom.tier(2).approver == "team lead" and custom.tier(2.5).approver == "HR"
    with pytest.raises(ValueError):
        LeavePolicy(tiers=[{"max_days": 2, "approver": "team lead"}])


def test_policy_is_data_in_the_scenario():
    sc = scenario([{"staff": "S03", "type": "annual", "start": "2026-12-07", "end": "2026-12-07"},
                   {"staff": "S01", "type": "training", "start": "2026-12-08", "end": "2026-12-08"}],
                  leave_policy={"tenure": [{"years": 0, "days": 5}, {"years": 10, "days": 10},
                                           {"years": 20, "days": 15}],
                                "types": {"annual": {"half_days": True}, "training": {"counting": "calendar_days"}}})
    assert line(sc, "S03").opening == 15
    assert line(sc, "S01", "training").taken == 1
