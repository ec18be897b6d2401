"""The cells changed between two rosters."""

from __future__ import annotations

import pandas as pd

from roster.model.roster import Roster
from roster.model.scenario import Scenario


def diff_frame(scenario: Scenario, before: Roster, after: Roster) -> pd.DataFrame:
    """Cells that changed between two rosters: staff, date, before, after ("" = off)."""
    rows = []
    for staff, date, old, new in before.diff(after):
        person = scenario.staff_by_id.get(staff)
        rows.append({"staff": person.label if person else staff, "date": date, "before": old or "",
                     "after": new or ""})
    return pd.DataFrame(rows, columns=["staff", "date", "before", "after"])
