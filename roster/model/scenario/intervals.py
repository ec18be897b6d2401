"""Demand per interval: a forecast of agents or calls on the floor per half hour."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from ..fields import WEEKDAYS
from .values import Count, Frozen, parse_minutes

DEFAULT_STEPS = (1, 2, 3, 4)
"""Per-interval shortfall steps in units of ``under_weight``: the 1st person short costs it once,
the 2nd twice, the 3rd three times, the 4th and every further one four times."""


class IntervalRow(Frozen):
    """One interval of a forecast: agents needed, or calls offered (Erlang C turns them into
    agents)."""

    interval: str
    """Start of the interval, HH:MM."""
    agents: int | None = Field(default=None, ge=0)
    calls: float | None = Field(default=None, ge=0)
    date: dt.date | None = None
    weekday: str | None = None
    """A row for one date, for a weekday (mon..sun), or (neither) for every day."""

    @field_validator("weekday")
    @classmethod
    def _weekday(cls, value: str | None) -> str | None:
        if value is None:
            return None
        short = value.strip().lower()[:3]
        if short not in WEEKDAYS:
            raise ValueError(f"{value!r} is not a weekday (mon..sun)")
        return short

    @model_validator(mode="after")
    def _check(self) -> IntervalRow:
        parse_minutes(self.interval)
        if self.agents is None and self.calls is None:
            raise ValueError("give agents or calls for each interval")
        if self.date is not None and self.weekday is not None:
            raise ValueError("give date or weekday, not both")
        return self


class IntervalDemand(Frozen):
    """People of a role needed on the floor per interval
    (``demand: [{role: agent, per_interval: f.csv}]``).

    An interval counts the people working it from start to end and not on a break. People short
    cost ``under_steps`` per interval, convex: the k-th person missing costs the k-th step (the last
    step repeats; default ``under_weight`` × 1, 2, 3, 4). Each one over costs ``over_weight``.
    ``min_on_floor``: never fewer than this many on the floor while the line needs anyone (hard, or
    ``{value, weight}``: weight per person below it per interval)."""

    role: str | None = None
    """``None`` counts everyone, whatever their role."""
    per_interval: Annotated[Annotated[str, Tag("file")]
                            | Annotated[tuple[IntervalRow, ...], Tag("rows")],
                            Discriminator(lambda v: "file" if isinstance(v, str) else "rows")]
    """A CSV file (columns interval, agents or calls, optionally date or weekday), relative to the
    scenario file, or the rows inline; the loader reads the file into rows."""
    interval_minutes: int = Field(default=30, gt=0, le=240)
    shifts: tuple[str, ...] | None = None
    """Shift or template ids whose people count (default: every shift)."""
    days: Any = "all"
    aht_seconds: float | None = Field(default=None, gt=0)
    """Average handle time; needed when rows give calls."""
    service_level: float = Field(default=0.8, gt=0, lt=1)
    answer_seconds: float = Field(default=20, ge=0)
    shrinkage: float = Field(default=0.0, ge=0, lt=1)
    """Share of rostered time not on the phones for reasons the roster does not place (absence,
    coaching)."""
    under_weight: int = Field(default=100, ge=0)
    under_steps: tuple[Annotated[int, Field(ge=0)], ...] | None = Field(default=None, min_length=1)
    """Cost of the 1st, 2nd, … person short in an interval; the last step repeats; never
    decreasing."""
    over_weight: int = Field(default=1, ge=0)
    min_on_floor: Count | None = None

    @field_validator("under_steps")
    @classmethod
    def _convex(cls, value: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if value is not None and any(b < a for a, b in zip(value, value[1:], strict=False)):
            raise ValueError("steps may not decrease: the k-th person short costs at least the "
                             "(k-1)-th")
        return value

    @property
    def steps(self) -> tuple[int, ...]:
        """The cost of the 1st, 2nd, … person short (the last repeats)."""
        if self.under_steps is not None:
            return self.under_steps
        return tuple(self.under_weight * k for k in DEFAULT_STEPS)

    @field_validator("interval_minutes")
    @classmethod
    def _divides(cls, value: int) -> int:
        if 1440 % value:
            raise ValueError(f"{value} minutes do not divide a day (use 15, 30 or 60)")
        return value

