"""Erlang C staffing and forecast-driven demand."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest

from roster.io.load import load_scenario
from roster.model.erlang import (
    agents_needed,
    agents_on_phones,
    average_speed_of_answer,
    erlang_b,
    erlang_c,
    service_level,
    traffic,
)
from roster.model.parse import ScenarioError


def erlang_c_direct(n: int, a: float) -> float:
    """Erlang C from its defining sum, in exact fractions (independent of the recursion)."""
    a = Fraction(a).limit_denominator(10**6)
    top = a**n / math.factorial(n) * Fraction(n) / (n - a)
    return float(top / (sum(a**k / math.factorial(k) for k in range(n)) + top))


@pytest.mark.parametrize("agents,load,grade", [
    (5, 1.36, 0.01), (10, 4.46, 0.01), (20, 12.03, 0.01), (30, 20.34, 0.01), (10, 5.08, 0.02),
    (10, 3.96, 0.005),
])
def test_erlang_b_matches_the_published_erlang_b_table(agents, load, grade):
    """Points of the standard Erlang B traffic table (offered erlangs for N circuits at a grade of
    service, as printed in teletraffic engineering handbooks, e.g. the ITU-D Teletraffic
    Engineering Handbook tables). Erlang C is computed from Erlang B, so these pin its core."""
    assert erlang_b(agents, load) == pytest.approx(grade, abs=0.0006)


@pytest.mark.parametrize("n,a", [(1, 0.5), (2, 1.0), (11, 10.0), (55, 48.0), (14, 10.0), (3, 2.5)])
def test_erlang_c_recursion_equals_the_defining_sum(n, a):
    assert erlang_c(n, a) == pytest.approx(erlang_c_direct(n, a), rel=1e-9)


def test_erlang_c_closed_forms():
    assert erlang_c(1, 0.5) == pytest.approx(0.5)  # M/M/1: wait probability = utilisation
    rho = 0.5
    assert erlang_c(2, 1.0) == pytest.approx(2 * rho**2 / (1 + rho))  # M/M/2
    assert erlang_c(3, 3.0) == 1.0  # overloaded


def test_the_360_calls_example():
    a = traffic(360, 240, 30)
    assert a == 48
    assert erlang_c(55, a) == pytest.approx(0.2387, abs=5e-4)
    assert average_speed_of_answer(55, a, 240) == pytest.approx(8.18, abs=0.01)
    assert service_level(55, a, 240, 20) > 0.8 > service_level(53, a, 240, 20)
    assert agents_on_phones(360, 240, 0.8, 20) == 54


def test_agents_needed_with_shrinkage():
    base = agents_on_phones(100, 180, 0.8, 20)
    assert agents_needed(100, 180, 0.8, 20, shrinkage=0.0) == base
    assert agents_needed(100, 180, 0.8, 20, shrinkage=0.3) == math.ceil(base / 0.7)
    assert agents_needed(0, 180) == 0
    with pytest.raises(ValueError):
        agents_needed(10, 180, shrinkage=1.0)


SCENARIO = """
name: forecast
horizon: {start: 2026-12-07, end: 2026-12-08}
roles: [{id: agent}]
shifts:
  - {id: D, start: "08:00", end: "16:00"}
  - {id: E, start: "14:00", end: "22:00"}
staff: [{id: A1, roles: [agent]}]
demand_from: {forecast: calls.csv, aht_seconds: 240, service_level: 0.8, answer_seconds: 20,
              shrinkage: 0.25, role: agent, shifts: [D, E]}
"""


def test_demand_from_a_forecast(tmp_path: Path):
    rows = ["interval,calls"] + [f"{h:02d}:{m:02d},{30 if h < 14 else 10}" for h in range(8, 22) for m in (0, 30)]
    (tmp_path / "calls.csv").write_text("\n".join(rows))
    (tmp_path / "s.yaml").write_text(SCENARIO)
    sc = load_scenario(tmp_path / "s.yaml")
    need_d = agents_needed(30, 240, 0.8, 20, 0.25)
    need_e = agents_needed(10, 240, 0.8, 20, 0.25)
    lines = {(d.shift, d.role): d for d in sc.demand}
    assert lines[("D", "agent")].min == need_d
    assert lines[("E", "agent")].min == max(need_e - need_d, 0) or need_d >= need_e
    assert sc.demand_from is not None and sc.demand_from.aht_seconds == 240


def test_demand_from_bad_forecast(tmp_path: Path):
    (tmp_path / "calls.csv").write_text("interval,calls\n08:00,many\n")
    (tmp_path / "s.yaml").write_text(SCENARIO)
    with pytest.raises(ScenarioError) as err:
        load_scenario(tmp_path / "s.yaml")
    assert "row 2" in err.value.field and err.value.value == "many"
    (tmp_path / "s.yaml").write_text(SCENARIO.replace("calls.csv", "missing.csv"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(tmp_path / "s.yaml")
    assert err.value.field == "demand_from.forecast"
