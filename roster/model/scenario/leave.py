"""Leave taken, leave the solver places, and opening balances."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .values import Frozen


class Leave(Frozen):
    staff: str
    type: str = "annual"
    start: dt.date
    end: dt.date
    note: str = ""
    half: Literal["am", "pm"] | None = None
    """A half day (one date only): ``am`` is away until 12:00, ``pm`` from 12:00."""
    extras: tuple[str, ...] = ()
    """Names from the leave type's extras/alternatives (``late``, ``extra_baby``…)."""

    @model_validator(mode="after")
    def _order(self) -> Leave:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.half is not None and self.end != self.start:
            raise ValueError("a half day leave starts and ends on the same date")
        return self


class Window(Frozen):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _order(self) -> Window:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class LeaveWish(Frozen):
    """Leave the solver places: ``days`` days of ``type`` inside ``window``, where coverage
    allows."""

    staff: str
    type: str = "annual"
    days: int = Field(ge=1)
    window: Window


class LeaveBalance(Frozen):
    """Days of a leave type a person has left at the start of the horizon."""

    staff: str
    type: str
    days: float = Field(ge=0)

