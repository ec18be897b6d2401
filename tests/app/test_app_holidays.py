"""Chinese statutory holidays added by name: the names in the horizon, their days into
holidays.add, and the Edit page's picker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from roster.app import state as S
from roster.app.holiday_names import named_holidays, with_holidays
from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from tests.app.conftest import REPO, SMALL

GOLDEN_WEEK = SMALL.replace("horizon: {start: 2026-12-07, end: 2026-12-13}",
                            "horizon: {start: 2026-09-28, end: 2026-10-11}\nholidays: {country: none}")
NATIONAL_DAY = tuple(dt.date(2026, 10, d) for d in range(1, 8))  # 2026's break as the State Council set it


def state_names(scenario) -> dict[dt.date, str]:
    return scenario.holidays.added()


@pytest.fixture
def golden_week(tmp_path: Path) -> Path:
    path = tmp_path / "golden.yaml"
    path.write_text(GOLDEN_WEEK.replace("2026-12-08, end: 2026-12-09", "2026-10-08, end: 2026-10-09"),
                    encoding="utf-8")
    return path


def test_the_names_in_the_horizon_and_their_days(golden_week: Path) -> None:
    sc = load_scenario(golden_week)
    found = named_holidays(sc)
    assert [(h.key, h.zh, h.days) for h in found] == [("National Day 2026", "国庆节", NATIONAL_DAY)]
    assert found[0].label("zh") == "国庆节 2026 (2026-10-01 .. 2026-10-07)"


def test_a_scenario_on_the_chinese_calendar_has_none_to_add(golden_week: Path, tmp_path: Path) -> None:
    path = tmp_path / "cn.yaml"
    path.write_text(golden_week.read_text(encoding="utf-8").replace("country: none", "country: CN"), encoding="utf-8")
    assert named_holidays(load_scenario(path)) == []


def test_years_past_the_library_s_data_are_left_out(golden_week: Path, tmp_path: Path) -> None:
    path = tmp_path / "late.yaml"
    path.write_text(golden_week.read_text(encoding="utf-8").replace("2026-09-28", "2099-09-28")
                    .replace("2026-10-11", "2099-10-11").replace("2026-10-0", "2099-10-0"), encoding="utf-8")
    assert named_holidays(load_scenario(path)) == []


def test_with_holidays_adds_each_day_once_in_order() -> None:
    data = {"name": "x", "holidays": {"country": "none", "add": ["2026-10-05", dt.date(2026, 12, 24)]}}
    out = with_holidays(data, NATIONAL_DAY)
    assert out["holidays"] == {"country": "none", "add": [d.isoformat() for d in NATIONAL_DAY] + ["2026-12-24"]}
    assert data["holidays"]["add"] == ["2026-10-05", dt.date(2026, 12, 24)], "the data given is left as it was"
    assert with_holidays({"name": "x"}, NATIONAL_DAY[:1])["holidays"] == {"add": ["2026-10-01"]}


def test_with_holidays_by_name_adds_one_named_item_of_the_days_not_there_yet() -> None:
    company = {"name": "Company Day", "dates": "2026-10-06..2026-10-07"}
    data = {"name": "x", "holidays": {"add": ["2026-10-05", company]}}
    out = with_holidays(data, NATIONAL_DAY, "National Day")
    named = {"name": "National Day", "dates": [f"2026-10-0{d}" for d in (1, 2, 3, 4)]}
    assert out["holidays"]["add"] == ["2026-10-05", company, named]
    assert with_holidays(out, NATIONAL_DAY, "National Day") == out, "nothing left to add"


def test_adding_a_holiday_by_name_makes_its_days_holidays(golden_week: Path) -> None:
    state: dict = {}
    S.init(state)
    S.open_file(state, golden_week)
    assert S.add_named_holiday(state, "National Day 2026") == 7
    cal = Calendar(state["scenario"])
    assert [d.date for d in cal.days if d.is_holiday] == list(NATIONAL_DAY)
    assert {d.holiday_name for d in cal.days if d.is_holiday} == {"National Day"}, "the name counts by name"
    assert tuple(state["scenario"].holidays.added()) == NATIONAL_DAY and S.unsaved(state)
    assert S.add_named_holiday(state, "National Day 2026") == 0, "nothing left to add"
    assert S.add_named_holiday(state, "Spring Festival 2026") == 0, "not in the horizon"


def test_the_edit_page_adds_a_holiday_by_name(golden_week: Path, db: Path) -> None:
    at = AppTest.from_file(str(REPO / "app_streamlit.py"), default_timeout=60)
    at.run()
    S.open_file(at.session_state, golden_week)
    at.radio(key="page.en").set_value("edit").run()
    assert not at.exception
    box = at.selectbox(key="holiday_name.en")
    assert box.options == ["National Day 2026 (2026-10-01 .. 2026-10-07)"]
    at.button(key="holiday_add").click().run()
    assert not at.exception
    assert any("Added National Day 2026: 7 days." in s.value for s in at.success)
    assert state_names(at.session_state["scenario"]) == {d: "National Day" for d in NATIONAL_DAY}
    assert "2026-10-07" in at.text_area[0].value, "the other settings show the new dates"
    assert not [s for s in at.selectbox if s.key == "holiday_name.en"]
    assert any("already" in c.value for c in at.caption)


def test_the_sidebar_warns_of_a_year_without_holiday_data(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "late.yaml"
    path.write_text(SMALL.replace("2026-12-07", "2031-01-06").replace("2026-12-13", "2031-01-12")
                    .replace("2026-12-08, end: 2026-12-09", "2031-01-07, end: 2031-01-08")
                    + "holidays: {country: CN}\n", encoding="utf-8")
    at = AppTest.from_file(str(REPO / "app_streamlit.py"), default_timeout=60)
    at.run()
    S.open_file(at.session_state, path)
    at.run()
    assert not at.exception
    assert any("no holiday data for 2031" in w.value and "holidays.add" in w.value for w in at.sidebar.warning)
    S.open_file(at.session_state, REPO / "scenarios" / "front_desk.yaml")
    at.run()
    assert not [w for w in at.sidebar.warning if "holiday data" in w.value]
