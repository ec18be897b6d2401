"""The app's pages driven through streamlit.testing.v1.AppTest (no browser)."""

from __future__ import annotations

import datetime as dt
import json
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
    assert "95598 customer service centre  (callcenter_95598)" in names, "scenarios by their names"
    at.selectbox(key="bundled_pick").set_value(REPO / "scenarios" / "callcenter_95598.yaml")
    at.button(key="open_bundled").click().run()
    assert at.session_state["scenario"].name == "95598 customer service centre"
    assert any("95598" in s.value for s in at.success)
    at.radio(key="page.en").set_value("edit").run()
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
    at.radio(key="page.en").set_value("roster").run()
    _solve(at)
    result = at.session_state["result"]
    assert result.feasible
    grid = [json.loads(c.proto.json) for c in at.get("bidi_component") if c.proto.component_name == "roster_month_grid"]
    assert grid and "roster-grid" in grid[0], "the month grid is shown"
    assert "A1 Ann" in grid[0]
    assert len(at.get("plotly_chart")) == 3, "coverage heatmap, fairness bars, hours against contract"
    assert not [d for d in at.dataframe if "outside band" in d.value.columns], "no fair shares weighed"
    at.radio(key="view.en").set_value("day").run()
    at.date_input(key="view_day").set_value(dt.date(2026, 12, 7)).run()
    day = next(d.value for d in at.dataframe if "Times" in d.value.columns)
    assert set(day["Shift"]) == {a.shift for a in result.roster if a.date == dt.date(2026, 12, 7)}
    at.radio(key="view.en").set_value("grid").run()
    # nothing is saved until the planner says so
    version = at.session_state["version"]
    assert store.latest_roster(version.id) is None
    # pin a cell that differs from the roster, then solve again
    day = dt.date(2026, 12, 10)
    current = result.roster.cell("A1", day)
    pinned = "E" if current == "D" else "D"
    at.selectbox(key="pin_staff").set_value("A1")
    at.date_input(key="pin_date").set_value(day)
    at.selectbox(key="pin_shift.en").set_value(pinned)
    at.button(key="pin").click().run()
    assert any(f.staff == "A1" and f.date == day and f.shift == pinned for f in at.session_state["scenario"].fixed)
    assert at.session_state["version"] is None  # the pin is an unsaved change
    _solve(at, key="resolve")
    new = at.session_state["result"]
    assert new.roster.cell("A1", day) == pinned
    assert at.session_state["previous"].roster == result.roster
    diff = next(d.value for d in at.dataframe if list(d.value.columns) == ["Staff", "Date", "Before", "After"])
    assert ((diff["Date"] == day) & (diff["After"] == pinned)).any()
    assert len(store.versions("small desk")) == 1, "solving saves nothing by itself"
    assert at.get("download_button"), "download buttons are offered"


def test_a_resolve_without_a_roster_keeps_the_grid_and_says_so(db: Path, small_yaml: Path, monkeypatch) -> None:
    """The re-solve's search returns no roster (a fake) and the pin breaks a hard rule of the roster
    before: the page keeps that roster on screen and says what happened, in the page's language."""
    import types

    from roster.app import solving
    from roster.model.roster import Roster

    at = _app(db)
    _continue_saved(at, Store(db), small_yaml)
    at.radio(key="page.en").set_value("roster").run()
    _solve(at)
    shown = at.session_state["result"]
    at.selectbox(key="pin_staff").set_value("A4")  # on leave on 2026-12-08
    at.date_input(key="pin_date").set_value(dt.date(2026, 12, 8))
    at.selectbox(key="pin_shift.en").set_value("D")
    at.button(key="pin").click().run()
    monkeypatch.setattr(solving, "repair", lambda *a, **k: types.SimpleNamespace(
        status="UNKNOWN", roster=Roster(), seconds=1.0, terms={}, feasible=False))
    _solve(at, key="resolve")
    assert at.session_state["result"] is shown
    assert any("found no roster in its" in w.value for w in at.warning), [w.value for w in at.warning]
    grid = [json.loads(c.proto.json) for c in at.get("bidi_component") if c.proto.component_name == "roster_month_grid"]
    assert grid and "A1 Ann" in grid[0], "the month grid stays"


