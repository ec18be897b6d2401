"""Changing a published roster: repair after absences, pins that cannot hold (swaps: swaps.py).

The orchestration lives here (options in words, the pinned scenario, the tiers, the answer in
words); the ``changes`` term is a solver rule (``solver/rules/changes.py``) and the tiers are
solved by ``solver/lexicographic.py``.

A published roster changes every week. ``repair`` turns absences into sick leave, keeps every
day before ``start`` as published, and re-solves the rest changing as few cells as possible;
``check_swap`` (``services/swaps.py``, re-exported here) applies a swap between two people and
says which rules it breaks and whether it was asked for early enough; ``pin_conflicts`` says in
words why a pinned cell cannot hold.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roster.model.availability import Block, blocked, leave_minutes, open_seats
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario, limit_value, limit_weight
from roster.services.swaps import Swap, SwapCheck, apply_swap, check_swap, parse_swap
from roster.solver.explain import explain
from roster.solver.lexicographic import solve_in_tiers
from roster.solver.options import SolveOptions
from roster.solver.rules import FAMILIES
from roster.solver.rules.changes import COUNT_ONLY, ChangeWeights, changes_family
from roster.solver.solve import build
from roster.validate import validate

OFF_EN, OFF_ZH = "off", "休"

__all__ = [  # swaps are asked for with the change commands, so they are importable from here too
    "COUNT_ONLY", "Absence", "Change", "ChangeWeights", "RepairResult", "changes_family", "Swap",
    "SwapCheck", "apply_swap", "change_list", "changes_between", "check_roster", "check_swap",
    "fewest_changed_cells", "parse_absence", "parse_swap", "pin_conflicts", "pinned_scenario",
    "repair", "who_to_tell", "why_infeasible",
]


# ---- absences -----------------------------------------------------------------
@dataclass(frozen=True)
class Absence:
    """Someone who cannot come on the days ``start..end`` (a sick call, late leave)."""

    staff: str
    start: dt.date
    end: dt.date

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


_ABSENCE = re.compile(r"^\s*([^:\s]+)\s*:\s*(\d{4}-\d{2}-\d{2})"
                      r"\s*(?:\.\.\s*(\d{4}-\d{2}-\d{2}))?\s*$")


def parse_absence(text: str, source: str = "--absent") -> Absence:
    """``S05:2026-12-14..2026-12-16`` or ``S05:2026-12-14`` → Absence."""
    m = _ABSENCE.match(text or "")
    if not m:
        raise ScenarioError(source, "", text, "not an absence",
                            hint="write STAFF:YYYY-MM-DD or STAFF:YYYY-MM-DD..YYYY-MM-DD, "
                                 "e.g. S05:2026-12-14..2026-12-16")
    try:
        start = dt.date.fromisoformat(m.group(2))
        end = dt.date.fromisoformat(m.group(3)) if m.group(3) else start
    except ValueError:
        raise ScenarioError(source, "", text, "not a calendar date") from None
    if end < start:
        raise ScenarioError(source, "", text,
                            f"the absence ends ({end}) before it starts ({start})")
    return Absence(m.group(1), start, end)


# ---- changes in words -----------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One cell that differs from the published roster."""

    staff: str
    date: dt.date
    before: str | None
    """Shift id in the published roster (None: off)."""
    after: str | None
    reason: str = ""
    """``absent`` when the person is the one who cannot come; empty otherwise."""

    @property
    def moves_day_off(self) -> bool:
        return self.before is None or self.after is None

    def text(self, lang: str = "en") -> str:
        off = OFF_ZH if lang == "zh" else OFF_EN
        note = ""
        if self.reason == "absent":
            note = " (请假)" if lang == "zh" else " (absent)"
        return f"{self.staff}: {self.date:%m-%d} {self.before or off} → {self.after or off}{note}"


def changes_between(published: Roster, new: Roster, since: dt.date | None = None,
                    absent: set[tuple[str, dt.date]] | None = None) -> list[Change]:
    """Cells that differ (by shift; a seat change on the same shift is not a change), by date then
    staff."""
    absent = absent or set()
    out = []
    for staff, date, after, before in new.diff(published):
        if since is not None and date < since:
            continue
        reason = "absent" if (staff, date) in absent else ""
        out.append(Change(staff, date, before, after, reason))
    return out


