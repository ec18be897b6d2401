"""The planners' world: a scenario file as frozen pydantic models.

No solver imports here. Field names follow the scenario file (docs/scenario.md). One module per
section of the file; every public name is importable from here (``from roster.model.scenario
import Shift``).
"""

from ..fields import FieldError
from ..leave_policy import LeavePolicy
from .core import Scenario
from .demand import Demand, DemandFrom, DemandLine
from .fairness import Carry, Fairness, check_holiday_name, holiday_names
from .history import History, Worked
from .horizon import MAX_HORIZON_DAYS, Holidays, Horizon, NamedHoliday, check_timezone
from .intervals import DEFAULT_STEPS, IntervalDemand, IntervalRow
from .leave import Leave, LeaveBalance, LeaveWish, Window
from .people import Role, Staff
from .posts import Post
from .references import check_days, check_references
from .requests import Fixed, Request
from .rotations import OFF_CELL, Rotation, Team
from .rules import PersonRules, Rules
from .shifts import Break, Shift, ShiftTemplate
from .templates import expand_templates, unknown_shift
from .values import Count, Frozen, Limit, Soft, limit_value, limit_weight, parse_minutes

__all__ = [
    "DEFAULT_STEPS", "MAX_HORIZON_DAYS", "OFF_CELL",
    "Break", "Carry", "Count", "Demand", "DemandFrom", "DemandLine", "Fairness", "FieldError",
    "Fixed", "Frozen", "History", "Holidays", "Horizon", "IntervalDemand", "IntervalRow", "Leave",
    "LeaveBalance", "LeavePolicy", "LeaveWish", "Limit", "NamedHoliday", "PersonRules", "Post",
    "Request", "Role",
    "Rotation", "Rules", "Scenario", "Shift", "ShiftTemplate", "Soft", "Staff", "Team", "Window",
    "Worked", "check_days", "check_holiday_name", "check_references", "check_timezone",
    "expand_templates", "holiday_names", "limit_value", "limit_weight", "parse_minutes",
    "unknown_shift",
]
