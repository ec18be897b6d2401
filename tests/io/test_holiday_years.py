"""Horizons past the holiday library's data: plain weekdays and weekends, a warning naming each
year without official data and how to give its days, and the roster still made and exported.

The cases hold whatever the installed chinese-calendar knows: 2030 and 2031 lie beyond any
release, and the December-to-January case moves the library's last year to 2026 by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import roster.model.calendar as calendar_module
from roster.cli import app
from roster.io.load import load_scenario
from roster.model.calendar import Calendar, DayType, holiday_data_warnings, missing_holiday_years
from roster.model.parse import ScenarioError
from roster.reports.hours import person_hours, statutory_days
from roster.reports.summary import person_summary

DESK = """name: desk
horizon: {{start: {start}, end: {end}}}
holidays: {{country: CN{extra}}}
roles: [{{id: agent}}]
shifts: [{{id: D, start: "08:00", end: "16:00"}}]
staff: [{{id: A, roles: [agent]}}, {{id: B, roles: [agent]}}, {{id: C, roles: [agent]}}]
demand: [{{shift: D, role: agent, min: 1}}]
rules: {{max_consecutive_work_days: 5}}
fairness: {{holidays: 5}}
"""


def desk(tmp_path: Path, start: str, end: str, extra: str = "", name: str = "desk.yaml") -> Path:
    path = tmp_path / name
    path.write_text(DESK.format(start=start, end=end, extra=extra), encoding="utf-8")
    return path


@pytest.fixture
def data_until_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    """chinese-calendar as if its last year were 2026, whatever the installed release holds."""
    real = calendar_module._cn_day
    monkeypatch.setattr(calendar_module, "_cn_day", lambda d: None if d.year > 2026 else real(d))


def test_a_month_past_the_data_is_plain_weekdays_and_weekends_with_a_warning(tmp_path: Path) -> None:
    sc = load_scenario(desk(tmp_path, "2031-01-01", "2031-01-31"))
    kinds = {d.date: d.type for d in Calendar(sc).days}
    assert all(t is (DayType.WEEKEND if d.weekday() >= 5 else DayType.WORKDAY) for d, t in kinds.items())
    assert missing_holiday_years(sc) == [2031]
    (text,) = holiday_data_warnings(sc)
    assert "no holiday data for 2031" in text
    assert "holidays.add" in text and "holidays.workdays" in text and "docs/scenario.md" in text


def test_each_year_without_data_has_its_own_warning(tmp_path: Path) -> None:
    sc = load_scenario(desk(tmp_path, "2030-12-15", "2031-01-15"))
    assert missing_holiday_years(sc) == [2030, 2031]
    assert [("2030" in t, "2031" in t) for t in holiday_data_warnings(sc)] == [(True, False), (False, True)]


def test_a_horizon_across_the_last_year_of_data_keeps_the_known_days(tmp_path: Path, data_until_2026) -> None:
    path = desk(tmp_path, "2026-09-28", "2027-01-10")
    sc = load_scenario(path)
    cal = Calendar(sc)
    assert cal.day(dt.date(2026, 10, 1)).type is DayType.HOLIDAY  # National Day 2026 from the library
    assert cal.day(dt.date(2026, 10, 1)).holiday_name == "National Day"
    assert cal.day(dt.date(2027, 1, 1)).type is DayType.WORKDAY  # a Friday: no data for 2027
    assert missing_holiday_years(sc) == [2027]
    (text,) = holiday_data_warnings(sc)
    assert "2027" in text and "2026" not in text


def test_named_holidays_under_add_carry_their_names(tmp_path: Path) -> None:
    # March 2031: no holiday of any calendar, so every holiday here comes from holidays.add
    extra = (", add: [{name: Spring Festival, dates: 2031-03-10..2031-03-12}, 2031-03-17],"
             " workdays: [2031-03-15]")
    sc = load_scenario(desk(tmp_path, "2031-03-01", "2031-03-31", extra))
    cal = Calendar(sc)
    names = {d.date.day: d.holiday_name for d in cal.days if d.is_holiday}
    assert names == {10: "Spring Festival", 11: "Spring Festival", 12: "Spring Festival", 17: "holiday"}
    assert cal.day(dt.date(2031, 3, 15)).type is DayType.ADJUSTED_WORKDAY
    (text,) = holiday_data_warnings(sc)
    assert "5 dates of 2031 are taken from holidays.add and holidays.workdays" in text
    from roster.model.roster import Assignment, Roster

    roster = Roster.of([Assignment(dt.date(2031, 3, 10), "A", "D", "agent"),
                        Assignment(dt.date(2031, 3, 17), "A", "D", "agent")])
    row = person_summary(sc, roster, cal).set_index("staff_id").loc["A"]
    assert row["holidays"] == 2 and row["holidays: Spring Festival"] == 1
    assert statutory_days(sc, cal) == {dt.date(2031, 3, d) for d in (10, 11, 12, 17)}
    assert person_hours(sc, roster, cal)["A"]["holiday_hours"] == 16  # both shifts on statutory days


def test_last_spring_festival_counts_toward_a_named_holiday_from_add(tmp_path: Path) -> None:
    from roster.model.fairness import fair_bands

    extra = ", add: [{name: Spring Festival, dates: [2031-01-22, 2031-01-23..2031-01-24]}]"
    plain = load_scenario(desk(tmp_path, "2031-01-01", "2031-01-31", extra))
    path = desk(tmp_path, "2031-01-01", "2031-01-31", extra, "carry.yaml")
    path.write_text(path.read_text(encoding="utf-8")
                    + "fairness_carry: [{staff: A, last_holidays: {Spring Festival: 3}}]\n", encoding="utf-8")
    carried = load_scenario(path)
    before = fair_bands(plain, Calendar(plain))["holidays"]
    after = fair_bands(carried, Calendar(carried))["holidays"]
    assert before["A"] == before["B"] and after["A"].hi < before["A"].hi <= after["B"].lo


@pytest.mark.parametrize(("item", "field", "words"), [
    ("{name: '', dates: 2031-01-22}", "holidays.add[1].name", "must not be empty"),
    ("{name: Spring Festival, dates: 2031-01-24..2031-01-22}", "holidays.add[1].dates", "before it starts"),
    ("{name: Spring Festival}", "holidays.add[1].dates", "missing"),
    ("{name: Spring Festival, dates: [2031-01-40]}", "holidays.add[1].dates[0]", "not a date"),
    ("2031-13-01", "holidays.add[1]", "not a date"),
])
def test_a_bad_holiday_under_add_is_a_clear_error(tmp_path: Path, item: str, field: str, words: str) -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(desk(tmp_path, "2031-01-01", "2031-01-31", f", add: [2031-01-02, {item}]"))
    assert err.value.field == field and words in err.value.message, err.value


def test_solve_validate_export_and_whatif_run_past_the_data(tmp_path: Path, data_until_2026) -> None:
    path = desk(tmp_path, "2026-12-21", "2027-01-10")
    out = tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(app, ["solve", str(path), "--out", str(out), "--time-limit", "10", "--workers", "2",
                              "--quiet"])
    assert res.exit_code == 0, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert res.output.count("no holiday data for 2027") == 1 and "2026;" not in res.output
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert any("no holiday data for 2027" in w for w in data["warnings"])
    assert len(data["assignments"]) >= 21  # one seat a day for 21 days
    check = runner.invoke(app, ["validate", str(path), str(out / "roster.csv")])
    assert check.exit_code == 0 and "no holiday data for 2027" in check.output, check.output
    for fmt, name in (("xlsx", "r.xlsx"), ("ics", "r.ics"), ("json", "r.json")):
        done = runner.invoke(app, ["export", str(path), str(out / "roster.csv"), "--format", fmt,
                                   "--out", str(tmp_path / name)])
        assert done.exit_code == 0 and (tmp_path / name).stat().st_size > 0, done.output
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["roster"]
    assert [c.value for c in ws[2]][3] == dt.datetime(2026, 12, 21)
    other = desk(tmp_path, "2026-12-21", "2027-01-10", name="other.yaml")
    compare = runner.invoke(app, ["whatif", "compare", str(path), str(other), "--time-limit", "5"])
    assert compare.exit_code == 0 and "no holiday data for 2027" in compare.output, compare.output
