"""Fairness weights and the year's counts carried into the horizon."""

from __future__ import annotations

from pydantic import Field

from .values import Frozen


class Fairness(Frozen):
    nights: int = Field(default=0, ge=0)
    weekends: int = Field(default=0, ge=0)
    holidays: int = Field(default=0, ge=0)
    hours: int = Field(default=0, ge=0)


class Carry(Frozen):
    """One person's counts of the year so far, before the horizon (``fairness_carry``): the
    month's fair bands aim at the year's shares, so someone behind gets more."""

    staff: str
    nights: int = Field(default=0, ge=0)
    weekends: int = Field(default=0, ge=0)
    """Weekend shifts, as the fair shares count them."""
    holidays: int = Field(default=0, ge=0)
    hours: float = Field(default=0, ge=0)

