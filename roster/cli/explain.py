"""`roster explain SCENARIO`: why no roster meets every hard rule, and checked repairs."""

from __future__ import annotations

from pathlib import Path

import typer

from roster.cli.common import Lang, app, at_least_one, fail, load_scenario, positive
from roster.model.parse import ScenarioError
from roster.solver.explain import explain


@app.command("explain")
def explain_cmd(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    lang: Lang = typer.Option(Lang.en, "--lang", help="language of the explanation"),
    time_limit: float = typer.Option(10.0, "--time-limit", help="seconds for the whole explanation",
                                     callback=positive),
    workers: int = typer.Option(1, "--workers", help="solver threads for checking repairs",
                                callback=at_least_one),
) -> None:
    """Name the smallest set of rules that cannot hold together, with changes that fix it."""
    try:
        sc = load_scenario(scenario)
    except ScenarioError as exc:
        fail(exc)
    result = explain(sc, lang=lang.value, time_limit=time_limit, workers=workers)
    typer.echo(result.text())
    typer.echo(f"({result.seconds:.1f} s)", err=True)
    if not result.feasible:
        raise typer.Exit(1)
