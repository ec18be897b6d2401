"""The tail of the previous roster that rules looking back count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, model_validator

from .values import Frozen


class Worked(Frozen):
    """One shift of the previous roster (see ``History``)."""

    date: dt.date
    staff: str
    shift: str
    role: str | None = None
    break_at: str | None = None
    """The break's start (``HH:MM``) when the shift has one; without it the person counts on the
    floor for all of the shift's intervals inside the horizon."""


class History(Frozen):
    """The tail of the previous roster: what people worked on the days just before the horizon.

    Rules that look back (rest, forbidden sequences, consecutive days, hours per week, weekends
    per month) count these shifts. A day of the tail with no shift for a person is a day off.
    In a file: ``history: {roster: december.csv}`` (read by the loader), ``history: {worked:
    [...], days: 7}`` or just the list ``history: [{date, staff, shift}, ...]``.
    """

    days: int | None = Field(default=None, ge=1, le=62)
    """How many days before the horizon start the tail covers; default: from its first shift."""
    worked: tuple[Worked, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _list(cls, data: Any) -> Any:
        return {"worked": data} if isinstance(data, (list, tuple)) else data

    def first_day(self, start: dt.date) -> dt.date:
        """The first day the tail covers, for a horizon starting on ``start``."""
        if self.days is not None:
            return start - dt.timedelta(days=self.days)
        return min((w.date for w in self.worked), default=start)

    def shifts(self, start: dt.date) -> dict[str, dict[dt.date, Worked]]:
        """Per person, date → shift worked, for the covered days before ``start``."""
        first = self.first_day(start)
        out: dict[str, dict[dt.date, Worked]] = {}
        for w in self.worked:
            if first <= w.date < start:
                out.setdefault(w.staff, {})[w.date] = w
        return out

