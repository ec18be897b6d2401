"""Every export reads back to the same roster, and that roster passes the validator."""

from __future__ import annotations

import openpyxl
import pytest

from roster.cli.export import export_roster
from roster.io.readers import read_any
from roster.validate import validate

SUFFIX = {"xlsx": ".xlsx", "csv": ".csv", "attendance": ".csv", "dingtalk": ".xlsx", "wecom": ".xlsx",
          "ics": ".ics", "json": ".json"}
CARRIES_ROLES = {"csv", "attendance", "ics", "json"}


def cells(roster):
    return sorted((a.date, a.staff, a.shift, a.post) for a in roster)


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_export_reads_back_to_the_same_roster(call_centre, tmp_path, fmt):
    scenario, roster = call_centre
    path = tmp_path / f"roster-{fmt}{SUFFIX[fmt]}"
    export_roster(scenario, roster, fmt, path)
    back = read_any(path, scenario)
    assert cells(back) == cells(roster)
    if fmt in CARRIES_ROLES:
        assert back.assignments == roster.assignments
    else:  # grids carry no seat roles: reading seats people again, every seat still filled
        assert all(a.role is not None for a in back)
    report = validate(scenario, back)
    assert report.hard == [], [str(v) for v in report.hard[:5]]
    assert report.cost == validate(scenario, roster).cost


def test_per_person_exports_hold_only_that_person(call_centre, tmp_path):
    scenario, roster = call_centre
    for fmt in ("ics", "attendance", "csv", "xlsx", "dingtalk", "json"):
        path = tmp_path / f"s05-{fmt}{SUFFIX[fmt]}"
        export_roster(scenario, roster, fmt, path, staff="S05")
        back = read_any(path)
        assert {a.staff for a in back} == {"S05"}
        assert cells(back) == cells(a for a in roster if a.staff == "S05")


def test_per_person_grid_has_one_row(call_centre, tmp_path):
    scenario, roster = call_centre
    path = tmp_path / "s05.xlsx"
    export_roster(scenario, roster, "xlsx", path, staff="S05")
    ws = openpyxl.load_workbook(path)["roster"]
    assert [ws.cell(r, 1).value for r in range(4, 6)] == ["S05", None]
