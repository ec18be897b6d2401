"""The objective: the sum of named, weighted soft terms."""

from __future__ import annotations

from ortools.sat.python import cp_model

from roster.model.rule_names import Rule

from .context import Context

TERM_ORDER = (
    Rule.COVERAGE_SHORTFALL, Rule.OVERSTAFFING, Rule.INTERVAL_SHORTFALL, Rule.INTERVAL_OVER,
    Rule.REST, Rule.SEQUENCE, Rule.MAX_CONSECUTIVE, Rule.MIN_CONSECUTIVE_WORK,
    Rule.MIN_CONSECUTIVE_OFF, Rule.HOURS_WEEK, Rule.HOURS_TOTAL, Rule.WEEKENDS, Rule.PATTERN,
    Rule.TOGETHER, Rule.REQUESTS, Rule.FAIRNESS_NIGHTS, Rule.FAIRNESS_WEEKENDS,
    Rule.FAIRNESS_HOLIDAYS, Rule.FAIRNESS_HOURS,
)
"""The order terms are listed in (a result's ``terms``); the others follow by name."""


def set_objective(ctx: Context) -> None:
    parts = [w * e for items in ctx.terms.values() for w, e in items]
    if parts:
        ctx.model.Minimize(sum(parts))


def term_values(ctx: Context, solver: cp_model.CpSolver) -> dict[str, int]:
    """Each named term's weighted value in the solver's current solution."""
    out = {}
    for name in sorted(ctx.terms, key=lambda n: (TERM_ORDER.index(n) if n in TERM_ORDER else 99,
                                                 n)):
        out[name] = int(sum(w * (e if isinstance(e, int) else solver.Value(e))
                            for w, e in ctx.terms[name]))
    return out
