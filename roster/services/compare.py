"""Two scenarios solved side by side, and the figures of one solve (cost, coverage, fairness,
hours, long-week hours) that a comparison and a sweep report."""

from __future__ import annotations

import threading
from typing import Any

import pandas as pd

from roster.model.calendar import Calendar
from roster.model.counting import seat_counts
from roster.model.demand import seats_table
from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.reports.summary import person_summary
from roster.solver.options import SolveOptions
from roster.solver.solve import Result, solve

LONG_WEEK_HOURS = 40.0
"""Weekly hours above which compare and sweep count a week as long (``long_week_hours``)."""

def unmet_seats(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> int:
    """Seats below the demanded minimum, summed over shifts and lines (roles and everyone), counted
    as the validator counts them (``model.counting.seat_counts``)."""
    cal = calendar or Calendar(scenario)
    count = seat_counts(scenario, roster, cal)
    return sum(max(0, st.min - count[key]) for key, st in seats_table(scenario, cal).items())


def long_week_hours(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
                    limit: float = LONG_WEEK_HOURS) -> float:
    """Hours above ``limit`` in each person's ISO weeks, summed, whatever the day.

    Not payroll's overtime (``reports.hours``: rest-day hours past the standard week): a what-if
    compares how much staffing leans on long weeks, so every hour past the limit counts."""
    week: dict[tuple[str, tuple[int, int]], float] = {}
    for a in roster:
        key = (a.staff, a.date.isocalendar()[:2])
        week[key] = week.get(key, 0.0) + scenario.shift_by_id[a.shift].paid_minutes / 60
    return round(sum(max(0.0, h - limit) for h in week.values()), 2)


def figures(scenario: Scenario, result: Result) -> dict[str, Any]:
    """Status, cost, coverage, fairness, hours and long-week hours of a solve."""
    out: dict[str, Any] = {"status": result.status, "objective": result.objective,
                           "gap": result.gap, "seconds": round(result.seconds, 2)}
    for name, value in result.terms.items():
        out[f"cost: {name}"] = value
    if not result.feasible:
        return out
    cal = Calendar(scenario)
    people = person_summary(scenario, result.roster, cal)
    out["unmet seats"] = unmet_seats(scenario, result.roster, cal)
    out["shifts"] = int(people["shifts"].sum())
    out["hours"] = round(float(people["hours"].sum()), 2)
    out["hours per person (mean)"] = round(float(people["hours"].mean()), 2)
    for col in ("nights", "weekends", "hours"):
        out[f"spread of {col} (max-min)"] = round(float(people[col].max() - people[col].min()), 2)
    out["long-week hours (>40 h/week)"] = long_week_hours(scenario, result.roster, cal)
    return out


def compare(a: Scenario, b: Scenario, time_limit: float = 30, workers: int = 2,
            stop: threading.Event | None = None) -> pd.DataFrame:
    """Both scenarios solved, side by side, one row per figure, with the change from A to B."""
    names = [a.name, b.name] if a.name != b.name else [f"A: {a.name}", f"B: {b.name}"]
    cols = {}
    for name, sc in zip(names, (a, b), strict=True):
        cols[name] = figures(sc, solve(sc, SolveOptions(time_limit=time_limit, workers=workers),
                                       stop=stop))
    rows = list(dict.fromkeys([*cols[names[0]], *cols[names[1]]]))
    frame = pd.DataFrame({n: [cols[n].get(r) for r in rows] for n in names}, index=rows)

    def change(row: pd.Series) -> Any:
        x, y = row.iloc[0], row.iloc[1]
        if isinstance(x, (int, float)) and isinstance(y, (int, float)) \
                and x is not None and y is not None:
            return round(y - x, 2)
        return "" if x == y else "changed"
    frame["change"] = frame.apply(change, axis=1)
    frame.index.name = "figure"
    return frame
