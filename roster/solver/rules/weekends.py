"""Weekends worked (a weekend counts when Saturday or Sunday is worked): over the horizon and per
month."""

from __future__ import annotations

import datetime as dt

from ...model.rule_names import Rule
from ...model.scenario import Scenario, limit_value, limit_weight
from ..context import Context, Label
from ..history import before
from ..relax import rule_of, set_person_rule, staff_of
from .family import Family, Offer, Scope


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
                label = Label(Rule.WEEKENDS, (sid,), f"{sid}: at most {total:g} weekends worked",
                              f"{sid}: 上班周末不超过 {total:g} 个")
                ctx.at_most(sum(live), int(total), limit_weight(rules.max_weekends), Rule.WEEKENDS,
                            label)
        if monthly is not None:
            # weekends of the month already worked in the history (by their Saturday)
            worked = [cal.start + dt.timedelta(days=d) for d in before(ctx, p)]
            past = {x - dt.timedelta(days=x.weekday() - 5) for x in worked if x.weekday() >= 5}
            for (year, month), ks in cal.weekend_months.items():
                done = {sat for sat in past if (sat.year, sat.month) == (year, month)}
                live = [wes[k] for k in ks if wes[k] is not None and _saturday(cal, k) not in done]
                if len(live) + len(done) > monthly:
                    label = Label(Rule.WEEKENDS_MONTH, (sid, year, month),
                                  f"{sid}: at most {monthly:g} weekends worked in "
                                  f"{year}-{month:02d}",
                                  f"{sid}: {year}年{month}月上班周末不超过 {monthly:g} 个")
                    ctx.at_most(sum(live), int(monthly) - len(done),
                                limit_weight(rules.max_weekends_per_month), Rule.WEEKENDS, label)


def _saturday(cal, k: int) -> dt.date:
    first = cal.days[cal.weekends[k][0]].date
    return first - dt.timedelta(days=first.weekday() - 5)


def repairs(sc: Scenario, ctx: Context, lb: Label, add: Offer) -> None:
    """One more weekend worked for the person (over the horizon or a month)."""
    sid = staff_of(sc, lb)
    if sid is None:
        return
    name = "max_weekends" if lb.family == Rule.WEEKENDS else "max_weekends_per_month"
    now = rule_of(sc, sid, name) or 0
    add(f"{sid}: up to {now + 1:g} weekends worked instead of {now:g}",
        f"{sid}：上班周末上限由 {now:g} 增为 {now + 1:g}", 1, set_person_rule(sid, name, now + 1))


FAMILY = Family(
    Rule.WEEKENDS, add, Scope.PERSON, hard=True,
    terms=(Rule.WEEKENDS,),
    violations=(Rule.WEEKENDS,),
    labels=(Rule.WEEKENDS, Rule.WEEKENDS_MONTH),
    words={Rule.WEEKENDS: ("weekends worked", "上班周末数"),
           Rule.WEEKENDS_MONTH: ("weekends worked a month", "每月上班周末数")},
    repairs=repairs,
    person_search=True,
)
