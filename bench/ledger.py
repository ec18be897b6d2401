"""A year of the 95598 centre, month by month, with and without the fairness carry.

    .venv/bin/python bench/ledger.py --year 2026 --time-limit 20 --out bench/results/ledger_2026.csv

Each month of the year is the bundled centre (``scenarios/callcenter_95598.yaml``) moved to that
month: its own leave and requests are dropped, at most 3 weekends a month is soft (weight 20:
months with five weekends break it), and two agents take days off (a different pair each month:
one for a week from the second Thursday, one for three days), so the month's fair shares differ
from person to person. With the carry, each month's scenario gets the counts of the year so far
(``fairness_carry``: nights, weekend and holiday shifts of the rosters before it); without it,
every month starts level.
After each month the table has the spread (most − fewest) of the year-to-date nights among the
agents who work nights, and of the year-to-date holiday shifts among everyone.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import time
from pathlib import Path

from roster.io.carry import carried_forward
from roster.io.load import load_scenario
from roster.model.parse import scenario_from_dict
from roster.model.scenario import Scenario
from roster.solver import SolveOptions, solve
from roster.validate import validate

BUNDLED = Path(__file__).resolve().parents[1] / "scenarios" / "callcenter_95598.yaml"
NIGHT_AGENTS = ("S05", "S06", "S07", "S08", "S09", "S10", "S11")


def month(base: Scenario, year: int, m: int, carry: list[dict] | None) -> Scenario:
    start = dt.date(year, m, 1)
    end = (dt.date(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    week, days = NIGHT_AGENTS[(2 * m) % 7], NIGHT_AGENTS[(2 * m + 1) % 7]
    data = base.model_dump()
    # months with five weekends cannot keep the centre's hard limit of 3 weekends a month: soft here
    data["rules"]["max_weekends_per_month"] = {"value": 3, "weight": 20}
    away = start + dt.timedelta(days=7)
    away += dt.timedelta(days=(3 - away.weekday()) % 7)  # Thursday to Wednesday: a whole ISO week
    # without one agent cannot keep 40 h weeks for the others
    data.update(horizon={"start": start, "end": end}, requests=[], history=None,
                leave=[{"staff": week, "type": "annual", "start": away, "end": away + dt.timedelta(days=6)},
                       {"staff": days, "type": "annual", "start": start + dt.timedelta(days=20),
                        "end": start + dt.timedelta(days=22)}],
                fairness_carry=carry or [])
    return scenario_from_dict(data, f"{BUNDLED.name} {year}-{m:02d}")


def spread(rows: list[dict], kind: str, who: tuple[str, ...] | None = None) -> int:
    values = [r[kind] for r in rows if who is None or r["staff"] in who]
    return max(values) - min(values)


def run(year: int, time_limit: float, workers: int, ledger: bool) -> list[dict]:
    base = load_scenario(BUNDLED)
    carry: list[dict] = []
    out = []
    for m in range(1, 13):
        # nights, weekend and holiday counts only: carried hours would leave the per-person
        # search out (its hours cost has no carry), and a 20 s whole-model search does worse
        sc = month(base, year, m, [{**r, "hours": 0} for r in carry] if ledger else None)
        t0 = time.perf_counter()
        result = solve(sc, SolveOptions(time_limit=time_limit, workers=workers, seed=0))
        report = validate(sc, result.roster)
        # the year so far is kept in both runs (the month with the whole carry, hours and holidays
        # by name included, adds this roster to it); only the ledger run hands it to the next month
        carry = carried_forward(month(base, year, m, carry), result.roster)
        objective = None if result.objective is None else round(result.objective)
        out.append({"ledger": ledger, "month": f"{year}-{m:02d}", "status": result.status,
                    "objective": objective, "hard": len(report.hard),
                    "nights_spread": spread(carry, "nights", NIGHT_AGENTS),
                    "holidays_spread": spread(carry, "holidays"),
                    "seconds": round(time.perf_counter() - t0, 1)})
        print(out[-1], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2026)
    ap.add_argument("--time-limit", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("bench/results/ledger.csv"))
    args = ap.parse_args()
    rows = run(args.year, args.time_limit, args.workers, ledger=False) + \
        run(args.year, args.time_limit, args.workers, ledger=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
