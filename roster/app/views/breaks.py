"""Breaks on the floor: who is on break in each interval, and shifts whose people are all on break
at one moment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.model.calendar import Calendar
from roster.model.intervals import break_minute
from roster.model.roster import Roster
from roster.model.scenario import Scenario


def _break_span(scenario: Scenario, cal: Calendar, a) -> tuple[int, int] | None:
    """A placed break as (start, end) in minutes from the horizon start."""
    shift = scenario.shift_by_id.get(a.shift)
    if shift is None or shift.break_rule is None or not a.break_at or a.date not in cal.index:
        return None
    try:
        start = break_minute(shift, a.break_at)
    except ValueError:
        return None
    base = cal.index[a.date] * 1440
    return base + start, base + start + shift.break_rule.minutes


def on_break(scenario: Scenario, roster: Roster, figures: list,
             calendar: Calendar | None = None) -> list[int]:
    """People of the figures' role on break in each interval of ``figures`` (one day of a line)."""
    cal = calendar or Calendar(scenario)
    spans = []
    for a in roster:
        span = _break_span(scenario, cal, a)
        if span is not None:
            spans.append((a.role, span))
    out = []
    for f in figures:
        end = f.start + f.minutes
        out.append(sum(1 for role, (a, b) in spans
                       if (f.role is None or role == f.role) and a < end and f.start < b))
    return out


def all_on_break(scenario: Scenario, roster: Roster,
                 calendar: Calendar | None = None) -> list[dict[str, Any]]:
    """Shifts (date and shift, two people or more) whose people are all on break at one moment:
    nobody of that shift is left on the floor then. One entry per shift instance, with the first
    such moment (wall clock) and the head count."""
    cal = calendar or Calendar(scenario)
    groups: dict[tuple[dt.date, str], list[tuple[int, int] | None]] = {}
    for a in roster:
        shift = scenario.shift_by_id.get(a.shift)
        if shift is None or shift.break_rule is None:
            continue
        groups.setdefault((a.date, a.shift), []).append(_break_span(scenario, cal, a))
    out = []
    for (date, shift), spans in sorted(groups.items()):
        if len(spans) < 2 or any(s is None for s in spans):
            continue
        start = max(a for a, _ in spans)  # type: ignore[misc]
        if start < min(b for _, b in spans):  # type: ignore[misc]
            at = f"{start // 60 % 24:02d}:{start % 60:02d}"
            out.append({"date": date, "shift": shift, "people": len(spans), "at": at})
    return out
