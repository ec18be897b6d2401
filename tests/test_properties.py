"""Property: every roster the solver returns passes the validator, and its cost is the objective."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from roster.model.calendar import Calendar
from roster.model.parse import scenario_from_dict
from roster.solver import SolveOptions, solve
from roster.solver.search import construct
from roster.solver.search.construct import Search
from roster.validate import validate

SHIFT_POOL = [
    {"id": "D", "start": "08:00", "end": "16:00"},
    {"id": "E", "start": "14:00", "end": "22:00"},
    {"id": "N", "start": "22:00", "end": "08:00"},
    {"id": "O", "segments": [["08:30", "12:00"], ["14:30", "17:30"]], "on": "workdays"},
]
START = dt.date(2026, 9, 28)  # a Monday before the National Day holiday


def limit(draw, values, soft_weight=True):
    v = draw(st.sampled_from(values))
    if v is not None and soft_weight and draw(st.booleans()):
        return {"value": v, "weight": draw(st.integers(1, 20))}
    return v


@st.composite
def scenarios(draw):
    days = draw(st.integers(5, 12))
    end = START + dt.timedelta(days=days - 1)
    shifts = draw(st.lists(st.sampled_from(SHIFT_POOL), min_size=1, max_size=3, unique_by=lambda s: s["id"]))
    ids = [s["id"] for s in shifts]
    roles = [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}]
    n = draw(st.integers(2, 6))
    staff = []
    for i in range(n):
        person = {"id": f"P{i}", "roles": [draw(st.sampled_from(["agent", "lead"]))]}
        if draw(st.booleans()):
            person["cannot"] = draw(st.lists(st.sampled_from(ids), max_size=1))
        if draw(st.integers(0, 4)) == 0:
            person["max_hours_per_week"] = draw(st.sampled_from([16, 24, 32]))
        staff.append(person)
    demand = []
    for s in ids:
        for role in ("agent", "lead"):
            if draw(st.booleans()):
                lo = draw(st.integers(0, 2))
                line = {"shift": s, "role": role, "min": {"value": lo, "weight": draw(st.integers(1, 100))}
                        if draw(st.booleans()) else lo}
                if draw(st.booleans()):
                    line["max"] = lo + draw(st.integers(0, 1))
                if draw(st.booleans()):
                    line["days"] = draw(st.sampled_from(["workdays", "weekends", ["mon", "fri"], "all"]))
                demand.append(line)
    leave, requests = [], []
    for _ in range(draw(st.integers(0, 2))):
        a = START + dt.timedelta(days=draw(st.integers(0, days - 1)))
        leave.append({"staff": f"P{draw(st.integers(0, n - 1))}", "type": "annual", "start": str(a),
                      "end": str(min(end, a + dt.timedelta(days=draw(st.integers(0, 2)))))})
    for _ in range(draw(st.integers(0, 4))):
        rq = {"staff": f"P{draw(st.integers(0, n - 1))}",
              "date": str(START + dt.timedelta(days=draw(st.integers(0, days - 1)))),
              "weight": draw(st.integers(1, 9))}
        kind = draw(st.sampled_from(["off", "shift", "not"]))
        if kind != "off":
            rq["shift"] = draw(st.sampled_from(ids))
        if kind != "shift":
            rq["off"] = True
        requests.append(rq)
    rules = {
        "min_rest_hours": limit(draw, [None, 8, 12]),
        "max_consecutive_work_days": limit(draw, [None, 3, 5]),
        "min_consecutive_days_off": limit(draw, [None, 1, 2]),
        "min_consecutive_work_days": limit(draw, [None, 2]),
        "max_hours_per_week": limit(draw, [None, 24, 40]),
        "max_weekends": limit(draw, [None, 1]),
        "forbidden_sequences": draw(st.sampled_from([[], [[ids[-1], ids[0]]]])),
    }
    fairness = {k: draw(st.sampled_from([0, 1, 5])) for k in ("nights", "weekends", "holidays", "hours")}
    return scenario_from_dict({
        "name": "generated", "horizon": {"start": str(START), "end": str(end)},
        "holidays": {"country": "CN"}, "roles": roles, "shifts": shifts, "staff": staff,
        "demand": demand, "leave": leave, "requests": requests, "rules": rules, "fairness": fairness,
    }, "generated.yaml")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_solver_rosters_pass_the_validator(scenario):
    result = _solved_and_checked(scenario)
    assert result.status in ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN")


def _solved_and_checked(scenario):
    """Solve for 5 s; a roster it returns passes the validator at the solver's cost, term by term."""
    result = solve(scenario, SolveOptions(time_limit=5, workers=2, seed=0))
    event(result.status)
    if result.feasible:
        report = validate(scenario, result.roster)
        assert report.hard == [], [str(v) for v in report.hard]
        assert report.cost == round(result.objective), (report.costs(), result.terms)
        assert report.costs() == {k: v for k, v in result.terms.items() if v}
    return result


