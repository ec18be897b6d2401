"""Breaks on the floor: who is on break in each interval, and moments when everyone of a role on
the floor is on break."""

from __future__ import annotations

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
    """Moments when everyone of a role on the floor (two people or more) is on break at once, so
    nobody of that role is on the floor, whichever shifts they came on (a centre with many starts
    has groups that break together while the others cover the floor: no warning then). One entry
    per such stretch: the date of the shifts' day, their ids, the head count and the first moment
    (wall clock)."""
    cal = calendar or Calendar(scenario)
    by_day: dict[tuple[str | None, int],
                 list[tuple[list[tuple[int, int]], tuple[int, int] | None, Any]]] = {}
    moments: dict[str | None, set[int]] = {}
    for a in roster:
        shift = scenario.shift_by_id.get(a.shift)
        if shift is None or a.date not in cal.index:
            continue
        day = cal.index[a.date]
        spans = [(day * 1440 + s, day * 1440 + e) for s, e in shift.spans]
        rest = _break_span(scenario, cal, a)
        by_day.setdefault((a.role, day), []).append((spans, rest, a))
        if rest is not None:
            moments.setdefault(a.role, set()).add(rest[0])
    out: list[tuple[int, dict[str, Any]]] = []
    for role, starts in moments.items():
        reported_until = -1
        for t in sorted(starts):
            if t < reported_until:
                continue  # inside a stretch already named
            here = by_day.get((role, t // 1440), []) + by_day.get((role, t // 1440 - 1), [])
            on = [(rest, a) for spans, rest, a in here if any(s <= t < e for s, e in spans)]
            if len(on) < 2 or not all(rest is not None and rest[0] <= t < rest[1]
                                      for rest, _ in on):
                continue
            reported_until = min(rest[1] for rest, _ in on)  # type: ignore[index]
            out.append((t, {"date": min(a.date for _, a in on),
                            "shift": ", ".join(sorted({a.shift for _, a in on})),
                            "people": len(on), "at": f"{t // 60 % 24:02d}:{t % 60:02d}"}))
    return [w for _, w in sorted(out, key=lambda x: x[0])]
