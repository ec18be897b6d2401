"""The rule registry: every family declares its names truthfully, the validator reports each
family, and whatever picks families (groups, neighbourhoods, explanations) reads the registry."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from roster.bench.scale import make_centre
from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.rule_names import BY_VARIABLES, Rule
from roster.model.scenario import LeaveWish
from roster.solver import SolveOptions, groups, solve
from roster.solver.build import build
from roster.solver.context import Context, Label
from roster.solver.explain import candidates, word
from roster.solver.groups import GroupSearch
from roster.solver.rules import FAMILIES, Family, Scope, family_of, hard_families, split_families
from roster.solver.search import construct, lns
from roster.solver.search.colgen import ColumnGeneration
from roster.solver.search.person import BREAKS, Broken
from roster.validate import CHECKS, Check, validate
from roster.validate.checker import Soft
from roster.validate.checks import ROSTER
from tests.conftest import SCENARIOS, roster_of, tiny
from tests.verify import verify


def test_the_validator_has_one_check_per_family_reporting_what_the_family_declares() -> None:
    assert set(CHECKS) == set(FAMILIES)
    owned: dict[Rule, str] = {}
    for name, family in FAMILIES.items():
        assert family.name == name
        assert family.violations, f"{name} declares no violation"
        check = CHECKS[name]
        assert check.family == name
        assert set(check.reports) == set(family.violations), name
        for v in family.violations:
            assert v not in owned, f"{v} claimed by {owned.get(v)} and {name}"
            owned[v] = name
    assert not BY_VARIABLES & owned.keys()
    assert set(ROSTER.reports) == BY_VARIABLES


def test_a_check_that_reports_a_rule_it_does_not_declare_fails(monkeypatch) -> None:
    def loose(chk) -> None:
        chk.add(Rule.REST, None, "A: too little rest", "", hard=True)

    monkeypatch.setitem(CHECKS, Rule.FIXED, Check(Rule.FIXED, (Rule.FIXED,), loose))
    with pytest.raises(ValueError, match="the fixed check reports rest"):
        validate(tiny(), Roster())


def test_validate_runs_only_the_families_asked_for() -> None:
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 2}])
    bad = roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-08", "A", "D", "agent"))
    assert {v.rule for v in validate(sc, bad).violations} >= {Rule.REST, Rule.COVERAGE_SHORTFALL}
    assert {v.rule for v in validate(sc, bad, families=[Rule.REST]).violations} == {Rule.REST}
    with pytest.raises(ValueError, match="no check"):
        validate(sc, bad, families=["nothing"])


def test_each_label_names_one_family_and_words_only_its_own_labels() -> None:
    seen: set[str] = set()
    for family in FAMILIES.values():
        assert not seen & set(family.labels)
        seen |= set(family.labels)
        assert set(family.words) <= set(family.labels)
        for label in family.labels:
            assert family_of(label) is family
    assert family_of("no such label") is None


def test_the_soft_terms_the_validator_prices_are_the_families_terms() -> None:
    """A soft rule's objective term and its violation carry one name (coverage also reports a
    role on duty where the shift has no seat for it, which no term prices)."""
    for family in FAMILIES.values():
        assert set(family.violations) <= set(family.terms) | {Rule.COVERAGE}


EVERYTHING = dict(
    horizon={"start": "2026-12-07", "end": "2026-12-20"},
    staff=[{"id": "A", "roles": ["agent"], "max_shifts": {"N": 2}, "max_hours_total": 64, "min_hours_total": 8},
           {"id": "B", "roles": ["agent"], "max_weekends": 1, "max_weekends_per_month": 1},
           {"id": "C", "roles": ["agent"], "min_consecutive_work_days": 2}],
    demand=[{"shift": "D", "role": "agent", "min": 1, "max": 2}, {"shift": "N", "role": "agent", "min": 1}],
    rules={"min_rest_hours": 12, "max_consecutive_work_days": 5, "min_consecutive_days_off": 2,
           "max_hours_per_week": 40, "forbidden_sequences": [["N", "D"]]},
    requests=[{"staff": "A", "date": "2026-12-08", "off": True, "weight": 3}],
    fixed=[{"staff": "B", "date": "2026-12-09", "shift": "D"}],
    leave_wishes=[{"staff": "C", "type": "annual", "days": 1, "window": {"start": "2026-12-14", "end": "2026-12-16"}}],
    fairness={"nights": 1, "weekends": 1, "holidays": 1, "hours": 1},
)


def soft(limit):
    return {"value": limit, "weight": 2}


@pytest.mark.parametrize("scenario", [
    pytest.param(lambda: tiny(**EVERYTHING), id="every rule hard"),
    pytest.param(lambda: tiny(**{**EVERYTHING, "rules": {k: soft(v) if isinstance(v, int) else v
                                                         for k, v in EVERYTHING["rules"].items()}
                                 | {"forbidden_sequences_weight": 4},
                                 "demand": [{"shift": "D", "role": "agent", "min": soft(1), "max": 2},
                                            {"shift": "N", "role": "agent", "min": 1}]}),
                 id="soft limits"),
    pytest.param(lambda: load_scenario(SCENARIOS / "service_hall_ab.yaml"), id="posts"),
    pytest.param(lambda: load_scenario(SCENARIOS / "front_desk.yaml"), id="front desk"),
])
def test_families_add_only_the_terms_and_labels_they_declare(scenario) -> None:
    sc = scenario()
    produced: set[str] = set()
    for family in FAMILIES.values():
        ctx = build(sc, explain=True, families=[family])
        assert set(ctx.terms) <= set(family.terms), family.name
        labels = {lb.family for lb in ctx.guards}
        assert labels <= set(family.labels), family.name
        if not family.hard:
            assert not ctx.guards, f"{family.name} says it only adds costs but has hard rules"
        if family.scope is Scope.PERSON:  # a person's own rules name the person first
            staff = {p.id for p in sc.staff}
            assert all(lb.key[0] in staff for lb in ctx.guards if isinstance(lb.key[0], str))
        produced |= set(ctx.terms) | labels
    assert all(isinstance(name, Rule) for name in produced)


def test_the_validator_tags_violations_with_rule_names() -> None:
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 2}])
    bad = roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-08", "A", "D", "agent"),
                    ("2026-12-08", "A", "N", "agent"), ("2026-12-09", "Z", "D", "agent"))
    report = validate(sc, bad)
    rules = {v.rule for v in report.violations}
    assert {Rule.ONE_SHIFT_A_DAY, Rule.ROSTER, Rule.REST, Rule.COVERAGE_SHORTFALL} <= rules
    assert all(isinstance(v.rule, Rule) for v in report.violations)


# ---- which searches a scenario takes, from its families ---------------------------------------

def _with_a_leave_wish(sc):
    wish = LeaveWish.model_validate({"staff": sc.staff[0].id, "days": 1,
                                     "window": {"start": str(sc.horizon.start), "end": str(sc.horizon.end)}})
    return sc.model_copy(update={"leave_wishes": (wish,)})


def _applies_scenarios():
    out = [load_scenario(path) for path in sorted(SCENARIOS.glob("*.yaml"))]
    centres = [make_centre(size, seed=seed) for size, seed in ((20, 1), (40, 2), (60, 3))]
    out += centres + [_with_a_leave_wish(sc) for sc in centres]
    four = [{"id": x, "roles": ["agent"], "team": "T"} for x in "ABCD"]
    cycle = {"id": "R", "pattern": ["D", "off"], "staff": ["A"]}
    out += [tiny(), tiny(**EVERYTHING), tiny(staff=four, teams=[{"id": "T"}]),
            tiny(staff=four, teams=[{"id": "T", "together": True}]),
            tiny(staff=four, teams=[{"id": "T", "together": False}]),
            tiny(rotations=[cycle]), tiny(rotations=[{**cycle, "weight": 3}]),
            tiny(fairness={"hours": 1}, fairness_carry=[{"staff": "A", "hours": 8}]),
            tiny(fairness={"hours": 1, "nights": 1}, fairness_carry=[{"staff": "A", "nights": 2}]),
            tiny(fairness={"nights": 1}, fairness_carry=[{"staff": "A", "hours": 8}])]
    return out


def _before(sc) -> tuple[bool, bool]:
    """What ``construct.applies`` and ``groups.applies`` answered from the scenario's fields."""
    person = (not sc.posts and not sc.leave_wishes and all(r.weight is None for r in sc.rotations)
              and not any(t.together for t in sc.teams)
              and not (sc.fairness.hours and any(c.hours for c in sc.fairness_carry)))
    return person, not sc.posts and len(sc.staff) >= 4


