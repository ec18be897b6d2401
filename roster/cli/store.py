"""`roster store list|show|export|save|publish|carry`: the saved scenarios the app works with."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from roster.cli.common import app, fail, load_scenario, out_folder
from roster.io.carry import write_carry
from roster.io.grid import write_month_grid
from roster.io.roster_csv import write_roster_csv
from roster.io.store import Store, default_path
from roster.model.parse import ScenarioError

store_app = typer.Typer(no_args_is_help=True,
                        help="Saved scenarios, versions and rosters (SQLite).")
app.add_typer(store_app, name="store")

DB_OPTION = typer.Option(None, "--db", help="store file (default: $ROSTER_DB or roster.db)")


def _open(db: Path | None, create: bool = False):
    """The store; only ``save`` creates one (reading commands never make files or folders)."""
    try:
        return Store(db, create=create)
    except ScenarioError as exc:
        fail(exc)


@store_app.command("list")
def list_cmd(db: Path | None = DB_OPTION) -> None:
    """Every saved version: scenario, version, date, rosters, note."""
    path = db if db is not None else default_path()
    if not path.exists():
        typer.echo(f"{path}: no roster store here (nothing saved yet)")
        return
    store = _open(db)
    versions = store.versions()
    if not versions:
        typer.echo(f"{store.path}: no saved scenarios")
        return
    for v in versions:
        typer.echo(f"{v.scenario}\tv{v.number}\t{v.created}\t{v.rosters} roster(s)\t{v.note}")


@store_app.command("show")
def show_cmd(
    name: str = typer.Argument(..., help="scenario name"),
    version: int | None = typer.Option(None, "--version", "-v",
                                       help="version number (default: newest)"),
    db: Path | None = DB_OPTION,
) -> None:
    """Print a saved version as YAML, with its rosters."""
    store = _open(db)
    try:
        v = store.version(name, version)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(f"# {v.label}  saved {v.created}  {v.note}".rstrip())
    for r in store.rosters(v.id):
        objective = "" if r.objective is None else f"  objective {r.objective:g}"
        typer.echo(f"# roster {r.id}: {r.status}{objective}  {len(r.roster)} shifts  {r.created}")
    typer.echo(store.scenario_text(v.id), nl=False)


@store_app.command("export")
def export_cmd(
    name: str = typer.Argument(..., help="scenario name"),
    out: Path = typer.Option(Path("out"), "--out", help="folder to write into"),
    version: int | None = typer.Option(None, "--version", "-v",
                                       help="version number (default: newest)"),
    db: Path | None = DB_OPTION,
) -> None:
    """Write a saved version as scenario.yaml, and its newest roster as roster.xlsx and
    roster.csv."""
    store = _open(db)
    try:
        v = store.version(name, version)
        scenario = store.load_scenario(v.id)
        out_folder(out)
    except ScenarioError as exc:
        fail(exc)
    out.mkdir(parents=True, exist_ok=True)
    (out / "scenario.yaml").write_text(store.scenario_text(v.id), encoding="utf-8")
    written = [out / "scenario.yaml"]
    saved = store.latest_roster(v.id)
    if saved is not None:
        write_month_grid(scenario, saved.roster, out / "roster.xlsx")
        write_roster_csv(saved.roster, out / "roster.csv", scenario=scenario)
        written += [out / "roster.xlsx", out / "roster.csv"]
    typer.echo(f"{v.label}: wrote " + ", ".join(str(p) for p in written))


@store_app.command("save")
def save_cmd(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    name: str | None = typer.Option(None, "--name",
                                    help="save under this name (default: the scenario's name)"),
    note: str = typer.Option("", "--note"),
    db: Path | None = DB_OPTION,
) -> None:
    """Save a scenario file as a new version."""
    store = _open(db, create=True)
    try:
        sc = load_scenario(scenario)
    except ScenarioError as exc:
        fail(exc)
    v = store.save_scenario(sc, name, note)
    typer.echo(f"saved {v.label}")


@store_app.command("publish")
def publish_cmd(
    roster_id: int = typer.Argument(..., help="roster id (`roster store show <name>` lists them)"),
    db: Path | None = DB_OPTION,
) -> None:
    """Mark a saved roster published: its nights, weekend and holiday shifts and hours count toward
    the year (`roster store carry`)."""
    store = _open(db)
    try:
        store.publish(roster_id)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(f"published roster {roster_id}")


@store_app.command("carry")
def carry_cmd(
    name: str = typer.Argument(..., help="scenario name"),
    before: str = typer.Option(..., "--before", help="first day of the next month (YYYY-MM-DD)"),
    out: Path = typer.Option(Path("carry.csv"), "--out",
                             help="CSV to write (staff,nights,weekends,holidays,hours)"),
    db: Path | None = DB_OPTION,
) -> None:
    """Write the year-to-date counts of the published rosters, for the next month's
    `fairness_carry`."""
    try:
        day = dt.date.fromisoformat(before)
    except ValueError:
        fail(ScenarioError("--before", "--before", before, "not a date (YYYY-MM-DD)"))
    store = _open(db)
    rows = store.year_to_date(name, day)
    if not rows:
        typer.echo(f"{name}: no published roster in {day.year} before {day}")
    write_carry(out, rows)
    typer.echo(f"wrote {out} ({len(rows)} people)")
