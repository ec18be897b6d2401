"""The whole result as JSON for other programs: roster, per-person summary, hours, scenario hash.

``result_dict`` adds the solver's figures (status, objective, bound, terms) when there is a solver
result; ``roster_dict`` serves rosters that come from a file. ``read_result_json`` reads the roster
back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roster.io.load import dump_scenario, read_text_file
from roster.model.calendar import Calendar
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.scenario import Scenario, parse_minutes
from roster.reports.hours import person_hours, week_hours
from roster.reports.intervals import day_figures, interval_figures
from roster.reports.summary import fair_shares, person_summary
from roster.validate import validate

if TYPE_CHECKING:
    import pandas as pd

    from roster.validate.report import Report

FORMAT = "roster-result/1"


def scenario_hash(scenario: Scenario) -> str:
    return hashlib.sha256(dump_scenario(scenario).encode()).hexdigest()[:16]


def roster_dict(scenario: Scenario, roster: Roster, calendar: Calendar | None = None, *,
                report: Report | None = None, shares: pd.DataFrame | None = None) -> dict[str, Any]:
    """Scenario identity, assignments, per-person summary, weekly hours and the validator's
    verdict; ``report`` and ``shares`` (the validator's report and ``fair_shares`` of this roster)
    when the caller has them already."""
    cal = calendar or Calendar(scenario)
    summary = person_summary(scenario, roster, cal)
    hours = person_hours(scenario, roster, cal)
    people = []
    for row in summary.to_dict("records"):
        h = hours[row["staff_id"]]
        people.append({**{k: (v if isinstance(v, str) else float(v) if k in ("hours", "ytd_hours")
                              else int(v))
                          for k, v in row.items()},
                       "holiday_hours": h["holiday_hours"], "rest_day_hours": h["rest_day_hours"],
                       "overtime": h["overtime"]})
    report = report if report is not None else validate(scenario, roster, cal)
    shares = shares if shares is not None else fair_shares(scenario, roster, cal)
    intervals = intervals_dict(scenario, roster, cal)
    return {
        "format": FORMAT,
        "scenario": {"name": scenario.name, "hash": scenario_hash(scenario),
                     "start": str(scenario.horizon.start), "end": str(scenario.horizon.end),
                     "timezone": scenario.timezone},
        "assignments": [
            {"date": str(a.date), "staff_id": a.staff, "shift": a.shift, "role": a.role,
             "post": a.post, **({"break_at": a.break_at} if a.break_at else {})}
            for a in roster
        ],
        "leave": [{"date": str(lv.date), "staff_id": lv.staff, "type": lv.type}
                  for lv in getattr(roster, "leave", ()) or ()],
        "summary": people,
        "fair_shares": shares.to_dict("records"),
        "weeks": [{"staff_id": w.staff, "year": w.year, "week": w.week, "monday": str(w.monday),
                   "hours": w.hours, "holiday_hours": w.holiday_hours,
                   "rest_day_hours": w.rest_day_hours, "overtime": w.overtime}
                  for w in week_hours(scenario, roster, cal)],
        "validation": {"hard": len(report.hard), "soft_cost": report.cost, "costs": report.costs(),
                       "violations": [{"rule": v.rule, "hard": v.hard, "cost": v.cost,
                                       "text": v.text, "staff": v.staff, "date": str(v.date)
                                       if v.date else None}
                                      for v in report.violations]},
        **({"intervals": intervals} if intervals else {}),
    }


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def intervals_dict(scenario: Scenario, roster: Roster,
                   calendar: Calendar | None = None) -> dict[str, Any]:
    """Per-interval demand: ``days`` (intervals short, worst interval, call-weighted service level)
    and ``intervals`` (needed, scheduled, calls, agents on the phones, service level, average speed
    of answer in seconds, occupancy); empty when the scenario has no per-interval lines."""
    figures = interval_figures(scenario, roster, calendar)
    if not figures:
        return {}
    days = []
    for d in day_figures(scenario, figures):
        w = d.worst
        days.append({"date": str(d.date), "role": d.role, "intervals": d.intervals,
                     "short_intervals": d.short_intervals, "people_short": d.people_short,
                     "people_over": d.people_over,
                     "worst": ({"interval": w.interval, "needed": w.needed,
                                "scheduled": w.scheduled} if w else None),
                     "calls": _round(d.calls, 2), "service_level": _round(d.service_level),
                     "target": d.target})
    rows = [{"date": str(f.date), "interval": f.interval, "role": f.role, "minutes": f.minutes,
             "needed": f.needed, "scheduled": f.scheduled, "calls": f.calls,
             "answering": f.answering, "service_level": _round(f.service_level),
             "asa_seconds": _round(f.asa_seconds, 2), "occupancy": _round(f.occupancy)}
            for f in figures]
    return {"days": days, "intervals": rows}


def _break_at(value: object, name: str, i: int) -> str | None:
    if value in (None, ""):
        return None
    try:
        minute = parse_minutes(str(value)) % 1440
    except ValueError:
        raise ScenarioError(name, f"assignments[{i}].break_at", value,
                            "not a time (HH:MM)") from None
    return f"{minute // 60:02d}:{minute % 60:02d}"


def result_dict(scenario: Scenario, result, calendar: Calendar | None = None,
                **figures: Any) -> dict[str, Any]:
    """``roster_dict`` (``figures``: its ``report`` and ``shares``) plus the solver's status,
    objective, bound, gap, time and terms."""
    data = roster_dict(scenario, result.roster, calendar, **figures)
    return {**result.summary(), **data}


def write_json(data: dict[str, Any], path: str | Path) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def write_result_json(scenario: Scenario, result, path: str | Path,
                      warnings: list[str] | None = None, calendar: Calendar | None = None,
                      **figures: Any) -> None:
    """The result JSON; ``warnings`` (approved leave beyond its balance …) go under ``warnings``;
    ``calendar`` and ``figures`` (see ``roster_dict``) when the caller has them already."""
    data = result_dict(scenario, result, calendar, **figures)
    if warnings:
        data["warnings"] = list(warnings)
    write_json(data, path)


def write_roster_json(scenario: Scenario, roster: Roster, path: str | Path) -> None:
    write_json(roster_dict(scenario, roster), path)


def read_result_json(path: str | Path) -> Roster:
    """The ``assignments`` (and planned ``leave``) of a result JSON; bad entries name their index
    and field."""
    path = Path(path)
    name = str(path)
    text = read_text_file(path, "roster file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(name, f"line {exc.lineno}, column {exc.colno}", None,
                            f"not valid JSON: {exc.msg}") from None
    items = data.get("assignments") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ScenarioError(name, "assignments", None, "missing or not a list",
                            hint="a result JSON holds an assignments list of {date, staff_id, "
                                 "shift}")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ScenarioError(name, f"assignments[{i}]", None, "not an object")
        for key in ("date", "staff_id", "shift"):
            if not item.get(key):
                raise ScenarioError(name, f"assignments[{i}].{key}", item.get(key),
                                    "missing or empty")
        try:
            day = dt.date.fromisoformat(str(item["date"]))
        except ValueError:
            raise ScenarioError(name, f"assignments[{i}].date", item["date"],
                                "not a date (YYYY-MM-DD)") from None
        out.append(Assignment(day, str(item["staff_id"]), str(item["shift"]), item.get("role")
                              or None, item.get("post") or None,
                              _break_at(item.get("break_at"), name, i)))
    leave = []
    for i, item in enumerate(data.get("leave") or []):
        if not isinstance(item, dict) or not all(item.get(k) for k in ("date", "staff_id", "type")):
            raise ScenarioError(name, f"leave[{i}]", None, "needs date, staff_id and type")
        try:
            day = dt.date.fromisoformat(str(item["date"]))
        except ValueError:
            raise ScenarioError(name, f"leave[{i}].date", item["date"],
                                "not a date (YYYY-MM-DD)") from None
        leave.append(LeaveDay(day, str(item["staff_id"]), str(item["type"])))
    return Roster.of(out, leave)
