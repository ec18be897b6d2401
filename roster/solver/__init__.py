"""How CP-SAT sees a scenario: variables, one module per rule family, objective, solve."""

from .options import SolveOptions
from .solve import Progress, Result, build, solve

__all__ = ["Progress", "Result", "SolveOptions", "build", "solve"]
