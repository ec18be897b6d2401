"""The validator: checks a roster against every rule of its scenario, independent of the solver.

It imports the domain model only (never ``roster.solver``; the layer contract in pyproject.toml
keeps it so): it is the oracle the solver is tested against. Each rule family has its check in
``checks/<family>.py``; ``checks.CHECKS`` is the registry ``validate()`` runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario
from roster.model.seating import seat_roles

from .checker import Check, Checker
from .checks import CHECKS, ROSTER, peer_group_name
from .report import Report, Violation


def validate(scenario: Scenario, roster: Roster, calendar: Calendar | None = None, *,
             families: Iterable[Rule] | None = None) -> Report:
    """Check a roster against every rule of the scenario (or only those of ``families``; the
    roster's own check, unknown names and two shifts a day, always runs).

    Checks run in registry order; a run of per-person checks runs person by person (each
    person's rest, runs, hours and weekends together)."""
    calendar = calendar or Calendar(scenario)
    roster = seat_roles(scenario, roster, calendar)  # a hand-made roster may name no seat roles
    chk = Checker(scenario, roster, calendar)
    wanted = None if families is None else set(families)
    unknown = (wanted or set()) - CHECKS.keys()
    if unknown:
        raise ValueError(f"no check for the families {sorted(unknown)}")
    _run(chk, [ROSTER])
    for per_person, run in groupby((c for f, c in CHECKS.items() if wanted is None or f in wanted),
                                   key=lambda c: c.per_person):
        checks = list(run)
        if per_person:
            for person in scenario.staff:
                _run(chk, checks, person.id)
        else:
            _run(chk, checks)
    return Report(chk.out)


def _run(chk: Checker, checks: list[Check], *who: str) -> None:
    for check in checks:
        chk.check = check
        check.run(chk, *who)
    chk.check = None


__all__ = ["CHECKS", "Check", "Report", "Violation", "peer_group_name", "validate"]
