"""The horizon, its holidays and the time zone."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from ..fields import selector_item
from .values import Frozen

MAX_HORIZON_DAYS = 400


class Horizon(Frozen):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _order(self) -> Horizon:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if (self.end - self.start).days + 1 > MAX_HORIZON_DAYS:
            raise ValueError(f"the horizon has {(self.end - self.start).days + 1} days; "
                             f"at most {MAX_HORIZON_DAYS} are allowed")
        return self

    def days(self) -> list[dt.date]:
        n = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(n)]


class NamedHoliday(Frozen):
    """Days of one holiday under ``holidays.add``, with its name: ``{name: Spring Festival, dates:
    2027-02-06..2027-02-13}``. The name is what fairness by holiday name counts."""

    name: str = Field(min_length=1)
    dates: tuple[dt.date, ...] = Field(min_length=1)

    @field_validator("dates", mode="before")
    @classmethod
    def _ranges(cls, value: object) -> object:
        """A date, a range ``first..last``, or a list of them → the dates."""
        items = value if isinstance(value, (list, tuple)) else [value]
        out: list[object] = []
        for item in items:
            if isinstance(item, str) and ".." in item:
                kind, (first, last) = selector_item(item)
                if kind != "dates":
                    raise ValueError(f"{item!r} is not a date or a range of dates")
                out += [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
            else:
                out.append(item)
        return out


def _added_kind(value: Any) -> str:
    return "named-holiday" if isinstance(value, (dict, NamedHoliday)) else "date"


Added = Annotated[Annotated[dt.date, Tag("date")] | Annotated[NamedHoliday, Tag("named-holiday")],
                  Discriminator(_added_kind)]
"""An item of ``holidays.add``: a date, or a named holiday's dates."""


class Holidays(Frozen):
    country: str | None = None
    """``CN`` uses chinese-calendar (with adjusted workdays); other codes use ``holidays``."""
    add: tuple[Added, ...] = ()
    """Extra holidays (rest days): dates, or named ones (``{name: Spring Festival, dates: …}``)."""
    remove: tuple[dt.date, ...] = ()
    """Dates that are not holidays after all."""
    workdays: tuple[dt.date, ...] = ()
    """Weekend dates that are working days (adjusted workdays, 调休上班)."""

    def added(self) -> dict[dt.date, str]:
        """The dates under ``add`` with their names ("" for a plain date)."""
        out: dict[dt.date, str] = {}
        for item in self.add:
            if isinstance(item, NamedHoliday):
                out.update({d: out.get(d) or item.name for d in item.dates})
            else:
                out.setdefault(item, "")
        return out



def check_timezone(name: str) -> None:
    """Raise ValueError unless ``name`` is an IANA time zone (``Asia/Shanghai``)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}; use an IANA name such as Asia/Shanghai or "
                         "Europe/Berlin") from None
