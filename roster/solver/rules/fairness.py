"""Fair shares of nights, weekend shifts, holiday shifts and hours (see roster.model.fairness)."""

from __future__ import annotations

from ...model.fairness import counts_towards, fair_bands
from ..context import Context


def add(ctx: Context) -> None:
    v, sc, cal = ctx.vars, ctx.scenario, ctx.calendar
    weights = sc.fairness.model_dump()
    for kind, bands in fair_bands(sc, cal).items():
        unit = 60 if kind == "hours" else 1
        for p, sid in enumerate(v.staff):
            band = bands.get(sid)
            if band is None:
                continue
            terms = [(counts_towards(kind, sc, cal, d, v.shifts[s]), var)
                     for d, s, var in v.mine.get(p, [])]
            count = sum(c * var for c, var in terms if c)
            top = sum(c for c, _ in terms)
            dev = ctx.model.NewIntVar(0, max(top, band.lo) // unit + 1, f"fair:{kind}:{sid}")
            ctx.model.Add(unit * dev >= count - band.hi)
            ctx.model.Add(unit * dev >= band.lo - count)
            ctx.penalise(f"fairness_{kind}", weights[kind], dev)
