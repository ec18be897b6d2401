"""Scenario files (YAML or JSON) → Scenario, with errors that name file, line, field and value."""

from __future__ import annotations

import difflib
import json
import re
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .scenario import FieldError, Scenario


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping names the same key twice (YAML would silently keep the last one)."""

    field: str = ""
    """Where, as ``rules.min_rest_hours`` (set when the path is known)."""


class _Loader(yaml.SafeLoader):
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
        return super().construct_mapping(node, deep=deep)


_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in _DROPPED]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*\.(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def read_yaml(text: str) -> Any:
    """YAML text → plain data (see ``_Loader`` for how scalars are read)."""
    return yaml.load(text, Loader=_Loader)


def read_yaml_lines(text: str) -> tuple[Any, dict[tuple, int]]:
    """YAML text → (data, line of each field), the lines keyed by paths such as ("staff", 3, "roles")."""
    loader = _Loader(text)
    lines: dict[tuple, int] = {}

    def walk(n: yaml.Node, path: tuple) -> None:
        lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    key_path = (*path, k.value)
                    if key_path in lines and key_path != path:
                        err = DuplicateKeyError(None, None, f"duplicate key {k.value!r} (first given on line "
                                                f"{lines[key_path]})", k.start_mark)
                        err.field = _field_path(key_path)[0]
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


class ScenarioError(Exception):
    """Bad input: names the file, the field, the value and what to do about it."""

    def __init__(self, file: str, field: str, value: Any, message: str, hint: str = "",
                 line: int | None = None) -> None:
        self.file, self.field, self.value, self.message, self.hint = file, field, value, message, hint
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        file = f"{self.file}, line {self.line}" if self.line else self.file
        where = f"{file}: {self.field}" if self.field else file
        value = "" if self.value is None else f" = {short_value(self.value)}"
        text = f"{where}{value}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


def short_value(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters so a wrong file never floods the message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "…" + text[-4:]


_SKIP_LOC = re.compile(r"^(function-|tagged-union|union\[|list\[|tuple\[|dict\[)|^(float|int|str|date|bool|Soft|"
                       r"number|soft|constrained-.*|json-or-python.*|lax-or-strict.*)$")


def _field_path(loc: tuple[Any, ...]) -> tuple[str, tuple]:
    """A pydantic location as ``staff[3].roles`` and as the path of keys it came from."""
    parts: list[str] = []
    path: list[Any] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif isinstance(item, str) and not _SKIP_LOC.search(item):
            parts.append(f".{item}" if parts else item)
        else:
            continue
        path.append(item)
    return "".join(parts), tuple(path)


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation may hold (through Optional, tuples, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out.extend(_models(arg))
    return out


def known_fields(path: tuple, root: type[BaseModel] = Scenario) -> list[str]:
    """Field names a mapping at ``path`` (inside a scenario) may have."""
    current: list[type[BaseModel]] = [root]
    for item in path:
        if isinstance(item, int):
            continue
        nxt = [m for model in current if item in model.model_fields
               for m in _models(model.model_fields[item].annotation)]
        if not nxt:
            break
        current = nxt
    return sorted({name for model in current for name in model.model_fields})


def did_you_mean(word: str, known: list[str]) -> str:
    """``"did you mean `x`?"`` for the closest known word, or a list of them."""
    close = difflib.get_close_matches(str(word), known, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return f"known fields here: {', '.join(known)}" if known else ""


def _line(lines: dict[tuple, int] | None, path: tuple) -> int | None:
    if not lines:
        return None
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


_TIME_FIELDS = ("start", "end", "segments")


def error_from_pydantic(exc: ValidationError, source: str, lines: dict[tuple, int] | None = None) -> ScenarioError:
    """The first problem pydantic found, as a ScenarioError in the planners' words (never a link)."""
    errors = exc.errors(include_url=False)
    # an unknown key is usually a typo, which also explains a "missing" field next to it
    err = min(errors, key=lambda e: e["type"] != "extra_forbidden")
    ctx = err.get("ctx") or {}
    ctx_err = ctx.get("error")
    if isinstance(ctx_err, FieldError):
        path = tuple(int(x) if x.isdigit() else x for x in re.findall(r"[^.\[\]]+", ctx_err.field))
        return ScenarioError(source, ctx_err.field, ctx_err.value, ctx_err.message, ctx_err.hint,
                             line=_line(lines, path))
    field, path = _field_path(tuple(err["loc"]))
    value = err.get("input")
    kind = err["type"]
    msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    hint = ""
    if kind == "extra_forbidden":
        msg = "unknown field"
        hint = did_you_mean(path[-1], known_fields(path[:-1])) or "see docs/scenario.md for the fields"
        value = None
    elif kind == "missing":
        msg, value = "required field is missing", None
    elif kind == "too_short":
        msg = "needs at least one entry"
    elif kind in ("int_from_float", "int_parsing", "int_type"):
        msg = "must be a whole number"
    elif kind in ("float_parsing", "float_type"):
        msg = "must be a number"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        bound = next(iter(v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")), "")
        msg = f"must be {words} {bound:g}" if isinstance(bound, (int, float)) else f"must be {words} {bound}"
    elif kind.startswith(("date_", "datetime_")):
        reason = msg.split(", ", 1)[1] if ", " in msg else ""
        msg = "not a date (YYYY-MM-DD)" + (f": {reason}" if reason else "")
        hint = "write dates as YYYY-MM-DD, e.g. 2026-12-01"
    elif kind == "string_type":
        msg = "must be text"
        if isinstance(value, (int, float)) and any(p in _TIME_FIELDS for p in path if isinstance(p, str)):
            hint = 'write times in quotes, e.g. start: "08:00"'
        else:
            hint = "put the value in quotes"
    elif kind in ("bool_type", "bool_parsing"):
        msg = "must be true or false"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        msg, hint = "must be a mapping of fields", "e.g. {value: 2, weight: 100}" if "min" in path else ""
    elif kind in ("tuple_type", "list_type"):
        msg = "must be a list"
    msg = msg.replace("Input should be", "must be")
    if len(errors) > 1:
        msg += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    shown = value if not isinstance(value, (dict, list, tuple)) else None
    return ScenarioError(source, field, shown, msg, hint, line=_line(lines, path))


def scenario_from_dict(data: Any, source: str = "<scenario>", base: Path | None = None,
                       lines: dict[tuple, int] | None = None) -> Scenario:
    """Validate scenario fields; ``base`` is the folder that relative file names (history) start from."""
    if not isinstance(data, dict):
        found = "nothing (the file is empty)" if data is None else f"a {type(data).__name__}"
        raise ScenarioError(source, "", None, f"the file must hold a mapping of scenario fields, not {found}",
                            hint="start with fields such as name:, horizon:, roles:, shifts:, staff:",
                            line=1 if lines is not None else None)
    data = _read_history(data, source, base or Path("."))
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise error_from_pydantic(exc, source, lines) from None
    except FieldError as exc:  # raised outside pydantic's wrapper
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError(name, "", None, "file is not UTF-8 text",
                            hint="save it as UTF-8 (in Excel or Notepad: Save As, encoding UTF-8)",
                            line=line) from None


def read_text_file(path: str | Path, what: str = "file") -> str:
    """A UTF-8 text file (a BOM is fine); a missing file, a folder or another encoding (GBK…) is
    a ScenarioError naming the file, with a hint to save it as UTF-8."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(str(path), "", None, f"{what} not found") from None
    except IsADirectoryError:
        raise ScenarioError(str(path), "", None, f"is a folder, not a {what}") from None
    except OSError as exc:
        raise ScenarioError(str(path), "", None, f"cannot read the {what} ({exc.strerror or exc})") from None
    return _decode(raw, str(path))


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
        raise ScenarioError(name, f"line {exc.lineno}, column {exc.colno}", None, f"not valid JSON: {exc.msg}",
                            line=None) from None
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise ScenarioError(name, exc.field, None, str(exc.problem),
                            hint="give each key once; YAML would keep only the last one",
                            line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ScenarioError(name, where, None, f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    scenario = scenario_from_dict(data, name, path.parent, lines)
    _check_calendar(scenario, name)
    if isinstance(scenario.leave_balances, str):
        from .ledger import opening_balances

        file = Path(scenario.leave_balances)
        file = file if file.is_absolute() else path.parent / file
        if not file.is_file():
            raise ScenarioError(name, "leave_balances", scenario.leave_balances, f"file not found ({file})",
                                hint="the path is relative to the scenario file",
                                line=_line(lines, ("leave_balances",)))
        opening_balances(scenario, path.parent, name)
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
