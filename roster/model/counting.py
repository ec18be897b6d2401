"""Who fills each seat: people per (day, shift, role) counted from a roster, as the rules count
them.

The validator's coverage check, the what-if comparison (unmet seats) and the app's coverage views
all count here, so a roster shows the same seats filled everywhere.

- Every assignment counts once toward its shift's everyone-line (role ``None``) and, when it
  sits in a role's seat, once toward that role's seats.
- An assignment without a role is seated first (``seating.seat_roles``): minimum seats first,
  own roles preferred, and a higher role may fill a lower role's seat (``roles[].covers``).
- Post duty without a role fills the seat its post ``counts_toward`` when that role has seats on
  the shift and day (``posts.duty_role``), and otherwise no role's seat: it still counts toward the
  everyone-line.
- Only known staff and shifts inside the horizon count, and only a person's first shift of a day
  (the validator reports the rest as broken rules).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .calendar import Calendar
from .roster import Assignment, Roster
from .scenario import Scenario
from .seating import seat_roles

SeatKey = tuple[int, str, "str | None"]
"""(day index, shift id, role id or None for everyone on the shift)."""


def seat_counts(scenario: Scenario, roster: Roster,
                calendar: Calendar | None = None) -> Counter[SeatKey]:
    """(day index, shift id, role or None) → people counted there (missing keys count 0)."""
    cal = calendar or Calendar(scenario)
    return count_seated(scenario, seat_roles(scenario, roster, cal), cal)


def count_seated(scenario: Scenario, assignments: Iterable[Assignment],
                 calendar: Calendar) -> Counter[SeatKey]:
    """``seat_counts`` for assignments whose roles are already settled (no seating step)."""
    out: Counter = Counter()
    seen: set[tuple[str, object]] = set()
    for a in assignments:
        if (a.staff not in scenario.staff_by_id or a.shift not in scenario.shift_by_id
                or a.date not in calendar.index or (a.staff, a.date) in seen):
            continue
        seen.add((a.staff, a.date))
        d = calendar.index[a.date]
        out[(d, a.shift, None)] += 1
        if a.role is not None:
            out[(d, a.shift, a.role)] += 1
    return out
