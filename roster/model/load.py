"""Scenario files (YAML or JSON) → Scenario, with errors that name file, field and value."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .scenario import FieldError, Scenario


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so ``on:`` and ``off:`` stay words."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_yaml(text: str):
    return yaml.load(text, Loader=_Loader)


class ScenarioError(Exception):
    """Bad input: names the file, the field, the value and what to do about it."""

    def __init__(self, file: str, field: str, value: Any, message: str, hint: str = "") -> None:
        self.file, self.field, self.value, self.message, self.hint = file, field, value, message, hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        value = "" if self.value is None else f" = {self.value!r}"
        text = f"{where}{value}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


def _field_path(loc: tuple[Any, ...], data: Any) -> tuple[str, Any]:
    """Render a pydantic location as ``staff[3].roles`` and find the offending value."""
    parts: list[str] = []
    value = data
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif isinstance(item, str) and not item.startswith(("function-", "tagged-union", "union[")) \
                and item not in ("float", "Soft", "str", "date", "list[union[str,date]]", "function-after"):
            parts.append(f".{item}" if parts else item)
        else:
            continue
        try:
            value = value[item]
        except (KeyError, IndexError, TypeError):
            pass
    return "".join(parts), value


def scenario_from_dict(data: Any, source: str = "<scenario>", base: Path | None = None) -> Scenario:
    """Validate scenario fields; ``base`` is the folder that relative file names (history) start from."""
    if not isinstance(data, dict):
        raise ScenarioError(source, "", None, "the file must hold a mapping of scenario fields")
    data = _read_history(data, source, base or Path("."))
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        ctx_err = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_err, FieldError):
            raise ScenarioError(source, ctx_err.field, ctx_err.value, ctx_err.message, ctx_err.hint) from None
        field, value = _field_path(tuple(err["loc"]), data)
        msg = err["msg"].removeprefix("Value error, ")
        hint = ""
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
            hint = "see docs/scenario.md for the fields a scenario may have"
        elif err["type"] == "missing":
            msg = "required field is missing"
            value = None
        elif err["type"] == "too_short":
            msg = "needs at least one entry"
        if isinstance(value, dict) and "id" in value:
            field = f"{field} (id {value['id']})"
        return_value = value if not isinstance(value, (dict, list)) else None
        raise ScenarioError(source, field, return_value, msg, hint) from None
    except FieldError as exc:  # raised outside pydantic's wrapper
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read a YAML or JSON scenario file."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(name, "", None, "file not found") from None
    except UnicodeDecodeError:
        raise ScenarioError(name, "", None, "file is not UTF-8 text") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else read_yaml(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ScenarioError(name, where, None, f"not valid {'JSON' if path.suffix == '.json' else 'YAML'}: "
                            f"{getattr(exc, 'problem', None) or exc}") from None
    scenario = scenario_from_dict(data, name, path.parent)
    _check_calendar(scenario, name)
    if scenario.demand_from is not None:
        scenario = _forecast_demand(scenario, name, path.parent)
    return scenario


def _forecast_demand(scenario: Scenario, source: str, base: Path) -> Scenario:
    """Append the demand lines that ``demand_from`` computes from its call forecast."""
    from roster.erlang import forecast_demand

    try:
        lines = forecast_demand(scenario, base)
    except FieldError as exc:
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None
    data = scenario.model_dump()
    data["demand"] = [*data["demand"], *lines]
    return scenario_from_dict(data, source, base)


def _read_history(data: dict, source: str, base: Path) -> dict:
    """``history: {roster: file.csv}`` → the shifts of that roster as ``history.worked``.

    Rows of people not in the scenario (they have left) are skipped.
    """
    hist = data.get("history")
    if not isinstance(hist, dict) or "roster" not in hist:
        return data
    from roster.io.roster_csv import read_roster_csv

    rest = {k: v for k, v in hist.items() if k != "roster"}
    if rest.get("worked"):
        raise ScenarioError(source, "history.worked", None, "give either history.roster or history.worked, not both")
    name = hist["roster"]
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError(source, "history.roster", name, "expected the name of a roster CSV file")
    file = Path(name) if Path(name).is_absolute() else base / name
    if not file.is_file():
        raise ScenarioError(source, "history.roster", name, f"file not found ({file})",
                            hint="the path is relative to the scenario file")
    staff = {str(s.get("id")) for s in data.get("staff") or [] if isinstance(s, dict)}
    shifts = {str(s.get("id")) for s in data.get("shifts") or [] if isinstance(s, dict)}
    worked = []
    for a in read_roster_csv(file):
        if a.staff not in staff:
            continue
        if a.shift not in shifts:
            raise ScenarioError(str(file), "column shift", a.shift, f"unknown shift {a.shift!r} for {a.staff} on {a.date}",
                                hint=f"known shift ids: {', '.join(sorted(shifts))}")
        worked.append({"date": a.date, "staff": a.staff, "shift": a.shift, "role": a.role})
    return {**data, "history": {**rest, "worked": worked}}


def _check_calendar(scenario: Scenario, source: str) -> None:
    from .calendar import Calendar

    try:
        Calendar(scenario)
    except FieldError as exc:
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML text (round-trips through load)."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
