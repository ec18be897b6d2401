"""roster: roster generator and staffing optimizer for service centres.

The public API::

    from roster import SolveOptions, load_scenario, solve, validate

    scenario = load_scenario("scenarios/callcenter_95598.yaml")   # ScenarioError on bad input
    result = solve(scenario, SolveOptions(time_limit=60))         # Result: status, roster, terms…
    report = validate(scenario, result.roster)                    # Report of Violations

Everything else is importable from its layer (see docs/architecture.md).
"""

from roster.io.load import load_scenario
from roster.model.parse import ScenarioError
from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.solver import Result, SolveOptions, solve
from roster.validate import Report, Violation, validate

__version__ = "0.1.0"

__all__ = [
    "Report", "Result", "Roster", "Scenario", "ScenarioError", "SolveOptions", "Violation",
    "load_scenario", "solve", "validate",
]
