"""The Excel month grid: layout, shading, leave, totals, heads, legend, post sheets, PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections import Counter

import openpyxl
import pytest

from roster.io.grid import (
    ADJUSTED,
    FIRST_PERSON_ROW,
    HEAD,
    HEADER_ROW,
    HOLIDAY,
    LEAVE,
    TOTALS,
    WEEKDAY_ROW,
    WEEKEND,
    read_grid,
    write_month_grid,
)
from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.reports.hours import person_hours
from tests.conftest import BASE, merge


def _columns(ws):
    """Header: date → column, total name → column."""
    dates, totals = {}, {}
    for c in range(1, ws.max_column + 1):
        v = ws.cell(HEADER_ROW, c).value
        if isinstance(v, dt.datetime):
            dates[v.date()] = c
        elif v in TOTALS:
            totals[v] = c
    return dates, totals


def _rows(ws):
    out = {}
    for r in range(FIRST_PERSON_ROW, ws.max_row + 1):
        v = ws.cell(r, 1).value
        if not v:
            break
        out[v] = r
    return out


def test_grid_cells_totals_and_heads_match_the_roster(call_centre, tmp_path):
    scenario, roster = call_centre
    path = tmp_path / "grid.xlsx"
    write_month_grid(scenario, roster, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["roster", "legend", "hours"]
    ws = wb["roster"]
    assert "2026-12" in ws.cell(1, 1).value and scenario.name in ws.cell(1, 1).value
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, 4)] == list(HEAD)
    dates, totals = _columns(ws)
    assert sorted(dates) == scenario.horizon.days()
    assert list(totals) == list(TOTALS)
    assert ws.cell(WEEKDAY_ROW, dates[dt.date(2026, 12, 1)]).value == "二"  # a Tuesday
    rows = _rows(ws)
    assert list(rows) == [p.id for p in scenario.staff]
    worked = {(a.staff, a.date): a.shift for a in roster}
    for who, r in rows.items():
        assert ws.cell(r, 2).value == scenario.staff_by_id[who].name
        for day, c in dates.items():
            value = ws.cell(r, c).value
            if (who, day) in worked:
                assert value == worked[(who, day)]
            elif value is not None:
                assert value in ("年假", "事假"), (who, day, value)
    # leave is marked with its type and coloured
    leave_cell = ws.cell(rows["S04"], dates[dt.date(2026, 12, 10)])
    assert leave_cell.value == "年假" and leave_cell.fill.fgColor.rgb == LEAVE.fgColor.rgb
    assert ws.cell(rows["S07"], dates[dt.date(2026, 12, 21)]).value == "事假"
    # weekends are shaded (Saturday 5 December)
    assert ws.cell(rows["S01"], dates[dt.date(2026, 12, 5)]).fill.fgColor.rgb == WEEKEND.fgColor.rgb
    # totals per person
    hours = person_hours(scenario, roster)
    for who, r in rows.items():
        mine = [a for a in roster if a.staff == who]
        assert ws.cell(r, totals["shifts"]).value == len(mine)
        assert ws.cell(r, totals["nights"]).value == sum(a.shift == "N" for a in mine)
        # weekends worked: a Saturday/Sunday pair counts once, as the weekend rules count it
        assert ws.cell(r, totals["weekends"]).value == len({a.date - dt.timedelta(days=a.date.weekday() - 5)
                                                             for a in mine if a.date.weekday() >= 5})
        assert ws.cell(r, totals["hours"]).value == pytest.approx(hours[who]["hours"])
        assert ws.cell(r, totals["hours"]).value == pytest.approx(
            sum(scenario.shift_by_id[a.shift].paid_minutes for a in mine) / 60)
    # heads per shift and role under the people
    heads = {}
    for r in range(max(rows.values()) + 1, ws.max_row + 1):
        shift, role = ws.cell(r, 2).value, ws.cell(r, 3).value
        if shift in scenario.shift_by_id:
            heads[(shift, role)] = {d: ws.cell(r, c).value for d, c in dates.items()}
    count = Counter((a.shift, a.date) for a in roster)
    by_role = Counter((a.shift, a.role, a.date) for a in roster)
    for day in dates:
        assert heads[("D", "all")][day] == count[("D", day)]
        assert heads[("N", "agent")][day] == by_role[("N", "agent", day)]
    # legend: shift times and leave words
    legend = {row[0]: row for row in wb["legend"].iter_rows(values_only=True) if row[0]}
    assert legend["D"][2] == "08:00-16:00" and legend["O"][2] == "08:30-12:00 + 14:30-17:30"
    assert legend["年假"][1] == "annual" and legend["年假"][4] == "leave"
    # hours sheet: one row per person per ISO week of December (weeks 49..53)
    assert wb["hours"].max_row - 1 == len(scenario.staff) * 5


def _october(**over):
    data = merge(BASE, {"horizon": {"start": "2026-09-28", "end": "2026-10-11"}, "holidays": {"country": "CN"},
                        **over})
    return data


def test_holidays_and_adjusted_workdays_are_shaded(tmp_path):
    sc = scenario_from_dict(_october())
    roster = Roster.of([Assignment(dt.date(2026, 10, 1), "A", "D", "agent"),
                        Assignment(dt.date(2026, 10, 10), "B", "D", "agent")])
    path = tmp_path / "october.xlsx"
    write_month_grid(sc, roster, path)
    ws = openpyxl.load_workbook(path)["roster"]
    dates, totals = _columns(ws)
    assert ws.cell(HEADER_ROW, dates[dt.date(2026, 10, 1)]).fill.fgColor.rgb == HOLIDAY.fgColor.rgb
    assert ws.cell(HEADER_ROW, dates[dt.date(2026, 10, 10)]).fill.fgColor.rgb == ADJUSTED.fgColor.rgb
    assert ws.cell(HEADER_ROW, dates[dt.date(2026, 10, 4)]).fill.fgColor.rgb == HOLIDAY.fgColor.rgb
    assert ws.cell(HEADER_ROW, dates[dt.date(2026, 9, 29)]).fill.fgColor.rgb != HOLIDAY.fgColor.rgb
    rows = _rows(ws)
    assert ws.cell(rows["A"], dates[dt.date(2026, 10, 1)]).fill.fgColor.rgb == HOLIDAY.fgColor.rgb
    assert ws.cell(rows["A"], totals["holidays"]).value == 1
    assert ws.cell(rows["A"], totals["holiday_hours"]).value == 8  # 1 October is statutory
    assert ws.cell(rows["B"], totals["holidays"]).value == 0      # 10 October is a working Saturday
    legend = [row for row in openpyxl.load_workbook(path)["legend"].iter_rows(values_only=True)]
    assert ("2026-10-10", "adjusted_workday", "National Day") in [tuple(r[:3]) for r in legend]


def test_post_duty_is_marked_and_each_post_gets_a_sheet(tmp_path):
    data = {
        "horizon": {"start": "2026-12-14", "end": "2026-12-20"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "O", "segments": [["08:30", "12:00"], ["14:30", "17:30"]], "on": "workdays"}],
        "staff": [{"id": "S05", "roles": ["agent"]}, {"id": "S09", "roles": ["agent"]}],
        "posts": [{"id": "A1", "name": "许可窗口", "shift": "O", "days": "workdays", "a": "S05", "b": "S09"}],
    }
    sc = scenario_from_dict(data)
    roster = Roster.of([Assignment(dt.date(2026, 12, 14), "S05", "O", "agent", "A1"),
                        Assignment(dt.date(2026, 12, 15), "S09", "O", "agent", "A1"),
                        Assignment(dt.date(2026, 12, 15), "S05", "O", "agent", None)])
    path = tmp_path / "posts.xlsx"
    write_month_grid(sc, roster, path)
    wb = openpyxl.load_workbook(path)
    assert "post A1" in wb.sheetnames
    main, post = wb["roster"], wb["post A1"]
    dates, _ = _columns(main)
    rows = _rows(main)
    assert main.cell(rows["S05"], dates[dt.date(2026, 12, 14)]).value == "O/A1"
    assert main.cell(rows["S05"], dates[dt.date(2026, 12, 15)]).value == "O"
    assert post.cell(rows["S09"], dates[dt.date(2026, 12, 15)]).value == "O"
    assert post.cell(rows["S05"], dates[dt.date(2026, 12, 15)]).value is None
    back = read_grid(path, sc)
    assert sorted((a.date, a.staff, a.shift, a.post) for a in back) == \
        sorted((a.date, a.staff, a.shift, a.post) for a in roster)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_grid_converts_to_pdf_and_reads_back(call_centre, tmp_path):
    scenario, roster = call_centre
    path = tmp_path / "roster.xlsx"
    write_month_grid(scenario, roster, path)
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(path)], capture_output=True, text=True, timeout=120)
    pdf = tmp_path / "roster.pdf"
    assert pdf.exists(), done.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
    back = read_grid(path, scenario)
    assert sorted((a.date, a.staff, a.shift) for a in back) == sorted((a.date, a.staff, a.shift) for a in roster)
