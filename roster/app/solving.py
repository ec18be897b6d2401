"""A solve running in a background thread, so the page stays responsive and can stop it."""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.services.change import repair, with_pins
from roster.solver import Progress, Result, SolveOptions, solve
from roster.solver import explain as explaining
from roster.validate import validate


def _guarded(job: SolveJob | TaskJob, work: Callable[[], None]) -> None:
    """Run a job's work in its thread: an error is kept for the page instead of lost in the
    thread, and the end time is recorded either way."""
    try:
        work()
    except Exception as exc:
        job.error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    finally:
        job.finished = time.perf_counter()


@dataclass
class SolveJob:
    """One solve: progress as it arrives, a stop event, and the result when done."""

    scenario: Scenario
    time_limit: float = 30.0
    workers: int = 2
    hint: Roster | None = None
    stable: bool = False
    """Re-solve from ``hint`` changing as few cells as possible
    (``roster.services.change.repair``)."""
    stop: threading.Event = field(default_factory=threading.Event)
    progress: list[Progress] = field(default_factory=list)
    result: Result | None = None
    error: str | None = None
    started: float = 0.0
    finished: float | None = None
    thread: threading.Thread | None = None

    def start(self) -> SolveJob:
        self.started = time.perf_counter()
        self.thread = threading.Thread(target=self._run, name="roster-solve", daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        # the time limit holds for the whole job: at the limit the search is told to stop and
        # returns its best roster (an engine phase that overruns its own share is cut there)
        deadline = threading.Timer(self.time_limit, self.stop.set)
        deadline.daemon = True
        deadline.start()
        try:
            _guarded(self, self._solve)
        finally:
            deadline.cancel()

    def _solve(self) -> None:
        if self.stable and self.hint is not None:
            self.result = stable_resolve(self.scenario, self.hint, self.time_limit, self.workers,
                                         stop=self.stop, on_progress=self.progress.append,
                                         deadline=self.started + self.time_limit + RESOLVE_GRACE)
            return
        # the default path: a first roster by construction within seconds at any size, then
        # every better one reported, so the page can chart progress and Stop keeps a roster
        options = SolveOptions(time_limit=self.time_limit, workers=self.workers)
        self.result = solve(self.scenario, options, hint=self.hint,
                            on_progress=self.progress.append, stop=self.stop)

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    @property
    def done(self) -> bool:
        return self.finished is not None

    @property
    def elapsed(self) -> float:
        end = self.finished if self.finished is not None else time.perf_counter()
        return end - self.started if self.started else 0.0

    @property
    def latest(self) -> Progress | None:
        return self.progress[-1] if self.progress else None

    def request_stop(self) -> None:
        """Ask the solver to stop; it returns the best roster found so far."""
        self.stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the solve ends (True) or ``timeout`` passes (False)."""
        if self.thread is not None:
            self.thread.join(timeout)
        return self.done


def start_solve(scenario: Scenario, time_limit: float = 30.0, workers: int = 2,
                hint: Roster | None = None, stable: bool = False) -> SolveJob:
    return SolveJob(scenario, time_limit=time_limit, workers=workers, hint=hint,
                    stable=stable).start()


def known_cells(scenario: Scenario, roster: Roster) -> Roster:
    """The roster's cells that still fit the scenario (known staff and shift, inside the
    horizon)."""
    h = scenario.horizon
    return Roster.of(a for a in roster
                     if a.staff in scenario.staff_by_id and a.shift in scenario.shift_by_id
                     and h.start <= a.date <= h.end)


RESOLVE_GRACE = 0.8
"""Seconds past its time limit a re-solve's search may take to hand over its roster; after that the
page takes the re-solve's start (or keeps the roster on screen) and the search's answer is
dropped."""

RESOLVE_RESERVE = 1.0
"""Seconds (at most a tenth of the limit) a re-solve's search leaves of its limit for its steps
after the search (the exact cost of its roster, the breaks), so its roster comes before the
limit."""


def stable_resolve(scenario: Scenario, roster: Roster, time_limit: float, workers: int,
                   stop: threading.Event | None = None, on_progress=None,
                   deadline: float | None = None) -> Result:
    """Solve ``scenario`` again from ``roster``: every seat filled first, then as few changed cells
    as possible, then the scenario's own costs (the repair search of ``roster.services.change``).
    ``stop`` keeps the best roster found so far.

    The search starts from ``roster`` with the scenario's pins applied (``with_pins``). When the
    search returns no roster, or has not returned by ``deadline`` (a ``time.perf_counter()`` time;
    building the interval centre's model alone took 4-15 s on a busy machine), that start is the
    result if it keeps every hard rule, marked ``stats["from_pins"]``; else the result has no roster
    (the page then keeps the one on screen). The same holds ``RESOLVE_GRACE`` after ``stop`` is set.
    A search still running then ends by itself (``stop`` is set by then)."""
    known = known_cells(scenario, roster)
    start = with_pins(scenario, known)
    answer: list = []  # the search's Result, or the exception it raised

    def search() -> None:
        # no explanation search when no roster is found: it would run past the time limit, and the
        # page offers its own (Explain why) for a scenario without a roster
        limit = time_limit - min(RESOLVE_RESERVE, time_limit / 10)
        out = repair(scenario, known, [], scenario.horizon.start, time_limit=limit, workers=workers,
                     stop=stop, on_progress=on_progress, reasons=False, hint=start)
        result = Result(status=out.status, roster=out.roster, seconds=out.seconds,
                        terms=dict(out.terms))
        if out.feasible:
            result.objective = float(sum(v for k, v in out.terms.items() if k != "changes"))
            result.stats["changed_cells"] = out.changed_cells
        answer.append(result)

    t0 = time.perf_counter()
    worker = threading.Thread(target=_kept_errors(search, answer), name="roster-resolve",
                              daemon=True)
    worker.start()
    report = validate(scenario, start)  # beside the search: the fallback is known at the deadline
    _wait(worker, stop, deadline)
    if worker.is_alive() and stop is not None:
        # the search dropped here ends as soon as it looks (a late timer may not have fired)
        stop.set()
    result = answer[0] if answer else Result(status="UNKNOWN", roster=Roster(),
                                             seconds=time.perf_counter() - t0,
                                             stats={"search_status": "running at the time limit"})
    if isinstance(result, BaseException):
        raise result
    if result.feasible or result.status == "INFEASIBLE" or not report.ok:
        return result
    return Result(status="FEASIBLE", roster=start, seconds=time.perf_counter() - t0,
                  objective=float(report.cost),
                  stats={"from_pins": True,
                         "search_status": result.stats.get("search_status", result.status),
                         "changed_cells": len(known.diff(start))})


def _wait(worker: threading.Thread, stop: threading.Event | None, deadline: float | None) -> None:
    """Until the search ends, ``deadline`` passes, or ``RESOLVE_GRACE`` after ``stop`` is set (the
    page's Stop during a model build that does not look at it)."""
    stopped_at = None
    while worker.is_alive():
        now = time.perf_counter()
        if stop is not None and stop.is_set():
            stopped_at = stopped_at or now
        if (deadline is not None and now >= deadline
                or stopped_at is not None and now - stopped_at >= RESOLVE_GRACE):
            return
        worker.join(0.05)


def _kept_errors(work: Callable[[], None], answer: list) -> Callable[[], None]:
    """``work`` with an exception put in ``answer`` (re-raised in the job's thread) instead of
    lost."""

    def run() -> None:
        try:
            work()
        except Exception as exc:  # noqa: BLE001 -- handed to the job, which reports it on the page
            answer.append(exc)

    return run


@dataclass
class TaskJob:
    """Any slow library call (such as comparing two versions) run in a background thread."""

    run: object
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    value: object | None = None
    error: str | None = None
    started: float = 0.0
    finished: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    passes_stop: bool = False
    """The call takes ``stop=`` (explain, compare): the page's Stop ends it early."""

    def start(self) -> TaskJob:
        self.started = time.perf_counter()
        threading.Thread(target=self._run, name="roster-task", daemon=True).start()
        return self

    def _run(self) -> None:
        _guarded(self, self._call)

    def _call(self) -> None:
        extra = {"stop": self.stop} if self.passes_stop else {}
        self.value = self.run(*self.args, **self.kwargs, **extra)

    @property
    def done(self) -> bool:
        return self.finished is not None

    @property
    def elapsed(self) -> float:
        end = self.finished if self.finished is not None else time.perf_counter()
        return end - self.started

    def wait(self, timeout: float | None = None) -> bool:
        deadline = time.perf_counter() + (timeout if timeout is not None else 1e9)
        while not self.done and time.perf_counter() < deadline:
            time.sleep(0.05)
        return self.done


def _explain(scenario: Scenario, **options) -> object:
    return explaining.explain(scenario, **options)  # looked up at call time (tests replace it)


class ExplainJob(TaskJob):
    """Why no roster exists, looked for in a background thread (the page stays usable)."""

    def __init__(self, scenario: Scenario, lang: str = "en", time_limit: float = 10.0,
                 workers: int = 1) -> None:
        super().__init__(_explain, (scenario,),
                         {"lang": lang, "time_limit": time_limit, "workers": workers},
                         passes_stop=True)
        self.scenario, self.lang = scenario, lang
        self.time_limit, self.workers = time_limit, workers

    @property
    def explanation(self) -> object | None:
        return self.value
