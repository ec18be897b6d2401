"""read_any: dispatch on suffix and content; hand-made files; errors name file, cell or row, value."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from roster.io.grid import read_grid
from roster.io.load import load_scenario
from roster.io.readers import read_any
from roster.io.roster_csv import read_roster_csv, write_roster_csv
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster
from tests.conftest import SCENARIOS

CALL = SCENARIOS / "callcenter_95598.yaml"


@pytest.fixture(scope="module")
def call():
    return load_scenario(CALL)


def hand_grid(path, rows, dates=("2026-12-01", "2026-12-02"), title=True):
    """A grid typed by hand: no legend sheet, dates as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "排班"
    if title:
        ws.append(["December"])
    ws.append(["staff_id", "name", *dates])
    for row in rows:
        ws.append(row)
    ws.append([])
    ws.append([None, "total", 3, 3])
    wb.save(path)
    return path


def test_hand_made_grid_reads_with_the_scenario(call, tmp_path):
    path = hand_grid(tmp_path / "hand.xlsx", [["S01", "张伟", "D", "休"], ["S05", "陈静", "off", "N"],
                                               ["S04", "李娜", "年假", "E "]])
    roster = read_any(path, call)
    assert [(a.date.day, a.staff, a.shift) for a in roster] == [(1, "S01", "D"), (2, "S04", "E"), (2, "S05", "N")]
    assert {a.role for a in roster} == {"lead", "agent"}  # seated from the scenario
    assert roster.leave == (LeaveDay(dt.date(2026, 12, 1), "S04", "annual"),)  # not the scenario's leave: planned


def test_grid_leave_that_the_scenario_holds_is_not_repeated(call, tmp_path):
    path = hand_grid(tmp_path / "leave.xlsx", [["S04", "李娜", "年假", ""]], dates=("2026-12-10", "2026-12-11"))
    assert read_any(path, call).leave == ()
    assert read_grid(path, call).leave == (LeaveDay(dt.date(2026, 12, 10), "S04", "annual"),)


def test_grid_typo_names_the_cell(call, tmp_path):
    path = hand_grid(tmp_path / "typo.xlsx", [["S01", "张伟", "D", "X9"]])
    with pytest.raises(ScenarioError) as err:
        read_any(path, call)
    assert err.value.file == str(path)
    assert "cell D3" in err.value.field and "S01" in err.value.field and "2026-12-02" in err.value.field
    assert err.value.value == "X9" and "not a shift code" in err.value.message


def test_grid_without_header_or_dates(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["who", "2026-12-01"])
    wb.save(tmp_path / "nohead.xlsx")
    with pytest.raises(ScenarioError, match="neither a month grid nor an attendance template"):
        read_any(tmp_path / "nohead.xlsx")
    wb = openpyxl.Workbook()
    wb.active.append(["staff_id", "name", "Monday"])
    wb.save(tmp_path / "nodates.xlsx")
    with pytest.raises(ScenarioError, match="no date columns"):
        read_grid(tmp_path / "nodates.xlsx")


def test_template_errors_name_the_cell(call, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "工号", "部门", "2026-12-01", "2026-12-02"])
    ws.append(["张伟", "S01", "", "早班", "午班"])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(ScenarioError) as err:
        read_any(tmp_path / "t.xlsx", call)
    assert "cell E2" in err.value.field and err.value.value == "午班"
    ws.cell(2, 5, "休息")
    ws.cell(2, 2).value = None
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(ScenarioError, match="no staff id for 张伟"):
        read_any(tmp_path / "t.xlsx", call)
    ws.cell(1, 2, "编号")
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(ScenarioError, match="no staff id column"):
        read_any(tmp_path / "t.xlsx", call)


def test_roster_csv_rows_errors_and_leave_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("date,staff_id,shift\n2026-12-01,S01,\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        read_roster_csv(path)
    assert err.value.field == "row 2, column shift"
    path.write_bytes("date,staff_id,shift\n2026-12-01,张伟,D\n".encode("gbk"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        read_roster_csv(path)
    roster = Roster.of([Assignment(dt.date(2026, 12, 1), "S01", "D", "lead")],
                       [LeaveDay(dt.date(2026, 12, 2), "S01", "annual")])
    write_roster_csv(roster, path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "date,staff_id,shift,role,post,leave"
    assert read_roster_csv(path) == roster
    write_roster_csv(Roster.of(roster.assignments), path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "date,staff_id,shift,role,post"


def test_json_reader_errors(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"assignments": [{"date": "2026-12-01", "staff_id": "S01"}]}), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        read_any(path)
    assert err.value.field == "assignments[0].shift"
    path.write_text(json.dumps({"roster": []}), encoding="utf-8")
    with pytest.raises(ScenarioError, match="missing or not a list"):
        read_any(path)


def test_unknown_suffix_lists_the_formats(tmp_path):
    path = tmp_path / "roster.ods"
    path.write_bytes(b"x")
    with pytest.raises(ScenarioError) as err:
        read_any(path)
    assert ".xlsx" in err.value.hint and ".ics" in err.value.hint
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ScenarioError, match="neither a month grid"):
        read_any(tmp_path / "junk.xlsx")
