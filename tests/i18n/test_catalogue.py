"""The shared message catalogue: every validator message renders in English and 中文 from its key
and parameters; the command line speaks 中文 with ``--lang zh``."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from typer.testing import CliRunner

from roster.cli import app
from roster.i18n import CATALOGUE, Msg, Said, english_texts, rule_name, text, translate
from roster.i18n.validator import VALIDATOR
from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.model.roster import Assignment, Roster
from roster.validate import validate
from tests.conftest import SCENARIOS

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_ONLY = {"shift_name", "who_name"}
"""Parameters only the 中文 side uses (the shift's and role's names where English gives ids)."""


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(VALIDATOR))
def test_each_validator_message_names_the_same_things_in_both_languages(key: str) -> None:
    en, zh = VALIDATOR[key]
    assert CJK.search(zh) and not CJK.search(en), key
    assert _fields(zh) - ZH_ONLY <= _fields(en), f"{key}: 中文 uses a parameter English does not get"
    assert _fields(en) - _fields(zh) <= {"peers", "shift", "who"}, f"{key}: 中文 leaves out what English names"


def _broken_roster(scenario, calendar: Calendar) -> Roster:
    """Everyone on the first shift every day, and a few cells no scenario allows."""
    first = scenario.shifts[0].id
    cells = [Assignment(day.date, p.id, first) for p in scenario.staff for day in calendar.days]
    cells += [Assignment(calendar.start, "NOBODY", first), Assignment(calendar.start, scenario.staff[0].id, "NOSHIFT"),
              Assignment(calendar.start - dt.timedelta(days=3), scenario.staff[1].id, first)]
    return Roster(cells)


@pytest.mark.parametrize("name", ["callcenter_95598", "service_hall_ab", "monitoring_center_crews"])
def test_a_broken_roster_reads_in_both_languages(name: str) -> None:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    cal = Calendar(sc)
    report = validate(sc, _broken_roster(sc, cal), cal)
    assert len({v.message.key for v in report.violations}) >= 6
    for v in report.violations:
        assert v.message.key in VALIDATOR, v
        assert v.text == v.in_lang("en") and v.zh == v.in_lang("zh")
        assert "{" not in v.zh and "{" not in v.text
        assert CJK.search(v.zh), v.zh
        assert not re.search(r"\b(seats|on duty|at most|at least|rest|shifts|weekends|works|pinned)\b", v.zh), v.zh


def test_english_wording_is_kept() -> None:
    assert text("rest.short", "en", who="A", date="2026-12-01", shift="N", next_date="2026-12-02",
                next_shift="D", gap=8.0, rest=11) == "A 2026-12-01 N → 2026-12-02 D: 8 h rest, at least 11"
    assert (Msg("coverage.short", date="d", shift="D", who=Msg("word.staff"), n=1, min=2, shift_name="早班",
                who_name=Msg("word.staff")).render("zh") == "d 早班: 人员 1/2 人")


def test_parameters_render_in_the_language() -> None:
    m = Msg("posts.no_holder", date="d", shift="D", shift_name="早班", post="P1",
            doing=[Said("S01 cannot work D"), Said("S02 off")])
    assert m.render("en") == "d D: post P1 has no holder on duty: S01 cannot work D, S02 off"
    assert m.render("zh") == "d 早班: P1 无人在岗: S01 不能上 D 班、S02 休息"
    assert m == Msg("posts.no_holder", date="d", shift="D", shift_name="早班", post="P1",
                    doing=[Said("S01 cannot work D"), Said("S02 off")])
    with pytest.raises(KeyError):
        Msg("no.such.key")


def test_rule_names_and_reasons() -> None:
    assert rule_name("min_on_floor", "zh") == "最少在席人数" and rule_name("unknown_rule", "zh") == "unknown_rule"
    assert translate("S03 cannot work N", "zh") == "S03 不能上 N 班"
    assert translate("S03 cannot work N", "en") == "S03 cannot work N"
    texts = english_texts()
    assert "seats left empty" in texts and any("has a fixed day off" in t for t in texts)
    assert all(not CJK.search(t) for t in texts)
    assert all(k.split(".")[0] in {"coverage", "crews", "fairness", "fixed", "hours", "intervals", "breaks",
                                   "wishes", "posts", "requests", "rest", "rotations", "sequences", "roster",
                                   "weekends", "word", "cli", "rule"} for k in CATALOGUE)


def test_validate_speaks_chinese_with_lang_zh(tmp_path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("date,staff_id,shift,role\n2026-12-01,S02,N,agent\n", encoding="utf-8")
    call = str(SCENARIOS / "callcenter_95598.yaml")
    zh = CliRunner().invoke(app, ["validate", call, str(roster), "--lang", "zh"])
    en = CliRunner().invoke(app, ["validate", call, str(roster)])
    assert zh.exit_code == en.exit_code == 1
    assert "硬性违规" in zh.output and "座席" not in en.output
    assert "hard violations" in en.output and "hard violations" not in zh.output
    assert not re.search(r"seats \d+ of|cannot work", zh.output), zh.output