def change_list(changes: list[Change], lang: str = "en") -> str:
    """``S07: 12-14 off → N; S02: 12-15 D → E``."""
    return "; ".join(c.text(lang) for c in changes)


def who_to_tell(scenario: Scenario, changes: list[Change], lang: str = "en") -> list[str]:
    """One line per person whose roster changed: name and their changes, in date order."""
    by: dict[str, list[Change]] = {}
    for c in sorted(changes, key=lambda c: (c.staff, c.date)):
        by.setdefault(c.staff, []).append(c)
    lines = []
    for sid, items in by.items():
        person = scenario.staff_by_id.get(sid)
        who = person.label if person else sid
        cells = ", ".join(c.text(lang).split(": ", 1)[1] for c in items)
        lines.append(f"{who}: {cells}")
    return lines


# ---- repair --------------------------------------------------------------------


@dataclass
class RepairResult:
    status: str
    roster: Roster
    changes: list[Change] = field(default_factory=list)
    scenario: Scenario | None = None
    """The scenario that was solved: absences as leave, days before the start pinned."""
    start: dt.date | None = None
    reasons: list[str] = field(default_factory=list)
    """Why no repair exists (when infeasible)."""
    seconds: float = 0.0
    terms: dict[str, int] = field(default_factory=dict)
    """Objective terms of the repaired roster (``changes`` is the weighted change cost)."""

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def changed_cells(self) -> int:
        return len(self.changes)


def pinned_scenario(scenario: Scenario, published: Roster, start: dt.date, absences: list[Absence],
                    leave_type: str = "sick", source: str = "<repair>") -> Scenario:
    """The scenario to re-solve: absences become leave, every cell before ``start`` is pinned as
    published."""
    cal_days = scenario.horizon.days()
    for a in absences:  # before --from: its default is the first absent day
        if a.start > scenario.horizon.end or a.end < scenario.horizon.start:
            raise ScenarioError(source, "--absent", f"{a.staff}:{a.start}..{a.end}",
                                "lies outside the horizon "
                                f"{scenario.horizon.start}..{scenario.horizon.end}")
    if not scenario.horizon.start <= start <= scenario.horizon.end:
        raise ScenarioError(source, "--from", str(start),
                            "lies outside the horizon "
                            f"{scenario.horizon.start}..{scenario.horizon.end}")
    types = getattr(getattr(scenario, "leave_policy", None), "types", None)
    if types is not None and leave_type not in types:
        raise ScenarioError(source, "leave type", leave_type, "not a leave type of this scenario",
                            hint=f"known leave types: {', '.join(sorted(types))}")
    for a in absences:
        if a.staff not in scenario.staff_by_id:
            raise ScenarioError(source, "--absent", a.staff, f"unknown staff {a.staff!r}",
                                hint=f"known staff ids: {', '.join(sorted(scenario.staff_by_id))}")
        if a.start < start:
            raise ScenarioError(source, "--absent", f"{a.staff}:{a.start}",
                                f"the absence starts before --from {start}; days before --from "
                                "stay as published",
                                hint="move --from to the first day of the absence or earlier")
    check_roster(scenario, published, source)
    cells = {(a.staff, a.date): a for a in published}
    pins: list[dict[str, Any]] = []
    for person in scenario.staff:
        for date in cal_days:
            if date >= start:
                break
            a = cells.get((person.id, date))
            if a is None:
                pins.append({"staff": person.id, "date": date, "off": True})
            else:
                pin = {"staff": person.id, "date": date, "shift": a.shift}
                if a.role is not None:
                    pin["role"] = a.role
                pins.append(pin)
    away = {(a.staff, d) for a in absences for d in a.days()}
    kept = [f.model_dump(exclude_defaults=True) for f in scenario.fixed
            if f.date >= start and (f.staff, f.date) not in away]
    leave = [lv.model_dump(exclude_defaults=True) for lv in scenario.leave]
    leave += [{"staff": a.staff, "type": leave_type, "start": max(a.start, scenario.horizon.start),
               "end": min(a.end, scenario.horizon.end), "note": "absence reported after publishing"}
              for a in absences]
    data = scenario.model_dump(exclude_defaults=True)
    data.update(fixed=kept + pins, leave=leave)
    return scenario_from_dict(data, source)


