"""Every input mistake reported in issue 13, as a named regression test.

Each case runs the command line in-process and checks the exit code, that no traceback escaped,
and that the message names the file (or option), the field and the value.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from roster.cli import app
from roster.cli.common import write_or_rescue
from roster.cli.export import export_roster
from roster.io.load import load_scenario
from roster.model.calendar import Calendar, matches
from roster.model.roster import Assignment, Roster

TINY = """\
name: tiny
horizon: {start: 2026-12-07, end: 2026-12-13}
timezone: Asia/Shanghai
roles: [{id: agent, name: 坐席员}]
shifts:
  - {id: D, start: 08:00, end: 16:00}
  - {id: N, start: 22:00, end: 08:00, on: all}
staff:
  - {id: A, roles: [agent], hired: 2018-03-01}
  - {id: B, roles: [agent]}
  - {id: C, roles: [agent]}
demand:
  - {shift: D, role: agent, min: 1, days: all}
rules: {min_rest_hours: 12, max_hours_per_week: 40}
"""

ROSTER_CSV = "date,staff_id,shift,role\n" + "".join(
    f"2026-12-{d:02d},{'ABC'[d % 3]},D,agent\n" for d in range(7, 14))


def run(*args: str):
    """The command line in-process; never lets an exception through unnoticed."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture
