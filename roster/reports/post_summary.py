"""A/B posts in a roster: how many opening periods each holder manned."""

from __future__ import annotations

import pandas as pd

from roster.model.availability import post_periods
from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario

COLUMNS = ["post", "name", "holder", "place", "periods", "share"]


def post_summary(scenario: Scenario, roster: Roster,
                 calendar: Calendar | None = None) -> pd.DataFrame:
    """One row per post and holder: place (A, B1, B2…), periods manned and share of the opening
    periods.

    A row with holder "" counts periods nobody manned.
    """
    cal = calendar or Calendar(scenario)
    opening: dict[str, int] = {}
    for k, _, _ in post_periods(scenario, cal):
        opening[scenario.posts[k].id] = opening.get(scenario.posts[k].id, 0) + 1
    manned: dict[tuple[str, str], int] = {}
    covered: dict[str, set] = {}
    for a in roster:
        if a.post is not None:
            manned[(a.post, a.staff)] = manned.get((a.post, a.staff), 0) + 1
            covered.setdefault(a.post, set()).add((a.date, a.shift))
    rows = []
    for post in scenario.posts:
        total = opening.get(post.id, 0)
        for i, h in enumerate(post.holders):
            n = manned.get((post.id, h), 0)
            rows.append({"post": post.id, "name": post.label, "holder": h,
                         "place": "A" if i == 0 else f"B{i}", "periods": n,
                         "share": round(n / total, 3) if total else 0.0})
        gap = total - len(covered.get(post.id, set()))
        if gap:
            rows.append({"post": post.id, "name": post.label, "holder": "", "place": "unmanned",
                         "periods": gap, "share": round(gap / total, 3)})
    return pd.DataFrame(rows, columns=COLUMNS)
