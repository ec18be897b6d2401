"""Wishes (requests) and pinned cells (fixed)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .values import Frozen


class Request(Frozen):
    """A wish: ``shift`` alone = wants that shift; ``off`` alone = wants the day off;
    ``shift`` and ``off`` = wants not that shift."""

    staff: str
    date: dt.date
    shift: str | None = None
    off: bool = False
    weight: int = Field(default=1, ge=0)

    one_of: tuple[str, ...] = ()
    """The starts a template id in ``shift`` stands for (filled when templates are expanded)."""

    @property
    def shifts(self) -> tuple[str, ...]:
        """The shift ids that meet this entry: ``one_of``, else ``shift`` alone."""
        return self.one_of or ((self.shift,) if self.shift is not None else ())

    @model_validator(mode="after")
    def _what(self) -> Request:
        if self.shift is None and not self.off:
            raise ValueError("a request needs a shift, or off: true")
        return self


class Fixed(Frozen):
    """A pinned cell: this person works this shift (or is off) on this date."""

    staff: str
    date: dt.date
    shift: str | None = None
    off: bool = False
    role: str | None = None

    one_of: tuple[str, ...] = ()
    """The starts a template id in ``shift`` stands for (filled when templates are expanded)."""

    @property
    def shifts(self) -> tuple[str, ...]:
        """The shift ids that meet this entry: ``one_of``, else ``shift`` alone."""
        return self.one_of or ((self.shift,) if self.shift is not None else ())

    @model_validator(mode="after")
    def _what(self) -> Fixed:
        if (self.shift is None) == (not self.off):
            raise ValueError("a fixed cell needs exactly one of shift or off: true")
        return self

