"""Text from users that starts with = + - @ or a tab never becomes a formula in any export."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile

import openpyxl
import pytest

from roster.cli.export import export_roster
from roster.io.cells import DANGEROUS, safe_text, unsafe_text
from roster.io.readers import read_any
from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster

NAMES = ["=HYPERLINK(\"http://x\",\"y\")", "+86 138", "-1", "@SUM(A1)", "\tTab", "=1+1"]


@pytest.fixture
def risky():
    data = {
        "name": "=cmd|' /C calc'!A0",
        "horizon": {"start": "2026-12-07", "end": "2026-12-13"},
        "roles": [{"id": "agent", "name": "-agent"}],
        "shifts": [{"id": "D", "name": "=早班", "start": "08:00", "end": "16:00"},
                   {"id": "@N", "name": "+夜班", "start": "22:00", "end": "06:00"}],
        "staff": [{"id": f"+S{i}" if i % 2 else f"S{i}", "name": n, "roles": ["agent"]} for i, n in enumerate(NAMES)],
        "leave": [{"staff": "S0", "type": "sick", "start": "2026-12-09", "end": "2026-12-09"}],
    }
    sc = scenario_from_dict(data)
    roster = Roster.of([Assignment(dt.date(2026, 12, 7), p.id, "D" if i % 2 else "@N", "agent")
                        for i, p in enumerate(sc.staff)])
    return sc, roster


def test_safe_text_prefixes_only_dangerous_text():
    for text in NAMES + ["\rx"]:
        assert safe_text(text) == "'" + text and unsafe_text(safe_text(text)) == text
    assert safe_text("张伟") == "张伟" and safe_text(3) == 3 and safe_text("") == ""
    assert unsafe_text("'quoted") == "'quoted"


@pytest.mark.parametrize("fmt", ["xlsx", "dingtalk", "wecom"])
def test_workbooks_hold_text_not_formulas(risky, tmp_path, fmt):
    sc, roster = risky
    path = tmp_path / f"{fmt}.xlsx"
    export_roster(sc, roster, fmt, path)
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    wb = openpyxl.load_workbook(path)
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in DANGEROUS:
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    seen += 1
    assert seen >= len(NAMES)
    back = read_any(path, sc)
    assert sorted((a.date, a.staff, a.shift) for a in back) == sorted((a.date, a.staff, a.shift) for a in roster)


@pytest.mark.parametrize("fmt", ["csv", "attendance"])
def test_csv_fields_are_quoted_with_an_apostrophe(risky, tmp_path, fmt):
    sc, roster = risky
    path = tmp_path / f"{fmt}.csv"
    export_roster(sc, roster, fmt, path, bom=True)
    raw = path.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    fields = [f for row in csv.reader(raw.decode("utf-8-sig").splitlines()) for f in row]
    assert not [f for f in fields if f[:1] in DANGEROUS]
    quoted = [f for f in fields if f[:1] == "'"]
    if fmt == "attendance":
        assert {"'" + n for n in NAMES} <= set(quoted) and "'=早班" in quoted
    assert "'+S1" in quoted and "'@N" in quoted
    back = read_any(path, sc)
    assert back.assignments == roster.assignments
