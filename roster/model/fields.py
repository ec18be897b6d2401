"""What the scenario, the calendar and the leave ledger share: the day words, the day-selector
grammar and FieldError (a problem with one field, turned into a ScenarioError by the parser).

It imports nothing from the project, so the scenario may check its leave ledger (which needs the
calendar) without an import cycle.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_KEYWORDS = ("all", "workdays", "restdays", "weekends", "holidays", *WEEKDAYS)


class FieldError(ValueError):
    """A problem with one field of the scenario (turned into ScenarioError by the loader)."""

    def __init__(self, field: str, value: Any, message: str, hint: str = "") -> None:
        super().__init__(f"{field} = {value!r}: {message}")
        self.field, self.value, self.message, self.hint = field, value, message, hint


SELECTOR_HINT = ("use all, workdays, restdays, weekends, holidays, a weekday (mon … sun), a "
                 "weekday range (mon..fri, fri..mon), a date (2026-12-24) or a date range "
                 "(2026-12-24..2026-12-26)")


@lru_cache(maxsize=4096)
def selector_item(item: Any) -> tuple[str, Any]:
    """One day selector item → ``("word", key)``, ``("weekdays", {0..6})`` or
    ``("dates", (first, last))``.

    Raises ValueError naming what is wrong with it.
    """
    if isinstance(item, dt.date):
        return "dates", (item, item)
    if not isinstance(item, str):
        raise ValueError("not a day selector")
    key = item.strip().lower()
    if key in DAY_KEYWORDS and key not in WEEKDAYS:
        return "word", key
    first, sep, last = key.partition("..")
    ends = (first.strip(), last.strip()) if sep else (key, key)
    if all(e in WEEKDAYS for e in ends):
        i, j = WEEKDAYS.index(ends[0]), WEEKDAYS.index(ends[1])
        return "weekdays", frozenset((i + k) % 7 for k in range((j - i) % 7 + 1))
    if not all(e[:1].isdigit() for e in ends):
        raise ValueError("not a day selector")
    try:
        a, b = (dt.date.fromisoformat(e) for e in ends)
    except ValueError as exc:
        raise ValueError(f"not a date (YYYY-MM-DD): {exc}") from None
    if b < a:
        raise ValueError(f"the range ends ({b}) before it starts ({a})")
    return "dates", (a, b)
