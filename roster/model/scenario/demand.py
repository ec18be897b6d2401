"""Seats per shift and role, the demand lines of both kinds, and seats from a call forecast."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from .intervals import IntervalDemand
from .values import Count, Frozen


class Demand(Frozen):
    """Seats of a role on a shift; the last line matching a (day, shift, role) wins."""

    shift: str
    role: str | None = None
    """``None`` counts everyone on the shift, whatever their role."""
    min: Count = 0
    max: Count | None = None
    days: Any = "all"



def _demand_kind(value: Any) -> str:
    if isinstance(value, IntervalDemand) or (isinstance(value, dict) and "per_interval" in value):
        return "interval-line"
    return "seat-line"


DemandLine = Annotated[Annotated[Demand, Tag("seat-line")]
                       | Annotated[IntervalDemand, Tag("interval-line")],
                       Discriminator(_demand_kind)]
"""Seats on a shift, or people per interval (a line with ``per_interval``)."""


class DemandFrom(Frozen):
    """Seats of one role computed from a call forecast with Erlang C (see roster.model.erlang)."""

    forecast: str
    """CSV file (interval, calls[, date | weekday]), relative to the scenario file."""
    aht_seconds: float = Field(gt=0)
    service_level: float = Field(default=0.8, gt=0, lt=1)
    answer_seconds: float = Field(default=20, ge=0)
    shrinkage: float = Field(default=0.0, ge=0, lt=1)
    role: str = "agent"
    shifts: tuple[str, ...] | None = None
    """Shifts that take the seats (default: every shift)."""
    interval_minutes: int = Field(default=30, gt=0, le=1440)
    max_extra: int | None = Field(default=None, ge=0)
    """Seats allowed above the computed need; none given: each one above costs overstaffing."""

