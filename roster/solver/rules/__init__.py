"""One module per rule family; each exposes ``add(ctx)``. ``FAMILIES`` is the registry, in build order."""

from . import (
    coverage,
    fairness,
    fixed,
    hours,
    intervals,
    leave_wishes,
    posts,
    requests,
    rest,
    sequences,
    weekends,
)

FAMILIES = {
    "coverage": coverage.add,
    "intervals": intervals.add,
    "posts": posts.add,
    "leave_wishes": leave_wishes.add,
    "rest": rest.add,
    "sequences": sequences.add,
    "hours": hours.add,
    "weekends": weekends.add,
    "fixed": fixed.add,
    "requests": requests.add,
    "fairness": fairness.add,
}