def test_the_searches_a_scenario_takes_are_those_its_fields_asked_for_before_the_families_did() -> None:
    """Posts, leave wishes, crews kept together, soft rotations and carried hours keep a scenario
    from the per-person search; posts and fewer than four people keep it from the group search:
    now said by the families, with the same answers."""
    seen = []
    for sc in _applies_scenarios():
        assert (construct.applies(sc), groups.applies(sc)) == _before(sc), sc.name
        seen.append(_before(sc))
    assert {(True, True), (False, True), (False, False), (True, False)} <= set(seen)
    assert seen.count((False, True)) + seen.count((False, False)) >= 8


def test_what_the_per_person_search_prices_belongs_to_families_it_covers() -> None:
    """Every rule ``Person.breaks`` counts, ``best_month`` prices and column generation sides with
    is a term or label of a family that declares ``person_search``."""
    covered = [f for f in FAMILIES.values() if f.person_search]
    names = {n for f in covered for n in (*f.terms, *f.labels)}
    assert set(BREAKS) <= names and set(construct.REPRICE) <= names
    sc = tiny(**{**EVERYTHING, "leave_wishes": []})
    sides = {side.rule for person in ColumnGeneration(sc).sides for side in person}
    assert Rule.WEEKENDS_MONTH in sides and sides <= names
    assert {Rule.POSTS, Rule.LEAVE_WISHES}.isdisjoint(f.name for f in covered)
    assert Broken(Rule.MAX_SHIFTS, "N") != Broken(Rule.MAX_SHIFTS, "D")


