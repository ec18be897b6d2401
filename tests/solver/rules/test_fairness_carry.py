"""Fairness across months: counts of the year so far move the month's fair bands (someone behind
gets more); solver and validator price the same bands; the carry file is read relative to the
scenario and written for the next month."""

from __future__ import annotations

import textwrap

import pytest

from roster.io.carry import carried_forward, read_carry, write_carry
from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.model.fairness import fair_bands
from roster.model.parse import ScenarioError
from roster.model.rule_names import Rule
from roster.validate import validate
from tests.conftest import roster_of, run, tiny

NIGHTS = dict(demand=[{"shift": "N", "role": "agent", "min": 1, "max": 1, "days": "mon..thu"}],
              fairness={"nights": 10})
"""One night seat Monday to Thursday: four nights for two people."""


def bands(sc) -> dict[str, tuple[int, int]]:
    return {who: (b.lo, b.hi) for who, b in fair_bands(sc, Calendar(sc))["nights"].items()}


def test_without_carry_the_month_is_shared_and_with_it_the_one_behind_gets_more() -> None:
    assert bands(tiny(**NIGHTS)) == {"A": (2, 2), "B": (2, 2)}
    assert bands(tiny(**NIGHTS, fairness_carry=[{"staff": "A", "nights": 4}])) == {"A": (0, 0), "B": (4, 4)}
    # two nights ahead: the month evens it out, one each of the other two
    assert bands(tiny(**NIGHTS, fairness_carry=[{"staff": "A", "nights": 2}])) == {"A": (1, 1), "B": (3, 3)}


def test_the_solver_gives_the_nights_to_the_one_behind() -> None:
    sc = tiny(**NIGHTS, fairness_carry=[{"staff": "A", "nights": 4}])
    r = run(sc)
    assert r.status == "OPTIMAL" and r.objective == 0
    assert sorted(a.staff for a in r.roster) == ["B"] * 4


def test_the_validator_prices_the_year_bands_exactly() -> None:
    sc = tiny(**NIGHTS, fairness_carry=[{"staff": "A", "nights": 4}])
    even = roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-08", "A", "N", "agent"),
                     ("2026-12-09", "B", "N", "agent"), ("2026-12-10", "B", "N", "agent"))
    report = validate(sc, even)
    assert report.costs() == {Rule.FAIRNESS_NIGHTS: 40}  # A two over 0..0, B two under 4..4
    assert validate(tiny(**NIGHTS), even).costs() == {}


def test_carried_hours_move_the_hours_share() -> None:
    base = dict(demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}], fairness={"hours": 1})
    plain = run(tiny(**base))
    split = sorted(sum(a.staff == w for a in plain.roster) for w in "AB")
    assert split == [3, 4] and plain.objective == 0
    ahead = tiny(**base, fairness_carry=[{"staff": "A", "hours": 40}])
    r = run(ahead)
    assert r.objective == 0 and sum(a.staff == "A" for a in r.roster) <= 2
    # the month split 24 h / 32 h is now unfair: the year's 96 h share 48 h each, A has 64, B 32;
    # one median shift (9 h) either side is free, so each is 7 h out
    even = roster_of(*((f"2026-12-{7 + d:02d}", "A" if d < 3 else "B", "D", "agent") for d in range(7)))
    assert validate(ahead, even).costs() == {Rule.FAIRNESS_HOURS: 2 * 7}


def test_a_carry_file_is_read_relative_to_the_scenario_and_written_for_next_month(tmp_path) -> None:
    (tmp_path / "ytd.csv").write_text("staff,nights,hours\nA,4,100\nB,0,96.5\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(textwrap.dedent("""\
        horizon: {start: 2026-12-07, end: 2026-12-13}
        roles: [{id: agent}]
        shifts: [{id: N, start: "22:00", end: "08:00"}]
        staff: [{id: A, roles: [agent]}, {id: B, roles: [agent]}]
        demand: [{shift: N, role: agent, min: 1, max: 1, days: mon..thu}]
        fairness: {nights: 10}
        fairness_carry: ytd.csv
        """), encoding="utf-8")
    sc = load_scenario(tmp_path / "s.yaml")
    assert [(c.staff, c.nights, c.hours) for c in sc.fairness_carry] == [("A", 4, 100.0), ("B", 0, 96.5)]
    r = run(sc)
    out = tmp_path / "next.csv"
    write_carry(out, carried_forward(sc, r.roster))
    rows = {row["staff"]: row for row in read_carry(out)}
    assert rows["A"]["nights"] == 4 and rows["B"]["nights"] == 4
    assert rows["B"]["hours"] == 96.5 + 40 and rows["A"]["hours"] == 100


@pytest.mark.parametrize(("text", "field", "words"), [
    ("staff,nights\nZ,1\n", "line 2, column staff", "unknown staff"),
    ("staff,nights\nA,x\n", "line 2, column nights", "not a number"),
    ("staff,nights\nA,1.5\n", "line 2, column nights", "whole number"),
    ("who,nights\nA,1\n", "header", "needs a staff column"),
    ("staff,night\nA,1\n", "header", "unknown column"),
])
def test_bad_carry_files_are_scenario_errors(tmp_path, text, field, words) -> None:
    (tmp_path / "ytd.csv").write_text(text, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(textwrap.dedent("""\
        horizon: {start: 2026-12-07, end: 2026-12-13}
        roles: [{id: agent}]
        shifts: [{id: N, start: "22:00", end: "08:00"}]
        staff: [{id: A, roles: [agent]}]
        fairness_carry: ytd.csv
        """), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(tmp_path / "s.yaml")
    assert err.value.field == field and words in err.value.message
    assert err.value.file.endswith("ytd.csv")


def test_a_missing_carry_file_and_unknown_staff_inline_are_scenario_errors(tmp_path) -> None:
    (tmp_path / "s.yaml").write_text(textwrap.dedent("""\
        horizon: {start: 2026-12-07, end: 2026-12-13}
        roles: [{id: agent}]
        shifts: [{id: N, start: "22:00", end: "08:00"}]
        staff: [{id: A, roles: [agent]}]
        fairness_carry: nowhere.csv
        """), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(tmp_path / "s.yaml")
    assert err.value.field == "fairness_carry" and "file not found" in err.value.message
    with pytest.raises(ScenarioError) as err:
        tiny(fairness_carry=[{"staff": "Z", "nights": 1}])
    assert err.value.field == "fairness_carry[0].staff"
    with pytest.raises(ScenarioError) as err:
        tiny(fairness_carry=[{"staff": "A", "nights": 1}, {"staff": "A", "hours": 3}])
    assert "two rows" in err.value.message


def test_the_summary_and_result_json_show_the_year_beside_the_month() -> None:
    from roster.io.result_json import roster_dict
    from roster.reports.summary import person_summary

    sc = tiny(**NIGHTS, fairness_carry=[{"staff": "A", "nights": 4, "hours": 12.5}])
    roster = roster_of(("2026-12-07", "B", "N", "agent"), ("2026-12-08", "A", "N", "agent"))
    frame = person_summary(sc, roster).set_index("staff_id")
    assert (frame.loc["A", "nights"], frame.loc["A", "ytd_nights"], frame.loc["A", "ytd_hours"]) == (1, 5, 22.5)
    assert (frame.loc["B", "ytd_nights"], frame.loc["B", "ytd_hours"]) == (1, 10)
    people = {p["staff_id"]: p for p in roster_dict(sc, roster)["summary"]}
    assert people["A"]["ytd_hours"] == 22.5 and people["A"]["ytd_nights"] == 5
    assert "ytd_nights" not in person_summary(tiny(**NIGHTS), roster).columns
