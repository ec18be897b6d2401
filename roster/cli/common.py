"""What every command shares: the typer app, option checks, error printing, output folders."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path

import typer

from roster.io import load, readers
from roster.io.balances import leave_warnings
from roster.model.calendar import holiday_data_warnings
from roster.model.fields import FieldError
from roster.model.parse import ScenarioError
from roster.solver.options import SolveOptions

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Roster generator and staffing optimizer.")


def fail(exc: ScenarioError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


class Lang(str, Enum):
    """Language of rule texts and change lists."""

    en = "en"
    zh = "zh"


def positive(value: float | None) -> float | None:
    """Option callback: a number above 0 (time limits)."""
    if value is not None and not value > 0:
        raise typer.BadParameter(f"must be more than 0 (got {value:g})")
    return value


def at_least_one(value: int | None) -> int | None:
    """Option callback: a whole number of 1 or more (solver threads)."""
    if value is not None and value < 1:
        raise typer.BadParameter(f"must be 1 or more (got {value})")
    return value


def solve_options(**settings) -> SolveOptions:
    """SolveOptions from command-line options; a bad value is a ScenarioError naming the option."""
    try:
        return SolveOptions(**settings)
    except FieldError as exc:
        raise ScenarioError("command line", "--" + exc.field.replace("_", "-"), exc.value,
                            exc.message, hint=exc.hint) from None


def out_folder(path: Path, option: str = "--out") -> Path:
    """Make sure ``path`` is, or can be made, a folder we can write into, before any solving.

    Nothing is created here: the folder is made when the files are written.
    """
    if path.exists() and not path.is_dir():
        raise ScenarioError("command line", option, str(path), "is a file, not a folder",
                            hint="give a folder name; it is created if missing")
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ScenarioError("command line", option, str(path),
                            f"cannot create the folder: {existing} is a file",
                            hint="give a folder name; it is created if missing")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ScenarioError("command line", option, str(path), f"cannot write into {existing}",
                            hint="choose a folder you may write to")
    return path


def out_file(path: Path, option: str = "--out") -> Path:
    """Make sure ``path`` names a file we can write (its folder made later if missing), before any
    work."""
    if path.is_dir():
        raise ScenarioError("command line", option, str(path), "is a folder, not a file",
                            hint=f"give a file name, e.g. {path / 'roster.xlsx'}")
    out_folder(path.parent, option)
    if path.exists() and not os.access(path, os.W_OK):
        raise ScenarioError("command line", option, str(path), "the file is not writable")
    return path


def write_or_rescue(write: Callable[[Path], list[Path]], out: Path) -> list[Path]:
    """Run ``write(folder)``; if the folder fails after a solve, write into a fresh temporary
    folder instead so the roster is not lost, and say where."""
    try:
        return write(out)
    except OSError as exc:
        rescue = Path(tempfile.mkdtemp(prefix="roster-"))
        typer.echo(f"error: cannot write into {out} ({exc.strerror or exc}); the roster is saved "
                   f"in {rescue}",
                   err=True)
        return write(rescue)


def load_scenario(path: Path):
    """The scenario in ``path`` (``roster.io.load``), with a warning printed for each year of its
    horizon that has no official holiday data (the roster is still made)."""
    scenario = load.load_scenario(path)
    for text in holiday_data_warnings(scenario):
        typer.echo(f"warning: {path}: {text}", err=True)
    return scenario


def scenario_warnings(scenario, path: Path) -> list[str]:
    """Print what in the scenario is allowed but worth a look (approved leave beyond its
    balance); returns these lines and the holiday-data ones ``load_scenario`` printed, for
    result.json."""
    lines = leave_warnings(scenario, path.parent, str(path))
    for text in lines:
        typer.echo(f"warning: {path}: {text}", err=True)
    return holiday_data_warnings(scenario) + lines


def option_date(text: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD command-line option; a bad one is a ScenarioError naming the option."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScenarioError("command line", option, text, "not a date (YYYY-MM-DD)") from None


def read_roster(path: Path, scenario=None):
    """A roster from CSV (and the formats the io package knows)."""
    return readers.read_any(path, scenario)
