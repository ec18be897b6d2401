"""Pinned cells: this person works this shift on this day (days off pins prune variables)."""

from __future__ import annotations

from ..context import Context, Label


def add(ctx: Context) -> None:
    v, cal = ctx.vars, ctx.calendar
    for f in ctx.scenario.fixed:
        if f.shift is None:
            continue
        p, d, s = v.staff.index(f.staff), cal.index[f.date], v.shifts.index(f.shift)
        label = Label("fixed", (f.staff, f.date, f.shift), f"{f.staff} works {f.shift} on {f.date} (pinned)",
                      f"{f.staff} {f.date} 固定上 {f.shift}")
        var = v.on(p, d, s)
        ctx.at_least(var if var is not None else 0, 1, None, "fixed", label)
