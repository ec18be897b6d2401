"""Scenario variants for what-if questions: a role's headcount changed, and the keys a sweep varies
(``demand.SHIFT.ROLE.min|max``, ``staff.count.ROLE``, ``rules.FIELD``)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from roster.model.parse import ScenarioError, error_from_pydantic, short_value
from roster.model.scenario import Scenario
from roster.solver.explain import editable
from roster.solver.relax import new_person


def headcount(scenario: Scenario, role: str) -> int:
    """People who hold ``role`` (directly, not through covering)."""
    return sum(role in p.roles for p in scenario.staff)


def with_headcount(scenario: Scenario, role: str, count: int) -> Scenario:
    """The scenario with ``count`` people of ``role``: generic new hires are added, or the last
    listed people of the role are removed with their leave, requests and pins."""
    if role not in scenario.role_by_id:
        raise ScenarioError("--vary", f"staff.count.{role}", role, f"unknown role {role!r}",
                            hint=f"known roles: {', '.join(scenario.role_by_id)}")
    if count < 0:
        raise ScenarioError("--vary", f"staff.count.{role}", count,
                            "a headcount cannot be negative")
    data = editable(scenario)
    now = headcount(scenario, role)
    for _ in range(count - now):
        data["staff"].append(new_person(scenario, role, [p["id"] for p in data["staff"]]))
    if count < now:
        mine = [p["id"] for p in data["staff"] if role in p["roles"]]
        gone = set(mine[count:])
        if len(gone) == len(data["staff"]):
            raise ScenarioError("--vary", f"staff.count.{role}", count,
                                "a scenario needs at least one person")
        data["staff"] = [p for p in data["staff"] if p["id"] not in gone]
        for key in ("leave", "requests", "fixed"):
            data[key] = [x for x in data[key] if x["staff"] not in gone]
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = error_from_pydantic(exc, "scenario")
        raise ScenarioError("--vary", f"staff.count.{role}", count,
                            f"gives {err.field} = {short_value(err.value)}: {err.message}",
                            err.hint or "people named elsewhere in the scenario (posts…) "
                            "cannot be removed") from None


def apply_vary(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    """Apply sweep keys: ``demand.SHIFT.ROLE.min|max`` (ROLE ``all`` = lines without a role),
    ``staff.count.ROLE`` and ``rules.FIELD``."""
    sc = scenario
    for key, value in changes.items():
        parts = key.split(".")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ScenarioError("--vary", key, value, "not a number")
        if parts[:2] == ["staff", "count"] and len(parts) == 3:
            if not float(value).is_integer():
                raise ScenarioError("--vary", key, value, "a headcount is a whole number")
            sc = with_headcount(sc, parts[2], int(value))
            continue
        data = editable(sc)
        if parts[0] == "demand" and len(parts) == 4 and parts[3] in ("min", "max"):
            shift, role, end = parts[1], (None if parts[2] in ("all", "*") else parts[2]), parts[3]
            lines = [d for d in data["demand"] if d["shift"] == shift and d.get("role") == role]
            if not lines:
                raise ScenarioError("--vary", key, value,
                                    f"no demand line for shift {shift!r} and role {parts[2]!r}",
                                    hint="use demand.SHIFT.ROLE.min, e.g. demand.D.agent.min")
            for d in lines:
                d[end] = value
                if end == "min" and d.get("max") is not None and _num(d["max"]) < value:
                    d["max"] = value
                if end == "max" and _num(d.get("min", 0)) > value:
                    d["min"] = value
        elif parts[0] == "rules" and len(parts) == 2:
            if parts[1] not in data["rules"]:
                raise ScenarioError("--vary", key, value, f"unknown rule {parts[1]!r}",
                                    hint=f"known rules: {', '.join(data['rules'])}")
            data["rules"][parts[1]] = value
        else:
            raise ScenarioError("--vary", key, value, "unknown key",
                                hint="use demand.SHIFT.ROLE.min|max, staff.count.ROLE or "
                                     "rules.FIELD")
        try:
            sc = Scenario.model_validate(data)
        except ValidationError as exc:
            err = error_from_pydantic(exc, "scenario")
            raise ScenarioError("--vary", key, value,
                                f"gives {err.field} = {short_value(err.value)}: {err.message}",
                                err.hint) from None
    return sc


def _num(x: Any) -> float:
    return float(x["value"]) if isinstance(x, dict) else float(x)
