"""Rotation patterns and crews (teams)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, field_validator

from .values import Frozen

OFF_CELL = "off"
"""A day off in a rotation pattern."""


class Rotation(Frozen):
    """A fixed cycle of shifts and days off (``早早中中夜夜休休``) that people or a crew follow:
    ``{id: R4, pattern: [D, D, E, E, N, N, off, off], team: 一班, offset: 2, weight: 50}``.

    On date ``t`` the cell of the pattern is ``pattern[(offset + days from start to t) mod len]``.
    Each cell kept off the pattern costs ``weight`` (none: the pattern is hard); a day of leave or
    a fixed day off excuses its cell (see ``roster.model.rotations``)."""

    id: str
    name: str = ""
    pattern: tuple[str, ...] = Field(min_length=1)
    """Shift ids and ``off``, one per day of the cycle."""
    staff: tuple[str, ...] = ()
    team: str | None = None
    """A team (the ``team`` of staff entries): its members follow the pattern together."""
    offset: int = 0
    """Where in the cycle the anchor date falls (0: the pattern's first cell)."""
    weight: int | None = Field(default=None, ge=0)
    start: dt.date | None = None
    """The anchor date the offset counts from (default: the horizon start)."""
    days: Any = "all"
    """Days the pattern is held to (a day selector); the cycle runs on through the others."""

    @field_validator("pattern", mode="before")
    @classmethod
    def _cells(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):  # YAML 1.1 may read an unquoted off as False
            return [OFF_CELL if v is False else v for v in value]
        return value

    @property
    def label(self) -> str:
        return self.name or self.id


class Team(Frozen):
    """A crew (班组): the staff whose ``team`` is ``id``. ``together: true`` keeps its members who
    work a day on one shift; ``weight`` makes that soft (a cost per member off the crew's shift)."""

    id: str
    name: str = ""
    together: bool = False
    weight: int | None = Field(default=None, ge=0)

    @property
    def label(self) -> str:
        return self.name or self.id

