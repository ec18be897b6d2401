"""The command line: solve writes the three outputs; validate reports and sets the exit code."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
from typer.testing import CliRunner

from roster.cli import app
from roster.io.load import load_scenario
from roster.solver import SolveOptions, solve
from roster.solver.options import STRATEGY_CHOICE
from tests.conftest import SCENARIOS

CALL = str(SCENARIOS / "callcenter_95598.yaml")


def test_solve_writes_excel_csv_and_json(tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["solve", CALL, "--out", str(out), "--time-limit", "30", "--workers", "2",
                                   "--quiet"])
    assert res.exit_code == 0, res.output
    assert "OPTIMAL" in res.output or "FEASIBLE" in res.output
    for word in ("objective", "bound", "gap", "nights", "weekends", "holidays"):
        assert word in res.output
    frame = pd.read_csv(out / "roster.csv")
    assert list(frame.columns[:4]) == ["date", "staff_id", "shift", "role"]
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    for key in ("status", "objective", "bound", "gap", "seconds", "terms", "assignments"):
        assert key in data
    assert len(data["assignments"]) == len(frame)
    wb = openpyxl.load_workbook(out / "roster.xlsx")
    ws = wb.worksheets[0]
    cells = [c.value for row in ws.iter_rows() for c in row]
    assert "S01" in cells
    check = CliRunner().invoke(app, ["validate", CALL, str(out / "roster.csv")])
    assert check.exit_code == 0, check.output
    assert "0 hard violations" in check.output


def test_validate_hand_made_roster_exit_code(tmp_path):
    csv = tmp_path / "hand.csv"
    csv.write_text("date,staff_id,shift\n2026-12-01,S02,N\n2026-12-02,S02,D\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", CALL, str(csv)])
    assert res.exit_code == 1
    assert "S02 2026-12-01: S02 cannot work N" in res.output
    assert "2026-12-03 N: agent seats 0 of 1" in res.output
    zh = CliRunner().invoke(app, ["validate", CALL, str(csv), "--lang", "zh"])
    assert "坐席员 0/1 人" in zh.output


def test_validate_bad_csv_is_a_clear_error(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("date,staff_id,shift\n2026-12-40,S02,N\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", CALL, str(csv)])
    assert res.exit_code == 2
    assert "row 2, column date" in res.output and "2026-12-40" in res.output


def test_same_seed_and_deterministic_limit_give_the_same_roster():
    sc = load_scenario(CALL)
    # the wall-clock limit only guards against a hang: on a loaded machine it must not cut either run
    a = solve(sc, SolveOptions(time_limit=600, deterministic_time=1, workers=4, seed=7))
    b = solve(sc, SolveOptions(time_limit=600, deterministic_time=1, workers=4, seed=7))
    assert a.roster == b.roster and a.objective == b.objective


def test_unknown_strategy_is_a_clear_error(tmp_path):
    for cmd in (["solve", CALL, "--out", str(tmp_path)], ["bench", "curtois", "--instances", "1",
                                                          "--out", str(tmp_path / "r.csv")]):
        res = CliRunner().invoke(app, [*cmd, "--strategy", "fastest"])
        assert res.exit_code == 2, res.output
        assert "--strategy" in res.output and "fastest" in res.output and STRATEGY_CHOICE in res.output
        assert "Traceback" not in res.output
    assert not (tmp_path / "roster.xlsx").exists()


def test_min_staff_says_how_one_fewer_was_shown_too_small():
    from roster.cli.whatif import proof_line
    from roster.services.min_staff import RoleNeed

    by_bound = RoleNeed("agent", 8, 8, True, 0, proof="column generation", uncovered=3)
    assert proof_line(by_bound) == ("proven: 7 of role agent cannot cover the hard seats "
                                     "(lower bound 3 uncovered seats, column generation)")
    by_solver = RoleNeed("agent", 8, 8, True, 0, proof="cp-sat")
    assert proof_line(by_solver).startswith("proven: 7 of role agent cannot meet every hard rule")
    open_question = RoleNeed("agent", 8, 8, False, 0)
    assert proof_line(open_question).startswith("not proven: no roster with 7 of role agent found in the time")
