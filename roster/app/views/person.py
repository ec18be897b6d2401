"""One person's month as a calendar, with their figures and leave balances."""

from __future__ import annotations

import datetime as dt
import html

from roster.io.balances import opening_balances
from roster.io.cells import leave_by_day
from roster.model.calendar import Calendar
from roster.model.ledger import ledger_and_overdraws
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .cells import (
    ENGLISH,
    LEAVE_BG,
    dates_from,
    day_background,
    figure_text,
    pinned_cells,
    shift_colours,
)
from .hours import hours_frame


def person_html(scenario: Scenario, roster: Roster, staff: str,
                words: dict[str, str] | None = None,
                weekday_names: tuple[str, ...] | None = None,
                calendar: Calendar | None = None) -> str:
    """One person's month as a calendar (weeks as rows): shifts with times, leave with its type,
    pins, and their figures (shifts, nights, weekends, hours against contract, overtime)."""
    w = {**ENGLISH, **(words or {})}
    cal = calendar or Calendar(scenario)
    person = scenario.staff_by_id[staff]
    names = weekday_names or ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    colours = shift_colours(scenario)
    mine = {a.date: a for a in roster if a.staff == staff}
    away = leave_by_day(scenario, roster)
    leave_type = {d: lv.type for lv in scenario.leave if lv.staff == staff
                  for d in dates_from(lv.start, lv.end)}
    pins = pinned_cells(scenario)
    day = cal.days[0].date - dt.timedelta(days=cal.days[0].date.weekday())
    weeks = []
    while day <= cal.days[-1].date:
        cells = []
        for _ in range(7):
            style = "vertical-align:top;padding:4px;border:1px solid #ddd;width:14%;height:3.4em"
            text = ""
            if day in cal.index:
                bg = day_background(cal.day(day))
                a = mine.get(day)
                if a is not None:
                    sh = scenario.shift_by_id.get(a.shift)
                    post = f" / {html.escape(a.post)}" if a.post else ""
                    colour = colours.get(a.shift, "#000")
                    text = (f'<b style="color:{colour}">{html.escape(a.shift)}</b> '
                            f'{html.escape(sh.label if sh else "")}<br>'
                            f'<small>{html.escape(sh.times_text() if sh else "")}{post}</small>')
                elif (staff, day) in away:
                    text = (f'{html.escape(w["leave"])} '
                            f'<small>{html.escape(leave_type.get(day, ""))}</small>')
                    bg = LEAVE_BG
                else:
                    text = f'<span style="color:#999">{html.escape(w["off"])}</span>'
                if bg:
                    style += f";background:{bg}"
                if (staff, day) in pins:
                    style += ";outline:2px solid #333;outline-offset:-2px"
            else:
                style += ";color:#ccc"
            cells.append(f'<td data-date="{day}" style="{style}">'
                         f"<small>{day.month}/{day.day}</small><br>{text}</td>")
            day += dt.timedelta(days=1)
        weeks.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th style="padding:4px">{n}</th>' for n in names)
    sums = hours_frame(scenario, roster, cal).set_index("staff_id").loc[staff]
    facts = [(w[c], sums[c])
             for c in ("shifts", "nights", "weekends", "holidays", "hours", "contract", "overtime")]
    fact_html = " · ".join(f"{html.escape(str(k))}: <b>{figure_text(v)}</b>" for k, v in facts)
    balances = [f"{html.escape(line.type)}: {figure_text(line.taken)} {html.escape(w['taken'])}"
                + (f", {figure_text(line.closing)} {html.escape(w['left'])}"
                   if line.closing is not None else "")
                for line in _ledger(scenario)
                if line.staff == staff and (line.taken or line.opening)]
    if balances:
        fact_html += f'<br>{html.escape(w["leave"])} — ' + " · ".join(balances)
    return (f'<div id="person-view"><h4 style="margin:0 0 4px 0">{html.escape(person.label)}</h4>'
            f'<p style="margin:0 0 8px 0">{fact_html}</p>'
            '<table style="border-collapse:collapse;font-size:13px;width:100%">'
            f"<thead><tr>{head}</tr></thead>"
            f'<tbody>{"".join(weeks)}</tbody></table></div>')


def _ledger(scenario: Scenario) -> list:
    """Leave taken and left per person and type (empty when balances cannot be worked out)."""

    try:
        return ledger_and_overdraws(scenario, opening_balances(scenario))[0]
    # balances kept in a file the app cannot reach, or a scenario without a policy
    except Exception:
        return []
