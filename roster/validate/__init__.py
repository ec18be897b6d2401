"""The validator: checks a roster against every rule of its scenario, independent of the solver.

It imports the domain model only (never ``roster.solver``; the layer contract in pyproject.toml
keeps it so).
"""

from roster.validate.checks import Report, Violation, peer_group_name, validate

__all__ = ["Report", "Violation", "peer_group_name", "validate"]
