"""The plain CP-SAT peer: valid rosters, an objective that matches the validator's terms, and the
sequence rules kept on a tiny hand-made case."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.bench.intervals import make_interval_centre
from roster.bench.peers.plain import PlainModel, solve_plain
from roster.bench.scale import make_centre
from roster.model.scenario import (
    Break,
    Demand,
    Fairness,
    History,
    Horizon,
    IntervalDemand,
    IntervalRow,
    Request,
    Role,
    Rules,
    Scenario,
    Shift,
    Staff,
    Worked,
)
from roster.validate import validate

MON, TUE = dt.date(2026, 3, 2), dt.date(2026, 3, 3)


def test_small_centre_gives_a_roster_the_validator_accepts() -> None:
    sc = make_centre(24)
    result = solve_plain(sc, time_limit=10, workers=2, seed=0, at=(5, 10))
    assert result.feasible, result.status
    report = validate(sc, result.roster)
    assert report.hard == []
    # every term but fairness is counted as the validator counts it; fairness differs by definition
    # (the peer's spread among people with the same roles, the validator's per-person bands)
    fairness = sum(c for rule, c in report.costs().items() if rule.startswith("fairness_"))
    assert result.objective - result.terms.get("fairness_spread", 0) == report.cost - fairness
    assert result.search_objective is not None and result.search_objective >= result.objective
    assert result.first_seconds is not None and result.first_seconds <= result.seconds
    assert result.history and result.history[0][0] == result.first_seconds
    assert [obj for _, obj in result.history] == sorted((obj for _, obj in result.history), reverse=True)
    assert 10 in result.snapshots
    assert validate(sc, result.snapshots[10]).hard == []


def _pair(first: Shift, then: Shift, rules: Rules) -> Scenario:
    """Two people; one seat on ``first`` on Monday and one on ``then`` on Tuesday. A asks hard for
    both shifts, B for both days off: only a rule that links the days keeps A from taking both."""
    return Scenario(
        horizon=Horizon(start=MON, end=TUE),
        roles=(Role(id="agent"),),
        shifts=(first, then),
        staff=(Staff(id="A", roles=("agent",)), Staff(id="B", roles=("agent",))),
        demand=(Demand(shift=first.id, role="agent", days=[MON], min=1),
                Demand(shift=then.id, role="agent", days=[TUE], min=1)),
        requests=(Request(staff="A", date=MON, shift=first.id, weight=100),
                  Request(staff="A", date=TUE, shift=then.id, weight=100),
                  Request(staff="B", date=MON, off=True, weight=1),
                  Request(staff="B", date=TUE, off=True, weight=1)),
        rules=rules,
    )


@pytest.mark.parametrize("case", ["rest", "sequence"])
def test_rest_and_forbidden_sequences_keep_a_from_both_shifts(case: str) -> None:
    if case == "rest":  # 16:00-24:00 then 06:00: 6 h rest, 11 h needed
        sc = _pair(Shift(id="L", start="16:00", end="24:00"), Shift(id="E", start="06:00", end="14:00"),
                   Rules(min_rest_hours=11))
    else:  # night then 17:00: 11 h rest is enough, but N→D is a forbidden order
        sc = _pair(Shift(id="N", start="22:00", end="06:00"), Shift(id="D", start="17:00", end="23:00"),
                   Rules(min_rest_hours=11, forbidden_sequences=(("N", "D"),)))
    result = solve_plain(sc, time_limit=10, workers=1)
    assert result.status == "OPTIMAL"
    mine = [a for a in result.roster if a.staff == "A"]
    assert len(mine) == 1  # without the rule A would take both (cost 0 instead of 101)
    assert result.objective == 101
    assert validate(sc, result.roster).hard == []
    # without the rule the cheaper roster would be chosen: proof the test can fail
    loose = _pair(sc.shifts[0], sc.shifts[1], Rules(min_rest_hours=0, forbidden_sequences=()))
    assert solve_plain(loose, time_limit=10, workers=1).objective == 0


def test_what_the_peer_does_not_model_is_refused_in_words() -> None:
    sc = make_centre(20)
    assert PlainModel(sc).x
    with_history = sc.model_copy(update={"history": History(worked=(
        Worked(date=sc.horizon.start - dt.timedelta(days=1), staff=sc.staff[0].id, shift="N"),))})
    with pytest.raises(NotImplementedError, match="history"):
        PlainModel(with_history)


def test_the_peer_does_not_use_the_engine() -> None:
    """No import of the peer, direct or through other modules, reaches roster.solver (also a
    forbidden contract in `make lint`; `import roster` itself loads the public API, solver included)."""
    grimp = pytest.importorskip("grimp")
    upstream = grimp.build_graph("roster", cache_dir=None).find_upstream_modules("roster.bench.peers.plain")
    assert upstream and not {m for m in upstream if m.startswith("roster.solver")}


def test_peer_interval_roster_places_breaks_and_costs_what_the_validator_says() -> None:
    # the generated centre's first week (1-7 October: National Day), fair shares off
    sc = make_interval_centre(12)
    week = sc.horizon.model_copy(update={"end": sc.horizon.start + dt.timedelta(days=6)})
    sc = sc.model_copy(update={"horizon": week, "fairness": Fairness(),
                               "requests": tuple(r for r in sc.requests if r.date <= week.end)})
    result = solve_plain(sc, time_limit=6, workers=2, seed=0, at=(6,))
    assert result.feasible, result.status
    assert all(a.break_at is not None for a in result.roster)  # every shift of the centre has a break
    report = validate(sc, result.roster)
    assert report.hard == []
    assert result.objective == report.cost
    costs = report.costs()
    for term in ("interval_shortfall", "interval_over"):
        assert result.terms[term] == costs.get(term, 0)
    assert validate(sc, result.snapshots[6]).hard == []


def test_peer_floor_count_takes_the_break_off_the_intervals_it_touches() -> None:
    # one agent, one day, a 09:00-13:00 shift with a 60-minute break within 10:00-12:00; one agent
    # needed every 30 minutes: the break leaves two half hours short whatever its start
    shift = Shift(id="D", start="09:00", end="13:00", break_rule=Break(minutes=60, within=("10:00", "12:00")))
    rows = tuple(IntervalRow(interval=f"{h:02d}:{m:02d}", agents=1) for h in range(9, 13) for m in (0, 30))
    sc = Scenario(horizon=Horizon(start=MON, end=MON), roles=(Role(id="agent"),), shifts=(shift,),
                  staff=(Staff(id="A", roles=("agent",)),),
                  demand=(IntervalDemand(role="agent", per_interval=rows, under_weight=10, over_weight=1),))
    result = solve_plain(sc, time_limit=5, workers=1)
    assert result.status == "OPTIMAL"
    (a,) = result.roster
    assert a.break_at in ("10:00", "10:30", "11:00")
    assert result.objective == validate(sc, result.roster).cost == 20
