"""The rules of a person's month that the per-person routine does not keep as states: where a
schedule breaks them and by how much (``BREAKS``), for the caller to price.

They count over the whole horizon: hours in the horizon (a most too wide to be a state, or a
least without a most), shifts of a type, weekends (in the horizon or a month) and rest between
shifts two or more days apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from roster.model.rule_names import Rule
from roster.model.scenario import Rules, limit_value

if TYPE_CHECKING:
    from .person import Person


@dataclass(frozen=True)
class Broken:
    """A rule over the horizon that a schedule breaks (a key of ``Person.breaks``): its label, and
    the shift's id for a most of shifts of one type."""

    rule: Rule
    """``HOURS_MAX`` / ``HOURS_MIN`` (hours in the horizon), ``MAX_SHIFTS``, ``WEEKENDS`` (in the
    horizon or a month), ``REST`` (clashes two or more days apart)."""
    shift: str | None = None
    """For ``MAX_SHIFTS``: the shift id, or the template id of a cap over all its starts."""


Count = Callable[["Person", int, np.ndarray, Rules], Iterator[tuple[Broken, float]]]
"""Where person p's schedule breaks one rule that is not a state, and by how much."""


def _hours(person: Person, p: int, plan: np.ndarray, rules: Rules
           ) -> Iterator[tuple[Broken, float]]:
    worked = plan >= 0
    total = int(person.minutes[plan[worked]].sum()) if worked.any() else 0
    most, least = limit_value(rules.max_hours_total), limit_value(rules.min_hours_total)
    if most is not None and total > round(most * 60):
        yield Broken(Rule.HOURS_MAX), total - round(most * 60)
    if least and total < round(least * 60):
        yield Broken(Rule.HOURS_MIN), round(least * 60) - total


def _shifts(person: Person, p: int, plan: np.ndarray, rules: Rules
            ) -> Iterator[tuple[Broken, float]]:
    """Shifts of a type beyond ``max_shifts``, and of a template's starts together beyond
    ``max_template_shifts`` (``Broken.shift``: the template's id)."""
    ids = [x.id for x in person.scenario.shifts]
    for shift_id, cap in (rules.max_shifts or {}).items():
        n = int((plan == ids.index(shift_id)).sum())
        if n > cap:
            yield Broken(Rule.MAX_SHIFTS, shift_id), n - cap
    for template, cap in (rules.max_template_shifts or {}).items():
        starts = [ids.index(x) for x in person.scenario.shifts_named([template])]
        n = int(np.isin(plan, starts).sum())
        if n > cap:
            yield Broken(Rule.MAX_SHIFTS, template), n - cap


def _weekends(person: Person, p: int, plan: np.ndarray, rules: Rules
              ) -> Iterator[tuple[Broken, float]]:
    sc, cal = person.scenario, person.calendar
    total_we, monthly = limit_value(rules.max_weekends), limit_value(rules.max_weekends_per_month)
    if total_we is None and monthly is None:
        return
    worked_we = [k for k, days in enumerate(cal.weekends) if any(plan[d] >= 0 for d in days)]
    over = 0
    if total_we is not None:
        over = max(over, len(worked_we) - int(total_we))
    if monthly is not None:
        hist = person.history.get(sc.staff[p].id, {}).get("weekends", {})
        for month, ks in cal.weekend_months.items():
            n = sum(1 for k in ks if k in worked_we) + hist.get(month, 0)
            over = max(over, n - int(monthly))
    if over > 0:
        yield Broken(Rule.WEEKENDS), over


def _rest(person: Person, p: int, plan: np.ndarray, rules: Rules
          ) -> Iterator[tuple[Broken, float]]:
    shifts = person.scenario.shifts
    rest = limit_value(rules.min_rest_hours) or 0
    days = np.flatnonzero(plan >= 0)
    clashes = 0
    for a, b in zip(days[:-1], days[1:], strict=False):
        if b - a >= 2:
            gap = (b - a) * 1440 + shifts[plan[b]].arrive_minute - shifts[plan[a]].end_minute
            if gap < rest * 60:
                clashes += 1
    if clashes:
        yield Broken(Rule.REST), clashes


BREAKS: dict[Rule, Count] = {
    Rule.HOURS_TOTAL: _hours,
    Rule.MAX_SHIFTS: _shifts,
    Rule.WEEKENDS: _weekends,
    Rule.REST: _rest,
}
"""The rules of a person's own shifts that ``Person.best`` does not keep as states (a most of
hours in the horizon too wide to be one, a least without a most, shifts of a type, weekends, rest
between shifts two or more days apart), by term: the caller prices them."""


def breaks(person: Person, p: int, plan: np.ndarray, rules: Rules) -> dict[Broken, float]:
    """How far person p's schedule breaks each rule of ``BREAKS`` (only those it breaks)."""
    return {key: over for count in BREAKS.values() for key, over in count(person, p, plan, rules)}
