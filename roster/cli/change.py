"""`roster repair` and `roster swap-check`: changing a published roster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from roster.cli.common import (
    Lang,
    app,
    at_least_one,
    fail,
    load_scenario,
    option_date,
    out_file,
    out_folder,
    positive,
    read_roster,
    write_or_rescue,
)
from roster.i18n import rule_name, text
from roster.io.roster_csv import write_roster_csv
from roster.model.parse import ScenarioError
from roster.services.change import change_list, parse_absence, repair, who_to_tell
from roster.services.swaps import check_swap, parse_swap


@app.command("repair")
def repair_cmd(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    published: Path = typer.Option(..., "--published", help="the published roster (CSV)"),
    absent: list[str] = typer.Option(..., "--absent",
                                     help="STAFF:YYYY-MM-DD[..YYYY-MM-DD]; repeat for more"),
    start: str | None = typer.Option(None, "--from",
                                     help="first day that may change (default: first absent day)"),
    out: Path = typer.Option(Path("out"), "--out", help="folder for roster.csv and changes.txt"),
    leave_type: str = typer.Option("sick", "--type", help="leave type the absences get"),
    time_limit: float = typer.Option(30.0, "--time-limit", help="seconds", callback=positive),
    workers: int = typer.Option(2, "--workers", help="solver threads", callback=at_least_one),
    seed: int = typer.Option(0, "--seed"),
    lang_option: Lang = typer.Option(Lang.en, "--lang", help="language of the change list"),
) -> None:
    """Re-solve after absences, changing as few cells as possible; list the changes and who to
    tell."""
    lang = lang_option.value
    try:
        sc = load_scenario(scenario)
        out_folder(out)
        roster = read_roster(published, sc)
        absences = [parse_absence(a) for a in absent]
        result = repair(sc, roster, absences, option_date(start, "--from"), time_limit=time_limit,
                        workers=workers, seed=seed, leave_type=leave_type, lang=lang,
                        source=str(published))
    except ScenarioError as exc:
        fail(exc)
    typer.echo(text("cli.repair.head", lang, name=sc.name, start=result.start, status=result.status,
                    seconds=result.seconds))
    if not result.feasible:
        typer.echo(text("cli.repair.infeasible", lang))
        for reason in result.reasons:
            typer.echo(f"  - {reason}")
        raise typer.Exit(1)
    lines = [text("cli.repair.changed", lang, n=result.changed_cells),
             change_list(result.changes, lang) or text("cli.repair.none", lang),
             "", text("cli.repair.tell", lang), *(f"  {t}" for t in who_to_tell(sc, result.changes,
                                                                                lang))]
    typer.echo("\n".join(lines))

    def write(folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        write_roster_csv(result.roster, folder / "roster.csv", scenario=sc)
        (folder / "changes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [folder / "roster.csv", folder / "changes.txt"]

    typer.echo("wrote " + ", ".join(str(p) for p in write_or_rescue(write, out)))


@app.command("swap-check")
def swap_check_cmd(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    roster_file: Path = typer.Argument(..., metavar="ROSTER", help="the current roster (CSV)"),
    give: str = typer.Option(..., "--give", help="STAFF:YYYY-MM-DD:SHIFT the giver hands over"),
    to: str = typer.Option(..., "--to", help="staff id who takes it"),
    take: str | None = typer.Option(None, "--take",
                                    help="YYYY-MM-DD:SHIFT of the taker's the giver takes back"),
    today: str | None = typer.Option(None, "--today",
                                     help="the day the swap is asked for (default: today)"),
    out: Path | None = typer.Option(None, "--out",
                                    help="write the swapped roster here (CSV) when allowed"),
    lang_option: Lang = typer.Option(Lang.en, "--lang", help="language of the rule texts"),
) -> None:
    """Check a shift swap: which rules it breaks, and whether it was asked for early enough."""
    try:
        sc = load_scenario(scenario)
        if out is not None:
            out_file(out)
        roster = read_roster(roster_file, sc)
        swap = parse_swap(give, to, take)
        check = check_swap(sc, roster, swap, option_date(today, "--today") or dt.date.today(),
                           source=str(roster_file))
    except ScenarioError as exc:
        fail(exc)
    lang = lang_option.value
    typer.echo(text("cli.swap.swap", lang, swap=swap.text()))
    for v in check.broken:
        typer.echo(text("cli.swap.breaks", lang, text=v.in_lang(lang)))
    for v in check.mended:
        typer.echo(text("cli.swap.mends", lang, text=v.in_lang(lang)))
    if check.soft_change:
        terms = ", ".join(f"{rule_name(r, lang) if lang == 'zh' else r} {c:+d}" for r,
                          c in check.soft_change.items())
        typer.echo(text("cli.swap.soft", lang, change=check.cost_change, terms=terms))
    if not check.allowed:
        typer.echo(text("cli.swap.refused", lang))
        for r in check.refusals:
            typer.echo(f"  - {r}")
        raise typer.Exit(1)
    typer.echo(text("cli.swap.approve", lang, by=check.approve_by) if check.approve_by
               else text("cli.swap.allowed", lang))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_roster_csv(check.roster, out, scenario=sc)
        typer.echo(f"wrote {out}")
