"""Why a scenario cannot be rostered, in the planners' words, and which small changes fix it.

Every hard rule instance is guarded by an assumption literal (``build(..., explain=True)``).
CP-SAT names a sufficient set of assumptions when the model is infeasible; a deletion filter
shrinks that set to a minimal one (dropping any single rule of it makes the rest feasible).
Each rule of the set is then worded with the context a planner needs (who is on leave, who
cannot work the shift, which other rules hold the rest), and relaxations of those rules are
tried one by one; only the ones that a solve confirms are returned, smallest first.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from roster.model.calendar import Calendar
from roster.model.posts import post_gaps
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from .context import Context, Label
from .relax import staff_of
from .rules import Scope, family_of, hard_families
from .rules.coverage import Seat, seat_context
from .solve import build

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
    """FEASIBLE, INFEASIBLE, STRUCTURAL (only the unguarded one-shift-a-day rules conflict) or
    UNKNOWN."""
    minimal: bool = True
    """False when a shrinking step ran out of time: the rule set is sufficient but maybe not
    minimal."""
    lang: str = "en"

    def text(self) -> str:
        zh = self.lang == "zh"
        if self.feasible:
            return ("场景可排班，所有硬性规则都能满足。" if zh
                    else "The scenario can be rostered: every hard rule can hold.")
        lines = list(self.reasons)
        if self.repairs:
            lines.append("可行的修改（已求解验证，改动小的在前）：" if zh else
                         "Changes that make it rosterable (each checked by a solve, smallest "
                         "first):")
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
    stopped = stop is not None and stop.is_set()
    solver.parameters.max_time_in_seconds = 0.0 if stopped else max(0.05, seconds)
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
    code, solver = _check(ctx.model, list(guards.values()), 0.3 * (deadline - time.perf_counter()),
                          lp=1)
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
            smaller = {by_index[j] for j in solver.SufficientAssumptionsForInfeasibility()
                       if j in by_index}
            if smaller:
                rest = [lb for lb in rest if lb in smaller]
        else:
            if code not in (cp_model.FEASIBLE, cp_model.OPTIMAL):
                minimal = False
            needed.append(first)
    core = needed
    return "INFEASIBLE", core, minimal


# ---- wording --------------------------------------------------------------------------------


# ---- wording --------------------------------------------------------------------------------

def _staff_of(label: Label, scenario: Scenario) -> str | None:
    """The person a rule of one person's own is about."""
    family = family_of(label.family)
    person = family is not None and family.scope is Scope.PERSON
    return staff_of(scenario, label) if person else None


def _short(label: str, lang: str) -> str:
    """A label's short name (its family's words; else the label's name)."""
    family = family_of(label)
    words = family.words.get(label) if family is not None else None
    return words[1 if lang == "zh" else 0] if words else label


def _names(ids: list[str], most: int = 6) -> str:
    return ", ".join(ids[:most]) + (f", … (+{len(ids) - most})" if len(ids) > most else "")


