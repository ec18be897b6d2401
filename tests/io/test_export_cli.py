"""`roster export` writes each format; `roster validate` reads each back; bad input exits 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from roster.cli import app
from roster.io.roster_csv import write_roster_csv
from tests.conftest import SCENARIOS

CALL = str(SCENARIOS / "callcenter_95598.yaml")
FORMATS = {"xlsx": "grid.xlsx", "csv": "plain.csv", "attendance": "attendance.csv", "dingtalk": "dingtalk.xlsx",
           "wecom": "wecom.xlsx", "ics": "all.ics", "json": "result.json"}


@pytest.fixture
def roster_csv(call_centre, tmp_path):
    path = tmp_path / "roster.csv"
    write_roster_csv(call_centre[1], path)
    return path


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_then_validate(roster_csv, tmp_path, fmt):
    out = tmp_path / "out" / FORMATS[fmt]
    res = CliRunner().invoke(app, ["export", CALL, str(roster_csv), "--format", fmt, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.exists() and f"wrote {out}" in res.output
    check = CliRunner().invoke(app, ["validate", CALL, str(out)])
    assert check.exit_code == 0, check.output
    assert "0 hard violations" in check.output


def test_export_options(roster_csv, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("shifts: {D: 早班(8-16), N: 夜班(22-8)}\n", encoding="utf-8")
    out = tmp_path / "dt.xlsx"
    res = CliRunner().invoke(app, ["export", CALL, str(roster_csv), "--format", "dingtalk", "--out", str(out),
                                   "--mapping", str(mapping)])
    assert res.exit_code == 0, res.output
    again = tmp_path / "again.csv"
    res = CliRunner().invoke(app, ["export", CALL, str(out), "--format", "csv", "--out", str(again),
                                   "--mapping", str(mapping), "--bom"])
    assert res.exit_code == 0, res.output
    assert again.read_bytes()[:3] == b"\xef\xbb\xbf"
    ics = tmp_path / "s05.ics"
    res = CliRunner().invoke(app, ["export", CALL, str(roster_csv), "--format", "ics", "--out", str(ics),
                                   "--staff", "S05", "--tz", "Asia/Tokyo"])
    assert res.exit_code == 0, res.output
    text = ics.read_text(encoding="utf-8")
    assert "TZID:Asia/Tokyo" in text and "X-ROSTER-STAFF:S06" not in text and "X-ROSTER-STAFF:S05" in text


@pytest.mark.parametrize("extra, words", [
    (["--format", "ics", "--tz", "Nowhere/City"], "unknown time zone"),
    (["--format", "ics", "--staff", "S99"], "unknown staff id"),
    (["--format", "dingtalk", "--mapping", "missing.yaml"], "file not found"),
    (["--format", "pdf"], "pdf"),
])
def test_bad_options_exit_2_without_traceback(roster_csv, tmp_path, extra, words):
    res = CliRunner().invoke(app, ["export", CALL, str(roster_csv), "--out", str(tmp_path / "x"), *extra])
    assert res.exit_code == 2, res.output
    assert words in res.output and "Traceback" not in res.output


def test_unreadable_roster_files_exit_2(tmp_path):
    for name, body in (("roster.txt", "x"), ("missing.csv", None), ("bad.json", "{")):
        path = tmp_path / name
        if body is not None:
            path.write_text(body, encoding="utf-8")
        res = CliRunner().invoke(app, ["export", CALL, str(path), "--format", "csv", "--out", str(tmp_path / "o.csv")])
        assert res.exit_code == 2 and str(path) in res.output, res.output


def test_a_roster_with_unknown_people_is_not_exported(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("date,staff_id,shift\n2026-12-01,S99,D\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["export", CALL, str(path), "--format", "xlsx", "--out", str(tmp_path / "g.xlsx")])
    assert res.exit_code == 2 and "2026-12-01 S99 = 'S99': unknown staff" in res.output, res.output
