"""Sweeps: every combination of the varied values solved, in parallel.

The solves run on Ray when it is installed (a local instance with one worker per core, or a
cluster given by its address) and in a local process pool otherwise; both run the same task
function, ``run_point``."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pandas as pd

from roster.model.parse import ScenarioError
from roster.model.scenario import Scenario
from roster.services.compare import long_week_hours, unmet_seats
from roster.services.variants import apply_vary
from roster.solver.options import SolveOptions
from roster.solver.solve import solve


def run_point(task: dict[str, Any]) -> dict[str, Any]:
    """One sweep point: build the variant, solve it, and return its table row."""
    sc = Scenario.model_validate(task["scenario"])
    t0 = time.perf_counter()
    row: dict[str, Any] = dict(task["point"])
    try:
        variant = apply_vary(sc, task["point"])
    except ScenarioError as exc:
        return row | {"status": "BAD INPUT", "error": exc.message}
    res = solve(variant, SolveOptions(time_limit=task["time_limit"], workers=task.get("workers", 1),
                                      seed=0))
    row |= {"status": res.status, "objective": res.objective, "gap": res.gap}
    if res.feasible:
        row["long_week_hours"] = long_week_hours(variant, res.roster)
        row["unmet_seats"] = unmet_seats(variant, res.roster)
    else:
        row["long_week_hours"] = row["unmet_seats"] = None
    row["seconds"] = round(time.perf_counter() - t0, 2)
    return row


def ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def sweep(scenario: Scenario, vary: dict[str, Sequence[Any]], time_limit: float = 10.0,
          ray_address: str | None = None, use_ray: bool | None = None, workers: int | None = None,
          ray_fallback: bool = False) -> pd.DataFrame:
    """Solve every combination of the ``vary`` values (a grid) in parallel; one row per point.

    A ``ray_address`` that cannot be reached is a ScenarioError, or (``ray_fallback``) the local
    process pool runs the solves instead.
    """
    keys = list(vary)
    if not keys:
        raise ScenarioError("--vary", "", None, "nothing to vary",
                            hint="e.g. --vary staff.count.agent=8..12")
    for k in keys:
        if not list(vary[k]):
            raise ScenarioError("--vary", k, None, "no values to try")
    points = [dict(zip(keys, combo, strict=True))
              for combo in itertools.product(*(list(vary[k]) for k in keys))]
    for k in keys:  # bad keys and values fail here, before any solve
        for value in vary[k]:
            apply_vary(scenario, {k: value})
    data = scenario.model_dump()
    tasks = [{"scenario": data, "point": p, "time_limit": float(time_limit), "workers": 1}
             for p in points]
    if use_ray is None:
        use_ray = ray_available() or ray_address is not None
    runner = "ray" if use_ray else "process pool"
    if use_ray and ray_address:
        problem = ray_unreachable(ray_address)
        if problem and not ray_fallback:
            raise ScenarioError("command line", "--ray-address", ray_address, problem,
                                hint=RAY_HINT)
        if problem:
            use_ray, runner = False, f"process pool (Ray at {ray_address} unreachable: {problem})"
    rows = _on_ray(tasks, ray_address, workers) if use_ray else _in_pool(tasks, workers)
    frame = pd.DataFrame(rows)
    frame.attrs["runner"] = runner
    return frame


RAY_HINT = ("start a cluster there with `ray start --head --port=PORT` (or check host and port), "
            "drop --ray-address to use Ray on this machine, or add --ray-fallback to use the local "
            "process pool")


def ray_unreachable(address: str, timeout: float = 3.0) -> str:
    """Why the Ray cluster at ``address`` cannot be reached ("" when it answers or cannot be
    checked)."""
    import socket

    if address in ("auto", "local"):
        return ""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        return "not an address of the form HOST:PORT or ray://HOST:PORT"
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout):
            return ""
    except OSError as exc:
        return f"cannot connect ({exc.strerror or exc})"


def _in_pool(tasks: list[dict], workers: int | None) -> list[dict]:
    n = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    with ProcessPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run_point, tasks))


def _on_ray(tasks: list[dict], address: str | None, workers: int | None) -> list[dict]:
    import ray

    started = False
    if not ray.is_initialized():
        if address:
            try:
                ray.init(address=address, logging_level="ERROR")
            except (ConnectionError, TimeoutError, RuntimeError) as exc:
                raise ScenarioError("command line", "--ray-address", address,
                                    "cannot join the Ray cluster "
                                    f"({str(exc).splitlines()[0][:200]})",
                                    hint=RAY_HINT) from None
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False,
                     logging_level="ERROR", log_to_driver=False)
        started = True
    try:
        remote = ray.remote(num_cpus=1)(run_point)
        return ray.get([remote.remote(t) for t in tasks])
    finally:
        if started:
            ray.shutdown()
