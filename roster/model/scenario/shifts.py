"""Shifts, their breaks, and shift templates whose start the roster chooses."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from .values import Frozen, parse_minutes


class Break(Frozen):
    """A break the roster places inside a shift: ``{minutes: 60, within: ["11:00", "14:00"]}``.

    The break starts on a step of ``every`` minutes from the window's start and ends by the
    window's end; it never touches the shift's first or last minute."""

    minutes: int = Field(gt=0, le=240)
    within: tuple[str, str]
    every: int = Field(default=30, gt=0, le=240)
    """Minutes between the break starts the roster may choose."""
    paid: bool = False
    """An unpaid break lengthens the shift by its minutes; a paid one lies inside the paid hours."""

    @field_validator("within")
    @classmethod
    def _window(cls, value: tuple[str, str]) -> tuple[str, str]:
        a, b = (parse_minutes(t) for t in value)
        if a == b:
            raise ValueError("the break window has no length")
        return value


class Shift(Frozen):
    """A shift type. Times are wall-clock; an end at or before the start ends the next day."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str
    name: str = ""
    start: str | None = None
    end: str | None = None
    segments: tuple[tuple[str, str], ...] | None = None
    on: Any = "all"
    """Days on which the shift runs (same forms as ``demand.days``)."""
    night: bool | None = None
    """Counts as a night for fairness; default: the shift crosses midnight."""
    minutes: int | None = None
    """Paid length; default: the sum of the segments (less an unpaid break), plus the handover."""
    break_rule: Break | None = Field(default=None, alias="break")
    """A break the roster places (shifts from ``shift_templates``; a fixed break is a gap between
    segments)."""
    handover_minutes: int = Field(default=0, ge=0, le=120)
    """Minutes before ``start`` the person arrives to take over (交接班): paid, and counted by the
    rest, overlap and leave rules (``arrive_minute``); not counted on the floor per interval."""
    template: str | None = None
    """The shift template this start time comes from (set when templates are expanded)."""

    @model_validator(mode="after")
    def _check_times(self) -> Shift:
        if self.segments is None and (self.start is None or self.end is None):
            raise ValueError("give either start and end, or segments")
        if self.segments is not None and (self.start is not None or self.end is not None):
            raise ValueError("give either start and end, or segments, not both")
        _ = self.spans  # validates the times
        return self

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Worked intervals in minutes from 00:00 of the shift's day (may pass 1440).

        Times run forward and may cross midnight once; a shift spans at most 16 hours.
        """
        raw = self.segments if self.segments is not None else ((self.start, self.end),)
        day, last, wraps = 0, -1, 0
        points: list[int] = []
        for a, b in raw:
            for text in (a, b):
                m = parse_minutes(text)
                if m == 24 * 60:
                    m = 0 if points else m
                if points and m + day <= last:
                    day += 24 * 60
                    wraps += 1
                last = m + day
                points.append(last)
        if wraps > 1:
            raise ValueError("times must run forward and may cross midnight only once")
        spans = tuple(zip(points[::2], points[1::2], strict=True))
        if any(e == s for s, e in spans):
            raise ValueError("a segment has no length (start equals end)")
        if points[-1] - points[0] > 16 * 60:
            if len(raw) > 1:
                raise ValueError("segments overlap or are out of order (each must start after the "
                                 "previous ends)")
            raise ValueError(
                f"the shift would last {(points[-1] - points[0]) / 60:g} h over midnight; "
                "an end before the start means the next day - check the times")
        return spans

    @cached_property
    def break_starts(self) -> tuple[int, ...]:
        """Minutes (from 00:00 of the shift's day) at which its break may start; () without a
        break."""
        b = self.break_rule
        if b is None:
            return ()
        first, last = (parse_minutes(t) for t in b.within)
        start, end = self.start_minute, self.end_minute
        while first < start:  # the window lies in the shift (it may be after midnight)
            first += 1440
        while last <= first:
            last += 1440
        out = []
        t = first
        while t + b.minutes <= last:
            if start < t and t + b.minutes < end:
                out.append(t)
            t += b.every
        return tuple(out)

    @property
    def start_minute(self) -> int:
        return self.spans[0][0]

    @property
    def end_minute(self) -> int:
        return self.spans[-1][1]

    @property
    def arrive_minute(self) -> int:
        """When the person is due: the start less the handover (may be before 00:00, negative)."""
        return self.spans[0][0] - self.handover_minutes

    @property
    def paid_minutes(self) -> int:
        if self.minutes is not None:
            return self.minutes
        b = self.break_rule
        unpaid = b.minutes if b is not None and not b.paid else 0
        return sum(e - s for s, e in self.spans) - unpaid + self.handover_minutes

    @property
    def is_night(self) -> bool:
        return self.night if self.night is not None else self.end_minute > 24 * 60

    @property
    def label(self) -> str:
        return self.name or self.id

    def times_text(self) -> str:
        def fmt(m: int) -> str:
            return f"{m // 60 % 24:02d}:{m % 60:02d}"

        text = " + ".join(f"{fmt(s)}-{fmt(e)}" for s, e in self.spans)
        if self.handover_minutes:
            return f"{text} (handover from {fmt(self.arrive_minute % 1440)})"
        return text


class ShiftTemplate(Frozen):
    """Shifts of one length whose start the roster chooses within a window, e.g.
    ``{id: D, start_between: ["07:00", "10:00"], every: 30, hours: 8,
    break: {minutes: 60, within: ["11:00", "14:00"]}}``.

    The loader expands a template into one shift per start time, with ids such as ``D0730``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str
    name: str = ""
    start_between: tuple[str, str]
    every: int = Field(default=30, gt=0, le=720)
    """Minutes between the start times."""
    hours: float = Field(gt=0, le=16)
    """Paid hours; an unpaid break comes on top (8 hours and a 60-minute break span 9 hours)."""
    break_rule: Break | None = Field(default=None, alias="break")
    on: Any = "all"
    night: bool | None = None

    @field_validator("start_between")
    @classmethod
    def _starts(cls, value: tuple[str, str]) -> tuple[str, str]:
        for t in value:
            parse_minutes(t)
        return value

    def starts(self) -> list[int]:
        """Start minutes from 00:00, the latest possibly after midnight."""
        a, b = (parse_minutes(t) for t in self.start_between)
        if b < a:
            b += 1440
        return list(range(a, b + 1, self.every))

    def shift_id(self, start: int) -> str:
        return f"{self.id}{start // 60 % 24:02d}{start % 60:02d}"

    def expand(self) -> list[dict[str, Any]]:
        """The template's shifts as scenario ``shifts`` entries."""
        b = self.break_rule
        unpaid = b.minutes if b is not None and not b.paid else 0
        length = round(self.hours * 60) + unpaid
        out = []
        for start in self.starts():
            end = start + length
            entry: dict[str, Any] = {
                "id": self.shift_id(start), "name": f"{self.name or self.id} {_hhmm(start)}",
                "start": _hhmm(start), "end": _hhmm(end), "on": self.on, "night": self.night,
                "minutes": round(self.hours * 60), "template": self.id}
            if self.break_rule is not None:
                entry["break"] = self.break_rule.model_dump()
            out.append(entry)
        return out


def _hhmm(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"