def check_roster(scenario: Scenario, roster: Roster, source: str) -> None:
    """Unknown staff, unknown shifts and dates outside the horizon are input errors."""
    for a in roster:
        if a.staff not in scenario.staff_by_id:
            raise ScenarioError(source, f"{a.date}, column staff_id", a.staff,
                                f"unknown staff {a.staff!r}")
        if a.shift not in scenario.shift_by_id:
            raise ScenarioError(source, f"{a.date} {a.staff}, column shift", a.shift,
                                f"unknown shift {a.shift!r}",
                                hint=f"known shift ids: {', '.join(sorted(scenario.shift_by_id))}")
        if not scenario.horizon.start <= a.date <= scenario.horizon.end:
            raise ScenarioError(source, f"{a.staff}, column date", str(a.date),
                                "lies outside the horizon "
                                f"{scenario.horizon.start}..{scenario.horizon.end}")




SEATS_FIRST = (Rule.COVERAGE_SHORTFALL,)
"""Terms a repair settles before counting changes: seats left empty by the absence are filled."""


MIN_SEARCH_SECONDS = 1.0
"""The least search a repair gets when building its model took its whole time limit."""


def repair(scenario: Scenario, published: Roster, absences: list[Absence],
           start: dt.date | None = None, *, weights: ChangeWeights = ChangeWeights(),
           time_limit: float = 30.0, workers: int | None = 2, seed: int = 0,
           leave_type: str = "sick", lang: str = "en", source: str = "<repair>",
           seats_first: bool = True, stop: threading.Event | None = None,
           on_progress: Callable[[Any], None] | None = None, reasons: bool = True,
           hint: Roster | None = None) -> RepairResult:
    """Re-solve after absences: nothing before ``start`` moves (default: the first absent day).

    In turn: fewest empty seats (``seats_first``; matters only where seats are soft), fewest
    changed cells (see ChangeWeights), then the scenario's other terms. ``stop`` and
    ``on_progress`` are passed to each solve (stopping keeps the best repair found so far).
    ``time_limit`` covers building the model too (the search gets what is left, at least
    ``MIN_SEARCH_SECONDS``).
    ``reasons``: when no repair is found, look for why (an explanation search of its own, after the
    time limit; a caller that shows no reasons, or must end at the limit, leaves it off).
    ``hint``: the roster the search starts from (default ``published``; changes are still counted
    against ``published``). One that keeps every hard rule is a roster from the first moment.
    """
    t0 = time.perf_counter()
    if start is None:
        start = min((a.start for a in absences), default=scenario.horizon.start)
        start = max(start, scenario.horizon.start)
    pinned = pinned_scenario(scenario, published, start, absences, leave_type, source)
    ctx = build(pinned, families=[*FAMILIES.values(), changes_family(published, start, weights)])
    tiers = _tiers(scenario, published, seats_first)
    # one deadline: building the model and pricing the published roster come out of the search's
    # time (the interval centre's model took 4-15 s to build on a busy machine)
    left = max(MIN_SEARCH_SECONDS, time_limit - (time.perf_counter() - t0))
    options = SolveOptions(time_limit=left, workers=workers or 2, seed=seed)
    result = solve_in_tiers(ctx, published if hint is None else hint, tiers, options,
                            stop=stop, on_progress=on_progress)
    away = {(a.staff, d) for a in absences for d in a.days()}
    out = RepairResult(result.status, result.roster, scenario=pinned, start=start,
                       seconds=time.perf_counter() - t0, terms=dict(result.terms))
    if result.feasible:
        out.changes = changes_between(published, result.roster, start, away)
    elif reasons:
        out.reasons = why_infeasible(pinned, lang=lang, workers=1)
    return out