def _seat_sentence(seat: Seat, scenario: Scenario, others: list[Label], competing: list[Seat],
                   lang: str) -> str:
    zh = lang == "zh"
    role = seat.role or ("staff" if not zh else "人员")
    rname = (scenario.role_by_id[seat.role].label if seat.role else "人员") if zh else role
    shift = scenario.shift_by_id[seat.shift]
    head = (f"{seat.date} {shift.label}：需要 {seat.seats} 个{rname}座席，"
            f"能上的 {len(seat.candidates)} 人中，"
            if zh else
            f"{seat.date} {seat.shift}: {seat.seats} {role} seat{'s' if seat.seats != 1 else ''}, "
            f"but of {len(seat.candidates)} who can take {'them' if seat.seats != 1 else 'it'} ")
    parts = []
    for ids, en, cn in ((seat.leave, "on leave", "在休假"),
                        (seat.days_off, "have a fixed day off", "固定休息"),
                        (seat.cannot, f"cannot work {seat.shift}", f"不能上{shift.label}"),
                        (seat.pinned, "are pinned to another shift", "已固定在其他班次")):
        if ids:
            parts.append(f"{len(ids)} 人{cn}（{_names(ids)}）" if zh else
                         f"{len(ids)} "
                         f"{('is ' if len(ids) == 1 else 'are ') if en == 'on leave' else ''}{en} "
                         f"({_names(ids)})")
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
        held = [f"{_short(f, lang)}（{_names(ids)}）" if zh else
                f"{_short(f, lang)} ({_names(ids)})" for f, ids in bind.items()]
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
    cover = [lb for lb in core if lb.family == Rule.COVERAGE]
    rest = [lb for lb in core if lb.family != Rule.COVERAGE]
    seats = {lb: seat_context(scenario, cal, ctx, lb.key) for lb in cover}
    counts: dict[str, int] = {}
    for lb in core:
        counts[lb.family] = counts.get(lb.family, 0) + 1
    summary = ", ".join(f"{n} × {_short(f, lang)}" for f, n in counts.items())
    out = [f"没有排班能同时满足以下 {len(core)} 条硬性规则（{summary}）：" if zh else
           f"No roster meets these {len(core)} hard rules together ({summary}):"]
    person_rules = [lb for lb in rest if _staff_of(lb, scenario)]
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
    gaps = _post_gaps(scenario, cal) if any(lb.family == Rule.POST_MANNED for lb in rest) else {}
    for lb in rest:
        gap = gaps.get(lb.key) if lb.family == Rule.POST_MANNED else None
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
    """What is relaxed (seat, hire:agent, leave, a rule field): repairs of one kind can be
    chained."""


def candidates(sc: Scenario, ctx: Context, core: list[Label]) -> list[_Candidate]:
    """Relaxations of the rules in ``core``, smallest first (not yet checked): each rule's family
    offers its own (``Family.repairs``)."""
    out: list[_Candidate] = []
    seen: set[str] = set()

    def add(desc: str, zh: str, size: int, change: Callable[[dict], None], kind: str = "") -> None:
        if desc not in seen:
            seen.add(desc)
            out.append(_Candidate(desc, zh, size, change, kind or desc))

    for lb in core:
        family = family_of(lb.family)
        if family is not None and family.repairs is not None:
            family.repairs(sc, ctx, lb, add)
    out.sort(key=lambda c: c.size)
    return out


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
                    desc = (f"{len(steps)} more {role}s "
                            "(new people like the others of that role, no leave)")
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
               f"Could not decide within {time_limit * 0.55:.0f} s whether a roster exists; try a "
               "longer time limit.")
        return Explanation(False, [msg], [], [], time.perf_counter() - t0, status, False, lang)
    if status == "STRUCTURAL":
        plain = solvable(scenario, max(0.5, t0 + time_limit - time.perf_counter()), workers)
        if plain is False:
            msg = ("每条可关闭的规则都关掉后仍无解："
                   "冲突来自每人每天只能上一个班、固定班次的座席角色等基本约束。" if zh else
                   "Even with every rule that can be switched off switched off there is no roster: "
                   "the conflict lies in the basic constraints (one shift a person a day, roles of "
                   "pinned seats).")
        else:
            msg = ("逐条加保护的模型无解，但原模型的判定不一致；请加长时间重试。" if zh else
                   "The guarded model says infeasible but the rules named none; the plain model "
                   f"{'can be solved' if plain else 'could not be decided in time'} - try a longer "
                   "time limit.")
        return Explanation(False, [msg], [], [], time.perf_counter() - t0, status, True, lang)
    reasons = word(scenario, ctx, core, lang)
    if not minimal:
        reasons.append("（时间不足，规则集可能不是最小的）" if zh else
                       "(time ran short: this set of rules may not be the smallest)")
    fixes = repairs(scenario, ctx, core, t0 + time_limit * 0.95, workers)
    return Explanation(False, reasons, core, fixes, time.perf_counter() - t0, status, minimal, lang)
