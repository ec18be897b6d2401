"""Rosters as CSV: one row per worked shift, columns date, staff_id, shift[, role][, post]."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from roster.model.load import ScenarioError
from roster.model.roster import Assignment, Roster

REQUIRED = ("date", "staff_id", "shift")


def read_roster_csv(path: str | Path) -> Roster:
    """Read a roster CSV; bad rows raise ScenarioError naming row, column and value."""
    path = Path(path)
    name = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ScenarioError(name, "", None, "file not found") from None
    with handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise ScenarioError(name, "header", ",".join(columns), f"missing column(s) {', '.join(missing)}",
                                hint="a roster CSV needs the columns date,staff_id,shift (role and post optional)")
        out = []
        for row_no, row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if not any(row.values()):
                continue
            try:
                date = dt.date.fromisoformat(row["date"])
            except ValueError:
                raise ScenarioError(name, f"row {row_no}, column date", row["date"], "not a date (YYYY-MM-DD)") from None
            for col in ("staff_id", "shift"):
                if not row[col]:
                    raise ScenarioError(name, f"row {row_no}, column {col}", row[col], "empty")
            out.append(Assignment(date, row["staff_id"], row["shift"], row.get("role") or None,
                                  row.get("post") or None))
    return Roster.of(out)


def write_roster_csv(roster: Roster, path: str | Path) -> None:
    roster.to_frame().to_csv(path, index=False)
