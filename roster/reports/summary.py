"""Per-person figures planners look at: shifts, nights, weekend and holiday duties, hours."""

from __future__ import annotations

import pandas as pd

from roster.model.calendar import Calendar
from roster.model.fairness import (
    carried_minutes,
    count_groups,
    counted_bands,
    fair_bands,
    hour_groups,
    hours_deviation,
)
from roster.model.roster import Roster
from roster.model.scenario import Scenario


def person_summary(scenario: Scenario, roster: Roster,
                   calendar: Calendar | None = None) -> pd.DataFrame:
    """Per person: shifts, nights, weekends worked (a Saturday/Sunday pair with any shift counts
    once, as the weekend rules count them), weekend days, holidays and paid hours; with a
    ``fairness_carry``, the year so far beside them (``ytd_nights``, ``ytd_weekend_days``,
    ``ytd_holidays``, ``ytd_hours``: the carried counts plus this roster's). When the horizon holds
    named holidays, ``holidays: NAME`` counts the shifts on each (``ytd_holidays: NAME`` with a
    carry, for those names and the carry's ``by_holiday``)."""
    cal = calendar or Calendar(scenario)
    frame = cal.for_roster(scenario, roster, "person_summary",
                           lambda: _person_summary(scenario, roster, cal))
    return frame.copy()


def _person_summary(scenario: Scenario, roster: Roster, cal: Calendar) -> pd.DataFrame:
    rows = {p.id: {"staff_id": p.id, "name": p.name, "role": "/".join(p.roles), "shifts": 0,
                   "nights": 0, "weekends": 0, "weekend_days": 0, "holidays": 0, "hours": 0.0}
            for p in scenario.staff}
    weekend_of = {i: k for k, days in enumerate(cal.weekends) for i in days}
    worked: dict[str, set[int]] = {p.id: set() for p in scenario.staff}
    for a in roster:
        row = rows.get(a.staff)
        shift = scenario.shift_by_id.get(a.shift)
        if row is None or shift is None or a.date not in cal.index:
            continue
        day = cal.day(a.date)
        row["shifts"] += 1
        row["nights"] += int(shift.is_night)
        row["weekend_days"] += int(day.is_weekend)
        if day.index in weekend_of:
            worked[a.staff].add(weekend_of[day.index])
        row["holidays"] += int(day.is_holiday)
        row["hours"] += shift.paid_minutes / 60
    for sid, weekends in worked.items():
        rows[sid]["weekends"] = len(weekends)
    named = sorted({d.holiday_name for d in cal.days if d.is_holiday and d.holiday_name})
    if named:  # shifts by holiday name (chinese-calendar's: Spring Festival, National Day …)
        for row in rows.values():
            row.update({f"holidays: {name}": 0 for name in named})
        for a in roster:
            if a.staff in rows and a.shift in scenario.shift_by_id and a.date in cal.index:
                day = cal.day(a.date)
                if day.is_holiday and day.holiday_name:
                    rows[a.staff][f"holidays: {day.holiday_name}"] += 1
    # the year so far beside the month: carried counts plus this roster's
    if scenario.fairness_carry:
        carry = {c.staff: c for c in scenario.fairness_carry}
        by_name = sorted(set(named) | {n for c in scenario.fairness_carry for n in c.by_holiday})
        for sid, row in rows.items():
            c = carry.get(sid)
            row["ytd_nights"] = row["nights"] + (c.nights if c else 0)
            row["ytd_weekend_days"] = row["weekend_days"] + (c.weekends if c else 0)
            row["ytd_holidays"] = row["holidays"] + (c.holidays if c else 0)
            row["ytd_hours"] = round(row["hours"] + (c.hours if c else 0), 2)
            for name in by_name:
                carried = c.by_holiday.get(name, 0) if c else 0
                row[f"ytd_holidays: {name}"] = row.get(f"holidays: {name}", 0) + carried
    return pd.DataFrame(list(rows.values()))


def fair_shares(scenario: Scenario, roster: Roster,
                calendar: Calendar | None = None) -> pd.DataFrame:
    """Per peer group (people with the same roles) and weighted kind of duty: how many people,
    the fewest and most each has, and how many lie outside their own fair band (the bands of
    ``roster.model.fairness``: nights, weekend and holiday shifts by availability; hours within
    one median shift of their share of the group's hours)."""
    cal = calendar or Calendar(scenario)
    # column → staff id → count: a dict lookup per person rather than a ``.loc`` each
    counts = person_summary(scenario, roster, cal).set_index("staff_id").to_dict()
    minutes = {p.id: 0 for p in scenario.staff}
    for a in roster:
        if a.staff in minutes and a.shift in scenario.shift_by_id:
            minutes[a.staff] += scenario.shift_by_id[a.shift].paid_minutes
    groups: dict[tuple[str, ...], list[str]] = {}
    for p in scenario.staff:
        groups.setdefault(tuple(sorted(p.roles)), []).append(p.id)
    rows = []
    bands = fair_bands(scenario, cal)
    for kind, band in bands.items():
        for roles, people in groups.items():
            mine = [p for p in people if p in band]
            if not mine:
                continue
            # the band counts weekend shifts
            column = "weekend_days" if kind == "weekends" else kind
            values = [int(counts[column][p]) for p in mine]
            outside = sum(not band[p].lo <= v <= band[p].hi
                          for p, v in zip(mine, values, strict=True))
            rows.append({"kind": kind, "group": "/".join(roles), "people": len(mine),
                         "fair": f"{min(band[p].lo for p in mine)}.."
                                 f"{max(band[p].hi for p in mine)}",
                         "fewest": min(values), "most": max(values),
                         "spread": max(values) - min(values), "outside": outside})
    for cg in count_groups(scenario, cal):  # staffed by interval: bands from what the peers work
        column = "weekend_days" if cg.kind == "weekends" else cg.kind
        mine = list(cg.share)
        got = {p: int(counts[column][p]) for p in mine}
        band = counted_bands(cg, got)
        roles = sorted(scenario.staff_by_id[mine[0]].roles)
        rows.append({"kind": cg.kind, "group": "/".join(roles),
                     "people": len(mine),
                     "fair": f"{min(b.lo for b in band.values())}.."
                             f"{max(b.hi for b in band.values())}",
                     "fewest": min(got.values()), "most": max(got.values()),
                     "spread": max(got.values()) - min(got.values()),
                     "outside": sum(not band[p].lo <= got[p] <= band[p].hi for p in mine)})
    for group in hour_groups(scenario, cal):
        people = list(group.share)
        dev = hours_deviation(minutes, group, carried_minutes(scenario))
        hours = [round(minutes[p] / 60, 1) for p in people]
        roles = "/".join(sorted(scenario.staff_by_id[people[0]].roles))
        rows.append({"kind": "hours", "group": roles, "people": len(people),
                     "fair": "share of the group", "fewest": min(hours), "most": max(hours),
                     "spread": round(max(hours) - min(hours), 1),
                     "outside": sum(1 for p in people if dev[p])})
    # object columns keep counts whole and hours as they are
    return pd.DataFrame(rows, columns=["kind", "group", "people", "fair", "fewest", "most",
                                       "spread", "outside"],
                        dtype=object)
