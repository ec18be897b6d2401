"""``verify(family).given(scenario, roster).costs(n)``: one rule family, one roster, both judges.

The family's check in the validator (``roster.validate.checks``) and the family's rules in the
solver's model (``roster.solver.rules``, the roster fixed as the hint) must agree: the same cost
for a roster that keeps the family's hard rules, and both refusing one that breaks them.

    verify(Rule.WEEKENDS).given(sc, roster).costs(6)
    verify(Rule.HOURS).given(sc, roster).breaks("A: 8 h in the horizon, at least 24")
"""

from __future__ import annotations

from dataclasses import dataclass

from roster.model.roster import Roster
from roster.model.rule_names import Rule
from roster.model.scenario import Scenario
from roster.solver.build import add_hint, build, solve_hint_fixed
from roster.solver.objective import term_values
from roster.solver.rules import FAMILIES
from roster.validate import Report, validate

SECONDS = 30.0
"""Time for the solver to price a fixed roster (a tiny model takes milliseconds)."""


@dataclass(frozen=True)
class Given:
    family: Rule
    scenario: Scenario
    roster: Roster

    @property
    def report(self) -> Report:
        """The validator's report with this family's check alone (and the roster's own)."""
        report = validate(self.scenario, self.roster, families=[self.family])
        own = [str(v) for v in report.violations if v.rule not in FAMILIES[self.family].violations]
        assert not own, f"the roster itself is wrong, not the {self.family} rules: {own}"
        return report

    def solver_cost(self) -> tuple[int | None, list]:
        """The family's terms in the solver's model with the roster fixed (None when that model
        has no solution: the roster breaks one of the family's hard rules), and the roster's
        cells the model has no variable for (cells a hard rule rules out before the search)."""
        ctx = build(self.scenario, families=[FAMILIES[self.family]])
        v, cal = ctx.vars, ctx.calendar
        cells = {(v.staff[p], cal.days[d].date, v.shifts[s]) for p, d, s, _ in v.x}
        absent = [a for a in self.roster if a.post is None and (a.staff, a.date, a.shift) not in cells]
        if absent:
            return None, absent
        add_hint(ctx, self.roster)
        solver = solve_hint_fixed(ctx.model, SECONDS)
        if solver is None:
            return None, []
        return sum(term_values(ctx, solver).values()), []

    def costs(self, n: int) -> Given:
        """The roster keeps the family's hard rules and its soft ones cost ``n`` in both judges."""
        report = self.report
        assert report.hard == [], [str(v) for v in report.hard]
        assert report.cost == n, [str(v) for v in report.soft]
        cost, absent = self.solver_cost()
        assert not absent, f"the solver's model has no variable for {absent[:3]} (does the shift need anyone?)"
        assert cost == n, f"the solver's model prices the roster {cost}, the validator {n}"
        return self

    def breaks(self, *texts: str) -> Given:
        """The validator reports exactly these hard violations and the solver's model refuses
        the roster (no solution with it, or no variable for one of its cells)."""
        assert texts, "name the violations the roster should break"
        assert [v.text for v in self.report.hard] == list(texts)
        cost, _ = self.solver_cost()
        assert cost is None, "the solver's model takes a roster the validator refuses"
        return self

    def says(self, *texts: str) -> Given:
        """Among the soft violations the validator reports are these texts."""
        soft = [v.text for v in self.report.soft]
        missing = [t for t in texts if t not in soft]
        assert not missing, (missing, soft)
        return self


@dataclass(frozen=True)
class Verify:
    family: Rule

    def given(self, scenario: Scenario, roster: Roster) -> Given:
        return Given(self.family, scenario, roster)


def verify(family: Rule) -> Verify:
    assert family in FAMILIES, f"no rule family {family!r}"
    return Verify(family)
