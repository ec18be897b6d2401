"""Scenario sections as editable tables and back.

Every cell is shown as text a planner can type (lists comma-separated, soft limits as
``value @ weight``, split shifts as ``08:30-12:00, 14:30-17:30``). Reading a table back gives a new
scenario dict; bad cells raise ScenarioError naming ``section[row].column`` and the value.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from roster.model.calendar import Calendar
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.scenario import FieldError, PersonRules, Rules, Scenario

LIMIT_RULES = ("min_rest_hours", "max_consecutive_work_days", "min_consecutive_work_days",
               "min_consecutive_days_off", "max_hours_per_week", "max_hours_total",
               "min_hours_total", "max_weekends", "max_weekends_per_month")

# column kinds: text, opt (text or omitted), list, date, dates, limit, int, bool, optbool,
# days (one word, or a list when there are several),
# segments, span (2026-12-01..2026-12-10), shiftcounts (D:8, N:4), sequences (N>D, N>E), json
# (any field a table does not know yet, shown as JSON so nothing is hidden or lost)
_PERSON_COLUMNS: list[tuple[str, str]] = [(k, "limit") for k in LIMIT_RULES] + [
    ("max_shifts", "shiftcounts"), ("forbidden_sequences", "sequences"),
    ("forbidden_sequences_weight", "int")]

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "roles": [("id", "text"), ("name", "opt"), ("covers", "list")],
    "staff": [("id", "text"), ("name", "opt"), ("roles", "list"), ("hired", "date"),
              ("cannot", "list"), ("days_off", "dates"), ("team", "opt"), *_PERSON_COLUMNS],
    "shifts": [("id", "text"), ("name", "opt"), ("start", "opt"), ("end", "opt"),
               ("segments", "segments"), ("on", "days"), ("night", "optbool"), ("minutes", "int"),
               ("handover_minutes", "int")],
    "demand": [("shift", "text"), ("role", "opt"), ("min", "limit"), ("max", "limit"),
               ("days", "days")],
    "leave": [("staff", "text"), ("type", "opt"), ("start", "date"), ("end", "date"),
              ("half", "opt"), ("extras", "list"), ("note", "opt")],
    "leave_wishes": [("staff", "text"), ("type", "opt"), ("days", "int"), ("window", "span")],
    "posts": [("id", "text"), ("name", "opt"), ("shift", "days"), ("days", "days"), ("a", "text"),
              ("b", "days"), ("counts_toward", "opt"), ("backup_weight", "int")],
    "requests": [("staff", "text"), ("date", "date"), ("shift", "opt"), ("off", "bool"),
                 ("weight", "int")],
    "fixed": [("staff", "text"), ("date", "date"), ("shift", "opt"), ("off", "bool"),
              ("role", "opt")],
}
"""List sections: one row per entry."""

RULE_KINDS: dict[str, str] = {**dict(_PERSON_COLUMNS), "overstaffing_weight": "int"}
FAIRNESS_KEYS = ("nights", "weekends", "holidays", "hours")
SECTIONS = ("staff", "shifts", "demand", "leave", "requests", "fixed", "posts", "leave_wishes",
            "roles", "rules", "fairness")


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a plain dict (the form tables are read from and written to)."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data["rules"] = scenario.rules.model_dump(mode="json")  # None = no limit, kept as such
    return data


def parse_scenario(data: dict[str, Any], source: str = "<edit>",
                   lines: dict[tuple, int] | None = None) -> Scenario:
    """A scenario from a dict, with the calendar checked too; ScenarioError on bad input
    (``lines``: the line of each field of an uploaded file, for the message)."""
    scenario = scenario_from_dict(data, source, lines=lines)
    try:
        Calendar(scenario)
    except FieldError as exc:
        raise ScenarioError(source, exc.field, exc.value, exc.message, exc.hint) from None
    return scenario


# ---- cell text ---------------------------------------------------------
def _num(x: float) -> str:
    return f"{x:g}"


def cell_text(value: Any, kind: str) -> Any:
    """A field value as the text shown in its cell (bools stay bools)."""
    if kind == "bool":
        return bool(value)
    if value is None:
        return ""
    if kind == "optbool":
        return "yes" if value else "no"
    if kind in ("list", "dates"):
        return value if isinstance(value, str) else ", ".join(str(v) for v in value)
    if kind == "limit":
        if isinstance(value, dict):
            return f"{_num(value['value'])} @ {value['weight']}"
        return _num(float(value))
    if kind == "days":
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kind == "segments":
        return ", ".join(f"{a}-{b}" for a, b in value)
    if kind == "shiftcounts":
        return ", ".join(f"{k}:{v}" for k, v in value.items())
    if kind == "sequences":
        return ", ".join(">".join(seq) for seq in value)
    if kind == "span":
        return f"{value['start']}..{value['end']}"
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def _items(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,，;；]", text) if p.strip()]


_LIMIT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:@\s*(\d+))?\s*$")


def parse_cell(value: Any, kind: str, field: str, source: str = "<edit>") -> Any:
    """Cell text → field value (``None`` = leave the field out). Raises ScenarioError."""
    def bad(message: str, hint: str = "") -> ScenarioError:
        return ScenarioError(source, field, value, message, hint)

    if kind == "bool":
        return bool(value) if not _blank(value) else False
    if _blank(value):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        value = value.date().isoformat() if isinstance(value, pd.Timestamp) else value.isoformat()
    text = str(value).strip()
    if kind in ("text", "opt"):
        return text
    if kind == "list":
        return _items(text)
    if kind == "date":
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise bad("not a date", "write dates as YYYY-MM-DD") from None
    if kind == "dates":
        out = []
        for item in _items(text):
            try:
                out.append(dt.date.fromisoformat(item).isoformat())
            except ValueError:
                raise bad(f"{item!r} is not a date",
                          "write dates as YYYY-MM-DD, separated by commas") from None
        return out
    if kind == "int":
        try:
            number = float(text)
        except ValueError:
            raise bad("not a whole number") from None
        if number != int(number):
            raise bad("not a whole number")
        return int(number)
    if kind == "optbool":
        key = text.lower()
        if key in ("yes", "true", "1", "y", "是"):
            return True
        if key in ("no", "false", "0", "n", "否"):
            return False
        raise bad("not yes or no")
    if kind == "limit":
        m = _LIMIT.match(text)
        if not m:
            raise bad("not a number",
                      "write 40 for a hard limit, or 40 @ 100 for a soft one with weight 100")
        number = float(m.group(1))
        return {"value": number, "weight": int(m.group(2))} if m.group(2) else number
    if kind == "days":
        items = _items(text)
        return items[0] if len(items) == 1 else items
    if kind == "segments":
        out = []
        for item in _items(text):
            parts = [p.strip() for p in item.split("-")]
            if len(parts) != 2 or not all(parts):
                raise bad(f"{item!r} is not a time span", "write 08:30-12:00, 14:30-17:30")
            out.append(parts)
        return out
    if kind == "span":
        start, sep, end = text.partition("..")
        try:
            return {"start": dt.date.fromisoformat(start.strip()).isoformat(),
                    "end": dt.date.fromisoformat(end.strip()).isoformat()}
        except ValueError:
            raise bad("not a date span", "write 2026-12-01..2026-12-10") from None
    if kind == "json":
        try:
            return json.loads(text)
        except ValueError:
            return text
    if kind == "shiftcounts":
        counts: dict[str, int] = {}
        for item in _items(text):
            key, _, number = item.partition(":")
            try:
                counts[key.strip()] = int(number)
            except ValueError:
                raise bad(f"{item!r} is not shift:count", "write D:10, N:6") from None
        return counts
    if kind == "sequences":
        seqs = []
        for item in _items(text):
            parts = [p.strip() for p in item.split(">")]
            if len(parts) != 2 or not all(parts):
                raise bad(f"{item!r} is not a pair of shifts",
                          "write N>D, N>E (N followed by D the next day)")
            seqs.append(parts)
        return seqs
    raise ValueError(f"unknown column kind {kind}")


# ---- tables ------------------------------------------------------------
def columns(data: dict[str, Any], section: str) -> list[tuple[str, str]]:
    """The table's columns: the known ones, then any other field the entries carry (as JSON)."""
    cols = list(COLUMNS[section])
    known = {c for c, _ in cols}
    for entry in data.get(section, []):
        for key in entry:
            if key not in known:
                known.add(key)
                cols.append((key, "json"))
    return cols