def test_language_switch(db: Path) -> None:
    at = _app(db)
    assert at.radio(key="page.en").options[0] == "Open"
    at.radio(key="lang").set_value("zh").run()
    assert at.radio(key="page.zh").options[0] == "打开"
    assert at.button(key="open_bundled").label == "打开"


def test_language_switch_keeps_the_page(db: Path) -> None:
    """Switching 中文/English on the Edit page stays on Edit, also on the next action."""
    at = _app(db)
    at.button(key="open_bundled").click().run()
    at.radio(key="page.en").set_value("edit").run()
    at.radio(key="lang").set_value("zh").run()
    assert at.radio(key="page.zh").value == "edit"
    at.run()  # the next action
    assert not at.exception
    assert at.radio(key="page.zh").value == "edit"
    assert len(at.tabs) >= 11, "still the Edit page"
    at.radio(key="lang").set_value("en").run()
    at.run()
    assert at.radio(key="page.en").value == "edit"


def test_threads_default_to_the_cores_and_the_time_limit_survives_a_reload(db: Path) -> None:
    import os

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert at.session_state["workers"] == (os.cpu_count() or 1)
    at.number_input(key="time_limit_box").set_value(12.0).run()
    assert at.session_state["time_limit"] == 12.0
    assert at.query_params["t"] in ("12", ["12"])
    again = AppTest.from_file(APP, default_timeout=60)  # a reload: a new session, the same address
    again.query_params["t"] = "12"
    again.run()
    assert again.session_state["time_limit"] == 12.0


def test_save_version_keeps_the_roster_and_solving_saves_nothing(db: Path, small_yaml: Path) -> None:
    store = Store(db)
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page.en").set_value("roster").run()
    assert "saved as" in _sidebar_status(at) and "not saved" not in _sidebar_status(at)
    _solve(at)
    _solve(at, key="solve")
    assert len(store.versions("small desk")) == 1, "no version per solve"
    version = at.session_state["version"]
    assert store.latest_roster(version.id) is None
    assert "not saved" in _sidebar_status(at)
    at.button(key="save").click().run()
    assert store.latest_roster(version.id).roster == at.session_state["result"].roster
    assert len(store.versions("small desk")) == 1, "an unchanged scenario is not saved twice"
    assert "not saved" not in _sidebar_status(at) and "unsaved" not in _sidebar_status(at)
    at.radio(key="page.en").set_value("edit").run()
    assert "unsaved" not in _sidebar_status(at), "opening the tables changes nothing"
    at.radio(key="page.en").set_value("roster").run()
    at.text_input(key="save_note").set_value("December").run()
    at.button(key="save").click().run()
    assert [v.note for v in store.versions("small desk")][0] == "December"
    assert store.latest_roster(at.session_state["version"].id) is not None


def _explain(at: AppTest) -> None:
    at.button(key="explain").click().run()
    job = at.session_state["explain_job"]
    if job is not None:  # None: it ended before the page ran again
        assert job.wait(60)
        at.run()
    assert not at.exception and at.session_state["explain_job"] is None


def _sidebar_status(at: AppTest) -> str:
    return " ".join(c.value for c in at.sidebar.caption)


def test_one_set_of_figures_while_a_new_solve_runs(db: Path, small_yaml: Path) -> None:
    store = Store(db)
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page.en").set_value("roster").run()
    _solve(at)
    import threading

    gate = threading.Event()
    from roster.app import solving

    real = solving.solve

    def slow(*args, **kwargs):
        gate.wait(30)
        return real(*args, **kwargs)

    solving.solve = slow
    try:
        at.button(key="solve").click().run()
        assert at.session_state["job"] is not None
        labels = [m.label for m in at.metric]
        assert labels.count("Objective") == 1 and labels.count("Elapsed") == 1, labels
    finally:
        gate.set()
        solving.solve = real
    assert at.session_state["job"].wait(60)
    at.run()



