"""Scenario files (YAML or JSON) → Scenario, with errors that name file, line, field and value."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from roster.io.balances import opening_balances
from roster.io.carry import with_carry_file
from roster.io.forecast import forecast_demand, interval_demand
from roster.io.roster_csv import read_roster_csv
from roster.io.text import read_text_file
from roster.model.calendar import Calendar
from roster.model.fields import FieldError
from roster.model.parse import ScenarioError, field_path, line_of, scenario_from_dict
from roster.model.scenario import Scenario, ShiftTemplate

__all__ = ["ScenarioError", "dump_scenario", "load_scenario", "read_history", "read_text_file",
           "read_yaml", "read_yaml_lines", "scenario_from_dict"]


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping names the same key twice (YAML would silently keep the last one)."""

    field: str = ""
    """Where, as ``rules.min_rest_hours`` (set when the path is known)."""


class _Planners:
    """Scalars as planners mean them.

    Only ``true``/``false`` are booleans (``on``, ``off``, ``yes``, ``no`` stay words); dates
    (``2026-12-01``) and times (``08:00``, which YAML 1.1 reads as the number 480) stay text, so
    the scenario model parses them and a bad one gets a message naming its field; a key given
    twice in one mapping is an error.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    continue
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise DuplicateKeyError(
                        None, None, f"duplicate key {key!r} (first given on line {seen[key]})",
                        key_node.start_mark)
                seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _Loader(_Planners, yaml.SafeLoader):
    """The pure-Python loader: its error messages show the line in question."""


_FAST = getattr(yaml, "CSafeLoader", None)
_CLoader = type("_CLoader", (_Planners, _FAST), {}) if _FAST else None
"""The same reading on libyaml's parser, five times faster on a large scenario; a file it finds
wrong is read again by ``_Loader`` for the message."""


_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float"}
for _cls in (_Loader, _CLoader) if _CLoader else (_Loader,):
    _cls.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag not in _DROPPED]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
    }
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"))
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$"),
        list("-+0123456789"))
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
                   r"|[-+]?[0-9][0-9_]*\.(?:[eE][-+]?[0-9]+)?"
                   r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        list("-+0123456789."))


def read_yaml(text: str) -> Any:
    """YAML text → plain data (see ``_Planners`` for how scalars are read)."""
    if _CLoader is not None:
        try:
            return yaml.load(text, Loader=_CLoader)
        except yaml.YAMLError:
            pass  # read again for the pure loader's message
    return yaml.load(text, Loader=_Loader)


def read_yaml_lines(text: str) -> tuple[Any, dict[tuple, int]]:
    """YAML text → (data, line of each field), the lines keyed by paths such as ("staff", 3,
    "roles")."""
    if _CLoader is not None:
        try:
            return _read_lines(text, _CLoader)
        except yaml.YAMLError:
            pass  # read again for the pure loader's message, which shows the line
    return _read_lines(text, _Loader)


def _read_lines(text: str, kind: type) -> tuple[Any, dict[tuple, int]]:
    loader = kind(text)
    lines: dict[tuple, int] = {}

    def walk(n: yaml.Node, path: tuple) -> None:
        lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    key_path = (*path, k.value)
                    if key_path in lines and key_path != path:
                        err = DuplicateKeyError(None, None,
                                                f"duplicate key {k.value!r} (first given on line "
                                                f"{lines[key_path]})", k.start_mark)
                        err.field = field_path(key_path)[0]
                        raise err
                    lines[key_path] = k.start_mark.line + 1
                    walk(v, key_path)
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, (*path, i))

    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines
        walk(node, ())
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def load_scenario(path: str | Path) -> Scenario:
    """Read a YAML or JSON scenario file."""
    path = Path(path)
    name = str(path)
    text = read_text_file(path, "scenario file")
    is_json = path.suffix.lower() == ".json"
    lines: dict[tuple, int] | None = None
    try:
        data, lines = (json.loads(text), {}) if is_json else read_yaml_lines(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(name, f"line {exc.lineno}, column {exc.colno}", None,
                            f"not valid JSON: {exc.msg}", line=None) from None
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise ScenarioError(name, exc.field, None, str(exc.problem),
                            hint="give each key once; YAML would keep only the last one",
                            line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ScenarioError(name, where, None,
                            f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if isinstance(data, dict):
        data = read_history(data, name, path.parent)
        data = with_carry_file(data, name, path.parent)
    scenario = scenario_from_dict(data, name, lines)
    _check_calendar(scenario, name)
    if isinstance(scenario.leave_balances, str):
        file = Path(scenario.leave_balances)
        file = file if file.is_absolute() else path.parent / file
        if not file.is_file():
            raise ScenarioError(name, "leave_balances", scenario.leave_balances,
                                f"file not found ({file})",
                                hint="the path is relative to the scenario file",
                                line=line_of(lines, ("leave_balances",)))
        opening_balances(scenario, path.parent, name)
    if any(isinstance(line.per_interval, str) for _, line in scenario.interval_lines):
        scenario = _interval_demand(scenario, name, path.parent, lines)
    if scenario.demand_from is not None:
        scenario = _forecast_demand(scenario, name, path.parent)
    return scenario


def _interval_demand(scenario: Scenario, source: str, base: Path,
                     lines: dict[tuple, int] | None) -> Scenario:
    """Read the forecast file of each per-interval demand line into its rows."""
    try:
        rows = interval_demand(scenario, base)
    except FieldError as exc:
        index = exc.field.split("]")[0].split("[")[-1]
        line = line_of(lines, ("demand", int(index), "per_interval")) if index.isdigit() else None
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint,
                            line=line) from None
    data = scenario.model_dump()
    for i, r in rows.items():
        data["demand"][i]["per_interval"] = r
    return scenario_from_dict(data, source)


def _forecast_demand(scenario: Scenario, source: str, base: Path) -> Scenario:
    """Append the demand lines that ``demand_from`` computes from its call forecast."""
    try:
        lines = forecast_demand(scenario, base)
    except FieldError as exc:
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None
    data = scenario.model_dump()
    data["demand"] = [*data["demand"], *lines]
    return scenario_from_dict(data, source)


def read_history(data: dict, source: str, base: Path) -> dict:
    """``history: {roster: file.csv}`` → the shifts of that roster as ``history.worked``.

    Rows of people not in the scenario (they have left) are skipped.
    """
    hist = data.get("history")
    if not isinstance(hist, dict) or "roster" not in hist:
        return data
    rest = {k: v for k, v in hist.items() if k != "roster"}
    if rest.get("worked"):
        raise ScenarioError(source, "history.worked", None,
                            "give either history.roster or history.worked, not both")
    name = hist["roster"]
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError(source, "history.roster", name,
                            "expected the name of a roster CSV file")
    file = Path(name) if Path(name).is_absolute() else base / name
    if not file.is_file():
        raise ScenarioError(source, "history.roster", name, f"file not found ({file})",
                            hint="the path is relative to the scenario file")
    staff = {str(s.get("id")) for s in data.get("staff") or [] if isinstance(s, dict)}
    shifts = {str(s.get("id")) for s in data.get("shifts") or [] if isinstance(s, dict)}
    shifts |= _template_shift_ids(data)
    worked = []
    for a in read_roster_csv(file):
        if a.staff not in staff:
            continue
        if a.shift not in shifts:
            raise ScenarioError(str(file), "column shift", a.shift,
                                f"unknown shift {a.shift!r} for {a.staff} on {a.date}",
                                hint=f"known shift ids: {', '.join(sorted(shifts))}")
        cell = {"date": a.date, "staff": a.staff, "shift": a.shift, "role": a.role}
        if a.break_at:
            cell["break_at"] = a.break_at
        worked.append(cell)
    return {**data, "history": {**rest, "worked": worked}}


def _template_shift_ids(data: dict) -> set[str]:
    """The ids of the shift templates and of the shifts they expand into (a template that does
    not read adds none: the scenario's own check names it)."""
    out: set[str] = set()
    for t in data.get("shift_templates") or []:
        try:
            template = t if isinstance(t, ShiftTemplate) else ShiftTemplate.model_validate(t)
        except (ValidationError, ValueError, TypeError):
            continue
        out.add(template.id)
        out.update(str(x["id"]) for x in template.expand())
    return out


def _check_calendar(scenario: Scenario, source: str) -> None:
    try:
        Calendar(scenario)
    except FieldError as exc:
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML text (round-trips through load)."""
    data = scenario.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    if scenario.shift_templates:  # the template's shifts are expanded again on load
        data["shifts"] = [s for s in data["shifts"] if not s.get("template")]
    # libyaml's emitter writes the same text as the pure one, faster (the scenario hash is of it)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)
