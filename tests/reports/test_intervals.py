"""Needed against scheduled per interval, and the service level the roster reaches (Erlang C
with the people on the floor), checked against published worked examples and against Erlang C
computed independently here from its closed form."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from roster.model.calendar import Calendar
from roster.model.intervals import interval_needs, on_floor
from roster.model.roster import Roster
from roster.reports.intervals import (
    achieved,
    day_figures,
    day_line,
    interval_figures,
    summary_lines,
)
from tests.interval_case import by_hand, centre


def erlang_c_closed_form(agents: int, erlangs: float) -> float:
    """P(wait) from the textbook closed form with factorials (no recursion, no Erlang B):
    C = (A^N / N!) · N/(N − A)  /  (Σ_{k<N} A^k / k!  +  (A^N / N!) · N/(N − A))."""
    top = erlangs**agents / math.factorial(agents) * agents / (agents - erlangs)
    return top / (sum(erlangs**k / math.factorial(k) for k in range(agents)) + top)


def independent(calls: float, aht: float, answer: float, agents: int, minutes: int = 30) -> tuple[float, float, float]:
    """(service level, average speed of answer, occupancy) written out from the formulas."""
    erlangs = calls / (minutes * 60) * aht
    wait = erlang_c_closed_form(agents, erlangs)
    return (1 - wait * math.exp(-(agents - erlangs) * answer / aht), wait * aht / (agents - erlangs),
            erlangs / agents)


# Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked Example": 100 calls in
# 30 minutes, 180-second handle time, 20-second answer target. 11 agents: P(wait) 68.21 %,
# service level 39 %; 14 agents: service level 88.8 %, occupancy 71.4 %.
# Westbay Engineers, "The Erlang-C formula" (the 360-call example): 360 calls per half hour,
# 4-minute calls, 55 agents, 15-second target: traffic 48 erlangs, occupancy 87.3 %, P(wait)
# 23.87 %, average speed of answer 8.18 s, service level 84.6 %.
@pytest.mark.parametrize("calls,aht,answer,agents,level,asa,occupancy", [
    (100, 180, 20, 11, 0.390, 122.8, 0.909),
    (100, 180, 20, 14, 0.888, 7.84, 0.714),
    (360, 240, 15, 55, 0.846, 8.18, 0.873),
])
def test_achieved_matches_published_worked_examples(calls, aht, answer, agents, level, asa, occupancy):
    got = achieved(calls, aht, answer, agents)
    assert got.answering == agents
    assert got.service_level == pytest.approx(level, abs=0.001)
    assert got.asa_seconds == pytest.approx(asa, abs=0.01 * asa)
    assert got.occupancy == pytest.approx(occupancy, abs=0.001)


@pytest.mark.parametrize("calls,aht,answer,agents", [
    (6, 300, 20, 2), (12, 300, 20, 3), (100, 180, 20, 12), (360, 240, 15, 53), (45.5, 210, 30, 9), (3, 600, 10, 2),
])
def test_achieved_matches_the_closed_form(calls, aht, answer, agents):
    level, asa, occupancy = independent(calls, aht, answer, agents)
    got = achieved(calls, aht, answer, agents)
    assert got.service_level == pytest.approx(level, rel=1e-9)
    assert got.asa_seconds == pytest.approx(asa, rel=1e-9)
    assert got.occupancy == pytest.approx(occupancy, rel=1e-12)


def test_agents_on_the_phones_round_shrinkage_down():
    assert achieved(10, 300, 20, 10, shrinkage=0.15).answering == 8  # 8.5 people are 8 on the phones
    assert achieved(10, 300, 20, 10, shrinkage=0.1).answering == 9  # exactly 9, not 8.999…
    assert achieved(10, 300, 20, 3, shrinkage=0.5).answering == 1


def test_overloaded_and_empty_intervals():
    over = achieved(60, 300, 20, 10)  # 10 erlangs on 10 agents: the queue never empties
    assert (over.service_level, over.asa_seconds, over.occupancy) == (0.0, None, 1.0)
    quiet = achieved(0, 300, 20, 3)
    assert (quiet.service_level, quiet.asa_seconds, quiet.occupancy) == (None, None, None)


def test_interval_figures_of_a_roster_placed_by_hand():
    """The people counted are on_floor's (breaks away), and each interval's service level is the
    closed form's with floor(scheduled × (1 − shrinkage)) agents."""
    sc, roster = centre(shrinkage=0.3), by_hand()
    figures = interval_figures(sc, roster)
    cal = Calendar(sc)
    floor = on_floor(sc, cal, roster)
    needs = interval_needs(sc, cal)
    assert [(f.interval, f.scheduled) for f in figures] == [
        ("08:00", 4), ("08:30", 4), ("09:00", 4), ("11:00", 3), ("12:00", 2)]
    for f in figures:
        assert f.scheduled == floor[("agent", f.start)]
        assert f.needed == needs[("agent", f.start)].agents
        answering = math.floor(f.scheduled * 0.7 + 1e-9)
        assert f.answering == answering
        erlangs = f.calls * 300 / 1800
        if answering <= erlangs:
            assert (f.service_level, f.asa_seconds, f.occupancy) == (0.0, None, 1.0)
        else:
            level, asa, occupancy = independent(f.calls, 300, 20, answering)
            assert f.service_level == pytest.approx(level, rel=1e-9)
            assert f.asa_seconds == pytest.approx(asa, rel=1e-9)
            assert f.occupancy == pytest.approx(occupancy)


