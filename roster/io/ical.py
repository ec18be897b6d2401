"""iCalendar (.ics) of the roster, for everyone or one person, in a named time zone.

One event per worked segment (a split shift gives two), with local start and end in the time zone
(``Asia/Shanghai`` unless told otherwise) and a ``VTIMEZONE`` so calendar programs agree. UIDs name
the person, date and segment, and the stamp is the horizon start, so exporting the same roster twice
gives the same file and a re-export updates events instead of doubling them. Shift times are
wall-clock times in the scenario's time zone; another ``tz`` converts them (a 08:00 shift in
Shanghai is 01:00 in Berlin in winter). Days of leave are all-day events; a half day is a timed
event (``am``: 00:00-12:00, ``pm``: 12:00-24:00) with ``X-ROSTER-HALF``. ``X-ROSTER-*`` properties
carry the staff id, date, shift, role, post and leave type for reading back. A break the roster
placed (shifts from ``shift_templates``) is a gap: the shift becomes two events, before and after
the break, both naming it in the description and in ``X-ROSTER-BREAK`` (its start, HH:MM).

``read_ical`` reads such a file back into a roster.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar as ICalendar
from icalendar import Event

from roster.io.breaks import break_text
from roster.io.cells import half_days, leave_by_day, leave_labels
from roster.io.roster_csv import break_window
from roster.model.calendar import Calendar
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster
from roster.model.scenario import Scenario

DEFAULT_TZ = "Asia/Shanghai"


def zone(name: str) -> ZoneInfo:
    """A time zone by IANA name; a bad name raises ScenarioError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScenarioError("command line", "--tz", name, "unknown time zone",
                            hint="use an IANA name such as Asia/Shanghai or Europe/Berlin",
                            ) from None


def ical_bytes(scenario: Scenario, roster: Roster, tz: str | None = None, staff: str | None = None,
               calendar: Calendar | None = None) -> bytes:
    """The roster as iCalendar bytes; ``staff`` limits it to one person."""
    cal = calendar or Calendar(scenario)
    home = zone(scenario.timezone or DEFAULT_TZ)
    tzinfo = zone(tz) if tz else home
    if staff is not None and staff not in scenario.staff_by_id:
        raise ScenarioError("--staff", "staff", staff, "unknown staff id",
                            hint=f"known staff ids: {', '.join(sorted(scenario.staff_by_id))}")
    out = ICalendar()
    out.add("prodid", "-//roster//roster export//EN")
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    who = scenario.staff_by_id[staff].label if staff else ""
    out.add("x-wr-calname", f"{scenario.name} {who}".strip())
    out.add("x-wr-timezone", tzinfo.key)
    stamp = dt.datetime.combine(scenario.horizon.start, dt.time(), tzinfo=dt.timezone.utc)
    for a in roster:
        if staff is not None and a.staff != staff:
            continue
        shift = scenario.shift_by_id.get(a.shift)
        if shift is None or a.date not in cal.index:
            continue
        person = scenario.staff_by_id.get(a.staff)
        title = f"{shift.label} {shift.id}" if shift.name else shift.id
        if a.post:
            title += f" post {a.post}"
        if staff is None:
            title = f"{person.label if person else a.staff}: {title}"
        pieces = cal.instance(shift, a.date)
        pause = break_window(shift, a)
        if pause is not None:
            pieces = [part for s0, e0 in pieces
                      for part in ((s0, min(e0, pause[0])), (max(s0, pause[1]), e0))
                      if part[0] < part[1]]
        for k, (start, end) in enumerate(pieces, start=1):
            ev = Event()
            ev.add("uid", f"{a.date:%Y%m%d}-{a.staff}-{k}@roster")
            ev.add("dtstamp", stamp)
            ev.add("dtstart", start.replace(tzinfo=home).astimezone(tzinfo))
            ev.add("dtend", end.replace(tzinfo=home).astimezone(tzinfo))
            ev.add("summary", title)
            pause_text = f"break {break_text(scenario, a.shift, a.break_at)}" if pause else ""
            ev.add("description", "; ".join(x for x in (f"shift {shift.id} {shift.times_text()}",
                                                       f"role {a.role}" if a.role else "",
                                                       f"post {a.post}" if a.post else "",
                                                       pause_text) if x))
            ev.add("categories", [shift.id])
            ev.add("x-roster-staff", a.staff)
            ev.add("x-roster-date", a.date.isoformat())
            ev.add("x-roster-shift", a.shift)
            if a.role:
                ev.add("x-roster-role", a.role)
            if a.post:
                ev.add("x-roster-post", a.post)
            if pause is not None:
                ev.add("x-roster-break", a.break_at)
            out.add_component(ev)
    labels = leave_labels(scenario)
    halves = half_days(scenario)
    for (who, day), kind in sorted(leave_by_day(scenario, roster).items(),
                                   key=lambda kv: (kv[0][1], kv[0][0])):
        if staff is not None and who != staff:
            continue
        person = scenario.staff_by_id.get(who)
        ev = Event()
        ev.add("uid", f"{day:%Y%m%d}-{who}-leave@roster")
        ev.add("dtstamp", stamp)
        half = halves.get((who, day))
        if half is None:
            ev.add("dtstart", day)
            ev.add("dtend", day + dt.timedelta(days=1))
        else:
            noon = dt.datetime.combine(day, dt.time(12), tzinfo=home)
            midnight = dt.datetime.combine(day, dt.time(), tzinfo=home)
            first, last = ((midnight, noon) if half == "am"
                           else (noon, midnight + dt.timedelta(days=1)))
            ev.add("dtstart", first.astimezone(tzinfo))
            ev.add("dtend", last.astimezone(tzinfo))
            ev.add("x-roster-half", half)
        title = f"{labels.get(kind, kind)} ({kind} leave{', ' + half if half else ''})"
        ev.add("summary", title if staff else f"{person.label if person else who}: {title}")
        ev.add("transp", "TRANSPARENT")
        ev.add("x-roster-staff", who)
        ev.add("x-roster-date", day.isoformat())
        ev.add("x-roster-leave", kind)
        out.add_component(ev)
    out.add_missing_timezones()
    return out.to_ical()


