"""How a roster is shown: the month grid, one day, coverage against demand, fairness, hours."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pandas as pd

from roster.io.balances import opening_balances
from roster.io.breaks import break_text
from roster.io.cells import first_by_day, leave_by_day
from roster.model.availability import why_not
from roster.model.calendar import Calendar, Day
from roster.model.counting import seat_counts
from roster.model.demand import seats_table
from roster.model.intervals import break_minute
from roster.model.ledger import ledger_and_overdraws
from roster.model.roster import Roster
from roster.model.rotations import pattern_cells
from roster.model.scenario import Scenario, limit_value
from roster.reports.summary import person_summary

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948", "#9c755f",
           "#ff9da7", "#bab0ac")
WEEKEND_BG = "#eef3fa"
HOLIDAY_BG = "#fde9dc"
LEAVE_BG = "#e8e8e8"
CHANGED_BG = "#fff3b0"
SHORT_BG = "#f8d0d0"
DEVIATION = "#d62728"
"""Colour of the corner mark on a cell off its rotation pattern."""
TEAM_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")
"""Team colours: a stripe at the left of each member's name in the grid."""
GRID_PAGE = 100
"""People on one page of the month grid (large centres page through it)."""
WORDS = ("shifts", "nights", "weekends", "weekend_days", "holidays", "hours", "contract", "overtime", "coverage",
         "was", "off", "leave", "legend", "signature", "checked", "printed", "total", "staff", "taken", "left", "workday", "weekend", "holiday", "in_lieu", "adjusted_workday", "break",
         "pattern", "rostered", "deviation", "team")
"""Words the grid and the printed roster use (the app passes them in its language)."""
ENGLISH = {"shifts": "Shifts", "nights": "Nights", "weekends": "Weekends", "weekend_days": "Weekend days",
           "holidays": "Holidays", "hours": "Hours", "contract": "Contract", "overtime": "Over contract",
           "coverage": "have / need", "was": "was", "off": "off", "leave": "leave", "legend": "Legend",
           "signature": "Prepared by", "checked": "Approved by", "printed": "Date", "total": "Total",
           "staff": "Staff", "taken": "days taken", "left": "left", "workday": "workday", "weekend": "weekend",
           "holiday": "holiday", "in_lieu": "rest day in lieu", "adjusted_workday": "adjusted workday",
           "break": "break", "pattern": "pattern", "rostered": "rostered",
           "deviation": "off its rotation pattern (hover: the pattern's cell)", "team": "team"}


def shift_colours(scenario: Scenario) -> dict[str, str]:
    """A fixed colour per shift id, in the order the scenario lists them."""
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(scenario.shifts)}


def team_colours(scenario: Scenario) -> dict[str, str]:
    """A fixed colour per team: the scenario's ``teams`` in order, then teams only staff name."""
    order = [t.id for t in scenario.teams]
    order += [p.team for p in scenario.staff if p.team and p.team not in order]
    order = list(dict.fromkeys(order))
    return {team: TEAM_PALETTE[i % len(TEAM_PALETTE)] for i, team in enumerate(order)}


def pattern_marks(scenario: Scenario, roster: Roster, calendar: Calendar | None = None
                  ) -> dict[tuple[str, dt.date], tuple[str | None, str | None]]:
    """(staff, date) of each cell a rotation judges (``roster.model.rotations.pattern_cells``) →
    (the pattern's shift, the shift rostered); None is a day off. The cell is off its pattern when
    the two differ."""
    cal = calendar or Calendar(scenario)
    worked = first_by_day(roster)
    out: dict[tuple[str, dt.date], tuple[str | None, str | None]] = {}
    for cell in pattern_cells(scenario, cal):
        date = cal.days[cell.day].date
        a = worked.get((cell.staff, date))
        out[(cell.staff, date)] = (cell.shift, a.shift if a is not None else None)
    return out


def pinned_cells(scenario: Scenario) -> set[tuple[str, dt.date]]:
    return {(f.staff, f.date) for f in scenario.fixed}


def post_codes(scenario: Scenario) -> dict[str, str]:
    """A short code per post for the grid's cells: the id itself when it has at most two
    characters, else the shortest prefix (upper case) no other post has taken (``export_licence``
    → ``E``, ``consult`` after ``complaint`` → ``CO``)."""
    codes: dict[str, str] = {}
    for post in scenario.posts:
        pid = post.id
        if len(pid) <= 2:
            codes[pid] = pid
            continue
        taken = set(codes.values()) | {p.id for p in scenario.posts if len(p.id) <= 2}
        codes[pid] = next((pid[:n].upper() for n in range(1, len(pid) + 1) if pid[:n].upper() not in taken), pid)
    return codes


