"""Read a roster back from the JSON result (``roster.export.result_json``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from roster.io.load import read_text_file
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster


def read_result_json(path: str | Path) -> Roster:
    """The ``assignments`` (and planned ``leave``) of a result JSON; bad entries name their index and field."""
    path = Path(path)
    name = str(path)
    text = read_text_file(path, "roster file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(name, f"line {exc.lineno}, column {exc.colno}", None, f"not valid JSON: {exc.msg}") from None
    items = data.get("assignments") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ScenarioError(name, "assignments", None, "missing or not a list",
                            hint="a result JSON holds an assignments list of {date, staff_id, shift}")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ScenarioError(name, f"assignments[{i}]", None, "not an object")
        for key in ("date", "staff_id", "shift"):
            if not item.get(key):
                raise ScenarioError(name, f"assignments[{i}].{key}", item.get(key), "missing or empty")
        try:
            day = dt.date.fromisoformat(str(item["date"]))
        except ValueError:
            raise ScenarioError(name, f"assignments[{i}].date", item["date"], "not a date (YYYY-MM-DD)") from None
        out.append(Assignment(day, str(item["staff_id"]), str(item["shift"]), item.get("role") or None,
                              item.get("post") or None))
    leave = []
    for i, item in enumerate(data.get("leave") or []):
        if not isinstance(item, dict) or not all(item.get(k) for k in ("date", "staff_id", "type")):
            raise ScenarioError(name, f"leave[{i}]", None, "needs date, staff_id and type")
        try:
            day = dt.date.fromisoformat(str(item["date"]))
        except ValueError:
            raise ScenarioError(name, f"leave[{i}].date", item["date"], "not a date (YYYY-MM-DD)") from None
        leave.append(LeaveDay(day, str(item["staff_id"]), str(item["type"])))
    return Roster.of(out, leave)
