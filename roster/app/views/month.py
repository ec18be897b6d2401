"""The month grid: people as rows, days as columns, with changes, pins, patterns, teams, totals and
a coverage row per shift; its legend, its weeks and who it shows."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd

from roster.io.cells import leave_by_day
from roster.model.calendar import Calendar, Day
from roster.model.counting import seat_counts
from roster.model.demand import seats_table
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .cells import (
    CHANGED_BG,
    DEVIATION,
    ENGLISH,
    LEAVE_BG,
    SHORT_BG,
    break_texts,
    dates_from,
    day_background,
    pattern_marks,
    pinned_cells,
    post_codes,
    shift_colours,
    team_colours,
)
from .hours import hours_frame

GRID_PAGE = 100
"""People on one page of the month grid (large centres page through it)."""


def month_grid(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
               leave_mark: str = "L") -> pd.DataFrame:
    """People as rows, days as columns; a cell holds the shift code (``/post`` when on post duty,
    by the post's short code), ``leave_mark`` on a day of leave, or "" when off."""
    cal = calendar or Calendar(scenario)
    short = post_codes(scenario)
    cells: dict[tuple[str, dt.date], str] = {}
    for a in roster:
        code = a.shift + (f"/{short.get(a.post, a.post)}" if a.post else "")
        key = (a.staff, a.date)
        cells[key] = f"{cells[key]}+{code}" if key in cells else code
    away = leave_by_day(scenario, roster)
    rows = []
    for p in scenario.staff:
        rows.append([cells.get((p.id, d.date)) or (leave_mark if (p.id, d.date) in away else "")
                     for d in cal.days])
    return pd.DataFrame(rows, index=[p.label for p in scenario.staff],
                        columns=[d.date for d in cal.days])


def month_grid_html(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
                    leave_mark: str = "L", weekday_names: tuple[str, ...] | None = None,
                    previous: Roster | None = None, people: list[str] | None = None,
                    words: dict[str, str] | None = None, totals: bool = True,
                    table_id: str = "roster-grid",
                    days: tuple[dt.date, dt.date] | None = None, pins_shown: bool = True,
                    overtime_shown: bool = True, patterns_shown: bool = True) -> str:
    """The month grid as an HTML table: shift codes in colour, leave marked, pinned cells outlined,
    weekends and holidays shaded, cells changed since ``previous`` highlighted (hover: what it was);
    a totals column per person (shifts, nights, weekends, hours, overtime) and a coverage row per
    shift (have / need, red when short). ``people``: the staff ids to show (all by default);
    ``days``: the first and last date to show (a week, say; the totals then count those days).
    ``pins_shown`` / ``overtime_shown``: False leaves out the pin outlines / the overtime total.
    With rotations, each cell a pattern judges carries ``data-pattern`` (its shift or ``off``) and
    names it on hover; a cell off its pattern gets a red corner and ``data-deviation`` (hover:
    "pattern: N, rostered: D"; ``patterns_shown``: False leaves both out). Each team has a colour,
    a stripe at the left of its members' names."""
    w = {**ENGLISH, **(words or {})}
    cal = calendar or Calendar(scenario)
    grid = month_grid(scenario, roster, cal, leave_mark)
    marks = pattern_marks(scenario, roster, cal) if patterns_shown else {}
    crews = team_colours(scenario)
    colours = shift_colours(scenario)
    away = leave_by_day(scenario, roster)
    pins = pinned_cells(scenario) if pins_shown else set()
    breaks = break_texts(scenario, roster)
    was = {(s, d): old for s, d, old, _ in previous.diff(roster)} if previous is not None else {}
    names = weekday_names or tuple(d[:2].title()
                                   for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    sticky = "position:sticky;left:0;background:#fff;text-align:left;white-space:nowrap"
    shown = [d for d in cal.days if days is None or days[0] <= d.date <= days[1]]
    wanted_days = {d.date for d in shown}
    leave_type = {(lv.staff, x): lv.type for lv in scenario.leave
                  for x in dates_from(lv.start, lv.end)}
    head = [f'<th style="{sticky}"></th>']
    for d in shown:
        bg = day_background(d)
        style = f"background:{bg};" if bg else ""
        title = html.escape(" ".join(x for x in (w.get(d.type.value, d.type.value),
                                                 d.holiday_name or "") if x))
        head.append(f'<th style="{style}padding:2px 4px" title="{title}">{d.date.day}<br>'
                    f'<small>{names[d.date.weekday()]}</small></th>')
    sums = None
    if totals and days is None:
        sums = hours_frame(scenario, roster, cal).set_index("staff_id")
    elif totals:  # a week's totals count that week, against its share of the contract hours
        in_view = Roster.of(a for a in roster if a.date in wanted_days)
        sums = hours_frame(scenario, in_view, cal).set_index("staff_id")
        share = len(shown) / max(1, len(cal.days))
        sums["contract"] = [None if c is None else c * share for c in sums["contract"]]
        sums["overtime"] = [round(max(0.0, h - c), 1) if c is not None else 0.0
                            for h, c in zip(sums["hours"], sums["contract"], strict=True)]
    total_cols = ("shifts", "nights", "weekends", "hours", "overtime")[
        :None if overtime_shown else -1]
    if totals:
        rule = ";border-left:2px solid #999"
        head += [f'<th class="total" style="padding:2px 6px{rule if i == 0 else ""}">'
                 f"{html.escape(w[c])}</th>" for i, c in enumerate(total_cols)]
    wanted = set(people) if people is not None else None
    body = []
    for p, (_, row) in zip(scenario.staff, grid.iterrows(), strict=True):
        if wanted is not None and p.id not in wanted:
            continue
        stripe, team = "", ""
        if p.team in crews:
            stripe = f";box-shadow:inset 5px 0 0 {crews[p.team]};padding-left:9px"
            team = (f' data-team="{html.escape(p.team)}"'
                    f' title="{html.escape(w["team"])} {html.escape(p.team)}"')
        tds = [f'<th style="{sticky}{stripe}"{team}>{html.escape(p.label)}</th>']
        for d, code in zip(cal.days, row, strict=True):
            if d.date not in wanted_days:
                continue
            shift = code.split("/")[0].split("+")[0]
            style = ["text-align:center", "padding:2px 4px", "min-width:1.8em"]
            if shift in colours:
                style += [f"color:{colours[shift]}", "font-weight:600"]
            key = (p.id, d.date)
            if key in was:
                style.append(f"background:{CHANGED_BG}")
            elif key in away and not code.startswith(tuple(colours)):
                style.append(f"background:{LEAVE_BG}")
            elif day_background(d):
                style.append(f"background:{day_background(d)}")
            if key in pins:
                style.append("outline:2px solid #333;outline-offset:-2px")
            sh = scenario.shift_by_id.get(shift)
            pause = breaks.get(key)
            if sh:
                what = f"{code} {sh.label} {sh.times_text()}"
                what += f", {w['break']} {pause}" if pause else ""
            else:
                what = (f"{w['leave']} {leave_type.get(key, '')}".strip() if key in away
                        else w["off"])
            tip = f"{p.label} {d.date} {names[d.date.weekday()]}: {what}"
            if key in was:
                tip += f" ({w['was']} {was[key] or w['off']})"
            attrs = ' data-changed="1"' if key in was else ""
            if key in marks:
                want, got = (x or w["off"] for x in marks[key])
                attrs += f' data-pattern="{html.escape(marks[key][0] or "off")}"'
                if marks[key][0] != marks[key][1]:
                    attrs += ' data-deviation="1"'
                    tip += f" — {w['pattern']}: {want}, {w['rostered']}: {got}"
                    style.append("background-image:"
                                 f"linear-gradient(225deg,{DEVIATION} 0 6px,transparent 6px)")
                else:
                    tip += f" — {w['pattern']}: {want}"
            tds.append(f'<td data-staff="{html.escape(p.id)}" data-date="{d.date}"{attrs} '
                       f'title="{html.escape(tip)}" '
                       f'style="{";".join(style)}">{html.escape(code)}</td>')
        if sums is not None:
            r = sums.loc[p.id]
            for i, c in enumerate(total_cols):
                v = r[c]
                text = "" if v is None or v != v else (f"{v:g}" if isinstance(v, float) else str(v))
                style = ("text-align:right;padding:2px 6px"
                         + (";border-left:2px solid #999" if i == 0 else ""))
                if c == "overtime" and v and v > 0:
                    style += ";color:#c00;font-weight:600"
                tds.append(f'<td class="total" data-total="{c}" style="{style}">{text}</td>')
        body.append("<tr>" + "".join(tds) + "</tr>")
    foot = _coverage_rows(scenario, roster, cal, w, shown) if totals else ""
    return ('<div style="overflow-x:auto"><table id="' + table_id
            + '" style="border-collapse:collapse;font-size:13px">'
            f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody>{foot}'
            "</table></div>")


def grid_legend_html(scenario: Scenario, words: dict[str, str] | None = None) -> str:
    """The grid's legend for rotations and teams (empty without them): the red corner of a cell off
    its pattern, and each team's colour."""
    w = {**ENGLISH, **(words or {})}
    parts = []
    if scenario.rotations:
        corner = ("display:inline-block;width:1.4em;height:1.1em;border:1px solid #bbb;"
                  "vertical-align:middle;"
                  f"background-image:linear-gradient(225deg,{DEVIATION} 0 6px,transparent 6px)")
        parts.append(f'<span id="legend-deviation"><span style="{corner}"></span> '
                     f'{html.escape(w["deviation"])}</span>')
    labels = {t.id: t.label for t in scenario.teams}
    for team, colour in team_colours(scenario).items():
        swatch = (f"display:inline-block;width:0.8em;height:0.8em;background:{colour};"
                  "vertical-align:middle")
        parts.append(f'<span data-legend-team="{html.escape(team)}"><span style="{swatch}"></span> '
                     f"{html.escape(w['team'])} {html.escape(labels.get(team, team))}</span>")
    if not parts:
        return ""
    return f'<div id="grid-legend" style="font-size:13px;color:#555">{" &nbsp; ".join(parts)}</div>'


def coverage_by_shift(scenario: Scenario, roster: Roster, calendar: Calendar | None = None
                      ) -> dict[tuple[dt.date, str], tuple[int, int]]:
    """(date, shift) → (people on it, seats needed: the all-roles minimum, or the roles' minimums
    added)."""
    cal = calendar or Calendar(scenario)
    have = {(cal.days[d].date, shift): n
            for (d, shift, role), n in seat_counts(scenario, roster, cal).items() if role is None}
    need_all: dict[tuple[dt.date, str], int] = {}
    need_roles: dict[tuple[dt.date, str], int] = {}
    for (day, shift, role), seats in seats_table(scenario, cal).items():
        key = (cal.days[day].date, shift)
        if role is None:
            need_all[key] = seats.min
        else:
            need_roles[key] = need_roles.get(key, 0) + seats.min
    keys = set(need_all) | set(need_roles) | set(have)
    return {k: (have.get(k, 0), max(need_all.get(k, 0), need_roles.get(k, 0))) for k in keys}


def _coverage_rows(scenario: Scenario, roster: Roster, cal: Calendar, w: dict[str, str],
                   shown: list[Day] | None = None) -> str:
    cov = coverage_by_shift(scenario, roster, cal)
    rows = []
    for s in scenario.shifts:
        if not any(cov.get((d.date, s.id), (0, 0))[1] for d in cal.days):
            continue
        tds = ['<th style="position:sticky;left:0;background:#fff;text-align:left;'
               f'white-space:nowrap">{html.escape(s.id)} {html.escape(w["coverage"])}</th>']
        for d in shown if shown is not None else cal.days:
            have, need = cov.get((d.date, s.id), (0, 0))
            short = have < need
            style = "text-align:center;padding:2px 2px;font-size:11px;color:#555" + (
                f";background:{SHORT_BG};color:#a00;font-weight:600" if short else "")
            text = f"{have}/{need}" if need or have else ""
            flag = ' data-short="1"' if short else ""
            tds.append(f'<td data-coverage="{html.escape(s.id)}" data-date="{d.date}"{flag} '
                       f'style="{style}">{text}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f'<tfoot style="border-top:2px solid #999">{"".join(rows)}</tfoot>' if rows else ""


def weeks(scenario: Scenario) -> list[tuple[dt.date, dt.date]]:
    """The horizon's weeks (Monday to Sunday, cut at the horizon's ends) as first and last date."""
    out: list[tuple[dt.date, dt.date]] = []
    day, end = scenario.horizon.start, scenario.horizon.end
    while day <= end:
        last = min(end, day + dt.timedelta(days=6 - day.weekday()))
        out.append((day, last))
        day = last + dt.timedelta(days=1)
    return out


def filter_staff(scenario: Scenario, role: str | None = None, text: str = "",
                 team: str | None = None) -> list[str]:
    """Staff ids with ``role`` among their roles, in ``team``, and ``text`` in their id or name."""
    text = text.strip().lower()
    return [p.id for p in scenario.staff if (role is None or role in p.roles)
            and (team is None or p.team == team) and (not text or text in p.label.lower())]
