"""What a roster cell says, shared by every grid-like export and its reader.

A worked day is the shift id (``D``), or shift and post (``D/A``) when the person holds a post;
a day off is empty; a day of leave shows the leave type. Text bound for spreadsheets that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is made inert (see ``safe_text``).
"""

from __future__ import annotations

import datetime as dt

from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
POST_SEPARATOR = "/"


def safe_text(value: object) -> object:
    """Text a spreadsheet must show as text, never run as a formula: prefix an apostrophe."""
    if isinstance(value, str) and value[:1] in DANGEROUS:
        return "'" + value
    return value


def unsafe_text(value: str) -> str:
    """Undo ``safe_text`` when reading back."""
    if value[:1] == "'" and value[1:2] in DANGEROUS and value[1:2]:
        return value[1:]
    return value


def cell_code(a: Assignment) -> str:
    """``D`` or ``D/A`` (shift, post)."""
    return f"{a.shift}{POST_SEPARATOR}{a.post}" if a.post else a.shift


def parse_code(text: str, shift_ids: set[str] | None = None) -> tuple[str, str | None]:
    """``D/A`` → (``D``, ``A``); a known shift id containing the separator stays whole."""
    if shift_ids is not None and text in shift_ids:
        return text, None
    if POST_SEPARATOR in text:
        shift, post = text.rsplit(POST_SEPARATOR, 1)
        if shift and post and (shift_ids is None or shift in shift_ids):
            return shift, post
    return text, None


def leave_by_day(scenario: Scenario,
                 roster: Roster | None = None) -> dict[tuple[str, dt.date], str]:
    """(staff, date) → leave type for every leave day inside the horizon: the scenario's leave
    and, given a roster, the leave days it places (from leave wishes)."""
    out: dict[tuple[str, dt.date], str] = {}
    for lv in scenario.leave:
        day = max(lv.start, scenario.horizon.start)
        while day <= min(lv.end, scenario.horizon.end):
            out[(lv.staff, day)] = lv.type
            day += dt.timedelta(days=1)
    for lv in getattr(roster, "leave", ()) or ():
        out.setdefault((lv.staff, lv.date), lv.type)
    return out


def half_days(scenario: Scenario) -> dict[tuple[str, dt.date], str]:
    """(staff, date) → ``am`` or ``pm`` for every half day of leave in the scenario."""
    return {(lv.staff, lv.start): lv.half for lv in scenario.leave if lv.half is not None}


def leave_types(scenario: Scenario) -> set[str]:
    """Every leave type a cell may show: the policy's types and those the scenario uses."""
    policy = getattr(scenario, "leave_policy", None)
    return set(getattr(policy, "types", {}) or {}) | {lv.type for lv in scenario.leave}


def leave_labels(scenario: Scenario) -> dict[str, str]:
    """Leave type → the word a cell shows (the policy's name, e.g. 年假, else the type id)."""
    policy = getattr(scenario, "leave_policy", None)
    types = getattr(policy, "types", {}) or {}
    out = {t: (getattr(types.get(t), "name", "") or t) for t in leave_types(scenario)}
    words = list(out.values())
    return {t: (w if words.count(w) == 1 else t) for t, w in out.items()}


def planned_only(scenario: Scenario, roster: Roster) -> Roster:
    """Drop leave days read back from a file that are the scenario's own leave, not planned ones."""
    leave = getattr(roster, "leave", ()) or ()
    if not leave:
        return roster
    own = leave_by_day(scenario)
    return Roster.of(roster.assignments, [lv for lv in leave if (lv.staff, lv.date) not in own])


def first_by_day(roster: Roster) -> dict[tuple[str, dt.date], Assignment]:
    """(staff, date) → the person's assignment that day (the first if a roster holds two)."""
    out: dict[tuple[str, dt.date], Assignment] = {}
    for a in roster:
        out.setdefault((a.staff, a.date), a)
    return out


def post_ids(scenario: Scenario) -> list[str]:
    """Ids of the scenario's posts (A/B duty), empty when the scenario has none."""
    return [str(getattr(p, "id", p)) for p in getattr(scenario, "posts", ()) or ()]
