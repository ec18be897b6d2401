"""DingTalk-style and WeCom-style roster-import templates and the shift mapping file."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from roster.io.readers import read_any
from roster.io.templates import default_mapping, load_mapping, read_template, write_template
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.roster import Assignment, Roster

MAPPING = """system: dingtalk
rest: 休
shifts:
  D: 早班A
  N: 大夜班
  D/W1: 早班窗口
"""


@pytest.fixture
def week():
    sc = scenario_from_dict({
        "name": "desk",
        "horizon": {"start": "2026-12-07", "end": "2026-12-13"},
        "roles": [{"id": "agent", "name": "坐席员"}],
        "shifts": [{"id": "D", "name": "早班", "start": "08:00", "end": "16:00"},
                   {"id": "N", "name": "夜班", "start": "22:00", "end": "06:00"}],
        "staff": [{"id": "A", "name": "张伟", "roles": ["agent"]}, {"id": "B", "name": "王芳", "roles": ["agent"]}],
    })
    roster = Roster.of([Assignment(dt.date(2026, 12, 7), "A", "D", "agent"),
                        Assignment(dt.date(2026, 12, 8), "A", "D", "agent", "W1"),
                        Assignment(dt.date(2026, 12, 9), "B", "N", "agent")])
    return sc, roster


def cells(roster):
    return sorted((a.date, a.staff, a.shift, a.post) for a in roster)


def test_dingtalk_layout(week, tmp_path):
    sc, roster = week
    path = tmp_path / "dingtalk.xlsx"
    write_template(sc, roster, path, "dingtalk")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["排班表", "班次"]
    ws = wb["排班表"]
    assert [ws.cell(2, c).value for c in range(1, 5)] == ["姓名", "工号", "部门", "2026-12-07"]
    assert ws.cell(3, 4).value == "周一" and ws.cell(3, 10).value == "周日"
    assert [ws.cell(4, c).value for c in range(1, 7)] == ["张伟", "A", "坐席员", "早班", "早班/W1", "休息"]
    assert ws.cell(5, 6).value == "夜班"
    shifts = [row for row in wb["班次"].iter_rows(min_row=2, values_only=True)]
    assert ("早班", "08:00-16:00", "D") in shifts and ("夜班", "22:00-06:00", "N") in shifts
    assert cells(read_template(path, sc)) == cells(roster)


def test_wecom_layout(week, tmp_path):
    sc, roster = week
    path = tmp_path / "wecom.xlsx"
    write_template(sc, roster, path, "wecom")
    ws = openpyxl.load_workbook(path)["排班"]
    assert [ws.cell(1, c).value for c in range(1, 5)] == ["姓名", "账号", "部门", "2026/12/07"]
    assert [ws.cell(2, c).value for c in range(1, 6)] == ["张伟", "A", "坐席员", "早班", "早班/W1"]
    assert cells(read_any(path, sc)) == cells(roster)


def test_mapping_file_names_the_systems_shifts(week, tmp_path):
    sc, roster = week
    file = tmp_path / "map.yaml"
    file.write_text(MAPPING, encoding="utf-8")
    mapping = load_mapping(file, sc)
    assert mapping.rest == "休" and mapping.name_of("D") == "早班A" and mapping.name_of("D/W1") == "早班窗口"
    path = tmp_path / "mapped.xlsx"
    write_template(sc, roster, path, "dingtalk", mapping)
    ws = openpyxl.load_workbook(path)["排班表"]
    assert [ws.cell(4, c).value for c in range(4, 7)] == ["早班A", "早班窗口", "休"]
    assert ws.cell(5, 6).value == "大夜班"
    assert cells(read_template(path, sc, mapping)) == cells(roster)
    assert cells(read_template(path, sc)) == cells(roster)  # the 班次 sheet names our codes
    wb = openpyxl.load_workbook(path)
    del wb["班次"]
    wb.save(path)
    with pytest.raises(ScenarioError) as err:
        read_template(path, sc)
    assert "cell D4" in err.value.field and err.value.value == "早班A"
    assert cells(read_any(path, sc, mapping)) == cells(roster)


@pytest.mark.parametrize("text, field, message", [
    ("shifts: {X: 早}", "shifts.X", "unknown shift"),
    ("shifts: {D: 早, N: 早}", "shifts.N", "same name"),
    ("shifts: {D: 夜班}", "shifts.N", "same name"),
    ("rest: 早\nshifts: {D: 早}", "shifts.D", "day off"),
    ("colour: red", "colour", "unknown field"),
    ("shifts: {D: ''}", "shifts.D", "non-empty"),
    ("- D", "", "must hold a mapping"),
])
def test_bad_mapping_files_name_the_field(week, tmp_path, text, field, message):
    sc, _ = week
    file = tmp_path / "bad.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_mapping(file, sc)
    assert err.value.field == field and message in err.value.message
    assert err.value.file == str(file)


def test_default_mapping_uses_ids_when_names_clash():
    sc = scenario_from_dict({
        "horizon": {"start": "2026-12-07", "end": "2026-12-07"}, "roles": [{"id": "r"}],
        "shifts": [{"id": "D1", "name": "早班", "start": "08:00", "end": "12:00"},
                   {"id": "D2", "name": "早班", "start": "12:00", "end": "16:00"},
                   {"id": "E", "start": "16:00", "end": "20:00"}],
        "staff": [{"id": "A", "roles": ["r"]}],
    })
    assert default_mapping(sc).names == {"D1": "D1", "D2": "D2", "E": "E"}
