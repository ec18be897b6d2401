"""The app's pages driven through streamlit.testing.v1.AppTest (no browser)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from roster.io.load import load_scenario
from roster.io.store import Store

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app_streamlit.py")


def _app(db: Path) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["time_limit"] = 5.0
    at.session_state["workers"] = 2
    at.run()
    assert not at.exception
    return at


def _continue_saved(at: AppTest, store: Store, path: Path) -> None:
    """Open a scenario the way a planner continues a saved one."""
    store.save_scenario(load_scenario(path), note="from test")
    at.run()
    at.button(key="continue").click().run()
    assert not at.exception
    assert at.session_state["scenario"].name == load_scenario(path).name


def _solve(at: AppTest, key: str = "solve") -> None:
    at.button(key=key).click().run()
    job = at.session_state["job"]
    if job is not None:  # None: the solve ended before the page ran again
        assert job.wait(60)
        at.run()
    assert not at.exception
    assert at.session_state["job"] is None and at.session_state["result"] is not None


def test_open_bundled_scenario_and_edit_tables(db: Path) -> None:
    at = _app(db)
    names = at.selectbox(key="bundled_pick").options
    assert "callcenter_95598" in names
    at.selectbox(key="bundled_pick").set_value(REPO / "scenarios" / "callcenter_95598.yaml")
    at.button(key="open_bundled").click().run()
    assert at.session_state["scenario"].name == "95598 customer service centre"
    assert any("95598" in s.value for s in at.success)
    at.radio(key="page").set_value("edit").run()
    assert not at.exception
    # one table per section, plus the YAML of the other settings
    assert len(at.tabs) >= 11
    text = at.text_area[0].value
    assert "horizon" in text
    at.text_area[0].set_value(text.replace("95598 customer service centre", "renamed centre"))
    at.button(key="apply_other").click().run()
    assert at.session_state["scenario"].name == "renamed centre"
    # a bad edit keeps the last good scenario and names the field
    at.text_area[0].set_value("horizon: {start: 2026-12-31, end: 2026-12-01}")
    at.button(key="apply_other").click().run()
    assert at.session_state["scenario"].name == "renamed centre"
    assert any("horizon" in e.value for e in at.error)


def test_solve_pin_resolve_and_diff(db: Path, small_yaml: Path) -> None:
    store = Store(db)
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page").set_value("roster").run()
    _solve(at)
    result = at.session_state["result"]
    assert result.feasible
    grid = [h for h in at.get("html") if "roster-grid" in h.proto.body]
    assert grid, "the month grid is shown"
    assert "A1 Ann" in grid[0].proto.body
    assert len(at.get("plotly_chart")) == 3, "coverage heatmap, fairness bars, hours against contract"
    at.radio(key="view").set_value("day").run()
    at.date_input(key="view_day").set_value(dt.date(2026, 12, 7)).run()
    day = next(d.value for d in at.dataframe if "times" in d.value.columns)
    assert set(day["shift"]) == {a.shift for a in result.roster if a.date == dt.date(2026, 12, 7)}
    at.radio(key="view").set_value("grid").run()
    # the roster was kept with its version in the store
    version = at.session_state["version"]
    assert store.latest_roster(version.id).roster == result.roster
    # pin a cell that differs from the roster, then solve again
    day = dt.date(2026, 12, 10)
    current = result.roster.cell("A1", day)
    pinned = "E" if current == "D" else "D"
    at.selectbox(key="pin_staff").set_value("A1")
    at.date_input(key="pin_date").set_value(day)
    at.selectbox(key="pin_shift").set_value(pinned)
    at.button(key="pin").click().run()
    assert any(f.staff == "A1" and f.date == day and f.shift == pinned for f in at.session_state["scenario"].fixed)
    assert at.session_state["version"] is None  # the pin is an unsaved change
    _solve(at, key="resolve")
    new = at.session_state["result"]
    assert new.roster.cell("A1", day) == pinned
    assert at.session_state["previous"].roster == result.roster
    diff = next(d.value for d in at.dataframe if list(d.value.columns) == ["staff", "date", "before", "after"])
    assert ((diff["date"] == day) & (diff["after"] == pinned)).any()
    # the re-solve saved a second version with its roster
    assert len(store.versions("small desk")) == 2
    assert at.get("download_button"), "download buttons are offered"


def test_language_switch(db: Path) -> None:
    at = _app(db)
    assert at.radio(key="page").options[0] == "Open"
    at.radio(key="lang").set_value("zh").run()
    assert at.radio(key="page").options[0] == "打开"
    assert at.button(key="open_bundled").label == "打开"


def test_stop_keeps_best_roster(db: Path, small_yaml: Path) -> None:
    store = Store(db)
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page").set_value("roster").run()
    at.session_state["time_limit"] = 60.0
    at.button(key="solve").click().run()
    job = at.session_state["job"]
    for _ in range(200):
        if job.progress or job.done:
            break
        job.wait(0.05)
    at.run()
    if at.session_state["job"] is not None:
        at.button(key="stop").click().run()
    assert job.wait(30)
    at.run()
    assert at.session_state["result"].feasible
    assert job.result.seconds < 30


def test_infeasible_shows_explanation_and_repair(db: Path, small_yaml: Path) -> None:
    store = Store(db)
    text = small_yaml.read_text(encoding="utf-8").replace("min: 1, max: 2}\n  - {shift: E",
                                                          "min: 4, max: 4}\n  - {shift: E")
    small_yaml.write_text(text, encoding="utf-8")
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page").set_value("roster").run()
    _solve(at)
    assert at.session_state["result"].status == "INFEASIBLE"
    assert at.error, "the page says no roster meets every hard rule"
    at.button(key="explain").click().run()
    exp = at.session_state["explanation"]
    assert exp is not None and not exp.feasible
    assert at.markdown, "the reasons are listed"
    if not exp.repairs:
        pytest.skip("the explanation proposed no repair for this case")
    _solve(at, key="repair_0")
    assert at.session_state["result"].feasible


def test_compare_page(db: Path, small_yaml: Path) -> None:
    from roster.model.scenario import Fixed
    from roster.solver import solve

    store = Store(db)
    sc = load_scenario(small_yaml)
    pinned = sc.model_copy(update={"fixed": (Fixed(staff="A1", date=dt.date(2026, 12, 7), off=True),)})
    for version, scenario in ((store.save_scenario(sc, note="a"), sc),
                              (store.save_scenario(pinned, note="pin"), pinned)):
        store.save_result(version.id, solve(scenario, time_limit=10, workers=2))
    at = _app(db)
    at.button(key="continue").click().run()
    at.radio(key="page").set_value("compare").run()
    assert not at.exception
    summary = at.dataframe[0].value
    assert list(summary["note"]) == ["a", "pin"] and list(summary["pinned"]) == [0, 1]
    assert list(summary["hard"]) == [0, 0]
    assert any("fixed" in c.value for c in at.caption)
    from roster.app.state import compare_available

    if not compare_available():
        assert any("not available" in i.value for i in at.info)
        return
    at.button(key="compare").click().run()
    assert not at.exception
    comparison = at.session_state["comparison"]
    assert list(comparison.columns)[:2] == ["A: small desk", "B: small desk"]
    assert any(list(d.value.columns)[:2] == ["A: small desk", "B: small desk"] for d in at.dataframe)
