"""The planners' world: scenarios, calendar and rosters (no I/O, no solver)."""

from .calendar import Calendar, Day, DayType
from .parse import ScenarioError, scenario_from_dict
from .roster import Assignment, Roster
from .scenario import Demand, Fixed, Leave, Request, Role, Rules, Scenario, Shift, Soft, Staff

__all__ = [
    "Assignment", "Calendar", "Day", "DayType", "Demand", "Fixed", "Leave", "Request", "Role",
    "Roster", "Rules", "Scenario", "ScenarioError", "Shift", "Soft", "Staff",
    "scenario_from_dict",
]
