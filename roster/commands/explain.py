"""`roster explain SCENARIO`: why no roster meets every hard rule, and checked repairs."""

from __future__ import annotations

from pathlib import Path

import typer

from roster.cli import app, fail
from roster.model.load import ScenarioError, load_scenario


@app.command("explain")
def explain_cmd(
    scenario: Path = typer.Argument(..., help="scenario file (YAML or JSON)"),
    lang: str = typer.Option("en", "--lang", help="en or zh"),
    time_limit: float = typer.Option(10.0, "--time-limit", help="seconds for the whole explanation"),
    workers: int = typer.Option(1, "--workers", help="solver threads for checking repairs"),
) -> None:
    """Name the smallest set of rules that cannot hold together, with changes that fix it."""
    from roster.solver.explain import explain

    if lang not in ("en", "zh"):
        fail(ScenarioError("--lang", "lang", lang, "unknown language", hint="use en or zh"))
    try:
        sc = load_scenario(scenario)
    except ScenarioError as exc:
        fail(exc)
    result = explain(sc, lang=lang, time_limit=time_limit, workers=workers)
    typer.echo(result.text())
    typer.echo(f"({result.seconds:.1f} s)", err=True)
    if not result.feasible:
        raise typer.Exit(1)