def test_day_service_level_is_weighted_by_calls():
    sc, roster = centre(), by_hand()
    figures = interval_figures(sc, roster)
    (day,) = day_figures(sc, figures)
    calls = [6, 10, 12, 8, 8]
    levels = [independent(c, 300, 20, f.scheduled)[0] for c, f in zip(calls, figures, strict=True)]
    assert day.calls == sum(calls)
    assert day.service_level == pytest.approx(sum(c * s for c, s in zip(calls, levels, strict=True)) / sum(calls))
    assert day.target == 0.8
    # one interval is short: 12:00 has a2 and a3 at lunch, a1 back and a4 still working
    assert (day.intervals, day.short_intervals, day.people_short) == (5, 1, 1)
    assert (day.worst.interval, day.worst.scheduled, day.worst.needed) == ("12:00", 2, 3)


def test_a_break_moved_off_the_short_interval_mends_it():
    sc = centre()
    moved = Roster.of(replace(a, break_at="13:00") if a.staff == "a3" else a for a in by_hand())
    (day,) = day_figures(sc, interval_figures(sc, moved))
    assert day.short_intervals == 0 and day.worst is None


def test_agents_only_forecast_has_no_service_level():
    sc = centre(rows=[{"interval": "08:00", "agents": 3}, {"interval": "12:00", "agents": 3}])
    figures = interval_figures(sc, by_hand())
    assert [(f.needed, f.scheduled, f.service_level) for f in figures] == [(3, 4, None), (3, 2, None)]
    (day,) = day_figures(sc, figures)
    assert day.service_level is None and day.target is None and day.people_short == 1


def test_summary_lines_name_the_worst_interval():
    lines = summary_lines(centre(), by_hand())
    assert lines[0].startswith("2026-12-01 Tue agent: 1/5 intervals short (short by 1 in all), worst 12:00 2/3, SL ")
    assert lines[-1].startswith("month agent: 1/5 intervals short")
    assert summary_lines(centre(), Roster()) [0].endswith("SL 0.0% (target 80%)")


def test_no_interval_demand_no_figures(make):
    assert interval_figures(make(), Roster()) == []
    assert summary_lines(make(), Roster()) == []


def test_summary_lists_only_the_days_that_fall_short():
    sc, roster = centre(), by_hand()
    days = day_figures(sc, interval_figures(sc, roster))
    short = [d for d in days if d.short_intervals or (d.service_level is not None and d.service_level < d.target)]
    lines = summary_lines(sc, roster)
    assert [x for x in lines if x[:4].isdigit()] == [day_line(d) for d in short]
    if len(short) < len(days):
        assert f"{len(days) - len(short)} of {len(days)} days with every interval covered" in "\n".join(lines)
