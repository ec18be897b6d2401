"""The `roster` command line. It only calls the library; it holds no rules."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path

import typer

from roster.io.load import load_scenario
from roster.model.parse import ScenarioError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Roster generator and staffing optimizer.")


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
        raise ScenarioError("command line", option, str(path), f"cannot create the folder: {existing} is a file",
                            hint="give a folder name; it is created if missing")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ScenarioError("command line", option, str(path), f"cannot write into {existing}",
                            hint="choose a folder you may write to")
    return path


def out_file(path: Path, option: str = "--out") -> Path:
    """Make sure ``path`` names a file we can write (its folder made later if missing), before any work."""
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
        typer.echo(f"error: cannot write into {out} ({exc.strerror or exc}); the roster is saved in {rescue}",
                   err=True)
        return write(rescue)


def scenario_warnings(scenario, path: Path) -> list[str]:
    """Print what in the scenario is allowed but worth a look (approved leave beyond its
    balance); returns the lines for result.json."""
    from roster.io.balances import leave_warnings

    lines = leave_warnings(scenario, path.parent, str(path))
    for text in lines:
        typer.echo(f"warning: {path}: {text}", err=True)
    return lines


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
    from roster.io import readers

    return readers.read_any(path, scenario)


@app.command()
def solve(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    out: Path = typer.Option(Path("out"), "--out", help="folder for roster.xlsx, roster.csv, result.json"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds", callback=positive),
    seed: int = typer.Option(0, "--seed"),
    workers: int | None = typer.Option(None, "--workers", help="solver threads (default: 4 per core)",
                                       callback=at_least_one),
    quiet: bool = typer.Option(False, "--quiet", help="no progress lines"),
    strategy: str = typer.Option("auto", "--strategy",
                                 help="auto, whole (one CP-SAT search) or groups (a few people at a time first)"),
) -> None:
    """Solve a scenario and write the monthly shift table."""
    from roster.export.excel import write_month_grid
    from roster.export.result_json import write_result_json
    from roster.infeasible import echo_reasons
    from roster.io.roster_csv import write_roster_csv
    from roster.report import person_summary
    from roster.solver import solve as run
    from roster.validate import validate

    try:
        sc = load_scenario(scenario)
        out_folder(out)
        warnings = scenario_warnings(sc, scenario)
    except ScenarioError as exc:
        fail(exc)

    def progress(p) -> None:
        if not quiet:
            typer.echo(f"  {p.seconds:7.2f}s  objective {p.objective:g}  bound {p.bound:g}", err=True)

    from roster.solver.solve import STRATEGIES, STRATEGY_CHOICE

    if strategy not in STRATEGIES:
        fail(ScenarioError("command line", "--strategy", strategy, "is not a strategy", hint=STRATEGY_CHOICE))
    result = run(sc, time_limit=time_limit, seed=seed, workers=workers, on_progress=progress, strategy=strategy)
    typer.echo(f"{sc.name}: {result.status}")
    if result.status == "INFEASIBLE":
        echo_reasons(sc)
        typer.echo("no roster meets every hard rule; run `roster explain` for the reason", err=True)
        raise typer.Exit(1)
    if not result.feasible:
        typer.echo(f"no roster found within {time_limit:g} s; try a longer --time-limit", err=True)
        raise typer.Exit(1)

    def write(folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        write_roster_csv(result.roster, folder / "roster.csv")
        write_month_grid(sc, result.roster, folder / "roster.xlsx")
        write_result_json(sc, result, folder / "result.json", warnings)
        return [folder / "roster.xlsx", folder / "roster.csv", folder / "result.json"]

    written = write_or_rescue(write, out)
    proof = (f"bound {result.bound:g}  gap {result.gap:.2%}" if result.bound is not None
             else "no bound (the search stopped before it proved one)")
    typer.echo(f"objective {result.objective:g}  {proof}  {result.seconds:.1f}s")
    typer.echo("terms: " + ", ".join(f"{k}={v}" for k, v in result.terms.items()))
    typer.echo(person_summary(sc, result.roster).to_string(index=False))
    report = validate(sc, result.roster)
    typer.echo(f"validator: {len(report.hard)} hard violations, soft cost {report.cost}")
    typer.echo("wrote " + ", ".join(str(p) for p in written))


@app.command("validate")
def validate_cmd(
    scenario: Path = typer.Argument(..., help="scenario file"),
    roster_file: Path = typer.Argument(..., metavar="ROSTER", help="roster (CSV with date,staff_id,shift[,role])"),
    lang: Lang = typer.Option(Lang.en, "--lang", help="language of the rule texts"),
    peers: bool = typer.Option(False, "--peers", help="list the members of each hours-fairness peer group once"),
) -> None:
    """Check a roster against every rule; exit code 1 if a hard rule is broken."""
    from roster.validate import validate

    try:
        sc = load_scenario(scenario)
        roster = read_roster(roster_file, sc)
        scenario_warnings(sc, scenario)
    except ScenarioError as exc:
        fail(exc)
    report = validate(sc, roster)
    for v in report.violations:
        text = v.zh if lang == Lang.zh and v.zh else v.text
        typer.echo(f"{'HARD' if v.hard else f'soft {v.cost:>4}'}  {text}")
    typer.echo(f"{len(report.hard)} hard violations, {len(report.soft)} soft ones costing {report.cost}")
    if peers:
        from roster.model.calendar import Calendar
        from roster.model.fairness import hour_groups
        from roster.validate import peer_group_name

        for group in hour_groups(sc, Calendar(sc)):
            typer.echo(f"{peer_group_name(sc, group.share)}: {', '.join(sorted(group.share))}")
    if report.hard:
        raise typer.Exit(1)


def _load_command_modules() -> None:
    import importlib
    import pkgutil

    from roster import commands

    for mod in sorted(m.name for m in pkgutil.iter_modules(commands.__path__)):
        importlib.import_module(f"roster.commands.{mod}")


_load_command_modules()


def main() -> None:
    try:
        app()
    except ScenarioError as exc:  # a command that forgot to catch it still gets no traceback
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
