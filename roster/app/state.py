"""What the app remembers between reruns, and the steps a planner takes, as plain functions.

``state`` is any mutable mapping: ``st.session_state`` in the app, a dict in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pandas as pd

from roster.app.downloads import saved_result
from roster.app.views import diff_frame
from roster.io.balances import leave_warnings as warnings_of
from roster.io.load import dump_scenario, load_scenario, read_yaml, read_yaml_lines
from roster.io.staff_import import StaffMerge, merge_staff
from roster.io.store import Store, Version, yaml_hash
from roster.model.calendar import holiday_data_warnings
from roster.model.parse import ScenarioError
from roster.model.scenario import Scenario
from roster.validate import validate

from . import tables
from .holiday_names import named_holidays, with_holidays
from .solving import ExplainJob, SolveJob, start_solve

State = MutableMapping[str, Any]


def bundled_scenarios() -> list[Path]:
    """Scenario files shipped in ``scenarios/`` (next to the package, or in the working folder)."""
    seen: dict[str, Path] = {}
    for folder in (Path(__file__).resolve().parents[2] / "scenarios", Path("scenarios")):
        if folder.is_dir():
            for p in sorted(folder.glob("*.yaml")):
                seen.setdefault(p.name, p)
    return list(seen.values())


def init(state: State) -> None:
    defaults: dict[str, Any] = {"lang": "en", "data": None, "scenario": None, "source": "",
                                "version": None, "gen": 0, "errors": {}, "job": None,
                                "result": None, "previous": None, "result_version": None,
                                "explanation": None, "notice": None, "stopped": False,
                                "explain_job": None, "explain_time": None, "merge": None}
    for k, v in defaults.items():
        if k not in state:
            state[k] = v


def open_scenario(state: State, scenario: Scenario, source: str,
                  version: Version | None = None) -> None:
    """Make ``scenario`` the one being edited and solved; forget the previous roster."""
    state["scenario"] = scenario
    state["data"] = tables.scenario_data(scenario)
    state["source"] = source
    state["version"] = version
    state["gen"] = state.get("gen", 0) + 1
    state["errors"] = {}
    state["result"] = None
    state["previous"] = None
    state["result_version"] = None
    state["explanation"] = None
    state["explain_time"] = None
    state["merge"] = None


def open_file(state: State, path: str | Path) -> Scenario:
    scenario = load_scenario(path)
    open_scenario(state, scenario, Path(path).name)
    return scenario


def open_text(state: State, text: str, name: str) -> Scenario:
    """A scenario uploaded as YAML (or JSON) text."""
    try:
        data, lines = read_yaml_lines(text)
    except Exception as exc:  # yaml.YAMLError and friends
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or exc
        raise ScenarioError(name, where, None, f"not valid YAML: {problem}") from None
    scenario = tables.parse_scenario(data, name, lines)
    open_scenario(state, scenario, name)
    return scenario


def open_saved(state: State, store: Store, version: Version) -> Scenario:
    """Continue a saved version, with its newest roster if it has one."""
    scenario = store.load_scenario(version.id)
    open_scenario(state, scenario, version.label, version)
    saved = store.latest_roster(version.id)
    if saved is not None:
        state["result"] = saved_result(saved.roster, saved.status, saved.objective, saved.bound,
                                       saved.seconds)
        state["result_version"] = version.id
    return scenario


def preview_staff(state: State, path: str | Path) -> StaffMerge:
    """What importing a staff list (Excel or CSV) would change; kept for ``apply_staff``."""
    merge = merge_staff(state["scenario"], path, current=list(state["data"].get("staff", [])))
    state["merge"] = merge
    return merge


def apply_staff(state: State, drop_missing: bool = False) -> int:
    """Take the previewed staff list into the scenario; returns the head count."""
    merge: StaffMerge = state["merge"]
    data = dict(state["data"])
    data["staff"] = merge.staff(drop_missing)
    _use(state, tables.parse_scenario(data, state.get("source") or "<staff list>"), data)
    state["gen"] += 1
    state["merge"] = None
    return len(data["staff"])


def import_staff(state: State, path: str | Path) -> int:
    """Merge a staff list into the current scenario at once (nobody dropped); returns the head
    count."""
    preview_staff(state, path)
    return apply_staff(state)


def _use(state: State, scenario: Scenario, data: dict[str, Any]) -> None:
    changed = state.get("scenario") is not None and scenario != state["scenario"]
    state["scenario"] = scenario
    state["data"] = data
    if state.get("version") is not None and _hash(scenario) != state["version"].hash:
        state["version"] = None
    if changed:  # what was said about the old scenario no longer holds
        state["explanation"] = None
        state["explain_job"] = None
        state["explain_time"] = None
        if state.get("result") is not None and not state["result"].feasible:
            state["result"] = None


def leave_warnings(state: State) -> list[str]:
    """Approved leave beyond its balance in the current scenario (remembered per scenario)."""
    scenario = state.get("scenario")
    if scenario is None:
        return []
    memo = state.get("leave_warnings")
    if memo is None or memo[0] is not scenario:
        try:
            found = warnings_of(scenario, source=str(state.get("source") or "scenario"))
        except ScenarioError as exc:  # a balance file the app cannot read
            found = [str(exc)]
        memo = (scenario, found)
        state["leave_warnings"] = memo
    return memo[1]


def holiday_warnings(state: State) -> list[str]:
    """Years of the horizon without official holiday data, in words (``holiday_data_warnings``)."""
    scenario = state.get("scenario")
    return [] if scenario is None else holiday_data_warnings(scenario)


def _hash(scenario: Scenario) -> str:
    return yaml_hash(dump_scenario(scenario))


def apply_table(state: State, section: str, frame: pd.DataFrame) -> ScenarioError | None:
    """Take an edited table into the scenario. On a bad value the error is kept for the table and
    the last good scenario stays in use. Returns the error, or None."""
    errors = state.setdefault("errors", {})
    try:
        data = tables.from_frame(state["data"], section, frame, state.get("source") or "<edit>")
        if data == state["data"]:
            errors.pop(section, None)
            return None
        scenario = tables.parse_scenario(data, state.get("source") or "<edit>")
    except ScenarioError as exc:
        errors[section] = exc
        return exc
    errors.pop(section, None)
    _use(state, scenario, data)
    return None


def editor_table(state: State, section: str, lang: str) -> tuple[str, pd.DataFrame]:
    """The key and the data of a section's table editor.

    The editor's own state holds the planner's edits as changes to the data it was given, so that
    data stays the same for as long as the key does: a bad value typed and then corrected is
    always a change to the same table, and the table keeps its place on the page. A new key (a
    new scenario, a pin, another language), or an editor whose state Streamlit dropped while
    another page was shown, starts from the table as last edited, bad values included, so nothing
    typed is lost."""
    key = f"ed_{section}_{state['gen']}_{lang}"
    bases = state.setdefault("editor_base", {})
    base = bases.get(section)
    # new, or its edits forgotten (page left)
    if base is None or base[0] != key or key not in state:
        last = state.setdefault("editor_last", {}).get(section)
        frame = (last[1] if last is not None and last[0] == state["gen"]
                 else tables.to_frame(state["data"], section))
        base = bases[section] = (key, frame)
    return base


def edited_table(state: State, section: str, frame: pd.DataFrame) -> ScenarioError | None:
    """Take what a section's table editor returned: the table as the planner sees it is kept (for a
    new editor after a language switch or a visit to another page), and taken into the scenario when
    it is good."""
    state.setdefault("editor_last", {})[section] = (state["gen"], frame.copy())
    return apply_table(state, section, frame)


def rejected_tables(state: State) -> list[str]:
    """The sections whose table holds an edit the scenario loader rejected (the last good scenario
    is still the one in use)."""
    return [s for s in tables.SECTIONS if s in state.get("errors", {})] + (
        ["other"] if "other" in state.get("errors", {}) else [])


def apply_other(state: State, text: str) -> ScenarioError | None:
    """Take the fields shown as YAML (name, horizon, holidays, leave policy, ...) into the
    scenario."""
    errors = state.setdefault("errors", {})
    source = state.get("source") or "<edit>"
    try:
        try:
            other = read_yaml(text) or {}
        except Exception as exc:
            raise ScenarioError(source, "", None, f"not valid YAML: {exc}") from None
        if not isinstance(other, dict):
            raise ScenarioError(source, "", None, "expected fields such as name: and horizon:")
        clash = sorted(set(other) & set(tables.SECTIONS))
        if clash:
            raise ScenarioError(source, clash[0], None, "this section is edited in its own table")
        data = {k: v for k, v in state["data"].items() if k in tables.SECTIONS}
        data.update(other)
        scenario = tables.parse_scenario(data, source)
    except ScenarioError as exc:
        errors["other"] = exc
        return exc
    errors.pop("other", None)
    _use(state, scenario, data)
    return None


def add_named_holiday(state: State, key: str) -> int:
    """Add the days of a Chinese statutory holiday, by its key (``National Day 2026``), to the
    scenario's ``holidays.add``; the number of days added (0 when the horizon has none of its
    days left to add)."""
    found = next((h for h in named_holidays(state["scenario"]) if h.key == key), None)
    if found is None:
        return 0
    data = with_holidays(state["data"], found.days, found.name)
    scenario = tables.parse_scenario(data, state.get("source") or "<edit>")
    _use(state, scenario, data)
    state["gen"] = state.get("gen", 0) + 1  # the YAML of the other settings shows the new dates
    return len(found.days)


def save_version(state: State, store: Store, note: str = "") -> Version:
    """Save the scenario (as a new version when it changed since the last save) and the roster on
    screen with it (when it is not saved yet)."""
    version = state.get("version")
    if version is None or note:
        version = store.save_scenario(state["scenario"], note=note)
        state["version"] = version
    result = state.get("result")
    if result is not None and result.feasible and state.get("result_version") != version.id:
        store.save_result(version.id, result, note="stopped" if state.get("stopped") else note)
        state["result_version"] = version.id
    return version


def unsaved(state: State) -> bool:
    """Does the scenario or the roster on screen differ from what was last saved?"""
    if state.get("version") is None:
        return True
    result = state.get("result")
    return (result is not None and result.feasible
            and state.get("result_version") != state["version"].id)


def can_resolve_stably(state: State) -> bool:
    """Is there a roster to re-solve from?"""
    return state.get("result") is not None and state["result"].feasible


def begin_solve(state: State, time_limit: float, workers: int, stable: bool = False) -> SolveJob:
    """Start a solve in the background, hinted with the current roster. ``stable``: change as few
    of its cells as possible (else a fresh search that may move any cell)."""
    hint = state["result"].roster if can_resolve_stably(state) else None
    job = start_solve(state["scenario"], time_limit=time_limit, workers=workers, hint=hint,
                      stable=stable and hint is not None)
    state["job"] = job
    state["explanation"] = None
    state["explain_job"] = None
    state["stopped"] = False
    return job


def begin_explain(state: State, lang: str, time_limit: float, workers: int) -> ExplainJob:
    """Look for the conflicting rules in the background."""
    job = ExplainJob(state["scenario"], lang=lang, time_limit=time_limit, workers=workers).start()
    state["explain_job"] = job
    state["explanation"] = None
    state["explain_time"] = time_limit
    return job


def collect_explain(state: State) -> bool:
    """Take the explanation when its search has ended. Returns True if one was taken."""
    job: ExplainJob | None = state.get("explain_job")
    if job is None or not job.done:
        return False
    state["explain_job"] = None
    if job.error is not None:
        state["notice"] = ("solve_error", {"error": job.error})
    else:
        state["explanation"] = job.explanation
    return True


def stop_solve(state: State) -> None:
    job: SolveJob | None = state.get("job")
    if job is not None:
        job.request_stop()
        state["stopped"] = True


def collect(state: State, store: Store | None = None) -> bool:
    """When the background solve has ended, take its result (not saved: *Save version* keeps it).
    A solve that ends without a roster (not a proof that none exists) leaves the roster on screen
    in place, with the notice ``resolve_kept``. Returns True if the job was taken."""
    job: SolveJob | None = state.get("job")
    if job is None or not job.done:
        return False
    state["job"] = None
    if job.error is not None:
        state["notice"] = ("solve_error", {"error": job.error})
        return True
    result = job.result
    kept = state.get("result")
    if (result is not None and not result.feasible and result.status != "INFEASIBLE"
            and kept is not None and kept.feasible):
        # a solve that found no roster in its time: the roster on screen stays, and the page says so
        state["notice"] = ("resolve_kept", {"status": result.status, "s": f"{result.seconds:.1f}"})
        return True
    if result is not None and result.feasible:
        if state.get("result") is not None and state["result"].feasible:
            state["previous"] = state["result"]
        state["result"] = result
        state["result_version"] = None
    else:
        state["result"] = result
    return True


def pin(state: State, staff: str, date: dt.date, shift: str | None) -> ScenarioError | None:
    """Pin a cell (``shift`` None = off) into the scenario's fixed entries."""
    data = tables.add_pin(state["data"], staff, date, shift)
    try:
        scenario = tables.parse_scenario(data, state.get("source") or "<edit>")
    except ScenarioError as exc:
        return exc
    _use(state, scenario, data)
    state["gen"] += 1
    return None


