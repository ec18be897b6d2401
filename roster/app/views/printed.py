"""The printed month: the grid laid out for an A4 landscape page, with legend and signatures."""

from __future__ import annotations

import html
import unicodedata

from roster.model.calendar import Calendar
from roster.model.roster import Roster
from roster.model.scenario import Scenario

from .cells import ENGLISH, post_codes, shift_colours
from .month import month_grid, month_grid_html

PRINT_PAGE_PEOPLE = 40
"""Up to this many people the printed month fits one A4 landscape page; more run on over pages,
each repeating the header row."""


CODE_EM = 0.72
"""The width of a character of a grid cell's code in bold type, in ems (the cells' size is set from
the longest code, so that it is printed whole: the interval centre's D0700 was cut to D0)."""


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
    grid = month_grid_html(scenario, roster, cal, leave_mark=leave_mark,
                           weekday_names=weekday_names, words=w, table_id="print-grid",
                           pins_shown=pins_shown, overtime_shown=overtime_shown,
                           patterns_shown=False)
    colours = shift_colours(scenario)
    legend = " &nbsp; ".join(f'<b style="color:{colours[s.id]}">{html.escape(s.id)}</b> '
                             f"{html.escape(s.label)} {html.escape(s.times_text())}"
                             for s in scenario.shifts)
    legend += f' &nbsp; <b>{html.escape(leave_mark)}</b> {html.escape(w["leave"])}'
    codes = post_codes(scenario)
    legend += "".join(f" &nbsp; <b>/{html.escape(codes[p.id])}</b> {html.escape(p.name or p.id)}"
                      for p in scenario.posts)
    sign = "".join(f'<span style="display:inline-block;width:32%">{html.escape(w[k])}: '
                   '<span style="display:inline-block;width:60%;border-bottom:1px solid #000">'
                   "&nbsp;</span></span>"
                   for k in ("signature", "checked", "printed"))
    # the page: 277 x 190 mm inside 10 mm margins; title, legend and signatures take about 30 mm
    rows = min(len(scenario.staff), PRINT_PAGE_PEOPLE) + 2 + len(scenario.shifts)
    row_mm = max(2.6, min(6.0, 158 / rows))
    totals = 4 if overtime_shown else 3
    day_mm = 281 * (1 - 0.12 - 0.05 * (totals + 1)) / len(cal.days)
    texts = month_grid(scenario, roster, cal, leave_mark).to_numpy().ravel()
    longest = max((len(str(c)) for c in texts), default=1)
    # a bold code's characters are up to 0.72 em wide (DejaVu Sans Bold: digits 0.70, D 0.83)
    font_mm = round(min(3.0, row_mm * 0.62, day_mm / (CODE_EM * max(longest, 2) + 0.5)), 2)
    # each totals header word on one line of its 5% column, whatever the printer's font (a wide
    # one such as DejaVu cut "Weekends" into "Weeke nds")
    heads = [w[c] for c in ("shifts", "nights", "weekends", "hours", "overtime")[:totals + 1]]
    word = max((_ems(part) for head in heads for part in head.split()), default=1.0)
    head_mm = round(min(font_mm, 281 * 0.05 / (word + 1.0)), 2)
    keep = ("#print-view, #print-view *, *:has(#print-view)")
    style = (
        "<style>@page { size: A4 landscape; margin: 8mm }"
        "@media print {"
        f" body *:not({keep}) {{ display: none !important }}"
        " *:has(#print-view) { margin: 0 !important; padding: 0 !important;"
        " position: static !important;"
        " overflow: visible !important; height: auto !important; min-height: 0 !important;"
        " max-width: none !important; width: auto !important; transform: none !important;"
        " gap: 0 !important }"
        " #print-view { width: 281mm !important; padding: 0 !important; margin: 0 !important }"
        " #print-grid thead { display: table-header-group }"
        " #print-grid tfoot { display: table-row-group }"
        " #print-grid tr { break-inside: avoid }"
        " #print-legend, #print-signatures { break-inside: avoid } }"
        f"#print-view table {{ font-size: {font_mm}mm !important; width: 100%;"
        " table-layout: fixed }"
        " #print-view div { overflow: visible !important }"
        " #print-view td, #print-view th { border: 1px solid #bbb; padding: 0 1px !important;"
        " min-width: 0 !important;"
        f" height: {row_mm:.2f}mm; line-height: 1.05; overflow: hidden; white-space: nowrap }}"
        " #print-view th:first-child { width: 12% } #print-view .total { width: 5% }"
        f" #print-view th.total {{ white-space: normal; font-size: {head_mm}mm;"
        " vertical-align: bottom }"
        "</style>")
    return (style + '<div id="print-view" style="width:281mm;background:#fff;padding:2mm">'
            f'<h3 style="margin:0;font-size:4.5mm">{html.escape(scenario.name)}'
            f' <span style="font-weight:400;font-size:3.5mm">{scenario.horizon.start} ..'
            f" {scenario.horizon.end}</span></h3>"
            f'{grid}<p id="print-legend" style="margin:1.5mm 0;font-size:2.8mm">'
            f'{html.escape(w["legend"])}: {legend}</p>'
            f'<p id="print-signatures" style="margin:3mm 0 0 0;font-size:3.2mm">{sign}</p></div>')


def _ems(text: str) -> float:
    """The width of ``text`` in bold type, in ems: a wide character (中文) one em, any other 0.62
    (the letters of a header word)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)
