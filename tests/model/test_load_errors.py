"""Malformed scenarios get one clear message naming file, field and value; exit code 2; no traceback."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from roster.cli import app
from roster.io.load import load_scenario
from roster.model.parse import ScenarioError
from tests.conftest import BASE, merge

GOOD = merge(BASE, {"demand": [{"shift": "D", "role": "agent", "min": 1}]})


def with_(path: str, value) -> dict:
    """GOOD with one field replaced; path like 'staff.0.roles'."""
    data = merge(GOOD, {})
    *parents, last = path.split(".")
    node = data
    for p in parents:
        node = node[int(p)] if p.isdigit() else node[p]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


CASES = [
    # (description, data, field in message, value in message)
    ("unknown role on staff", with_("staff.0.roles", ["pilot"]), "staff[0].roles", "pilot"),
    ("unknown role covered", with_("roles", [{"id": "agent", "covers": ["boss"]}]), "roles[0].covers", "boss"),
    ("unknown shift in demand", with_("demand.0.shift", "X"), "demand[0].shift", "X"),
    ("unknown role in demand", with_("demand.0.role", "nurse"), "demand[0].role", "nurse"),
    ("duplicate staff id", with_("staff.1.id", "A"), "staff[1].id", "A"),
    ("duplicate shift id", with_("shifts.1.id", "D"), "shifts[1].id", "D"),
    ("shift ends before it starts", with_("shifts.0", {"id": "D", "start": "08:00", "end": "07:00"}),
     "shifts[0]", None),
    ("split shift out of order", with_("shifts.0", {"id": "D", "segments": [["08:30", "12:00"], ["11:00", "17:30"]]}),
     "shifts[0]", None),
    ("bad time", with_("shifts.0.start", "25:00"), "shifts[0]", None),
    ("leave outside horizon", with_("staff.0", {"id": "A", "roles": ["agent"]}) | {
        "leave": [{"staff": "A", "start": "2027-03-01", "end": "2027-03-02"}]}, "leave[0].start", "2027-03-01"),
    ("leave for unknown staff", merge(GOOD, {"leave": [{"staff": "Z", "start": "2026-12-08", "end": "2026-12-08"}]}),
     "leave[0].staff", "Z"),
    ("leave ends before start", merge(GOOD, {"leave": [{"staff": "A", "start": "2026-12-09", "end": "2026-12-08"}]}),
     "leave[0]", None),
    ("bad date", with_("horizon.start", "2026-13-01"), "horizon.start", "2026-13-01"),
    ("horizon reversed", with_("horizon", {"start": "2026-12-31", "end": "2026-12-01"}), "horizon", None),
    ("request outside horizon", merge(GOOD, {"requests": [{"staff": "A", "date": "2026-11-30", "off": True}]}),
     "requests[0].date", "2026-11-30"),
    ("request without shift or off", merge(GOOD, {"requests": [{"staff": "A", "date": "2026-12-08"}]}),
     "requests[0]", None),
    ("unknown field", merge(GOOD, {"staf": []}), "staf", None),
    ("negative seats", with_("demand.0.min", -1), "demand[0].min", "-1"),
    ("max below min", with_("demand.0", {"shift": "D", "role": "agent", "min": 3, "max": 2}), "demand[0].max", "2"),
    ("bad day selector", with_("demand.0", {"shift": "D", "role": "agent", "min": 1, "days": ["someday"]}),
     "demand[0].days", "someday"),
    ("cannot names unknown shift", with_("staff.0", {"id": "A", "roles": ["agent"], "cannot": ["Q"]}),
     "staff[0].cannot", "Q"),
    ("staff without roles", with_("staff.0", {"id": "A", "roles": []}), "staff[0].roles", None),
    ("missing horizon", {k: v for k, v in GOOD.items() if k != "horizon"}, "horizon", None),
]


@pytest.mark.parametrize("desc,data,field,value", CASES, ids=[c[0] for c in CASES])
def test_clear_error(tmp_path, desc, data, field, value):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert str(path) in message and field in message, message
    if value is not None:
        assert value in message, message
    result = CliRunner().invoke(app, ["solve", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and field in result.output


def test_not_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="line"):
        load_scenario(bad)
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "nope.yaml")


def test_on_and_off_stay_words(tmp_path):
    path = tmp_path / "ok.yaml"
    data = merge(GOOD, {"shifts": [{"id": "D", "start": "08:00", "end": "16:00", "on": "workdays"}]})
    path.write_text(yaml.safe_dump(data).replace("'on'", "on"), encoding="utf-8")
    assert load_scenario(path).shifts[0].on == "workdays"