# ---- a family registered here reaches every model that picks families by scope --------------

def _tally(ctx: Context) -> None:
    """Made-up per-person rule: every shift worked costs 1 (term ``tally``)."""
    for var in ctx.vars.y.values():
        ctx.penalise("tally", 1, var)


def _everyone(ctx: Context) -> None:
    ctx.cache["everyone"] = True


TALLY = Family("tally", _tally, Scope.PERSON, hard=False, terms=("tally",), violations=("tally",))
EVERYONE = Family("everyone", _everyone, Scope.EVERYONE, hard=True, terms=(), violations=())


def _count_tally(chk, who: str) -> None:
    """The made-up rule's check: every shift worked costs 1."""
    for a in chk.mine(who):
        chk.add("tally", Soft(1), f"{who} {a.date}: a shift", "", staff=who)


TALLY_CHECK = Check("tally", ("tally",), _count_tally, per_person=True)


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setitem(FAMILIES, TALLY.name, TALLY)
    monkeypatch.setitem(FAMILIES, EVERYONE.name, EVERYONE)
    monkeypatch.setitem(CHECKS, TALLY_CHECK.family, TALLY_CHECK)


def test_a_new_per_person_family_gets_into_group_and_neighbourhood_models(registered) -> None:
    assert TALLY in split_families() and EVERYONE not in split_families()
    assert TALLY not in hard_families() and EVERYONE in hard_families()
    sc = make_centre(20, seed=1)
    cal = Calendar(sc)
    group_ctx, _ = GroupSearch(sc, cal).model([sc.staff[0].id, sc.staff[1].id])
    assert group_ctx.terms["tally"] and "everyone" not in group_ctx.cache
    search = construct.Search(sc, cal, seed=0)
    assert search.construct()
    window = (2, 8)
    move_ctx = lns.neighbourhood(search, [0, 3], window)
    assert move_ctx.terms["tally"] and "everyone" not in move_ctx.cache
    whole = build(sc)
    assert whole.terms["tally"] and whole.cache["everyone"]


