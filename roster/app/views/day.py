"""One day and the seats: who works each shift on a day, and people against seats per shift and
role."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from roster.model.calendar import Calendar
from roster.model.counting import seat_counts
from roster.model.demand import seats_table
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .cells import break_texts


def coverage(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> pd.DataFrame:
    """Seats against people per (date, shift, role): min, max, have, short, over."""
    cal = calendar or Calendar(scenario)
    have = seat_counts(scenario, roster, cal)  # as the validator counts them
    rows = []
    for (day, shift, role), seats in sorted(seats_table(scenario, cal).items(),
                                            key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        date = cal.days[day].date
        n = have[(day, shift, role)]
        rows.append({"date": date, "shift": shift, "role": role or "", "min": seats.min,
                     "max": seats.max, "have": n, "short": max(0, seats.min - n),
                     "over": max(0, n - seats.max) if seats.max is not None else 0})
    return pd.DataFrame(rows,
                        columns=["date", "shift", "role", "min", "max", "have", "short", "over"])


def day_view(scenario: Scenario, roster: Roster, date: dt.date) -> pd.DataFrame:
    """Who works on one day: one row per shift and seat, with the people's names, and their breaks
    (``name 12:00-13:00``) when the roster places breaks."""
    rows: dict[tuple[str, str], list[str]] = {}
    pauses: dict[tuple[str, str], list[str]] = {}
    breaks = break_texts(scenario, roster)
    for a in roster:
        if a.date == date:
            person = scenario.staff_by_id.get(a.staff)
            name = person.label if person else a.staff
            if a.post:
                name += f" [{a.post}]"
            rows.setdefault((a.shift, a.role or ""), []).append(name)
            if (a.staff, a.date) in breaks:
                pauses.setdefault((a.shift, a.role or ""), []).append(
                    f"{name} {breaks[(a.staff, a.date)]}")
    order = {s.id: i for i, s in enumerate(scenario.shifts)}
    out = []
    for (shift, role), people in sorted(rows.items(),
                                        key=lambda kv: (order.get(kv[0][0], 99), kv[0][1])):
        s = scenario.shift_by_id.get(shift)
        out.append({"shift": shift, "times": s.times_text() if s else "", "role": role,
                    "count": len(people), "staff": ", ".join(people),
                    "breaks": ", ".join(pauses.get((shift, role), []))})
    columns = ["shift", "times", "role", "count", "staff"] + (["breaks"] if pauses else [])
    return pd.DataFrame(out, columns=columns)
