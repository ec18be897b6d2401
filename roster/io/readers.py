"""Read a roster from any format the project knows, chosen by file suffix."""

from __future__ import annotations

from pathlib import Path

from roster.model.load import ScenarioError
from roster.model.roster import Roster

from .roster_csv import read_roster_csv


def read_any(path: str | Path, scenario=None) -> Roster:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_roster_csv(path)
    raise ScenarioError(str(path), "", None, f"cannot read a roster from a {suffix or 'suffix-less'} file",
                        hint="use a .csv with columns date,staff_id,shift")
