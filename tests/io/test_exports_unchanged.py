"""The month grid workbook and the result JSON hold what they held before they were made faster:
each bundled case's roster (tests/io/exports/NAME.csv) written again and read back with openpyxl,
compared cell by cell (value, number format, font, fill, border, alignment), with the sheets'
layout and print settings, and the JSON compared field by field.

The reference digests were written by the writers of commit 08a7bba (before the grid's styles were
remembered and the result's figures shared): NAME.json.gz in full; for the interval centre, whose
digest is 6 MB, its SHA-256."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from roster.io.grid import write_month_grid
from roster.io.load import load_scenario
from roster.io.readers import read_any
from roster.io.result_json import roster_dict
from roster.model.calendar import Calendar
from roster.reports.summary import fair_shares
from roster.validate import validate
from tests.conftest import SCENARIOS
from tests.io.export_digest import workbook_digest

EXPORTS = Path(__file__).parent / "exports"
INTERVALS_SHA256 = "116a1ab532526b640b1f2d5bf632ff94cace789bf35cd6674e73b0ab8f997c42"


def digest(name: str, tmp_path: Path) -> str:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    roster = read_any(EXPORTS / f"{name}.csv", sc)
    write_month_grid(sc, roster, tmp_path / f"{name}.xlsx")
    data = {"xlsx": workbook_digest(tmp_path / f"{name}.xlsx"), "json": roster_dict(sc, roster)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0, default=str)


@pytest.mark.parametrize("name", ["front_desk", "service_hall_ab"])
def test_the_grid_and_the_result_json_are_as_before(name: str, tmp_path: Path) -> None:
    now = json.loads(digest(name, tmp_path))
    before = json.loads(gzip.decompress((EXPORTS / f"{name}.json.gz").read_bytes()))
    assert now["json"] == before["json"]
    assert list(now["xlsx"]) == list(before["xlsx"]), "the same sheets in the same order"
    for sheet, was in before["xlsx"].items():
        is_ = now["xlsx"][sheet]
        assert {k: v for k, v in is_.items() if k != "cells"} == {k: v for k, v in was.items() if k != "cells"}, sheet
        changed = {c: (is_["cells"].get(c), v) for c, v in was["cells"].items() if is_["cells"].get(c) != v}
        assert not changed and set(is_["cells"]) == set(was["cells"]), (sheet, dict(list(changed.items())[:5]))


def test_the_interval_centre_s_exports_are_as_before(tmp_path: Path) -> None:
    text = digest("callcenter_95598_intervals", tmp_path)
    assert hashlib.sha256(text.encode()).hexdigest() == INTERVALS_SHA256


def test_figures_worked_out_once_give_the_same_result_json() -> None:
    sc = load_scenario(SCENARIOS / "service_hall_ab.yaml")
    roster = read_any(EXPORTS / "service_hall_ab.csv", sc)
    cal = Calendar(sc)
    shared = roster_dict(sc, roster, cal, report=validate(sc, roster, cal), shares=fair_shares(sc, roster, cal))
    assert shared == roster_dict(sc, roster)
