"""Lexicographic solving: minimise groups of objective terms one after the other.

A repair first fills the seats an absence empties, then changes as few cells as possible, then
minds the scenario's other terms (``services/change.py`` picks the tiers).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ortools.sat.python import cp_model

from roster.model.roster import Roster

from .context import Context
from .options import SolveOptions
from .solve import Result, solve

Tier = tuple[tuple[str, ...], int]
"""(term names, floor): values down to the floor count as good as the floor."""


def solve_in_tiers(ctx: Context, hint: Roster, tiers: list[Tier], options: SolveOptions, *,
                   stop: threading.Event | None = None,
                   on_progress: Callable[[Any], None] | None = None) -> Result:
    """Minimise each tier of terms in turn, holding every earlier tier at its best value, within
    ``options.time_limit`` in all (each solve gets a share of what is left).

    A tier is (term names, floor): values down to the floor count as good as the floor (the repair
    restores the published roster's coverage, it does not chase seats that were empty before).
    A tier with a floor is solved together with the next tier, weighted so that one unit of it
    outweighs the whole next tier (the same order, in one solve that stays near the hint).
    The last tier is every term not named before it. Each solve starts from the previous answer;
    a solve that finds nothing in its time leaves the previous answer standing. ``stop`` ends the
    current solve and skips the later tiers (the best answer so far stands).
    """
    named = {n for tier, _ in tiers for n in tier}
    rest = tuple(n for n in ctx.terms if n not in named)
    steps = [(tier, floor) for tier, floor in [*tiers, (rest, 0)]
             if any(ctx.terms.get(n) for n in tier)]

    def total(tier):
        return sum(w * e for n in tier for w, e in ctx.terms.get(n, []))

    groups: list[list[tuple[tuple[str, ...], int]]] = []
    for tier, floor in steps:
        if groups and groups[-1][-1][1] > 0 and len(groups[-1]) == 1:
            groups[-1].append((tier, floor))
        else:
            groups.append([(tier, floor)])
    t0 = time.perf_counter()
    best = None
    for i, group in enumerate(groups):
        parts = []
        for tier, floor in group:
            expr = total(tier)
            if floor > 0:
                level = ctx.model.NewIntVar(floor, max(floor, _upper(ctx, tier)),
                                            f"tier:{'+'.join(tier)}")
                ctx.model.Add(level >= expr)
                expr = level
            parts.append((tier, floor, expr))
        objective = parts[-1][2]
        for _tier, _, expr in reversed(parts[:-1]):
            objective = expr * (_upper(ctx, parts[-1][0]) + 1) + objective
        ctx.model.Minimize(objective)
        ctx.model.ClearHints()
        left = options.time_limit - (time.perf_counter() - t0)
        # seats and changes matter most: the first of several solves gets two thirds of the time
        share = max(1.0, left * 2 / 3 if i == 0 and len(groups) > 1 else left / (len(groups) - i))
        result = solve(ctx.scenario, replace(options, time_limit=share), ctx=ctx,
                       hint=best.roster if best else hint, stop=stop, on_progress=on_progress)
        if not result.feasible:
            if best is None:
                return result
            break
        best = result
        if stop is not None and stop.is_set():
            break
        if i + 1 < len(groups):
            for tier, floor, _ in parts:
                ctx.model.Add(total(tier) <= max(floor, sum(result.terms.get(n, 0) for n in tier)))
    if best is None:  # no term to minimise at all: one plain solve
        best = solve(ctx.scenario, options, ctx=ctx, hint=hint)
    best.seconds = time.perf_counter() - t0
    return best


def _upper(ctx: Context, tier: tuple[str, ...]) -> int:
    """An upper bound of a tier's weighted sum (terms are penalties: 0/1 literals, slacks,
    constants)."""
    variables = ctx.model.Proto().variables
    out = 0
    for n in tier:
        for w, e in ctx.terms.get(n, []):
            if isinstance(e, int):
                out += w * e
            elif isinstance(e, cp_model.IntVar):
                out += w * list(variables[e.Index()].domain)[-1]
            else:  # 1 - literal: at most 1
                out += w
    return out
