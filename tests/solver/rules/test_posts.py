"""A/B posts: B steps in exactly when A is absent; no holder → worded reason; counts_toward."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.reports.post_summary import post_summary
from roster.services.infeasible import echo_reasons, infeasible_reasons
from roster.solver import SolveOptions, solve
from roster.validate import validate

WEEK = [dt.date(2026, 12, 14) + dt.timedelta(days=i) for i in range(7)]  # Mon 14 .. Sun 20
WORKDAYS = WEEK[:5]


def hall(leave=(), counts_toward=None, demand=(), posts=None, **extra) -> dict:
    post = {"id": "export_licence", "name": "进出口许可窗口", "shift": "O", "days": "workdays",
            "a": "S05", "b": "S09"}
    if counts_toward:
        post["counts_toward"] = counts_toward
    return {
        "horizon": {"start": "2026-12-14", "end": "2026-12-20"},
        "roles": [{"id": "agent"}, {"id": "clerk"}],
        "shifts": [{"id": "O", "segments": [["08:30", "12:00"], ["14:30", "17:30"]], "on": "workdays"},
                   {"id": "D", "start": "08:00", "end": "16:00"}],
        "staff": [{"id": "S05", "roles": ["agent"], "hired": "2020-01-01"},
                  {"id": "S09", "roles": ["agent"], "hired": "2021-01-01"},
                  {"id": "S01", "roles": ["agent"]},
                  {"id": "S02", "roles": ["clerk"]}],
        "demand": list(demand),
        "posts": [post] if posts is None else posts,
        "leave": list(leave),
        **extra,
    }


def run(data: dict):
    sc = scenario_from_dict(data)
    res = solve(sc, SolveOptions(time_limit=10, workers=2))
    return sc, res


def on_post(roster: Roster) -> dict[dt.date, str]:
    return {a.date: a.staff for a in roster if a.post == "export_licence"}


def test_b_steps_in_exactly_when_a_is_on_leave():
    sc, res = run(hall(leave=[{"staff": "S05", "type": "annual", "start": "2026-12-15", "end": "2026-12-16"}]))
    assert res.status == "OPTIMAL"
    duty = on_post(res.roster)
    assert sorted(duty) == WORKDAYS
    assert [d for d, who in sorted(duty.items()) if who == "S09"] == [dt.date(2026, 12, 15), dt.date(2026, 12, 16)]
    assert all(who == "S05" for d, who in duty.items() if d not in (dt.date(2026, 12, 15), dt.date(2026, 12, 16)))
    assert res.terms["posts"] == 20  # two backup days at weight 10
    report = validate(sc, res.roster)
    assert report.ok, [str(v) for v in report.hard]
    assert report.cost == res.objective
    summary = post_summary(sc, res.roster).set_index("holder")
    assert summary.loc["S05", "periods"] == 3 and summary.loc["S09", "periods"] == 2
    assert summary.loc["S09", "place"] == "B1"


def test_a_on_a_rest_day_forced_by_hours_makes_b_cover():
    # S05 may work only 3 O shifts (19.5 h): on the other two workdays B covers.
    sc, res = run({**hall(), "staff": [
        {"id": "S05", "roles": ["agent"], "max_hours_per_week": 20},
        {"id": "S09", "roles": ["agent"]}, {"id": "S01", "roles": ["agent"]}, {"id": "S02", "roles": ["clerk"]}]})
    assert res.status == "OPTIMAL"
    duty = on_post(res.roster)
    assert list(duty.values()).count("S05") == 3 and list(duty.values()).count("S09") == 2
    works_a = {a.date for a in res.roster if a.staff == "S05"}
    assert {d for d, who in duty.items() if who == "S09"}.isdisjoint(works_a)
    assert validate(sc, res.roster).ok


def test_ordered_backups_prefer_the_first():
    posts = [{"id": "hotline", "name": "热线", "shift": ["O"], "days": "workdays", "a": "S05", "b": ["S09", "S01"]}]
    data = hall(posts=posts, leave=[{"staff": "S05", "type": "annual", "start": "2026-12-14", "end": "2026-12-14"},
                                    {"staff": "S09", "type": "sick", "start": "2026-12-14", "end": "2026-12-15"}])
    sc, res = run(data)
    assert res.status == "OPTIMAL"
    duty = {a.date: a.staff for a in res.roster if a.post == "hotline"}
    assert duty[dt.date(2026, 12, 14)] == "S01"  # A and B1 both away: the second backup
    assert duty[dt.date(2026, 12, 15)] == "S05"
    assert res.terms["posts"] == 20  # second backup: weight 10 x place 2
    assert validate(sc, res.roster).cost == res.objective


REASON = "2026-12-15 O: post 进出口许可窗口 has no holder on duty: S05 on annual leave, S09 on marriage leave"


def test_a_and_b_absent_is_infeasible_with_the_reason():
    data = hall(leave=[{"staff": "S05", "type": "annual", "start": "2026-12-15", "end": "2026-12-16"},
                       {"staff": "S09", "type": "marriage", "start": "2026-12-15", "end": "2026-12-15"}])
    sc, res = run(data)
    assert res.status == "INFEASIBLE"
    assert infeasible_reasons(sc) == [REASON]
    # a roster that leaves the post empty that day gets the same words from the validator
    roster = Roster.of([Assignment(d, "S05", "O", None, "export_licence") for d in (WEEK[0], WEEK[3], WEEK[4])]
                       + [Assignment(WEEK[2], "S09", "O", None, "export_licence")])
    report = validate(sc, roster)
    assert [v.text for v in report.hard] == [REASON]


def test_validator_words_a_gap_by_what_holders_do():
    sc = scenario_from_dict(hall())
    roster = Roster.of([Assignment(d, "S05", "O", None, "export_licence") for d in WORKDAYS[1:]]
                       + [Assignment(WEEK[0], "S09", "D", "agent")])
    texts = [v.text for v in validate(sc, roster).hard if v.rule == "posts"]
    assert texts == ["2026-12-14 O: post 进出口许可窗口 has no holder on duty: S05 off, S09 works D"]


def test_validator_catches_b_while_a_on_duty_and_two_posts():
    posts = [{"id": "export_licence", "name": "进出口许可窗口", "shift": "O", "days": "workdays",
              "a": "S05", "b": "S09"},
             {"id": "desk", "shift": "O", "days": "workdays", "a": "S01", "b": "S05"}]
    sc = scenario_from_dict(hall(posts=posts))
    roster = Roster.of([Assignment(WEEK[0], "S09", "O", None, "export_licence"),
                        Assignment(WEEK[0], "S05", "O", None, "desk"),
                        Assignment(WEEK[0], "S01", "O", None, "desk")])
    rules = [v.text for v in validate(sc, roster).hard if v.date == WEEK[0]]
    assert "2026-12-14 O: S05 works O but is not on post 进出口许可窗口" in rules
    assert "2026-12-14 O: S09 mans post 进出口许可窗口 while S05 is on duty" in rules
    assert any("manned by 2 holders" in t for t in rules)


@pytest.mark.parametrize("counts", [None, "agent"])
def test_counts_toward_fills_role_seats(counts):
    demand = [{"shift": "O", "role": "agent", "min": 1, "days": "workdays"}]
    sc, res = run(hall(counts_toward=counts, demand=demand))
    assert res.status == "OPTIMAL"
    on_o = {d: sorted(a.staff for a in res.roster if a.date == d and a.shift == "O") for d in WORKDAYS}
    duty = [a for a in res.roster if a.post]
    if counts:  # the holder on the post fills the agent seat: nobody else needed
        assert all(len(people) == 1 for people in on_o.values())
        assert all(a.role == "agent" for a in duty)
    else:  # post duty fills no seat: one more agent on O each workday
        assert all(len(people) == 2 for people in on_o.values())
        assert all(a.role is None for a in duty)
    report = validate(sc, res.roster)
    assert report.ok and report.cost == res.objective


def test_validator_checks_counts_toward_role():
    sc = scenario_from_dict(hall())
    roster = Roster.of([Assignment(d, "S05", "O", "agent", "export_licence") for d in WORKDAYS])
    assert any("counts toward no seats" in v.text for v in validate(sc, roster).hard)


@pytest.mark.parametrize("post,field,value", [
    ({"shift": "X"}, "posts[0].shift", "X"),
    ({"a": "S77"}, "posts[0].a", "S77"),
    ({"b": ["S09", "S88"]}, "posts[0].b", "S88"),
    ({"counts_toward": "boss"}, "posts[0].counts_toward", "boss"),
    ({"counts_toward": "clerk"}, "posts[0].counts_toward", "clerk"),  # S05 cannot take a clerk seat
    ({"days": "someday"}, "posts[0].days", "someday"),
])
def test_bad_post_references(post, field, value):
    base = {"id": "p", "shift": "O", "a": "S05", "b": "S09"}
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(hall(posts=[{**base, **post}]))
    assert err.value.field == field and err.value.value == value


def test_hint_with_post_duty_keeps_the_roster():
    data = hall(leave=[{"staff": "S05", "type": "annual", "start": "2026-12-15", "end": "2026-12-16"}])
    sc, first = run(data)
    again = solve(sc, SolveOptions(time_limit=10, workers=2), hint=first.roster)
    assert again.status == "OPTIMAL" and again.objective == first.objective


def test_solve_command_reasons_line(capsys):
    data = hall(leave=[{"staff": "S05", "type": "annual", "start": "2026-12-15", "end": "2026-12-16"},
                       {"staff": "S09", "type": "marriage", "start": "2026-12-15", "end": "2026-12-15"}])
    assert echo_reasons(scenario_from_dict(data)) == [REASON]
    assert capsys.readouterr().err == f"found before solving:\n  {REASON}\n"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a_away=st.sets(st.integers(0, 4), max_size=3), b_away=st.sets(st.integers(0, 4), max_size=3),
       counts=st.sampled_from([None, "agent"]), seats=st.integers(0, 1))
def test_any_small_hall_solves_to_a_roster_the_validator_accepts(a_away, b_away, counts, seats):
    """Generated leave for A and B: infeasible exactly when both are away on a workday; otherwise
    the validator accepts the roster at the solver's cost and B is on the post exactly when A is away."""
    leave = [{"staff": who, "type": "sick", "start": str(WORKDAYS[i]), "end": str(WORKDAYS[i])}
             for who, days in (("S05", a_away), ("S09", b_away)) for i in sorted(days)]
    demand = [{"shift": "O", "role": "agent", "min": seats, "max": seats + 1, "days": "workdays"}] if seats else []
    sc, res = run(hall(leave=leave, counts_toward=counts, demand=demand))
    if a_away & b_away:
        assert res.status == "INFEASIBLE"
        assert len(infeasible_reasons(sc)) >= len(a_away & b_away)
        return
    assert res.status == "OPTIMAL"
    report = validate(sc, res.roster)
    assert report.ok, [str(v) for v in report.hard]
    assert report.cost == res.objective
    duty = on_post(res.roster)
    assert {i for i, d in enumerate(WORKDAYS) if duty[d] == "S09"} == set(a_away)