def files(tmp_path: Path):
    """A folder with the tiny scenario (as text), its roster and a plain file."""
    (tmp_path / "s.yaml").write_text(TINY, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    return tmp_path


def scenario_with(folder: Path, old: str, new: str, name: str = "bad.yaml") -> Path:
    assert old in TINY, old
    path = folder / name
    path.write_text(TINY.replace(old, new, 1), encoding="utf-8")
    return path


# ---- scenario fields: (id, text replaced, replacement, field, value in the message) --------------
FIELD_CASES = [
    ("impossible month", "end: 2026-12-13", "end: 2026-13-01", "horizon.end", "2026-13-01"),
    ("February 30", "start: 2026-12-07", "start: 2026-02-30", "horizon.start", "2026-02-30"),
    ("no leap day in 2018", "hired: 2018-03-01", "hired: 2018-02-29", "staff[0].hired", "2018-02-29"),
    ("day zero", "end: 2026-12-13", "end: 2026-12-00", "horizon.end", "2026-12-00"),
    ("negative rest", "min_rest_hours: 12", "min_rest_hours: -5", "rules.min_rest_hours", "-5"),
    ("negative weekly hours", "max_hours_per_week: 40", "max_hours_per_week: -1", "rules.max_hours_per_week", "-1"),
    ("negative days in a row", "min_rest_hours: 12", "max_consecutive_work_days: -3",
     "rules.max_consecutive_work_days", "-3"),
    ("negative weekends", "min_rest_hours: 12", "max_weekends_per_month: -1", "rules.max_weekends_per_month", "-1"),
    ("fractional seats", "min: 1,", "min: 2.5,", "demand[0].min", "2.5"),
    ("fractional soft seats", "min: 1,", "min: {value: 1.5, weight: 10},", "demand[0].min", "1.5"),
    ("horizon of 401 days", "end: 2026-12-13", "end: 2028-01-11", "horizon", "401 days"),
    ("unknown time zone", "timezone: Asia/Shanghai", "timezone: Asia/Beijing", "timezone", "Asia/Beijing"),
    ("missing balance file", "timezone: Asia/Shanghai", "leave_balances: nofile.csv", "leave_balances", "nofile.csv"),
    ("typo in a nested key", "min: 1,", "min: {value: 2, weigth: 100},", "demand[0].min.weigth",
     "did you mean `weight`?"),
    ("typo in a rule name", "min_rest_hours: 12", "min_rest_hour: 12", "rules.min_rest_hour",
     "did you mean `min_rest_hours`?"),
    ("typo in a top-level key", "staff:", "staf:", "staf", "did you mean `staff`?"),
    ("time as a number", "start: 08:00", "start: 8", "shifts[0].start", 'in quotes, e.g. start: "08:00"'),
    ("reversed date range", "days: all", "days: 2026-12-12..2026-12-10", "demand[0].days",
     "ends (2026-12-10) before it starts (2026-12-12)"),
    ("bad date in a range", "days: all", "days: [mon, 2026-12-10..2026-12-32]", "demand[0].days", "2026-12-32"),
    ("not a day selector", "days: all", "days: someday", "demand[0].days", "mon..fri"),
    ("duplicate key", "rules: {min_rest_hours: 12,", "rules: {min_rest_hours: 12, min_rest_hours: 11,",
     "rules.min_rest_hours", "duplicate key 'min_rest_hours' (first given on line 14)"),
    ("duplicate staff entry key", "  - {id: B, roles: [agent]}", "  - {id: B, id: D, roles: [agent]}",
     "staff[1].id", "duplicate key 'id' (first given on line 10)"),
]


@pytest.mark.parametrize("old,new,field,value", [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES])
def test_scenario_field_error(files, old, new, field, value):
    path = scenario_with(files, old, new)
    result = run("validate", path, files / "roster.csv")
    assert result.exit_code == 2, result.output
    message = result.output
    assert str(path) in message and field in message and value in message, message
    assert "pydantic" not in message and "https://" not in message


def test_a_file_in_another_encoding_gets_a_save_as_hint(files):
    path = files / "gbk.yaml"
    path.write_bytes(TINY.replace("tiny", "小组").encode("gbk"))
    result = run("validate", path, files / "roster.csv")
    assert result.exit_code == 2
    assert str(path) in result.output and "not UTF-8" in result.output and "Save As" in result.output


# ---- accepted forms that used to be refused or misread ---------------------------------------
@pytest.mark.parametrize("days,expected", [
    ("mon..fri", [7, 8, 9, 10, 11]),
    ("fri..mon", [7, 11, 12, 13]),
    ("2026-12-09..2026-12-11", [9, 10, 11]),
    ("[sat, 2026-12-07..2026-12-08]", [7, 8, 12]),
    ("[tue..wed, sun]", [8, 9, 13]),
], ids=["weekday range", "wrapping weekday range", "date range", "date range in a list", "range and day"])
def test_day_selector_ranges(files, days, expected):
    path = scenario_with(files, "days: all", f"days: {days}", "ok.yaml")
    assert run("validate", path, files / "roster.csv").exit_code in (0, 1)
    scenario = load_scenario(path)
    cal = Calendar(scenario)
    assert [d.date.day for d in cal.days if matches(d, scenario.demand[0].days)] == expected


def test_unquoted_times_and_yaml_words_stay_text(files):
    path = scenario_with(files, "  - {id: B, roles: [agent]}", "  - {id: B, name: no, roles: [agent]}", "ok.yaml")
    scenario = load_scenario(path)
    assert (scenario.shifts[0].start, scenario.shifts[0].end) == ("08:00", "16:00")
    assert scenario.staff[1].name == "no"
    assert scenario.horizon.start == dt.date(2026, 12, 7)


# ---- command-line options --------------------------------------------------------------------
def test_vary_headcount_not_a_number(files):
    result = run("whatif", "sweep", files / "s.yaml", "--vary", "staff.count.agent=abc", "--no-ray")
    assert result.exit_code == 2 and "staff.count.agent" in result.output and "'abc' is not a number" in result.output


def test_vary_seats_not_a_number(files):
    result = run("whatif", "sweep", files / "s.yaml", "--vary", "demand.D.agent.min=abc", "--no-ray")
    assert result.exit_code == 2 and "demand.D.agent.min" in result.output and "'abc'" in result.output


def test_vary_fractional_headcount(files):
    result = run("whatif", "sweep", files / "s.yaml", "--vary", "staff.count.agent=2.5", "--no-ray")
    assert result.exit_code == 2 and "2.5" in result.output and "whole number" in result.output


def test_vary_bad_value_in_the_words_of_the_scenario(files):
    result = run("whatif", "sweep", files / "s.yaml", "--vary", "rules.min_rest_hours=8,-3", "--no-ray")
    assert result.exit_code == 2
    assert "rules.min_rest_hours" in result.output and "-3" in result.output and "at least 0" in result.output
    assert "pydantic" not in result.output and "https://" not in result.output


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_ray_address_is_named(files):
    address = f"127.0.0.1:{_closed_port()}"
    result = run("whatif", "sweep", files / "s.yaml", "--vary", "staff.count.agent=3", "--ray-address", address)
    assert result.exit_code == 2
    assert "--ray-address" in result.output and address in result.output and "ray start --head" in result.output


def test_unreachable_ray_address_falls_back_when_asked(files, tmp_path):
    address = f"127.0.0.1:{_closed_port()}"
    result = run("whatif", "sweep", files / "s.yaml", "--vary", "staff.count.agent=3", "--ray-address", address,
                 "--ray-fallback", "--time-limit", "2")
    assert result.exit_code == 0, result.output
    assert "process pool (Ray at" in result.output


@pytest.mark.parametrize("args,option", [
    (["solve", "{s}", "--time-limit", "-5"], "--time-limit"),
    (["solve", "{s}", "--workers", "0"], "--workers"),
    (["explain", "{s}", "--lang", "fr"], "--lang"),
    (["validate", "{s}", "{roster}", "--lang", "fr"], "--lang"),
    (["repair", "{s}", "--published", "{roster}", "--absent", "A:2026-12-09", "--lang", "fr"], "--lang"),
    (["whatif", "sweep", "{s}", "--vary", "staff.count.agent=3", "--time-limit", "0"], "--time-limit"),
], ids=["negative time limit", "no workers", "explain in French", "validate in French", "repair in French",
        "zero time limit per solve"])
def test_option_values_are_checked_by_the_command_line(files, args, option):
    values = {"s": files / "s.yaml", "roster": files / "roster.csv"}
    result = run(*(a.format(**values) for a in args))
    assert result.exit_code == 2 and option in result.output


@pytest.mark.parametrize("args,field,value", [
    (["solve", "{s}", "--out", "{afile}"], "--out", "is a file, not a folder"),
    (["repair", "{s}", "--published", "{roster}", "--absent", "A:2026-12-09", "--out", "{afile}"], "--out",
     "is a file, not a folder"),
    (["export", "{s}", "{roster}", "--format", "xlsx", "--out", "{dir}"], "--out", "is a folder, not a file"),
    (["validate", "{s}", "{dir}"], "{dir}", "is a folder"),
    (["solve", "{dir}"], "{dir}", "is a folder"),
    (["whatif", "sweep", "{s}", "--vary", "staff.count.agent=3", "--out", "{dir}"], "--out", "is a folder"),
], ids=["solve into a file", "repair into a file", "export into a folder", "validate a folder", "solve a folder",
        "sweep table into a folder"])
def test_paths_are_checked_before_any_work(files, args, field, value):
    values = {"s": files / "s.yaml", "roster": files / "roster.csv", "afile": files / "afile", "dir": files}
    result = run(*(a.format(**values) for a in args))
    assert result.exit_code == 2, result.output
    assert field.format(**values) in result.output and value in result.output
    assert "OPTIMAL" not in result.output and "FEASIBLE" not in result.output  # nothing was solved


def test_repair_absence_outside_the_horizon_blames_absent(files):
    result = run("repair", files / "s.yaml", "--published", files / "roster.csv", "--absent", "A:2027-01-05",
                 "--out", files / "out")
    assert result.exit_code == 2
    assert "--absent" in result.output and "A:2027-01-05" in result.output and "--from" not in result.output


def test_store_list_creates_nothing(files):
    db = files / "nonexist" / "dir" / "x.db"
    result = run("store", "list", "--db", db)
    assert result.exit_code == 0 and "no roster store" in result.output
    assert not (files / "nonexist").exists()
    shown = run("store", "show", "tiny", "--db", db)
    assert shown.exit_code == 2 and str(db) in shown.output and not (files / "nonexist").exists()


# ---- roster files ---------------------------------------------------------------------------
def test_csv_row_with_an_extra_value_names_its_row(files):
    path = files / "extra.csv"
    path.write_text("date,staff_id,shift\n2026-12-07,A,D\n2026-12-08,A,D,agent\n", encoding="utf-8")
    result = run("validate", files / "s.yaml", path)
    assert result.exit_code == 2
    assert "row 3" in result.output and "'agent'" in result.output and "header has 3 columns" in result.output


def test_json_named_ics_gets_a_short_message(files):
    path = files / "roster.ics"
    path.write_text(json.dumps({"assignments": [{"date": "2026-12-07", "staff_id": "A", "shift": "D"}] * 500}),
                    encoding="utf-8")
    result = run("validate", files / "s.yaml", path)
    assert result.exit_code == 2 and str(path) in result.output and "not an iCalendar file" in result.output
    assert len(result.output) < 600


def _grid(files: Path) -> tuple[Path, openpyxl.Workbook, int]:
    scenario = load_scenario(files / "s.yaml")
    roster = Roster.of([Assignment(dt.date(2026, 12, 7) + dt.timedelta(days=i), "A", "D", "agent") for i in range(7)])
    path = files / "grid.xlsx"
    export_roster(scenario, roster, "xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["roster"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "staff_id")
    return path, wb, header


def test_grid_formula_cell_is_not_a_day_off(files):
    path, wb, header = _grid(files)
    ws = wb["roster"]
    col = next(c for c in range(2, ws.max_column + 1) if isinstance(ws.cell(header, c).value, dt.datetime))
    row = next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 1).value == "A")
    ws.cell(row, col).value = "=B1"
    wb.save(path)
    result = run("validate", files / "s.yaml", path)
    assert result.exit_code == 2
    assert f"{openpyxl.utils.get_column_letter(col)}{row}" in result.output and "'=B1'" in result.output
    assert "formula" in result.output


