"""`roster leave-check`: balance, approval tier, and whether the roster still holds with the leave."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from roster.cli import app
from roster.io.load import load_scenario
from roster.services.leave_check import check_leave
from tests.conftest import SCENARIOS

HALL = str(SCENARIOS / "service_hall_ab.yaml")


def leave_check(*args: str):
    return CliRunner().invoke(app, ["leave-check", HALL, *args, "--time-limit", "15", "--workers", "2"])


def test_leave_that_can_be_granted():
    res = leave_check("--staff", "S13", "--from", "2026-10-26", "--to", "2026-10-27", "--type", "annual",
                      "--filed", "2026-10-20")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [
        "S13 annual leave 2026-10-26..2026-10-27: 2 days",
        "balance: OK (10 left, 8 after this leave)",  # 3 completed years on 2026-10-01: 12, 2 wished already
        "approval: manager (filed at least 1 day(s) ahead)",
        "roster: OK, every hard rule can still be met (OPTIMAL)",
    ]


def test_leave_that_leaves_a_post_unmanned_says_why():
    # S05 is on annual leave Oct 12-16 and S09 is the post's only backup
    res = leave_check("--staff", "S09", "--from", "2026-10-13", "--type", "annual")
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    assert lines[1:3] == ["balance: OK (12 left, 11 after this leave)", "approval: supervisor (no filing date given)"]
    assert lines[3] == "roster: NOT OK, no roster meets every hard rule with this leave:"
    assert lines[4:] == ["  2026-10-13 O: post 进出口许可窗口 has no holder on duty: S05 on annual leave, "
                         "S09 on annual leave"]


def test_leave_over_the_balance_is_refused_before_solving():
    # S04 opens October with 3 days and takes Oct 29: 2 left
    res = leave_check("--staff", "S04", "--from", "2026-10-19", "--to", "2026-10-21", "--filed", "2026-10-19")
    assert res.exit_code == 1
    assert res.output.splitlines()[1:] == [
        "balance: NOT OK (3 days asked, only 2 left)",
        "approval: manager (filed too late: needs 1 day(s) notice)",
        "roster: not checked (the balance does not allow this leave)",
    ]


def test_half_day_and_bad_input():
    check = check_leave(load_scenario(HALL), "S13", dt.date(2026, 10, 27), dt.date(2026, 10, 27), "annual",
                        half="pm", time_limit=15)
    assert check.days == 0.5 and check.approver == "supervisor" and check.ok
    res = leave_check("--staff", "S99", "--from", "2026-10-13")
    assert res.exit_code == 2 and "--staff = 'S99': unknown staff" in res.output
    res = leave_check("--staff", "S09", "--from", "2026-13-01")
    assert res.exit_code == 2 and "not a date" in res.output
    res = leave_check("--staff", "S05", "--from", "2026-10-13")
    assert res.exit_code == 2 and "S05 already has annual leave 2026-10-12..2026-10-16" in res.output
    res = leave_check("--staff", "S09", "--from", "2026-11-02")
    assert res.exit_code == 2 and "inside the horizon" in res.output


def test_leave_ledger_command():
    res = CliRunner().invoke(app, ["leave-ledger", HALL])
    assert res.exit_code == 0, res.output
    rows = {tuple(line.split()[:2]): line.split()[2:5] for line in res.output.splitlines()[1:]}
    assert rows[("S05", "annual")] == ["12", "5", "7"]
    assert rows[("S03", "annual")] == ["15", "0.5", "14.5"]  # 6 completed years: 10 + 5, a half day taken
    assert rows[("S13", "annual")] == ["12", "2", "10"]       # the leave wish counts too
