"""How a roster is shown: the month grid, one day, coverage against demand, fairness, hours."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pandas as pd

from roster.io.cells import leave_by_day
from roster.model.calendar import Calendar, Day
from roster.model.demand import seats_table
from roster.model.roster import Roster
from roster.model.scenario import Scenario, limit_value
from roster.reports.summary import person_summary

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948", "#9c755f",
           "#ff9da7", "#bab0ac")
WEEKEND_BG = "#eef3fa"
HOLIDAY_BG = "#fde9dc"
LEAVE_BG = "#e8e8e8"


def shift_colours(scenario: Scenario) -> dict[str, str]:
    """A fixed colour per shift id, in the order the scenario lists them."""
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(scenario.shifts)}


def pinned_cells(scenario: Scenario) -> set[tuple[str, dt.date]]:
    return {(f.staff, f.date) for f in scenario.fixed}


def month_grid(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
               leave_mark: str = "L") -> pd.DataFrame:
    """People as rows, days as columns; a cell holds the shift code (``/post`` when on post duty),
    ``leave_mark`` on a day of leave, or "" when off."""
    cal = calendar or Calendar(scenario)
    cells: dict[tuple[str, dt.date], str] = {}
    for a in roster:
        code = a.shift + (f"/{a.post}" if a.post else "")
        key = (a.staff, a.date)
        cells[key] = f"{cells[key]}+{code}" if key in cells else code
    away = leave_by_day(scenario, roster)
    rows = []
    for p in scenario.staff:
        rows.append([cells.get((p.id, d.date)) or (leave_mark if (p.id, d.date) in away else "")
                     for d in cal.days])
    return pd.DataFrame(rows, index=[p.label for p in scenario.staff], columns=[d.date for d in cal.days])


def _day_bg(day: Day) -> str | None:
    if day.is_holiday:
        return HOLIDAY_BG
    if not day.is_workday:
        return WEEKEND_BG
    return None


def month_grid_html(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
                    leave_mark: str = "L", weekday_names: tuple[str, ...] | None = None) -> str:
    """The month grid as an HTML table: shift codes in colour, leave marked, pinned cells outlined,
    weekends and holidays shaded."""
    cal = calendar or Calendar(scenario)
    grid = month_grid(scenario, roster, cal, leave_mark)
    colours = shift_colours(scenario)
    away = leave_by_day(scenario, roster)
    pins = pinned_cells(scenario)
    names = weekday_names or tuple(d[:2].title() for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    head = ['<th style="position:sticky;left:0;background:#fff;text-align:left"></th>']
    for d in cal.days:
        bg = _day_bg(d)
        style = f"background:{bg};" if bg else ""
        title = html.escape(d.holiday_name or d.type.value)
        head.append(f'<th style="{style}padding:2px 4px" title="{title}">{d.date.day}<br>'
                    f'<small>{names[d.date.weekday()]}</small></th>')
    body = []
    for p, (_, row) in zip(scenario.staff, grid.iterrows(), strict=True):
        tds = [f'<th style="position:sticky;left:0;background:#fff;text-align:left;white-space:nowrap">'
               f'{html.escape(p.label)}</th>']
        for d, code in zip(cal.days, row, strict=True):
            shift = code.split("/")[0].split("+")[0]
            style = ["text-align:center", "padding:2px 4px", "min-width:1.8em"]
            if shift in colours:
                style += [f"color:{colours[shift]}", "font-weight:600"]
            if (p.id, d.date) in away and not code.startswith(tuple(colours)):
                style.append(f"background:{LEAVE_BG}")
            elif _day_bg(d):
                style.append(f"background:{_day_bg(d)}")
            if (p.id, d.date) in pins:
                style.append("outline:2px solid #333;outline-offset:-2px")
            tds.append(f'<td data-staff="{html.escape(p.id)}" data-date="{d.date}" style="{";".join(style)}">'
                       f"{html.escape(code)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return ('<div style="overflow-x:auto"><table id="roster-grid" style="border-collapse:collapse;font-size:13px">'
            f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def coverage(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> pd.DataFrame:
    """Seats against people per (date, shift, role): min, max, have, short, over."""
    cal = calendar or Calendar(scenario)
    have: dict[tuple[dt.date, str, str | None], int] = {}
    for a in roster:
        have[(a.date, a.shift, a.role)] = have.get((a.date, a.shift, a.role), 0) + 1
        have[(a.date, a.shift, None)] = have.get((a.date, a.shift, None), 0) + 1
    rows = []
    for (day, shift, role), seats in sorted(seats_table(scenario, cal).items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                                                              kv[0][2] or "")):
        date = cal.days[day].date
        n = have.get((date, shift, role), 0)
        rows.append({"date": date, "shift": shift, "role": role or "", "min": seats.min, "max": seats.max,
                     "have": n, "short": max(0, seats.min - n),
                     "over": max(0, n - seats.max) if seats.max is not None else 0})
    return pd.DataFrame(rows, columns=["date", "shift", "role", "min", "max", "have", "short", "over"])


def day_view(scenario: Scenario, roster: Roster, date: dt.date) -> pd.DataFrame:
    """Who works on one day: one row per shift and seat, with the people's names."""
    rows: dict[tuple[str, str], list[str]] = {}
    for a in roster:
        if a.date == date:
            person = scenario.staff_by_id.get(a.staff)
            name = person.label if person else a.staff
            if a.post:
                name += f" [{a.post}]"
            rows.setdefault((a.shift, a.role or ""), []).append(name)
    order = {s.id: i for i, s in enumerate(scenario.shifts)}
    out = []
    for (shift, role), people in sorted(rows.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][1])):
        s = scenario.shift_by_id.get(shift)
        out.append({"shift": shift, "times": s.times_text() if s else "", "role": role, "count": len(people),
                    "staff": ", ".join(people)})
    return pd.DataFrame(out, columns=["shift", "times", "role", "count", "staff"])


