"""Curtois & Qu (2014) shift-scheduling instances: read a file, map it onto the scenario model.

The format (sections ``SECTION_HORIZON`` .. ``SECTION_COVER``) is described in the benchmark's
README. Every part maps to a general rule of the engine:

=========================  =================================================================
instance                   scenario
=========================  =================================================================
days off                   ``staff.days_off`` (hard)
shift-on request           request ``shift`` (cost = weight when not given that shift)
shift-off request          request ``shift`` + ``off: true`` (cost = weight when given it)
cover                      demand lines (shift, dates) with soft ``min`` {value, 100} and soft
                           ``max`` {value, 1}, for the one role ``nurse``
max shifts per type        ``staff.max_shifts`` (0 = never works that shift)
min/max total minutes      ``staff.min_hours_total`` / ``max_hours_total`` (minutes / 60)
max/min consecutive        ``staff.max_consecutive_work_days`` / ``min_consecutive_work_days``
min consecutive days off   ``staff.min_consecutive_days_off``
max weekends               ``staff.max_weekends``
forbidden successions      ``rules.forbidden_sequences``
=========================  =================================================================

Day 0 is a Monday (2024-01-01 unless told otherwise). Rest between shifts, weekly hours and
fairness are switched off; shift times only matter for rest, so every shift starts at 00:00 and
lasts its length.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from roster.model.parse import ScenarioError
from roster.model.scenario import (
    Demand,
    Horizon,
    Request,
    Role,
    Rules,
    Scenario,
    Shift,
    Soft,
    Staff,
)

START = dt.date(2024, 1, 1)
"""A Monday: day 0 of every instance."""

ROLE = "nurse"
SECTIONS = (
    "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
)


@dataclass(frozen=True)
class ShiftType:
    id: str
    minutes: int
    forbidden_next: tuple[str, ...]
    """Shift ids that may not be worked on the day after this one."""


@dataclass(frozen=True)
class Employee:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class ShiftRequest:
    staff: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass
class Instance:
    """The file's content, as written (day indexes 0-based)."""

    name: str
    days: int
    shifts: list[ShiftType]
    staff: list[Employee]
    days_off: dict[str, list[int]] = field(default_factory=dict)
    on_requests: list[ShiftRequest] = field(default_factory=list)
    off_requests: list[ShiftRequest] = field(default_factory=list)
    cover: list[Cover] = field(default_factory=list)

    @property
    def shift_by_id(self) -> dict[str, ShiftType]:
        return {s.id: s for s in self.shifts}

    @property
    def weeks(self) -> int:
        return self.days // 7


