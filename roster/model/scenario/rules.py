"""Rule values for everyone (``rules:``) and the ones a staff entry may override."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .values import Count, Frozen, Limit


class PersonRules(Frozen):
    """Rule values that may be set for everyone (``rules:``) or per person (staff entry)."""

    min_rest_hours: Limit | None = None
    max_consecutive_work_days: Count | None = None
    min_consecutive_work_days: Count | None = None
    min_consecutive_days_off: Count | None = None
    max_hours_per_week: Limit | None = None
    max_hours_total: Limit | None = None
    min_hours_total: Limit | None = None
    max_shifts: dict[str, Annotated[int, Field(ge=0)]] | None = None
    max_weekends: Count | None = None
    max_weekends_per_month: Count | None = None
    forbidden_sequences: tuple[tuple[str, str], ...] | None = None
    forbidden_sequences_weight: int | None = Field(default=None, ge=0)
    max_template_shifts: dict[str, Annotated[int, Field(ge=0)]] | None = None
    """Most shifts of a template's starts together (filled from template ids in ``max_shifts``)."""


class Rules(PersonRules):
    """Scenario-wide rule values with the seed defaults."""

    min_rest_hours: Limit | None = 12
    max_consecutive_work_days: Count | None = 6
    min_consecutive_days_off: Count | None = 1
    max_hours_per_week: Limit | None = 40
    forbidden_sequences: tuple[tuple[str, str], ...] | None = ()
    overstaffing_weight: int = Field(default=1, ge=0)
    """Cost of each head above ``min`` where a demand line gives no ``max``."""
    swap_notice_days: int = Field(default=1, ge=0)
    """Days ahead a shift swap must be asked for (1: the day before; same-day swaps are refused)."""

