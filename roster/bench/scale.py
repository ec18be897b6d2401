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

from roster.bench.centre import centre, ranked_staff, two_wishes
from roster.model.scenario import Demand, Fairness, Holidays, Leave, Role, Scenario, Soft

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
    staff = ranked_staff(rng, size, (("deputy", deputies), ("lead", leads)), "agent", prefix="P",
                         no_nights=0.12, nights_for=("deputy", "lead"), named=True)
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
    requests = two_wishes(rng, staff, START, DAYS, off_below=0.55, not_night_below=0.75,
                          day_shifts="ABCDE")
    return centre(f"generated provincial centre, {size} staff", START, DAYS,
                  (Role(id="agent", name="坐席员"), Role(id="lead", name="值长", covers=("agent",)),
                   Role(id="deputy", name="副班长", covers=("lead",))),
                  SHIFTS, staff, demand, leave, requests,
                  (("N", "A"), ("N", "B"), ("N", "C"), ("E", "A")),
                  Fairness(nights=10, weekends=5, holidays=8, hours=1), Holidays(country="CN"))
