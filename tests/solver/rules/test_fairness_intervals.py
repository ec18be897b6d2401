"""Fair shares on a centre staffed by interval: each peer's part of what the peers work."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.model.parse import scenario_from_dict
from roster.solver import SolveOptions, solve
from roster.validate import validate
from tests.conftest import run

MON = dt.date(2026, 12, 7)


def weekend_centre(requests=(), staff=None, **over):
    """One agent wanted 08:00-10:00 on Saturday and Sunday; a D shift 08:00-12:00."""
    rows = [{"interval": t, "agents": 1, "weekday": wd} for wd in ("sat", "sun")
            for t in ("08:00", "08:30", "09:00", "09:30")]
    return scenario_from_dict({
        "name": "fair", "horizon": {"start": str(MON), "end": str(MON + dt.timedelta(days=6))},
        "roles": [{"id": "agent"}], "shifts": [{"id": "D", "start": "08:00", "end": "12:00"}],
        "staff": staff or [{"id": "A", "roles": ["agent"]}, {"id": "B", "roles": ["agent"]}],
        "demand": [{"role": "agent", "per_interval": rows}], "fairness": {"weekends": 5},
        "requests": list(requests), **over,
    }, "fair.yaml")


def test_two_peers_share_the_weekend_at_no_cost() -> None:
    result = run(weekend_centre())
    assert result.objective == 0
    by = {a.staff for a in result.roster if a.date.weekday() >= 5}
    assert by == {"A", "B"}


def test_a_weekend_worked_by_one_peer_costs_the_weight_per_duty_outside_each_band() -> None:
    # B would rather not work the weekend (100 a day): A works both days, 1 over and B 1 under
    sc = weekend_centre([{"staff": "B", "date": str(MON + dt.timedelta(days=d)), "off": True, "weight": 100}
                         for d in (5, 6)])
    result = run(sc)
    assert result.objective == 2 * 5
    assert result.terms.get("fairness_weekends") == 2 * 5
    texts = [v.text for v in validate(sc, result.roster).soft]
    assert "A: 2 weekends, fair share 1..1 of the 2 among peers (A, B)" in texts


@pytest.mark.parametrize("strategy", ["construct", "whole"])
def test_the_search_and_the_model_count_the_shares_as_the_validator_does(strategy: str) -> None:
    sc = weekend_centre([{"staff": "B", "date": str(MON + dt.timedelta(days=5)), "off": True, "weight": 3}],
                        staff=[{"id": x, "roles": ["agent"]} for x in ("A", "B", "C")])
    result = solve(sc, SolveOptions(time_limit=10, workers=2, seed=0, strategy=strategy))
    report = validate(sc, result.roster)
    assert report.hard == [] and report.cost == round(result.objective)
    assert result.objective == 0  # A and C take the two weekend days: of the 2, shares of 2/3 each


def test_counts_carried_in_keep_the_shares_of_the_forecast() -> None:
    sc = weekend_centre(fairness_carry=[{"staff": "A", "weekends": 0}])
    from roster.model.calendar import Calendar
    from roster.model.fairness import count_groups, fair_bands

    assert count_groups(sc, Calendar(sc)) == [] and "weekends" in fair_bands(sc, Calendar(sc))
