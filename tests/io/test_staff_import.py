"""Merging a staff list into a scenario by staff id."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from roster.io.load import load_scenario
from roster.io.staff_import import merge_staff, template_xlsx
from roster.model.parse import ScenarioError

REPO = Path(__file__).resolve().parents[2]
CENTRE = REPO / "scenarios" / "callcenter_95598.yaml"


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_merge_keeps_fields_the_file_lacks_and_adds_new_people(tmp_path: Path) -> None:
    sc = load_scenario(CENTRE)
    path = _xlsx(tmp_path / "staff.xlsx", [["工号", "姓名", "角色"], ["S01", "张伟", "副班长"],
                                           ["S02", "王芳芳", "lead"], ["S04", "李娜", "坐席员"],
                                           ["S99", "新人", "坐席员"]])
    merge = merge_staff(sc, path)
    assert merge.added == ["S99"]
    assert [(c.staff, c.field, c.before, c.after) for c in merge.changed] == [("S02", "name", "王芳", "王芳芳")]
    assert "S03" in merge.missing and "S01" not in merge.missing
    staff = {p["id"]: p for p in merge.staff()}
    assert staff["S02"]["cannot"] == ["N"] and staff["S04"]["cannot"] == ["N"]  # kept
    assert staff["S04"]["max_hours_per_week"] == 40
    assert staff["S01"]["roles"] == ["deputy"] and staff["S99"]["roles"] == ["agent"]
    assert len(merge.staff()) == len(sc.staff) + 1
    assert {p["id"] for p in merge.staff(drop_missing=True)} == {"S01", "S02", "S04", "S99"}


def test_merge_lists_changed_roles_and_names_a_bad_cell(tmp_path: Path) -> None:
    sc = load_scenario(CENTRE)
    merge = merge_staff(sc, _xlsx(tmp_path / "a.xlsx", [["id", "roles"], ["S03", "副班长"]]))
    assert [(c.staff, c.field, c.after) for c in merge.changed] == [("S03", "roles", ["deputy"])]
    with pytest.raises(ScenarioError) as err:
        merge_staff(sc, _xlsx(tmp_path / "b.xlsx", [["工号", "角色"], ["S03", "主任"]]))
    assert err.value.file == "b.xlsx" and "row 2, column roles" in err.value.field and err.value.value == "主任"


def test_template_reads_back_unchanged(tmp_path: Path) -> None:
    sc = load_scenario(CENTRE)
    path = tmp_path / "template.xlsx"
    template_xlsx(sc, path)
    header = [c.value for c in load_workbook(path).active[1]]
    assert header[:3] == ["工号", "姓名", "角色"]
    merge = merge_staff(sc, path)
    assert merge.empty and not merge.missing, merge.changed
