"""A generated provincial 95598 centre at any size, for ``roster bench scale``.

October 2026 (National Day week included), 24×7 with five staggered 8-hour shifts (07, 08, 09,
12 and 16 h) and a 22:00-08:00 night; agents, shift leaders (值长, also fill agent seats) and
deputy team leads (副班长, also fill leader and agent seats). Hard minimum seats per shift and
role are sized to about 88 % of what the staff can work in the month after leave (so a roster
exists), with soft maxima above them; 11 h rest, no early shift after a night, no 07:00 shift
after a 16:00 one, 40 h weeks, at most 6 days in a row; about 10 % of the staff on a few days'
personal leave, two requests per person, and fair shares of nights, weekends, holidays and hours.
The same size and seed give the same scenario.
"""

from __future__ import annotations

import datetime as dt
import math
import random

import chinese_calendar

from roster.model.scenario import (
    Demand,
    Fairness,
    Holidays,
    Horizon,
    Leave,
    Request,
    Role,
    Rules,
    Scenario,
    Shift,
    Soft,
    Staff,
)

START = dt.date(2026, 10, 1)
DAYS = 31
SHIFTS = (("A", "早班", "07:00", "15:00"), ("B", "白班", "08:00", "16:00"),
          ("C", "日班", "09:00", "17:00"), ("D", "中班", "12:00", "20:00"),
          ("E", "晚班", "16:00", "24:00"), ("N", "夜班", "22:00", "08:00"))
SHARE = {"A": 0.15, "B": 0.21, "C": 0.19, "D": 0.17, "E": 0.16, "N": 0.12}
"""Share of a day's agent seats on each shift."""
LEAD_SHIFTS = ("B", "D", "N")
"""Shifts with a shift leader's seat every day."""
DEPUTY_SHIFTS = ("C",)
"""Shifts with a deputy team lead's seat on working days."""
SHIFTS_PER_MONTH = 20.5
"""Shifts one person can work in the month under 40 h weeks, 6 days in a row and 11 h rest."""
REST_DAY_LOAD = 0.85
"""Agent seats on weekends and holidays as a share of a working day's."""
FILL = 0.88
"""Hard minimum seats as a share of that capacity."""


def make_centre(size: int, seed: int = 0, fill: float = FILL) -> Scenario:
    """A centre of ``size`` staff (at least 20)."""
    if size < 20:
        raise ValueError("a generated centre needs at least 20 staff")
    rng = random.Random(seed * 1_000_003 + size)
    deputies = max(2, round(size * 0.04))
    leads = max(4, round(size * 0.10))
    staff = []
    for i in range(size):
        role = "deputy" if i < deputies else "lead" if i < deputies + leads else "agent"
        cannot = ("N",) if role == "agent" and rng.random() < 0.12 else ()
        staff.append(Staff(id=f"P{i + 1:04d}", name=f"{role}{i + 1}", roles=(role,), cannot=cannot))
    end = START + dt.timedelta(days=DAYS - 1)
    leave, away = [], 0
    for p in rng.sample(staff, k=max(1, size // 10)):
        first = START + dt.timedelta(days=rng.randrange(DAYS - 2))
        last = min(end, first + dt.timedelta(days=rng.randint(1, 4)))
        leave.append(Leave(staff=p.id, type="personal", start=first, end=last))
        away += (last - first).days + 1
    # capacity in shifts after leave (a leave day costs about 5/7 of a shift)
    capacity = size * SHIFTS_PER_MONTH - away * 5 / 7
    seats_total = fill * capacity
    # role seats first, from the leaders' and deputies' own capacity
    lead_seats = {s: 1 + (leads + deputies) // 24 for s in LEAD_SHIFTS}
    deputy_seats = {s: max(1, deputies // 12) for s in DEPUTY_SHIFTS}
    role_per_day = sum(lead_seats.values()) + sum(deputy_seats.values())
    workdays = sum(chinese_calendar.is_workday(START + dt.timedelta(days=d)) for d in range(DAYS))
    scale = DAYS / (workdays + REST_DAY_LOAD * (DAYS - workdays))
    agent_per_day = max(len(SHARE), seats_total / DAYS - role_per_day) * scale
    demand: list[Demand] = []
    for days, factor in (("workdays", 1.0), ("weekends", REST_DAY_LOAD),
                         ("holidays", REST_DAY_LOAD)):
        for sid, share in SHARE.items():
            n = max(1, round(agent_per_day * share * factor))
            demand.append(Demand(shift=sid, role="agent", days=days, min=n,
                                 max=Soft(value=n + max(1, math.ceil(n * 0.25)), weight=5)))
        for sid, n in lead_seats.items():
            demand.append(Demand(shift=sid, role="lead", days=days, min=n,
                                 max=Soft(value=n + 1, weight=5)))
        if days == "workdays":
            for sid, n in deputy_seats.items():
                demand.append(Demand(shift=sid, role="deputy", days=days, min=n,
                                     max=Soft(value=n + 1, weight=5)))
    requests = []
    for p in staff:
        for _ in range(2):
            date = START + dt.timedelta(days=rng.randrange(DAYS))
            kind = rng.random()
            if kind < 0.55:
                requests.append(Request(staff=p.id, date=date, off=True, weight=rng.randint(1, 5)))
            elif kind < 0.75 and "N" not in p.cannot:
                requests.append(Request(staff=p.id, date=date, shift="N", off=True,
                                        weight=rng.randint(1, 5)))
            else:
                requests.append(Request(staff=p.id, date=date, shift=rng.choice("ABCDE"),
                                        weight=rng.randint(1, 3)))
    return Scenario(
        name=f"generated provincial centre, {size} staff",
        horizon=Horizon(start=START, end=end),
        holidays=Holidays(country="CN"),
        roles=(Role(id="agent", name="坐席员"), Role(id="lead", name="值长", covers=("agent",)),
               Role(id="deputy", name="副班长", covers=("lead",))),
        shifts=tuple(Shift(id=i, name=n, start=a, end=b) for i, n, a, b in SHIFTS),
        staff=tuple(staff), demand=tuple(demand), leave=tuple(leave), requests=tuple(requests),
        rules=Rules(min_rest_hours=11, max_consecutive_work_days=6, min_consecutive_days_off=1,
                    max_hours_per_week=40,
                    forbidden_sequences=(("N", "A"), ("N", "B"), ("N", "C"), ("E", "A"))),
        fairness=Fairness(nights=10, weekends=5, holidays=8, hours=1),
    )
