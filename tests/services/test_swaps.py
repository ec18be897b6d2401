"""Shift swaps (services/swaps.py): the roster with the swap made, and whether it is allowed."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from typer.testing import CliRunner

from roster.cli import app
from roster.io.roster_csv import read_roster_csv, write_roster_csv
from roster.model.parse import ScenarioError
from roster.services.swaps import Swap, apply_swap, check_swap, parse_swap
from roster.validate import validate
from tests.conftest import BASE, merge, roster_of, tiny

D = dt.date


SWAP = {"demand": [{"shift": "D", "role": "agent", "min": 1, "max": 1},
                   {"shift": "N", "role": "agent", "min": 0, "max": 1}],
        "staff": [{"id": s, "roles": ["agent"]} for s in "ABC"]}


def _hand_made_week():
    sc = tiny(**SWAP)
    # a hand-made week: one D every day, B also works the night of Wednesday 12-09
    roster = roster_of(("2026-12-07", "A", "D", "agent"), ("2026-12-10", "A", "D", "agent"),
                       ("2026-12-12", "A", "D", "agent"),
                       ("2026-12-08", "B", "D", "agent"), ("2026-12-09", "B", "N", "agent"),
                       ("2026-12-11", "B", "D", "agent"),
                       ("2026-12-09", "C", "D", "agent"), ("2026-12-13", "C", "D", "agent"))
    assert validate(sc, roster).hard == []
    return sc, roster


def test_a_swap_that_breaks_rest_is_refused_with_the_reason():
    sc, roster = _hand_made_week()
    check = check_swap(sc, roster, parse_swap("B:2026-12-09:N", "A"), today=D(2026, 12, 7))
    assert not check.allowed
    assert any("A 2026-12-09 N → 2026-12-10 D" in r and "rest" in r for r in check.refusals), check.refusals
    assert any(v.rule == "rest" for v in check.broken)


def test_a_swap_that_keeps_every_rule_passes_and_needs_approval_a_day_ahead():
    sc, roster = _hand_made_week()
    swap = parse_swap("A:2026-12-10:D", "C", take="2026-12-13:D")
    check = check_swap(sc, roster, swap, today=D(2026, 12, 8))
    assert check.allowed, check.refusals
    assert check.broken == [] and check.approve_by == D(2026, 12, 9)
    assert check.roster.cell("C", D(2026, 12, 10)) == "D" and check.roster.cell("A", D(2026, 12, 13)) == "D"
    assert check.roster.cell("A", D(2026, 12, 10)) is None and check.roster.cell("C", D(2026, 12, 13)) is None
    same_day = check_swap(sc, roster, swap, today=D(2026, 12, 10))
    assert not same_day.allowed and "same-day swaps are refused" in same_day.refusals[0]


def test_the_notice_period_is_scenario_data():
    sc, roster = _hand_made_week()
    strict = tiny(**SWAP, rules={"swap_notice_days": 3})
    swap = parse_swap("A:2026-12-10:D", "C", take="2026-12-13:D")
    assert check_swap(sc, roster, swap, today=D(2026, 12, 8)).allowed
    late = check_swap(strict, roster, swap, today=D(2026, 12, 8))
    assert not late.allowed and "3 day(s) ahead" in late.refusals[0]


def test_a_swap_of_a_shift_the_giver_does_not_have_is_an_input_error():
    sc, roster = _hand_made_week()
    with pytest.raises(ScenarioError) as e:
        check_swap(sc, roster, parse_swap("A:2026-12-08:D", "B"), today=D(2026, 12, 1))
    assert "A does not work D on 2026-12-08" in e.value.message
    with pytest.raises(ScenarioError):
        parse_swap("A-2026-12-08-D", "B")


def test_swap_check_command_exit_codes(tmp_path):
    sc, roster = _hand_made_week()
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(merge(BASE, SWAP)), encoding="utf-8")
    write_roster_csv(roster, tmp_path / "r.csv")
    args = ["swap-check", str(tmp_path / "s.yaml"), str(tmp_path / "r.csv")]
    bad = CliRunner().invoke(app, [*args, "--give", "B:2026-12-09:N", "--to", "A", "--today", "2026-12-07"])
    assert bad.exit_code == 1 and "REFUSED" in bad.output and "rest" in bad.output
    good = CliRunner().invoke(app, [*args, "--give", "A:2026-12-10:D", "--to", "C", "--take", "2026-12-13:D",
                                    "--today", "2026-12-08", "--out", str(tmp_path / "swapped.csv")])
    assert good.exit_code == 0, good.output
    assert "ALLOWED: needs approval by 2026-12-09" in good.output
    assert read_roster_csv(tmp_path / "swapped.csv").cell("C", D(2026, 12, 10)) == "D"


def test_parse_swap_reads_the_options_and_names_a_bad_one():
    assert parse_swap(" S02:2026-12-20:N ", " S06 ", take="2026-12-22:D") == \
        Swap("S02", D(2026, 12, 20), "N", "S06", D(2026, 12, 22), "D")
    assert parse_swap("S02:2026-12-20:N", "S06").back_date is None
    with pytest.raises(ScenarioError) as e:
        parse_swap("S02:2026-13-20:N", "S06", source="the request")
    assert (e.value.file, e.value.field) == ("the request", "--give") and "is not a date" in e.value.message
    with pytest.raises(ScenarioError) as e:
        parse_swap("S02:2026-12-20:N", "S06", take="D")
    assert e.value.field == "--take" and "YYYY-MM-DD:SHIFT" in e.value.message


def test_swap_text_says_who_gives_and_takes_what():
    assert parse_swap("A:2026-12-10:D", "C").text() == "A gives 12-10 D to C"
    assert parse_swap("A:2026-12-10:D", "C", take="2026-12-13:D").text() == "A gives 12-10 D to C, takes 12-13 D"


def test_the_taker_gets_the_givers_seat_and_break_and_the_giver_the_day_off():
    sc, roster = _hand_made_week()
    swapped = apply_swap(sc, roster, parse_swap("A:2026-12-10:D", "C"))
    assert len(swapped) == len(roster)
    cell = [a for a in swapped if (a.staff, a.date) == ("C", D(2026, 12, 10))]
    assert [(a.shift, a.role) for a in cell] == [("D", "agent")]
    assert swapped.cell("A", D(2026, 12, 10)) is None
    assert roster.cell("A", D(2026, 12, 10)) == "D", "the roster given is not changed"


def test_a_taker_who_works_that_day_keeps_both_shifts_and_the_check_names_it():
    sc, roster = _hand_made_week()
    check = check_swap(sc, roster, parse_swap("C:2026-12-09:D", "B"), today=D(2026, 12, 1))
    assert [a.shift for a in check.roster if (a.staff, a.date) == ("B", D(2026, 12, 9))] == ["D", "N"]
    assert not check.allowed and any(v.rule == "one_shift_a_day" for v in check.broken)


def test_a_swap_that_mends_a_broken_rule_says_so_and_is_allowed():
    sc, roster = _hand_made_week()
    tired = roster_of(*[(a.date.isoformat(), a.staff, a.shift, a.role) for a in roster if
                        (a.staff, a.date) != ("B", D(2026, 12, 9))],
                      ("2026-12-09", "A", "N", "agent"))  # A works N on 12-09, then D on 12-10: too little rest
    assert any(v.rule == "rest" for v in validate(sc, tired).hard)
    check = check_swap(sc, tired, parse_swap("A:2026-12-09:N", "B"), today=D(2026, 12, 1))
    assert check.allowed, check.refusals
    assert [v.rule for v in check.mended] == ["rest"] and check.broken == []


def test_the_soft_cost_change_is_after_minus_before_per_rule():
    sc = tiny(**SWAP, requests=[{"staff": "C", "date": "2026-12-10", "off": True, "weight": 4}])
    roster = _hand_made_week()[1]
    check = check_swap(sc, roster, parse_swap("A:2026-12-10:D", "C"), today=D(2026, 12, 1))
    assert check.soft_change == {"requests": 4} and check.cost_change == 4
    back = check_swap(sc, check.roster, parse_swap("C:2026-12-10:D", "A"), today=D(2026, 12, 1))
    assert back.soft_change == {"requests": -4}


def test_a_swap_in_the_past_is_refused():
    sc, roster = _hand_made_week()
    check = check_swap(sc, roster, parse_swap("A:2026-12-10:D", "C"), today=D(2026, 12, 11))
    assert not check.allowed and check.approve_by is None
    assert check.refusals[0] == "2026-12-10 has passed (today is 2026-12-11); a swap cannot change the past"


@pytest.mark.parametrize(("give", "to", "field", "words"), [
    ("A:2026-12-10:D", "Z", "staff", "unknown staff 'Z'"),
    ("A:2026-12-10:D", "A", "--to", "two different people"),
    ("A:2026-12-10:X", "C", "--give", "unknown shift"),  # the value shows once, after the field
])
def test_a_bad_swap_is_an_input_error_naming_the_field(give, to, field, words):
    sc, roster = _hand_made_week()
    with pytest.raises(ScenarioError) as e:
        apply_swap(sc, roster, parse_swap(give, to), source="swap.txt")
    assert e.value.file == "swap.txt" and e.value.field == field and words in e.value.message
