"""SolveOptions: frozen settings, checked when made; the CLI names the option."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster import SolveOptions, solve
from roster.cli import app
from roster.model.fields import FieldError
from roster.solver.options import STRATEGY_CHOICE

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_defaults_are_one_minute_seed_zero_and_the_auto_strategy():
    opts = SolveOptions()
    assert (opts.time_limit, opts.seed, opts.workers, opts.gap_limit, opts.deterministic_time,
            opts.strategy, opts.log) == (60.0, 0, None, 0.0, None, "auto", False)
    assert not opts.repeatable and SolveOptions(deterministic_time=1).repeatable


def test_options_are_frozen_and_replace_makes_a_checked_copy():
    opts = SolveOptions(time_limit=5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.time_limit = 10  # type: ignore[misc]
    assert dataclasses.replace(opts, workers=2).workers == 2
    with pytest.raises(FieldError):
        dataclasses.replace(opts, workers=0)


@pytest.mark.parametrize(("field", "value"), [
    ("time_limit", 0), ("time_limit", -1.5), ("time_limit", float("nan")), ("time_limit", "60"),
    ("workers", 0), ("workers", 2.5), ("seed", 1.5), ("gap_limit", -0.1), ("gap_limit", 2),
    ("deterministic_time", 0), ("strategy", "fastest"),
])
def test_a_bad_setting_is_a_field_error_naming_it(field, value):
    with pytest.raises(FieldError) as err:
        SolveOptions(**{field: value})
    assert err.value.field == field and field in str(err.value)


def test_unknown_strategy_names_the_choice():
    with pytest.raises(FieldError) as err:
        SolveOptions(strategy="fast")
    assert STRATEGY_CHOICE in err.value.hint


def test_cli_names_the_bad_option(tmp_path):
    res = CliRunner().invoke(app, ["solve", str(SCENARIOS / "callcenter_95598.yaml"), "--out", str(tmp_path),
                                   "--strategy", "fastest"])
    assert res.exit_code == 2
    assert "--strategy" in res.output and "fastest" in res.output and "Traceback" not in res.output


def test_solve_takes_its_settings_only_as_options():
    with pytest.raises(TypeError):
        solve(None, time_limit=5)  # type: ignore[call-arg]
