"""One module per rule family, named as the solver's (``roster/solver/rules/``); each declares
its check as ``CHECK`` (see checker.py).

``CHECKS`` is the registry, keyed by the family's name and in the order the validator runs them
(the order its violations are listed in). ``ROSTER`` checks what the variables keep; it runs
first and sets the assignments every other check reads.
"""

from __future__ import annotations

from roster.model.rule_names import Rule

from ..checker import Check
from . import (
    coverage,
    crews,
    fairness,
    fixed,
    hours,
    intervals,
    leave_wishes,
    posts,
    requests,
    rest,
    rotations,
    sequences,
    variables,
    weekends,
)
from .fairness import peer_group_name

ROSTER: Check = variables.CHECK
"""The roster's own check (unknown names, two shifts a day, ...): no family's, always run first."""

CHECKS: dict[Rule, Check] = {m.CHECK.family: m.CHECK for m in (
    coverage, intervals, rest, sequences, hours, weekends, fixed, posts, leave_wishes, rotations,
    crews, requests, fairness)}

__all__ = ["CHECKS", "ROSTER", "Check", "peer_group_name"]