def with_pins(scenario: Scenario, roster: Roster) -> Roster:
    """``roster`` with the scenario's pinned cells as pinned: a pinned day off drops the person's
    shifts of that day, a pin to a shift the cell does not hold puts its (first) start there. The
    other cells stay as they are (a start for a re-solve after a pin; it may break a rule)."""
    pins = {(f.staff, f.date): f for f in scenario.fixed}
    kept = []
    for a in roster:
        f = pins.get((a.staff, a.date))
        if f is None or (not f.off and a.shift in f.shifts):
            kept.append(a)
    worked = {(a.staff, a.date) for a in kept}
    for (who, date), f in pins.items():
        if not f.off and (who, date) not in worked and f.shifts:
            kept.append(Assignment(date, who, f.shifts[0], role=f.role))
    leave = [x for x in roster.leave if (f := pins.get((x.staff, x.date))) is None or f.off]
    return Roster.of(kept, leave)


def _tiers(scenario: Scenario, published: Roster,
           seats_first: bool) -> list[tuple[tuple[str, ...], int]]:
    """Seats (down to the published roster's own shortfall), then changes."""
    if not seats_first:
        return [((Rule.CHANGES,), 0)]
    costs = validate(scenario, published).costs()
    return [(SEATS_FIRST, sum(costs.get(n, 0) for n in SEATS_FIRST)), ((Rule.CHANGES,), 0)]


def fewest_changed_cells(scenario: Scenario, published: Roster, absences: list[Absence],
                         start: dt.date, time_limit: float = 30.0, workers: int = 2, seed: int = 0,
                         seats_first: bool = True) -> tuple[str, int]:
    """The least number of changed cells a roster that keeps every hard rule needs (status, count);
    with ``seats_first``, among the rosters that leave the fewest seats empty (as ``repair`` does).

    Every changed cell counts the same; the other terms are not looked at.
    """
    pinned = pinned_scenario(scenario, published, start, absences)
    ctx = build(pinned, families=[*FAMILIES.values(), changes_family(published, start, COUNT_ONLY)])
    tiers = _tiers(scenario, published, seats_first)
    named = {n for tier, _ in tiers for n in tier}
    for name in [n for n in ctx.terms if n not in named]:
        del ctx.terms[name]  # only seats and changes
    result = solve_in_tiers(ctx, published, tiers,
                            SolveOptions(time_limit=time_limit, workers=workers, seed=seed))
    if not result.feasible:
        return result.status, -1
    return result.status, len(changes_between(published, result.roster, start))


# ---- pins that cannot hold ------------------------------------------------------
def pin_conflicts(scenario: Scenario, lang: str = "en") -> list[str]:
    """Pinned cells that cannot hold, each with its reason in words (a direct check, no solve).

    Looks at leave, fixed days off, cannot-work shifts, shifts that do not run, seats the person
    may not take, two pins on one day, and rest, overlap and forbidden sequences between a pin
    and a neighbouring pin or the history.
    """
    zh = lang == "zh"
    cal = Calendar(scenario)
    out: list[str] = []
    leave = leave_minutes(scenario, cal)
    roles_on = open_seats(seats_table(scenario, cal))
    shift_index = {sh.id: i for i, sh in enumerate(scenario.shifts)}
    seen: dict[tuple[str, dt.date], Any] = {}
    for f in scenario.fixed:
        other = seen.get((f.staff, f.date))
        if other is not None and (other.off, other.shift) != (f.off, f.shift):
            a, b = other.shift or OFF_EN, f.shift or OFF_EN
            out.append(f"{f.staff} {f.date}: 两个固定班 {a} 和 {b} 冲突" if zh else
                       f"{f.staff} {f.date}: pinned twice, to {a} and to {b}")
        seen[(f.staff, f.date)] = f
        if f.shift is None:
            continue
        person = scenario.staff_by_id[f.staff]
        shift = scenario.shift_by_id[f.shift]
        day = cal.day(f.date)
        reason = None
        block = blocked(scenario, cal, person, day.index, shift_index[f.shift], leave, pins=False)
        if block is not None:
            reason = _pin_block(block, f, shift.label, zh)
        else:
            present = roles_on.get((day.index, f.shift), [])
            fill = scenario.seats_for(person)
            if f.role is not None and f.role not in fill:
                reason = (f"{f.staff} 不能担任 {f.role}" if zh else
                          f"{f.staff} cannot take a {f.role} seat (roles "
                          f"{', '.join(person.roles)})")
            elif f.role is not None and f.role not in present and None not in present:
                reason = (f"{f.shift} 当天没有 {f.role} 岗位" if zh
                          else f"{f.shift} has no {f.role} seat that day")
            elif not any(r is None or r in fill for r in present):
                reason = (f"{f.shift} 当天没有 {f.staff} 能坐的岗位" if zh else
                          f"{f.shift} has no seat {f.staff} may take that day")
        if reason:
            head = (f"{f.staff} {f.date} 固定上{f.shift}不可行: " if zh
                    else f"{f.staff} pinned to {f.shift} on {f.date}: ")
            out.append(head + reason)
    out += _pin_rest(scenario, cal, zh)
    return out