def test_grid_bad_date_header_is_named(files):
    path, wb, header = _grid(files)
    ws = wb["roster"]
    cols = [c for c in range(2, ws.max_column + 1) if isinstance(ws.cell(header, c).value, dt.datetime)]
    ws.cell(header, cols[2]).value = "2026-12-32"
    wb.save(path)
    result = run("validate", files / "s.yaml", path)
    assert result.exit_code == 2
    assert f"{openpyxl.utils.get_column_letter(cols[2])}{header}" in result.output
    assert "'2026-12-32'" in result.output and "not a date" in result.output


# ---- exports -----------------------------------------------------------------------------------
def test_export_for_one_person_counts_that_persons_shifts(files):
    out = files / "a.ics"
    result = run("export", files / "s.yaml", files / "roster.csv", "--format", "ics", "--staff", "A", "--out", out)
    assert result.exit_code == 0, result.output
    events = out.read_text(encoding="utf-8").count("BEGIN:VEVENT")
    mine = ROSTER_CSV.count(",A,")
    assert events == mine and f"{mine} shifts for A" in result.output


def test_export_bad_tz_names_the_option(files):
    result = run("export", files / "s.yaml", files / "roster.csv", "--format", "ics", "--tz", "Mars/Base",
                 "--out", files / "x.ics")
    assert result.exit_code == 2 and "--tz" in result.output and "Mars/Base" in result.output


