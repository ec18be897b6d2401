"""A generated municipal hotline staffed by the quarter hour (``make_hotline``).

November 2026, 6 shift leaders (值长, who may take an agent's seat) and 44 agents. Three day
templates with a 60-minute lunch or dinner break (A starting 07:00-08:30, B 09:00-10:30, C
13:00-14:00, every 30 minutes, 8 paid hours) and a fixed night N 22:00-07:00 whose 60-minute break
lies between 01:00 and 04:00. Calls per 15 minutes follow a weekday curve (a morning and an
afternoon peak) and a lighter weekend curve, with a thin night; Erlang C turns them into agents
(4-minute calls, 80 % answered within 20 s, 8 % shrinkage). One leader is wanted on the floor in
every quarter hour of the day and night (200 a quarter hour short: the night leader's break leaves
the line without one unless a second leader works the night). 11 h rest, 40 h weeks, at most 6
days in a row, no A or B shift straight after a night, a few days of leave and some wishes; fair
shares of nights, weekend shifts and hours. The same seed gives the same scenario
(``bench/hotline.py`` solves it).
"""

from __future__ import annotations

import datetime as dt
import math
import random

from roster.model.scenario import (
    Break,
    Fairness,
    Holidays,
    Horizon,
    IntervalDemand,
    IntervalRow,
    Leave,
    Request,
    Role,
    Rules,
    Scenario,
    Shift,
    ShiftTemplate,
    Staff,
)

START = dt.date(2026, 11, 1)
DAYS = 30
AHT = 240.0
SHRINKAGE = 0.08
WEEKEND = 0.6
LEADS, AGENTS = 6, 44
NIGHT_BREAK = ("01:00", "04:00")


def calls_at(minute: int, weekend: bool, peak: float = 50.0) -> float:
    """Calls offered in the quarter hour starting ``minute`` (from 00:00): a morning peak at 10:00,
    an afternoon one at 15:00, an evening shoulder and a thin night."""
    h = (minute + 7.5) / 60
    day = (1.0 * math.exp(-((h - 10.0) / 1.8) ** 2) + 0.8 * math.exp(-((h - 15.0) / 2.0) ** 2)
           + 0.35 * math.exp(-((h - 20.0) / 1.8) ** 2))
    night = 0.12 if h < 6.5 or h >= 23 else 0.0
    v = peak * (day + night) * (WEEKEND if weekend else 1.0)
    return round(max(v, 2.0), 1)


def make_hotline(seed: int = 0, leads: int = LEADS, agents: int = AGENTS) -> Scenario:
    """The hotline of the module docstring; ``seed`` varies leave and wishes."""
    rng = random.Random(seed * 7919 + leads * 101 + agents)
    end = START + dt.timedelta(days=DAYS - 1)
    staff = [Staff(id=f"L{i + 1:02d}", name=f"leader{i + 1}", roles=("lead",))
             for i in range(leads)]
    staff += [Staff(id=f"A{i + 1:02d}", name=f"agent{i + 1}", roles=("agent",))
              for i in range(agents)]
    rows = []
    for wd in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        for m in range(0, 1440, 15):
            calls = calls_at(m, wd in ("sat", "sun"))
            at = f"{m // 60:02d}:{m % 60:02d}"
            rows.append(IntervalRow(interval=at, calls=calls, weekday=wd))
    lead_rows = tuple(IntervalRow(interval=f"{m // 60:02d}:{m % 60:02d}", agents=1)
                      for m in range(0, 1440, 15))
    templates = (
        ShiftTemplate(id="A", name="早班", start_between=("07:00", "08:30"), every=30, hours=8,
                      break_rule=Break(minutes=60, within=("11:00", "13:30"))),
        ShiftTemplate(id="B", name="中班", start_between=("09:00", "10:30"), every=30, hours=8,
                      break_rule=Break(minutes=60, within=("11:30", "14:30"))),
        ShiftTemplate(id="C", name="晚班", start_between=("13:00", "14:00"), every=30, hours=8,
                      break_rule=Break(minutes=60, within=("17:00", "19:30"))),
    )
    leave = []
    for p in rng.sample(staff, 6):
        first = START + dt.timedelta(days=rng.randrange(DAYS - 4))
        end = first + dt.timedelta(days=rng.randint(1, 4))
        leave.append(Leave(staff=p.id, type="annual", start=first, end=end))
    requests = []
    for p in rng.sample(staff, 20):
        date = START + dt.timedelta(days=rng.randrange(DAYS))
        requests.append(Request(staff=p.id, date=date, off=True, weight=rng.randint(1, 5)))
    data = {
        "name": "municipal hotline (12345), November 2026",
        "horizon": Horizon(start=START, end=end),
        "holidays": Holidays(country="CN"),
        "roles": (Role(id="agent", name="话务员"), Role(id="lead", name="值长", covers=("agent",))),
        "shift_templates": templates,
        "shifts": (Shift(id="N", name="夜班", start="22:00", end="07:00",
                         break_rule=Break(minutes=60, within=NIGHT_BREAK)),),
        "staff": tuple(staff),
        "demand": (
            IntervalDemand(role="agent", per_interval=tuple(rows), interval_minutes=15,
                           aht_seconds=AHT, service_level=0.8, answer_seconds=20,
                           shrinkage=SHRINKAGE),
            IntervalDemand(role="lead", per_interval=lead_rows, interval_minutes=15,
                           under_weight=200),
        ),
        "leave": tuple(leave),
        "requests": tuple(requests),
        "rules": Rules(min_rest_hours=11, max_consecutive_work_days=6, min_consecutive_days_off=1,
                       max_hours_per_week=40, forbidden_sequences=(("N", "A"), ("N", "B"))),
        "fairness": Fairness(nights=10, weekends=5, hours=1),
    }
    return Scenario.model_validate(data)
