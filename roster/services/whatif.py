"""What-if staffing, one module per question; this module gathers their public names.

- ``variants``: a role's headcount changed, and the keys a sweep varies;
- ``compare``: two scenarios solved side by side, and the figures of one solve;
- ``sweep``: a grid of solves in parallel (Ray or a local process pool);
- ``min_staff``: the smallest headcount of each role, and the proof that one fewer cannot do;
- ``whatif_intervals``: for per-interval demand, the headcount that reaches the service level,
  a higher forecast on chosen days, and which start times to open.

The command-line text (``--vary`` values, ``--starts`` windows) is read in ``roster.cli.whatif``.
"""

from __future__ import annotations

from roster.services.compare import LONG_WEEK_HOURS, compare, figures, long_week_hours, unmet_seats
from roster.services.min_staff import MinStaffResult, RoleNeed, min_staff
from roster.services.sweep import RAY_HINT, ray_available, ray_unreachable, run_point, sweep
from roster.services.variants import apply_vary, headcount, with_headcount
from roster.services.whatif_intervals import (
    HeadcountAnswer,
    IntervalTry,
    below_target,
    compare_starts,
    fewest_people,
    measure,
    needs_by_day,
    scaled_forecast,
    service_level_headcount,
    with_start_window,
)

__all__ = [
    "LONG_WEEK_HOURS", "RAY_HINT", "HeadcountAnswer", "IntervalTry", "MinStaffResult", "RoleNeed",
    "apply_vary", "below_target", "compare", "compare_starts", "fewest_people", "figures",
    "headcount", "long_week_hours", "measure", "min_staff", "needs_by_day", "ray_available",
    "ray_unreachable", "run_point", "scaled_forecast", "service_level_headcount", "sweep",
    "unmet_seats", "with_headcount", "with_start_window",
]
