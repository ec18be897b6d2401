"""The state every check reads (the roster by person and day, the history) and ``Check``, what a
rule family's check declares about itself (see checks/)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from roster.i18n import Msg
from roster.model.calendar import Calendar
from roster.model.roster import Assignment, Roster
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario, limit_weight

from .report import Violation


class Checker:
    """One validation run: the roster sorted by person and day, and the violations found so far."""

    def __init__(self, scenario: Scenario, roster: Roster, calendar: Calendar | None) -> None:
        self.sc = scenario
        self.cal = calendar or Calendar(scenario)
        self.roster = roster
        self.out: list[Violation] = []
        self.items: list[Assignment] = []
        """The assignments that name known staff, shift and date, one a day per person (set by the
        roster's own check, which runs first)."""
        self.work: dict[str, dict[dt.date, Assignment]] = defaultdict(dict)
        self.past: dict[str, list[Assignment]] = defaultdict(list)
        """Shifts of the history (before the horizon): worked days the rules look back on."""
        self.past_days: list[dt.date] = []
        self.check: Check | None = None
        """The check running now: what it reports must be among its declared ``reports``."""
        self._mine: dict[str, list[Assignment]] = {}
        hist = scenario.history
        if hist is not None:
            start = self.cal.start
            first = start - dt.timedelta(days=hist.days) if hist.days is not None else \
                min((w.date for w in hist.worked), default=start)
            self.past_days = [first + dt.timedelta(days=i) for i in range((start - first).days)]
            for w in sorted(hist.worked, key=lambda w: w.date):
                if first <= w.date < start:
                    self.past[w.staff].append(Assignment(w.date, w.staff, w.shift, w.role))

    def add(self, rule: Rule, limit, message: Msg | str, zh: str = "", units: int = 1, staff=None,
            date=None,
            hard: bool | None = None) -> None:
        """Report ``rule`` broken ``units`` times: hard when ``hard`` says so or ``limit`` is a hard
        limit, else at the limit's weight per unit (nothing when that weight is 0).

        ``message`` is a catalogue message (``Msg``); a plain text (with its ``zh``) is kept as
        it is."""
        if not isinstance(message, Msg):
            message = Msg.literal(message, zh)
        if self.check is not None and rule not in self.check.reports:
            raise ValueError(f"the {self.check.family} check reports {rule}, which it does not "
                             "declare")
        weight = weight_of(limit) if hard is None else (None if hard else 0)
        if weight is None:
            self.out.append(Violation(rule, True, message, 0, staff, date))
        elif weight * units:
            self.out.append(Violation(rule, False, message, weight * units, staff, date))

    def mine(self, who: str) -> list[Assignment]:
        """A person's shifts in the horizon, by date."""
        if who not in self._mine:
            self._mine[who] = sorted(self.work[who].values(), key=lambda a: a.date)
        return self._mine[who]

    def minutes(self, a: Assignment) -> tuple[int, int]:
        """Start (the arrival, for a shift with a handover) and end of a shift in minutes from the
        horizon's first midnight."""
        shift = self.sc.shift_by_id[a.shift]
        base = (a.date - self.cal.start).days * 1440
        return base + shift.arrive_minute, base + shift.end_minute


@dataclass(frozen=True)
class Check:
    """One rule family's check: the family's name (the solver's ``Family.name``), what it reports
    (the family's ``violations``) and how it runs."""

    family: Rule
    reports: tuple[Rule, ...]
    """``Violation.rule`` names it may report (the registry test holds them equal to the
    family's)."""
    run: Callable[..., None]
    """``run(checker)``, or ``run(checker, who)`` for a check of one person's own shifts."""
    per_person: bool = False
    """Run once per person (in staff order) rather than once for the roster."""


class Soft:
    """A stand-in limit carrying only a weight (for rules whose weight sits elsewhere)."""

    def __init__(self, weight: int) -> None:
        self.weight = weight


def weight_of(limit) -> int | None:
    """A limit's weight per unit, None for a hard limit."""
    return limit.weight if isinstance(limit, Soft) else limit_weight(limit)
