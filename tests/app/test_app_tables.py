"""Scenario tables behind st.data_editor: round trips, bad cells, pins, and the app state steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from roster.app import state as S
from roster.app import tables
from roster.io.load import load_scenario
from roster.model.parse import ScenarioError

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((REPO / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_table_round_trips(path: Path) -> None:
    sc = load_scenario(path)
    data = tables.scenario_data(sc)
    for section in tables.SECTIONS:
        frame = tables.to_frame(data, section)
        assert tables.parse_scenario(tables.from_frame(data, section, frame)) == sc, section


def test_cells_read_as_planners_write_them(small_yaml: Path) -> None:
    data = tables.scenario_data(load_scenario(small_yaml))
    frame = tables.to_frame(data, "staff")
    frame.loc[0, "roles"] = "agent"
    frame.loc[0, "max_hours_per_week"] = "36 @ 50"
    frame.loc[0, "days_off"] = "2026-12-12, 2026-12-13"
    frame.loc[0, "forbidden_sequences"] = "E>D"
    frame.loc[0, "max_shifts"] = "E:2"
    sc = tables.parse_scenario(tables.from_frame(data, "staff", frame))
    ann = sc.staff_by_id["A1"]
    assert ann.max_hours_per_week.value == 36 and ann.max_hours_per_week.weight == 50
    assert ann.days_off == (dt.date(2026, 12, 12), dt.date(2026, 12, 13))
    assert ann.forbidden_sequences == (("E", "D"),) and ann.max_shifts == {"E": 2}
    shifts = tables.to_frame(data, "shifts")
    shifts.loc[1, ["start", "end", "segments"]] = ["", "", "08:30-12:00, 14:30-17:30"]
    sc = tables.parse_scenario(tables.from_frame(data, "shifts", shifts))
    assert sc.shift_by_id["E"].paid_minutes == 390
    rules = tables.to_frame(data, "rules")
    rules.loc[rules["rule"] == "max_consecutive_work_days", "value"] = ""
    sc = tables.parse_scenario(tables.from_frame(data, "rules", rules))
    assert sc.rules.max_consecutive_work_days is None  # cleared = no limit


@pytest.mark.parametrize("section,row,column,value,message", [
    ("staff", 1, "hired", "2026-13-40", "not a date"),
    ("staff", 2, "roles", "pilot", "unknown role"),
    ("demand", 0, "min", "two", "not a number"),
    ("leave", 0, "end", "2026-12-01", "before start"),
    ("shifts", 0, "start", "25:00", "not a time"),
])
def test_bad_cell_is_named_and_last_good_scenario_kept(small_yaml: Path, section: str, row: int, column: str,
                                                       value: str, message: str) -> None:
    st: dict = {}
    S.init(st)
    S.open_file(st, small_yaml)
    good = st["scenario"]
    frame = tables.to_frame(st["data"], section)
    frame.loc[row, column] = value
    err = S.apply_table(st, section, frame)
    assert isinstance(err, ScenarioError) and message in str(err)
    cell = tables.locate(err)
    assert cell is not None and cell.section == section
    if cell.row is not None:
        assert cell.row == row
    assert st["scenario"] is good and st["errors"][section] is err
    # fixing the cell clears the error and takes the edit
    frame = tables.to_frame(st["data"], section)
    frame.loc[row, column] = tables.to_frame(st["data"], section).loc[row, column]
    assert S.apply_table(st, section, frame) is None and section not in st["errors"]


def test_rows_added_and_removed(small_yaml: Path) -> None:
    st: dict = {}
    S.init(st)
    S.open_file(st, small_yaml)
    columns = list(tables.to_frame(st["data"], "requests").columns)
    frame = pd.DataFrame([{"staff": "A2", "date": "2026-12-09", "shift": "", "off": True, "weight": "3"},
                          {"staff": None, "date": None, "shift": None, "off": None, "weight": None}],  # blank new row
                         columns=columns)
    assert S.apply_table(st, "requests", frame) is None
    (rq,) = st["scenario"].requests
    assert rq.staff == "A2" and rq.off and rq.weight == 3
    assert S.apply_table(st, "requests", frame.iloc[0:0]) is None
    assert st["scenario"].requests == ()


def test_unknown_fields_stay_visible_as_json() -> None:
    data = {"leave": [{"staff": "A1", "start": "2026-12-01", "end": "2026-12-02", "future": {"x": 1}}]}
    frame = tables.to_frame(data, "leave")
    assert frame.loc[0, "future"] == '{"x": 1}'
    assert tables.from_frame(data, "leave", frame)["leave"][0]["future"] == {"x": 1}


def test_pins_replace_earlier_pins_and_unpin(small_yaml: Path) -> None:
    st: dict = {}
    S.init(st)
    S.open_file(st, small_yaml)
    day = dt.date(2026, 12, 10)
    assert S.pin(st, "A1", day, "D") is None
    assert S.pin(st, "A1", day, "E") is None
    assert [(f.staff, f.date, f.shift) for f in st["scenario"].fixed] == [("A1", day, "E")]
    assert S.pin(st, "A2", day, None) is None
    assert any(f.off for f in st["scenario"].fixed)
    err = S.pin(st, "A1", dt.date(2027, 1, 5), "D")
    assert err is not None and "outside the horizon" in str(err)
    S.unpin(st, "A1", day)
    assert [f.staff for f in st["scenario"].fixed] == ["A2"]


def test_other_settings_yaml(small_yaml: Path) -> None:
    st: dict = {}
    S.init(st)
    S.open_file(st, small_yaml)
    assert S.apply_other(st, "name: renamed\nhorizon: {start: 2026-12-07, end: 2026-12-20}\n") is None
    assert st["scenario"].name == "renamed" and st["scenario"].horizon.end == dt.date(2026, 12, 20)
    err = S.apply_other(st, "staff: []")
    assert err is not None and "own table" in err.message
    err = S.apply_other(st, "horizon: {start: 2026-12-07}")
    assert err is not None and err.field == "horizon.end"
    assert st["scenario"].name == "renamed"


def test_upload_text_errors_name_the_file() -> None:
    st: dict = {}
    S.init(st)
    with pytest.raises(ScenarioError) as err:
        S.open_text(st, "name: [unclosed", "mine.yaml")
    assert err.value.file == "mine.yaml" and "line" in err.value.field
    with pytest.raises(ScenarioError) as err:
        S.open_text(st, "name: x\nhorizon: {start: 2026-12-01, end: 2026-12-02}\nroles: []\n", "mine.yaml")
    assert err.value.field == "roles" and err.value.line == 3
    with pytest.raises(ScenarioError) as err:
        S.open_text(st, "name: x\nname: y\n", "mine.yaml")
    assert "duplicate key 'name'" in err.value.message and "line 2" in str(err.value)
    assert st["scenario"] is None


def test_staff_list_import(tmp_path: Path, small_yaml: Path) -> None:
    st: dict = {}
    S.init(st)
    S.open_file(st, small_yaml)
    staff_csv = tmp_path / "staff.csv"
    staff_csv.write_text("id,name,roles\nA1,Ann,agent\nA2,Bob,agent\nA3,Cai,agent\nA4,Dan,agent\nA5,Eve,agent\n",
                         encoding="utf-8")
    assert S.import_staff(st, staff_csv) == 5
    assert [p.id for p in st["scenario"].staff][-1] == "A5"
    assert st["version"] is None
    from openpyxl import Workbook

    wb = Workbook()
    for row in (["id", "name", "roles"], ["A1", "Ann", "agent"], ["A2", "Bob", "agent"], ["A3", "Cai", "agent"],
                ["A4", "Dan", "agent"]):
        wb.active.append(row)
    wb.save(tmp_path / "staff.xlsx")
    merge = S.preview_staff(st, tmp_path / "staff.xlsx")
    assert merge.missing == ["A5"] and merge.empty
    assert len(st["scenario"].staff) == 5, "a preview changes nothing"
    assert S.apply_staff(st, drop_missing=True) == 4
    staff_csv.write_text("id,name,roles\nA1,Ann,pilot\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        S.import_staff(st, staff_csv)
    assert "pilot" in str(err.value)
    assert len(st["scenario"].staff) == 4  # the last good scenario stays


def test_staff_import_merges_and_keeps_what_the_file_lacks(tmp_path: Path) -> None:
    """A list of ids, names and role names (副班长) updates people; cannot-work shifts, weekly hours
    and hire dates stay; nobody is dropped unless the planner says so."""
    st: dict = {}
    S.init(st)
    S.open_file(st, REPO / "scenarios" / "callcenter_95598.yaml")
    before = {p.id: p for p in st["scenario"].staff}
    path = tmp_path / "list.csv"
    path.write_text("工号,姓名,角色\nS01,张伟,副班长\nS02,王芳,值长\nS04,李娜,坐席员\nS20,新同事,坐席员\n",
                    encoding="utf-8")
    merge = S.preview_staff(st, path)
    assert merge.added == ["S20"] and not merge.changed
    assert len(merge.missing) == len(before) - 3
    assert S.apply_staff(st) == len(before) + 1
    after = {p.id: p for p in st["scenario"].staff}
    for sid in ("S02", "S04"):
        assert after[sid].cannot == before[sid].cannot == ("N",)
        assert after[sid].hired == before[sid].hired
    assert after["S04"].max_hours_per_week == before["S04"].max_hours_per_week
    assert after["S20"].roles == ("agent",)


def test_a_time_past_midnight_names_its_column(small_yaml: Path) -> None:
    """``end: 25:00`` is named at row 1, column end (the loader names only the shift)."""
    st: dict = {}
    S.init(st)
    S.open_file(st, small_yaml)
    frame = tables.to_frame(st["data"], "shifts")
    frame.loc[0, "end"] = "25:00"
    err = S.apply_table(st, "shifts", frame)
    assert err is not None
    cell = tables.locate(err, frame)
    assert (cell.section, cell.row, cell.column) == ("shifts", 0, "end")
    frame = tables.to_frame(st["data"], "shifts")
    frame.loc[1, "start"] = "7:75"
    err = S.apply_table(st, "shifts", frame)
    assert tables.locate(err, frame).column == "start"


def test_an_edit_drops_the_old_explanation_and_an_old_infeasible_result(small_yaml: Path) -> None:
    from roster.model.roster import Roster
    from roster.solver import Result

    st: dict = {}
    S.init(st)
    S.open_file(st, small_yaml)
    st["explanation"] = object()
    st["result"] = Result(status="INFEASIBLE", roster=Roster())
    assert S.apply_other(st, "name: renamed desk\nhorizon: {start: 2026-12-07, end: 2026-12-13}") is None
    assert st["explanation"] is None and st["result"] is None
    feasible = Result(status="FEASIBLE", roster=Roster())
    st["result"], st["explanation"] = feasible, object()
    S.pin(st, "A1", dt.date(2026, 12, 7), None)
    assert st["explanation"] is None and st["result"] is feasible, "a roster stays to re-solve from"


def test_a_table_editor_keeps_its_data_while_a_bad_value_is_fixed(small_yaml: Path) -> None:
    """The editor's data stays the same while its key does (so a correction typed after a bad value
    is a change to the same table); a new key starts from the table as last edited."""
    ss: dict = {}
    S.init(ss)
    S.open_file(ss, small_yaml)
    key, base = S.editor_table(ss, "shifts", "en")
    ss[key] = {"edited_rows": {}}  # what Streamlit keeps for a live editor
    bad = base.copy()
    bad.loc[1, "end"] = "25:00"
    err = S.edited_table(ss, "shifts", bad)
    assert err is not None and S.rejected_tables(ss) == ["shifts"]
    again_key, again = S.editor_table(ss, "shifts", "en")
    assert again_key == key and again is base, "same data while the key lives"
    good = base.copy()
    good.loc[1, "end"] = "23:00"
    assert S.edited_table(ss, "shifts", good) is None
    assert ss["scenario"].shift_by_id["E"].end == "23:00" and S.rejected_tables(ss) == []
    assert S.editor_table(ss, "shifts", "en")[1] is base, "a good edit keeps the table in place"
    S.edited_table(ss, "shifts", bad)
    zh_key, zh = S.editor_table(ss, "shifts", "zh")  # another language: a new editor with the bad value
    assert zh_key != key and zh.loc[1, "end"] == "25:00"
    ss.pop(zh_key, None)  # the editor's state dropped while another page was shown
    assert S.editor_table(ss, "shifts", "zh")[1].loc[1, "end"] == "25:00"


def test_an_empty_staff_name_is_rejected(small_yaml: Path) -> None:
    data = tables.scenario_data(load_scenario(small_yaml))
    frame = tables.to_frame(data, "staff")
    frame.loc[1, "name"] = ""
    with pytest.raises(ScenarioError) as err:
        tables.from_frame(data, "staff", frame)
    assert err.value.field == "staff[1].name" and err.value.message == "a name is needed"
    assert tables.locate(err.value, frame) == tables.Cell("staff", 1, "name")
    added = pd.concat([tables.to_frame(data, "staff"), pd.DataFrame([{"id": "A9", "roles": "agent"}])],
                      ignore_index=True)
    with pytest.raises(ScenarioError):
        tables.from_frame(data, "staff", added)
