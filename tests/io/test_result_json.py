"""result.json (io/result_json.py): what it holds, that it reads back, and how a bad file is named."""

from __future__ import annotations

import json

import pytest

from roster.io.result_json import (
    FORMAT,
    intervals_dict,
    read_result_json,
    result_dict,
    roster_dict,
    scenario_hash,
    write_result_json,
    write_roster_json,
)
from roster.model.parse import ScenarioError
from roster.model.roster import LeaveDay, Roster
from roster.solver import Result
from roster.validate import validate
from tests import interval_case
from tests.conftest import roster_of, tiny

WEEK = roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-08", "A", "D", "agent"),
                 ("2026-12-09", "B", "D", "agent"))
"""A's night then day breaks the 12 hours' rest."""


def test_the_roster_dict_holds_the_roster_and_the_validators_verdict():
    sc = tiny()
    data = roster_dict(sc, WEEK)
    assert data["format"] == FORMAT
    assert data["scenario"] == {"name": "tiny", "hash": scenario_hash(sc), "start": "2026-12-07",
                                "end": "2026-12-13", "timezone": sc.timezone}
    assert [(a["date"], a["staff_id"], a["shift"]) for a in data["assignments"]] == \
        [("2026-12-07", "A", "N"), ("2026-12-08", "A", "D"), ("2026-12-09", "B", "D")]
    assert all("break_at" not in a for a in data["assignments"])
    report = validate(sc, WEEK)
    assert data["validation"]["hard"] == len(report.hard) >= 1
    assert [v["rule"] for v in data["validation"]["violations"]] == [v.rule for v in report.violations]
    assert {p["staff_id"] for p in data["summary"]} == {"A", "B"}
    assert "intervals" not in data
    json.dumps(data)  # plain JSON types throughout


def test_the_scenario_hash_follows_the_scenario():
    assert scenario_hash(tiny()) == scenario_hash(tiny())
    assert scenario_hash(tiny()) != scenario_hash(tiny(rules={"min_rest_hours": 11}))


def test_the_result_dict_adds_the_solvers_figures():
    result = Result("FEASIBLE", WEEK, objective=3.0, bound=1.0, gap=0.5, seconds=1.23456, terms={"rest": 3})
    data = result_dict(tiny(), result)
    assert (data["status"], data["objective"], data["bound"], data["gap"], data["seconds"]) == \
        ("FEASIBLE", 3.0, 1.0, 0.5, 1.235)
    assert data["terms"] == {"rest": 3} and data["assignments"] == roster_dict(tiny(), WEEK)["assignments"]


def test_a_written_result_reads_back_with_its_leave_and_breaks(tmp_path):
    sc = interval_case.centre()
    roster = Roster.of(interval_case.by_hand(), [LeaveDay(interval_case.DAY, "a1", "annual")])
    path = tmp_path / "result.json"
    write_result_json(sc, Result("FEASIBLE", roster, objective=0.0), path, warnings=["a1: over balance"])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["warnings"] == ["a1: over balance"]
    assert data["intervals"] == intervals_dict(sc, roster) and data["intervals"]["days"]
    back = read_result_json(path)
    assert back == roster
    write_roster_json(sc, roster, tmp_path / "roster.json")
    assert read_result_json(tmp_path / "roster.json") == roster


def test_a_break_time_is_read_in_one_spelling(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"assignments": [
        {"date": "2026-12-01", "staff_id": "a1", "shift": "D0700", "break_at": "9:05"},
        {"date": "2026-12-01", "staff_id": "a2", "shift": "D0700", "break_at": ""}]}), encoding="utf-8")
    assert [a.break_at for a in read_result_json(path)] == ["09:05", None]


@pytest.mark.parametrize(("text", "field", "words"), [
    ("{not json", "line 1, column 2", "not valid JSON"),
    ('{"roster": []}', "assignments", "missing or not a list"),
    ('{"assignments": [1]}', "assignments[0]", "not an object"),
    ('{"assignments": [{"date": "2026-12-01", "shift": "D"}]}', "assignments[0].staff_id", "missing or empty"),
    ('{"assignments": [{"date": "01.12.2026", "staff_id": "A", "shift": "D"}]}', "assignments[0].date",
     "not a date"),
    ('{"assignments": [{"date": "2026-12-01", "staff_id": "A", "shift": "D", "break_at": "noon"}]}',
     "assignments[0].break_at", "not a time"),
    ('{"assignments": [], "leave": [{"date": "2026-12-01", "staff_id": "A"}]}', "leave[0]",
     "needs date, staff_id and type"),
    ('{"assignments": [], "leave": [{"date": "soon", "staff_id": "A", "type": "annual"}]}', "leave[0].date",
     "not a date"),
])
def test_a_bad_result_file_names_its_field(tmp_path, text, field, words):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as e:
        read_result_json(path)
    assert e.value.file == str(path) and e.value.field == field and words in e.value.message
