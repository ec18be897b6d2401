"""What the generated centres share: their wishes, their rules and the scenario around them.

``roster.bench.generated`` (a call centre of March 2025) and ``roster.bench.scale`` (a provincial
95598 centre of October 2026) differ in shifts, roles and seats; both give each person two
random wishes and hold everyone to the same rest, hours and sequence rules.
"""

from __future__ import annotations

import datetime as dt
import random

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
    Staff,
)

NIGHT = "N"
"""The night shift's id in both centres."""


def ranked_staff(rng: random.Random, size: int, ranks: tuple[tuple[str, int], ...], rest: str, *,
                 prefix: str, no_nights: float, nights_for: tuple[str, ...] = (),
                 named: bool = False) -> list[Staff]:
    """``size`` people: the first of each rank in ``ranks`` (role, how many) in turn, then
    ``rest``. Each one, except those of a role in ``nights_for`` (drawn for no one), never works
    nights with probability ``no_nights``."""
    staff = []
    for i in range(size):
        role, upto = rest, 0
        for rank, count in ranks:
            upto += count
            if i < upto:
                role = rank
                break
        cannot = (NIGHT,) if role not in nights_for and rng.random() < no_nights else ()
        name = {"name": f"{role}{i + 1}"} if named else {}
        staff.append(Staff(id=f"{prefix}{i + 1:04d}", **name, roles=(role,), cannot=cannot))
    return staff


def two_wishes(rng: random.Random, staff: list[Staff], start: dt.date, days: int, *,
               off_below: float, not_night_below: float, day_shifts: str,
               instead_of_night: str | None = None) -> list[Request]:
    """Two wishes a person on random days: a day off (``rng.random()`` below ``off_below``), not
    the night (below ``not_night_below``; someone who never works nights wishes not to work
    ``instead_of_night``, or, without it, makes the third kind of wish) or a shift of
    ``day_shifts``."""
    requests = []
    for p in staff:
        for _ in range(2):
            date = start + dt.timedelta(days=rng.randrange(days))
            kind = rng.random()
            no_nights = NIGHT in p.cannot
            if kind < off_below:
                requests.append(Request(staff=p.id, date=date, off=True, weight=rng.randint(1, 5)))
            elif kind < not_night_below and (instead_of_night is not None or not no_nights):
                shift = instead_of_night if no_nights else NIGHT
                requests.append(Request(staff=p.id, date=date, shift=shift, off=True,
                                        weight=rng.randint(1, 5)))
            else:
                requests.append(Request(staff=p.id, date=date, shift=rng.choice(day_shifts),
                                        weight=rng.randint(1, 3)))
    return requests


def centre(name: str, start: dt.date, days: int, roles: tuple[Role, ...],
           shifts: tuple[tuple[str, str, str, str], ...], staff: list[Staff],
           demand: list[Demand], leave: list[Leave], requests: list[Request],
           forbidden: tuple[tuple[str, str], ...], fairness: Fairness,
           holidays: Holidays | None = None) -> Scenario:
    """The scenario: ``shifts`` as (id, name, start, end); 11 h rest, at most 6 days in a row, at
    least one day off, 40 h weeks and the ``forbidden`` shift orders."""
    calendar = {} if holidays is None else {"holidays": holidays}
    return Scenario(
        name=name,
        horizon=Horizon(start=start, end=start + dt.timedelta(days=days - 1)),
        **calendar,
        roles=roles,
        shifts=tuple(Shift(id=i, name=n, start=a, end=b) for i, n, a, b in shifts),
        staff=tuple(staff), demand=tuple(demand), leave=tuple(leave), requests=tuple(requests),
        rules=Rules(min_rest_hours=11, max_consecutive_work_days=6, min_consecutive_days_off=1,
                    max_hours_per_week=40, forbidden_sequences=forbidden),
        fairness=fairness,
    )