def test_a_new_family_reaches_which_searches_a_scenario_takes(monkeypatch) -> None:
    """A family declares nothing for the per-person search by default: while a scenario uses it,
    construction does not apply; declared covered, or unused by the scenario, it does."""
    plain, asked = tiny(), tiny(requests=[{"staff": "A", "date": "2026-12-08", "off": True}])
    centre = make_centre(20, seed=1)
    assert construct.applies(plain) and construct.applies(asked) and groups.applies(centre)
    monkeypatch.setitem(FAMILIES, TALLY.name, TALLY)
    assert not construct.applies(plain) and not construct.applies(centre)
    assert groups.applies(centre)  # a per-person family splits into the groups' models
    monkeypatch.setitem(FAMILIES, TALLY.name, dataclasses.replace(TALLY, uses=lambda sc: bool(sc.requests)))
    assert construct.applies(plain) and not construct.applies(asked)
    monkeypatch.setitem(FAMILIES, TALLY.name, dataclasses.replace(TALLY, person_search=True))
    assert construct.applies(plain) and construct.applies(asked)
    monkeypatch.setitem(FAMILIES, EVERYONE.name, dataclasses.replace(EVERYONE, person_search=True, group_search=False))
    assert construct.applies(centre) and not groups.applies(centre)


def test_a_new_familys_check_is_run_by_the_validator_and_agrees_with_its_terms(registered) -> None:
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 0, "max": 1}])
    three = roster_of(*[(f"2026-12-{d:02d}", "A", "D", None) for d in (7, 8, 9)])
    assert validate(sc, three).costs()["tally"] == 3
    verify("tally").given(sc, three).costs(3)


def test_a_new_family_is_solved_for_and_checked_end_to_end(monkeypatch) -> None:
    """Registered, the made-up family keeps the per-person search (which does not price it) off
    this scenario, ``solve()`` minimises its term and the validator counts the same cost."""
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 1}])
    assert construct.applies(sc)
    monkeypatch.setitem(FAMILIES, TALLY.name, TALLY)
    monkeypatch.setitem(CHECKS, TALLY_CHECK.family, TALLY_CHECK)
    assert not construct.applies(sc)
    result = solve(sc, SolveOptions(time_limit=20, workers=1, seed=0, deterministic_time=5))
    assert result.feasible
    assert result.terms["tally"] == 7  # one day shift a day, nothing more
    assert validate(sc, result.roster).costs()["tally"] == 7


def _cap_repairs(sc, ctx, lb: Label, add) -> None:
    add(f"{lb.key[0]}: one more tally", f"{lb.key[0]}：多一个", 1, lambda data: None, "tally")


def test_a_new_familys_labels_are_worded_and_repaired_by_the_family(monkeypatch) -> None:
    cap = Family("tally_family", _tally, Scope.PERSON, hard=True, terms=(), violations=(),
                 labels=("tally_cap",), words={"tally_cap": ("tallies", "计数")}, repairs=_cap_repairs)
    monkeypatch.setitem(FAMILIES, cap.name, cap)
    sc = tiny()
    ctx = build(sc)
    label = Label("tally_cap", ("A", dt.date(2026, 12, 7)), "A: at most one tally", "A：至多一个")
    assert [c.description for c in candidates(sc, ctx, [label])] == ["A: one more tally"]
    assert word(sc, ctx, [label])[0] == "No roster meets these 1 hard rules together (1 × tallies):"
    assert word(sc, ctx, [label], "zh")[0].endswith("（1 × 计数）：")
