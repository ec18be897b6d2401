"""Why a scenario cannot be rostered, in the planners' words, and which small changes fix it.

Every hard rule instance is guarded by an assumption literal (``build(..., explain=True)``).
CP-SAT names a sufficient set of assumptions when the model is infeasible; a deletion filter
shrinks that set to a minimal one (dropping any single rule of it makes the rest feasible).
Each rule of the set is then worded with the context a planner needs (who is on leave, who
cannot work the shift, which other rules hold the rest), and relaxations of those rules are
tried one by one; only the ones that a solve confirms are returned, smallest first.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from roster.model.availability import leave_minutes, why_not
from roster.model.calendar import Calendar
from roster.model.posts import post_gaps
from roster.model.scenario import Scenario, Staff, limit_value

from .context import Context, Label
from .rules import FAMILIES
from .solve import build

PERSON_FAMILIES = {
    "rest": ("rest between shifts", "班次间休息"),
    "overlap": ("overlapping shifts", "班次重叠"),
    "sequence": ("forbidden shift order", "禁止的班次顺序"),
    "hours_week": ("weekly hours", "每周工时"),
    "hours_max": ("hours in the horizon", "排班期工时上限"),
    "hours_min": ("hours in the horizon", "排班期工时下限"),
    "max_shifts": ("most shifts of a type", "班次数上限"),
    "max_consecutive": ("work days in a row", "连续上班天数"),
    "min_consecutive_work": ("fewest work days in a row", "最少连续上班天数"),
    "min_consecutive_off": ("fewest days off in a row", "最少连续休息天数"),
    "weekends": ("weekends worked", "上班周末数"),
    "weekends_month": ("weekends worked a month", "每月上班周末数"),
    "fixed": ("pinned shifts", "固定班次"),
}
"""Rule families whose label key starts with a staff id, with a short name (en, zh)."""

MAX_DETAILED = 8
"""Seat rules worded in full; the rest of a long list is summed up in one line."""


@dataclass
class Repair:
    """One change to the scenario that a solve has confirmed makes it rosterable."""

    description: str
    scenario: Scenario
    size: int
    """How much is relaxed: seats, people, leave days, hours or rule steps (smaller is better)."""
    zh: str = ""

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" and self.zh else self.description


@dataclass
class Explanation:
    feasible: bool
    reasons: list[str]
    labels: list[Label]
    repairs: list[Repair]
    seconds: float
    status: str = ""
    """FEASIBLE, INFEASIBLE, STRUCTURAL (only the unguarded one-shift-a-day rules conflict) or UNKNOWN."""
    minimal: bool = True
    """False when a shrinking step ran out of time: the rule set is sufficient but maybe not minimal."""
    lang: str = "en"

    def text(self) -> str:
        zh = self.lang == "zh"
        if self.feasible:
            return "场景可排班，所有硬性规则都能满足。" if zh else "The scenario can be rostered: every hard rule can hold."
        lines = list(self.reasons)
        if self.repairs:
            lines.append("可行的修改（已求解验证，改动小的在前）：" if zh else
                         "Changes that make it rosterable (each checked by a solve, smallest first):")
            lines += [f"  - {r.text(self.lang)}" for r in self.repairs]
        elif self.status == "INFEASIBLE":
            lines.append("未找到单项修改能让场景可排班。" if zh else
                         "No single change tried here makes the scenario rosterable.")
        return "\n".join(lines)


# ---- solving with assumptions ---------------------------------------------------------------

_STOP: ContextVar[threading.Event | None] = ContextVar("explain_stop", default=None)
"""The stop event of the ``explain`` running in this thread (every check ends when it is set)."""


def _check(model: cp_model.CpModel, assumptions: list, seconds: float, workers: int = 1, lp: int = 2
           ) -> tuple[int, cp_model.CpSolver]:
    model.ClearAssumptions()
    model.AddAssumptions(assumptions)
    solver = cp_model.CpSolver()
    stop = _STOP.get()
    solver.parameters.max_time_in_seconds = 0.0 if stop is not None and stop.is_set() else max(0.05, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    solver.parameters.linearization_level = lp  # 2: guarded rules enter the LP relaxation too
    if stop is None:
        return solver.Solve(model), solver
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if stop.is_set():
                solver.StopSearch()
                return

    threading.Thread(target=watch, daemon=True).start()
    try:
        return solver.Solve(model), solver
    finally:
        done.set()


SOFT_ONLY = ("requests", "fairness")
"""Rule families that only add costs: left out when only hard rules matter."""


def hard_families() -> dict[str, Callable[[Context], None]]:
    """The rule registry without the families that can never make a scenario infeasible."""
    return {k: f for k, f in FAMILIES.items() if k not in SOFT_ONLY}


def solvable(scenario: Scenario, seconds: float, workers: int = 1) -> bool | None:
    """Does a roster meeting every hard rule exist? ``None`` when the time ran out first."""
    ctx = build(scenario, families=hard_families())
    ctx.model.ClearObjective()
    t0 = time.perf_counter()
    code, _ = _check(ctx.model, [], seconds * 0.3, workers, lp=1)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
        code, _ = _check(ctx.model, [], seconds - (time.perf_counter() - t0), workers)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if code == cp_model.INFEASIBLE else None


def _core(ctx: Context, deadline: float) -> tuple[str, list[Label], bool]:
    """Status and a minimal set of guarded rules that cannot hold together."""
    by_index = {lit.Index(): label for label, lit in ctx.guards.items()}
    guards = ctx.guards
    # a quick search finds rosters fastest; the fuller LP proves counting conflicts fastest
    code, solver = _check(ctx.model, list(guards.values()), 0.3 * (deadline - time.perf_counter()), lp=1)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
        code, solver = _check(ctx.model, list(guards.values()), deadline - time.perf_counter())
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "FEASIBLE", [], True
    if code != cp_model.INFEASIBLE:
        return "UNKNOWN", [], False
    core = [by_index[i] for i in solver.SufficientAssumptionsForInfeasibility() if i in by_index]
    if not core:
        return "STRUCTURAL", [], True
    minimal = True
    needed: list[Label] = []
    rest = core
    while rest:
        left = deadline - time.perf_counter()
        if left <= 0.05:
            minimal = False
            needed += rest
            break
        first, rest = rest[0], rest[1:]
        code, solver = _check(ctx.model, [guards[lb] for lb in needed + rest], min(left, 2.0))
        if code == cp_model.INFEASIBLE:
            # every rule shown necessary so far is in any smaller conflicting set
            smaller = {by_index[j] for j in solver.SufficientAssumptionsForInfeasibility() if j in by_index}
            if smaller:
                rest = [lb for lb in rest if lb in smaller]
        else:
            if code not in (cp_model.FEASIBLE, cp_model.OPTIMAL):
                minimal = False
            needed.append(first)
    core = needed
    return "INFEASIBLE", core, minimal


# ---- wording --------------------------------------------------------------------------------

def _staff_of(label: Label, staff_ids: set[str]) -> str | None:
    if label.family == "coverage" or label.family == "coverage_max":
        return None
    head = label.key[0] if label.key else None
    return head if isinstance(head, str) and head in staff_ids else None


def _names(ids: list[str], most: int = 6) -> str:
    return ", ".join(ids[:most]) + (f", … (+{len(ids) - most})" if len(ids) > most else "")


@dataclass
class _Seat:
    """Who could take the seats of one coverage rule, and why the others cannot."""

    date: dt.date
    shift: str
    role: str | None
    seats: int
    line: int
    candidates: list[str] = field(default_factory=list)
    leave: list[str] = field(default_factory=list)
    cannot: list[str] = field(default_factory=list)
    days_off: list[str] = field(default_factory=list)
    pinned: list[str] = field(default_factory=list)
    free: list[str] = field(default_factory=list)


def seat_context(scenario: Scenario, calendar: Calendar, ctx: Context, key: tuple) -> _Seat:
    """Who can take the seats of coverage rule ``key`` = (day, shift, role) and who is kept away."""
    d, sid, role = key
    st = ctx.vars.seats[key]
    day = calendar.days[d]
    shift = scenario.shift_by_id[sid]
    a, b = calendar.interval(shift, d)
    leave = leave_minutes(scenario, calendar)
    pins = {(f.staff, f.date): f for f in scenario.fixed}
    s_index = ctx.vars.shifts.index(sid)
    out = _Seat(day.date, sid, role, st.min, st.line)
    for p, person in enumerate(scenario.staff):
        if role is not None and role not in scenario.seats_for(person):
            continue
        out.candidates.append(person.id)
        rules = scenario.rules_for(person.id)
        pin = pins.get((person.id, day.date))
        if any(a < e and s0 < b for s0, e, _ in leave.get(person.id, [])):
            out.leave.append(person.id)
        elif day.date in person.days_off or (pin is not None and pin.off):
            out.days_off.append(person.id)
        elif sid in person.cannot or (rules.max_shifts or {}).get(sid) == 0:
            out.cannot.append(person.id)
        elif pin is not None and pin.shift != sid:
            out.pinned.append(person.id)
        elif (p, d, s_index, role) in ctx.vars.x if role is not None else (p, d, s_index) in ctx.vars.y:
            out.free.append(person.id)
        else:
            out.pinned.append(person.id)
    return out


def _seat_sentence(seat: _Seat, scenario: Scenario, others: list[Label], competing: list[_Seat],
                   lang: str) -> str:
    zh = lang == "zh"
    role = seat.role or ("staff" if not zh else "人员")
    rname = (scenario.role_by_id[seat.role].label if seat.role else "人员") if zh else role
    shift = scenario.shift_by_id[seat.shift]
    head = (f"{seat.date} {shift.label}：需要 {seat.seats} 个{rname}座席，能上的 {len(seat.candidates)} 人中，"
            if zh else
            f"{seat.date} {seat.shift}: {seat.seats} {role} seat{'s' if seat.seats != 1 else ''}, "
            f"but of {len(seat.candidates)} who can take {'them' if seat.seats != 1 else 'it'} ")
    parts = []
    for ids, en, cn in ((seat.leave, "on leave", "在休假"), (seat.days_off, "have a fixed day off", "固定休息"),
                        (seat.cannot, f"cannot work {seat.shift}", f"不能上{shift.label}"),
                        (seat.pinned, "are pinned to another shift", "已固定在其他班次")):
        if ids:
            parts.append(f"{len(ids)} 人{cn}（{_names(ids)}）" if zh else
                         f"{len(ids)} {('is ' if len(ids) == 1 else 'are ') if en == 'on leave' else ''}{en} ({_names(ids)})")
    if not parts:
        parts.append("无人休假或不可上该班" if zh else "none is on leave or barred from the shift")
    free = set(seat.free)
    bind: dict[str, list[str]] = {}
    for lb in others:
        who = lb.key[0] if lb.key else None
        if who in free:
            bind.setdefault(lb.family, [])
            if who not in bind[lb.family]:
                bind[lb.family].append(who)
    tail = ""
    if seat.free:
        held = [f"{PERSON_FAMILIES.get(f, (f, f))[1 if zh else 0]}（{_names(ids)}）" if zh else
                f"{PERSON_FAMILIES.get(f, (f, f))[0]} ({_names(ids)})" for f, ids in bind.items()]
        rivals = [f"{c.date} {c.shift} {c.role or 'staff'} ({c.seats})" for c in competing]
        if zh:
            tail = f"；其余 {len(seat.free)} 人（{_names(seat.free)}）"
            if held:
                tail += "受以下规则限制：" + "、".join(held)
            if rivals:
                tail += ("，并且" if held else "") + "同时要顶 " + "、".join(rivals)
        else:
            one = len(seat.free) == 1
            tail = f"; the other {'one' if one else len(seat.free)} ({_names(seat.free)})"
            verb = "is" if one else "are"
            if held:
                tail += f" {verb} held by " + ", ".join(held)
            if rivals:
                tail += (" and" if held else f" {verb}") + " also needed for " + ", ".join(rivals)
            if not held and not rivals:
                tail += f" {verb} not enough"
    return head + ("，".join(parts) if zh else ", ".join(parts)) + tail


def word(scenario: Scenario, ctx: Context, core: list[Label], lang: str = "en") -> list[str]:
    """Sentences for a set of rules that cannot hold together."""
    zh = lang == "zh"
    cal = ctx.calendar
    staff_ids = {p.id for p in scenario.staff}
    cover = [lb for lb in core if lb.family == "coverage"]
    rest = [lb for lb in core if lb.family != "coverage"]
    seats = {lb: seat_context(scenario, cal, ctx, lb.key) for lb in cover}
    counts: dict[str, int] = {}
    for lb in core:
        counts[lb.family] = counts.get(lb.family, 0) + 1
    names = {"coverage": ("seats on a shift", "班次座席"), "breaks": ("breaks that fit nowhere", "放不下的休息")} | {
        f: n for f, n in PERSON_FAMILIES.items()}
    summary = ", ".join(f"{n} × {names.get(f, (f, f))[1 if zh else 0]}" for f, n in counts.items())
    out = [f"没有排班能同时满足以下 {len(core)} 条硬性规则（{summary}）：" if zh else
           f"No roster meets these {len(core)} hard rules together ({summary}):"]
    person_rules = [lb for lb in rest if _staff_of(lb, staff_ids)]
    for lb in cover[:MAX_DETAILED]:
        seat = seats[lb]
        competing = [seats[o] for o in cover if o is not lb and seats[o].date == seat.date
                     and set(seats[o].free) & set(seat.free)]
        out.append(_seat_sentence(seat, scenario, person_rules, competing, lang))
    if len(cover) > MAX_DETAILED:
        more = cover[MAX_DETAILED:]
        dates = sorted({seats[lb].date for lb in more})
        out.append(f"另有 {len(more)} 条座席规则（{dates[0]}..{dates[-1]}）" if zh else
                   f"… and {len(more)} more seat rules ({dates[0]}..{dates[-1]})")
    gaps = _post_gaps(scenario, cal) if any(lb.family == "post_manned" for lb in rest) else {}
    for lb in rest:
        gap = gaps.get(lb.key) if lb.family == "post_manned" else None
        if gap is not None:
            out.append(gap.zh(scenario) if zh else gap.text(scenario))
        else:
            out.append(lb.text(lang))
    return out


def _post_gaps(scenario: Scenario, cal: Calendar) -> dict[tuple, Any]:
    """(post id, day index, shift id) → the worded reason no holder can man that period."""

    return {(g.post, cal.index[g.date], g.shift): g for g in post_gaps(scenario, cal)}


# ---- repairs --------------------------------------------------------------------------------

@dataclass
class _Candidate:
    description: str
    zh: str
    size: int
    change: Callable[[dict[str, Any]], None]
    """Edits the scenario's ``model_dump()`` in place."""
    kind: str = ""
    """What is relaxed (seat, hire:agent, leave, a rule field): repairs of one kind can be chained."""


