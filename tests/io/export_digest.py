"""What a planner gets from an export, as plain data to compare: every cell of a workbook with its
value and look, the sheets' layout and print settings; a result JSON as it is."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def _colour(c) -> str | None:
    return None if c is None else str(c.rgb if c.type == "rgb" else f"{c.type}:{c.value}")


def cell_digest(cell) -> list:
    f, fill, b, a = cell.font, cell.fill, cell.border, cell.alignment
    return [repr(cell.value), cell.data_type, cell.number_format, bool(cell.quotePrefix),
            [f.b, f.i, f.sz, _colour(f.color)],
            [fill.fill_type, _colour(fill.fgColor)],
            [getattr(getattr(b, side), "style", None) for side in ("left", "right", "top", "bottom")],
            [a.horizontal, a.vertical, a.text_rotation, a.wrap_text]]


def workbook_digest(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        setup = ws.page_setup
        out[ws.title] = {
            "cells": {c.coordinate: cell_digest(c) for row in ws.iter_rows() for c in row
                      if c.value is not None or c.has_style},
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
            "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
            "print": [ws.print_area, ws.print_title_rows, setup.orientation, setup.paperSize,
                      setup.fitToWidth, setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage],
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        }
    return out
