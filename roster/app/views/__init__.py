"""How a roster is shown, one module per view: ``month`` (the month grid), ``person`` (one person's
month), ``printed`` (the month on paper), ``day`` (one day, and people against seats), ``hours``
(hours against contract), ``breaks`` (who is on break when), ``availability`` (why a person cannot
take a shift), ``changes`` (the cells two rosters differ in), ``charts`` (plotly), and ``cells``
(what they share: colours, marks, words). Their names are gathered here: ``views.month_grid_html``.
"""

from __future__ import annotations

from .availability import why_not_cell
from .breaks import all_on_break, on_break
from .cells import (
    CHANGED_BG,
    DEVIATION,
    ENGLISH,
    HOLIDAY_BG,
    LEAVE_BG,
    PALETTE,
    SHORT_BG,
    TEAM_PALETTE,
    WEEKEND_BG,
    WORDS,
    break_texts,
    dates_from,
    day_background,
    figure_text,
    pattern_marks,
    pinned_cells,
    post_codes,
    shift_colours,
    team_colours,
)
from .changes import diff_frame
from .charts import (
    BOUND_SOURCES,
    coverage_heatmap,
    fairness_bars,
    hours_bars,
    interval_chart,
    progress_frame,
)
from .day import coverage, day_view
from .hours import contract_hours, hours_frame
from .month import (
    GRID_PAGE,
    coverage_by_shift,
    filter_staff,
    grid_legend_html,
    month_grid,
    month_grid_html,
    weeks,
)
from .person import person_html
from .printed import PRINT_PAGE_PEOPLE, print_html

__all__ = [
    "PALETTE",
    "WEEKEND_BG",
    "HOLIDAY_BG",
    "LEAVE_BG",
    "CHANGED_BG",
    "SHORT_BG",
    "DEVIATION",
    "TEAM_PALETTE",
    "WORDS",
    "ENGLISH",
    "shift_colours",
    "team_colours",
    "pattern_marks",
    "pinned_cells",
    "post_codes",
    "break_texts",
    "day_background",
    "dates_from",
    "figure_text",
    "GRID_PAGE",
    "month_grid",
    "month_grid_html",
    "grid_legend_html",
    "coverage_by_shift",
    "weeks",
    "filter_staff",
    "person_html",
    "PRINT_PAGE_PEOPLE",
    "print_html",
    "coverage",
    "day_view",
    "contract_hours",
    "hours_frame",
    "on_break",
    "all_on_break",
    "why_not_cell",
    "diff_frame",
    "coverage_heatmap",
    "interval_chart",
    "fairness_bars",
    "hours_bars",
    "BOUND_SOURCES",
    "progress_frame",
]
