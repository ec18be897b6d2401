"""Leave ledger: per person and leave type, the opening balance, the days taken in the horizon
(counted by the type's rule) and the closing balance.

Days are counted inside the horizon only. ``workdays`` types count working days of the
scenario calendar (CN holidays and adjusted workdays included); ``calendar_days`` types count
every day. A half day counts 0.5 (on a day the type counts at all).

Opening balances: a ``leave_balances`` entry wins (capped at ``annual_cap`` for annual leave);
otherwise annual leave opens at the tenure entitlement (completed years of service on the horizon
start; no hire date means no known limit), other yearly types at their ``days`` (none: no limit),
and event types (marriage, maternity…) at the sum of their events' entitlements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calendar import day_types
from .fields import FieldError
from .leave_policy import tenure_years

if TYPE_CHECKING:  # annotations only: the scenario checks its ledger on validation
    from .scenario import Leave, LeaveBalance, Scenario


@dataclass(frozen=True)
class LedgerLine:
    staff: str
    type: str
    opening: float | None
    """``None``: no known limit."""
    taken: float
    """Counted days of leave (and leave wishes) inside the horizon."""
    basis: str
    """Where the opening balance comes from, in words."""

    @property
    def closing(self) -> float | None:
        return None if self.opening is None else self.opening - self.taken


@dataclass(frozen=True)
class Overdraw:
    """A leave (or leave wish) that takes more days than are left."""

    field: str
    staff: str
    type: str
    asked: float
    left: float
    opening: float
    before: float

    def text(self) -> str:
        return (f"{self.staff} {self.type} leave: {self.asked:g} days asked, {self.left:g} left "
                f"(opening {self.opening:g}, {self.before:g} taken before)")


def workday_set(scenario: Scenario) -> set[dt.date]:
    """Working days of the horizon (by the scenario's holiday calendar)."""
    types = day_types(scenario.horizon.days(), scenario.holidays)
    return {d for d, (kind, _) in types.items() if kind.is_workday}


def counted_days(scenario: Scenario, leave: Leave, workdays: set[dt.date] | None = None) -> float:
    """Days a leave takes from its balance, inside the horizon, by its type's counting rule."""
    kind = scenario.leave_policy.types[leave.type]
    if kind.counting == "workdays" and workdays is None:
        workdays = workday_set(scenario)
    start, end = max(leave.start, scenario.horizon.start), min(leave.end, scenario.horizon.end)
    n = 0
    d = start
    while d <= end:
        if kind.counting == "calendar_days" or d in (workdays or set()):
            n += 1
        d += dt.timedelta(days=1)
    return n * 0.5 if leave.half else float(n)


def _opening(scenario: Scenario, staff: str, type_id: str, given: dict[tuple[str, str], float],
             events: list[Leave]) -> tuple[float | None, str]:
    policy = scenario.leave_policy
    kind = policy.types[type_id]
    if (staff, type_id) in given:
        days = given[(staff, type_id)]
        if type_id == policy.annual_type and days > policy.annual_cap:
            return policy.annual_cap, f"opening balance {days:g} capped at {policy.annual_cap:g}"
        return days, "opening balance"
    if type_id == policy.annual_type:
        hired = scenario.staff_by_id[staff].hired
        if hired is None:
            return None, "no hire date"
        years = tenure_years(hired, scenario.horizon.start)
        basis = f"{years} completed year(s) of service on {scenario.horizon.start}"
        return policy.annual_days(years), basis
    if kind.per == "event":
        if not events:
            return kind.days, "entitlement per event"
        each = [policy.event_days(type_id, lv.extras) for lv in events]
        if any(x is None for x in each):
            return None, "no fixed entitlement"
        return float(sum(each)), f"{len(events)} leave(s) of this type"
    return kind.days, "policy" if kind.days is not None else "no fixed limit"


def ledger_and_overdraws(scenario: Scenario, balances: tuple[LeaveBalance, ...] | None = None
                         ) -> tuple[list[LedgerLine], list[Overdraw]]:
    """The ledger for every (staff, type) with leave or a balance, and the leaves that overdraw."""
    if balances is None:
        balances = () if isinstance(scenario.leave_balances, str) else scenario.leave_balances
    given = {(b.staff, b.type): b.days for b in balances}
    workdays = workday_set(scenario)
    taken: dict[tuple[str, str], float] = {}
    events: dict[tuple[str, str], list[Leave]] = {}
    items: list[tuple[str, str, str, float]] = []  # field, staff, type, counted days
    for i, lv in enumerate(scenario.leave):
        items.append((f"leave[{i}]", lv.staff, lv.type, counted_days(scenario, lv, workdays)))
        events.setdefault((lv.staff, lv.type), []).append(lv)
    for i, w in enumerate(scenario.leave_wishes):
        items.append((f"leave_wishes[{i}]", w.staff, w.type, float(w.days)))
    keys = sorted({(s, t) for _, s, t, _ in items} | set(given))
    openings = {k: _opening(scenario, *k, given, events.get(k, [])) for k in keys}
    over: list[Overdraw] = []
    for field, staff, type_id, days in items:
        before = taken.get((staff, type_id), 0.0)
        opening = openings[(staff, type_id)][0]
        if opening is not None and before + days > opening + 1e-9:
            over.append(Overdraw(field, staff, type_id, days, max(opening - before, 0.0), opening,
                                 before))
        taken[(staff, type_id)] = before + days
    lines = [LedgerLine(s, t, openings[(s, t)][0], taken.get((s, t), 0.0), openings[(s, t)][1])
             for s, t in keys]
    return lines, over


def check_ledger(scenario: Scenario, balances: tuple[LeaveBalance, ...] | None = None) -> None:
    """Raise FieldError naming the first leave wish that takes more days than are left.

    Approved leave (``leave``) beyond the balance is not refused here: it is HR's decision and the
    roster keeps it (see ``leave_warnings``). With balances in a CSV file (``leave_balances:
    file.csv``) only event entitlements are checked here; ``ledger(scenario, base)`` reads the file.
    """
    if balances is None and isinstance(scenario.leave_balances, str):
        _, over = ledger_and_overdraws(scenario, ())
        over = [o for o in over if scenario.leave_policy.types[o.type].per == "event"]
    else:
        _, over = ledger_and_overdraws(scenario, balances)
    over = [o for o in over if o.field.startswith("leave_wishes")]
    if over:
        o = over[0]
        raise FieldError(o.field, f"{o.asked:g} days", o.text(),
                         hint="shorten the leave, choose another leave type, or correct "
                              "leave_balances")
