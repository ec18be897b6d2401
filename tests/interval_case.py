"""A small centre staffed by the half hour, and a roster placed by hand (with breaks), for the
report, export and what-if tests of per-interval demand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

DAY = dt.date(2026, 12, 1)  # a Tuesday

ROWS = [{"interval": "08:00", "calls": 6}, {"interval": "08:30", "calls": 10},
        {"interval": "09:00", "calls": 12}, {"interval": "11:00", "calls": 8},
        {"interval": "12:00", "calls": 8}]


def centre(rows: list[dict[str, Any]] | None = None, shrinkage: float = 0.0, **line: Any) -> Scenario:
    """Template D (07:00-09:00 starts, 8 paid hours, an unpaid hour's break in 11:00-14:00), four
    agents, one day, calls per interval (5-minute calls, 80 % within 20 s)."""
    return scenario_from_dict({
        "name": "interval centre",
        "horizon": {"start": str(DAY), "end": str(DAY)},
        "roles": [{"id": "agent"}],
        "shift_templates": [{"id": "D", "start_between": ["07:00", "09:00"], "every": 30, "hours": 8,
                             "break": {"minutes": 60, "within": ["11:00", "14:00"]}}],
        "shifts": [],
        "staff": [{"id": f"a{i}", "name": f"Agent {i}", "roles": ["agent"]} for i in range(1, 5)],
        "demand": [{"role": "agent", "per_interval": rows or ROWS, "aht_seconds": 300, "shrinkage": shrinkage,
                    **line}],
    }, "centre.yaml")


def by_hand() -> Roster:
    """a1 and a2 start 07:00, a3 07:30, a4 08:00; breaks at 11:00, 12:00, 12:00, 13:00."""
    cells = [("a1", "D0700", "11:00"), ("a2", "D0700", "12:00"), ("a3", "D0730", "12:00"), ("a4", "D0800", "13:00")]
    return Roster.of(Assignment(DAY, s, sh, "agent", None, b) for s, sh, b in cells)