def break_texts(scenario: Scenario, roster: Roster) -> dict[tuple[str, dt.date], str]:
    """(staff, date) → the break the roster placed in that day's shift, as ``12:00-13:00``."""
    out = {}
    for key, a in first_by_day(roster).items():
        try:
            text = break_text(scenario, a.shift, a.break_at)
        except ValueError:  # a break time that cannot be read: the validator names it
            text = ""
        if text:
            out[key] = text
    return out


def _break_span(scenario: Scenario, cal: Calendar, a) -> tuple[int, int] | None:
    """A placed break as (start, end) in minutes from the horizon start."""
    shift = scenario.shift_by_id.get(a.shift)
    if shift is None or shift.break_rule is None or not a.break_at or a.date not in cal.index:
        return None
    try:
        start = break_minute(shift, a.break_at)
    except ValueError:
        return None
    base = cal.index[a.date] * 1440
    return base + start, base + start + shift.break_rule.minutes


def on_break(scenario: Scenario, roster: Roster, figures: list, calendar: Calendar | None = None) -> list[int]:
    """People of the figures' role on break in each interval of ``figures`` (one day of a line)."""
    cal = calendar or Calendar(scenario)
    spans = []
    for a in roster:
        span = _break_span(scenario, cal, a)
        if span is not None:
            spans.append((a.role, span))
    out = []
    for f in figures:
        end = f.start + f.minutes
        out.append(sum(1 for role, (a, b) in spans if (f.role is None or role == f.role) and a < end and f.start < b))
    return out


