"""Does the app's solve keep to its time limit? The interval centre through the app's own service
call (``roster.app.state.begin_solve``, the Solve button's path), then a pin and the re-solve from
the roster on screen (the Solve again button's path).

    .venv/bin/python bench/app_time_limit.py [--limit 10] [--runs 3] [--workers 2]

Per run it prints: the job's wall time from the button to the result, how far past the limit it
ended, how long the search took to return once told to stop, the seconds the result reports, what
the page does next before the roster shows (the rule check of the result, the month grid), and
where the roster on screen came from (the search; the roster before with the pin applied, when
the search found no better one in time; or the roster before, kept when the re-solve found none).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from roster.app import state as S  # noqa: E402
from roster.app import views  # noqa: E402
from roster.validate import validate  # noqa: E402

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "callcenter_95598_intervals.yaml"


def _where(thread: threading.Thread) -> str:
    """The project's innermost frames the thread is in now (file:line function)."""
    frame = sys._current_frames().get(thread.ident)
    out = []
    while frame is not None and len(out) < 4:
        code = frame.f_code
        if "/roster/" in code.co_filename and "/roster/app/" not in code.co_filename:
            out.append(f"{code.co_filename.split('/roster/', 1)[1]}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return " < ".join(out)


PHASES: dict[str, list[float]] = {}
"""Seconds spent in each of the solve's steps (``--phases``), per call."""


def _timed(module, name: str) -> None:
    """Time every call of ``module.name`` into ``PHASES`` (the bench only; nothing is changed)."""
    inner = getattr(module, name)

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            PHASES.setdefault(name, []).append(time.perf_counter() - t)

    setattr(module, name, wrapper)


def one(ss: dict, limit: float, workers: int, stable: bool, where: bool = False) -> dict:
    job = S.begin_solve(ss, limit, workers, stable=stable)
    told: list[float] = []
    watcher = threading.Thread(target=lambda: (job.stop.wait(), told.append(time.perf_counter())), daemon=True)
    watcher.start()
    while where and not job.wait(0.5):  # after the stop: where the search is while it has not ended
        if told:
            print(f"  {time.perf_counter() - told[0]:5.1f} s after the stop: {_where(job.thread)}", flush=True)
    job.wait()
    if PHASES:
        print("  " + "; ".join(f"{k} {' + '.join(f'{s:.2f}' for s in v)} s" for k, v in PHASES.items()), flush=True)
        PHASES.clear()
    S.collect(ss)
    result = ss["result"]
    notice = ss.get("notice") or ("", {})
    # where the roster on screen came from: the search, the start with the pins applied (no better
    # one in time), or kept from before (the re-solve returned none)
    source = ("kept " + job.result.status if notice[0] == "resolve_kept" else
              "pins" if result.stats.get("from_pins") else "search")
    t0 = time.perf_counter()
    validate(ss["scenario"], result.roster)
    t1 = time.perf_counter()
    views.month_grid_html(ss["scenario"], result.roster)
    t2 = time.perf_counter()
    stop_lag = job.finished - told[0] if told else float("nan")
    return {"path": "re-solve" if stable else "solve", "status": result.status, "wall": job.elapsed,
            "over": job.elapsed - limit, "stop_to_end": stop_lag, "result_s": result.seconds,
            "check_s": t1 - t0, "grid_s": t2 - t1, "source": source}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--where", action="store_true", help="after the stop, print where the search is every 0.5 s")
    ap.add_argument("--phases", action="store_true",
                    help="time the steps of the model path (complete_hint, the search, tighten, restagger_result)")
    args = ap.parse_args()
    if args.phases:
        import importlib

        solve_module = importlib.import_module("roster.solver.solve")  # the module (the package exports the function)

        for name in ("complete_hint", "_construct", "tighten", "restagger_result", "term_values"):
            _timed(solve_module, name)
    print("path      status    wall s  over s  stop->end s  result s  check s  grid s  roster from")
    for _ in range(args.runs):
        ss: dict = {}
        S.init(ss)
        S.open_file(ss, SCENARIO)
        first = one(ss, args.limit, args.workers, stable=False, where=args.where)
        sc = ss["scenario"]
        day = sc.horizon.start
        who = next((p.id for p in sc.staff if ss["result"].roster.cell(p.id, day)), sc.staff[0].id)
        S.pin(ss, who, day, None)  # a day off for someone who works it: a pin that changes the roster
        second = one(ss, args.limit, args.workers, stable=True, where=args.where)
        for thread in threading.enumerate():  # a re-solve's search dropped at the deadline ends by itself
            if thread.name == "roster-resolve":
                thread.join()
        for r in (first, second):
            print(f"{r['path']:<9} {r['status']:<9} {r['wall']:6.2f}  {r['over']:+6.2f}  {r['stop_to_end']:11.2f}"
                  f"  {r['result_s']:8.2f}  {r['check_s']:7.2f}  {r['grid_s']:6.2f}  {r['source']}", flush=True)


if __name__ == "__main__":
    main()
