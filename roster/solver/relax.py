"""Edits that relax one rule of a scenario: what the rule families offer as repairs.

Each edit changes the scenario's ``model_dump()`` in place (explain.py validates it again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from roster.model.scenario import Scenario, Staff, limit_value

from .context import Label


def staff_of(sc: Scenario, label: Label) -> str | None:
    """The person a rule instance is about, when its key starts with a staff id."""
    head = label.key[0] if label.key else None
    return head if isinstance(head, str) and head in sc.staff_by_id else None


def rule_of(sc: Scenario, sid: str, name: str) -> float | None:
    return limit_value(getattr(sc.rules_for(sid), name))


def _person(data: dict, sid: str) -> dict:
    return next(p for p in data["staff"] if p["id"] == sid)


def set_person_rule(sid: str, name: str, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        _person(data, sid)[name] = value
    return change


def set_all_rule(sc: Scenario, name: str, step: float) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["rules"][name] = limit_value(getattr(sc.rules, name)) + step
        for p in data["staff"]:
            if p.get(name) is not None:
                p[name] = limit_value(getattr(sc.staff_by_id[p["id"]], name)) + step
    return change


def new_person(sc: Scenario, role: str, taken: Iterable[str] = ()) -> dict[str, Any]:
    """A generic new hire of ``role``: the least restricted person of that role, without leave."""
    used = {p.id for p in sc.staff} | set(taken)
    same = [p for p in sc.staff if p.roles == (role,)] or [p for p in sc.staff if role in p.roles]
    if same:
        base = min(same, key=lambda p: (len(p.cannot) + len(p.days_off), p.id))
    else:
        base = Staff(id="x", roles=(role,))
    n = 1
    while f"NEW-{role}-{n}" in used:
        n += 1
    data = base.model_dump(exclude_defaults=True)
    data.update(id=f"NEW-{role}-{n}", name=f"new {role} {n}", roles=[role], cannot=[], days_off=[])
    data.pop("hired", None)
    return data


def without_day(data: dict, sid: str, day: dt.date) -> None:
    """The person's leave without ``day`` (a leave block around it is split)."""
    out = []
    for lv in data["leave"]:
        if lv["staff"] != sid or not lv["start"] <= day <= lv["end"]:
            out.append(lv)
            continue
        if lv["start"] < day:
            out.append({**lv, "end": day - dt.timedelta(days=1)})
        if day < lv["end"]:
            out.append({**lv, "start": day + dt.timedelta(days=1)})
    data["leave"] = out
