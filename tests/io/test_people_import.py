"""Staff lists, leave and leave balances from CSV/Excel; bad rows name row, column and value."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from roster.cli import app
from roster.io.load import load_scenario
from roster.io.people import read_leave, read_leave_balances, read_staff
from roster.model.ledger import ledger_and_overdraws
from roster.model.parse import ScenarioError, scenario_from_dict
from tests.conftest import SCENARIOS

CALL = SCENARIOS / "callcenter_95598.yaml"

STAFF_CSV = """id,name,roles,hired,cannot,max_hours_per_week,days_off
S01,张伟,deputy,2018-03-01,,,
S02,王芳,lead/agent,2019-06-15,N;E,36,2026-12-24|2026-12-25

S03,'=cmd,agent,,,,
"""


@pytest.fixture(scope="module")
def call():
    return load_scenario(CALL)


def write(tmp_path, name, text, bom=False):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    return path


def test_staff_list_from_csv(call, tmp_path):
    staff = read_staff(write(tmp_path, "staff.csv", STAFF_CSV, bom=True), call)
    assert [p.id for p in staff] == ["S01", "S02", "S03"]
    s02 = staff[1]
    assert s02.roles == ("lead", "agent") and s02.cannot == ("N", "E") and s02.hired == dt.date(2019, 6, 15)
    assert s02.max_hours_per_week == 36 and s02.days_off == (dt.date(2026, 12, 24), dt.date(2026, 12, 25))
    assert staff[2].name == "=cmd"  # the apostrophe a spreadsheet-safe export adds is dropped
    # the list slots into a scenario
    data = call.model_dump(mode="json", exclude_defaults=True)
    data["staff"] = [p.model_dump(mode="json", exclude_defaults=True) for p in staff]
    data["leave"], data["requests"] = [], []
    assert scenario_from_dict(data).staff_by_id["S02"].cannot == ("N", "E")


def test_staff_list_from_excel_with_chinese_headers(call, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "角色", "入职日期"])
    ws.append(["S01", "张伟", "deputy", dt.datetime(2018, 3, 1)])
    ws.append([7, "数字工号", "agent", None])
    wb.save(tmp_path / "staff.xlsx")
    staff = read_staff(tmp_path / "staff.xlsx", call)
    assert [(p.id, p.hired) for p in staff] == [("S01", dt.date(2018, 3, 1)), ("7", None)]


@pytest.mark.parametrize("body, field, value, words", [
    ("id,name,roles\nS01,a,agent\nS01,b,agent\n", "row 3, column id", "S01", "duplicate id (also on row 2)"),
    ("id,name,roles\nS01,a,pilot\n", "row 2, column roles", "pilot", "unknown role"),
    ("id,name,roles,hired\nS01,a,agent,2018-13-01\n", "row 2, column hired", "2018-13-01", "not a date"),
    ("id,name,roles,max_hours_per_week\nS01,a,agent,forty\n", "row 2, column max_hours_per_week", "forty",
     "not a number"),
    ("id,name,roles,cannot\nS01,a,agent,Z\n", "row 2, column cannot", "Z", "unknown shift"),
    ("id,name,roles\n,a,agent\n", "row 2, column id", "", "empty"),
    ("id,name,roles\nS01,a,\n", "row 2, column roles", "", "no role"),
    ("id,name,roles,shoe_size\nS01,a,agent,42\n", "row 1, column 4", "shoe_size", "unknown column"),
    ("name,roles\na,agent\n", "row 1", "name,roles", "missing column(s) id"),
])
def test_bad_staff_rows(call, tmp_path, body, field, value, words):
    path = write(tmp_path, "bad.csv", body)
    with pytest.raises(ScenarioError) as err:
        read_staff(path, call)
    assert (err.value.file, err.value.field, err.value.value) == (str(path), field, value)
    assert words in err.value.message


def test_leave_records_and_their_errors(call, tmp_path):
    text = "staff_id,type,start,end,note\nS05,sick,2026-12-03,2026-12-04,flu\nS06,,2026/12/07,2026/12/07,\n"
    leave = read_leave(write(tmp_path, "leave.csv", text), call)
    assert [(lv.staff, lv.type, lv.start, lv.end) for lv in leave] == [
        ("S05", "sick", dt.date(2026, 12, 3), dt.date(2026, 12, 4)), ("S06", "annual", dt.date(2026, 12, 7),
                                                                       dt.date(2026, 12, 7))]
    bad = write(tmp_path, "bad.csv", "staff_id,start,end\nS05,2026-12-04,2026-12-03\n")
    with pytest.raises(ScenarioError) as err:
        read_leave(bad, call)
    assert err.value.field == "row 2, column end" and "before the start" in err.value.message
    bad = write(tmp_path, "bad3.csv", "staff_id,type,start,end,half\nS05,annual,2026-12-04,2026-12-05,am\n")
    with pytest.raises(ScenarioError) as err:
        read_leave(bad, call)
    assert err.value.field == "row 2, column half" and "one date" in err.value.message
    bad = write(tmp_path, "bad2.csv", "staff_id,start,end\nS99,2026-12-04,2026-12-05\n")
    with pytest.raises(ScenarioError) as err:
        read_leave(bad, call)
    assert (err.value.field, err.value.value) == ("row 2, column staff_id", "S99")


def test_leave_balances(call, tmp_path):
    path = write(tmp_path, "bal.csv", "staff,type,days\nS04,annual,1\nS09,annual,10\n")
    balances = read_leave_balances(path, call)
    assert [(b.staff, b.type, b.days) for b in balances] == [("S04", "annual", 1), ("S09", "annual", 10)]
    _, over = ledger_and_overdraws(call, tuple(balances))  # S04 takes 2 working days, 1 is left
    assert [(o.staff, o.asked, o.left) for o in over] == [("S04", 2, 1)]
    for body, field, words in (("staff_id,days\nS04,-1\n", "row 2, column days", "negative"),
                               ("staff_id,type,days\nS04,holiday,1\n", "row 2, column type", "unknown leave type"),
                               ("staff_id,days\nS04,lots\n", "row 2, column days", "not a number"),
                               ("staff_id,type,days\nS04,annual,1\nS04,annual,2\n", "row 3, column type", "second")):
        with pytest.raises(ScenarioError) as err:
            read_leave_balances(write(tmp_path, "b.csv", body), call)
        assert err.value.field == field and words in err.value.message


def test_tables_need_a_known_suffix_and_utf8(tmp_path):
    (tmp_path / "staff.ods").write_bytes(b"x")
    with pytest.raises(ScenarioError, match="use .csv or .xlsx"):
        read_staff(tmp_path / "staff.ods")
    (tmp_path / "gbk.csv").write_bytes("id,name,roles\nS1,张伟,agent\n".encode("gbk"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        read_staff(tmp_path / "gbk.csv")


def test_import_commands(tmp_path):
    staff = write(tmp_path, "staff.csv", STAFF_CSV)
    res = CliRunner().invoke(app, ["import", "staff", str(staff), "--scenario", str(CALL)])
    assert res.exit_code == 0, res.output
    assert [p["id"] for p in yaml.safe_load(res.output)["staff"]] == ["S01", "S02", "S03"]
    bad = write(tmp_path, "bad.csv", "id,name,roles\nS01,a,pilot\n")
    res = CliRunner().invoke(app, ["import", "staff", str(bad), "--scenario", str(CALL)])
    assert res.exit_code == 2 and "row 2, column roles = 'pilot'" in res.output
    leave = write(tmp_path, "leave.csv", "staff_id,type,start,end\nS05,sick,2026-12-03,2026-12-04\n")
    res = CliRunner().invoke(app, ["import", "leave", str(leave)])
    assert res.exit_code == 0 and yaml.safe_load(res.output)["leave"][0]["start"] == "2026-12-03"
    bal = write(tmp_path, "bal.csv", "staff_id,type,days\nS04,annual,1\n")
    res = CliRunner().invoke(app, ["import", "balances", str(bal), "--scenario", str(CALL)])
    assert res.exit_code == 1 and "S04 annual leave: 2 days asked, 1 left" in res.output
    assert yaml.safe_load(res.output)["leave_balances"] == [{"staff": "S04", "type": "annual", "days": 1.0}]
