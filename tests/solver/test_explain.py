"""Explanations of infeasible variants of the bundled call centre, and their checked repairs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roster.io.load import load_scenario
from roster.model.scenario import Scenario
from roster.solver.explain import editable, explain, solvable

BUNDLED = Path(__file__).parents[2] / "scenarios" / "callcenter_95598.yaml"
D = dt.date


def variant(start: D | None = None, end: D | None = None, edit=None) -> Scenario:
    """The bundled scenario, optionally cut to a shorter horizon, then edited."""
    data = editable(load_scenario(BUNDLED))
    if start is not None:
        data["horizon"] = {"start": start, "end": end}
        data["leave"] = [lv for lv in data["leave"] if lv["end"] >= start and lv["start"] <= end]
        data["requests"] = [r for r in data["requests"] if start <= r["date"] <= end]
    if edit is not None:
        edit(data)
    return Scenario.model_validate(data)


def assert_repairs_solve(expl) -> None:
    assert expl.repairs, "expected at least one checked repair"
    sizes = [r.size for r in expl.repairs]
    assert sizes == sorted(sizes)
    for r in expl.repairs:
        assert solvable(r.scenario, 20, 2) is True, r.description


def test_bundled_scenario_is_feasible():
    expl = explain(load_scenario(BUNDLED), time_limit=10)
    assert expl.feasible and expl.reasons == [] and expl.repairs == []


def test_leave_clash_on_the_full_month():
    def edit(data):
        data["leave"] = [lv for lv in data["leave"] if lv["staff"] != "S07"]
        for sid in ("S05", "S06", "S07", "S08", "S09", "S10"):
            data["leave"].append({"staff": sid, "type": "annual", "start": D(2026, 12, 24), "end": D(2026, 12, 24)})

    sc = variant(edit=edit)
    expl = explain(sc, time_limit=30)  # about 10 s on a quiet machine; the limit leaves room for load
    assert not expl.feasible and expl.status == "INFEASIBLE" and expl.minimal
    assert {lb.family for lb in expl.labels} == {"coverage"}
    text = "\n".join(expl.reasons)
    assert ("2026-12-24 D: 2 agent seats, but of 11 who can take them 6 are on leave "
            "(S05, S06, S07, S08, S09, S10)") in text
    if any(lb.key[1] == "N" for lb in expl.labels):
        assert "3 cannot work N (S02, S03, S04)" in text
    assert "are also needed for" in text
    assert_repairs_solve(expl)


def test_leave_clash_in_chinese():
    def edit(data):
        for sid in ("S05", "S06", "S08", "S09", "S10"):
            data["leave"].append({"staff": sid, "type": "annual", "start": D(2026, 12, 9), "end": D(2026, 12, 9)})
        data["leave"].append({"staff": "S07", "type": "sick", "start": D(2026, 12, 9), "end": D(2026, 12, 9)})

    expl = explain(variant(D(2026, 12, 7), D(2026, 12, 13), edit), lang="zh", time_limit=10)
    assert not expl.feasible
    text = "\n".join(expl.reasons)
    assert "2026-12-09 早班：需要 2 个坐席员座席，能上的 11 人中，6 人在休假（S05, S06, S07, S08, S09, S10）" in text
    assert "没有排班能同时满足" in text
    assert_repairs_solve(expl)


def test_rest_rule_between_pinned_shifts():
    def edit(data):
        data["rules"]["forbidden_sequences"] = []
        data["fixed"] = [{"staff": "S05", "date": D(2026, 12, 10), "shift": "E"},
                         {"staff": "S05", "date": D(2026, 12, 11), "shift": "D"}]

    expl = explain(variant(D(2026, 12, 7), D(2026, 12, 13), edit), time_limit=10)
    assert not expl.feasible
    assert sorted(lb.family for lb in expl.labels) == ["fixed", "fixed", "rest"]
    text = "\n".join(expl.reasons)
    assert "S05 2026-12-10 E: at least 12 h rest before the next shift" in text
    assert "S05 works D on 2026-12-11 (pinned)" in text
    descriptions = [r.description for r in expl.repairs]
    assert "S05: at least 10 h rest between shifts instead of 12 h" in descriptions
    assert any(d.startswith("S05: unpin") for d in descriptions)
    assert_repairs_solve(expl)


def test_role_shortage_of_leads():
    def edit(data):
        data["staff"] = [p for p in data["staff"] if p["id"] not in ("S01", "S03")]
        data["requests"] = [r for r in data["requests"] if r["staff"] != "S01"]

    expl = explain(variant(D(2026, 12, 7), D(2026, 12, 13), edit), time_limit=10)
    assert not expl.feasible
    assert all(lb.family == "coverage" and lb.key[2] == "lead" for lb in expl.labels)
    text = "\n".join(expl.reasons)
    assert "1 lead seat, but of 1 who can take it" in text
    assert "the other one (S02) is also needed for 2026-12-07" in text
    assert any("more lead" in r.description for r in expl.repairs)
    assert_repairs_solve(expl)


def test_weekly_hours_of_part_timers():
    def edit(data):
        for p in data["staff"]:
            if p["id"] in ("S05", "S06", "S07", "S08", "S09"):
                p["max_hours_per_week"] = 24

    # done in a few seconds on a quiet machine
    expl = explain(variant(D(2026, 12, 7), D(2026, 12, 13), edit), time_limit=60)
    assert not expl.feasible
    families = {lb.family for lb in expl.labels}
    assert "hours_week" in families and "coverage" in families
    text = "\n".join(expl.reasons)
    assert "at most 24 h in the week of 2026-12-07" in text
    assert "weekly hours (" in text
    assert_repairs_solve(expl)


def test_structural_conflict_is_said_honestly():
    def edit(data):
        data["fixed"] = [{"staff": "S05", "date": D(2026, 12, 8), "shift": "D", "role": "lead"}]

    expl = explain(variant(D(2026, 12, 7), D(2026, 12, 9), edit), time_limit=10)
    # a pin into a seat the person cannot take leaves no variable: the pin rule names it
    assert not expl.feasible
    assert expl.labels and expl.labels[0].family == "fixed"


def test_post_gap_names_each_holders_absence_and_repairs_it():
    data = editable(load_scenario(BUNDLED.parent / "service_hall_ab.yaml"))
    data["leave"].append({"staff": "S09", "type": "marriage", "start": D(2026, 10, 13), "end": D(2026, 10, 13)})
    sc = Scenario.model_validate(data)
    expl = explain(sc, time_limit=10)
    assert not expl.feasible and [lb.family for lb in expl.labels] == ["post_manned"]
    assert ("2026-10-13 O: post 进出口许可窗口 has no holder on duty: S05 on annual leave, "
            "S09 on marriage leave") in expl.reasons
    kinds = {r.description.split(":")[0] for r in expl.repairs}
    assert "S05" in kinds or "S09" in kinds
    assert_repairs_solve(expl)
    zh = explain(sc, lang="zh", time_limit=10)
    assert any("进出口许可窗口 无人在岗" in r for r in zh.reasons)