TEMPLATE_POOL = [
    {"id": "E", "start_between": ["07:00", "08:00"], "every": 30, "hours": 4,
     "break": {"minutes": 30, "within": ["08:30", "11:00"]}},
    {"id": "M", "start_between": ["09:00", "10:00"], "every": 60, "hours": 3},
    {"id": "L", "start_between": ["12:00", "13:30"], "every": 30, "hours": 5,
     "break": {"minutes": 60, "within": ["14:00", "17:00"], "paid": True}},
]


@st.composite
def interval_scenarios(draw):
    """Small call centres staffed per interval: shift templates (some with breaks), agents per half hour."""
    days = draw(st.integers(1, 4))
    end = START + dt.timedelta(days=days - 1)
    templates = draw(st.lists(st.sampled_from(TEMPLATE_POOL), min_size=1, max_size=3, unique_by=lambda t: t["id"]))
    n = draw(st.integers(1, 5))
    staff = [{"id": f"P{i}", "roles": [draw(st.sampled_from(["agent", "lead"]))]} for i in range(n)]
    times = [f"{h:02d}:{m:02d}" for h in range(7, 19) for m in (0, 30)]
    picked = draw(st.lists(st.sampled_from(times), min_size=1, max_size=12, unique=True))
    rows = [{"interval": t, "agents": draw(st.integers(0, 3))} for t in picked]
    if draw(st.booleans()):  # a heavier first day
        rows += [{"interval": t, "agents": draw(st.integers(0, 4)), "date": str(START)} for t in picked[:3]]
    line = {"role": draw(st.sampled_from(["agent", None])), "per_interval": rows,
            "under_weight": draw(st.integers(1, 100)), "over_weight": draw(st.integers(0, 5))}
    if draw(st.booleans()):
        line["shifts"] = [templates[0]["id"]]
    if draw(st.booleans()):  # the planner's own convex steps (else under_weight × 1, 2, 3, 4)
        steps = draw(st.lists(st.integers(0, 60), min_size=1, max_size=4))
        line["under_steps"] = [sum(steps[:i + 1]) for i in range(len(steps))]
    if draw(st.booleans()):  # never fewer than 1 on the floor, at a weight
        line["min_on_floor"] = {"value": draw(st.integers(1, 2)), "weight": draw(st.integers(1, 500))}
    demand = [line]
    if draw(st.booleans()):  # an ordinary seat line next to the interval line
        demand.append({"shift": draw(st.sampled_from([s for t in templates for s in _starts(t)])),
                       "role": "lead", "min": {"value": 1, "weight": 50}})
    requests = [{"staff": f"P{draw(st.integers(0, n - 1))}", "weight": draw(st.integers(1, 9)), "off": True,
                 "date": str(START + dt.timedelta(days=draw(st.integers(0, days - 1))))}
                for _ in range(draw(st.integers(0, 2)))]
    rules = {"min_rest_hours": limit(draw, [None, 12]), "max_consecutive_work_days": limit(draw, [None, 2]),
             "max_hours_per_week": limit(draw, [None, 12])}
    return scenario_from_dict({
        "name": "generated intervals", "horizon": {"start": str(START), "end": str(end)},
        "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}], "shift_templates": templates,
        "staff": staff, "demand": demand, "requests": requests, "rules": rules,
        # holiday shares (1 October) among peers out of what they work (an interval centre's fair shares)
        "fairness": {"hours": draw(st.sampled_from([0, 1])), "holidays": draw(st.sampled_from([0, 5]))},
    }, "generated.yaml")


def _starts(template: dict) -> list[str]:
    a, b = (int(t[:2]) * 60 + int(t[3:]) for t in template["start_between"])
    return [f"{template['id']}{m // 60:02d}{m % 60:02d}" for m in range(a, b + 1, template["every"])]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interval_scenarios(), st.sampled_from(["auto", "construct"]))
def test_interval_rosters_pass_the_validator_with_the_same_cost(scenario, strategy):
    result = solve(scenario, SolveOptions(time_limit=3, workers=2, seed=0, strategy=strategy))
    event(f"{strategy} {result.status}")
    if result.feasible:
        report = validate(scenario, result.roster)
        assert report.hard == [], [str(v) for v in report.hard]
        assert report.cost == round(result.objective), (report.costs(), result.terms)
        assert report.costs() == {k: v for k, v in result.terms.items() if v}
        assert all((a.break_at is not None) == (scenario.shift_by_id[a.shift].break_rule is not None)
                   for a in result.roster)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interval_scenarios(), st.integers(0, 3))