def unpin(state: State, staff: str, date: dt.date) -> None:
    data = tables.remove_pin(state["data"], staff, date)
    _use(state, tables.parse_scenario(data, state.get("source") or "<edit>"), data)
    state["gen"] += 1


def apply_repair(state: State, scenario: Scenario) -> None:
    """Use a repaired scenario (from an explanation) in place of the current one."""
    _use(state, scenario, tables.scenario_data(scenario))
    state["version"] = None
    state["explanation"] = None
    state["gen"] += 1


def compare_saved(store: Store, a: Version,
                  b: Version) -> tuple[pd.DataFrame, list[str], pd.DataFrame | None]:
    """Two saved versions side by side: a summary row each (size, newest roster, validator
    figures), the scenario sections that differ, and the roster cells that differ (when both have a
    roster)."""
    rows, scenarios, rosters = [], [], []
    for v in (a, b):
        sc = store.load_scenario(v.id)
        saved = store.latest_roster(v.id)
        row: dict[str, Any] = {"version": v.label, "note": v.note, "staff": len(sc.staff),
                               "shifts": len(sc.shifts), "demand lines": len(sc.demand),
                               "leave": len(sc.leave), "pinned": len(sc.fixed),
                               "roster": saved.status if saved else "", "objective": None,
                               "hard": None, "soft cost": None}
        if saved is not None and len(saved.roster):
            report = validate(sc, saved.roster)
            row.update({"objective": saved.objective, "hard": len(report.hard),
                        "soft cost": report.cost})
        rows.append(row)
        scenarios.append(tables.scenario_data(sc))
        rosters.append(saved.roster if saved is not None else None)
    keys = list(dict.fromkeys([*scenarios[0], *scenarios[1]]))
    changed = [k for k in keys if scenarios[0].get(k) != scenarios[1].get(k)]
    cells = None
    if rosters[0] is not None and rosters[1] is not None:
        cells = diff_frame(store.load_scenario(b.id), rosters[0], rosters[1])
    return pd.DataFrame(rows), changed, cells


def explain_available() -> bool:
    try:
        from roster.solver.explain import explain  # noqa: F401
    except ImportError:
        return False
    return True


def compare_available() -> bool:
    try:
        from roster.services.whatif import compare  # noqa: F401
    except ImportError:
        return False
    return True
