"""What a rule family declares about itself; every module of ``rules/`` exposes one as
``FAMILY``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from roster.model.rule_names import Rule
from roster.model.scenario import Scenario

from ..context import Context, Label


class Scope(Enum):
    """Whose shifts a family's rules tie together."""

    PERSON = "person"
    """One person's own shifts: a model of a few people holds them whole."""
    SEATS = "seats"
    """People through the seats they fill: a model of a few people holds them with everyone
    else's seats counted in (``build(seated=...)``)."""
    EVERYONE = "everyone"
    """People to each other (posts, fair shares): only the whole roster's model holds them."""


class Offer(Protocol):
    """Takes one candidate change to the scenario (explain.candidates checks it by a solve)."""

    def __call__(self, description: str, zh: str, size: int,
                 change: Callable[[dict[str, Any]], None], kind: str = "") -> None: ...


Repairs = Callable[[Scenario, Context, Label, Offer], None]
"""Offers the changes that would relax one of the family's rules named in an infeasible set."""


def every_scenario(scenario: Scenario) -> bool:
    """A family's ``uses`` when it does not say: taken as used by every scenario."""
    return True


@dataclass(frozen=True)
class Family:
    """One rule family: how it enters the model and the names it answers to."""

    name: Rule
    add: Callable[[Context], None]
    """Adds the family's rules to a model."""
    scope: Scope
    hard: bool
    """Can it make a scenario infeasible? False: it only adds costs (left out when only hard
    rules matter)."""
    terms: tuple[Rule, ...]
    """Objective terms it adds (``ctx.at_least/at_most/clause/penalise``)."""
    violations: tuple[Rule, ...]
    """``Violation.rule`` names the validator reports for it."""
    labels: tuple[Rule, ...] = ()
    """Names of its rule instances' labels (``Label.family``)."""
    words: Mapping[Rule, tuple[str, str]] = field(default_factory=dict)
    """Short names (en, zh) of its labels for explanations (a label without one shows its name)."""
    repairs: Repairs | None = None
    person_search: bool | Callable[[Scenario], bool] = False
    """Does the per-person search (``search/person.py``: its states and the rules ``breaks``
    prices; ``search/construct.py``: seats, intervals, requests, fair shares) keep every rule of
    the family? False (the default, so a new family opts in): a scenario that uses the family is
    left to the model (``construct.applies``). A family the search keeps only in part says which
    scenarios it keeps (rotations: hard patterns only)."""
    group_search: bool = True
    """May the group search (``solver/groups.py``) run on a scenario that uses the family? A family
    it does not split (``splits``) is left to the whole-roster solve that follows; False when that
    leaves too much (posts tie people to each other)."""
    uses: Callable[[Scenario], bool] = every_scenario
    """Does a scenario use the family's rules? A family with ``person_search`` or ``group_search``
    False declares it, so that scenarios without its rules still take those searches."""

    def person_searched(self, scenario: Scenario) -> bool:
        """Does the per-person search keep the family's rules in this scenario (True when it uses
        none)?"""
        if not self.uses(scenario):
            return True
        return self.person_search(scenario) if callable(self.person_search) else self.person_search

    def group_searched(self, scenario: Scenario) -> bool:
        """May the group search run on this scenario as far as this family goes?"""
        return self.group_search or not self.uses(scenario)

    @property
    def splits(self) -> bool:
        """Does a model of a few people (groups, neighbourhoods) hold this family?"""
        return self.scope is not Scope.EVERYONE
