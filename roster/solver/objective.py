"""The objective: the sum of named, weighted soft terms."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .context import Context

TERM_ORDER = (
    "coverage_shortfall", "overstaffing", "interval_shortfall", "interval_over", "rest", "sequence", "max_consecutive", "min_consecutive_work",
    "min_consecutive_off", "hours_week", "hours_total", "weekends", "requests",
    "fairness_nights", "fairness_weekends", "fairness_holidays", "fairness_hours",
)


def set_objective(ctx: Context) -> None:
    parts = [w * e for items in ctx.terms.values() for w, e in items]
    if parts:
        ctx.model.Minimize(sum(parts))


def term_values(ctx: Context, solver: cp_model.CpSolver) -> dict[str, int]:
    """Each named term's weighted value in the solver's current solution."""
    out = {}
    for name in sorted(ctx.terms, key=lambda n: (TERM_ORDER.index(n) if n in TERM_ORDER else 99, n)):
        out[name] = int(sum(w * (e if isinstance(e, int) else solver.Value(e)) for w, e in ctx.terms[name]))
    return out
