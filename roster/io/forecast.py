"""Call forecasts (CSV: interval, calls, optionally date or weekday) → demand lines."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from roster.model.erlang import ForecastRow, demand_lines, forecast_shifts
from roster.model.fields import WEEKDAYS, FieldError
from roster.model.scenario import Scenario, parse_minutes


def read_forecast(path: Path, field: str = "demand_from.forecast") -> list[ForecastRow]:
    """CSV with columns ``interval`` (HH:MM start) and ``calls``, optionally ``date`` or ``weekday``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FieldError(field, str(path), "forecast file not found",
                         hint="the path is relative to the scenario file") from None
    except UnicodeDecodeError:
        raise FieldError(field, str(path), "the forecast is not UTF-8 text",
                         hint="save it as UTF-8 (in Excel: Save As, CSV UTF-8)") from None
    except IsADirectoryError:
        raise FieldError(field, str(path), "is a folder, not a forecast file") from None
    reader = csv.DictReader(text.splitlines())
    cols = {c.strip().lower() for c in reader.fieldnames or []}
    missing = {"interval", "calls"} - cols
    if missing:
        raise FieldError(field, str(path), f"the forecast has no column {', '.join(sorted(missing))}",
                         hint="columns: interval (HH:MM), calls, and optionally date or weekday")
    rows = []
    for i, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        where = f"{field} ({path.name} row {i})"
        try:
            start = parse_minutes(row["interval"])
        except ValueError as exc:
            raise FieldError(f"{where} interval", row["interval"], str(exc)) from None
        try:
            calls = float(row["calls"])
        except ValueError:
            raise FieldError(f"{where} calls", row["calls"], "not a number") from None
        if calls < 0:
            raise FieldError(f"{where} calls", row["calls"], "calls cannot be negative")
        date = weekday = None
        if row.get("date"):
            try:
                date = dt.date.fromisoformat(row["date"])
            except ValueError:
                raise FieldError(f"{where} date", row["date"], "not a date (YYYY-MM-DD)") from None
        elif row.get("weekday"):
            weekday = row["weekday"].lower()[:3]
            if weekday not in WEEKDAYS:
                raise FieldError(f"{where} weekday", row["weekday"], "not a weekday (mon..sun)")
        rows.append(ForecastRow(start % 1440, calls, date, weekday))
    if not rows:
        raise FieldError(field, str(path), "the forecast has no rows")
    return rows


def forecast_demand(scenario: Scenario, base: Path) -> list[dict[str, Any]]:
    """Demand lines (as dicts) from ``scenario.demand_from``; paths are relative to ``base``."""
    spec = scenario.demand_from
    if spec is None:
        return []
    forecast_shifts(scenario)
    path = Path(spec.forecast)
    return demand_lines(scenario, read_forecast(path if path.is_absolute() else base / path))