def _pin_block(block: Block, pin: Any, label: str, zh: bool) -> str:
    """Why a pinned cell cannot hold (``availability.blocked``, pins aside), in words."""
    who, sid, kind = pin.staff, pin.shift, block.detail
    if zh:
        return {"not_running": f"{sid} 当天不开班", "leave": f"{who} 当天休假({kind})",
                "day_off": f"{who} 当天固定休息"}.get(block.kind, f"{who} 不能上{label}")
    return {"not_running": f"shift {sid} does not run on {pin.date}",
            "leave": f"{who} is on {kind} leave", "day_off": f"{who} has a fixed day off",
            "cannot": f"{who} cannot work {sid}",
            "no_shifts": f"{who} may work no {sid} shifts"}[block.kind]


def _pin_rest(scenario: Scenario, cal: Calendar, zh: bool) -> list[str]:
    """Rest, overlap and forbidden sequences between pinned shifts (and the history's shifts)."""
    out = []
    worked: dict[str, list[tuple[dt.date, str, str]]] = {}
    for f in scenario.fixed:
        if f.shift is not None:
            worked.setdefault(f.staff, []).append((f.date, f.shift, "pin"))
    if scenario.history is not None:
        for sid, days in scenario.history.shifts(cal.start).items():
            for date, w in days.items():
                worked.setdefault(sid, []).append((date, w.shift, "history"))
    for sid, items in worked.items():
        if not any(kind == "pin" for *_, kind in items):
            continue
        rules = scenario.rules_for(sid)
        rest = limit_value(rules.min_rest_hours) or 0
        hard_rest = rules.min_rest_hours is not None and limit_weight(rules.min_rest_hours) is None
        forbidden = {tuple(x) for x in rules.forbidden_sequences or ()} \
            if rules.forbidden_sequences_weight is None else set()
        items.sort()
        for i, (d1, s1, k1) in enumerate(items):
            # history days: below 0
            end = cal.interval(scenario.shift_by_id[s1], (d1 - cal.start).days)[1]
            for d2, s2, k2 in items[i + 1:]:
                if k1 == k2 == "history":
                    continue
                begin = cal.interval(scenario.shift_by_id[s2], (d2 - cal.start).days)[0]
                where = ("历史" if zh else "the history") if k1 == "history" else ("固定" if zh
                                                                                 else "pinned")
                gap = (begin - end) / 60
                if begin < end:
                    out.append(f"{sid}: {d1} {s1}({where}) 与 {d2} {s2} 时间重叠" if zh else
                               f"{sid}: {s1} on {d1} ({where}) overlaps the pinned {s2} on {d2}")
                elif hard_rest and gap < rest:
                    out.append(f"{sid}: {d1} {s1}({where}) 到 {d2} {s2} 仅休息 {gap:g} 小时, "
                               f"应至少 {rest:g}" if zh else
                               f"{sid}: only {gap:g} h rest between {s1} on {d1} ({where}) and the "
                               f"pinned {s2} on {d2}; at least {rest:g} h")
                elif (d2 - d1).days == 1 and (s1, s2) in forbidden:
                    out.append(f"{sid}: {d1} {s1}({where}) 次日不可接 {s2}" if zh else
                               f"{sid}: {s1} on {d1} ({where}) may not be followed by {s2} the "
                               "next day (pinned)")
    return out


def why_infeasible(scenario: Scenario, lang: str = "en", time_limit: float = 20.0,
                   workers: int = 1) -> list[str]:
    """Reasons no roster exists: pin conflicts found directly, else the explain module's rule
    set."""
    reasons = pin_conflicts(scenario, lang)
    if reasons:
        return reasons
    ex = explain(scenario, lang=lang, time_limit=time_limit, workers=workers)
    return list(ex.reasons)
