"""Fairness weights and the year's counts carried into the horizon."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..fields import FieldError
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
    by_holiday: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    """Holiday shifts of the year so far by holiday name (chinese-calendar's English names:
    ``Spring Festival``, ``National Day`` …); shown beside the month, the bands use ``holidays``."""
    last_holidays: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    """Shifts worked on each named holiday's last occurrence (last year's Spring Festival …): in a
    month with that holiday they count toward the person's holiday share first, so whoever worked
    it last time is last in line for it."""


def holiday_names(country: str | None) -> set[str] | None:
    """The holiday names a country's calendar gives days (None: not known here, any name goes)."""
    if country != "CN":
        return None
    import chinese_calendar as cc

    return {h.value for h in cc.Holiday}


def check_holiday_name(field: str, name: str, country: str | None) -> None:
    known = holiday_names(country)
    if known is not None and name not in known:
        raise FieldError(field, name, "not a holiday name of the CN calendar",
                         hint=f"names: {', '.join(sorted(known))}")

