"""The month grid as an Excel workbook: people as rows, days as columns, shift codes in cells."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario
from roster.report import person_summary

WEEKEND = PatternFill("solid", fgColor="DDEBF7")
HOLIDAY = PatternFill("solid", fgColor="FCE4D6")


def safe_text(value: object) -> object:
    """Text a spreadsheet must show as text, never run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_month_grid(scenario: Scenario, roster: Roster, path: str | Path, calendar: Calendar | None = None) -> None:
    cal = calendar or Calendar(scenario)
    wb = Workbook()
    ws = wb.active
    ws.title = "roster"
    ws.cell(1, 1, safe_text(f"{scenario.name}  {cal.days[0].date} .. {cal.days[-1].date}")).font = Font(bold=True)
    head = ["staff_id", "name", "role"]
    for c, h in enumerate(head, start=1):
        ws.cell(2, c, h).font = Font(bold=True)
    for i, day in enumerate(cal.days):
        cell = ws.cell(2, len(head) + 1 + i, day.date.isoformat())
        ws.cell(3, len(head) + 1 + i, day.weekday)
        cell.font = Font(bold=True)
    grid = {(a.staff, a.date): a.shift for a in roster}
    summary = person_summary(scenario, roster, cal).set_index("staff_id")
    totals = ["shifts", "nights", "weekends", "holidays", "hours"]
    first_total = len(head) + len(cal.days) + 1
    for k, t in enumerate(totals):
        ws.cell(2, first_total + k, t).font = Font(bold=True)
    for r, person in enumerate(scenario.staff, start=4):
        ws.cell(r, 1, safe_text(person.id))
        ws.cell(r, 2, safe_text(person.name))
        ws.cell(r, 3, "/".join(person.roles))
        for i, day in enumerate(cal.days):
            cell = ws.cell(r, len(head) + 1 + i, grid.get((person.id, day.date), ""))
            cell.alignment = Alignment(horizontal="center")
            if day.is_holiday:
                cell.fill = HOLIDAY
            elif not day.is_workday:
                cell.fill = WEEKEND
        for k, t in enumerate(totals):
            ws.cell(r, first_total + k, float(summary.loc[person.id, t]) if t == "hours"
                    else int(summary.loc[person.id, t]))
    legend = wb.create_sheet("legend")
    legend.append(["shift", "name", "times", "hours"])
    for s in scenario.shifts:
        legend.append([s.id, safe_text(s.name), s.times_text(), s.paid_minutes / 60])
    wb.save(path)
