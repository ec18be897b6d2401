"""Per-interval figures and placed breaks in every export: the roster CSV and attendance CSV
carry the start and the break, the Excel workbook has the interval sheets, iCalendar shows the
break as a gap, the JSON has an intervals section, and every format reads the breaks back."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from icalendar import Calendar as ICalendar
from openpyxl import load_workbook

from roster.cli.export import export_roster
from roster.io.grid import SHORT
from roster.io.readers import read_any
from roster.io.roster_csv import read_roster_csv
from roster.model.parse import ScenarioError
from roster.reports.intervals import day_figures, interval_figures
from tests.interval_case import DAY, by_hand, centre

SUFFIX = {"xlsx": ".xlsx", "csv": ".csv", "attendance": ".csv", "dingtalk": ".xlsx", "wecom": ".xlsx",
          "ics": ".ics", "json": ".json"}


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_breaks_read_back_from_every_format(fmt, tmp_path):
    sc, roster = centre(), by_hand()
    path = tmp_path / f"roster{SUFFIX[fmt]}"
    export_roster(sc, roster, fmt, path)
    back = read_any(path, sc)
    assert sorted((a.date, a.staff, a.shift, a.break_at) for a in back) == \
        sorted((a.date, a.staff, a.shift, a.break_at) for a in roster)


def test_roster_csv_has_start_and_break_columns(tmp_path):
    sc, roster = centre(), by_hand()
    path = tmp_path / "roster.csv"
    export_roster(sc, roster, "csv", path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["date", "staff_id", "shift", "role", "post", "start", "break_at"]
    assert [(r["staff_id"], r["start"], r["break_at"]) for r in rows] == [
        ("a1", "07:00", "11:00"), ("a2", "07:00", "12:00"), ("a3", "07:30", "12:00"), ("a4", "08:00", "13:00")]


def test_roster_csv_without_breaks_keeps_its_columns(tmp_path, make):
    from roster.io.roster_csv import write_roster_csv
    from tests.conftest import roster_of

    path = tmp_path / "r.csv"
    write_roster_csv(roster_of(("2026-12-07", "A", "D", "agent")), path, scenario=make())
    assert path.read_text().splitlines()[0] == "date,staff_id,shift,role,post"


def test_a_bad_break_in_the_csv_names_row_and_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("date,staff_id,shift,break_at\n2026-12-01,a1,D0700,11:00\n2026-12-01,a2,D0700,noon\n")
    with pytest.raises(ScenarioError) as err:
        read_roster_csv(path)
    assert "row 3, column break_at" in str(err.value) and "noon" in str(err.value)


def test_attendance_csv_gives_the_break_as_local_times(tmp_path):
    sc = centre()
    path = tmp_path / "att.csv"
    export_roster(sc, by_hand(), "attendance", path)
    rows = {r["staff_id"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    assert (rows["a4"]["start"], rows["a4"]["end"]) == ("2026-12-01 08:00", "2026-12-01 17:00")
    assert (rows["a4"]["break_start"], rows["a4"]["break_end"]) == ("2026-12-01 13:00", "2026-12-01 14:00")
    assert rows["a1"]["planned_hours"] == "8.0"


def test_excel_interval_sheets_read_back(tmp_path):
    sc, roster = centre(shrinkage=0.2), by_hand()
    path = tmp_path / "roster.xlsx"
    export_roster(sc, roster, "xlsx", path)
    wb = load_workbook(path)
    assert {"intervals", "service level", "breaks"} <= set(wb.sheetnames)
    rows = list(wb["intervals"].iter_rows(values_only=True))
    assert rows[0][:6] == ("date", "interval", "role", "needed", "scheduled", "short")
    figures = interval_figures(sc, roster)
    assert len(rows) == 1 + len(figures)
    for row, f in zip(rows[1:], figures, strict=True):
        assert row[0].date() == f.date and row[1] == f.interval
        assert (row[3], row[4], row[5], row[6], row[7]) == (f.needed, f.scheduled, f.short, f.calls, f.answering)
        assert row[8] == pytest.approx(f.service_level)
    (day,) = day_figures(sc, figures)
    head, first = list(wb["service level"].iter_rows(values_only=True))[:2]
    assert head[:5] == ("date", "role", "intervals", "intervals short", "people short")
    assert first[2:6] == (5, day.short_intervals, day.people_short, f"{day.worst.interval} {day.worst.scheduled}/"
                          f"{day.worst.needed}")
    assert first[7] == pytest.approx(day.service_level)
    ws = wb["intervals"]
    for r, f in enumerate(figures, start=2):  # short intervals are marked; dates and shares are formatted
        marked = ws.cell(row=r, column=4).fill.fgColor.rgb == SHORT.fgColor.rgb
        assert marked == bool(f.short)
        assert ws.cell(row=r, column=1).number_format == "yyyy-mm-dd"
        if f.service_level is not None:
            assert ws.cell(row=r, column=9).number_format == "0.0%"
    assert any(f.short for f in figures) and not all(f.short for f in figures)
    assert wb["service level"].cell(row=2, column=8).number_format == "0.0%"
    breaks = list(wb["breaks"].iter_rows(values_only=True))
    assert breaks[0][:3] == ("staff_id", "name", str(DAY)) and breaks[1][:3] == ("a1", "Agent 1", "11:00-12:00")


def test_excel_without_interval_demand_has_no_interval_sheets(tmp_path, make):
    from roster.io.grid import write_month_grid
    from tests.conftest import roster_of

    path = tmp_path / "g.xlsx"
    write_month_grid(make(), roster_of(("2026-12-07", "A", "D", "agent")), path)
    assert load_workbook(path).sheetnames == ["roster", "legend", "hours"]


def test_ics_shows_the_break_as_a_gap(tmp_path):
    path = tmp_path / "r.ics"
    export_roster(centre(), by_hand(), "ics", path, staff="a1")
    events = sorted(ICalendar.from_ical(path.read_bytes()).walk("VEVENT"), key=lambda e: e["DTSTART"].dt)
    assert [(e["DTSTART"].dt.time(), e["DTEND"].dt.time()) for e in events] == [
        (dt.time(7), dt.time(11)), (dt.time(12), dt.time(16))]
    assert all("break 11:00-12:00" in str(e["DESCRIPTION"]) for e in events)


def test_json_intervals_section(tmp_path):
    sc, roster = centre(), by_hand()
    path = tmp_path / "r.json"
    export_roster(sc, roster, "json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["assignments"][0]["break_at"] == "11:00"
    (day,) = data["intervals"]["days"]
    assert day["worst"] == {"interval": "12:00", "needed": 3, "scheduled": 2}
    assert day["service_level"] == pytest.approx(day_figures(sc, interval_figures(sc, roster))[0].service_level,
                                                 abs=1e-4)
    first = data["intervals"]["intervals"][0]
    assert {k: first[k] for k in ("interval", "needed", "scheduled", "calls", "answering")} == \
        {"interval": "08:00", "needed": 3, "scheduled": 4, "calls": 6.0, "answering": 4}


def test_the_store_keeps_breaks(tmp_path):
    from roster.io.store import Store

    store = Store(tmp_path / "roster.db")
    v = store.save_scenario(centre())
    store.save_roster(v.id, by_hand())
    assert set(store.latest_roster(v.id).roster.assignments) == set(by_hand().assignments)
