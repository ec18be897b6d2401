"""Changing a published roster: repair after absences, shift swaps, pins that cannot hold.

A published roster changes every week. ``repair`` turns absences into sick leave, keeps every
day before ``start`` as published, and re-solves the rest changing as few cells as possible;
``check_swap`` applies a swap between two people and says which rules it breaks and whether it
was asked for early enough; ``pin_conflicts`` says in words why a pinned cell cannot hold.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roster.model.availability import leave_minutes, open_seats
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario, limit_value, limit_weight
from roster.solver.explain import explain
from roster.solver.options import SolveOptions
from roster.solver.rules import FAMILIES
from roster.solver.solve import build, solve
from roster.validate import Violation, validate

OFF_EN, OFF_ZH = "off", "休"


# ---- absences -----------------------------------------------------------------
@dataclass(frozen=True)
class Absence:
    """Someone who cannot come on the days ``start..end`` (a sick call, late leave)."""

    staff: str
    start: dt.date
    end: dt.date

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


_ABSENCE = re.compile(r"^\s*([^:\s]+)\s*:\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.\s*(\d{4}-\d{2}-\d{2}))?\s*$")


def parse_absence(text: str, source: str = "--absent") -> Absence:
    """``S05:2026-12-14..2026-12-16`` or ``S05:2026-12-14`` → Absence."""
    m = _ABSENCE.match(text or "")
    if not m:
        raise ScenarioError(source, "", text, "not an absence",
                            hint="write STAFF:YYYY-MM-DD or STAFF:YYYY-MM-DD..YYYY-MM-DD, e.g. S05:2026-12-14..2026-12-16")
    try:
        start = dt.date.fromisoformat(m.group(2))
        end = dt.date.fromisoformat(m.group(3)) if m.group(3) else start
    except ValueError:
        raise ScenarioError(source, "", text, "not a calendar date") from None
    if end < start:
        raise ScenarioError(source, "", text, f"the absence ends ({end}) before it starts ({start})")
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
    """Cells that differ (by shift; a seat change on the same shift is not a change), by date then staff."""
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
@dataclass(frozen=True)
class ChangeWeights:
    """What a changed cell costs. Fewer changed cells always win (each costs more than all the
    extras together); among equally few, a change within ``near_days`` of the start costs up to
    ``near`` more (more the nearer), and a moved day off (off → shift or shift → off) ``day_off``
    more than a changed shift."""

    near_days: int = 7
    near: int = 7
    day_off: int = 3

    def extra(self, days_ahead: int, moves_day_off: bool) -> int:
        ramp = 0
        if self.near_days > 0 and days_ahead < self.near_days:
            ramp = -(-self.near * (self.near_days - days_ahead) // self.near_days)
        return ramp + (self.day_off if moves_day_off else 0)


COUNT_ONLY = ChangeWeights(near_days=0, near=0, day_off=0)
"""Every changed cell costs the same: the repair with the fewest changed cells."""


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
    """The scenario to re-solve: absences become leave, every cell before ``start`` is pinned as published."""
    cal_days = scenario.horizon.days()
    for a in absences:  # before --from: its default is the first absent day
        if a.start > scenario.horizon.end or a.end < scenario.horizon.start:
            raise ScenarioError(source, "--absent", f"{a.staff}:{a.start}..{a.end}",
                                f"lies outside the horizon {scenario.horizon.start}..{scenario.horizon.end}")
    if not scenario.horizon.start <= start <= scenario.horizon.end:
        raise ScenarioError(source, "--from", str(start),
                            f"lies outside the horizon {scenario.horizon.start}..{scenario.horizon.end}")
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
                                f"the absence starts before --from {start}; days before --from stay as published",
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
            raise ScenarioError(source, f"{a.date}, column staff_id", a.staff, f"unknown staff {a.staff!r}")
        if a.shift not in scenario.shift_by_id:
            raise ScenarioError(source, f"{a.date} {a.staff}, column shift", a.shift, f"unknown shift {a.shift!r}",
                                hint=f"known shift ids: {', '.join(sorted(scenario.shift_by_id))}")
        if not scenario.horizon.start <= a.date <= scenario.horizon.end:
            raise ScenarioError(source, f"{a.staff}, column date", str(a.date),
                                f"lies outside the horizon {scenario.horizon.start}..{scenario.horizon.end}")


def changes_family(published: Roster, start: dt.date, weights: ChangeWeights = ChangeWeights()
                   ) -> Callable[[Any], None]:
    """A rule family for ``build(..., families={**FAMILIES, "changes": ...})``: the ``changes`` term."""

    def add(ctx) -> None:
        v, cal = ctx.vars, ctx.calendar
        cells = {(a.staff, a.date): a.shift for a in published}
        shift_index = {sid: i for i, sid in enumerate(v.shifts)}
        first = cal.index.get(start, 0)
        count = len(v.staff) * (len(cal) - first)
        top = max(weights.extra(0, True), 0)
        base = top * count + 1  # one more changed cell outweighs every extra together
        for p, sid in enumerate(v.staff):
            for d in range(first, len(cal)):
                date = cal.days[d].date
                was = cells.get((sid, date))
                works = v.works(p, d)
                ahead = d - first
                if was is None:  # published off: working now moves the day off
                    if works is not None:
                        ctx.penalise("changes", base + weights.extra(ahead, True), works)
                    continue
                same = v.on(p, d, shift_index[was])
                kept = 0 if same is None else same
                ctx.penalise("changes", base + weights.extra(ahead, False), 1 - kept)
                if weights.day_off:
                    ctx.penalise("changes", weights.day_off, 1 - (works if works is not None else 0))

    return add


SEATS_FIRST = ("coverage_shortfall",)
"""Terms a repair settles before counting changes: seats left empty by the absence are filled."""


def _solve_in_tiers(ctx, hint: Roster, tiers: list[tuple[tuple[str, ...], int]], time_limit: float,
                    workers: int, seed: int, stop: threading.Event | None = None,
                    on_progress: Callable[[Any], None] | None = None):
    """Minimise each tier of terms in turn, holding every earlier tier at its best value.

    A tier is (term names, floor): values down to the floor count as good as the floor (the repair
    restores the published roster's coverage, it does not chase seats that were empty before).
    A tier with a floor is solved together with the next tier, weighted so that one unit of it
    outweighs the whole next tier (the same order, in one solve that stays near the hint).
    The last tier is every term not named before it. Each solve starts from the previous answer;
    a solve that finds nothing in its time leaves the previous answer standing. ``stop`` ends the
    current solve and skips the later tiers (the best answer so far stands).
    """
    named = {n for tier, _ in tiers for n in tier}
    rest = tuple(n for n in ctx.terms if n not in named)
    steps = [(tier, floor) for tier, floor in [*tiers, (rest, 0)] if any(ctx.terms.get(n) for n in tier)]

    def total(tier):
        return sum(w * e for n in tier for w, e in ctx.terms.get(n, []))

    groups: list[list[tuple[tuple[str, ...], int]]] = []
    for tier, floor in steps:
        if groups and groups[-1][-1][1] > 0 and len(groups[-1]) == 1:
            groups[-1].append((tier, floor))
        else:
            groups.append([(tier, floor)])
    t0 = time.perf_counter()
    best = None
    for i, group in enumerate(groups):
        parts = []
        for tier, floor in group:
            expr = total(tier)
            if floor > 0:
                level = ctx.model.NewIntVar(floor, max(floor, _upper(ctx, tier)), f"tier:{'+'.join(tier)}")
                ctx.model.Add(level >= expr)
                expr = level
            parts.append((tier, floor, expr))
        objective = parts[-1][2]
        for _tier, _, expr in reversed(parts[:-1]):
            objective = expr * (_upper(ctx, parts[-1][0]) + 1) + objective
        ctx.model.Minimize(objective)
        ctx.model.ClearHints()
        left = time_limit - (time.perf_counter() - t0)
        # seats and changes matter most: the first of several solves gets two thirds of the time
        share = max(1.0, left * 2 / 3 if i == 0 and len(groups) > 1 else left / (len(groups) - i))
        result = solve(ctx.scenario, SolveOptions(time_limit=share, workers=workers, seed=seed), ctx=ctx,
                       hint=best.roster if best else hint, stop=stop, on_progress=on_progress)
        if not result.feasible:
            if best is None:
                return result
            break
        best = result
        if stop is not None and stop.is_set():
            break
        if i + 1 < len(groups):
            for tier, floor, _ in parts:
                ctx.model.Add(total(tier) <= max(floor, sum(result.terms.get(n, 0) for n in tier)))
    if best is None:  # no term to minimise at all: one plain solve
        best = solve(ctx.scenario, SolveOptions(time_limit=time_limit, workers=workers, seed=seed), ctx=ctx, hint=hint)
    best.seconds = time.perf_counter() - t0
    return best


def _upper(ctx, tier: tuple[str, ...]) -> int:
    """An upper bound of a tier's weighted sum (terms are penalties: 0/1 literals, slacks, constants)."""
    from ortools.sat.python import cp_model

    variables = ctx.model.Proto().variables
    out = 0
    for n in tier:
        for w, e in ctx.terms.get(n, []):
            if isinstance(e, int):
                out += w * e
            elif isinstance(e, cp_model.IntVar):
                out += w * list(variables[e.Index()].domain)[-1]
            else:  # 1 - literal: at most 1
                out += w
    return out


def repair(scenario: Scenario, published: Roster, absences: list[Absence], start: dt.date | None = None, *,
           weights: ChangeWeights = ChangeWeights(), time_limit: float = 30.0, workers: int | None = 2,
           seed: int = 0, leave_type: str = "sick", lang: str = "en", source: str = "<repair>",
           seats_first: bool = True, stop: threading.Event | None = None,
           on_progress: Callable[[Any], None] | None = None) -> RepairResult:
    """Re-solve after absences: nothing before ``start`` moves (default: the first absent day).

    In turn: fewest empty seats (``seats_first``; matters only where seats are soft), fewest
    changed cells (see ChangeWeights), then the scenario's other terms. ``stop`` and
    ``on_progress`` are passed to each solve (stopping keeps the best repair found so far).
    """
    t0 = time.perf_counter()
    if start is None:
        start = min((a.start for a in absences), default=scenario.horizon.start)
        start = max(start, scenario.horizon.start)
    pinned = pinned_scenario(scenario, published, start, absences, leave_type, source)
    ctx = build(pinned, families={**FAMILIES, "changes": changes_family(published, start, weights)})
    result = _solve_in_tiers(ctx, published, _tiers(scenario, published, seats_first), time_limit, workers or 2, seed,
                             stop, on_progress)
    away = {(a.staff, d) for a in absences for d in a.days()}
    out = RepairResult(result.status, result.roster, scenario=pinned, start=start,
                       seconds=time.perf_counter() - t0, terms=dict(result.terms))
    if result.feasible:
        out.changes = changes_between(published, result.roster, start, away)
    else:
        out.reasons = why_infeasible(pinned, lang=lang, workers=1)
    return out


def _tiers(scenario: Scenario, published: Roster, seats_first: bool) -> list[tuple[tuple[str, ...], int]]:
    """Seats (down to the published roster's own shortfall), then changes."""
    if not seats_first:
        return [(("changes",), 0)]
    costs = validate(scenario, published).costs()
    return [(SEATS_FIRST, sum(costs.get(n, 0) for n in SEATS_FIRST)), (("changes",), 0)]


def fewest_changed_cells(scenario: Scenario, published: Roster, absences: list[Absence], start: dt.date,
                         time_limit: float = 30.0, workers: int = 2, seed: int = 0,
                         seats_first: bool = True) -> tuple[str, int]:
    """The least number of changed cells a roster that keeps every hard rule needs (status, count);
    with ``seats_first``, among the rosters that leave the fewest seats empty (as ``repair`` does).

    Every changed cell counts the same; the other terms are not looked at.
    """
    pinned = pinned_scenario(scenario, published, start, absences)
    ctx = build(pinned, families={**FAMILIES, "changes": changes_family(published, start, COUNT_ONLY)})
    tiers = _tiers(scenario, published, seats_first)
    named = {n for tier, _ in tiers for n in tier}
    for name in [n for n in ctx.terms if n not in named]:
        del ctx.terms[name]  # only seats and changes
    result = _solve_in_tiers(ctx, published, tiers, time_limit, workers, seed)
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
        a, b = cal.interval(shift, day.index)
        on_leave = [kind for s0, e, kind in leave.get(f.staff, []) if a < e and s0 < b]
        if not cal.shift_runs(shift, day):
            reason = f"{f.shift} 当天不开班" if zh else f"shift {f.shift} does not run on {f.date}"
        elif on_leave:
            reason = f"{f.staff} 当天休假({on_leave[0]})" if zh else f"{f.staff} is on {on_leave[0]} leave"
        elif f.date in person.days_off:
            reason = f"{f.staff} 当天固定休息" if zh else f"{f.staff} has a fixed day off"
        elif f.shift in person.cannot:
            reason = f"{f.staff} 不能上{shift.label}" if zh else f"{f.staff} cannot work {f.shift}"
        elif (scenario.rules_for(f.staff).max_shifts or {}).get(f.shift) == 0:
            reason = f"{f.staff} 不能上{shift.label}" if zh else f"{f.staff} may work no {f.shift} shifts"
        else:
            present = roles_on.get((day.index, f.shift), [])
            fill = scenario.seats_for(person)
            if f.role is not None and f.role not in fill:
                reason = (f"{f.staff} 不能担任 {f.role}" if zh else
                          f"{f.staff} cannot take a {f.role} seat (roles {', '.join(person.roles)})")
            elif f.role is not None and f.role not in present and None not in present:
                reason = f"{f.shift} 当天没有 {f.role} 岗位" if zh else f"{f.shift} has no {f.role} seat that day"
            elif not any(r is None or r in fill for r in present):
                reason = (f"{f.shift} 当天没有 {f.staff} 能坐的岗位" if zh else
                          f"{f.shift} has no seat {f.staff} may take that day")
        if reason:
            head = f"{f.staff} {f.date} 固定上{f.shift}不可行: " if zh else f"{f.staff} pinned to {f.shift} on {f.date}: "
            out.append(head + reason)
    out += _pin_rest(scenario, cal, zh)
    return out


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
            sh1 = scenario.shift_by_id[s1]
            end = (d1 - cal.start).days * 1440 + sh1.end_minute
            for d2, s2, k2 in items[i + 1:]:
                if k1 == k2 == "history":
                    continue
                sh2 = scenario.shift_by_id[s2]
                begin = (d2 - cal.start).days * 1440 + sh2.start_minute
                where = ("历史" if zh else "the history") if k1 == "history" else ("固定" if zh else "pinned")
                gap = (begin - end) / 60
                if begin < end:
                    out.append(f"{sid}: {d1} {s1}({where}) 与 {d2} {s2} 时间重叠" if zh else
                               f"{sid}: {s1} on {d1} ({where}) overlaps the pinned {s2} on {d2}")
                elif hard_rest and gap < rest:
                    out.append(f"{sid}: {d1} {s1}({where}) 到 {d2} {s2} 仅休息 {gap:g} 小时, 应至少 {rest:g}" if zh else
                               f"{sid}: only {gap:g} h rest between {s1} on {d1} ({where}) and the pinned {s2} "
                               f"on {d2}; at least {rest:g} h")
                elif (d2 - d1).days == 1 and (s1, s2) in forbidden:
                    out.append(f"{sid}: {d1} {s1}({where}) 次日不可接 {s2}" if zh else
                               f"{sid}: {s1} on {d1} ({where}) may not be followed by {s2} the next day (pinned)")
    return out


def why_infeasible(scenario: Scenario, lang: str = "en", time_limit: float = 20.0, workers: int = 1) -> list[str]:
    """Reasons no roster exists: pin conflicts found directly, else the explain module's rule set."""
    reasons = pin_conflicts(scenario, lang)
    if reasons:
        return reasons
    ex = explain(scenario, lang=lang, time_limit=time_limit, workers=workers)
    return list(ex.reasons)


# ---- swaps ----------------------------------------------------------------------
@dataclass(frozen=True)
class Swap:
    """``giver`` hands ``shift`` on ``date`` to ``taker``; optionally takes ``taker``'s ``back_shift`` on ``back_date``."""

    giver: str
    date: dt.date
    shift: str
    taker: str
    back_date: dt.date | None = None
    back_shift: str | None = None

    def text(self) -> str:
        back = f", takes {self.back_date:%m-%d} {self.back_shift}" if self.back_date else ""
        return f"{self.giver} gives {self.date:%m-%d} {self.shift} to {self.taker}{back}"


def parse_swap(give: str, to: str, take: str | None = None, source: str = "swap") -> Swap:
    """``--give S02:2026-12-20:N --to S06 [--take 2026-12-22:D]`` → Swap."""
    staff, date, shift = _cell_option(give, "--give", 3, "STAFF:YYYY-MM-DD:SHIFT, e.g. S02:2026-12-20:N", source)
    back_date = back_shift = None
    if take:
        back_date, back_shift = _cell_option(take, "--take", 2, "YYYY-MM-DD:SHIFT, e.g. 2026-12-22:D", source)
    return Swap(staff, date, shift, to.strip(), back_date, back_shift)


def _cell_option(text: str, option: str, size: int, form: str, source: str) -> list:
    """Split a ``[STAFF:]YYYY-MM-DD:SHIFT`` option; the date (second from last) becomes a date."""
    parts = [p.strip() for p in (text or "").split(":")]
    if len(parts) != size or not all(parts):
        raise ScenarioError(source, option, text, f"expected {form}")
    try:
        parts[-2] = dt.date.fromisoformat(parts[-2])
    except ValueError:
        raise ScenarioError(source, option, text, f"{parts[-2]!r} is not a date (YYYY-MM-DD)") from None
    return parts


@dataclass
class SwapCheck:
    swap: Swap
    allowed: bool
    roster: Roster
    """The roster with the swap applied."""
    refusals: list[str] = field(default_factory=list)
    """Why the swap is refused, in words (notice period, hard rules it breaks)."""
    broken: list[Violation] = field(default_factory=list)
    """Hard rules broken after the swap that held before."""
    mended: list[Violation] = field(default_factory=list)
    """Hard rules broken before that the swap mends."""
    approve_by: dt.date | None = None
    """The last day the swap may be approved."""
    soft_change: dict[str, int] = field(default_factory=dict)
    """Soft cost after minus before, per rule (only rules whose cost moves)."""

    @property
    def cost_change(self) -> int:
        return sum(self.soft_change.values())


def apply_swap(scenario: Scenario, roster: Roster, swap: Swap, source: str = "swap") -> Roster:
    """The roster with the swap made; a shift the giver (or taker) does not have is an input error."""
    for who in (swap.giver, swap.taker):
        if who not in scenario.staff_by_id:
            raise ScenarioError(source, "staff", who, f"unknown staff {who!r}",
                                hint=f"known staff ids: {', '.join(sorted(scenario.staff_by_id))}")
    if swap.giver == swap.taker:
        raise ScenarioError(source, "--to", swap.taker, "a swap needs two different people")
    cells = {(a.staff, a.date): a for a in roster}
    moves = [(swap.giver, swap.taker, swap.date, swap.shift, "--give")]
    if swap.back_date is not None:
        moves.append((swap.taker, swap.giver, swap.back_date, swap.back_shift, "--take"))
    for frm, _to, date, shift, opt in moves:
        if shift not in scenario.shift_by_id:
            raise ScenarioError(source, opt, shift, f"unknown shift {shift!r}",
                                hint=f"known shift ids: {', '.join(sorted(scenario.shift_by_id))}")
        have = cells.get((frm, date))
        if have is None or have.shift != shift:
            raise ScenarioError(source, opt, f"{frm}:{date}:{shift}",
                                f"{frm} does not work {shift} on {date} in this roster "
                                f"(has {have.shift if have else 'the day off'})")
    given = {(frm, date) for frm, _, date, _, _ in moves}
    items = [a for a in roster if (a.staff, a.date) not in given]
    for frm, to, date, _, _ in moves:
        old = cells[(frm, date)]
        seats = scenario.seats_for(scenario.staff_by_id[to])
        # the taker sits in the giver's seat when they may; else the validator seats them.
        # A taker who already works that day keeps both shifts, so the rules can name it.
        items.append(Assignment(date, to, old.shift, old.role if old.role in seats else None, old.post))
    return Roster.of(items)


def check_swap(scenario: Scenario, roster: Roster, swap: Swap, today: dt.date, source: str = "swap") -> SwapCheck:
    """Apply the swap, validate, and decide: refused when it breaks a hard rule that held before,
    or when it is asked for less than ``rules.swap_notice_days`` ahead (same-day swaps always)."""
    new = apply_swap(scenario, roster, swap, source)
    first = min(d for d in (swap.date, swap.back_date) if d is not None)
    notice = scenario.rules.swap_notice_days
    refusals = []
    ahead = (first - today).days
    if ahead < 0:
        refusals.append(f"{first} has passed (today is {today}); a swap cannot change the past")
    elif ahead < notice and ahead == 0:
        refusals.append(f"same-day swaps are refused: {first} is today; "
                        f"swaps need approval {notice} day(s) ahead")
    elif ahead < notice:
        refusals.append(f"swaps must be asked for {notice} day(s) ahead; {first} is {ahead} day(s) away")
    before, after = validate(scenario, roster), validate(scenario, new)
    old = {(v.rule, v.text) for v in before.hard}
    now = {(v.rule, v.text) for v in after.hard}
    broken = [v for v in after.hard if (v.rule, v.text) not in old]
    mended = [v for v in before.hard if (v.rule, v.text) not in now]
    refusals += [f"breaks a rule: {v.text}" for v in broken]
    was, gets = before.costs(), after.costs()
    soft = {r: gets.get(r, 0) - was.get(r, 0) for r in sorted(set(was) | set(gets))}
    approve_by = first - dt.timedelta(days=notice) if ahead >= notice else None
    return SwapCheck(swap, not refusals, new, refusals, broken, mended, approve_by,
                     {r: c for r, c in soft.items() if c})