def _person(data: dict, sid: str) -> dict:
    return next(p for p in data["staff"] if p["id"] == sid)


def _rule_of(sc: Scenario, sid: str, name: str) -> float | None:
    return limit_value(getattr(sc.rules_for(sid), name))


def _set_person_rule(sid: str, name: str, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        _person(data, sid)[name] = value
    return change


def _set_all_rule(sc: Scenario, name: str, step: float) -> Callable[[dict], None]:
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
    base = min(same, key=lambda p: (len(p.cannot) + len(p.days_off), p.id)) if same else Staff(id="x", roles=(role,))
    n = 1
    while f"NEW-{role}-{n}" in used:
        n += 1
    data = base.model_dump(exclude_defaults=True)
    data.update(id=f"NEW-{role}-{n}", name=f"new {role} {n}", roles=[role], cannot=[], days_off=[])
    data.pop("hired", None)
    return data


def _without_day(data: dict, sid: str, day: dt.date) -> None:
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


def candidates(sc: Scenario, ctx: Context, core: list[Label]) -> list[_Candidate]:
    """Relaxations of the rules in ``core``, smallest first (not yet checked)."""
    out: list[_Candidate] = []
    cal = ctx.calendar
    staff_ids = {p.id for p in sc.staff}
    seen: set[str] = set()

    def add(desc: str, zh: str, size: int, change: Callable[[dict], None], kind: str = "") -> None:
        if desc not in seen:
            seen.add(desc)
            out.append(_Candidate(desc, zh, size, change, kind or desc))

    shortest = min(s.paid_minutes for s in sc.shifts)
    step_hours = math.ceil(shortest / 60)
    for lb in core:
        f = lb.family
        if f == "coverage":
            seat = seat_context(sc, cal, ctx, lb.key)
            line = sc.demand[seat.line]
            role = seat.role or "staff"

            def fewer(data: dict, seat=seat, line=line) -> None:
                lo = line.min
                new_min = seat.seats - 1
                row = line.model_dump()
                row.update(min=new_min if not hasattr(lo, "weight") else {"value": new_min, "weight": lo.weight},
                           days=[seat.date])
                data["demand"].append(row)

            add(f"{seat.date} {seat.shift}: {seat.seats - 1} {role} seat{'' if seat.seats == 2 else 's'} "
                f"instead of {seat.seats}",
                f"{seat.date} {sc.shift_by_id[seat.shift].label}：{sc.role_by_id[seat.role].label if seat.role else '人员'}座席由 {seat.seats} 减为 {seat.seats - 1}",
                1, fewer, "seat")
            if seat.role is not None:
                def hire(data: dict, r=seat.role) -> None:
                    data["staff"].append(new_person(sc, r, [p["id"] for p in data["staff"]]))
                add(f"one more {seat.role} (a new person like the others of that role, no leave)",
                    f"增加 1 名{sc.role_by_id[seat.role].label}", 1, hire, f"hire:{seat.role}")
            for sid in seat.leave[:4]:
                add(f"{sid}: no leave on {seat.date} (shorten or move the leave by that day)",
                    f"{sid}：{seat.date} 不休假（缩短或调整该段假期）", 1,
                    lambda data, sid=sid, day=seat.date: _without_day(data, sid, day), "leave")
        elif f == "coverage_max":
            d, sid_shift, role = lb.key
            st = ctx.vars.seats[lb.key]
            line = sc.demand[st.line]

            def more(data: dict, st=st, line=line, date=cal.days[d].date) -> None:
                row = line.model_dump()
                row.update(max=st.max + 1, days=[date])
                data["demand"].append(row)
            add(f"{cal.days[d].date} {sid_shift}: at most {st.max + 1} {role or 'staff'} instead of {st.max}",
                f"{cal.days[d].date} {sid_shift}：{role or '人员'} 上限由 {st.max} 增为 {st.max + 1}", 1, more)
        elif f == "post_manned":
            _post_repairs(sc, cal, lb, add)
        sid = _staff_of(lb, staff_ids)
        if sid is None:
            continue
        if f == "rest":
            rest = _rule_of(sc, sid, "min_rest_hours") or 0
            d, shift_id, k = lb.key[1], lb.key[2], lb.key[3]
            end = cal.interval(sc.shift_by_id[shift_id], d)[1]
            gaps = [cal.interval(sc.shift_by_id[t], d + k)[0] - end for t in ctx.vars.shifts
                    if d + k < len(cal)]
            short = [g for g in gaps if 0 <= g < rest * 60]
            new = math.floor(max(short) / 60) if short else max(rest - 1, 0)
            add(f"{sid}: at least {new:g} h rest between shifts instead of {rest:g} h",
                f"{sid}：班次间休息由 {rest:g} 小时改为 {new:g} 小时", int(math.ceil(rest - new)),
                _set_person_rule(sid, "min_rest_hours", new))
            all_rest = limit_value(sc.rules.min_rest_hours) or 0
            if all_rest > new:
                add(f"everyone: at least {new:g} h rest between shifts instead of {all_rest:g} h",
                    f"所有人：班次间休息由 {all_rest:g} 小时改为 {new:g} 小时",
                    int(math.ceil(all_rest - new)) * len(sc.staff),
                    _set_all_rule(sc, "min_rest_hours", new - all_rest), "all:rest")
        elif f == "sequence":
            pairs = [tuple(x) for x in sc.rules_for(sid).forbidden_sequences or ()]
            first = lb.key[2]
            firsts = set(first.split("/"))
            keep = [list(x) for x in pairs if x[0] not in firsts]
            add(f"{sid}: may work the next day after {first} (drop {', '.join('→'.join(x) for x in pairs if x[0] in firsts)})",
                f"{sid}：{first} 之后次日可以上班", 1, _set_person_rule(sid, "forbidden_sequences", keep))
        elif f in ("hours_week", "hours_max"):
            name = "max_hours_per_week" if f == "hours_week" else "max_hours_total"
            now = _rule_of(sc, sid, name) or 0
            word_en = "a week" if f == "hours_week" else "in the horizon"
            add(f"{sid}: up to {now + step_hours:g} h {word_en} instead of {now:g} h (one more shift)",
                f"{sid}：工时上限由 {now:g} 小时增为 {now + step_hours:g} 小时（多一个班）", 1,
                _set_person_rule(sid, name, now + step_hours))
            if f == "hours_week":
                base = limit_value(sc.rules.max_hours_per_week) or 0
                add(f"everyone: up to {base + step_hours:g} h a week instead of {base:g} h (one more shift each)",
                    f"所有人：每周工时上限增加 {step_hours} 小时", len(sc.staff),
                    _set_all_rule(sc, "max_hours_per_week", step_hours), "all:hours_week")
        elif f == "hours_min":
            now = _rule_of(sc, sid, "min_hours_total") or 0
            add(f"{sid}: at least {max(now - step_hours, 0):g} h in the horizon instead of {now:g} h",
                f"{sid}：工时下限由 {now:g} 小时减为 {max(now - step_hours, 0):g} 小时", 1,
                _set_person_rule(sid, "min_hours_total", max(now - step_hours, 0)))
        elif f == "max_consecutive":
            now = _rule_of(sc, sid, "max_consecutive_work_days") or 0
            add(f"{sid}: up to {now + 1:g} work days in a row instead of {now:g}",
                f"{sid}：连续上班上限由 {now:g} 天增为 {now + 1:g} 天", 1,
                _set_person_rule(sid, "max_consecutive_work_days", now + 1))
            base = limit_value(sc.rules.max_consecutive_work_days)
            if base is not None:
                add(f"everyone: up to {base + 1:g} work days in a row instead of {base:g}",
                    f"所有人：连续上班上限由 {base:g} 天增为 {base + 1:g} 天", len(sc.staff),
                    _set_all_rule(sc, "max_consecutive_work_days", 1), "all:max_consecutive")
        elif f in ("min_consecutive_work", "min_consecutive_off"):
            name = "min_consecutive_work_days" if f == "min_consecutive_work" else "min_consecutive_days_off"
            now = _rule_of(sc, sid, name) or 0
            add(f"{sid}: at least {now - 1:g} {'work days' if 'work' in f else 'days off'} in a row instead of {now:g}",
                f"{sid}：{name} 由 {now:g} 减为 {now - 1:g}", 1, _set_person_rule(sid, name, now - 1))
        elif f in ("weekends", "weekends_month"):
            name = "max_weekends" if f == "weekends" else "max_weekends_per_month"
            now = _rule_of(sc, sid, name) or 0
            add(f"{sid}: up to {now + 1:g} weekends worked instead of {now:g}",
                f"{sid}：上班周末上限由 {now:g} 增为 {now + 1:g}", 1, _set_person_rule(sid, name, now + 1))
        elif f == "max_shifts":
            shift_id = lb.key[1]
            caps = dict(sc.rules_for(sid).max_shifts or {})
            caps[shift_id] = caps.get(shift_id, 0) + 1
            add(f"{sid}: up to {caps[shift_id]} {shift_id} shifts instead of {caps[shift_id] - 1}",
                f"{sid}：{shift_id} 班上限增为 {caps[shift_id]}", 1, _set_person_rule(sid, "max_shifts", caps))
        elif f == "fixed":
            _, date, shift_id = lb.key

            def unpin(data: dict, sid=sid, date=date) -> None:
                data["fixed"] = [x for x in data["fixed"] if not (x["staff"] == sid and x["date"] == date)]
            add(f"{sid}: unpin {shift_id} on {date}", f"{sid}：取消 {date} 固定的 {shift_id}", 1, unpin, "unpin")
    out.sort(key=lambda c: c.size)
    return out


def _post_repairs(sc: Scenario, cal: Calendar, lb: Label, add: Callable[..., None]) -> None:
    """A post period with no holder: a holder gives up that leave day, or one more backup."""

    post_id, d, shift_id = lb.key
    k = [p.id for p in sc.posts].index(post_id)
    post, date, s = sc.posts[k], cal.days[d].date, [x.id for x in sc.shifts].index(shift_id)
    for holder in post.holders:
        reason = why_not(sc, cal, sc.staff_by_id[holder], d, s)
        if reason is not None and "leave" in reason:
            add(f"{holder}: no leave on {date} (shorten or move the leave by that day)",
                f"{holder}：{date} 不休假（缩短或调整该段假期）", 1,
                lambda data, sid=holder, day=date: _without_day(data, sid, day), "leave")
    roles = set().union(*(sc.staff_by_id[h].roles for h in post.holders))
    a_holders = {p.a for p in sc.posts}
    for person in sc.staff:
        if person.id in post.holders or person.id in a_holders or not roles & set(person.roles):
            continue
        if why_not(sc, cal, person, d, s) is None:
            def backup(data: dict, k=k, sid=person.id) -> None:
                row = data["posts"][k]
                b = row["b"] if isinstance(row["b"], list) else [row["b"]]
                row["b"] = [*b, sid]
            add(f"post {post.label}: {person.id} as a further backup holder",
                f"{post.label}：增加 {person.id} 为备岗", 1, backup, f"backup:{post_id}")
            break


def editable(sc: Scenario) -> dict[str, Any]:
    """The scenario as plain dicts and lists, ready to edit and validate again."""
    def plain(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [plain(v) for v in x]
        return x
    return plain(sc.model_dump())


def _apply(sc: Scenario, change: Callable[[dict], None]) -> Scenario | None:
    data = editable(sc)
    change(data)
    try:
        return Scenario.model_validate(data)
    except ValueError:
        return None


def repairs(sc: Scenario, ctx: Context, core: list[Label], deadline: float, workers: int = 1,
            most: int = 8) -> list[Repair]:
    """Relaxations of the core's rules that a solve confirms make the scenario rosterable."""
    found = chained(sc, core, ctx, deadline, workers, most=most)
    found.sort(key=lambda r: r.size)
    return found


def chained(sc: Scenario, core: list[Label], ctx: Context, deadline: float, workers: int = 1,
            rounds: int = 4, most: int = 8) -> list[Repair]:
    """Changes of one kind, added one at a time until a solve confirms a roster exists: one fewer
    seat on each rule of the set in turn, one more hire at a time, one more leave day given up,
    or a single rule relaxed."""
    by_kind: dict[str, list[_Candidate]] = {}
    for cand in candidates(sc, ctx, core):
        by_kind.setdefault(cand.kind, []).append(cand)
    found: list[Repair] = []
    for kind, seq in by_kind.items():
        if len(found) >= most:
            break
        if kind.startswith("hire:"):
            seq = seq[:1] * rounds
        current, steps = sc, []
        for cand in seq[:rounds]:
            left = deadline - time.perf_counter()
            if left <= 0.1:
                return found
            nxt = _apply(current, cand.change)
            if nxt is None:
                break
            current = nxt
            steps.append(cand)
            if solvable(current, min(left, 3.0), workers):
                if kind.startswith("hire:") and len(steps) == 1:
                    desc, zh = cand.description, cand.zh
                elif kind.startswith("hire:"):
                    role = kind.split(":", 1)[1]
                    desc = f"{len(steps)} more {role}s (new people like the others of that role, no leave)"
                    zh = f"增加 {len(steps)} 名{sc.role_by_id[role].label}"
                else:
                    desc = " + ".join(c.description for c in steps)
                    zh = "；".join(c.zh for c in steps)
                found.append(Repair(desc, current, sum(c.size for c in steps), zh))
                break
    return found


# ---- the entry point ------------------------------------------------------------------------

def explain(scenario: Scenario, lang: str = "en", time_limit: float = 10.0, workers: int = 1,
            stop: threading.Event | None = None) -> Explanation:
    """Why ``scenario`` has no roster meeting every hard rule, and checked repairs. Setting ``stop``
    ends every check at once: what was found by then is returned (not shown minimal)."""
    token = _STOP.set(stop)
    try:
        return _explain(scenario, lang, time_limit, workers)
    finally:
        _STOP.reset(token)


def _explain(scenario: Scenario, lang: str, time_limit: float, workers: int) -> Explanation:
    t0 = time.perf_counter()
    zh = lang == "zh"
    ctx = build(scenario, explain=True, families=hard_families())
    ctx.model.ClearObjective()
    status, core, minimal = _core(ctx, t0 + time_limit * 0.55)
    if status == "FEASIBLE":
        return Explanation(True, [], [], [], time.perf_counter() - t0, status, True, lang)
    if status == "UNKNOWN":
        msg = (f"{time_limit * 0.55:.0f} 秒内无法判定是否可排班；请加长时间再试。" if zh else
               f"Could not decide within {time_limit * 0.55:.0f} s whether a roster exists; try a longer time limit.")
        return Explanation(False, [msg], [], [], time.perf_counter() - t0, status, False, lang)
    if status == "STRUCTURAL":
        plain = solvable(scenario, max(0.5, t0 + time_limit - time.perf_counter()), workers)
        if plain is False:
            msg = ("每条可关闭的规则都关掉后仍无解：冲突来自每人每天只能上一个班、固定班次的座席角色等基本约束。" if zh else
                   "Even with every rule that can be switched off switched off there is no roster: the conflict "
                   "lies in the basic constraints (one shift a person a day, roles of pinned seats).")
        else:
            msg = ("逐条加保护的模型无解，但原模型的判定不一致；请加长时间重试。" if zh else
                   "The guarded model says infeasible but the rules named none; the plain model "
                   f"{'can be solved' if plain else 'could not be decided in time'} - try a longer time limit.")
        return Explanation(False, [msg], [], [], time.perf_counter() - t0, status, True, lang)
    reasons = word(scenario, ctx, core, lang)
    if not minimal:
        reasons.append("（时间不足，规则集可能不是最小的）" if zh else
                       "(time ran short: this set of rules may not be the smallest)")
    fixes = repairs(scenario, ctx, core, t0 + time_limit * 0.95, workers)
    return Explanation(False, reasons, core, fixes, time.perf_counter() - t0, status, minimal, lang)
