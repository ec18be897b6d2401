"""The planners' world: a scenario file as frozen pydantic models.

No solver imports here. Field names follow the scenario file (docs/scenario.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from .fields import SELECTOR_HINT, WEEKDAYS, FieldError, selector_item
from .leave_policy import LeavePolicy
from .ledger import check_ledger

MAX_HORIZON_DAYS = 400
DEFAULT_STEPS = (1, 2, 3, 4)
"""Per-interval shortfall steps in units of ``under_weight``: the 1st person short costs it once,
the 2nd twice, the 3rd three times, the 4th and every further one four times."""
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Soft(Frozen):
    """A rule value that may be broken at a cost: ``{value: 3, weight: 100}``."""

    value: float = Field(ge=0)
    weight: int = Field(ge=0)


def _limit_kind(value: Any) -> str:
    return "soft" if isinstance(value, (dict, Soft)) else "number"


Limit = Annotated[Annotated[float, Field(ge=0), Tag("number")] | Annotated[Soft, Tag("soft")],
                  Discriminator(_limit_kind)]
"""A hard number (at least 0), or a soft one with a weight: ``{value: 3, weight: 100}``."""


def _whole(limit: Any) -> Any:
    value = limit.value if isinstance(limit, Soft) else limit
    if value is not None and not float(value).is_integer():
        raise ValueError(f"{value:g} is not a whole number (it counts seats, days or weekends)")
    return limit


Count = Annotated[Limit, AfterValidator(_whole)]
"""A limit that counts (seats, days, weekends): a whole number, hard or soft."""


def limit_value(limit: Limit | None) -> float | None:
    if limit is None:
        return None
    return limit.value if isinstance(limit, Soft) else float(limit)


def limit_weight(limit: Limit | None) -> int | None:
    """The penalty weight of a soft limit; ``None`` means hard."""
    return limit.weight if isinstance(limit, Soft) else None


def parse_minutes(text: str) -> int:
    """``"08:30"`` → 510. ``"24:00"`` is allowed as the end of a day."""
    m = _TIME.match(str(text).strip())
    if not m:
        raise ValueError(f"time {text!r} is not HH:MM")
    h, mi = int(m.group(1)), int(m.group(2))
    if h > 24 or mi > 59 or (h == 24 and mi):
        raise ValueError(f"time {text!r} is not a time of day")
    return h * 60 + mi


class Role(Frozen):
    id: str
    name: str = ""
    covers: tuple[str, ...] = ()
    """Roles whose seats this role may also fill (transitive)."""

    @property
    def label(self) -> str:
        return self.name or self.id


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
    """A break the roster places (shifts from ``shift_templates``; a fixed break is a gap between segments)."""
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
                raise ValueError("segments overlap or are out of order (each must start after the previous ends)")
            raise ValueError(
                f"the shift would last {(points[-1] - points[0]) / 60:g} h over midnight; "
                "an end before the start means the next day - check the times")
        return spans

    @cached_property
    def break_starts(self) -> tuple[int, ...]:
        """Minutes (from 00:00 of the shift's day) at which its break may start; () without a break."""
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
        unpaid = self.break_rule.minutes if self.break_rule is not None and not self.break_rule.paid else 0
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
    ``{id: D, start_between: ["07:00", "10:00"], every: 30, hours: 8, break: {minutes: 60, within: ["11:00", "14:00"]}}``.

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
        unpaid = self.break_rule.minutes if self.break_rule is not None and not self.break_rule.paid else 0
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


class Demand(Frozen):
    """Seats of a role on a shift; the last line matching a (day, shift, role) wins."""

    shift: str
    role: str | None = None
    """``None`` counts everyone on the shift, whatever their role."""
    min: Count = 0
    max: Count | None = None
    days: Any = "all"


class IntervalRow(Frozen):
    """One interval of a forecast: agents needed, or calls offered (Erlang C turns them into agents)."""

    interval: str
    """Start of the interval, HH:MM."""
    agents: int | None = Field(default=None, ge=0)
    calls: float | None = Field(default=None, ge=0)
    date: dt.date | None = None
    weekday: str | None = None
    """A row for one date, for a weekday (mon..sun), or (neither) for every day."""

    @field_validator("weekday")
    @classmethod
    def _weekday(cls, value: str | None) -> str | None:
        if value is None:
            return None
        short = value.strip().lower()[:3]
        if short not in WEEKDAYS:
            raise ValueError(f"{value!r} is not a weekday (mon..sun)")
        return short

    @model_validator(mode="after")
    def _check(self) -> IntervalRow:
        parse_minutes(self.interval)
        if self.agents is None and self.calls is None:
            raise ValueError("give agents or calls for each interval")
        if self.date is not None and self.weekday is not None:
            raise ValueError("give date or weekday, not both")
        return self


class IntervalDemand(Frozen):
    """People of a role needed on the floor per interval (``demand: [{role: agent, per_interval: f.csv}]``).

    An interval counts the people working it from start to end and not on a break. People short
    cost ``under_steps`` per interval, convex: the k-th person missing costs the k-th step (the last
    step repeats; default ``under_weight`` × 1, 2, 3, 4). Each one over costs ``over_weight``.
    ``min_on_floor``: never fewer than this many on the floor while the line needs anyone (hard, or
    ``{value, weight}``: weight per person below it per interval)."""

    role: str | None = None
    """``None`` counts everyone, whatever their role."""
    per_interval: Annotated[Annotated[str, Tag("file")] | Annotated[tuple[IntervalRow, ...], Tag("rows")],
                            Discriminator(lambda v: "file" if isinstance(v, str) else "rows")]
    """A CSV file (columns interval, agents or calls, optionally date or weekday), relative to the
    scenario file, or the rows inline; the loader reads the file into rows."""
    interval_minutes: int = Field(default=30, gt=0, le=240)
    shifts: tuple[str, ...] | None = None
    """Shift or template ids whose people count (default: every shift)."""
    days: Any = "all"
    aht_seconds: float | None = Field(default=None, gt=0)
    """Average handle time; needed when rows give calls."""
    service_level: float = Field(default=0.8, gt=0, lt=1)
    answer_seconds: float = Field(default=20, ge=0)
    shrinkage: float = Field(default=0.0, ge=0, lt=1)
    """Share of rostered time not on the phones for reasons the roster does not place (absence, coaching)."""
    under_weight: int = Field(default=100, ge=0)
    under_steps: tuple[Annotated[int, Field(ge=0)], ...] | None = Field(default=None, min_length=1)
    """Cost of the 1st, 2nd, … person short in an interval; the last step repeats; never decreasing."""
    over_weight: int = Field(default=1, ge=0)
    min_on_floor: Count | None = None

    @field_validator("under_steps")
    @classmethod
    def _convex(cls, value: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if value is not None and any(b < a for a, b in zip(value, value[1:], strict=False)):
            raise ValueError("steps may not decrease: the k-th person short costs at least the (k-1)-th")
        return value

    @property
    def steps(self) -> tuple[int, ...]:
        """The cost of the 1st, 2nd, … person short (the last repeats)."""
        if self.under_steps is not None:
            return self.under_steps
        return tuple(self.under_weight * k for k in DEFAULT_STEPS)

    @field_validator("interval_minutes")
    @classmethod
    def _divides(cls, value: int) -> int:
        if 1440 % value:
            raise ValueError(f"{value} minutes do not divide a day (use 15, 30 or 60)")
        return value


def _demand_kind(value: Any) -> str:
    if isinstance(value, IntervalDemand) or (isinstance(value, dict) and "per_interval" in value):
        return "interval-line"
    return "seat-line"


DemandLine = Annotated[Annotated[Demand, Tag("seat-line")] | Annotated[IntervalDemand, Tag("interval-line")],
                       Discriminator(_demand_kind)]
"""Seats on a shift, or people per interval (a line with ``per_interval``)."""


class Leave(Frozen):
    staff: str
    type: str = "annual"
    start: dt.date
    end: dt.date
    note: str = ""
    half: Literal["am", "pm"] | None = None
    """A half day (one date only): ``am`` is away until 12:00, ``pm`` from 12:00."""
    extras: tuple[str, ...] = ()
    """Names from the leave type's extras/alternatives (``late``, ``extra_baby``…)."""

    @model_validator(mode="after")
    def _order(self) -> Leave:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.half is not None and self.end != self.start:
            raise ValueError("a half day leave starts and ends on the same date")
        return self


class Window(Frozen):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _order(self) -> Window:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class LeaveWish(Frozen):
    """Leave the solver places: ``days`` days of ``type`` inside ``window``, where coverage allows."""

    staff: str
    type: str = "annual"
    days: int = Field(ge=1)
    window: Window


class LeaveBalance(Frozen):
    """Days of a leave type a person has left at the start of the horizon."""

    staff: str
    type: str
    days: float = Field(ge=0)


class Post(Frozen):
    """An A/B post: a window or desk manned by exactly one holder in each opening period.

    A mans it whenever A works the post's shift; otherwise a backup (B, then the next) does.
    """

    id: str
    name: str = ""
    shift: str | tuple[str, ...]
    days: Any = "all"
    """Opening days (a day selector); a period opens when the day matches and the shift runs."""
    a: str
    b: str | tuple[str, ...]
    """Backup holders in order of preference."""
    counts_toward: str | None = None
    """A role whose seats post duty also fills (``None``: post duty fills no seat)."""
    backup_weight: int = Field(default=10, ge=0)
    """Cost of each period manned by a backup: the weight times the backup's place (1, 2, …)."""

    @property
    def shifts(self) -> tuple[str, ...]:
        return (self.shift,) if isinstance(self.shift, str) else tuple(self.shift)

    @property
    def backups(self) -> tuple[str, ...]:
        return (self.b,) if isinstance(self.b, str) else tuple(self.b)

    @property
    def holders(self) -> tuple[str, ...]:
        """A first, then the backups in order."""
        return (self.a, *self.backups)

    @property
    def label(self) -> str:
        return self.name or self.id


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


class Worked(Frozen):
    """One shift of the previous roster (see ``History``)."""

    date: dt.date
    staff: str
    shift: str
    role: str | None = None
    break_at: str | None = None
    """The break's start (``HH:MM``) when the shift has one; without it the person counts on the
    floor for all of the shift's intervals inside the horizon."""


class History(Frozen):
    """The tail of the previous roster: what people worked on the days just before the horizon.

    Rules that look back (rest, forbidden sequences, consecutive days, hours per week, weekends
    per month) count these shifts. A day of the tail with no shift for a person is a day off.
    In a file: ``history: {roster: december.csv}`` (read by the loader), ``history: {worked:
    [...], days: 7}`` or just the list ``history: [{date, staff, shift}, ...]``.
    """

    days: int | None = Field(default=None, ge=1, le=62)
    """How many days before the horizon start the tail covers; default: from its first shift."""
    worked: tuple[Worked, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _list(cls, data: Any) -> Any:
        return {"worked": data} if isinstance(data, (list, tuple)) else data

    def first_day(self, start: dt.date) -> dt.date:
        """The first day the tail covers, for a horizon starting on ``start``."""
        if self.days is not None:
            return start - dt.timedelta(days=self.days)
        return min((w.date for w in self.worked), default=start)

    def shifts(self, start: dt.date) -> dict[str, dict[dt.date, Worked]]:
        """Per person, date → shift worked, for the covered days before ``start``."""
        first = self.first_day(start)
        out: dict[str, dict[dt.date, Worked]] = {}
        for w in self.worked:
            if first <= w.date < start:
                out.setdefault(w.staff, {})[w.date] = w
        return out


OFF_CELL = "off"
"""A day off in a rotation pattern."""


class Rotation(Frozen):
    """A fixed cycle of shifts and days off (``早早中中夜夜休休``) that people or a crew follow:
    ``{id: R4, pattern: [D, D, E, E, N, N, off, off], team: 一班, offset: 2, weight: 50}``.

    On date ``t`` the cell of the pattern is ``pattern[(offset + days from start to t) mod len]``.
    Each cell kept off the pattern costs ``weight`` (none: the pattern is hard); a day of leave or
    a fixed day off excuses its cell (see ``roster.model.rotations``)."""

    id: str
    name: str = ""
    pattern: tuple[str, ...] = Field(min_length=1)
    """Shift ids and ``off``, one per day of the cycle."""
    staff: tuple[str, ...] = ()
    team: str | None = None
    """A team (the ``team`` of staff entries): its members follow the pattern together."""
    offset: int = 0
    """Where in the cycle the anchor date falls (0: the pattern's first cell)."""
    weight: int | None = Field(default=None, ge=0)
    start: dt.date | None = None
    """The anchor date the offset counts from (default: the horizon start)."""
    days: Any = "all"
    """Days the pattern is held to (a day selector); the cycle runs on through the others."""

    @field_validator("pattern", mode="before")
    @classmethod
    def _cells(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):  # YAML 1.1 may read an unquoted off as False
            return [OFF_CELL if v is False else v for v in value]
        return value

    @property
    def label(self) -> str:
        return self.name or self.id


class Team(Frozen):
    """A crew (班组): the staff whose ``team`` is ``id``. ``together: true`` keeps its members who
    work a day on one shift; ``weight`` makes that soft (a cost per member off the crew's shift)."""

    id: str
    name: str = ""
    together: bool = False
    weight: int | None = Field(default=None, ge=0)

    @property
    def label(self) -> str:
        return self.name or self.id


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


def _known_holiday(field: str, name: str, country: str | None) -> None:
    known = holiday_names(country)
    if known is not None and name not in known:
        raise FieldError(field, name, "not a holiday name of the CN calendar",
                         hint=f"names: {', '.join(sorted(known))}")


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


class Scenario(Frozen):
    name: str = "scenario"
    horizon: Horizon
    timezone: str = "Asia/Shanghai"
    """An IANA time zone name (``Asia/Shanghai``, ``Europe/Berlin``)."""
    holidays: Holidays = Holidays()
    roles: tuple[Role, ...] = Field(min_length=1)
    shift_templates: tuple[ShiftTemplate, ...] = ()
    """Shifts whose start the roster chooses; expanded into ``shifts`` (see ShiftTemplate)."""
    shifts: tuple[Shift, ...] = Field(min_length=1)
    staff: tuple[Staff, ...] = Field(min_length=1)
    demand: tuple[DemandLine, ...] = ()
    demand_from: DemandFrom | None = None
    """Demand lines from a call forecast, added after ``demand`` by the loader."""
    leave: tuple[Leave, ...] = ()
    requests: tuple[Request, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    posts: tuple[Post, ...] = ()
    leave_policy: LeavePolicy = LeavePolicy()
    leave_balances: tuple[LeaveBalance, ...] | str = ()
    """Opening balances, inline or a CSV file (staff,type,days) read by roster.model.ledger."""
    leave_wishes: tuple[LeaveWish, ...] = ()
    history: History | None = None
    rules: Rules = Rules()
    fairness: Fairness = Fairness()
    rotations: tuple[Rotation, ...] = ()
    teams: tuple[Team, ...] = ()
    fairness_carry: tuple[Carry, ...] = ()
    """Year-to-date counts per person, inline or a CSV file (staff,nights,weekends,holidays,hours)
    relative to the scenario file, read by the loader."""

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        check_timezone(value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _expand_templates(cls, data: Any) -> Any:
        """Add one shift per start time of each template (shifts from an earlier expansion are replaced)."""
        if not isinstance(data, dict) or not data.get("shift_templates"):
            return data
        templates = data["shift_templates"]
        if not isinstance(templates, (list, tuple)):
            return data
        parsed = []
        for t in templates:
            try:
                parsed.append(t if isinstance(t, ShiftTemplate) else ShiftTemplate.model_validate(t))
            except ValidationError:
                return data  # the field's own validation names the error
        ids = {t.id for t in parsed}
        shifts = [s for s in data.get("shifts") or ()
                  if _get(s, "template") not in ids]
        for i, t in enumerate(parsed):
            for entry in t.expand():
                if not Shift.model_validate(entry).break_starts and t.break_rule is not None:
                    raise FieldError(f"shift_templates[{i}].break.within", list(t.break_rule.within),
                                     f"a {t.break_rule.minutes}-minute break does not fit inside shift "
                                     f"{entry['id']} ({entry['start']}-{entry['end']}) within this window",
                                     hint="widen the window or move the start times")
                shifts.append(entry)
        known = {_get(s, "id") for s in shifts}
        starts = {t.id: [x["id"] for x in t.expand()] for t in parsed if t.id not in known}
        return _template_references({**data, "shifts": shifts}, starts, {x for x in known if isinstance(x, str)})

    # ---- look-ups -------------------------------------------------------
    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def shift_by_id(self) -> dict[str, Shift]:
        return {s.id: s for s in self.shifts}

    @cached_property
    def staff_by_id(self) -> dict[str, Staff]:
        return {s.id: s for s in self.staff}

    @property
    def seat_lines(self) -> list[tuple[int, Demand]]:
        """(index in ``demand``, line) of the seat lines."""
        return [(i, d) for i, d in enumerate(self.demand) if isinstance(d, Demand)]

    @property
    def interval_lines(self) -> list[tuple[int, IntervalDemand]]:
        """(index in ``demand``, line) of the per-interval lines."""
        return [(i, d) for i, d in enumerate(self.demand) if isinstance(d, IntervalDemand)]

    def shifts_named(self, ids: Iterable[str]) -> list[str]:
        """Shift ids, a template id standing for each of its shifts."""
        out: list[str] = []
        for x in ids:
            out.extend([s.id for s in self.shifts if s.template == x] if x not in self.shift_by_id else [x])
        return out

    @cached_property
    def fillable(self) -> dict[str, frozenset[str]]:
        """Role id → every role whose seats it may fill (itself included, transitive)."""
        out: dict[str, frozenset[str]] = {}
        for role in self.roles:
            seen, stack = {role.id}, list(role.covers)
            while stack:
                r = stack.pop()
                if r not in seen:
                    seen.add(r)
                    stack.extend(self.role_by_id[r].covers)
            out[role.id] = frozenset(seen)
        return out

    def seats_for(self, staff: Staff) -> frozenset[str]:
        """Every role whose seat this person may take."""
        return frozenset().union(*(self.fillable[r] for r in staff.roles))

    def rules_for(self, staff_id: str) -> Rules:
        """Scenario rules with this person's overrides applied."""
        person = self.staff_by_id[staff_id]
        override = {k: v for k, v in person.model_dump(include=set(PersonRules.model_fields)).items() if v is not None}
        if not override:
            return self.rules
        return self.rules.model_copy(update={k: getattr(person, k) for k in override})

    # ---- integrity ------------------------------------------------------
    @model_validator(mode="after")
    def _references(self) -> Scenario:
        _unique("roles", [r.id for r in self.roles])
        _unique("shifts", [s.id for s in self.shifts])
        _unique("staff", [s.id for s in self.staff])
        roles = {r.id for r in self.roles}
        shifts = {s.id for s in self.shifts}
        staff = {s.id for s in self.staff}
        for i, r in enumerate(self.roles):
            for c in r.covers:
                _known(f"roles[{i}].covers", c, roles, "role")
        for i, s in enumerate(self.shifts):
            check_days(f"shifts[{i}].on", s.on)
        for i, p in enumerate(self.staff):
            for r in p.roles:
                _known(f"staff[{i}].roles", r, roles, "role")
            for c in p.cannot:
                self._known_shift(f"staff[{i}].cannot", c, shifts)
            for k in p.max_shifts or {}:
                self._known_shift(f"staff[{i}].max_shifts", k, shifts)
            for j, seq in enumerate(p.forbidden_sequences or ()):
                for c in seq:
                    self._known_shift(f"staff[{i}].forbidden_sequences[{j}]", c, shifts)
            for d in p.days_off:
                _inside(f"staff[{i}].days_off", d, self.horizon)
        for k in self.rules.max_shifts or {}:
            self._known_shift("rules.max_shifts", k, shifts)
        for j, seq in enumerate(self.rules.forbidden_sequences or ()):
            for c in seq:
                self._known_shift(f"rules.forbidden_sequences[{j}]", c, shifts)
        _unique("shift_templates", [t.id for t in self.shift_templates])
        templates = {t.id for t in self.shift_templates}
        for where, rules in [("rules", self.rules)] + [(f"staff[{i}]", p) for i, p in enumerate(self.staff)]:
            for k in rules.max_template_shifts or {}:
                _known(f"{where}.max_shifts", k, templates, "template")
        for where, entries in (("requests", self.requests), ("fixed", self.fixed)):
            for i, e in enumerate(entries):
                for c in e.one_of:
                    self._known_shift(f"{where}[{i}].shift", c, shifts)
        for i, d in self.interval_lines:
            self._check_interval_line(i, d, roles, shifts)
        for i, d in self.seat_lines:
            _known(f"demand[{i}].shift", d.shift, shifts, "shift")
            if d.role is not None:
                _known(f"demand[{i}].role", d.role, roles, "role")
            check_days(f"demand[{i}].days", d.days)
            lo, hi = limit_value(d.min), limit_value(d.max)
            if lo is not None and lo < 0:
                raise FieldError(f"demand[{i}].min", lo, "seats cannot be negative")
            if hi is not None and lo is not None and hi < lo:
                raise FieldError(f"demand[{i}].max", hi, f"max is below min {lo:g}")
        for i, lv in enumerate(self.leave):
            _known(f"leave[{i}].staff", lv.staff, staff, "staff")
            if lv.end < self.horizon.start or lv.start > self.horizon.end:
                raise FieldError(f"leave[{i}].start", str(lv.start),
                                 f"leave {lv.start}..{lv.end} lies outside the horizon "
                                 f"{self.horizon.start}..{self.horizon.end}")
        for i, rq in enumerate(self.requests):
            _known(f"requests[{i}].staff", rq.staff, staff, "staff")
            _inside(f"requests[{i}].date", rq.date, self.horizon)
            if rq.shift is not None:
                self._known_shift(f"requests[{i}].shift", rq.shift, shifts)
        for i, fx in enumerate(self.fixed):
            _known(f"fixed[{i}].staff", fx.staff, staff, "staff")
            _inside(f"fixed[{i}].date", fx.date, self.horizon)
            if fx.shift is not None:
                self._known_shift(f"fixed[{i}].shift", fx.shift, shifts)
            if fx.role is not None:
                _known(f"fixed[{i}].role", fx.role, roles, "role")
        if self.history is not None:
            seen_cells: set[tuple[str, dt.date]] = set()
            for i, w in enumerate(self.history.worked):
                _known(f"history.worked[{i}].staff", w.staff, staff, "staff")
                self._known_shift(f"history.worked[{i}].shift", w.shift, shifts)
                if w.role is not None:
                    _known(f"history.worked[{i}].role", w.role, roles, "role")
                if w.date >= self.horizon.start:
                    raise FieldError(f"history.worked[{i}].date", str(w.date),
                                     f"a history shift must lie before the horizon start {self.horizon.start}",
                                     hint="the history is the tail of the previous roster")
                if (w.staff, w.date) in seen_cells:
                    raise FieldError(f"history.worked[{i}].date", str(w.date),
                                     f"{w.staff} has two shifts on {w.date} in the history")
                seen_cells.add((w.staff, w.date))
        self._check_posts(roles, shifts, staff)
        self._check_leave_types(staff)
        self._check_rotations(shifts, staff)
        seen: set[str] = set()
        for i, c in enumerate(self.fairness_carry):
            _known(f"fairness_carry[{i}].staff", c.staff, staff, "staff")
            if c.staff in seen:
                raise FieldError(f"fairness_carry[{i}].staff", c.staff, f"{c.staff} has two rows of counts")
            seen.add(c.staff)
            for key in ("by_holiday", "last_holidays"):
                for name in getattr(c, key):
                    _known_holiday(f"fairness_carry[{i}].{key}", name, self.holidays.country)
        return self

    def _known_shift(self, field: str, value: str, shifts: set[str]) -> None:
        """A shift id (template ids were put as their starts before this check)."""
        if value not in shifts:
            _unknown_shift(field, value, shifts, {t.id for t in self.shift_templates})

    def _check_rotations(self, shifts: set[str], staff: set[str]) -> None:
        _unique("teams", [t.id for t in self.teams])
        named = {p.team for p in self.staff if p.team}
        for i, t in enumerate(self.teams):
            if t.id not in named:
                raise FieldError(f"teams[{i}].id", t.id, f"no staff entry has team {t.id!r}",
                                 hint=f"teams named on staff: {', '.join(sorted(named)) or 'none'}")
        _unique("rotations", [r.id for r in self.rotations])
        taken: dict[str, str] = {}
        for i, r in enumerate(self.rotations):
            where = f"rotations[{i}]"
            for j, cell in enumerate(r.pattern):
                if cell != OFF_CELL:
                    _known(f"{where}.pattern[{j}]", cell, shifts | {OFF_CELL}, "shift (or off)")
            if not 0 <= r.offset < len(r.pattern):
                raise FieldError(f"{where}.offset", r.offset,
                                 f"the offset lies outside the {len(r.pattern)}-day pattern",
                                 hint=f"use 0 .. {len(r.pattern) - 1}")
            if bool(r.staff) == (r.team is not None):
                raise FieldError(f"{where}.staff", list(r.staff), "give either staff or team (who follows the pattern)")
            for sid in r.staff:
                _known(f"{where}.staff", sid, staff, "staff")
            if r.team is not None:
                _known(f"{where}.team", r.team, named, "team")
            check_days(f"{where}.days", r.days)
            for sid in r.staff or [p.id for p in self.staff if p.team == r.team]:
                if sid in taken:
                    raise FieldError(f"{where}.{'staff' if r.staff else 'team'}", sid if r.staff else r.team,
                                     f"{sid} already follows rotation {taken[sid]}",
                                     hint="a person follows one rotation (split it by days if it changes)")
                taken[sid] = r.id

    def _check_interval_line(self, i: int, line: IntervalDemand, roles: set[str], shifts: set[str]) -> None:
        where = f"demand[{i}]"
        if line.role is not None:
            _known(f"{where}.role", line.role, roles, "role")
        check_days(f"{where}.days", line.days)
        templates = {t.id for t in self.shift_templates}
        for s in line.shifts or ():
            _known(f"{where}.shifts", s, shifts | templates, "shift or template")
        if isinstance(line.per_interval, str):
            return
        if not line.per_interval:
            raise FieldError(f"{where}.per_interval", [], "the forecast has no rows")
        for j, row in enumerate(line.per_interval):
            if parse_minutes(row.interval) % line.interval_minutes:
                raise FieldError(f"{where}.per_interval[{j}].interval", row.interval,
                                 f"not on the {line.interval_minutes}-minute grid",
                                 hint="interval starts are multiples of interval_minutes from 00:00")
            if row.agents is None and line.aht_seconds is None:
                raise FieldError(f"{where}.aht_seconds", None,
                                 "the forecast gives calls; Erlang C needs the average handle time",
                                 hint="add aht_seconds to the demand line, or give agents per interval")
            if row.weekday is not None and row.weekday not in WEEKDAYS:
                raise FieldError(f"{where}.per_interval[{j}].weekday", row.weekday, "not a weekday (mon..sun)")
            if row.date is not None:
                _inside(f"{where}.per_interval[{j}].date", row.date, self.horizon)

    def _check_posts(self, roles: set[str], shifts: set[str], staff: set[str]) -> None:
        _unique("posts", [p.id for p in self.posts])
        for i, post in enumerate(self.posts):
            if not post.shifts:
                raise FieldError(f"posts[{i}].shift", [], "a post needs at least one shift")
            for s in post.shifts:
                _known(f"posts[{i}].shift", s, shifts, "shift")
            check_days(f"posts[{i}].days", post.days)
            _known(f"posts[{i}].a", post.a, staff, "staff")
            if not post.backups:
                raise FieldError(f"posts[{i}].b", [], "a post needs at least one backup holder")
            for b in post.backups:
                _known(f"posts[{i}].b", b, staff, "staff")
            if len(set(post.holders)) != len(post.holders):
                raise FieldError(f"posts[{i}].b", list(post.backups), "a holder is listed twice (A or a backup)")
            if post.counts_toward is not None:
                _known(f"posts[{i}].counts_toward", post.counts_toward, roles, "role")
                for h in post.holders:
                    if post.counts_toward not in self.seats_for(self.staff_by_id[h]):
                        raise FieldError(f"posts[{i}].counts_toward", post.counts_toward,
                                         f"holder {h} cannot take a {post.counts_toward} seat",
                                         hint="give the holder that role, or drop counts_toward")

    def _check_leave_types(self, staff: set[str]) -> None:
        types = set(self.leave_policy.types)
        hint = "leave types come from leave_policy.types"
        for i, lv in enumerate(self.leave):
            _known(f"leave[{i}].type", lv.type, types, "leave type")
            kind = self.leave_policy.types[lv.type]
            if lv.half is not None and not kind.half_days:
                raise FieldError(f"leave[{i}].half", lv.half, f"{lv.type} leave cannot be taken in half days", hint)
            for x in lv.extras:
                if x not in kind.extras and x not in kind.alternatives:
                    _known(f"leave[{i}].extras", x, set(kind.extras) | set(kind.alternatives), f"{lv.type} extra")
        for i, w in enumerate(self.leave_wishes):
            _known(f"leave_wishes[{i}].staff", w.staff, staff, "staff")
            _known(f"leave_wishes[{i}].type", w.type, types, "leave type")
            if w.window.end < self.horizon.start or w.window.start > self.horizon.end:
                raise FieldError(f"leave_wishes[{i}].window", f"{w.window.start}..{w.window.end}",
                                 f"window lies outside the horizon {self.horizon.start}..{self.horizon.end}")
        if not isinstance(self.leave_balances, str):
            for i, bal in enumerate(self.leave_balances):
                _known(f"leave_balances[{i}].staff", bal.staff, staff, "staff")
                _known(f"leave_balances[{i}].type", bal.type, types, "leave type")
        if self.leave_wishes:
            check_ledger(self)


def _get(entry: Any, key: str) -> Any:
    return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)


def _put(entry: Any, changes: dict[str, Any]) -> Any:
    """``entry`` (a mapping or a model) with some fields replaced; unchanged when there are none."""
    if not changes:
        return entry
    if isinstance(entry, BaseModel):
        return entry.model_copy(update={k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()})
    return {**entry, **changes}


def _unknown_shift(field: str, value: Any, shifts: Iterable[str], templates: Iterable[str]) -> None:
    """Raise the FieldError for a name that is neither a shift id nor a template id."""
    known = sorted(templates)
    also = f"; template ids (each standing for all its starts): {', '.join(known)}" if known else ""
    raise FieldError(field, value, "unknown shift or template" if known else "unknown shift",
                     hint=f"known shift ids: {', '.join(sorted(shifts))}{also}")


def _template_references(data: dict, starts: dict[str, list[str]], shifts: set[str]) -> dict:
    """Template ids in the fields that name shifts, put as the shift ids of their starts.

    ``cannot`` and ``forbidden_sequences`` take every start (every pair of starts); ``max_shifts``
    caps each start and keeps the template's total in ``max_template_shifts``; a wish or pin for a
    template names its first start in ``shift`` and all of them in ``one_of`` (a wish not to work a
    template becomes one wish per start); a history shift takes the template's latest start (the one
    that leaves the least rest). Ids that name no shift and no template are left for ``_references``
    to name. Running this on its own output changes nothing."""
    if not starts:
        return data

    def ids(x: Any) -> list[Any]:
        return list(starts[x]) if isinstance(x, str) and x in starts else [x]

    def person(entry: Any, where: str) -> Any:
        if not isinstance(entry, (dict, BaseModel)):
            return entry
        for j, q in enumerate(_get(entry, "forbidden_sequences") or ()):
            for c in q if isinstance(q, (list, tuple)) else ():
                if isinstance(c, str) and c not in shifts and c not in starts:
                    _unknown_shift(f"{where}.forbidden_sequences[{j}]", c, shifts, starts)
        changes: dict[str, Any] = {}
        cannot = _get(entry, "cannot")
        if isinstance(cannot, (list, tuple)) and any(c in starts for c in cannot if isinstance(c, str)):
            changes["cannot"] = list(dict.fromkeys(x for c in cannot for x in ids(c)))
        seqs = _get(entry, "forbidden_sequences")
        if isinstance(seqs, (list, tuple)) and any(
                isinstance(q, (list, tuple)) and any(isinstance(c, str) and c in starts for c in q) for q in seqs):
            out: list[Any] = []
            for q in seqs:
                if isinstance(q, (list, tuple)) and len(q) == 2:
                    out.extend([a, b] for a in ids(q[0]) for b in ids(q[1]))
                else:
                    out.append(q)
            changes["forbidden_sequences"] = list(dict.fromkeys(tuple(x) if isinstance(x, list) else x
                                                               for x in out))
            changes["forbidden_sequences"] = [list(x) if isinstance(x, tuple) else x
                                              for x in changes["forbidden_sequences"]]
        caps = _get(entry, "max_shifts")
        if isinstance(caps, dict) and any(k in starts for k in caps):
            each: dict[Any, Any] = {}
            groups = dict(_get(entry, "max_template_shifts") or {})
            for k, n in caps.items():
                if k in starts:
                    groups[k] = n
                for x in ids(k):
                    each[x] = n if x not in each or not isinstance(n, int) or not isinstance(each[x], int) \
                        else min(n, each[x])
            changes["max_shifts"] = each
            changes["max_template_shifts"] = groups
        return _put(entry, changes)

    def one_of(entry: Any) -> Any:
        shift = _get(entry, "shift")
        if not isinstance(entry, (dict, BaseModel)) or not isinstance(shift, str) or shift not in starts:
            return entry
        return _put(entry, {"shift": starts[shift][0], "one_of": list(starts[shift])})

    out = dict(data)
    if isinstance(data.get("staff"), (list, tuple)):
        out["staff"] = [person(p, f"staff[{i}]") for i, p in enumerate(data["staff"])]
    if "rules" in data:
        out["rules"] = person(data["rules"], "rules")
    if isinstance(data.get("fixed"), (list, tuple)):
        out["fixed"] = [one_of(f) for f in data["fixed"]]
    if isinstance(data.get("requests"), (list, tuple)):
        wishes: list[Any] = []
        for rq in data["requests"]:
            shift = _get(rq, "shift")
            if isinstance(shift, str) and shift in starts and _get(rq, "off") is True:
                wishes.extend(_put(rq, {"shift": x}) for x in starts[shift])
            else:
                wishes.append(one_of(rq))
        out["requests"] = wishes
    history = data.get("history")
    worked = history if isinstance(history, (list, tuple)) else _get(history, "worked") if history else None
    if isinstance(worked, (list, tuple)):
        last = {t: xs[-1] for t, xs in starts.items()}
        tail = [_put(w, {"shift": last[_get(w, "shift")]})
                if isinstance(w, (dict, BaseModel)) and _get(w, "shift") in last else w for w in worked]
        out["history"] = tail if isinstance(history, (list, tuple)) else _put(history, {"worked": tail})
    return out


def _unique(field: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            raise FieldError(f"{field}[{i}].id", x, f"duplicate id {x!r}")
        seen.add(x)


def _known(field: str, value: str, known: set[str], what: str) -> None:
    if value not in known:
        raise FieldError(field, value, f"unknown {what}",
                         hint=f"known {what} ids: {', '.join(sorted(known))}")


def _inside(field: str, day: dt.date, horizon: Horizon) -> None:
    if not horizon.start <= day <= horizon.end:
        raise FieldError(field, str(day), f"date lies outside the horizon {horizon.start}..{horizon.end}")


def check_days(field: str, spec: Any) -> None:
    """Raise FieldError if ``spec`` is not a valid day selector (an item or a list of items)."""
    items = spec if isinstance(spec, (list, tuple)) else [spec]
    for item in items:
        try:
            selector_item(item)
        except (ValueError, TypeError) as exc:
            raise FieldError(field, item, str(exc) if str(exc) else "not a day selector",
                             hint=SELECTOR_HINT) from None


def check_timezone(name: str) -> None:
    """Raise ValueError unless ``name`` is an IANA time zone (``Asia/Shanghai``)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}; use an IANA name such as Asia/Shanghai or "
                         "Europe/Berlin") from None
