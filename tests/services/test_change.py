"""Changing a published roster: repair after a sick call, pins that cannot hold (swaps: test_swaps.py)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from typer.testing import CliRunner

from roster.cli import app
from roster.io.load import load_scenario
from roster.io.roster_csv import read_roster_csv, write_roster_csv
from roster.model.parse import ScenarioError
from roster.model.scenario import Fixed
from roster.services.change import (
    COUNT_ONLY,
    Absence,
    Change,
    ChangeWeights,
    change_list,
    fewest_changed_cells,
    parse_absence,
    pin_conflicts,
    repair,
    who_to_tell,
    why_infeasible,
    with_pins,
)
from roster.solver import Result, SolveOptions, solve
from roster.validate import validate
from tests.conftest import SCENARIOS, roster_of, tiny

D = dt.date
CALL = SCENARIOS / "callcenter_95598.yaml"


@pytest.fixture(scope="module")
def centre():
    return load_scenario(CALL)


@pytest.fixture(scope="module")
def published(centre):
    """The 95598 roster as published: the first roster found (fairness off to find it in a second)."""
    quick = centre.model_copy(update={"fairness": centre.fairness.model_copy(
        update={"nights": 0, "weekends": 0, "holidays": 0, "hours": 0})})
    stop = threading.Event()
    result = solve(quick, SolveOptions(time_limit=30, workers=2, seed=0), stop=stop, on_progress=lambda p: stop.set())
    assert result.feasible
    assert validate(centre, result.roster).hard == []
    return result.roster


# ---- words ------------------------------------------------------------------------
def test_absences_parse_and_bad_ones_say_how_to_write_them():
    assert parse_absence("S05:2026-12-14..2026-12-16") == Absence("S05", D(2026, 12, 14), D(2026, 12, 16))
    assert parse_absence("S05:2026-12-14").days() == [D(2026, 12, 14)]
    for bad in ("S05", "S05:14.12.2026", "S05:2026-12-16..2026-12-14", "S05:2026-02-30"):
        with pytest.raises(ScenarioError) as e:
            parse_absence(bad)
        assert e.value.value == bad


def test_change_list_and_who_to_tell_in_words(centre):
    changes = [Change("S07", D(2026, 12, 14), None, "N"), Change("S02", D(2026, 12, 15), "D", "E"),
               Change("S05", D(2026, 12, 14), "E", None, "absent")]
    assert change_list(changes[:2]) == "S07: 12-14 off → N; S02: 12-15 D → E"
    assert change_list(changes[2:], "zh") == "S05: 12-14 E → 休 (请假)"
    assert who_to_tell(centre, changes) == ["S02 王芳: 12-15 D → E", "S05 陈静: 12-14 E → off (absent)",
                                            "S07 赵敏: 12-14 off → N"]


def test_change_weights_prefer_far_changes_and_shift_changes():
    w = ChangeWeights()
    assert w.extra(0, False) > w.extra(3, False) > w.extra(7, False) == 0
    assert w.extra(10, True) > w.extra(10, False)
    assert COUNT_ONLY.extra(0, True) == 0


# ---- repair ---------------------------------------------------------------------
def test_a_sick_call_is_repaired_with_the_fewest_changed_cells(centre, published):
    start = D(2026, 12, 14)
    sick = [parse_absence("S05:2026-12-14..2026-12-16")]
    result = repair(centre, published, sick, start, time_limit=60, workers=2)
    assert result.status == "OPTIMAL"
    status, least = fewest_changed_cells(centre, published, sick, start, time_limit=60, workers=2)
    assert status == "OPTIMAL"
    assert result.changed_cells == least
    # nothing before --from moves; the sick person works none of the sick days
    assert all(c.date >= start for c in result.changes)
    assert [a for a in published if a.date < start] == [a for a in result.roster if a.date < start]
    assert not [a for a in result.roster if a.staff == "S05" and start <= a.date <= D(2026, 12, 16)]
    # the repaired roster keeps every rule of the scenario with the sick leave
    assert validate(result.scenario, result.roster).hard == []
    assert any(lv.staff == "S05" and lv.type == "sick" for lv in result.scenario.leave)
    worked = {(a.staff, a.date) for a in published}
    assert sum(1 for c in result.changes if c.reason == "absent") == \
        sum(1 for d in sick[0].days() if ("S05", d) in worked)


def test_with_pins_puts_the_pinned_cells_into_the_roster(centre, published):
    """A re-solve's start: a pinned day off drops the day's shift, a pin to another shift puts it
    there, a pin the cell already keeps and every other cell stay as they are."""
    day = centre.horizon.start
    working = [a for a in published if a.date == day]
    off, moved, kept = working[0], working[1], working[2]
    other = next(sh.id for sh in centre.shifts if sh.id != moved.shift)
    pins = (Fixed(staff=off.staff, date=day, off=True), Fixed(staff=moved.staff, date=day, shift=other),
            Fixed(staff=kept.staff, date=day, shift=kept.shift))
    start = with_pins(centre.model_copy(update={"fixed": pins}), published)
    assert start.cell(off.staff, day) is None
    assert start.cell(moved.staff, day) == other
    assert start.cell(kept.staff, day) == kept.shift
    assert sorted(published.diff(start)) == sorted([(off.staff, day, off.shift, None),
                                                    (moved.staff, day, moved.shift, other)])


def test_a_repairs_time_limit_covers_building_its_model(centre, published, monkeypatch):
    """The search gets what is left of the limit after the model is built (at least
    MIN_SEARCH_SECONDS), not the whole limit again: the clock is a fake, read at the start and
    after the build."""
    import types

    import roster.services.change as change

    given: list[float] = []

    def tiers(ctx, hint, steps, options, **kw):
        given.append(options.time_limit)
        return Result(status="UNKNOWN", roster=hint)

    for built_at in (7.5, 12.0):
        clock = iter([100.0, 100.0 + built_at, 100.0 + built_at, 100.0 + built_at])
        monkeypatch.setattr(change, "time", types.SimpleNamespace(perf_counter=lambda c=clock: next(c)))
        monkeypatch.setattr(change, "solve_in_tiers", tiers)
        out = repair(centre, published, [], centre.horizon.start, time_limit=10, reasons=False)
        assert not out.feasible
    assert given == [pytest.approx(2.5), change.MIN_SEARCH_SECONDS]


def test_a_soft_seat_is_filled_before_changes_are_counted():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": {"value": 1, "weight": 100}, "max": 1}])
    week = roster_of(*((f"2026-12-{d:02d}", "A" if d % 2 else "B", "D", "agent") for d in range(7, 14)))
    assert validate(sc, week).hard == [] and validate(sc, week).cost == 0
    sick = [parse_absence("A:2026-12-09")]
    filled = repair(sc, week, sick, time_limit=10)
    assert change_list(filled.changes) == "A: 12-09 D → off (absent); B: 12-09 off → D"
    assert validate(filled.scenario, filled.roster).cost == 0
    holes = repair(sc, week, sick, time_limit=10, seats_first=False)
    assert holes.changed_cells == 1 and holes.terms["coverage_shortfall"] == 100
    assert fewest_changed_cells(sc, week, sick, D(2026, 12, 9)) == ("OPTIMAL", 2)
    assert fewest_changed_cells(sc, week, sick, D(2026, 12, 9), seats_first=False) == ("OPTIMAL", 1)


def test_repair_refuses_absences_before_from_and_unknown_people(centre, published):
    with pytest.raises(ScenarioError) as e:
        repair(centre, published, [parse_absence("S05:2026-12-10")], D(2026, 12, 14))
    assert "before --from" in e.value.message
    with pytest.raises(ScenarioError) as e:
        repair(centre, published, [parse_absence("S99:2026-12-14")])
    assert e.value.value == "S99"


def test_repair_command_writes_the_roster_and_the_change_list(tmp_path, published):
    write_roster_csv(published, tmp_path / "published.csv")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["repair", str(CALL), "--published", str(tmp_path / "published.csv"),
                                   "--absent", "S05:2026-12-14..2026-12-16", "--from", "2026-12-14",
                                   "--out", str(out), "--time-limit", "60"])
    assert res.exit_code == 0, res.output
    assert "who must be told" in res.output and "S05" in res.output
    new = read_roster_csv(out / "roster.csv")
    assert "changed cells:" in (out / "changes.txt").read_text(encoding="utf-8")
    assert {(a.staff, a.date) for a in new if a.date < D(2026, 12, 14)} == \
        {(a.staff, a.date) for a in published if a.date < D(2026, 12, 14)}
    bad = CliRunner().invoke(app, ["repair", str(CALL), "--published", str(tmp_path / "published.csv"),
                                   "--absent", "S05:next-week"])
    assert bad.exit_code == 2 and "STAFF:YYYY-MM-DD" in bad.output


# ---- pins that cannot hold ----------------------------------------------------------
@pytest.mark.parametrize("over, words", [
    ({"leave": [{"staff": "A", "type": "sick", "start": "2026-12-09", "end": "2026-12-09"}]}, "A is on sick leave"),
    ({"staff": [{"id": "A", "roles": ["agent"], "cannot": ["N"]}, {"id": "B", "roles": ["agent"]}]},
     "A cannot work N"),
    ({"shifts": [{"id": "D", "start": "08:00", "end": "16:00"},
                 {"id": "N", "start": "22:00", "end": "08:00", "on": "weekends"}]}, "does not run on 2026-12-09"),
])
def test_a_pin_that_cannot_hold_gets_its_reason(over, words):
    sc = tiny(**over, demand=[{"shift": "N", "role": "agent", "min": 0, "max": 1}],
              fixed=[{"staff": "A", "date": "2026-12-09", "shift": "N"}])
    assert solve(sc, SolveOptions(time_limit=5, workers=2)).status == "INFEASIBLE"
    reasons = why_infeasible(sc)
    assert any("A pinned to N on 2026-12-09" in r and words in r for r in reasons), reasons


def test_two_pins_too_close_for_rest_are_named():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "max": 1}, {"shift": "N", "role": "agent", "max": 1}],
              fixed=[{"staff": "A", "date": "2026-12-09", "shift": "N"},
                     {"staff": "A", "date": "2026-12-10", "shift": "D"}])
    assert solve(sc, SolveOptions(time_limit=5, workers=2)).status == "INFEASIBLE"
    assert pin_conflicts(sc) == ["A: only 0 h rest between N on 2026-12-09 (pinned) and the pinned D on 2026-12-10; "
                                 "at least 12 h"]
    assert pin_conflicts(sc, "zh")[0].startswith("A: 2026-12-09 N(固定) 到 2026-12-10 D 仅休息 0 小时")


def test_pins_that_clash_only_through_a_rule_are_explained_by_the_rule_set():
    seven = [{"staff": "A", "date": f"2026-12-{d:02d}", "shift": "D"} for d in range(7, 14)]
    sc = tiny(demand=[{"shift": "D", "role": "agent", "max": 1}], fixed=seven)
    assert pin_conflicts(sc) == []  # each pin is fine on its own
    reasons = why_infeasible(sc)
    assert any("at most 6 work days in a row" in r for r in reasons), reasons
    assert any("A works D on 2026-12-13 (pinned)" in r for r in reasons), reasons


def test_a_feasible_pin_has_no_conflict():
    sc = tiny(demand=[{"shift": "D", "role": "agent", "min": 1, "max": 1}],
              fixed=[{"staff": "A", "date": "2026-12-09", "shift": "D"}])
    assert pin_conflicts(sc) == []
    result = solve(sc, SolveOptions(time_limit=5, workers=2))
    assert result.roster.cell("A", D(2026, 12, 9)) == "D"
