"""The model helpers solver and validator share, each against a small case worked out by hand.

Solver and validator both read ``seats_table``, ``fair_bands``, ``hour_groups``,
``counts_towards``, ``leave_minutes``, ``duty_role`` and ``wish_days``; a mistake in one of them
would make the two agree on a wrong answer. So each is checked here on its own, with the
expected numbers derived in the comments, not taken from the code (docs/model.md, "Shared helpers").
"""

from __future__ import annotations

from roster.model.availability import leave_minutes, wish_days
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.fairness import Band, counts_towards, fair_bands, hour_groups
from roster.model.parse import scenario_from_dict
from roster.model.posts import duty_role

# The week of Monday 7 December 2026 (no holidays unless a case adds one): day index 0 = Mon 7,
# 5 = Sat 12, 6 = Sun 13.
WEEK = {"start": "2026-12-07", "end": "2026-12-13"}
D = {"id": "D", "start": "08:00", "end": "16:00"}                      # 8 h = 480 paid minutes
N = {"id": "N", "start": "22:00", "end": "06:00", "on": "workdays"}   # crosses midnight: a night


def scenario(**fields):
    data = {"horizon": WEEK, "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}],
            "shifts": [D, N], "staff": [{"id": "A1", "roles": ["agent"]}],
            "rules": {"min_consecutive_days_off": 0}}
    data.update(fields)
    return scenario_from_dict(data, "case.yaml")


# ---- seats_table ------------------------------------------------------------------------------
def test_seats_table_last_matching_line_wins_and_only_where_the_shift_runs():
    sc = scenario(demand=[
        {"shift": "D", "min": 3},                                          # everyone on D, every day
        {"shift": "D", "role": "agent", "min": 2, "max": 3},               # agents on D, every day …
        {"shift": "D", "role": "agent", "min": 1, "days": "weekends"},     # … but 1 on Sat/Sun (wins)
        {"shift": "N", "role": "agent", "min": 1},                         # N runs Mon-Fri only
    ])
    seats = seats_table(sc, Calendar(sc))
    # keys: D/everyone 7 days + D/agent 7 days + N/agent 5 workdays = 19
    assert len(seats) == 19
    assert {d for d, s, _ in seats if s == "N"} == {0, 1, 2, 3, 4}
    assert (seats[(0, "D", "agent")].min, seats[(0, "D", "agent")].max) == (2, 3)
    assert (seats[(5, "D", "agent")].min, seats[(5, "D", "agent")].line) == (1, 2)
    # no max given: the max is the min, its excess costs the overstaffing weight
    everyone = seats[(6, "D", None)]
    assert (everyone.min, everyone.max, everyone.max_weight) == (3, 3, sc.rules.overstaffing_weight)


# ---- leave_minutes ----------------------------------------------------------------------------
def test_leave_minutes_are_minutes_from_the_horizon_start_with_half_days():
    sc = scenario(staff=[{"id": "A1", "roles": ["agent"]}, {"id": "A2", "roles": ["agent"]}], leave=[
        {"staff": "A1", "start": "2026-12-08", "end": "2026-12-09"},             # Tue 00:00 .. Thu 00:00
        {"staff": "A1", "type": "sick", "start": "2026-12-10", "end": "2026-12-10", "half": "am"},
        {"staff": "A2", "start": "2026-12-11", "end": "2026-12-11", "half": "pm"},
        {"staff": "A2", "start": "2026-12-05", "end": "2026-12-07"},             # starts before the horizon
    ])
    got = leave_minutes(sc, Calendar(sc))
    # Tue = day 1 -> 1 * 1440 = 1440; Thu 00:00 = 3 * 1440 = 4320
    # Thu am: 4320 .. 4320 + 720 = 5040
    # Fri pm: 4 * 1440 + 720 = 6480 .. 5 * 1440 = 7200
    # Sat 5 Dec = day -2: -2880 .. Tue 00:00 = 1440
    assert got == {"A1": [(1440, 4320, "annual"), (4320, 5040, "sick")],
                   "A2": [(6480, 7200, "annual"), (-2880, 1440, "annual")]}


# ---- counts_towards ---------------------------------------------------------------------------
def test_counts_towards_nights_weekends_holidays_and_paid_minutes():
    sc = scenario(holidays={"add": ["2026-12-09"]},  # Wednesday made a holiday
                  shifts=[D, {**N, "on": "all"}, {"id": "S", "segments": [["08:30", "12:00"], ["14:30", "17:30"]]}])
    cal = Calendar(sc)
    assert [counts_towards("nights", sc, cal, 0, s) for s in ("D", "N", "S")] == [0, 1, 0]
    assert [counts_towards("weekends", sc, cal, d, "D") for d in (4, 5, 6)] == [0, 1, 1]  # Fri, Sat, Sun
    assert [counts_towards("holidays", sc, cal, d, "D") for d in (1, 2, 3)] == [0, 1, 0]  # Wed only
    # hours count paid minutes: D 8 h = 480, N 22:00-06:00 = 480, S 3.5 h + 3 h = 390
    assert [counts_towards("hours", sc, cal, 0, s) for s in ("D", "N", "S")] == [480, 480, 390]