def rule_kinds(rules: dict[str, Any]) -> dict[str, str]:
    """Rule name → column kind, for the known rules and any newer ones the scenario holds."""
    return {**RULE_KINDS, **{k: "json" for k in rules if k not in RULE_KINDS}}


def other_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The scenario fields no table shows (name, horizon, holidays, leave policy, ...)."""
    return {k: v for k, v in data.items() if k not in SECTIONS}


def to_frame(data: dict[str, Any], section: str) -> pd.DataFrame:
    """One section of the scenario as a table of cell texts."""
    if section == "rules":
        rules = {**Rules().model_dump(mode="json"), **data.get("rules", {})}
        rows = [{"rule": k, "value": cell_text(rules.get(k), kind)}
                for k, kind in rule_kinds(rules).items()]
        return pd.DataFrame(rows, columns=["rule", "value"])
    if section == "fairness":
        weights = data.get("fairness", {})
        rows = [{"measure": k, "weight": str(weights.get(k, 0))} for k in FAIRNESS_KEYS]
        return pd.DataFrame(rows, columns=["measure", "weight"])
    cols = columns(data, section)
    rows = [{c: cell_text(entry.get(c), kind) for c, kind in cols}
            for entry in data.get(section, [])]
    frame = pd.DataFrame(rows, columns=[c for c, _ in cols])
    for c, kind in cols:
        if kind == "bool":
            frame[c] = frame[c].astype(bool)
        else:
            frame[c] = frame[c].astype(object)
    return frame


def from_frame(data: dict[str, Any], section: str, frame: pd.DataFrame,
               source: str = "<edit>") -> dict[str, Any]:
    """A new scenario dict with ``section`` replaced by the table's rows (``data`` is not
    changed)."""
    out = copy.deepcopy(data)
    if section == "rules":
        rules = dict(out.get("rules", {}))
        kinds = rule_kinds({**Rules().model_dump(mode="json"), **rules})
        for _, row in frame.iterrows():
            key = str(row.get("rule", "")).strip()
            if key not in kinds:
                raise ScenarioError(source, "rules", key, "unknown rule",
                                    hint="rules: " + ", ".join(kinds))
            rules[key] = parse_cell(row.get("value"), kinds[key], f"rules.{key}", source)
            if rules[key] is None and key == "forbidden_sequences":
                rules[key] = []
            elif rules[key] is None and key not in PersonRules.model_fields:
                rules.pop(key)  # back to its default
        out["rules"] = rules
        return out
    if section == "fairness":
        weights = {}
        for _, row in frame.iterrows():
            key = str(row.get("measure", "")).strip()
            if key not in FAIRNESS_KEYS:
                raise ScenarioError(source, "fairness", key, "unknown measure",
                                    hint=", ".join(FAIRNESS_KEYS))
            value = parse_cell(row.get("weight"), "int", f"fairness.{key}", source)
            weights[key] = value or 0
        out["fairness"] = weights
        return out
    cols = columns(data, section)
    named = ({e.get("id"): bool(e.get("name")) for e in data.get("staff", [])}
             if section == "staff" else {})
    entries = []
    for i, (_, row) in enumerate(frame.iterrows()):
        values = [row.get(c) for c, _ in cols]
        if all(_blank(v) or v is False for v in values):
            continue  # an empty row the editor added
        entry: dict[str, Any] = {}
        for c, kind in cols:
            value = parse_cell(row.get(c), kind, f"{section}[{i}].{c}", source)
            if value is None or (kind == "bool" and value is False):
                continue
            entry[c] = value
        unnamed = section == "staff" and "name" in frame.columns and not entry.get("name")
        if unnamed and named.get(entry.get("id"), True):
            # a person needs a name (one the scenario already lists without a name may stay so)
            raise ScenarioError(source, f"staff[{i}].name", "", "a name is needed",
                                hint="write a name, or remove the row")
        entries.append(entry)
    out[section] = entries
    return out


@dataclass(frozen=True)
class Cell:
    """Where an error sits: a table, and a row and column in it when known."""

    section: str
    row: int | None = None
    column: str | None = None


_FIELD = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?")


_QUOTED = re.compile(r"'([^']*)'")


def locate(error: ScenarioError, frame: pd.DataFrame | None = None) -> Cell | None:
    """The table cell a ScenarioError points at (``staff[3].roles`` → staff, row 3, roles).

    When the error names a row but no column (``shifts[0] (id D): time '25:00' is not a time of
    day``), the column is the one of ``frame``'s cells in that row holding the bad value."""
    m = _FIELD.match(error.field or "")
    if not m:
        return None
    section, row, column = m.group(1), m.group(2), m.group(3)
    if section not in SECTIONS and section not in ("horizon", "holidays", "name"):
        return None
    if section in ("rules", "fairness"):
        return Cell(section, None, m.group(3) or column)
    index = int(row) if row is not None else None
    if column is None and index is not None and frame is not None and index < len(frame):
        column = _column_holding(frame.iloc[index], error)
    return Cell(section, index, column)


