"""What every rule module sees: the model, the variables, and helpers for hard/soft limits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from roster.model.calendar import Calendar
from roster.model.scenario import Scenario

from .variables import Variables


@dataclass(frozen=True)
class Label:
    """One rule instance, in the planners' words."""

    family: str
    """What kind of rule it is (a ``roster.model.rule_names.Rule``; its family declares it)."""
    key: tuple
    en: str
    zh: str

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class Context:
    model: cp_model.CpModel
    scenario: Scenario
    calendar: Calendar
    vars: Variables
    explain: bool = False
    """When on, every hard rule instance is guarded by an assumption literal (see explain.py)."""
    terms: dict[str, list[tuple[int, cp_model.LinearExprT]]] = field(
        default_factory=lambda: defaultdict(list))
    guards: dict[Label, cp_model.IntVar] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)
    """Derived variables shared between rule families (e.g. weekends worked)."""

    # ---- soft terms -----------------------------------------------------
    def penalise(self, term: str, weight: int, expr: cp_model.LinearExprT) -> None:
        if weight:
            self.terms[term].append((weight, expr))

    # ---- hard or soft limits -------------------------------------------
    def guard(self, label: Label) -> cp_model.IntVar:
        lit = self.guards.get(label)
        if lit is None:
            lit = self.model.NewBoolVar(f"guard:{label.family}:{label.key}")
            self.guards[label] = lit
        return lit

    def _hard(self, ct: cp_model.Constraint, label: Label) -> None:
        if self.explain:
            ct.OnlyEnforceIf(self.guard(label))

    def at_most(self, expr: cp_model.LinearExprT, value: int, weight: int | None, term: str,
                label: Label, ub: int | None = None) -> None:
        """expr <= value, or a penalty of weight per unit above it.

        Soft slacks are bounded from one side only (minimising keeps them tight, and it searches
        faster than an exact max); solve() recomputes a stopped search's exact cost."""
        if weight is None:
            self._hard(self.model.Add(expr <= value), label)
            return
        slack = self.model.NewIntVar(0, ub if ub is not None else 10**6,
                                     f"over:{label.family}:{label.key}")
        self.model.Add(expr - slack <= value)
        self.penalise(term, weight, slack)

    def at_least(self, expr: cp_model.LinearExprT, value: int, weight: int | None, term: str,
                 label: Label, ub: int | None = None) -> None:
        """expr >= value, or a penalty of weight per unit below it."""
        if weight is None:
            self._hard(self.model.Add(expr >= value), label)
            return
        slack = self.model.NewIntVar(0, ub if ub is not None else max(value, 0),
                                     f"under:{label.family}:{label.key}")
        self.model.Add(expr + slack >= value)
        self.penalise(term, weight, slack)

    def clause(self, literals: list, weight: int | None, term: str, label: Label) -> None:
        """At least one literal true, or a penalty of weight when none is."""
        if weight is None:
            self._hard(self.model.AddBoolOr(literals), label)
            return
        broken = self.model.NewBoolVar(f"broken:{label.family}:{label.key}")
        self.model.AddBoolOr([*literals, broken])
        self.penalise(term, weight, broken)