def test_stop_keeps_best_roster(db: Path, small_yaml: Path) -> None:
    store = Store(db)
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page.en").set_value("roster").run()
    at.session_state["time_limit"] = 600.0
    at.button(key="solve").click().run()
    job = at.session_state["job"]
    for _ in range(200):
        if job.progress or job.done:
            break
        job.wait(0.05)
    at.run()
    if at.session_state["job"] is not None:
        at.button(key="stop").click().run()
    assert job.wait(60), "the solve did not end on the stop (its limit is ten minutes)"
    at.run()
    assert at.session_state["result"].feasible


def test_infeasible_shows_explanation_and_repair(db: Path, small_yaml: Path) -> None:
    store = Store(db)
    text = small_yaml.read_text(encoding="utf-8").replace("min: 1, max: 2}\n  - {shift: E",
                                                          "min: 4, max: 4}\n  - {shift: E")
    small_yaml.write_text(text, encoding="utf-8")
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page.en").set_value("roster").run()
    _solve(at)
    assert at.session_state["result"].status == "INFEASIBLE"
    assert at.error, "the page says no roster meets every hard rule"
    from roster.app.state import explain_available

    if not explain_available():
        assert any("not available" in i.value for i in at.info)
        return
    _explain(at)
    exp = at.session_state["explanation"]
    assert exp is not None and not exp.feasible
    assert at.markdown, "the reasons are listed"
    assert at.button(key="explain").label.startswith("Look again"), "the button stays"
    assert exp.repairs, "four agents on a shift of a small desk: fewer seats is a repair"
    _solve(at, key="repair_0")
    assert at.session_state["result"].feasible
    assert at.session_state["explanation"] is None, "the old explanation went with the old scenario"


