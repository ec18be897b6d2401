"""Read a roster back from an .ics file written by ``roster.export.ical``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar as ICalendar

from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, LeaveDay, Roster


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
                            hint="only calendars exported by `roster export --format ics` read back") from None
    out: set[Assignment] = set()
    leave: set[LeaveDay] = set()
    for n, ev in enumerate(cal.walk("VEVENT"), start=1):
        staff, date, shift = (str(ev.get(k, "")) for k in ("X-ROSTER-STAFF", "X-ROSTER-DATE", "X-ROSTER-SHIFT"))
        kind = str(ev.get("X-ROSTER-LEAVE", ""))
        if not (staff and date and (shift or kind)):
            raise ScenarioError(name, f"event {n} ({ev.get('UID', '')})", str(ev.get("SUMMARY", "")),
                                "no X-ROSTER-STAFF/DATE/SHIFT properties",
                                hint="only calendars exported by `roster export --format ics` read back")
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise ScenarioError(name, f"event {n}, X-ROSTER-DATE", date, "not a date (YYYY-MM-DD)") from None
        if kind and not shift:
            leave.add(LeaveDay(day, staff, kind))
            continue
        role, post = ev.get("X-ROSTER-ROLE"), ev.get("X-ROSTER-POST")
        out.add(Assignment(day, staff, shift, str(role) if role else None, str(post) if post else None))
    return Roster.of(out, leave)
