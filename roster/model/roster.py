"""The answer: who works which shift, in which seat, on which day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True, order=True)
class Assignment:
    date: dt.date
    staff: str
    shift: str
    role: str | None = None
    post: str | None = None
    break_at: str | None = None
    """Wall-clock start (HH:MM) of the break the roster placed in this shift, if it has one to
    place."""


@dataclass(frozen=True, order=True)
class LeaveDay:
    """A whole day of leave the roster plans (placed from a leave wish); the person works no shift
    then."""

    date: dt.date
    staff: str
    type: str


@dataclass(frozen=True)
class Roster:
    """A set of assignments; at most one shift per person per day is the solver's rule, not a type
    rule."""

    assignments: tuple[Assignment, ...] = field(default_factory=tuple)
    leave: tuple[LeaveDay, ...] = field(default_factory=tuple)
    """Leave days the roster places (from ``leave_wishes``); scenario leave is not repeated here."""

    @classmethod
    def of(cls, items: Iterable[Assignment], leave: Iterable[LeaveDay] = ()) -> Roster:
        return cls(tuple(sorted(items)), tuple(sorted(leave)))

    def __iter__(self) -> Iterator[Assignment]:
        return iter(self.assignments)

    def __len__(self) -> int:
        return len(self.assignments)

    def by_staff_day(self) -> dict[tuple[str, dt.date], list[Assignment]]:
        out: dict[tuple[str, dt.date], list[Assignment]] = {}
        for a in self.assignments:
            out.setdefault((a.staff, a.date), []).append(a)
        return out

    def cell(self, staff: str, date: dt.date) -> str | None:
        """The shift id a person works on a day, or None when off."""
        for a in self.by_staff_day().get((staff, date), []):
            return a.shift
        return None

    def to_frame(self) -> pd.DataFrame:
        """One row per worked shift: date, staff_id, shift, role, post."""
        rows = [
            {"date": a.date, "staff_id": a.staff, "shift": a.shift, "role": a.role or "",
             "post": a.post or ""}
            for a in self.assignments
        ]
        return pd.DataFrame(rows, columns=["date", "staff_id", "shift", "role", "post"])

    def grid(self, staff_ids: list[str], dates: list[dt.date]) -> pd.DataFrame:
        """The month grid: staff as rows, dates as columns, shift ids in cells ("" = off)."""
        cells = {(a.staff, a.date): a.shift for a in self.assignments}
        data = [[cells.get((s, d), "") for d in dates] for s in staff_ids]
        return pd.DataFrame(data, index=staff_ids, columns=dates)

    def diff(self, other: Roster) -> list[tuple[str, dt.date, str | None, str | None]]:
        """Cells that differ: (staff, date, shift here, shift in other)."""
        mine = {(a.staff, a.date): a.shift for a in self.assignments}
        theirs = {(a.staff, a.date): a.shift for a in other.assignments}
        keys = sorted(set(mine) | set(theirs), key=lambda k: (k[1], k[0]))
        return [(s, d, mine.get((s, d)), theirs.get((s, d))) for s, d in keys
                if mine.get((s, d)) != theirs.get((s, d))]
