"""Shift swaps: one person hands a shift to another (and may take one back); is it allowed?

``check_swap`` applies the swap, validates before and after, and refuses a swap that breaks a
hard rule that held before or that is asked for less than ``rules.swap_notice_days`` ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario
from roster.validate import Violation, validate


@dataclass(frozen=True)
class Swap:
    """``giver`` hands ``shift`` on ``date`` to ``taker``; optionally takes ``taker``'s
    ``back_shift`` on ``back_date``."""

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
    staff, date, shift = _cell_option(give, "--give", 3,
                                      "STAFF:YYYY-MM-DD:SHIFT, e.g. S02:2026-12-20:N", source)
    back_date = back_shift = None
    if take:
        back_date, back_shift = _cell_option(take, "--take", 2,
                                             "YYYY-MM-DD:SHIFT, e.g. 2026-12-22:D", source)
    return Swap(staff, date, shift, to.strip(), back_date, back_shift)


def _cell_option(text: str, option: str, size: int, form: str, source: str) -> list:
    """Split a ``[STAFF:]YYYY-MM-DD:SHIFT`` option; the date (second from last) becomes a date."""
    parts = [p.strip() for p in (text or "").split(":")]
    if len(parts) != size or not all(parts):
        raise ScenarioError(source, option, text, f"expected {form}")
    try:
        parts[-2] = dt.date.fromisoformat(parts[-2])
    except ValueError:
        raise ScenarioError(source, option, text,
                            f"{parts[-2]!r} is not a date (YYYY-MM-DD)") from None
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
    """The roster with the swap made; a shift the giver (or taker) does not have is an input
    error."""
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
    templates = {t.id for t in scenario.shift_templates}
    for frm, _to, date, shift, opt in moves:
        if shift not in scenario.shift_by_id and shift not in templates:
            also = f"; template ids: {', '.join(sorted(templates))}" if templates else ""
            raise ScenarioError(source, opt, shift, "unknown shift or template" if templates
                                else "unknown shift",
                                hint="known shift ids: "
                                     f"{', '.join(sorted(scenario.shift_by_id))}{also}")
        have = cells.get((frm, date))
        # a template id stands for whichever of its starts the person works that day
        if have is None or have.shift not in scenario.shifts_named([shift]):
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
        # the taker also takes the giver's break
        items.append(Assignment(date, to, old.shift, old.role if old.role in seats else None,
                                old.post, old.break_at))
    return Roster.of(items)


def check_swap(scenario: Scenario, roster: Roster, swap: Swap, today: dt.date,
               source: str = "swap") -> SwapCheck:
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
        refusals.append(f"swaps must be asked for {notice} day(s) ahead; {first} is {ahead} day(s) "
                        "away")
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
