"""What a solve returns: the roster, its cost, the bound, and how the search got there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from roster.model.roster import Roster


@dataclass(frozen=True)
class Progress:
    seconds: float
    objective: float
    bound: float
    source: str = "cp-sat"
    """Where the bound comes from: ``cp-sat`` or ``column generation``."""


@dataclass
class Result:
    status: str
    """OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN or MODEL_INVALID."""
    roster: Roster
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    terms: dict[str, int] = field(default_factory=dict)
    first_solution_seconds: float | None = None
    best_solution_seconds: float | None = None
    history: list[Progress] = field(default_factory=list)
    bounds: list[Progress] = field(default_factory=list)
    """Each improvement of the best bound (objective: the best roster's cost at that time, or
    inf)."""
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    def summary(self) -> dict[str, Any]:
        return {
            "status": self.status, "objective": self.objective, "bound": self.bound,
            "gap": self.gap, "seconds": round(self.seconds, 3),
            "first_solution_seconds": self.first_solution_seconds,
            "terms": self.terms, "stats": self.stats,
            "bound_source": self.stats.get("bound_source"),
        }


def gap(objective: float, bound: float) -> float:
    """The relative gap ``|objective - bound| / max(1, |objective|)``."""
    if abs(objective - bound) < 1e-9:
        return 0.0
    return abs(objective - bound) / max(1.0, abs(objective))
