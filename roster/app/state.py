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
from roster.io.people import read_staff
from roster.io.store import Store, Version, yaml_hash
from roster.model.parse import ScenarioError
from roster.model.scenario import Scenario
from roster.validate import validate

from . import tables
from .solving import SolveJob, start_solve

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
    defaults: dict[str, Any] = {"lang": "en", "data": None, "scenario": None, "source": "", "version": None,
                                "gen": 0, "errors": {}, "job": None, "result": None, "previous": None,
                                "result_version": None, "explanation": None, "notice": None, "stopped": False}
    for k, v in defaults.items():
        if k not in state:
            state[k] = v


def open_scenario(state: State, scenario: Scenario, source: str, version: Version | None = None) -> None:
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
        raise ScenarioError(name, where, None, f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    scenario = tables.parse_scenario(data, name, lines)
    open_scenario(state, scenario, name)
    return scenario


def open_saved(state: State, store: Store, version: Version) -> Scenario:
    """Continue a saved version, with its newest roster if it has one."""
    scenario = store.load_scenario(version.id)
    open_scenario(state, scenario, version.label, version)
    saved = store.latest_roster(version.id)
    if saved is not None:
        state["result"] = saved_result(saved.roster, saved.status, saved.objective, saved.bound, saved.seconds)
        state["result_version"] = version.id
    return scenario


def import_staff(state: State, path: str | Path) -> int:
    """Replace the current scenario's staff by a staff list (Excel or CSV); returns the head count."""
    staff = read_staff(path, state["scenario"])
    data = dict(state["data"])
    data["staff"] = [s.model_dump(mode="json", exclude_defaults=True) for s in staff]
    _use(state, tables.parse_scenario(data, str(Path(path).name)), data)
    state["gen"] += 1
    return len(staff)


def _use(state: State, scenario: Scenario, data: dict[str, Any]) -> None:
    state["scenario"] = scenario
    state["data"] = data
    if state.get("version") is not None and _hash(scenario) != state["version"].hash:
        state["version"] = None


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


def apply_other(state: State, text: str) -> ScenarioError | None:
    """Take the fields shown as YAML (name, horizon, holidays, leave policy, ...) into the scenario."""
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


def save_version(state: State, store: Store, note: str = "") -> Version:
    """Save the current scenario as a new version."""
    version = store.save_scenario(state["scenario"], note=note)
    state["version"] = version
    return version


def ensure_saved(state: State, store: Store) -> Version:
    """The saved version of the current scenario, saving it first if it changed."""
    if state.get("version") is None:
        return save_version(state, store, note="solved")
    return state["version"]


def begin_solve(state: State, time_limit: float, workers: int) -> SolveJob:
    """Start a solve in the background, hinted with the current roster."""
    hint = state["result"].roster if state.get("result") is not None and state["result"].feasible else None
    job = start_solve(state["scenario"], time_limit=time_limit, workers=workers, hint=hint)
    state["job"] = job
    state["explanation"] = None
    state["stopped"] = False
    return job


def stop_solve(state: State) -> None:
    job: SolveJob | None = state.get("job")
    if job is not None:
        job.request_stop()
        state["stopped"] = True


def collect(state: State, store: Store | None) -> bool:
    """When the background solve has ended, take its result (and keep a feasible roster in the
    store with its scenario version). Returns True if a result was taken."""
    job: SolveJob | None = state.get("job")
    if job is None or not job.done:
        return False
    state["job"] = None
    if job.error is not None:
        state["notice"] = ("solve_error", {"error": job.error})
        return True
    result = job.result
    if result is not None and result.feasible:
        if state.get("result") is not None and state["result"].feasible:
            state["previous"] = state["result"]
        state["result"] = result
        if store is not None:
            version = ensure_saved(state, store)
            store.save_result(version.id, result, note="stopped" if state.get("stopped") else "")
            state["result_version"] = version.id
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


def compare_saved(store: Store, a: Version, b: Version) -> tuple[pd.DataFrame, list[str], pd.DataFrame | None]:
    """Two saved versions side by side: a summary row each (size, newest roster, validator figures),
    the scenario sections that differ, and the roster cells that differ (when both have a roster)."""
    rows, scenarios, rosters = [], [], []
    for v in (a, b):
        sc = store.load_scenario(v.id)
        saved = store.latest_roster(v.id)
        row: dict[str, Any] = {"version": v.label, "note": v.note, "staff": len(sc.staff), "shifts": len(sc.shifts),
                               "demand lines": len(sc.demand), "leave": len(sc.leave), "pinned": len(sc.fixed),
                               "roster": saved.status if saved else "", "objective": None, "hard": None,
                               "soft cost": None}
        if saved is not None and len(saved.roster):
            report = validate(sc, saved.roster)
            row.update({"objective": saved.objective, "hard": len(report.hard), "soft cost": report.cost})
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
