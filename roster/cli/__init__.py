"""The `roster` command line. It only calls the library; it holds no rules.

``common`` holds the typer app and what every command shares; each other module registers one
group of commands on that app when imported (all of them are imported here).
"""

from __future__ import annotations

import sys

import typer

# solve and validate come first in --help; the other groups register in name order
# isort: off
from roster.cli import solve
from roster.cli import bench, change, explain, export, leave, store, whatif
# isort: on
from roster.cli.common import app
from roster.model.parse import ScenarioError

__all__ = ["app", "bench", "change", "explain", "export", "leave", "main", "solve", "store",
           "whatif"]


def main() -> None:
    try:
        app()
    except ScenarioError as exc:  # a command that forgot to catch it still gets no traceback
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)

