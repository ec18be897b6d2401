"""`roster solve` and `roster validate`."""

from __future__ import annotations

from pathlib import Path

import typer

from roster.cli.common import (
    Lang,
    app,
    at_least_one,
    fail,
    load_scenario,
    out_folder,
    positive,
    read_roster,
    scenario_warnings,
    solve_options,
    write_or_rescue,
)
from roster.i18n import text
from roster.io.grid import write_month_grid
from roster.io.result_json import write_result_json
from roster.io.roster_csv import write_roster_csv
from roster.model.calendar import Calendar
from roster.model.fairness import hour_groups
from roster.model.parse import ScenarioError
from roster.reports.intervals import summary_lines
from roster.reports.summary import fair_shares, person_summary
from roster.services.infeasible import echo_reasons
from roster.solver import solve as run
from roster.validate import peer_group_name, validate


@app.command()
def solve(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    out: Path = typer.Option(Path("out"), "--out",
                             help="folder for roster.xlsx, roster.csv, result.json"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds", callback=positive),
    seed: int = typer.Option(0, "--seed"),
    workers: int | None = typer.Option(None, "--workers",
                                       help="solver threads (default: 4 per core)",
                                       callback=at_least_one),
    quiet: bool = typer.Option(False, "--quiet", help="no progress lines"),
    strategy: str = typer.Option("auto", "--strategy",
                                 help="auto (construction, then the whole model for small rosters "
                                      "and the anytime search for larger ones), anytime, whole "
                                      "(one CP-SAT search), construct (the per-person search only) "
                                      "or groups (a few people at a time first)"),
) -> None:
    """Solve a scenario and write the monthly shift table."""
    try:
        options = solve_options(time_limit=time_limit, seed=seed, workers=workers,
                                strategy=strategy)
        sc = load_scenario(scenario)
        out_folder(out)
        warnings = scenario_warnings(sc, scenario)
    except ScenarioError as exc:
        fail(exc)

    def progress(p) -> None:
        if not quiet:
            typer.echo(f"  {p.seconds:7.2f}s  objective {p.objective:g}  bound {p.bound:g}",
                       err=True)

    result = run(sc, options, on_progress=progress)
    typer.echo(f"{sc.name}: {result.status}")
    if result.status == "INFEASIBLE":
        echo_reasons(sc)
        typer.echo("no roster meets every hard rule; run `roster explain` for the reason", err=True)
        raise typer.Exit(1)
    if not result.feasible:
        typer.echo(f"no roster found within {time_limit:g} s; try a longer --time-limit", err=True)
        raise typer.Exit(1)

    # one calendar, one validation and one fair-share table for the files and the summary
    cal = Calendar(sc)
    report = validate(sc, result.roster, cal)
    shares = fair_shares(sc, result.roster, cal)

    def write(folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        write_roster_csv(result.roster, folder / "roster.csv", scenario=sc)
        write_month_grid(sc, result.roster, folder / "roster.xlsx", cal)
        write_result_json(sc, result, folder / "result.json", warnings, cal, report=report,
                          shares=shares)
        return [folder / "roster.xlsx", folder / "roster.csv", folder / "result.json"]

    written = write_or_rescue(write, out)
    source = result.stats.get("bound_source")
    proof = (f"bound {result.bound:g}{f' ({source})' if source else ''}  gap {result.gap:.2%}"
             if result.bound is not None else "no bound (the search stopped before it proved one)")
    typer.echo(f"objective {result.objective:g}  {proof}  {result.seconds:.1f}s")
    typer.echo("terms: " + ", ".join(f"{k}={v}" for k, v in result.terms.items()))
    typer.echo(person_summary(sc, result.roster, cal).to_string(index=False))
    if len(shares):
        typer.echo("fair shares by peer group (outside: people outside their own fair band):")
        typer.echo(shares.to_string(index=False))
    intervals = summary_lines(sc, result.roster, cal)
    if intervals:
        typer.echo("intervals (short = fewer people on the floor than needed; worst = "
                   "scheduled/needed; SL = call-weighted service level):")
        typer.echo("\n".join(f"  {text}" for text in intervals))
    typer.echo(f"validator: {len(report.hard)} hard violations, soft cost {report.cost}")
    typer.echo("wrote " + ", ".join(str(p) for p in written))


@app.command("validate")
def validate_cmd(
    scenario: Path = typer.Argument(..., help="scenario file"),
    roster_file: Path = typer.Argument(..., metavar="ROSTER",
                                       help="roster (CSV with date,staff_id,shift[,role])"),
    lang: Lang = typer.Option(Lang.en, "--lang", help="language of the rule texts"),
    peers: bool = typer.Option(False, "--peers",
                               help="list the members of each hours-fairness peer group once"),
) -> None:
    """Check a roster against every rule; exit code 1 if a hard rule is broken."""
    try:
        sc = load_scenario(scenario)
        roster = read_roster(roster_file, sc)
        scenario_warnings(sc, scenario)
    except ScenarioError as exc:
        fail(exc)
    report = validate(sc, roster)
    for v in report.violations:
        kind = text("cli.hard",
                    lang.value) if v.hard else f"{text('cli.soft', lang.value)} {v.cost:>4}"
        typer.echo(f"{kind}  {v.in_lang(lang.value)}")
    typer.echo(text("cli.validate.summary", lang.value, hard=len(report.hard),
                    soft=len(report.soft),
                    cost=report.cost))
    if peers:
        for group in hour_groups(sc, Calendar(sc)):
            typer.echo(f"{peer_group_name(sc, group.share)}: {', '.join(sorted(group.share))}")
    if report.hard:
        raise typer.Exit(1)
