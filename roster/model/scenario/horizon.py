"""The horizon, its holidays and the time zone."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

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


class Holidays(Frozen):
    country: str | None = None
    """``CN`` uses chinese-calendar (with adjusted workdays); other codes use ``holidays``."""
    add: tuple[dt.date, ...] = ()
    """Extra holidays (rest days)."""
    remove: tuple[dt.date, ...] = ()
    """Dates that are not holidays after all."""
    workdays: tuple[dt.date, ...] = ()
    """Weekend dates that are working days (adjusted workdays, 调休上班)."""



def check_timezone(name: str) -> None:
    """Raise ValueError unless ``name`` is an IANA time zone (``Asia/Shanghai``)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}; use an IANA name such as Asia/Shanghai or "
                         "Europe/Berlin") from None
