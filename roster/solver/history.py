"""The previous roster's tail as the solver sees it: constant worked days before day 0."""

from __future__ import annotations

from .context import Context


def before(ctx: Context, p: int) -> dict[int, int]:
    """Day index (negative: -1 is the day before the horizon) → shift index person p worked then."""
    cache = ctx.cache.setdefault("history", {})
    if not cache and ctx.scenario.history is not None:
        start = ctx.calendar.start
        shift_index = {sid: i for i, sid in enumerate(ctx.vars.shifts)}
        person = {sid: i for i, sid in enumerate(ctx.vars.staff)}
        for sid, days in ctx.scenario.history.shifts(start).items():
            cache[person[sid]] = {(date - start).days: shift_index[w.shift]
                                  for date, w in days.items()}
    return cache.get(p, {})


def covered(ctx: Context) -> int:
    """How many days before the horizon the history covers (0 without history)."""
    hist = ctx.scenario.history
    if hist is None:
        return 0
    return (ctx.calendar.start - hist.first_day(ctx.calendar.start)).days