def benchmark_dir() -> Path:
    """Where the 24 instance files live: ``$ROSTER_CURTOIS_DIR`` or ``../shared/benchmarks/curtois``
    next to the repository."""
    env = os.environ.get("ROSTER_CURTOIS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "curtois"


def instance_path(number: int, folder: Path | None = None) -> Path:
    return (folder or benchmark_dir()) / f"Instance{number}.txt"


# ---- reading --------------------------------------------------------------------------------

class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name

    def error(self, line: int, column: str, value, message: str, hint: str = "") -> ScenarioError:
        return ScenarioError(self.name, f"line {line}, {column}", value, message, hint)

    def int(self, line: int, column: str, text: str, least: int = 0) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise self.error(line, column, text, "not a whole number") from None
        if value < least:
            raise self.error(line, column, value, f"must be at least {least}")
        return value

    def fields(self, line: int, text: str, count: int, columns: str) -> list[str]:
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != count:
            raise self.error(line, "row", text,
                             f"expected {count} comma-separated fields, found {len(parts)}",
                             hint=f"columns: {columns}")
        return parts


def read_instance(path: str | Path) -> Instance:
    """Parse an instance file; bad content raises ScenarioError naming the line, column and
    value."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScenarioError(str(path), "", None, "file not found",
                            hint="set ROSTER_CURTOIS_DIR to the folder with Instance1.txt .. "
                                 "Instance24.txt") from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(str(path), "", None, f"not a text file ({exc.reason})") from None
    return parse_instance(text, name=str(path))


def parse_instance(text: str, name: str = "<instance>") -> Instance:
    """Parse the text of an instance file (see :func:`read_instance`)."""
    rd = _Reader(name)
    sections: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\r", "").strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            if line not in SECTIONS:
                raise rd.error(number, "section", line, "unknown section", hint=", ".join(SECTIONS))
            if line in sections:
                raise rd.error(number, "section", line, "section appears twice")
            current = line
            sections[current] = []
            continue
        if current is None:
            raise rd.error(number, "row", line, "data before the first SECTION_ line")
        sections[current].append((number, line))
    for need in ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_COVER"):
        if need not in sections:
            raise ScenarioError(name, need, None, "section missing")

    horizon = sections["SECTION_HORIZON"]
    if len(horizon) != 1:
        raise ScenarioError(name, "SECTION_HORIZON", len(horizon),
                            "expected one line with the number of days")
    days = rd.int(horizon[0][0], "horizon", horizon[0][1], least=1)
    if days % 7:
        raise rd.error(horizon[0][0], "horizon", days,
                       "the horizon must be a whole number of weeks")

    shifts: list[ShiftType] = []
    for number, line in sections["SECTION_SHIFTS"]:
        sid, length, forbidden = rd.fields(number, line, 3, "ShiftID, LengthInMinutes, Forbidden")
        if not sid:
            raise rd.error(number, "ShiftID", sid, "empty shift id")
        minutes = rd.int(number, "LengthInMinutes", length, least=1)
        if minutes > 16 * 60:
            raise rd.error(number, "LengthInMinutes", minutes, "a shift may last at most 16 hours")
        shifts.append(ShiftType(sid, minutes,
                                tuple(f.strip() for f in forbidden.split("|") if f.strip())))
    known = {s.id for s in shifts}
    if len(known) != len(shifts):
        raise ScenarioError(name, "SECTION_SHIFTS", [s.id for s in shifts], "duplicate shift id")
    for number, line in sections["SECTION_SHIFTS"]:
        sid = line.split(",")[0].strip()
        for f in next(s for s in shifts if s.id == sid).forbidden_next:
            if f not in known:
                raise rd.error(number, "Forbidden", f, f"unknown shift {f!r}",
                               hint=f"known: {', '.join(sorted(known))}")

    staff: list[Employee] = []
    cols = ("ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, "
            "MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends")
    for number, line in sections["SECTION_STAFF"]:
        f = rd.fields(number, line, 8, cols)
        caps: dict[str, int] = {}
        for item in (x for x in f[1].split("|") if x.strip()):
            sid, eq, cap = item.partition("=")
            if not eq or sid.strip() not in known:
                raise rd.error(number, "MaxShifts", item,
                               "expected ShiftID=limit with a known shift id",
                               hint=f"known: {', '.join(sorted(known))}")
            caps[sid.strip()] = rd.int(number, "MaxShifts", cap)
        emp = Employee(f[0], caps, rd.int(number, "MaxTotalMinutes", f[2]),
                       rd.int(number, "MinTotalMinutes", f[3]),
                       rd.int(number, "MaxConsecutiveShifts", f[4]),
                       rd.int(number, "MinConsecutiveShifts", f[5]),
                       rd.int(number, "MinConsecutiveDaysOff", f[6]),
                       rd.int(number, "MaxWeekends", f[7]))
        if emp.min_minutes > emp.max_minutes:
            raise rd.error(number, "MinTotalMinutes", emp.min_minutes,
                           f"above MaxTotalMinutes {emp.max_minutes}")
        staff.append(emp)
    people = {e.id for e in staff}
    if not staff:
        raise ScenarioError(name, "SECTION_STAFF", None, "no staff")
    if len(people) != len(staff):
        raise ScenarioError(name, "SECTION_STAFF", [e.id for e in staff], "duplicate staff id")

    def who(number: int, value: str) -> str:
        if value not in people:
            raise rd.error(number, "EmployeeID", value, "unknown staff id")
        return value

    def day(number: int, value: str) -> int:
        d = rd.int(number, "Day", value)
        if d >= days:
            raise rd.error(number, "Day", d, f"outside the horizon 0..{days - 1}")
        return d

    def shift(number: int, value: str) -> str:
        if value not in known:
            raise rd.error(number, "ShiftID", value, "unknown shift id",
                           hint=f"known: {', '.join(sorted(known))}")
        return value

    inst = Instance(path_name(name), days, shifts, staff)
    for number, line in sections.get("SECTION_DAYS_OFF", []):
        parts = [p.strip() for p in line.split(",")]
        inst.days_off.setdefault(who(number, parts[0]), []).extend(day(number, p) for p in parts[1:]
                                                                   if p)
    for key, target in (("SECTION_SHIFT_ON_REQUESTS", inst.on_requests),
                        ("SECTION_SHIFT_OFF_REQUESTS", inst.off_requests)):
        for number, line in sections.get(key, []):
            e, d, s, w = rd.fields(number, line, 4, "EmployeeID, Day, ShiftID, Weight")
            target.append(ShiftRequest(who(number, e), day(number, d), shift(number, s),
                                       rd.int(number, "Weight", w)))
    seen: set[tuple[int, str]] = set()
    for number, line in sections["SECTION_COVER"]:
        d, s, req, under, over = rd.fields(number, line, 5,
                                           "Day, ShiftID, Requirement, WeightUnder, WeightOver")
        c = Cover(day(number, d), shift(number, s), rd.int(number, "Requirement", req),
                  rd.int(number, "WeightUnder", under), rd.int(number, "WeightOver", over))
        if (c.day, c.shift) in seen:
            raise rd.error(number, "row", line,
                           f"second cover row for day {c.day}, shift {c.shift}")
        seen.add((c.day, c.shift))
        inst.cover.append(c)
    return inst


def path_name(name: str) -> str:
    return Path(name).stem if name and not name.startswith("<") else name.strip("<>")


# ---- mapping onto the scenario model ---------------------------------------------------------

def to_scenario(inst: Instance, start: dt.date = START) -> Scenario:
    """The instance as the project's own Scenario (see the module docstring for the mapping)."""
    if start.weekday() != 0:
        raise ScenarioError(inst.name, "start", str(start), "day 0 of an instance is a Monday")

    def date(d: int) -> dt.date:
        return start + dt.timedelta(days=d)

    shifts = tuple(
        Shift(id=s.id, start="00:00", end=f"{s.minutes // 60:02d}:{s.minutes % 60:02d}",
              minutes=s.minutes, night=False)
        for s in inst.shifts
    )
    staff = tuple(
        Staff(
            id=e.id, roles=(ROLE,),
            days_off=tuple(date(d) for d in sorted(set(inst.days_off.get(e.id, [])))),
            max_shifts=dict(e.max_shifts),
            max_hours_total=e.max_minutes / 60, min_hours_total=e.min_minutes / 60,
            max_consecutive_work_days=e.max_consecutive,
            min_consecutive_work_days=e.min_consecutive, min_consecutive_days_off=e.min_days_off,
            max_weekends=e.max_weekends,
        )
        for e in inst.staff
    )
    # one demand line per (shift, requirement, weights) listing its dates: the same seats as one
    # line
    # per cover row, and far fewer lines to match against the calendar
    groups: dict[tuple[str, int, int, int], list[dt.date]] = {}
    for c in inst.cover:
        groups.setdefault((c.shift, c.requirement, c.weight_under, c.weight_over),
                          []).append(date(c.day))
    demand = tuple(
        Demand(shift=sid, role=ROLE, days=dates, min=Soft(value=req, weight=under),
               max=Soft(value=req, weight=over))
        for (sid, req, under, over), dates in groups.items()
    )
    requests = tuple(
        [Request(staff=r.staff, date=date(r.day), shift=r.shift, weight=r.weight)
         for r in inst.on_requests]
        + [Request(staff=r.staff, date=date(r.day), shift=r.shift, off=True, weight=r.weight)
           for r in inst.off_requests]
    )
    rules = Rules(
        min_rest_hours=None, max_hours_per_week=None, max_consecutive_work_days=None,
        min_consecutive_days_off=None, overstaffing_weight=0,
        forbidden_sequences=tuple((s.id, t) for s in inst.shifts for t in s.forbidden_next),
    )
    return Scenario(
        name=inst.name, horizon=Horizon(start=start, end=date(inst.days - 1)),
        roles=(Role(id=ROLE, name="nurse"),), shifts=shifts, staff=staff, demand=demand,
        requests=requests, rules=rules,
    )


def load_curtois(path: str | Path, start: dt.date = START) -> Scenario:
    """Read an instance file straight into a Scenario."""
    return to_scenario(read_instance(path), start)


# ---- solutions as CSV ------------------------------------------------------------------------

def write_solution(rows: list[tuple[str, int, str]], path: str | Path) -> Path:
    """Write ``staff_id,day,shift_id`` rows (day 0-based, one row per worked shift)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("staff_id,day,shift_id\n")
        for staff, d, s in sorted(rows, key=lambda r: (r[0], r[1])):
            fh.write(f"{staff},{d},{s}\n")
    return path


def solution_rows(roster, start: dt.date = START) -> list[tuple[str, int, str]]:
    """A solved roster as ``(staff_id, day, shift_id)`` rows."""
    return [(a.staff, (a.date - start).days, a.shift) for a in roster]