def test_explanation_out_of_time_keeps_the_solve_proof_and_a_retry(db: Path, small_yaml: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """When the conflicting rules are not found in time, the page still says the solve proved it,
    and the button to look again (longer) stays."""
    from roster.solver import explain as module

    asked: list[float] = []

    def slow_explain(scenario, lang="en", time_limit=10.0, workers=1, stop=None):
        asked.append(time_limit)
        return module.Explanation(False, ["could not decide"], [], [], time_limit, "UNKNOWN", False, lang)

    monkeypatch.setattr(module, "explain", slow_explain)
    store = Store(db)
    text = small_yaml.read_text(encoding="utf-8").replace("min: 1, max: 2}\n  - {shift: E",
                                                          "min: 4, max: 4}\n  - {shift: E")
    small_yaml.write_text(text, encoding="utf-8")
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page.en").set_value("roster").run()
    _solve(at)
    assert "proved" in at.error[0].value
    assert any("A4" in m.value or "agent" in m.value for m in at.markdown), "what the scenario shows at once"
    for _ in range(2):
        _explain(at)
        assert any("proved that no roster" in w.value for w in at.warning)
        assert not any("could not decide" in m.value for m in at.markdown)
        assert at.button(key="explain").label.startswith("Look again")
    assert asked[1] == 2 * asked[0]


def test_compare_page(db: Path, small_yaml: Path) -> None:
    from roster.model.scenario import Fixed
    from roster.solver import SolveOptions, solve

    store = Store(db)
    sc = load_scenario(small_yaml)
    pinned = sc.model_copy(update={"fixed": (Fixed(staff="A1", date=dt.date(2026, 12, 7), off=True),)})
    for version, scenario in ((store.save_scenario(sc, note="a"), sc),
                              (store.save_scenario(pinned, note="pin"), pinned)):
        store.save_result(version.id, solve(scenario, SolveOptions(time_limit=10, workers=2)))
    at = _app(db)
    at.button(key="continue").click().run()
    at.radio(key="page.en").set_value("compare").run()
    assert not at.exception
    summary = at.dataframe[0].value
    assert list(summary["Note"]) == ["a", "pin"] and list(summary["Pinned"]) == [0, 1]
    assert list(summary["Hard"]) == [0, 0]
    assert any("fixed" in c.value for c in at.caption)
    from roster.app.state import compare_available

    if not compare_available():
        assert any("not available" in i.value for i in at.info)
        return
    at.button(key="compare").click().run()
    job = at.session_state["compare_job"]
    if job is not None:  # solving both runs in the background; the page stays usable
        assert job.wait(60)
        at.run()
    assert not at.exception and at.session_state["compare_job"] is None
    comparison = at.session_state["comparison"]
    assert list(comparison.columns)[:2] == ["A: small desk", "B: small desk"]
    assert any(list(d.value.columns)[:2] == ["A: small desk", "B: small desk"] for d in at.dataframe)


def test_a_thousand_people_page_through_the_grid(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1,000 staff the roster page shows 100 people at a time, filters by role and name, and a
    rerun stays quick: no export is made until its button is pressed (making all seven takes half
    a minute at this size; bench/ times the page)."""
    import random

    from roster.app import downloads
    from roster.app import state as S
    from roster.app.downloads import saved_result
    from roster.bench.generated import make_scenario
    from roster.model.calendar import Calendar
    from roster.model.roster import Assignment, Roster

    sc = make_scenario(1000)
    rng = random.Random(0)
    roster = Roster.of(Assignment(d.date, p.id, rng.choice(sc.shifts).id, p.roles[0])
                       for p in sc.staff for d in Calendar(sc).days if rng.random() < 0.7)
    at = _app(db)
    S.open_scenario(at.session_state, sc, "generated")
    at.session_state["result"] = saved_result(roster)
    made: list[str] = []
    monkeypatch.setattr(downloads, "export_bytes", lambda _sc, _result, key: made.append(key) or b"")
    at.radio(key="page.en").set_value("roster").run()
    at.run()
    assert not at.exception
    assert at.get("download_button"), "the page offers the exports"
    assert made == [], f"a rerun made exports nobody asked for: {made}"

    def rows() -> int:
        grid = [json.loads(c.proto.json) for c in at.get("bidi_component")][0]
        return grid.count("<tr>") - 1 - len(sc.shifts)  # the head and the coverage rows

    assert rows() == 100
    at.number_input(key="grid_page").set_value(10).run()
    assert rows() == 100 and sc.staff[999].id in [json.loads(c.proto.json) for c in at.get("bidi_component")][0]
    role = sc.roles[-1].id
    at.selectbox(key="grid_role").set_value(role).run()
    assert rows() == min(100, sum(role in p.roles for p in sc.staff))
    at.text_input(key="grid_find").set_value(sc.staff[3].id).run()
    assert 1 <= rows() <= 11


def test_fair_shares_by_peer_group_are_shown_when_weighed(db: Path, small_yaml: Path) -> None:
    small_yaml.write_text(small_yaml.read_text(encoding="utf-8") + "fairness: {nights: 2, hours: 1}\n",
                          encoding="utf-8")
    store = Store(db)
    at = _app(db)
    _continue_saved(at, store, small_yaml)
    at.radio(key="page.en").set_value("roster").run()
    _solve(at)
    assert at.session_state["result"].feasible
    shares = [d.value for d in at.dataframe if "outside band" in d.value.columns]
    assert shares, "the fair-share table is on the roster page"
    table = shares[0]
    roles = {"/".join(sorted(p.roles)) for p in at.session_state["scenario"].staff}
    assert set(table["peer group"]) <= roles and set(table["duty"]) <= {"Nights", "Hours", "nights", "hours"}
    assert (table["fewest"] <= table["most"]).all()
