"""`roster bench curtois|generated|check|scale|intervals`: benchmarks of the engine."""

from __future__ import annotations

from pathlib import Path

import typer

from roster.bench import curtois as curtois_bench
from roster.bench import generated as generated_bench
from roster.bench import intervals as interval_bench
from roster.bench import scale_table
from roster.cli.common import app, fail
from roster.io.curtois_eval import evaluate_files
from roster.model.parse import ScenarioError
from roster.solver.options import STRATEGIES, STRATEGY_CHOICE

bench = typer.Typer(no_args_is_help=True,
                    help="Benchmarks: Curtois & Qu instances, a generated call centre.")
app.add_typer(bench, name="bench")


@bench.command("curtois")
def curtois(
    instances: str = typer.Option("1-7", "--instances",
                                  help="instance numbers, e.g. 1-7 or 1,3,13-19"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds per instance"),
    out: Path = typer.Option(Path("bench/results/curtois.csv"), "--out",
                             help="results table (CSV)"),
    workers: int = typer.Option(2, "--workers", help="solver threads"),
    folder: Path | None = typer.Option(None, "--dir", help="folder with InstanceN.txt (default: "
                                          "$ROSTER_CURTOIS_DIR or ../shared/benchmarks/curtois)"),
    seed: int = typer.Option(0, "--seed"),
    strategy: str = typer.Option("auto", "--strategy",
                                 help=f"{STRATEGY_CHOICE} (see roster.solver.solve)"),
    jobs: int = typer.Option(1, "--jobs", min=1,
                             help="instances solved at the same time, each in its own process"),
    column_rosters: bool = typer.Option(
        True, "--column-rosters/--no-column-rosters",
        help="look for a cheaper roster among the generated months"),
) -> None:
    """Solve Curtois & Qu instances; print and save objective, bound, best known and times."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    try:
        numbers = curtois_bench.parse_range(instances)
    except ValueError as exc:
        fail(ScenarioError("command line", "--instances", instances, str(exc),
                           hint="e.g. 1-7 or 1,3,13-19"))
    if strategy not in STRATEGIES:
        fail(ScenarioError("command line", "--strategy", strategy, "is not a strategy",
                           hint=STRATEGY_CHOICE))
    rows = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        order = sorted(numbers, reverse=True) if jobs > 1 else numbers  # with jobs: largest first
        futures = [pool.submit(curtois_bench.run_instance, n, time_limit, workers,
                               out_dir=out.parent / "solutions", folder=folder, seed=seed,
                               strategy=strategy, column_rosters=column_rosters)
                   for n in order]
        for future in as_completed(futures):
            try:
                row = future.result()
            except ScenarioError as exc:
                fail(exc)
            rows.append(row)
            rows.sort(key=lambda r: r.instance)
            typer.echo(f"Instance{row.instance}: {row.status} objective {row.objective} "
                       f"(best known {row.best_known}) in {row.seconds:.1f}s", err=True)
            curtois_bench.write_csv(rows, out)
    typer.echo(curtois_bench.format_table(rows))
    typer.echo(f"table: {out}; solutions: {out.parent / 'solutions'}")


@bench.command("check")
def check(
    instance: Path = typer.Argument(..., help="an InstanceN.txt file"),
    solution: Path = typer.Argument(..., help="CSV staff_id,day,shift_id"),
) -> None:
    """Score a solution of a Curtois & Qu instance and list its hard violations."""
    try:
        ev = evaluate_files(instance, solution)
    except ScenarioError as exc:
        fail(exc)
    typer.echo(f"objective {ev.objective}  " + "  ".join(f"{k} {v}" for k, v in ev.terms.items()))
    for line in ev.violations:
        typer.echo(f"hard: {line}")
    typer.echo("feasible" if ev.feasible else f"{len(ev.violations)} hard violation(s)")
    if not ev.feasible:
        raise typer.Exit(1)


def _sizes_and_marks(sizes: str, checkpoints: str, least: int) -> tuple[list[int], list[float]]:
    """``--sizes`` (staff counts of at least ``least``) and ``--at`` (seconds) as numbers."""
    try:
        counts = [int(x) for x in sizes.split(",") if x.strip()]
        marks = [float(x) for x in checkpoints.split(",") if x.strip()]
    except ValueError:
        fail(ScenarioError("command line", "--sizes/--at", f"{sizes} / {checkpoints}",
                           "not a list of numbers"))
    if not counts or min(counts) < least:
        fail(ScenarioError("command line", "--sizes", sizes,
                           f"give staff counts of at least {least}"))
    return counts, marks


@bench.command("generated")
def generated(
    sizes: str = typer.Option("50,100,200,500", "--sizes", help="staff counts, comma-separated"),
    checkpoints: str = typer.Option("30,60,120", "--at", help="seconds at which to report the gap"),
    workers: int = typer.Option(2, "--workers", help="solver threads"),
    out: Path = typer.Option(Path("bench/results/generated.csv"), "--out",
                             help="results table (CSV)"),
    seed: int = typer.Option(0, "--seed"),
) -> None:
    """A generated call centre (31 days, 5 shifts, 3 roles, leave, requests) at growing sizes."""
    counts, marks = _sizes_and_marks(sizes, checkpoints, least=10)
    rows = generated_bench.run_sizes(counts, marks, workers=workers, seed=seed,
                                     on_row=lambda r: typer.echo(f"{r['staff']} staff done",
                                                                 err=True))
    generated_bench.write_csv(rows, marks, out)
    typer.echo(generated_bench.format_table(rows, marks))
    typer.echo(f"table: {out}")


@bench.command("scale")
def scale(
    sizes: str = typer.Option("100,300,1000,2000", "--sizes", help="staff counts, comma-separated"),
    checkpoints: str = typer.Option("10,60,120", "--at",
                                    help="seconds at which to report the best cost"),
    time_limit: float | None = typer.Option(None, "--time-limit",
                                            help="seconds per solve (default: the last --at)"),
    workers: int = typer.Option(2, "--workers", help="solver threads"),
    seed: int = typer.Option(0, "--seed"),
    out: Path = typer.Option(Path("bench/results/scale.csv"), "--out", help="results table (CSV)"),
    jobs: int = typer.Option(1, "--jobs", min=1,
                             help="solves at the same time (engine and peer), each in its "
                                  "own process"),
    write_scenario: Path | None = typer.Option(None, "--write-scenario",
                                               help="folder to write each generated "
                                                    "centre to as YAML"),
) -> None:
    """A generated provincial centre at growing sizes: the engine and a plain CP-SAT model side by
    side."""
    counts, marks = _sizes_and_marks(sizes, checkpoints, least=20)
    marks = sorted(marks)
    if not marks or marks[0] <= 0:
        fail(ScenarioError("command line", "--at", checkpoints,
                           "give positive seconds, e.g. 10,60,120"))
    rows = scale_table.run_sizes(counts, marks, time_limit=time_limit, workers=workers, seed=seed,
                                 jobs=jobs, write_scenario=write_scenario,
                                 on_row=lambda r: typer.echo(f"{r['staff']} staff, {r['who']}: "
                                                             f"{r.get('status')}", err=True))
    scale_table.write_csv(rows, marks, out)
    typer.echo(scale_table.format_table(rows, marks))
    typer.echo(f"table: {out}")


@bench.command("intervals")
def intervals(
    sizes: str = typer.Option("300,60", "--sizes", help="agent counts, comma-separated"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds per solve"),
    runs: int = typer.Option(1, "--runs", min=1,
                             help="runs per size and solver, each in its own process"),
    workers: int = typer.Option(2, "--workers", help="solver threads"),
    who: str = typer.Option("engine,peer", "--who",
                            help="engine, whole (the engine's whole model) and/or peer "
                                 "(the plain CP-SAT model)"),
    seed: int = typer.Option(0, "--seed"),
    night: int = typer.Option(0, "--night", min=0,
                              help="agents needed per half hour of a thin night "
                                   "(a fixed 22:00-07:00 shift; 0: no night)"),
) -> None:
    """A generated call centre staffed per 30 minutes: the engine and a plain CP-SAT model side by
    side."""
    try:
        counts = [int(x) for x in sizes.split(",") if x.strip()]
    except ValueError:
        fail(ScenarioError("command line", "--sizes", sizes, "not a list of numbers"))
    if not counts or min(counts) < 10:
        fail(ScenarioError("command line", "--sizes", sizes, "give agent counts of at least 10"))
    names = [x.strip() for x in who.split(",") if x.strip()]
    unknown = [x for x in names if x not in interval_bench.WHO]
    if not names or unknown:
        fail(ScenarioError("command line", "--who", who, "is not a list of solvers",
                           hint=", ".join(interval_bench.WHO)))
    rows = interval_bench.run(counts, names, runs=runs, time_limit=time_limit, workers=workers,
                              seed=seed, night=night,
                              on_row=lambda r: typer.echo(f"{r.get('size')} agents, {r['who']}: "
                                                          f"{r.get('status', r.get('error'))}",
                                                          err=True))
    for size in counts:
        centre = interval_bench.make_interval_centre(size, seed, night=night)
        bound = interval_bench.interval_bound(centre)
        typer.echo(f"{size} agents: LP bound on the interval cost {bound:,.0f}")
    typer.echo(interval_bench.format_table(rows))