def contract_hours(scenario: Scenario, calendar: Calendar | None = None) -> dict[str, float | None]:
    """Hours each person may work over the horizon: ``max_hours_total``, else the weekly limit pro rata."""
    cal = calendar or Calendar(scenario)
    out: dict[str, float | None] = {}
    for p in scenario.staff:
        rules = scenario.rules_for(p.id)
        total = limit_value(rules.max_hours_total)
        weekly = limit_value(rules.max_hours_per_week)
        out[p.id] = total if total is not None else (weekly * len(cal) / 7 if weekly is not None else None)
    return out


def hours_frame(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> pd.DataFrame:
    """Per person: shifts, nights, weekends, holidays, hours and the contract hours."""
    cal = calendar or Calendar(scenario)
    frame = person_summary(scenario, roster, cal)
    limits = contract_hours(scenario, cal)
    frame["contract"] = [limits.get(s) for s in frame["staff_id"]]
    return frame


def diff_frame(scenario: Scenario, before: Roster, after: Roster) -> pd.DataFrame:
    """Cells that changed between two rosters: staff, date, before, after ("" = off)."""
    rows = []
    for staff, date, old, new in before.diff(after):
        person = scenario.staff_by_id.get(staff)
        rows.append({"staff": person.label if person else staff, "date": date, "before": old or "",
                     "after": new or ""})
    return pd.DataFrame(rows, columns=["staff", "date", "before", "after"])


# ---- charts (plotly) ------------------------------------------------------------
def coverage_heatmap(scenario: Scenario, frame: pd.DataFrame, title: str = "") -> Any:
    """People minus seats per shift/role (rows) and day (columns): red short, blue over."""
    import plotly.graph_objects as go

    if frame.empty:
        return go.Figure()
    frame = frame.assign(row=frame["shift"] + frame["role"].map(lambda r: f" {r}" if r else ""),
                         balance=frame["have"] - frame["min"])
    table = frame.pivot_table(index="row", columns="date", values="balance", aggfunc="sum")
    limit = max(1, int(table.abs().max().max()))
    fig = go.Figure(go.Heatmap(z=table.values, x=[str(d) for d in table.columns], y=list(table.index),
                               zmin=-limit, zmax=limit, colorscale="RdBu",
                               hovertemplate="%{y} %{x}: %{z:+d}<extra></extra>"))
    fig.update_layout(title=title, height=120 + 28 * len(table.index), margin=dict(l=10, r=10, t=40, b=10))
    return fig


def fairness_bars(frame: pd.DataFrame, title: str = "") -> Any:
    """Nights, weekends and holidays per person, side by side."""
    import plotly.graph_objects as go

    fig = go.Figure()
    who = frame["staff_id"] + " " + frame["name"].fillna("")
    for col in ("nights", "weekends", "holidays"):
        fig.add_bar(name=col, x=who, y=frame[col])
    fig.update_layout(barmode="group", title=title, height=360, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def hours_bars(frame: pd.DataFrame, title: str = "") -> Any:
    """Hours worked per person against the contract hours."""
    import plotly.graph_objects as go

    who = frame["staff_id"] + " " + frame["name"].fillna("")
    fig = go.Figure()
    fig.add_bar(name="hours", x=who, y=frame["hours"])
    fig.add_scatter(name="contract", x=who, y=frame["contract"], mode="markers",
                    marker=dict(symbol="line-ew-open", size=24, line=dict(width=3)))
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=40, b=10))
    return fig
