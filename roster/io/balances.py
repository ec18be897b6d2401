"""Leave balances: the opening-balance CSV (staff,type,days) and the ledger read with it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from roster.io.text import read_text_file
from roster.model.ledger import LedgerLine, ledger_and_overdraws
from roster.model.parse import ScenarioError
from roster.model.scenario import LeaveBalance, Scenario


def read_balances(path: str | Path) -> tuple[LeaveBalance, ...]:
    """Opening balances from a CSV with the columns staff,type,days."""
    path = Path(path)
    reader = csv.DictReader(io.StringIO(read_text_file(path, "leave balance file"), newline=""))
    cols = [c.strip() for c in reader.fieldnames or []]
    if not {"staff", "type", "days"} <= set(cols):
        raise ScenarioError(str(path), "header", ",".join(cols),
                            "needs the columns staff,type,days")
    out = []
    for row in reader:
        row_no = reader.line_num
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        try:
            days = float(row["days"])
        except (KeyError, ValueError):
            raise ScenarioError(str(path), f"row {row_no}, column days", row.get("days"),
                                "not a number") from None
        if days < 0 or days != days:
            raise ScenarioError(str(path), f"row {row_no}, column days", row["days"],
                                "cannot be negative")
        out.append(LeaveBalance(staff=row.get("staff", ""), type=row.get("type", ""), days=days))
    return tuple(out)


def opening_balances(scenario: Scenario, base: str | Path | None = None,
                     source: str = "<scenario>") -> tuple[LeaveBalance, ...]:
    """The scenario's opening balances, read from CSV (relative to ``base``) when it names a
    file."""
    if not isinstance(scenario.leave_balances, str):
        return scenario.leave_balances
    path = Path(scenario.leave_balances)
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    balances = read_balances(path)
    known_staff, known_types = set(scenario.staff_by_id), set(scenario.leave_policy.types)
    for i, b in enumerate(balances):
        if b.staff not in known_staff:
            raise ScenarioError(str(path), f"row {i + 2}, column staff", b.staff, "unknown staff")
        if b.type not in known_types:
            raise ScenarioError(str(path), f"row {i + 2}, column type", b.type,
                                "unknown leave type")
    return balances


def leave_warnings(scenario: Scenario, base: str | Path | None = None,
                   source: str = "<scenario>") -> list[str]:
    """Approved leave that takes more days than the balance or entitlement leaves, in words.

    The roster is still made with the leave (HR approved it); `roster leave-check` is where a new
    request beyond the balance is refused.
    """
    _, over = ledger_and_overdraws(scenario, opening_balances(scenario, base, source))
    return [f"{o.field}: {o.text()}; the leave is kept as approved" for o in over
            if o.field.startswith("leave[")]


def ledger(scenario: Scenario, base: str | Path | None = None,
           source: str = "<scenario>") -> list[LedgerLine]:
    """The leave ledger, reading ``leave_balances`` from CSV (relative to ``base``) when it names a
    file.

    Raises ScenarioError when a leave takes more days than are left.
    """
    lines, over = ledger_and_overdraws(scenario, opening_balances(scenario, base, source))
    if over:
        o = over[0]
        raise ScenarioError(source, o.field, f"{o.asked:g} days", o.text(),
                            "shorten the leave, choose another leave type, or correct "
                            "leave_balances")
    return lines
