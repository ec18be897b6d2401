"""The names of the rules: one set for objective terms, rule labels and the validator's violations.

A name is a plain string too (``Rule.REST == "rest"``), so result.json, the CLI and the app show
the same words as before. Which family a name belongs to is declared by the family
(``roster.solver.rules``); docs/model.md has the table.
"""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10
    class StrEnum(str, Enum):
        """An Enum whose members are their own values as strings."""

        __str__ = str.__str__
        __format__ = str.__format__


class Rule(StrEnum):
    # rule families (the registry's keys)
    COVERAGE = "coverage"
    """Seats: a family; a seat rule's label; a seat taken by a role the shift has no seat for."""
    INTERVALS = "intervals"
    """People on the floor per interval and the breaks placed (``demand`` lines with
    ``per_interval``)."""
    POSTS = "posts"
    LEAVE_WISHES = "leave_wishes"
    REST = "rest"
    SEQUENCES = "sequences"
    HOURS = "hours"
    WEEKENDS = "weekends"
    FIXED = "fixed"
    REQUESTS = "requests"
    FAIRNESS = "fairness"
    """Fair shares: the family, and its single term in a neighbourhood's model (search/lns.py)."""
    ROTATIONS = "rotations"
    """Rotation patterns (轮班规律): people or crews following a fixed cycle of shifts."""
    CREWS = "crews"
    """Crews (班组) kept together: members who work a day work the same shift."""

    # objective terms and violations
    COVERAGE_SHORTFALL = "coverage_shortfall"
    OVERSTAFFING = "overstaffing"
    INTERVAL_SHORTFALL = "interval_shortfall"
    INTERVAL_OVER = "interval_over"
    MIN_ON_FLOOR = "min_on_floor"
    """Fewer people on the floor than a line's ``min_on_floor`` while it needs anyone."""
    BREAKS = "breaks"
    """A break that fits nowhere (a label), or a break missing or misplaced (a violation)."""
    OVERLAP = "overlap"
    SEQUENCE = "sequence"
    MAX_CONSECUTIVE = "max_consecutive"
    MIN_CONSECUTIVE_WORK = "min_consecutive_work"
    MIN_CONSECUTIVE_OFF = "min_consecutive_off"
    HOURS_WEEK = "hours_week"
    HOURS_TOTAL = "hours_total"
    MAX_SHIFTS = "max_shifts"
    FAIRNESS_NIGHTS = "fairness_nights"
    FAIRNESS_WEEKENDS = "fairness_weekends"
    FAIRNESS_HOLIDAYS = "fairness_holidays"
    FAIRNESS_HOURS = "fairness_hours"
    PATTERN = "pattern"
    """A cell kept off its rotation pattern (偏离轮班): a term, a violation and a label."""
    TOGETHER = "together"
    """A crew member on another shift than the crew (班组不同班): a term, a violation and a
    label."""
    CHANGES = "changes"
    """Cells changed against a published roster (services/change.py); no rule of the scenario."""

    # labels only (one rule instance each; the explanation of an infeasible scenario names them)
    COVERAGE_MAX = "coverage_max"
    POST_MANNED = "post_manned"
    POST_A = "post_a"
    POST_B = "post_b"
    LEAVE_WISH = "leave_wish"
    HOURS_MAX = "hours_max"
    HOURS_MIN = "hours_min"
    WEEKENDS_MONTH = "weekends_month"

    # kept by which variables exist (solver/variables.py), not by a rule family; the validator
    # still checks them, since a roster may come from elsewhere
    ROSTER = "roster"
    ONE_SHIFT_A_DAY = "one_shift_a_day"
    SHIFT_DAYS = "shift_days"
    CANNOT = "cannot"
    ROLE = "role"
    DAYS_OFF = "days_off"
    LEAVE = "leave"


FAIR_SHARE: dict[str, Rule] = {
    "nights": Rule.FAIRNESS_NIGHTS,
    "weekends": Rule.FAIRNESS_WEEKENDS,
    "holidays": Rule.FAIRNESS_HOLIDAYS,
    "hours": Rule.FAIRNESS_HOURS,
}
"""The term of each fair-share kind (roster.model.fairness.KINDS)."""

BY_VARIABLES: frozenset[Rule] = frozenset({
    Rule.ROSTER, Rule.ONE_SHIFT_A_DAY, Rule.SHIFT_DAYS, Rule.CANNOT, Rule.ROLE, Rule.DAYS_OFF,
    Rule.LEAVE,
})
"""Violations no rule family owns: the solver never creates a variable that could break them."""