def write_ical(scenario: Scenario, roster: Roster, path: str | Path, tz: str | None = None,
               staff: str | None = None, calendar: Calendar | None = None) -> None:
    Path(path).write_bytes(ical_bytes(scenario, roster, tz, staff, calendar))


def read_ical(path: str | Path) -> Roster:
    """Assignments from the ``X-ROSTER-*`` properties of each event (segments merge into one)."""
    path = Path(path)
    name = str(path)
    try:
        cal = ICalendar.from_ical(path.read_bytes())
    except FileNotFoundError:
        raise ScenarioError(name, "", None, "file not found") from None
    except IsADirectoryError:
        raise ScenarioError(name, "", None, "is a folder, not a roster file") from None
    except ValueError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        reason = reason if len(reason) <= 120 else reason[:117] + "..."
        raise ScenarioError(name, "", None, f"not an iCalendar file ({reason})",
                            hint="only calendars exported by `roster export --format ics` read "
                                 "back") from None
    out: set[Assignment] = set()
    leave: set[LeaveDay] = set()
    for n, ev in enumerate(cal.walk("VEVENT"), start=1):
        staff, date, shift = (str(ev.get(k, ""))
                              for k in ("X-ROSTER-STAFF", "X-ROSTER-DATE", "X-ROSTER-SHIFT"))
        kind = str(ev.get("X-ROSTER-LEAVE", ""))
        if not (staff and date and (shift or kind)):
            raise ScenarioError(name, f"event {n} ({ev.get('UID', '')})",
                                str(ev.get("SUMMARY", "")),
                                "no X-ROSTER-STAFF/DATE/SHIFT properties",
                                hint="only calendars exported by `roster export --format ics` read "
                                     "back")
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise ScenarioError(name, f"event {n}, X-ROSTER-DATE", date,
                                "not a date (YYYY-MM-DD)") from None
        if kind and not shift:
            leave.add(LeaveDay(day, staff, kind))
            continue
        role, post, pause = (ev.get(f"X-ROSTER-{k}") for k in ("ROLE", "POST", "BREAK"))
        out.add(Assignment(day, staff, shift, str(role) if role else None,
                           str(post) if post else None, str(pause) if pause else None))
    return Roster.of(out, leave)