# ---- fair_bands -------------------------------------------------------------------------------
def test_fair_bands_split_the_demanded_nights_by_the_days_each_person_can_work_them():
    sc = scenario(
        horizon={"start": "2026-12-07", "end": "2026-12-10"},  # Mon..Thu: 4 nights
        shifts=[N],
        staff=[{"id": "A1", "roles": ["agent"]}, {"id": "A2", "roles": ["agent"]},
               {"id": "A3", "roles": ["agent"]}],
        leave=[{"staff": "A3", "start": "2026-12-07", "end": "2026-12-08"}],  # A3 can do 2 nights
        # need per night = max(everyone line 1, the roles' minimums 2) = 2 -> 8 nights demanded
        demand=[{"shift": "N", "min": 1}, {"shift": "N", "role": "agent", "min": 2, "max": 3}],
        fairness={"nights": 5},
    )
    bands = fair_bands(sc, Calendar(sc))
    # available person-nights: 4 + 4 + 2 = 10
    # A1, A2: 8 * 4 / 10 = 3.2 -> [3, 4];  A3: 8 * 2 / 10 = 1.6 -> [1, 2]
    assert bands == {"nights": {"A1": Band(3, 4), "A2": Band(3, 4), "A3": Band(1, 2)}}
    unweighted = scenario(demand=[{"shift": "N", "min": 1}])
    assert fair_bands(unweighted, Calendar(unweighted)) == {}  # no fairness weight: no bands


# ---- hour_groups ------------------------------------------------------------------------------
def test_hour_groups_are_peers_with_the_same_roles_weighted_by_days_and_weekly_limit():
    sc = scenario(
        horizon={"start": "2026-12-07", "end": "2026-12-10"},  # 4 days
        shifts=[D, {"id": "L", "start": "08:00", "end": "20:00"}, {"id": "H", "start": "08:00", "end": "12:00"}],
        staff=[{"id": "A1", "roles": ["agent"]},
               {"id": "A2", "roles": ["agent"], "max_hours_per_week": 20, "days_off": ["2026-12-10"]},
               {"id": "L1", "roles": ["lead"]}],
        demand=[{"shift": "D", "min": 0, "max": 3}],
        rules={"max_hours_per_week": 40, "min_consecutive_days_off": 0},
        fairness={"hours": 1},
    )
    groups = hour_groups(sc, Calendar(sc))
    # L1 is alone in its group: left out. Agents: A1 4 days * 40/40 * 4 = 16,
    # A2 3 days (a fixed day off) * 20/40 * 4 = 6. Slack: median of 480, 720, 240 = 480 minutes.
    assert [(g.share, g.slack) for g in groups] == [({"A1": 16, "A2": 6}, 480)]
    unweighted = scenario()
    assert hour_groups(unweighted, Calendar(unweighted)) == []  # no hours weight: no groups


# ---- duty_role --------------------------------------------------------------------------------
def test_duty_role_is_counts_toward_only_where_that_role_has_seats():
    sc = scenario(
        staff=[{"id": "A1", "roles": ["agent"]}, {"id": "A2", "roles": ["agent"]}],
        demand=[{"shift": "D", "role": "agent", "min": 1, "days": "workdays"}],
        posts=[{"id": "desk", "shift": "D", "a": "A1", "b": "A2", "counts_toward": "agent"},
               {"id": "door", "shift": "D", "a": "A2", "b": "A1"}],
    )
    seats = seats_table(sc, Calendar(sc))
    desk, door = sc.posts
    assert duty_role(desk, seats, 0, "D") == "agent"   # Monday: agent seats on D
    assert duty_role(desk, seats, 5, "D") is None      # Saturday: no agent line
    assert duty_role(desk, seats, 0, "N") is None      # N has no agent seats
    assert duty_role(door, seats, 0, "D") is None      # counts toward nothing


# ---- wish_days --------------------------------------------------------------------------------
def test_wish_days_skip_rest_days_for_workday_leave_days_off_pins_and_leave():
    sc = scenario(
        staff=[{"id": "A1", "roles": ["agent"], "days_off": ["2026-12-09"]}],   # Wed fixed off
        fixed=[{"staff": "A1", "date": "2026-12-10", "shift": "D"}],             # Thu pinned
        leave=[{"staff": "A1", "start": "2026-12-11", "end": "2026-12-11"}],     # Fri on leave
        demand=[{"shift": "D", "min": 0, "max": 1}],
        leave_wishes=[{"staff": "A1", "type": "annual", "days": 1,
                       "window": {"start": "2026-12-06", "end": "2026-12-13"}},
                      {"staff": "A1", "type": "maternity", "days": 1,
                       "window": {"start": "2026-12-08", "end": "2026-12-12"}}],
    )
    cal = Calendar(sc)
    # annual counts workdays: Mon 0, Tue 1 (Wed off, Thu pinned, Fri leave, weekend not counted;
    # Sun 6 Dec lies before the horizon)
    assert wish_days(sc, cal, 0) == [0, 1]
    # maternity counts calendar days, window Tue..Sat: Tue 1 and Sat 5
    assert wish_days(sc, cal, 1) == [1, 5]