def test_the_searchs_cost_on_interval_centres_is_the_validators(scenario, seed):
    cal = Calendar(scenario)
    search = Search(scenario, cal, seed=seed)
    search.construct()
    search.improve(0.3, sweeps=1)
    report = validate(scenario, search.roster(), cal)
    assert report.cost == search.cost(), (report.costs(), search.terms())
    assert report.costs() == {k: v for k, v in search.terms().items() if v}
    if search.empty_hard_seats() == 0 and search.complete:
        assert [str(v) for v in report.hard if v.rule != "coverage_shortfall"] == []


@st.composite
def rotation_scenarios(draw, search: bool = False):
    """The generated scenarios with rotations (hard or soft, people or a team), crews kept
    together, counts carried in from earlier months and handovers before shifts (``search``: only
    what the per-person search takes: hard rotations, no crews kept together, no hours carried)."""
    data = draw(scenarios()).model_dump()
    ids = [s["id"] for s in data["shifts"]]
    staff = [p["id"] for p in data["staff"]]
    teams: list[str] = []
    if draw(st.booleans()):
        for p in data["staff"]:
            p["team"] = draw(st.sampled_from(["T1", "T2"]))
        teams = sorted({p["team"] for p in data["staff"]})
        data["teams"] = [{"id": t, "together": not search, "weight": draw(st.sampled_from([None, 3]))}
                         for t in teams if draw(st.booleans())]
    rotations, free = [], list(staff)
    for k in range(draw(st.integers(0, 2))):
        pattern = draw(st.lists(st.sampled_from([*ids, "off"]), min_size=1, max_size=6))
        rotation = {"id": f"R{k}", "pattern": pattern, "offset": draw(st.integers(0, len(pattern) - 1)),
                    "weight": None if search else draw(st.sampled_from([None, 2, 9]))}
        unit = [t for t in teams if all(p["id"] in free for p in data["staff"] if p["team"] == t)]
        if unit and draw(st.booleans()):
            rotation["team"] = unit[0]
            who = [p["id"] for p in data["staff"] if p["team"] == unit[0]]
        elif free:
            who = draw(st.lists(st.sampled_from(free), min_size=1, max_size=2, unique=True))
            rotation["staff"] = who
        else:
            break
        free = [p for p in free if p not in who]
        rotations.append(rotation)
    data["rotations"] = rotations
    data["fairness_carry"] = [{"staff": p, "nights": draw(st.integers(0, 4)), "weekends": draw(st.integers(0, 3)),
                               "hours": 0 if search else draw(st.sampled_from([0, 40, 100.5]))}
                              for p in staff if draw(st.booleans())]
    for s in data["shifts"]:
        s["handover_minutes"] = draw(st.sampled_from([0, 0, 15]))
    return scenario_from_dict(data, "generated.yaml")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rotation_scenarios())
def test_rosters_with_rotations_crews_and_carry_pass_the_validator(scenario):
    _solved_and_checked(scenario)


TWO_ON_ONE_SEAT = scenario_from_dict({
    "name": "two leads held to D, one D seat at most", "horizon": {"start": str(START), "end": "2026-10-02"},
    "holidays": {"country": "CN"}, "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}],
    "shifts": [SHIFT_POOL[0]], "staff": [{"id": "P0", "roles": ["lead"]}, {"id": "P1", "roles": ["lead"]}],
    "demand": [{"shift": "D", "role": "lead", "min": 0, "max": 1}],
    "rotations": [{"id": "R0", "pattern": ["D"], "staff": ["P0", "P1"], "offset": 0}],
}, "generated.yaml")
"""Found by hypothesis: the search once put both on D every day and priced the hard maximum at
1,000,000 a day, where the validator names five hard violations at no cost (a seat at its hard
maximum is now closed to the per-person routine, so the second lead has no month)."""


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rotation_scenarios(search=True), st.integers(0, 3))
@example(TWO_ON_ONE_SEAT, 0)
def test_the_searchs_rosters_keep_hard_patterns(scenario, seed):
    assert construct.applies(scenario)
    cal = Calendar(scenario)
    search = Search(scenario, cal, seed=seed)
    placed = search.construct()  # False: someone has no month that keeps their hard rules
    event(f"everyone placed: {placed}")
    search.improve(0.3, sweeps=1)
    report = validate(scenario, search.roster(), cal)
    if search.empty_hard_seats() == 0:  # the search prices an empty hard seat, the validator names it
        assert report.cost == search.cost(), (report.costs(), search.terms())
    if placed:
        assert [str(v) for v in report.hard if v.rule != "coverage_shortfall"] == []
