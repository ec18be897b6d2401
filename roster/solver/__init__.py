"""How CP-SAT sees a scenario: variables, one module per rule family, objective, solve."""

from .solve import Progress, Result, build, solve

__all__ = ["Progress", "Result", "build", "solve"]
