"""People on the floor per interval, counted by hand."""

from __future__ import annotations

import datetime as dt

from roster.model.calendar import Calendar
from roster.model.fairness import Band, count_groups, counted_bands, counted_deviation, fair_bands
from roster.model.intervals import (
    break_intervals,
    break_minute,
    coverage_cost,
    interval_needs,
    on_floor,
    worked_intervals,
)
from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment
from roster.validate import validate
from tests.conftest import roster_of

MON = dt.date(2026, 12, 7)
BREAK = {"minutes": 30, "within": ["09:00", "11:00"]}


def centre(rows, days=1, shift_list=None, staff=None, role="agent", **line):
    return scenario_from_dict({
        "name": "floor", "horizon": {"start": str(MON), "end": str(MON + dt.timedelta(days=days - 1))},
        "roles": [{"id": "agent"}, {"id": "lead"}],
        "shifts": shift_list or [{"id": "D", "start": "08:00", "end": "12:00", "break": BREAK},
                             {"id": "N", "start": "22:00", "end": "06:00"}],
        "staff": staff or [{"id": "A", "roles": ["agent"]}, {"id": "B", "roles": ["agent"]},
                           {"id": "L", "roles": ["lead"]}],
        "demand": [{"role": role, "per_interval": rows, **line}],
    }, "floor.yaml")


def test_break_starts_lie_in_the_window_and_the_shift():
    sc = centre([{"interval": "08:00", "agents": 1}])
    assert sc.shift_by_id["D"].break_starts == (540, 570, 600, 630)
    assert sc.shift_by_id["N"].break_starts == ()


def test_worked_and_break_intervals():
    sc = centre([{"interval": "08:00", "agents": 1}])
    d = sc.shift_by_id["D"]
    assert worked_intervals(d, 0, 30) == list(range(480, 720, 30))
    assert worked_intervals(d, 1, 60) == [1440 + 480, 1440 + 540, 1440 + 600, 1440 + 660]
    assert break_intervals(d, 0, 540, 30) == [540]
    assert break_intervals(d, 0, 555, 30) == [540, 570]  # 09:15-09:45 touches two half hours
    assert break_intervals(d, 0, 540, 60) == [540]
    assert break_minute(d, "10:30") == 630
    n = sc.shift_by_id["N"]
    assert worked_intervals(n, 0, 60) == [1320, 1380, 1440, 1500, 1560, 1620, 1680, 1740]


def test_people_on_break_do_not_count():
    rows = [{"interval": t, "agents": 2} for t in ("08:00", "09:00", "09:30", "11:30")]
    sc = centre(rows)
    cal = Calendar(sc)
    roster = [Assignment(MON, "A", "D", "agent", break_at="09:00"),
              Assignment(MON, "B", "D", "agent", break_at="09:30")]
    staffed = on_floor(sc, cal, roster)
    assert staffed == {("agent", 480): 2, ("agent", 540): 1, ("agent", 570): 1, ("agent", 690): 2}
    assert coverage_cost(interval_needs(sc, cal), staffed) == (200, 0)


def test_only_the_lines_role_counts_and_role_none_counts_everyone():
    rows = [{"interval": "08:00", "agents": 1}]
    roster = [Assignment(MON, "A", "D", "agent", break_at="09:00"), Assignment(MON, "L", "D", "lead",
                                                                               break_at="09:00")]
    sc = centre(rows)
    assert on_floor(sc, Calendar(sc), roster) == {("agent", 480): 2 - 1}
    everyone = centre(rows, role=None)
    cal = Calendar(everyone)
    assert on_floor(everyone, cal, roster) == {(None, 480): 2}
    assert coverage_cost(interval_needs(everyone, cal), {(None, 480): 2}) == (0, 1)


def test_a_night_counts_after_midnight_and_only_its_lines_shifts_count():
    rows = [{"interval": "00:00", "agents": 1}, {"interval": "08:00", "agents": 1}]
    sc = centre(rows, days=2, shifts=["N"])
    cal = Calendar(sc)
    roster = [Assignment(MON, "A", "N", "agent"), Assignment(MON, "B", "D", "agent", break_at="10:00")]
    staffed = on_floor(sc, cal, roster)
    assert staffed[("agent", 1440)] == 1  # A's night of Monday covers Tuesday 00:00
    assert staffed[("agent", 480)] == 0  # D is not among the line's shifts
    assert staffed[("agent", 0)] == 0


def test_calls_become_agents_by_erlang_c():
    sc = centre([{"interval": "08:00", "calls": 100}], aht_seconds=180)
    need = interval_needs(sc, Calendar(sc))[("agent", 480)]
    # 100 calls × 180 s in 30 min = 10 Erlangs; 80 % answered within 20 s needs 14 agents
    assert need.agents == 14 and need.calls == 100


def weekend_centre(**over):
    rows = [{"interval": t, "agents": 2, "weekday": wd} for wd in ("sat", "sun")
            for t in ("08:00", "08:30", "09:00", "09:30")]
    return scenario_from_dict({
        "name": "fair", "horizon": {"start": str(MON), "end": str(MON + dt.timedelta(days=6))},
        "roles": [{"id": "agent"}], "shifts": [{"id": "D", "start": "08:00", "end": "12:00", "break": BREAK}],
        "staff": [{"id": "A", "roles": ["agent"]}, {"id": "B", "roles": ["agent"]}],
        "demand": [{"role": "agent", "per_interval": rows}], "fairness": {"weekends": 5}, **over,
    }, "fair.yaml")


def test_fair_shares_of_weekends_with_counts_carried_in_come_from_the_interval_need():
    # Saturday and Sunday each need 2 agents for the four half hours 08:00-10:00: on the floor
    # a D shift spends 3.5 h, so the weekend needs 2 × 2 × 4 × 30 / 210 shifts, split over 2 people
    sc = weekend_centre(fairness_carry=[{"staff": "A", "weekends": 0}])
    total = 2 * 2 * 4 * 30 / 210
    band = fair_bands(sc, Calendar(sc))["weekends"]["A"]
    assert (band.lo, band.hi) == (int(total / 2), int(total / 2) + 1)


def test_fair_shares_of_weekends_on_an_interval_centre_are_shares_of_what_the_peers_work():
    sc = weekend_centre()
    cal = Calendar(sc)
    assert fair_bands(sc, cal) == {}
    (group,) = count_groups(sc, cal)
    assert group.kind == "weekends" and group.share == {"A": 2, "B": 2}
    # A works both weekend days, B none: of the 2, each one's share is 1
    assert counted_bands(group, {"A": 2, "B": 0}) == {"A": Band(1, 1), "B": Band(1, 1)}
    assert counted_deviation(group, {"A": 2, "B": 0}) == {"A": 1, "B": 1}
    assert counted_deviation(group, {"A": 1, "B": 1}) == {"A": 0, "B": 0}
    assert counted_bands(group, {"A": 3}) == {"A": Band(1, 2), "B": Band(1, 2)}  # 3 of them: 1.5 each
    both = roster_of(("2026-12-12", "A", "D", "agent"), ("2026-12-13", "A", "D", "agent"))
    shared = roster_of(("2026-12-12", "A", "D", "agent"), ("2026-12-13", "B", "D", "agent"))
    assert validate(sc, both).costs().get("fairness_weekends") == 2 * 5
    assert "fairness_weekends" not in validate(sc, shared).costs()
