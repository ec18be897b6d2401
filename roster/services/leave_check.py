"""May this person take this leave? Balance, approval tier, and whether a roster still exists.

``check_leave`` adds the leave to the scenario and solves it (short, two workers); when no roster
meets every hard rule it says why in words (posts nobody can man, seats too few can take).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from roster.io.balances import opening_balances
from roster.model.ledger import counted_days, ledger_and_overdraws
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.scenario import Leave, Scenario
from roster.services.infeasible import infeasible_reasons
from roster.solver import SolveOptions, solve


@dataclass
class LeaveCheck:
    staff: str
    type: str
    start: dt.date
    end: dt.date
    days: float
    """Days the leave takes, counted by its type's rule (inside the horizon)."""
    left: float | None
    """Days left before this leave (``None``: no known limit)."""
    approver: str
    notice_ok: bool | None
    """Filed early enough? (``None``: no filing date given.)"""
    status: str | None = None
    """Solver status with the leave added (``None``: not solved because the balance is short)."""
    reasons: list[str] = field(default_factory=list)
    notice_days: int = 1

    @property
    def balance_ok(self) -> bool:
        return self.left is None or self.days <= self.left + 1e-9

    @property
    def roster_ok(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def ok(self) -> bool:
        return self.balance_ok and self.roster_ok and self.notice_ok is not False

    def lines(self) -> list[str]:
        when = f"{self.start}" if self.start == self.end else f"{self.start}..{self.end}"
        out = [f"{self.staff} {self.type} leave {when}: {self.days:g} "
               f"day{'' if self.days == 1 else 's'}"]
        if self.left is None:
            out.append("balance: OK (no fixed limit for this leave type)")
        elif self.balance_ok:
            out.append(f"balance: OK ({self.left:g} left, {self.left - self.days:g} after this "
                       "leave)")
        else:
            out.append(f"balance: NOT OK ({self.days:g} days asked, only {self.left:g} left)")
        notice = {None: "no filing date given",
                  True: f"filed at least {self.notice_days} day(s) ahead",
                  False: f"filed too late: needs {self.notice_days} day(s) notice"}[self.notice_ok]
        out.append(f"approval: {self.approver} ({notice})")
        if self.status is None:
            out.append("roster: not checked (the balance does not allow this leave)")
        elif self.roster_ok:
            out.append(f"roster: OK, every hard rule can still be met ({self.status})")
        elif self.status == "INFEASIBLE":
            out.append("roster: NOT OK, no roster meets every hard rule with this leave:")
            out += [f"  {r}" for r in self.reasons]
        else:
            out.append(f"roster: unknown, the solver found no roster in time ({self.status}); "
                       "try a longer --time-limit")
        return out


def check_leave(scenario: Scenario, staff: str, start: dt.date, end: dt.date, type: str = "annual",
                filed: dt.date | None = None, half: str | None = None, *, time_limit: float = 20.0,
                workers: int = 2, base: str | Path | None = None,
                source: str = "leave-check") -> LeaveCheck:
    """Check a leave request against the balance, the approval tiers and the roster."""
    policy = scenario.leave_policy
    if staff not in scenario.staff_by_id:
        raise ScenarioError(source, "--staff", staff, "unknown staff",
                            hint=f"known staff ids: {', '.join(sorted(scenario.staff_by_id))}")
    if type not in policy.types:
        raise ScenarioError(source, "--type", type, "unknown leave type",
                            hint=f"leave types: {', '.join(policy.types)}")
    if end < start:
        raise ScenarioError(source, "--to", str(end), f"before --from {start}")
    h = scenario.horizon
    if start < h.start or end > h.end:
        raise ScenarioError(source, "--from", str(start),
                            f"the leave {start}..{end} must lie inside the horizon "
                            f"{h.start}..{h.end}")
    if half is not None and (start != end or not policy.types[type].half_days):
        raise ScenarioError(source, "--half", half,
                            "a half day is one date of a type that allows half days")
    for other in scenario.leave:
        if other.staff == staff and other.start <= end and start <= other.end and not (
                half and other.half and half != other.half):
            raise ScenarioError(source, "--from", str(start),
                                f"{staff} already has {other.type} leave "
                                f"{other.start}..{other.end} on these dates")
    leave = Leave(staff=staff, type=type, start=start, end=end, half=half)
    days = counted_days(scenario, leave)
    asked = scenario.model_copy(update={"leave": (*scenario.leave, leave)})  # not re-validated
    lines, _ = ledger_and_overdraws(asked, opening_balances(scenario, base, source))
    line = next(x for x in lines if x.staff == staff and x.type == type)
    left = None if line.opening is None else line.opening - (line.taken - days)
    tier = policy.tier(days)
    notice_ok = None if filed is None else (start - filed).days >= policy.notice_days
    check = LeaveCheck(staff, type, start, end, days, left, tier.approver, notice_ok,
                       notice_days=policy.notice_days)
    if not check.balance_ok:
        return check
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data["leave"] = [*data.get("leave", []), leave.model_dump(mode="json", exclude_defaults=True)]
    with_leave = scenario_from_dict(data, source)
    result = solve(with_leave, SolveOptions(time_limit=time_limit, workers=workers))
    check.status = result.status
    if result.status == "INFEASIBLE":
        before = set(infeasible_reasons(scenario))
        now = infeasible_reasons(with_leave)
        check.reasons = [r for r in now if r not in before]
        if not check.reasons:
            check.reasons = [
                f"no single post or seat is short on {start}..{end}, but the rules together (rest, "
                "days in a "
                f"row, weekly hours, posts, pins) cannot all hold without {staff}; `roster "
                "explain` names them"]
        if before:
            check.reasons.append("the scenario is already infeasible without this leave: "
                                 + "; ".join(sorted(before)))
    return check
