"""Roles and staff."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .rules import PersonRules
from .values import Frozen


class Role(Frozen):
    id: str
    name: str = ""
    covers: tuple[str, ...] = ()
    """Roles whose seats this role may also fill (transitive)."""

    @property
    def label(self) -> str:
        return self.name or self.id


class Staff(PersonRules):
    id: str
    name: str = ""
    roles: tuple[str, ...] = Field(min_length=1)
    hired: dt.date | None = None
    team: str = ""
    """The team (班组, crew) a person belongs to: filters and reports; a ``teams`` entry of that id
    may keep its members on one shift, and a rotation may take the team as its unit."""
    cannot: tuple[str, ...] = ()
    """Shift ids this person never works."""
    days_off: tuple[dt.date, ...] = ()
    """Dates this person never works (fixed days off)."""

    @property
    def label(self) -> str:
        return f"{self.id} {self.name}".strip()

