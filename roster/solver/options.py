"""How long and how a solve searches: the settings of ``solve``, checked when they are made."""

from __future__ import annotations

import math
from dataclasses import dataclass

from roster.model.fields import FieldError

STRATEGIES = ("auto", "whole", "groups", "construct", "anytime")
"""How ``solve`` searches (see its docstring)."""
STRATEGY_CHOICE = f"{', '.join(STRATEGIES[:-1])} or {STRATEGIES[-1]}"


@dataclass(frozen=True)
class SolveOptions:
    """Settings of one solve. A bad value raises ``FieldError`` naming the setting.

    ``time_limit`` is wall-clock seconds for the whole solve (the bound's share included);
    ``deterministic_time`` (CP-SAT's deterministic seconds) instead makes runs repeatable: the same
    seed and deterministic time give the same roster twice. ``workers`` is the number of search
    threads (None: 4 per core); ``gap_limit`` stops the search once the relative gap between the
    roster's cost and the bound is this small; ``log`` prints CP-SAT's search log.
    """

    time_limit: float = 60.0
    seed: int = 0
    workers: int | None = None
    gap_limit: float = 0.0
    deterministic_time: float | None = None
    strategy: str = "auto"
    log: bool = False
    column_rosters: bool = True
    """After the column-generation bound, look for a cheaper roster among the generated months
    (the restricted master); off for side-by-side measurements of the route."""

    def __post_init__(self) -> None:
        if not _number(self.time_limit) or not self.time_limit > 0:
            raise FieldError("time_limit", self.time_limit, "must be a number of seconds above 0")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise FieldError("seed", self.seed, "must be a whole number")
        if self.workers is not None and (isinstance(self.workers, bool)
                                         or not isinstance(self.workers, int)
                                         or self.workers < 1):
            raise FieldError("workers", self.workers, "must be a whole number of at least 1",
                             hint="leave it out for 4 threads per core")
        if not _number(self.gap_limit) or not 0 <= self.gap_limit <= 1:
            raise FieldError("gap_limit", self.gap_limit, "must be a share between 0 and 1",
                             hint="0.01 stops at a 1 % gap")
        if self.deterministic_time is not None and (not _number(self.deterministic_time)
                                                    or not self.deterministic_time > 0):
            raise FieldError("deterministic_time", self.deterministic_time,
                             "must be a number above 0")
        if not isinstance(self.column_rosters, bool):
            raise FieldError("column_rosters", self.column_rosters, "must be true or false")
        if self.strategy not in STRATEGIES:
            raise FieldError("strategy", self.strategy, "is not a strategy",
                             hint=f"use {STRATEGY_CHOICE}")

    @property
    def repeatable(self) -> bool:
        """A deterministic time limit: the same seed gives the same roster."""
        return self.deterministic_time is not None


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
