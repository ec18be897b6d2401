"""`roster whatif patterns`: pattern choices (offsets, a file of variants) solved beside the free
roster, end to end through the CLI, with the exact rows; bad input named by file, field and value."""

from __future__ import annotations

import csv
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster.cli import app

# Tue 29 September .. Fri 2 October 2026: two workdays, then the first two days of National Day.
# One D seat a day (hard), at most 16 h a week each: A and B work two days each. Fair holidays at 5
# a duty outside the band: one holiday each costs nothing, both to one person costs 10.
# A's cycle D D off off at 3 a cell: from offset 0 (or 2) A would work both workdays (or both
# holidays); leaving two cells (6) is cheaper than the holiday spread (10). Offsets 1 and 3 give
# A one workday and one holiday: the pattern and the fair shares both kept.
SCENARIO = """\
name: two desks over National Day
horizon: {start: 2026-09-29, end: 2026-10-02}
holidays: {country: CN}
roles: [{id: agent}]
shifts: [{id: D, start: "08:00", end: "16:00"}]
staff: [{id: A, roles: [agent]}, {id: B, roles: [agent]}]
demand: [{shift: D, role: agent, min: 1, max: 1}]
rules: {max_hours_per_week: 16}
fairness: {holidays: 5}
rotations: [{id: R, pattern: [D, D, "off", "off"], staff: [A], weight: 3}]
"""
VARIANTS = """\
variants:
  - name: B held to the holidays    # B's hard cycle leaves A the workdays: the spread costs 10
    rotations:
      - {id: S, pattern: ["off", "off", D, D], staff: [B]}
  - name: every other day           # A on 29 Sep and 1 Oct: one holiday each
    rotations: [{id: R, pattern: [D, "off"]}]
  - name: dearer deviations         # 6 a cell: two cells (12) cost more than the spread (10)
    rotations: [{id: R, weight: 6}]
  - name: A three days running      # 24 h in the week: no roster
    rotations: [{id: R, pattern: [D, D, D, "off"], weight: null}]
  - name: no cycle for A
    drop: [R]
"""
HEADER = ["variant", "status", "cost", "cost: pattern", "cost besides pattern", "vs free", "cells off pattern",
          "unmet seats", "hours", "spread: nights", "spread: weekend days", "spread: holidays", "spread: hours"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    sc, variants = tmp_path / "desks.yaml", tmp_path / "variants.yaml"
    sc.write_text(SCENARIO, encoding="utf-8")
    variants.write_text(VARIANTS, encoding="utf-8")
    return sc, variants


def _run(*args: str):
    return CliRunner().invoke(app, ["whatif", "patterns", *args, "--time-limit", "10", "--workers", "1"])


def test_offsets_and_a_file_of_variants_against_the_free_roster(files, tmp_path: Path) -> None:
    sc, variants = files
    out = tmp_path / "patterns.csv"
    res = _run(str(sc), "--rotation-offsets", "R=0..3", "--patterns", str(variants), "--out", str(out))
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == HEADER
    #                 status     cost pattern besides vs-free off unmet hours nights wkend hols hours
    expected = [
        ["free (no rotation)", "OPTIMAL", "0", "0", "0", "0", "0", "0", "32", "0", "0", "0", "0"],
        ["as given", "OPTIMAL", "6", "6", "0", "0", "2", "0", "32", "0", "0", "0", "0"],
        ["R offset 0", "OPTIMAL", "6", "6", "0", "0", "2", "0", "32", "0", "0", "0", "0"],
        ["R offset 1", "OPTIMAL", "0", "0", "0", "0", "0", "0", "32", "0", "0", "0", "0"],
        ["R offset 2", "OPTIMAL", "6", "6", "0", "0", "2", "0", "32", "0", "0", "0", "0"],
        ["R offset 3", "OPTIMAL", "0", "0", "0", "0", "0", "0", "32", "0", "0", "0", "0"],
        ["B held to the holidays", "OPTIMAL", "10", "0", "10", "10", "0", "0", "32", "0", "0", "2", "0"],
        ["every other day", "OPTIMAL", "0", "0", "0", "0", "0", "0", "32", "0", "0", "0", "0"],
        ["dearer deviations", "OPTIMAL", "10", "0", "10", "10", "0", "0", "32", "0", "0", "2", "0"],
        ["A three days running", "INFEASIBLE", *[""] * 11],
        ["no cycle for A", "OPTIMAL", "0", "0", "0", "0", "0", "0", "32", "0", "0", "0", "0"],
    ]
    assert [[c.removesuffix(".0") for c in r] for r in rows[1:]] == expected
    # the printed table has the same rows, and each variant's change in a line
    lines = res.output.splitlines()
    assert lines[0].split() == " ".join(HEADER).split()
    assert lines[7].split() == ["B", "held", "to", "the", "holidays", "OPTIMAL", "10", "0", "10", "10", "0", "0",
                                "32", "0", "0", "2", "0"]
    assert "R offset 1: R D D off off, offset 1, weight 3" in lines
    assert "B held to the holidays: S off off D D, offset 0, hard" in lines
    assert "no cycle for A: drops R" in lines
    assert "R offset 0: no change" in lines


def test_without_variants_the_scenario_as_given_beside_the_free_roster(files) -> None:
    sc, _ = files
    res = _run(str(sc))
    assert res.exit_code == 0, res.output
    first = [line.split()[:6] for line in res.output.splitlines()[1:3]]
    assert first == [["free", "(no", "rotation)", "OPTIMAL", "0", "0"], ["as", "given", "OPTIMAL", "6", "6", "0"]]


def _bad(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(("args", "words"), [
    (["--rotation-offsets", "R9=0,1"], "--rotation-offsets: R9: no rotation 'R9' in the scenario"),
    (["--rotation-offsets", "R=0,4"], "--rotation-offsets: R = 4: an offset is a whole number 0 .. 3"),
    (["--rotation-offsets", "R=0.5"], "0.5 is not a whole number"),
    (["--rotation-offsets", "R"], "'R' is not ROTATION=OFFSETS"),
])
def test_bad_offsets_are_named(files, args, words) -> None:
    sc, _ = files
    res = _run(str(sc), *args)
    assert res.exit_code == 2
    assert words in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(("text", "words"), [
    ("""\
     variants:
       - name: late
         rotations: [{id: R, offset: 9}]
     """, "bad.yaml, line 3: variants[0].rotations[0].offset = 9: variant 'late': the offset lies outside the 4-day"),
    ("""\
     variants:
       - name: late
         rotation: [{id: R, offset: 1}]
     """, "bad.yaml, line 3: variants[0].rotation: unknown field"),
    ("""\
     variants:
       - name: gone
         drop: [R, Q]
     """, "bad.yaml, line 3: variants[0].drop[1] = 'Q': no rotation 'Q' in the scenario"),
    ("""\
     variants:
       - name: nights
         rotations: [{id: R, pattern: [X]}]
     """, "variants[0].rotations[0].pattern[0] = 'X': variant 'nights': unknown shift (or off)"),
    ("""\
     variants:
       - {name: one, rotations: []}
       - {name: one, rotations: []}
     """, "bad.yaml, line 3: variants[1].name = 'one': the name is already taken"),
    ("variants: 3\n", "bad.yaml, line 1: variants: expected a list of variants"),
])
def test_a_bad_patterns_file_is_named_by_file_field_and_value(files, tmp_path: Path, text, words) -> None:
    sc, _ = files
    res = _run(str(sc), "--patterns", str(_bad(tmp_path, text)))
    assert res.exit_code == 2
    assert words in res.output, res.output
    assert "Traceback" not in res.output