def all_on_break(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> list[dict[str, Any]]:
    """Shifts (date and shift, two people or more) whose people are all on break at one moment:
    nobody of that shift is left on the floor then. One entry per shift instance, with the first
    such moment (wall clock) and the head count."""
    cal = calendar or Calendar(scenario)
    groups: dict[tuple[dt.date, str], list[tuple[int, int] | None]] = {}
    for a in roster:
        shift = scenario.shift_by_id.get(a.shift)
        if shift is None or shift.break_rule is None:
            continue
        groups.setdefault((a.date, a.shift), []).append(_break_span(scenario, cal, a))
    out = []
    for (date, shift), spans in sorted(groups.items()):
        if len(spans) < 2 or any(s is None for s in spans):
            continue
        start = max(a for a, _ in spans)  # type: ignore[misc]
        if start < min(b for _, b in spans):  # type: ignore[misc]
            out.append({"date": date, "shift": shift, "people": len(spans), "at": f"{start // 60 % 24:02d}:{start % 60:02d}"})
    return out


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
    return pd.DataFrame(rows, index=[p.label for p in scenario.staff], columns=[d.date for d in cal.days])


def _day_bg(day: Day) -> str | None:
    if day.is_holiday:
        return HOLIDAY_BG
    if not day.is_workday:
        return WEEKEND_BG
    return None


def month_grid_html(scenario: Scenario, roster: Roster, calendar: Calendar | None = None,
                    leave_mark: str = "L", weekday_names: tuple[str, ...] | None = None,
                    previous: Roster | None = None, people: list[str] | None = None,
                    words: dict[str, str] | None = None, totals: bool = True, table_id: str = "roster-grid",
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
    names = weekday_names or tuple(d[:2].title() for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    sticky = "position:sticky;left:0;background:#fff;text-align:left;white-space:nowrap"
    shown = [d for d in cal.days if days is None or days[0] <= d.date <= days[1]]
    wanted_days = {d.date for d in shown}
    leave_type = {(lv.staff, x): lv.type for lv in scenario.leave for x in _days(lv.start, lv.end)}
    head = [f'<th style="{sticky}"></th>']
    for d in shown:
        bg = _day_bg(d)
        style = f"background:{bg};" if bg else ""
        title = html.escape(" ".join(x for x in (w.get(d.type.value, d.type.value), d.holiday_name or "") if x))
        head.append(f'<th style="{style}padding:2px 4px" title="{title}">{d.date.day}<br>'
                    f'<small>{names[d.date.weekday()]}</small></th>')
    sums = None
    if totals and days is None:
        sums = hours_frame(scenario, roster, cal).set_index("staff_id")
    elif totals:  # a week's totals count that week, against its share of the contract hours
        sums = hours_frame(scenario, Roster.of(a for a in roster if a.date in wanted_days), cal).set_index("staff_id")
        share = len(shown) / max(1, len(cal.days))
        sums["contract"] = [None if c is None else c * share for c in sums["contract"]]
        sums["overtime"] = [round(max(0.0, h - c), 1) if c is not None else 0.0
                            for h, c in zip(sums["hours"], sums["contract"], strict=True)]
    total_cols = ("shifts", "nights", "weekends", "hours", "overtime")[:None if overtime_shown else -1]
    if totals:
        head += [f'<th class="total" style="padding:2px 6px;border-left:2px solid #999">{html.escape(w[c])}</th>'
                 if i == 0 else f'<th class="total" style="padding:2px 6px">{html.escape(w[c])}</th>'
                 for i, c in enumerate(total_cols)]
    wanted = set(people) if people is not None else None
    body = []
    for p, (_, row) in zip(scenario.staff, grid.iterrows(), strict=True):
        if wanted is not None and p.id not in wanted:
            continue
        stripe, team = "", ""
        if p.team in crews:
            stripe = f";box-shadow:inset 5px 0 0 {crews[p.team]};padding-left:9px"
            team = f' data-team="{html.escape(p.team)}" title="{html.escape(w["team"])} {html.escape(p.team)}"'
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
            elif _day_bg(d):
                style.append(f"background:{_day_bg(d)}")
            if key in pins:
                style.append("outline:2px solid #333;outline-offset:-2px")
            sh = scenario.shift_by_id.get(shift)
            pause = breaks.get(key)
            what = f"{code} {sh.label} {sh.times_text()}" + (f", {w['break']} {pause}" if pause else "") if sh else (
                f"{w['leave']} {leave_type.get(key, '')}".strip() if key in away else w["off"])
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
                    style.append(f"background-image:linear-gradient(225deg,{DEVIATION} 0 6px,transparent 6px)")
                else:
                    tip += f" — {w['pattern']}: {want}"
            tds.append(f'<td data-staff="{html.escape(p.id)}" data-date="{d.date}"{attrs} title="{html.escape(tip)}" '
                       f'style="{";".join(style)}">{html.escape(code)}</td>')
        if sums is not None:
            r = sums.loc[p.id]
            for i, c in enumerate(total_cols):
                v = r[c]
                text = "" if v is None or v != v else (f"{v:g}" if isinstance(v, float) else str(v))
                style = "text-align:right;padding:2px 6px" + (";border-left:2px solid #999" if i == 0 else "")
                if c == "overtime" and v and v > 0:
                    style += ";color:#c00;font-weight:600"
                tds.append(f'<td class="total" data-total="{c}" style="{style}">{text}</td>')
        body.append("<tr>" + "".join(tds) + "</tr>")
    foot = _coverage_rows(scenario, roster, cal, w, shown) if totals else ""
    return ('<div style="overflow-x:auto"><table id="' + table_id + '" style="border-collapse:collapse;font-size:13px">'
            f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody>{foot}</table></div>')


def grid_legend_html(scenario: Scenario, words: dict[str, str] | None = None) -> str:
    """The grid's legend for rotations and teams (empty without them): the red corner of a cell off
    its pattern, and each team's colour."""
    w = {**ENGLISH, **(words or {})}
    parts = []
    if scenario.rotations:
        corner = (f"display:inline-block;width:1.4em;height:1.1em;border:1px solid #bbb;vertical-align:middle;"
                  f"background-image:linear-gradient(225deg,{DEVIATION} 0 6px,transparent 6px)")
        parts.append(f'<span id="legend-deviation"><span style="{corner}"></span> {html.escape(w["deviation"])}</span>')
    labels = {t.id: t.label for t in scenario.teams}
    for team, colour in team_colours(scenario).items():
        swatch = f"display:inline-block;width:0.8em;height:0.8em;background:{colour};vertical-align:middle"
        parts.append(f'<span data-legend-team="{html.escape(team)}"><span style="{swatch}"></span> '
                     f"{html.escape(w['team'])} {html.escape(labels.get(team, team))}</span>")
    if not parts:
        return ""
    return f'<div id="grid-legend" style="font-size:13px;color:#555">{" &nbsp; ".join(parts)}</div>'


def coverage_by_shift(scenario: Scenario, roster: Roster, calendar: Calendar | None = None
                      ) -> dict[tuple[dt.date, str], tuple[int, int]]:
    """(date, shift) → (people on it, seats needed: the all-roles minimum, or the roles' minimums added)."""
    cal = calendar or Calendar(scenario)
    have = {(cal.days[d].date, shift): n for (d, shift, role), n in seat_counts(scenario, roster, cal).items()
            if role is None}
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
        tds = [f'<th style="position:sticky;left:0;background:#fff;text-align:left;white-space:nowrap">'
               f'{html.escape(s.id)} {html.escape(w["coverage"])}</th>']
        for d in shown if shown is not None else cal.days:
            have, need = cov.get((d.date, s.id), (0, 0))
            short = have < need
            style = "text-align:center;padding:2px 2px;font-size:11px;color:#555" + (
                f";background:{SHORT_BG};color:#a00;font-weight:600" if short else "")
            text = f"{have}/{need}" if need or have else ""
            flag = ' data-short="1"' if short else ""
            tds.append(f'<td data-coverage="{html.escape(s.id)}" data-date="{d.date}"{flag} style="{style}">'
                       f"{text}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f'<tfoot style="border-top:2px solid #999">{"".join(rows)}</tfoot>' if rows else ""


def person_html(scenario: Scenario, roster: Roster, staff: str, words: dict[str, str] | None = None,
                weekday_names: tuple[str, ...] | None = None, calendar: Calendar | None = None) -> str:
    """One person's month as a calendar (weeks as rows): shifts with times, leave with its type, pins,
    and their figures (shifts, nights, weekends, hours against contract, overtime)."""
    w = {**ENGLISH, **(words or {})}
    cal = calendar or Calendar(scenario)
    person = scenario.staff_by_id[staff]
    names = weekday_names or ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    colours = shift_colours(scenario)
    mine = {a.date: a for a in roster if a.staff == staff}
    away = leave_by_day(scenario, roster)
    leave_type = {d: lv.type for lv in scenario.leave if lv.staff == staff for d in _days(lv.start, lv.end)}
    pins = pinned_cells(scenario)
    day = cal.days[0].date - dt.timedelta(days=cal.days[0].date.weekday())
    weeks = []
    while day <= cal.days[-1].date:
        cells = []
        for _ in range(7):
            style = "vertical-align:top;padding:4px;border:1px solid #ddd;width:14%;height:3.4em"
            text = ""
            if day in cal.index:
                bg = _day_bg(cal.day(day))
                a = mine.get(day)
                if a is not None:
                    sh = scenario.shift_by_id.get(a.shift)
                    post = f" / {html.escape(a.post)}" if a.post else ""
                    text = (f'<b style="color:{colours.get(a.shift, "#000")}">{html.escape(a.shift)}</b> '
                            f'{html.escape(sh.label if sh else "")}<br>'
                            f'<small>{html.escape(sh.times_text() if sh else "")}{post}</small>')
                elif (staff, day) in away:
                    text = f'{html.escape(w["leave"])} <small>{html.escape(leave_type.get(day, ""))}</small>'
                    bg = LEAVE_BG
                else:
                    text = f'<span style="color:#999">{html.escape(w["off"])}</span>'
                if bg:
                    style += f";background:{bg}"
                if (staff, day) in pins:
                    style += ";outline:2px solid #333;outline-offset:-2px"
            else:
                style += ";color:#ccc"
            cells.append(f'<td data-date="{day}" style="{style}"><small>{day.month}/{day.day}</small><br>{text}</td>')
            day += dt.timedelta(days=1)
        weeks.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th style="padding:4px">{n}</th>' for n in names)
    sums = hours_frame(scenario, roster, cal).set_index("staff_id").loc[staff]
    facts = [(w[c], sums[c]) for c in ("shifts", "nights", "weekends", "holidays", "hours", "contract", "overtime")]
    fact_html = " · ".join(f"{html.escape(str(k))}: <b>{_fmt(v)}</b>" for k, v in facts)
    balances = [f"{html.escape(line.type)}: {_fmt(line.taken)} {html.escape(w['taken'])}"
                + (f", {_fmt(line.closing)} {html.escape(w['left'])}" if line.closing is not None else "")
                for line in _ledger(scenario) if line.staff == staff and (line.taken or line.opening)]
    if balances:
        fact_html += f'<br>{html.escape(w["leave"])} — ' + " · ".join(balances)
    return (f'<div id="person-view"><h4 style="margin:0 0 4px 0">{html.escape(person.label)}</h4>'
            f'<p style="margin:0 0 8px 0">{fact_html}</p>'
            f'<table style="border-collapse:collapse;font-size:13px;width:100%"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(weeks)}</tbody></table></div>')


def _ledger(scenario: Scenario) -> list:
    """Leave taken and left per person and type (empty when balances cannot be worked out)."""

    try:
        return ledger_and_overdraws(scenario, opening_balances(scenario))[0]
    except Exception:  # balances kept in a file the app cannot reach, or a scenario without a policy
        return []


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return f"{round(value, 1):g}" if isinstance(value, float) else str(value)


PRINT_PAGE_PEOPLE = 40
"""Up to this many people the printed month fits one A4 landscape page; more run on over pages,
each repeating the header row."""


def print_html(scenario: Scenario, roster: Roster, words: dict[str, str] | None = None,
               weekday_names: tuple[str, ...] | None = None, calendar: Calendar | None = None,
               leave_mark: str = "L", pins_shown: bool = True, overtime_shown: bool = True) -> str:
    """The month grid laid out for paper: A4 landscape with the sheet at the page's top-left corner,
    scaled so the whole month (and the totals) fits the page's width and, up to
    ``PRINT_PAGE_PEOPLE`` people, its height; the title and period, the legend (each shift's code,
    name and times, the posts' short codes) and lines to sign on the same page. More people run on
    over pages, each repeating the header row. ``pins_shown`` / ``overtime_shown``: False leaves
    out the pin outlines / the overtime total."""
    w = {**ENGLISH, **(words or {})}
    cal = calendar or Calendar(scenario)
    grid = month_grid_html(scenario, roster, cal, leave_mark=leave_mark, weekday_names=weekday_names, words=w,
                           table_id="print-grid", pins_shown=pins_shown, overtime_shown=overtime_shown,
                           patterns_shown=False)
    colours = shift_colours(scenario)
    legend = " &nbsp; ".join(f'<b style="color:{colours[s.id]}">{html.escape(s.id)}</b> {html.escape(s.label)} '
                             f"{html.escape(s.times_text())}" for s in scenario.shifts)
    legend += f' &nbsp; <b>{html.escape(leave_mark)}</b> {html.escape(w["leave"])}'
    codes = post_codes(scenario)
    legend += "".join(f" &nbsp; <b>/{html.escape(codes[p.id])}</b> {html.escape(p.name or p.id)}"
                      for p in scenario.posts)
    sign = "".join(f'<span style="display:inline-block;width:32%">{html.escape(w[k])}: '
                   '<span style="display:inline-block;width:60%;border-bottom:1px solid #000">&nbsp;</span></span>'
                   for k in ("signature", "checked", "printed"))
    # the page: 277 x 190 mm inside 10 mm margins; title, legend and signatures take about 30 mm
    rows = min(len(scenario.staff), PRINT_PAGE_PEOPLE) + 2 + len(scenario.shifts)
    row_mm = max(2.6, min(6.0, 158 / rows))
    totals = 4 if overtime_shown else 3
    day_mm = 281 * (1 - 0.12 - 0.05 * (totals + 1)) / len(cal.days)
    longest = max((len(str(c)) for c in month_grid(scenario, roster, cal, leave_mark).to_numpy().ravel()), default=1)
    font_mm = round(min(3.0, row_mm * 0.62, day_mm / (0.62 * max(longest, 2) + 0.5)), 2)
    keep = ("#print-view, #print-view *, *:has(#print-view)")
    style = (
        "<style>@page { size: A4 landscape; margin: 8mm }"
        "@media print {"
        f" body *:not({keep}) {{ display: none !important }}"
        " *:has(#print-view) { margin: 0 !important; padding: 0 !important; position: static !important;"
        " overflow: visible !important; height: auto !important; min-height: 0 !important;"
        " max-width: none !important; width: auto !important; transform: none !important; gap: 0 !important }"
        " #print-view { width: 281mm !important; padding: 0 !important; margin: 0 !important }"
        " #print-grid thead { display: table-header-group } #print-grid tfoot { display: table-row-group }"
        " #print-grid tr { break-inside: avoid } #print-legend, #print-signatures { break-inside: avoid } }"
        f"#print-view table {{ font-size: {font_mm}mm; width: 100%; table-layout: fixed }}"
        " #print-view div { overflow: visible !important }"
        f" #print-view td, #print-view th {{ border: 1px solid #bbb; padding: 0 1px !important; min-width: 0 !important;"
        f" height: {row_mm:.2f}mm; line-height: 1.05; overflow: hidden; white-space: nowrap }}"
        " #print-view th:first-child { width: 12% } #print-view .total { width: 5% }"
        " #print-view th.total { white-space: normal; overflow-wrap: anywhere; vertical-align: bottom }</style>")
    return (style + '<div id="print-view" style="width:281mm;background:#fff;padding:2mm">'
            f'<h3 style="margin:0;font-size:4.5mm">{html.escape(scenario.name)}'
            f' <span style="font-weight:400;font-size:3.5mm">{scenario.horizon.start} .. {scenario.horizon.end}</span></h3>'
            f'{grid}<p id="print-legend" style="margin:1.5mm 0;font-size:2.8mm">{html.escape(w["legend"])}: {legend}</p>'
            f'<p id="print-signatures" style="margin:3mm 0 0 0;font-size:3.2mm">{sign}</p></div>')


def weeks(scenario: Scenario) -> list[tuple[dt.date, dt.date]]:
    """The horizon's weeks (Monday to Sunday, cut at the horizon's ends) as first and last date."""
    out: list[tuple[dt.date, dt.date]] = []
    day, end = scenario.horizon.start, scenario.horizon.end
    while day <= end:
        last = min(end, day + dt.timedelta(days=6 - day.weekday()))
        out.append((day, last))
        day = last + dt.timedelta(days=1)
    return out


def filter_staff(scenario: Scenario, role: str | None = None, text: str = "", team: str | None = None
                 ) -> list[str]:
    """Staff ids with ``role`` among their roles, in ``team``, and ``text`` in their id or name."""
    text = text.strip().lower()
    return [p.id for p in scenario.staff if (role is None or role in p.roles)
            and (team is None or p.team == team) and (not text or text in p.label.lower())]


def why_not_cell(scenario: Scenario, staff: str, date: dt.date, shift: str | None,
                 calendar: Calendar | None = None) -> str | None:
    """Why ``staff`` cannot take ``shift`` on ``date`` (leave, cannot-work, fixed day off, a pin, the
    shift not running; then rest against the neighbouring pins), or None."""

    if shift is None or staff not in scenario.staff_by_id or shift not in scenario.shift_by_id:
        return None
    cal = calendar or Calendar(scenario)
    if date not in cal.index:
        return None
    person = scenario.staff_by_id[staff]
    index = next(i for i, s in enumerate(scenario.shifts) if s.id == shift)
    pin = next((f for f in scenario.fixed if f.staff == staff and f.date == date), None)
    if pin is not None and shift in pin.shifts:
        return None  # pinned to this very shift
    reason = why_not(scenario, cal, person, cal.index[date], index)
    return reason or _rest_clash(scenario, cal, staff, date, index)


def _rest_clash(scenario: Scenario, cal: Calendar, staff: str, date: dt.date, shift: int) -> str | None:
    """A pinned shift the day before or after that leaves less than the minimum rest."""
    rest = limit_value(scenario.rules_for(staff).min_rest_hours)
    if not rest:
        return None
    day = cal.index[date]
    a, b = cal.interval(scenario.shifts[shift], day)
    for f in scenario.fixed:
        if f.staff != staff or f.shift is None or f.date not in cal.index or abs(cal.index[f.date] - day) != 1:
            continue
        other = next(i for i, s in enumerate(scenario.shifts) if s.id == f.shift)
        c, e = cal.interval(scenario.shifts[other], cal.index[f.date])
        gap = (c - b) if c >= b else (a - e)
        if gap < rest * 60:
            return f"{staff} is pinned to {f.shift} on {f.date}: {gap / 60:g} h rest, at least {rest:g} h"
    return None


def coverage(scenario: Scenario, roster: Roster, calendar: Calendar | None = None) -> pd.DataFrame:
    """Seats against people per (date, shift, role): min, max, have, short, over."""
    cal = calendar or Calendar(scenario)
    have = seat_counts(scenario, roster, cal)  # as the validator counts them
    rows = []
    for (day, shift, role), seats in sorted(seats_table(scenario, cal).items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                                                              kv[0][2] or "")):
        date = cal.days[day].date
        n = have[(day, shift, role)]
        rows.append({"date": date, "shift": shift, "role": role or "", "min": seats.min, "max": seats.max,
                     "have": n, "short": max(0, seats.min - n),
                     "over": max(0, n - seats.max) if seats.max is not None else 0})
    return pd.DataFrame(rows, columns=["date", "shift", "role", "min", "max", "have", "short", "over"])


def day_view(scenario: Scenario, roster: Roster, date: dt.date) -> pd.DataFrame:
    """Who works on one day: one row per shift and seat, with the people's names, and their breaks
    (``name 12:00-13:00``) when the roster places breaks."""
    rows: dict[tuple[str, str], list[str]] = {}
    pauses: dict[tuple[str, str], list[str]] = {}
    breaks = break_texts(scenario, roster)
    for a in roster:
        if a.date == date:
            person = scenario.staff_by_id.get(a.staff)
            name = person.label if person else a.staff
            if a.post:
                name += f" [{a.post}]"
            rows.setdefault((a.shift, a.role or ""), []).append(name)
            if (a.staff, a.date) in breaks:
                pauses.setdefault((a.shift, a.role or ""), []).append(f"{name} {breaks[(a.staff, a.date)]}")
    order = {s.id: i for i, s in enumerate(scenario.shifts)}
    out = []
    for (shift, role), people in sorted(rows.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][1])):
        s = scenario.shift_by_id.get(shift)
        out.append({"shift": shift, "times": s.times_text() if s else "", "role": role, "count": len(people),
                    "staff": ", ".join(people), "breaks": ", ".join(pauses.get((shift, role), []))})
    columns = ["shift", "times", "role", "count", "staff"] + (["breaks"] if pauses else [])
    return pd.DataFrame(out, columns=columns)


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
    """Per person: shifts, nights, weekends worked, holidays, hours, the contract hours and the hours
    over them (overtime)."""
    cal = calendar or Calendar(scenario)
    frame = person_summary(scenario, roster, cal)
    limits = contract_hours(scenario, cal)
    frame["contract"] = [limits.get(s) for s in frame["staff_id"]]
    frame["overtime"] = [round(max(0.0, h - c), 1) if c is not None else 0.0
                         for h, c in zip(frame["hours"], frame["contract"], strict=True)]
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
    fig.update_layout(title=title, height=120 + 28 * len(table.index), margin=dict(l=10, r=10, t=40, b=10),
                      xaxis=dict(type="category"))  # dates as written (2026-12-06), in either language
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
    fig.add_scatter(name=w["needed"], x=x, y=[f.needed for f in figures], line=dict(shape="hv", color="#C00000",
                                                                                      dash="dash"))
    fig.add_scatter(name=w["staffed"], x=x, y=[f.scheduled for f in figures], line=dict(shape="hv", color="#2F5597"),
                    fill="tozeroy", fillcolor="rgba(47,85,151,0.15)")
    short = [f for f in figures if f.scheduled < f.needed]
    if short:  # the intervals short, in red
        fig.add_bar(name=w.get("short", "short"), x=[f.interval for f in short], y=[f.needed - f.scheduled for f in short],
                    base=[f.scheduled for f in short], marker=dict(color="rgba(192,0,0,0.45)"), width=0.9)
    if breaks is not None and any(breaks):
        fig.add_bar(name=w.get("on_break", "on break"), x=x, y=breaks, marker=dict(color="#ED7D31"), width=0.5)
    if any(f.service_level is not None for f in figures):
        fig.add_scatter(name=w["sl"], x=x, y=[None if f.service_level is None else round(100 * f.service_level, 1)
                                               for f in figures],
                        yaxis="y2", mode="lines+markers", line=dict(color="#70AD47", width=1), marker=dict(size=4))
        fig.update_layout(yaxis2=dict(title="%", overlaying="y", side="right", range=[0, 105], dtick=20, showgrid=False))
    fig.update_layout(title=title, height=380, margin=dict(l=10, r=10, t=50, b=10), hovermode="x unified",
                      xaxis=dict(title=w["time"], type="category"), yaxis=dict(title=w["people"], rangemode="tozero"),
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
    fig.add_scatter(name=(names or {}).get("contract", "contract"), x=who, y=frame["contract"], mode="markers",
                    marker=dict(symbol="line-ew-open", size=24, line=dict(width=3)))
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
