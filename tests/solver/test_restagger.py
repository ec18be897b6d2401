"""Breaks placed jointly (``roster.solver.breaks.restagger``): never a higher cost, no single move left."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster.model.calendar import Calendar
from roster.model.intervals import break_minute
from roster.model.roster import Assignment, Roster
from roster.solver.breaks import break_text, interval_terms, restagger
from roster.solver.search.construct import Search
from roster.validate import validate
from tests.conftest import tiny
from tests.test_properties import interval_scenarios

DAY = dt.date(2026, 12, 7)
NIGHT = {"id": "N", "start": "22:00", "end": "07:00", "break": {"minutes": 60, "within": ["01:00", "04:00"]}}


def _night(**line):
    """The night of 7 December (22:00-07:00), four agents needed every half hour of it."""
    nxt = DAY + dt.timedelta(days=1)
    rows = [{"interval": f"{h:02d}:{m:02d}", "agents": 4, "date": str(DAY if h >= 22 else nxt)}
            for h in (22, 23, 0, 1, 2, 3, 4, 5, 6) for m in (0, 30)]
    return tiny(horizon={"start": str(DAY), "end": str(nxt)}, shifts=[NIGHT],
                staff=[{"id": f"A{i}", "roles": ["agent"]} for i in range(4)],
                demand=[{"role": "agent", "per_interval": rows, **line}])


def test_a_night_breaking_together_is_staggered():
    sc = _night()
    together = Roster.of(Assignment(DAY, f"A{i}", "N", "agent", break_at="01:00") for i in range(4))
    before = validate(sc, together).costs()
    assert before == {"interval_shortfall": (100 + 200 + 300 + 400) * 2}  # 01:00 and 01:30 empty
    after = restagger(sc, Calendar(sc), together)
    assert validate(sc, after).costs() == {"interval_shortfall": 4 * 100 + 2 * 300}  # 8 person-intervals spread
    assert len({a.break_at for a in after}) >= 3
    assert validate(sc, after).hard == []


def test_a_roster_already_best_is_returned_unchanged():
    sc = _night()
    spread = Roster.of(Assignment(DAY, f"A{i}", "N", "agent", break_at=t)
                       for i, t in enumerate(["01:00", "02:00", "03:00", "03:00"]))
    assert list(restagger(sc, Calendar(sc), spread)) == list(spread)


def test_hard_min_on_floor_is_met_when_the_breaks_allow_it():
    sc = _night(min_on_floor=3, under_steps=[1, 100])
    together = Roster.of(Assignment(DAY, f"A{i}", "N", "agent", break_at="01:00") for i in range(4))
    assert validate(sc, together).hard
    after = restagger(sc, Calendar(sc), together)
    # four hour-long breaks in a three-hour window: two half hours have two away whatever is done;
    # the hard floor of three makes the model keep that to two half hours, not more
    hard = [v.text for v in validate(sc, after).hard]
    assert len(hard) == 2, hard
    assert interval_terms(sc, Calendar(sc), after) == {"interval_shortfall": 4 * 1 + 2 * (1 + 100),
                                                       "interval_over": 0}
    loose = _night(min_on_floor=2)
    assert validate(loose, restagger(loose, Calendar(loose), together)).hard == []


def _moves(scenario, roster):
    """Every roster one break move away: one person's break at another allowed start."""
    items = list(roster)
    for i, a in enumerate(items):
        shift = scenario.shift_by_id[a.shift]
        if shift.break_rule is None or a.break_at is None:
            continue
        here = break_minute(shift, a.break_at)
        for t in shift.break_starts:
            if t != here:
                yield Roster.of(items[:i] + [replace(a, break_at=break_text(t))] + items[i + 1:], roster.leave)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interval_scenarios(), st.integers(0, 2))
def test_no_single_break_move_lowers_the_cost_after_restagger(scenario, seed):
    cal = Calendar(scenario)
    search = Search(scenario, cal, seed=seed)
    search.construct()
    lumped = Roster.of([replace(a, break_at=break_text(scenario.shift_by_id[a.shift].break_starts[0]))
                        if a.break_at is not None else a for a in search.roster()])
    before = validate(scenario, lumped, cal)
    after = restagger(scenario, cal, lumped)
    report = validate(scenario, after, cal)
    assert report.cost <= before.cost
    assert len(report.hard) <= len(before.hard)
    for moved in _moves(scenario, after):
        assert validate(scenario, moved, cal).cost >= report.cost
