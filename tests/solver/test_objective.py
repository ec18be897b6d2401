"""The objective (solver/objective.py): the weighted sum of the named terms, each reported on its own."""

from __future__ import annotations

from ortools.sat.python import cp_model

from roster.model.rule_names import Rule
from roster.solver.build import build
from roster.solver.objective import TERM_ORDER, set_objective, term_values
from tests.conftest import tiny


def solved(ctx):
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.Solve(ctx.model) == cp_model.OPTIMAL
    return solver


def test_the_objective_is_the_weighted_sum_and_each_term_is_its_own_share():
    ctx = build(tiny())
    ctx.terms.clear()
    model = ctx.model
    a, b = model.NewIntVar(2, 5, "a"), model.NewIntVar(1, 4, "b")
    ctx.penalise("zeta", 3, a)  # a made-up name sorts after the known terms
    ctx.penalise(Rule.REQUESTS, 2, b)
    ctx.penalise(Rule.REQUESTS, 1, 4)  # a constant counts too
    ctx.penalise(Rule.REST, 0, a)  # weight 0 adds nothing
    set_objective(ctx)
    solver = solved(ctx)
    assert solver.ObjectiveValue() == 3 * 2 + 2 * 1 + 4
    values = term_values(ctx, solver)
    assert values == {Rule.REQUESTS: 6, "zeta": 6}
    assert list(values) == [Rule.REQUESTS, "zeta"]


def test_terms_are_listed_in_the_fixed_order():
    ctx = build(tiny())
    ctx.terms.clear()
    one = ctx.model.NewConstant(1)
    for name in reversed(TERM_ORDER):
        ctx.penalise(name, 1, one)
    set_objective(ctx)
    assert list(term_values(ctx, solved(ctx))) == list(TERM_ORDER)


def test_no_terms_no_objective():
    ctx = build(tiny())
    ctx.terms.clear()
    ctx.model.ClearObjective()
    set_objective(ctx)
    assert not ctx.model.HasObjective()