def _column_holding(row: pd.Series, error: ScenarioError) -> str | None:
    """The column of ``row`` whose text contains the error's value (or a value it quotes)."""
    wanted = [str(error.value)] if error.value not in (None, "") else []
    wanted += _QUOTED.findall(error.message or "")
    for value in wanted:
        for column, cell in row.items():
            text = "" if _blank(cell) else str(cell)
            if value and (text == value or value in [x.strip() for x in re.split(r"[,\-]", text)]):
                return str(column)
    return None


# ---- pins --------------------------------------------------------------
def add_pin(data: dict[str, Any], staff: str, date: dt.date, shift: str | None,
            role: str | None = None) -> dict[str, Any]:
    """A new scenario dict where ``staff`` works ``shift`` on ``date`` (None = is off).

    Any earlier pin of the same cell is replaced.
    """
    out = copy.deepcopy(data)
    day = date.isoformat()
    fixed = [f for f in out.get("fixed", [])
             if not (f.get("staff") == staff and str(f.get("date")) == day)]
    entry: dict[str, Any] = {"staff": staff, "date": day}
    if shift is None:
        entry["off"] = True
    else:
        entry["shift"] = shift
        if role:
            entry["role"] = role
    fixed.append(entry)
    out["fixed"] = fixed
    return out


def remove_pin(data: dict[str, Any], staff: str, date: dt.date) -> dict[str, Any]:
    out = copy.deepcopy(data)
    day = date.isoformat()
    out["fixed"] = [f for f in out.get("fixed", [])
                    if not (f.get("staff") == staff and str(f.get("date")) == day)]
    return out
