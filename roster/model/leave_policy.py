"""Leave policy as data: entitlements, counting rules, half days and approval tiers.

The seed policy (``LeavePolicy()``) is the default of every scenario; a scenario may replace it
with its own ``leave_policy:``. Nothing here knows about the solver.

Tenure is counted in completed years of service on the first day of the horizon: a person hired
on 2025-12-01 has 1 year on 2026-12-01, one hired on 2026-01-01 has 0 years.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Counting = Literal["workdays", "calendar_days"]
"""``workdays``: only working days of the calendar count (holidays and weekends do not);
``calendar_days``: every day from start to end counts."""


class LeaveType(_Frozen):
    """One kind of leave: how its days are counted and how many a person is entitled to."""

    name: str = ""
    counting: Counting = "workdays"
    days: float | None = Field(default=None, ge=0)
    """Entitlement; ``None`` means no fixed limit (only an opening balance, if given, limits it)."""
    per: Literal["year", "event"] = "year"
    """``year``: a balance for the calendar year; ``event``: each leave (wedding, birth…) has its
    own."""
    extras: dict[str, Annotated[float, Field(ge=0)]] = {}
    """Named additions to an event's days, chosen per leave with ``extras: [...]``
    (e.g. ``extra_baby: 15``; listing a name twice adds it twice)."""
    alternatives: dict[str, Annotated[float, Field(ge=0)]] = {}
    """Named replacements of an event's days (e.g. ``late: 10`` for late marriage)."""
    half_days: bool = False
    """May be taken in half days (``leave[i].half: am|pm``)."""


class TenureStep(_Frozen):
    """Annual leave from ``years`` completed years of service on."""

    years: int = Field(ge=0)
    days: float = Field(ge=0)
    plus_per_year: float = Field(default=0, ge=0)
    """Extra days for each completed year beyond ``years``."""


class ApprovalTier(_Frozen):
    """Who approves a leave of up to ``max_days`` counted days (``None``: any length)."""

    max_days: float | None = Field(ge=0)
    approver: str


def _seed_types() -> dict[str, LeaveType]:
    return {
        "annual": LeaveType(name="年假", counting="workdays", per="year", half_days=True),
        "sick": LeaveType(name="病假", counting="workdays", half_days=True),
        "personal": LeaveType(name="事假", counting="workdays", half_days=True),
        "marriage": LeaveType(name="婚假", counting="workdays", days=3, per="event",
                              alternatives={"late": 10}),
        "maternity": LeaveType(name="产假", counting="calendar_days", days=90, per="event",
                               extras={"extra_baby": 15, "late_birth": 30, "difficult_birth": 15}),
        "paternity": LeaveType(name="陪产假", counting="workdays", days=3, per="event"),
        "bereavement": LeaveType(name="丧假", counting="workdays", days=3, per="event",
                                 alternatives={"distant": 1}),
    }


class LeavePolicy(_Frozen):
    """Leave rules of an organisation. The defaults are the seed policy."""

    types: dict[str, LeaveType] = Field(default_factory=_seed_types)
    annual_type: str = "annual"
    """The type whose yearly entitlement comes from the tenure table."""
    tenure: tuple[TenureStep, ...] = (TenureStep(years=0, days=5),
                                      TenureStep(years=1, days=10, plus_per_year=1))
    """First year of service: 5 days; from one year on: 10 days, one more per further year…"""
    annual_cap: float = Field(default=15, ge=0)
    """…capped at 15 days (also caps an opening balance that carries days over)."""
    half_day_hours: float = Field(default=4, gt=0, le=24)
    tiers: tuple[ApprovalTier, ...] = (
        ApprovalTier(max_days=1, approver="supervisor"),
        ApprovalTier(max_days=3, approver="manager"),
        ApprovalTier(max_days=None, approver="director"),
    )
    notice_days: int = Field(default=1, ge=0)
    """A request must be filed at least this many days before the leave starts."""

    @model_validator(mode="after")
    def _check(self) -> LeavePolicy:
        if self.annual_type not in self.types:
            raise ValueError(f"annual_type {self.annual_type!r} is not one of the types")
        if not self.tenure or self.tenure[0].years != 0:
            raise ValueError("the tenure table must start at years: 0")
        if [t.years for t in self.tenure] != sorted({t.years for t in self.tenure}):
            raise ValueError("tenure steps must have increasing years")
        if not self.tiers or self.tiers[-1].max_days is not None:
            raise ValueError("the last approval tier must have max_days: null (any length)")
        return self

    # ---- entitlements ----------------------------------------------------
    def annual_days(self, tenure_years: int) -> float:
        """Annual leave for a number of completed years of service, capped."""
        step = [t for t in self.tenure if t.years <= tenure_years][-1]
        days = step.days + step.plus_per_year * (tenure_years - step.years)
        return min(days, self.annual_cap)

    def event_days(self, type_id: str, extras: tuple[str, ...] = ()) -> float | None:
        """Days one leave event of this type may last (``None``: no fixed limit)."""
        kind = self.types[type_id]
        days = kind.days
        for name in extras:
            if name in kind.alternatives:
                days = kind.alternatives[name]
        if days is None:
            return None
        return days + sum(kind.extras[name] for name in extras if name in kind.extras)

    def tier(self, days: float) -> ApprovalTier:
        """The approval tier a leave of ``days`` counted days needs."""
        for t in self.tiers:
            if t.max_days is None or days <= t.max_days:
                return t
        return self.tiers[-1]


def tenure_years(hired: dt.date, on: dt.date) -> int:
    """Completed years of service on a date (the anniversary itself completes a year;
    someone hired on 29 February completes the year on 28 February)."""
    years = on.year - hired.year
    try:
        anniversary = hired.replace(year=on.year)
    except ValueError:  # 29 February in a common year
        anniversary = dt.date(on.year, 2, 28)
    if on < anniversary:
        years -= 1
    return max(years, 0)
