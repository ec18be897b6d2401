"""Weekends worked (a weekend counts when Saturday or Sunday is worked): over the horizon and per month."""

from __future__ import annotations

from ...model.scenario import limit_value, limit_weight
from ..context import Context, Label


def weekend_vars(ctx: Context, p: int) -> list:
    """One literal per weekend of the horizon: does person p work it? (None: cannot.)"""
    cache = ctx.cache.setdefault("weekends", {})
    if p in cache:
        return cache[p]
    out = []
    for k, days in enumerate(ctx.calendar.weekends):
        ws = [w for d in days if (w := ctx.vars.works(p, d)) is not None]
        if not ws:
            out.append(None)
        elif len(ws) == 1:
            out.append(ws[0])
        else:
            we = ctx.model.NewBoolVar(f"{ctx.vars.staff[p]}|weekend{k}")
            ctx.model.AddMaxEquality(we, ws)
            out.append(we)
    cache[p] = out
    return out


def add(ctx: Context) -> None:
    sc, cal = ctx.scenario, ctx.calendar
    for p, sid in enumerate(ctx.vars.staff):
        rules = sc.rules_for(sid)
        total = limit_value(rules.max_weekends)
        monthly = limit_value(rules.max_weekends_per_month)
        if total is None and monthly is None:
            continue
        wes = weekend_vars(ctx, p)
        if total is not None:
            live = [w for w in wes if w is not None]
            if len(live) > total:
                label = Label("weekends", (sid,), f"{sid}: at most {total:g} weekends worked",
                              f"{sid}: 上班周末不超过 {total:g} 个")
                ctx.at_most(sum(live), int(total), limit_weight(rules.max_weekends), "weekends", label)
        if monthly is not None:
            for (year, month), ks in cal.weekend_months.items():
                live = [wes[k] for k in ks if wes[k] is not None]
                if len(live) > monthly:
                    label = Label("weekends_month", (sid, year, month),
                                  f"{sid}: at most {monthly:g} weekends worked in {year}-{month:02d}",
                                  f"{sid}: {year}年{month}月上班周末不超过 {monthly:g} 个")
                    ctx.at_most(sum(live), int(monthly), limit_weight(rules.max_weekends_per_month),
                                "weekends", label)