# ---- leave beyond the entitlement --------------------------------------------------------------
SEVEN_DAY_MARRIAGE = "leave:\n  - {staff: A, type: marriage, start: 2026-12-07, end: 2026-12-13}\n"


def test_leave_beyond_entitlement_is_a_warning_and_the_roster_is_made(files):
    path = files / "wedding.yaml"
    path.write_text(TINY + SEVEN_DAY_MARRIAGE, encoding="utf-8")
    out = files / "out"
    result = run("solve", path, "--out", out, "--time-limit", "5", "--quiet")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "leave[0]" in result.output and "5 days asked, 3 left" in result.output
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert any("leave[0]" in w for w in data["warnings"])
    assert not any(a["staff_id"] == "A" for a in data["assignments"])
    checked = run("validate", path, out / "roster.csv")
    assert checked.exit_code == 0 and "5 days asked, 3 left" in checked.output


def test_leave_check_still_refuses_beyond_entitlement(files):
    result = run("leave-check", files / "s.yaml", "--staff", "A", "--type", "marriage", "--from", "2026-12-07",
                 "--to", "2026-12-13", "--time-limit", "2")
    assert result.exit_code == 1 and "NOT OK" in result.output


# ---- validator output at scale ---------------------------------------------------------------------
def test_fairness_lines_name_a_large_group_instead_of_listing_it(files):
    people = "".join(f"  - {{id: P{i:02d}, roles: [agent]}}\n" for i in range(1, 11))
    text = TINY.replace("""  - {id: A, roles: [agent], hired: 2018-03-01}
  - {id: B, roles: [agent]}
  - {id: C, roles: [agent]}
""", people) + "fairness: {hours: 1}\n"
    path = files / "big.yaml"
    path.write_text(text, encoding="utf-8")
    roster = files / "big.csv"
    roster.write_text("date,staff_id,shift,role\n" + "".join(f"2026-12-{d:02d},P01,D,agent\n" for d in range(7, 12)),
                      encoding="utf-8")
    result = run("validate", path, roster)
    lines = [x for x in result.output.splitlines() if "fair share" in x]
    assert lines and all("among the 10 坐席员 peers" in x and "P10" not in x for x in lines), result.output
    listed = run("validate", path, roster, "--peers")
    assert "the 10 坐席员 peers: P01, P02" in listed.output


