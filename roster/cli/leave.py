"""`roster leave-check` (may this leave be granted?) and `roster leave-ledger` (balances per
person)."""

from __future__ import annotations

from pathlib import Path

import typer

from roster.cli.common import app, at_least_one, fail, load_scenario, option_date, positive
from roster.io.balances import ledger
from roster.model.parse import ScenarioError
from roster.services.leave_check import check_leave


@app.command("leave-check")
def leave_check(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    staff: str = typer.Option(..., "--staff", help="staff id"),
    start: str = typer.Option(..., "--from", help="first day of leave (YYYY-MM-DD)"),
    end: str | None = typer.Option(None, "--to", help="last day of leave (default: --from)"),
    kind: str = typer.Option("annual", "--type",
                             help="leave type (annual, sick, personal, marriage, ...)"),
    filed: str | None = typer.Option(None, "--filed", help="date the request was filed"),
    half: str | None = typer.Option(None, "--half", help="am or pm for a half day"),
    time_limit: float = typer.Option(20.0, "--time-limit", help="seconds for the roster check",
                                     callback=positive),
    workers: int = typer.Option(2, "--workers", help="solver threads", callback=at_least_one),
) -> None:
    """Balance OK?, approval tier, and whether the roster can still meet every hard rule with the
    leave.

    Exit code 0 when the leave can be granted, 1 when not, 2 for bad input.
    """
    if half is not None and half not in ("am", "pm"):
        fail(ScenarioError("command line", "--half", half, "use am or pm"))
    try:
        first = option_date(start, "--from")
        last = option_date(end, "--to") or first
        when = option_date(filed, "--filed")
        sc = load_scenario(scenario)
        result = check_leave(sc, staff, first, last, kind, when, half, time_limit=time_limit,
                             workers=workers, base=scenario.parent)
    except ScenarioError as exc:
        fail(exc)
    for line in result.lines():
        typer.echo(line)
    if not result.ok:
        raise typer.Exit(1)


@app.command("leave-ledger")
def leave_ledger(scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)")) -> None:
    """Per person and leave type: opening balance, days taken in the horizon, closing balance."""
    try:
        sc = load_scenario(scenario)
        lines = ledger(sc, scenario.parent, str(scenario))
    except ScenarioError as exc:
        fail(exc)
    typer.echo(f"{'staff':<8}{'type':<13}{'opening':>8}{'taken':>7}{'closing':>8}  basis")

    def num(x: float | None) -> str:
        return "-" if x is None else f"{x:g}"

    for x in lines:
        typer.echo(f"{x.staff:<8}{x.type:<13}{num(x.opening):>8}{num(x.taken):>7}"
                   f"{num(x.closing):>8}  {x.basis}")
