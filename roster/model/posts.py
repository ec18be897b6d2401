"""A/B posts seen from the scenario alone: opening periods no holder can man, and why.

Used before solving (to say why a scenario is infeasible) and by the validator (to word an
unmanned period). No solver imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .availability import leave_minutes, post_periods, why_not
from .calendar import Calendar
from .scenario import Post, Scenario


@dataclass(frozen=True)
class PostGap:
    """An opening period of a post where no holder may work: each holder with the reason."""

    post: str
    date: dt.date
    shift: str
    reasons: tuple[str, ...]

    def text(self, scenario: Scenario) -> str:
        name = scenario.posts[[p.id for p in scenario.posts].index(self.post)].label
        return (f"{self.date} {self.shift}: post {name} has no holder on duty: "
                f"{', '.join(self.reasons)}")

    def zh(self, scenario: Scenario) -> str:
        name = scenario.posts[[p.id for p in scenario.posts].index(self.post)].label
        shift = scenario.shift_by_id[self.shift].label
        return f"{self.date} {shift}: {name} 无人在岗: {'; '.join(self.reasons)}"


def duty_role(post: Post, seats: dict, day: int, shift: str) -> str | None:
    """The seat role a period of post duty fills: ``counts_toward`` where that role has seats on
    that shift and day (``seats`` from ``demand.seats_table``), otherwise none."""
    role = post.counts_toward
    return role if role is not None and (day, shift, role) in seats else None


def post_gaps(scenario: Scenario, calendar: Calendar | None = None) -> list[PostGap]:
    """Every opening period in which neither A nor any backup may work the post's shift."""
    cal = calendar or Calendar(scenario)
    leave = leave_minutes(scenario, cal)
    out = []
    for k, d, s in post_periods(scenario, cal):
        post = scenario.posts[k]
        reasons = [why_not(scenario, cal, scenario.staff_by_id[h], d, s, leave)
                   for h in post.holders]
        if all(r is not None for r in reasons):
            out.append(PostGap(post.id, cal.days[d].date, scenario.shifts[s].id,
                               tuple(r for r in reasons if r)))
    return out
