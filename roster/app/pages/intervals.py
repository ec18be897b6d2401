"""Per-interval demand: a day's demand curve against the people on the floor."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from roster.reports.intervals import day_figures, interval_figures, percent, worst_text

from .. import views
from .common import lang, tr


def _interval_figures(sc, result) -> list:
    """The interval figures of the roster shown (kept while the roster stays the same)."""
    ss = st.session_state
    key = (id(sc), id(result.roster))
    if ss.get("interval_figures_key") != key:
        ss["interval_figures"] = interval_figures(sc, result.roster)
        ss["interval_figures_key"] = key
    return ss["interval_figures"]


def _weekday_letters() -> str:
    return "一二三四五六日" if lang() == "zh" else "MTWTFSS"


def interval_panel(result) -> None:
    """Per-interval demand: a day's demand curve against the people on the floor, and its service
    level."""
    ss = st.session_state
    sc = ss["scenario"]
    if not sc.interval_lines:
        return
    figures = _interval_figures(sc, result)
    if not figures:
        return
    st.subheader(tr("intervals"), anchor=False, help=tr("interval_help"))
    lines = [i for i, _ in sc.interval_lines if any(f.line == i for f in figures)]
    c1, c2 = st.columns([1, 2])
    role = {i: sc.demand[i].role or "all" for i in lines}
    line = lines[0]
    if len(lines) > 1:
        line = c2.radio(tr("interval_line"), lines,
                        format_func=lambda i: (sc.role_by_id[role[i]].label
                                               if role[i] in sc.role_by_id else role[i]),
                        horizontal=True, key="interval_line")
    dates = sorted({f.date for f in figures if f.line == line})
    day = c1.selectbox(tr("interval_day"), dates, key="interval_day",
                       format_func=lambda d: f"{d} {_weekday_letters()[d.weekday()]}")
    rows = [f for f in figures if f.line == line and f.date == day]
    (summary,) = day_figures(sc, rows)
    m1, m2, m3 = st.columns(3)
    m1.metric(tr("day_sl"), percent(summary.service_level),
              help=(tr("day_target", target=f"{summary.target:.0%}")
                    if summary.target is not None else None))
    m2.metric(tr("intervals_short"), f"{summary.short_intervals} / {summary.intervals}")
    m3.metric(tr("worst_interval"), worst_text(summary) or "—")
    who = sc.role_by_id[role[line]].label if role[line] in sc.role_by_id else role[line]
    names = {k: tr(f"interval_{k}")
             for k in ("needed", "staffed", "sl", "time", "people", "short", "on_break")}
    title = tr("interval_chart", role=who, date=day, sl=percent(summary.service_level))
    for w in _all_on_break(sc, result):
        # a night's breaks fall on the next day
        if w["date"] == day or w["date"] == day - dt.timedelta(days=1):
            st.warning(tr("all_on_break", **w))
    breaks = views.on_break(sc, result.roster, rows)
    st.plotly_chart(views.interval_chart(rows, title, names, breaks=breaks),
                    width="stretch", key="chart_intervals")


def _all_on_break(sc, result) -> list:
    """Shifts whose people all break at once (kept while the roster stays the same)."""
    ss = st.session_state
    key = (id(sc), id(result.roster))
    if ss.get("all_on_break_key") != key:
        ss["all_on_break"] = views.all_on_break(sc, result.roster)
        ss["all_on_break_key"] = key
    return ss["all_on_break"]


def break_warnings(result) -> None:
    """One line per shift whose people are all on break at once, at the top of the roster."""
    ss = st.session_state
    found = _all_on_break(ss["scenario"], result)
    if found:
        st.warning(tr("all_on_break_n", n=len(found)) + "  \n" + "  \n".join(
            tr("all_on_break", **w) for w in found[:10]) + ("  \n…" if len(found) > 10 else ""))
