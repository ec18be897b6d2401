"""Plain data → Scenario, with every problem a ScenarioError that names file, line, field and value.

No files are read here: ``roster.io.load`` reads YAML/JSON and the files a scenario refers to.
"""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .fields import FieldError
from .scenario import Scenario


class ScenarioError(Exception):
    """Bad input: names the file, the field, the value and what to do about it."""

    def __init__(self, file: str, field: str, value: Any, message: str, hint: str = "",
                 line: int | None = None) -> None:
        self.file, self.field, self.value = file, field, value
        self.message, self.hint = message, hint
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


_SKIP_LOC = re.compile(r"^(function-|tagged-union|union\[|list\[|tuple\[|dict\[)"
                       r"|^(float|int|str|date|bool|Soft|number|soft|seat-line|interval-line|file|rows|named-holiday"
                       r"|constrained-.*|json-or-python.*|lax-or-strict.*)$")


def field_path(loc: tuple[Any, ...]) -> tuple[str, tuple]:
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


def line_of(lines: dict[tuple, int] | None, path: tuple) -> int | None:
    if not lines:
        return None
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


_TIME_FIELDS = ("start", "end", "segments")


def error_from_pydantic(exc: ValidationError, source: str,
                        lines: dict[tuple, int] | None = None) -> ScenarioError:
    """The first problem pydantic found, as a ScenarioError in the planners' words (never a
    link)."""
    errors = exc.errors(include_url=False)
    # an unknown key is usually a typo, which also explains a "missing" field next to it
    err = min(errors, key=lambda e: e["type"] != "extra_forbidden")
    ctx = err.get("ctx") or {}
    ctx_err = ctx.get("error")
    if isinstance(ctx_err, FieldError):
        path = tuple(int(x) if x.isdigit() else x for x in re.findall(r"[^.\[\]]+", ctx_err.field))
        return ScenarioError(source, ctx_err.field, ctx_err.value, ctx_err.message, ctx_err.hint,
                             line=line_of(lines, path))
    field, path = field_path(tuple(err["loc"]))
    value = err.get("input")
    kind = err["type"]
    msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    hint = ""
    if kind == "extra_forbidden":
        msg = "unknown field"
        hint = (did_you_mean(path[-1], known_fields(path[:-1]))
                or "see docs/scenario.md for the fields")
        value = None
    elif kind == "missing":
        msg, value = "required field is missing", None
    elif kind == "too_short":
        msg = "needs at least one entry"
    elif kind == "string_too_short":
        msg = "must not be empty"
    elif kind in ("int_from_float", "int_parsing", "int_type"):
        msg = "must be a whole number"
    elif kind in ("float_parsing", "float_type"):
        msg = "must be a number"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        bound = next(iter(v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")), "")
        shown = f"{bound:g}" if isinstance(bound, (int, float)) else f"{bound}"
        msg = f"must be {words} {shown}"
    elif kind.startswith(("date_", "datetime_")):
        reason = msg.split(", ", 1)[1] if ", " in msg else ""
        msg = "not a date (YYYY-MM-DD)" + (f": {reason}" if reason else "")
        hint = "write dates as YYYY-MM-DD, e.g. 2026-12-01"
    elif kind == "string_type":
        msg = "must be text"
        if isinstance(value, (int, float)) and any(p in _TIME_FIELDS for p in path
                                                   if isinstance(p, str)):
            hint = 'write times in quotes, e.g. start: "08:00"'
        else:
            hint = "put the value in quotes"
    elif kind in ("bool_type", "bool_parsing"):
        msg = "must be true or false"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        msg = "must be a mapping of fields"
        hint = "e.g. {value: 2, weight: 100}" if "min" in path else ""
    elif kind in ("tuple_type", "list_type"):
        msg = "must be a list"
    msg = msg.replace("Input should be", "must be")
    if len(errors) > 1:
        msg += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    shown = value if not isinstance(value, (dict, list, tuple)) else None
    return ScenarioError(source, field, shown, msg, hint, line=line_of(lines, path))


def scenario_from_dict(data: Any, source: str = "<scenario>",
                       lines: dict[tuple, int] | None = None) -> Scenario:
    """Validate scenario fields (files it names, such as ``history.roster``, are read by
    ``roster.io.load``)."""
    if not isinstance(data, dict):
        found = "nothing (the file is empty)" if data is None else f"a {type(data).__name__}"
        raise ScenarioError(source, "", None,
                            f"the file must hold a mapping of scenario fields, not {found}",
                            hint="start with fields such as name:, horizon:, roles:, shifts:, "
                                 "staff:", line=1 if lines is not None else None)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise error_from_pydantic(exc, source, lines) from None
    except FieldError as exc:  # raised outside pydantic's wrapper
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None