def test_min_staff_says_enough_not_at_least(files):
    result = run("whatif", "min-staff", files / "s.yaml", "--time-limit", "10")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("agent:"))
    assert "at least" not in line
    assert "needed (one fewer is infeasible)" in line or "are enough (fewer were not checked" in line
    proof = result.output.splitlines()[result.output.splitlines().index(line) + 1]
    assert proof.strip().startswith(("proven:", "not proven:", "none needed")), result.output


def test_a_failed_write_after_solving_saves_the_roster_elsewhere(tmp_path, capsys):
    calls: list[Path] = []

    def write(folder: Path) -> list[Path]:
        calls.append(folder)
        if len(calls) == 1:
            raise PermissionError(13, "Permission denied")
        (folder / "roster.csv").write_text("date,staff_id,shift\n", encoding="utf-8")
        return [folder / "roster.csv"]

    written = write_or_rescue(write, tmp_path / "locked")
    assert len(calls) == 2 and written[0].exists() and written[0].parent != tmp_path / "locked"
    assert str(written[0].parent) in capsys.readouterr().err


def test_out_folder_inside_a_file_is_refused_and_nothing_is_made(files):
    result = run("solve", files / "s.yaml", "--out", files / "afile" / "sub")
    assert result.exit_code == 2 and "--out" in result.output and "is a file" in result.output


def test_an_infeasible_solve_leaves_no_empty_out_folder(files):
    path = scenario_with(files, "min: 1,", "min: 5,", "short.yaml")
    result = run("solve", path, "--out", files / "new" / "out", "--time-limit", "5", "--quiet")
    assert result.exit_code == 1, result.output
    assert not (files / "new").exists()
