"""`roster whatif min-staff | compare | sweep | patterns`: staffing questions answered by solving;
and for per-interval demand `roster whatif service-level | forecast | starts`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from roster.cli.common import app, at_least_one, fail, load_scenario, out_file, positive
from roster.model.parse import ScenarioError
from roster.model.scenario import parse_minutes
from roster.services.compare import compare
from roster.services.min_staff import RoleNeed, min_staff
from roster.services.patterns import compare_patterns, describe, file_variants, offset_variants
from roster.services.sweep import sweep
from roster.services.whatif_intervals import (
    compare_starts,
    needs_by_day,
    scaled_forecast,
    service_level_headcount,
)

whatif_app = typer.Typer(no_args_is_help=True,
                         help="What-if staffing: smallest headcount, compare, sweeps.")
app.add_typer(whatif_app, name="whatif")


def parse_values(text: str) -> list[Any]:
    """``2..5`` → [2, 3, 4, 5]; ``8,10,12`` → [8, 10, 12]; ``0.5,1`` → [0.5, 1].

    Raises ValueError for anything that is not a number.
    """
    def num(x: str) -> Any:
        x = x.strip()
        try:
            return int(x)
        except ValueError:
            pass
        try:
            value = float(x)
        except ValueError:
            raise ValueError(f"{x!r} is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{x!r} is not a number")
        return value
    if not text.strip():
        raise ValueError("no values given")
    if ".." in text:
        lo, hi = (num(x) for x in text.split("..", 1))
        if not isinstance(lo, int) or not isinstance(hi, int) or hi < lo:
            raise ValueError(f"{text!r}: a range is two whole numbers, low..high")
        return list(range(lo, hi + 1))
    return [num(x) for x in text.split(",") if x.strip()]


def parse_window(text: str) -> tuple[str, str, str]:
    """``D=07:00-09:30`` → (``D``, ``07:00``, ``09:30``); ValueError for anything else."""
    template, sep, window = text.partition("=")
    first, dash, last = window.partition("-")
    if not sep or not dash or not template.strip():
        raise ValueError(f"{text!r} is not TEMPLATE=HH:MM-HH:MM")
    for t in (first, last):
        parse_minutes(t.strip())
    return template.strip(), first.strip(), last.strip()


def _load(path: Path):
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        fail(exc)


@whatif_app.command("min-staff")
def min_staff_cmd(
    scenario: Path = typer.Argument(..., help="scenario file"),
    role: list[str] | None = typer.Option(None, "--role",
                                          help="role id (repeat; default: every role)"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds in all",
                                     callback=positive),
    workers: int = typer.Option(2, "--workers", help="solver threads", callback=at_least_one),
) -> None:
    """The smallest headcount of each role that still meets every hard rule."""
    sc = _load(scenario)
    try:
        result = min_staff(sc, role or None, time_limit=time_limit, workers=workers)
    except ScenarioError as exc:
        fail(exc)
    for need in result.roles:
        if need.minimum is None:
            typer.echo(f"{need.role}: now {need.current}; no roster found in time ({need.status})")
            continue
        if need.proved:
            verdict = f"{need.minimum} needed (one fewer is infeasible)"
        else:
            verdict = f"{need.minimum} are enough (fewer were not checked in the time given)"
        typer.echo(f"{need.role}: now {need.current}, {verdict}; "
                   f"{need.hires} new hire(s) in the smallest roster found")
        typer.echo(f"  {proof_line(need)}")
        for text in need.drivers[:5]:
            typer.echo(f"  tight: {text}")
    typer.echo(f"({result.seconds:.1f} s)", err=True)


def proof_line(need: RoleNeed) -> str:
    """How (or whether) one person fewer was shown too small."""
    fewer = need.minimum - 1 if need.minimum else 0
    if need.proof == "column generation":
        seats = "seat" if need.uncovered == 1 else "seats"
        return (f"proven: {fewer} of role {need.role} cannot cover the hard seats "
                f"(lower bound {need.uncovered} uncovered {seats}, column generation)")
    if need.proof == "cp-sat":
        return (f"proven: {fewer} of role {need.role} cannot meet every hard rule "
                "(the solver proved it infeasible)")
    if not need.minimum:
        return "none needed"
    return (f"not proven: no roster with {fewer} of role {need.role} found in the time, "
            "and none ruled out")


@whatif_app.command("compare")
def compare_cmd(
    a: Path = typer.Argument(..., help="first scenario"),
    b: Path = typer.Argument(..., help="second scenario"),
    time_limit: float = typer.Option(30.0, "--time-limit", help="seconds per solve",
                                     callback=positive),
    workers: int = typer.Option(2, "--workers", help="solver threads", callback=at_least_one),
) -> None:
    """Both scenarios solved, side by side: cost, coverage, fairness, hours, long-week hours."""
    frame = compare(_load(a), _load(b), time_limit=time_limit, workers=workers)
    typer.echo(frame.to_string())


@whatif_app.command("sweep")
def sweep_cmd(
    scenario: Path = typer.Argument(..., help="scenario file"),
    vary: list[str] = typer.Option(..., "--vary",
                                   help="KEY=VALUES, e.g. demand.D.agent.min=2..5 or "
                                        "staff.count.agent=8,10,12 (repeat for a grid)"),
    time_limit: float = typer.Option(10.0, "--time-limit", help="seconds per solve",
                                     callback=positive),
    ray_address: str | None = typer.Option(None, "--ray-address",
                                           help="Ray cluster address (default: local)"),
    no_ray: bool = typer.Option(False, "--no-ray",
                                help="use a local process pool even if Ray is installed"),
    ray_fallback: bool = typer.Option(False, "--ray-fallback",
                                      help="use the local process pool if the --ray-address cannot "
                                           "be reached"),
    out: Path | None = typer.Option(None, "--out", help="also write the table as CSV"),
) -> None:
    """A grid of solves with a results table (status, objective, gap, long-week hours, unmet
    seats)."""
    sc = _load(scenario)
    grid: dict[str, list] = {}
    for item in vary:
        key, sep, values = item.partition("=")
        if not sep or not key.strip():
            fail(ScenarioError("--vary", item, None, "expected KEY=VALUES",
                               hint="e.g. staff.count.agent=8..12"))
        try:
            grid[key.strip()] = parse_values(values)
        except ValueError as exc:
            fail(ScenarioError("--vary", key.strip(), values, str(exc),
                               hint="values are numbers: 8,10,12 or a range 8..12"))
    try:
        if out is not None:
            out_file(out)
        frame = sweep(sc, grid, time_limit=time_limit, ray_address=ray_address,
                      use_ray=False if no_ray else None, ray_fallback=ray_fallback)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(frame.to_string(index=False))
    typer.echo(f"({len(frame)} solves on {frame.attrs.get('runner')})", err=True)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(out, index=False)


def _scaled(sc, scale: float | None, days: str, role: str | None):
    if scale is None:
        return sc
    try:
        return scaled_forecast(sc, scale, days, role)
    except ScenarioError as exc:
        fail(exc)


@whatif_app.command("forecast")
def forecast_cmd(
    scenario: Path = typer.Argument(..., help="scenario file with per-interval demand"),
    scale: float = typer.Option(..., "--forecast-scale",
                                help="factor on the forecast, e.g. 1.1 for 10 % more"),
    days: str = typer.Option("all", "--days",
                             help="days it applies to: mon, sat..sun, 2026-10-08, workdays …"),
    role: str | None = typer.Option(None, "--role",
                                    help="only this role's lines (default: every line)"),
) -> None:
    """What a higher (or lower) forecast on chosen days needs: agent-hours and peak per day (Erlang
    C, no solve)."""
    sc = _load(scenario)
    table = needs_by_day(sc, _scaled(sc, scale, days, role))
    changed = table[(table["extra_hours"] != 0) | (table["extra_peak"] != 0)]
    if changed.empty:
        typer.echo("no day changes (check --days)")
        return
    typer.echo(changed.to_string(index=False))
    typer.echo(f"in all: {changed['extra_hours'].sum():+.1f} agent-hours on "
               f"{changed['date'].nunique()} day(s)")


@whatif_app.command("service-level")
def service_level_cmd(
    scenario: Path = typer.Argument(..., help="scenario file with per-interval demand"),
    role: str = typer.Option(..., "--role",
                             help="the role to hire or drop (its per-interval line sets the "
                                  "target)"),
    scale: float | None = typer.Option(None, "--forecast-scale",
                                       help="factor on the forecast first"),
    days: str = typer.Option("all", "--days", help="days the factor applies to"),
    most: int | None = typer.Option(None, "--max",
                                    help="most people to try (default: twice today's)"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds per solve",
                                     callback=positive),
    workers: int = typer.Option(2, "--workers", help="solver threads", callback=at_least_one),
) -> None:
    """How many people of a role reach the service-level target on every interval (a solve per
    headcount)."""
    sc = _scaled(_load(scenario), scale, days, None)
    try:
        answer = service_level_headcount(sc, role, high=most, time_limit=time_limit,
                                         workers=workers)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(answer.to_frame().to_string(index=False))
    if answer.people is None:
        typer.echo(f"{role}: now {answer.current}; no headcount tried reached the target on every "
                   "interval "
                   f"(fewer than {answer.bound} cannot give the hours needed)")
        raise typer.Exit(1)
    typer.echo(f"{role}: now {answer.current}, {answer.people} reach the target on every interval "
               f"(fewer than {answer.bound} cannot give the hours needed)")


@whatif_app.command("starts")
def starts_cmd(
    scenario: Path = typer.Argument(..., help="scenario file with shift templates"),
    starts: list[str] = typer.Option(..., "--starts",
                                     help="TEMPLATE=HH:MM-HH:MM, several joined by ';' "
                                          "(repeat for more variants), "
                                          "e.g. D=06:30-09:30;E=12:30-15:00"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds per solve",
                                     callback=positive),
    workers: int = typer.Option(2, "--workers", help="solver threads", callback=at_least_one),
) -> None:
    """Which start times to open: each set of start windows solved next to the scenario as it is."""
    sc = _load(scenario)
    variants = []
    for item in starts:
        try:
            variants.append([parse_window(part) for part in item.split(";") if part.strip()])
        except ValueError as exc:
            fail(ScenarioError("--starts", item, None, str(exc), hint="e.g. D=06:30-09:30"))
    try:
        table = compare_starts(sc, variants, time_limit=time_limit, workers=workers)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(table.to_string(index=False))


def parse_offsets(text: str) -> tuple[str, list[int]]:
    """``R4=0,2,4`` → (``R4``, [0, 2, 4]); ``R4=0..5`` → every offset 0 to 5; ValueError else."""
    rid, sep, values = text.partition("=")
    if not sep or not rid.strip():
        raise ValueError(f"{text!r} is not ROTATION=OFFSETS")
    offsets = parse_values(values)
    for v in offsets:
        if not isinstance(v, int):
            raise ValueError(f"{v!r} is not a whole number")
    return rid.strip(), offsets


@whatif_app.command("patterns")
def patterns_cmd(
    scenario: Path = typer.Argument(..., help="scenario file with rotations (or without, for "
                                    "--patterns)"),
    offsets: list[str] | None = typer.Option(None, "--rotation-offsets",
                                             help="ROTATION=OFFSETS, e.g. R4=0,2,4 or R4=0..7 "
                                             "(repeat for a grid of several rotations)"),
    patterns: Path | None = typer.Option(None, "--patterns",
                                         help="YAML file of variants (name, rotations, drop)"),
    time_limit: float = typer.Option(30.0, "--time-limit", help="seconds per solve",
                                     callback=positive),
    workers: int = typer.Option(2, "--workers", help="solver threads", callback=at_least_one),
    out: Path | None = typer.Option(None, "--out", help="also write the table as CSV"),
) -> None:
    """Pattern choices against the free roster (no rotation): cost, cells off the pattern, hours and
    the spread of nights, weekend days, holidays and hours, one row per variant."""
    sc = _load(scenario)
    grid: dict[str, list[int]] = {}
    for item in offsets or []:
        try:
            rid, values = parse_offsets(item)
        except ValueError as exc:
            fail(ScenarioError("--rotation-offsets", item, None, str(exc),
                               hint="e.g. R4=0,2,4 or R4=0..7"))
        grid[rid] = values
    try:
        if out is not None:
            out_file(out)
        variants = offset_variants(sc, grid) if grid else []
        if patterns is not None:
            variants += file_variants(sc, patterns)
        table = compare_patterns(sc, variants, time_limit=time_limit, workers=workers)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(table.to_string(index=False))
    for v in variants:
        typer.echo(f"{v.name}: {describe(v, sc)}")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False)
