"""Call forecasts (CSV: interval, calls, optionally date or weekday) → demand lines."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from roster.model.erlang import ForecastRow, demand_lines, forecast_shifts
from roster.model.fields import WEEKDAYS, FieldError
from roster.model.scenario import Scenario, parse_minutes


def _open_forecast(path: Path, field: str) -> csv.DictReader:
    """The forecast CSV's rows, or a FieldError naming the file when it cannot be read."""
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
    return reader


def _day_of(row: dict[str, str], where: str) -> tuple[dt.date | None, str | None]:
    """A forecast row's ``date`` or ``weekday`` (neither: the row is for every day)."""
    if row.get("date"):
        try:
            return dt.date.fromisoformat(row["date"]), None
        except ValueError:
            raise FieldError(f"{where} date", row["date"], "not a date (YYYY-MM-DD)") from None
    if row.get("weekday"):
        weekday = row["weekday"].lower()[:3]
        if weekday not in WEEKDAYS:
            raise FieldError(f"{where} weekday", row["weekday"], "not a weekday (mon..sun)")
        return None, weekday
    return None, None


def read_forecast(path: Path, field: str = "demand_from.forecast") -> list[ForecastRow]:
    """CSV with columns ``interval`` (HH:MM start) and ``calls``, optionally ``date`` or
    ``weekday``."""
    reader = _open_forecast(path, field)
    cols = {c.strip().lower() for c in reader.fieldnames or []}
    missing = {"interval", "calls"} - cols
    if missing:
        raise FieldError(field, str(path),
                         f"the forecast has no column {', '.join(sorted(missing))}",
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
        date, weekday = _day_of(row, where)
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


def read_interval_rows(path: Path, field: str) -> list[dict[str, Any]]:
    """A per-interval forecast CSV → rows: ``interval`` (HH:MM) and ``agents`` or ``calls`` (or
    both), optionally ``date`` (YYYY-MM-DD) or ``weekday`` (mon..sun)."""
    reader = _open_forecast(path, field)
    cols = {c.strip().lower() for c in reader.fieldnames or []}
    if "interval" not in cols or not cols & {"agents", "calls"}:
        raise FieldError(field, str(path),
                         "the forecast needs the columns interval and agents or calls",
                         hint="columns: interval (HH:MM), agents or calls, "
                              "and optionally date or weekday")
    rows: list[dict[str, Any]] = []
    for i, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        where = f"{field} ({path.name} row {i})"
        out: dict[str, Any] = {}
        try:
            minute = parse_minutes(row["interval"]) % 1440
            out["interval"] = f"{minute // 60:02d}:{minute % 60:02d}"
        except ValueError as exc:
            raise FieldError(f"{where} interval", row["interval"], str(exc)) from None
        for col in ("agents", "calls"):
            if not row.get(col):
                continue
            try:
                value = float(row[col])
            except ValueError:
                raise FieldError(f"{where} {col}", row[col], "not a number") from None
            if value < 0:
                raise FieldError(f"{where} {col}", row[col], f"{col} cannot be negative")
            if col == "agents" and not value.is_integer():
                raise FieldError(f"{where} agents", row[col], "agents is a whole number of people")
            out[col] = int(value) if col == "agents" else value
        if "agents" not in out and "calls" not in out:
            raise FieldError(f"{where} agents", "", "give agents or calls")
        date, weekday = _day_of(row, where)
        if date is not None:
            out["date"] = date.isoformat()
        elif weekday is not None:
            out["weekday"] = weekday
        rows.append(out)
    if not rows:
        raise FieldError(field, str(path), "the forecast has no rows")
    return rows


def interval_demand(scenario: Scenario, base: Path) -> dict[int, list[dict[str, Any]]]:
    """Demand line index → forecast rows, for each per-interval line that names a file."""
    out = {}
    for i, line in scenario.interval_lines:
        if isinstance(line.per_interval, str):
            path = Path(line.per_interval)
            out[i] = read_interval_rows(path if path.is_absolute() else base / path,
                                        f"demand[{i}].per_interval")
    return out
