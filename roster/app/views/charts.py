"""The charts (plotly): coverage against demand, a day's intervals, fairness and hours per person,
and the solve's progress."""

from __future__ import annotations

from typing import Any

import pandas as pd

from roster.model.scenario import Scenario


def coverage_heatmap(scenario: Scenario, frame: pd.DataFrame, title: str = "") -> Any:
    """People minus seats per shift/role (rows) and day (columns): red short, blue over."""
    import plotly.graph_objects as go

    if frame.empty:
        return go.Figure()
    frame = frame.assign(row=frame["shift"] + frame["role"].map(lambda r: f" {r}" if r else ""),
                         balance=frame["have"] - frame["min"])
    table = frame.pivot_table(index="row", columns="date", values="balance", aggfunc="sum")
    limit = max(1, int(table.abs().max().max()))
    fig = go.Figure(go.Heatmap(z=table.values, x=[str(d) for d in table.columns],
                               y=list(table.index), zmin=-limit, zmax=limit, colorscale="RdBu",
                               hovertemplate="%{y} %{x}: %{z:+d}<extra></extra>"))
    # dates as written (2026-12-06), in either language
    fig.update_layout(title=title, height=120 + 28 * len(table.index),
                      margin=dict(l=10, r=10, t=40, b=10), xaxis=dict(type="category"))
    return fig


def interval_chart(figures: list, title: str = "", names: dict[str, str] | None = None,
                   breaks: list[int] | None = None) -> Any:
    """The demand curve and the staffed curve of one day (steps per interval), with the service
    level each interval reaches on a second axis when the forecast gives calls; the intervals short
    as red bars from the people on the floor up to the need, and ``breaks`` (people on break per
    interval) as bars of their own."""
    import plotly.graph_objects as go

    w = {"needed": "needed", "staffed": "on the floor", "sl": "service level", "time": "interval",
         "people": "people", **(names or {})}
    x = [f.interval for f in figures]
    fig = go.Figure()
    fig.add_scatter(name=w["needed"], x=x, y=[f.needed for f in figures],
                    line=dict(shape="hv", color="#C00000", dash="dash"))
    fig.add_scatter(name=w["staffed"], x=x, y=[f.scheduled for f in figures],
                    line=dict(shape="hv", color="#2F5597"),
                    fill="tozeroy", fillcolor="rgba(47,85,151,0.15)")
    short = [f for f in figures if f.scheduled < f.needed]
    if short:  # the intervals short, in red
        fig.add_bar(name=w.get("short", "short"), x=[f.interval for f in short],
                    y=[f.needed - f.scheduled for f in short],
                    base=[f.scheduled for f in short], marker=dict(color="rgba(192,0,0,0.45)"),
                    width=0.9)
    if breaks is not None and any(breaks):
        fig.add_bar(name=w.get("on_break", "on break"), x=x, y=breaks,
                    marker=dict(color="#ED7D31"), width=0.5)
    if any(f.service_level is not None for f in figures):
        levels = [None if f.service_level is None else round(100 * f.service_level, 1)
                  for f in figures]
        fig.add_scatter(name=w["sl"], x=x, y=levels, yaxis="y2", mode="lines+markers",
                        line=dict(color="#70AD47", width=1), marker=dict(size=4))
        fig.update_layout(yaxis2=dict(title="%", overlaying="y", side="right", range=[0, 105],
                                      dtick=20, showgrid=False))
    fig.update_layout(title=title, height=380, margin=dict(l=10, r=10, t=50, b=10),
                      hovermode="x unified", xaxis=dict(title=w["time"], type="category"),
                      yaxis=dict(title=w["people"], rangemode="tozero"),
                      legend=dict(orientation="h", y=-0.2))
    return fig


def fairness_bars(frame: pd.DataFrame, title: str = "", names: dict[str, str] | None = None) -> Any:
    """Nights, weekends worked (Saturday/Sunday pairs, as the weekend rules count them) and
    holidays per person, side by side."""
    import plotly.graph_objects as go

    fig = go.Figure()
    who = frame["staff_id"] + " " + frame["name"].fillna("")
    for col in ("nights", "weekends", "holidays"):
        fig.add_bar(name=(names or {}).get(col, col), x=who, y=frame[col])
    fig.update_layout(barmode="group", title=title, height=360, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def hours_bars(frame: pd.DataFrame, title: str = "", names: dict[str, str] | None = None) -> Any:
    """Hours worked per person against the contract hours."""
    import plotly.graph_objects as go

    who = frame["staff_id"] + " " + frame["name"].fillna("")
    fig = go.Figure()
    fig.add_bar(name=(names or {}).get("hours", "hours"), x=who, y=frame["hours"])
    fig.add_scatter(name=(names or {}).get("contract", "contract"), x=who, y=frame["contract"],
                    mode="markers", marker=dict(symbol="line-ew-open", size=24, line=dict(width=3)))
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=40, b=10))
    return fig


BOUND_SOURCES = ("cp-sat", "column generation")
"""Where a bound on the cost comes from (``Progress.source``)."""


def progress_frame(points: list, names: dict[str, str]) -> pd.DataFrame:
    """Objective and bounds over time, indexed by seconds: one bound column per source, named by
    ``names`` (keys ``objective`` and each of ``BOUND_SOURCES``), each carried forward until the
    next value."""
    rows = []
    for p in sorted(points, key=lambda x: x.seconds):
        row: dict[str, Any] = {"s": round(p.seconds, 3)}
        if p.objective is not None and p.objective != float("inf"):
            row[names["objective"]] = p.objective
        row[names[getattr(p, "source", "cp-sat")]] = p.bound
        rows.append(row)
    columns = [names["objective"], *(names[s] for s in BOUND_SOURCES)]
    frame = pd.DataFrame(rows, columns=["s", *columns]).groupby("s").last().ffill()
    return frame[[c for c in columns if frame[c].notna().any()]]
