"""Weekends worked (a weekend counts when Saturday or Sunday is worked): over the horizon and per month."""

from __future__ import annotations

import datetime as dt

from ...model.scenario import limit_value, limit_weight
from ..context import Context, Label
from ..history import before


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
            # weekends of the month already worked in the history (by their Saturday)
            worked = [cal.start + dt.timedelta(days=d) for d in before(ctx, p)]
            past = {x - dt.timedelta(days=x.weekday() - 5) for x in worked if x.weekday() >= 5}
            for (year, month), ks in cal.weekend_months.items():
                done = {sat for sat in past if (sat.year, sat.month) == (year, month)}
                live = [wes[k] for k in ks if wes[k] is not None and _saturday(cal, k) not in done]
                if len(live) + len(done) > monthly:
                    label = Label("weekends_month", (sid, year, month),
                                  f"{sid}: at most {monthly:g} weekends worked in {year}-{month:02d}",
                                  f"{sid}: {year}年{month}月上班周末不超过 {monthly:g} 个")
                    ctx.at_most(sum(live), int(monthly) - len(done), limit_weight(rules.max_weekends_per_month),
                                "weekends", label)


def _saturday(cal, k: int) -> dt.date:
    first = cal.days[cal.weekends[k][0]].date
    return first - dt.timedelta(days=first.weekday() - 5)
