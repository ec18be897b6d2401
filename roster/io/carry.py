"""Year-to-date counts for fairness across months (``fairness_carry``): a CSV with the columns
staff,nights,weekends,holidays,hours (missing columns count 0) and, by holiday name,
``holidays:NAME`` (the year so far) and ``last:NAME`` (the holiday's last occurrence), read into
the scenario's rows, and the counts of a roster added to them for the next month."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from roster.io.text import read_text_file
from roster.model.calendar import Calendar
from roster.model.fairness import counts_towards
from roster.model.parse import ScenarioError
from roster.model.roster import Roster
from roster.model.scenario import Scenario

COLUMNS = ("staff", "nights", "weekends", "holidays", "hours")
BY_NAME = {"holidays:": "by_holiday", "last:": "last_holidays"}
"""Column prefixes of the counts by holiday name → their ``fairness_carry`` field."""


def _number(path: Path, line: int, col: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ScenarioError(str(path), f"line {line}, column {col}", text, "not a number") from None


def _by_name(column: str) -> tuple[str, str] | None:
    """``holidays:Spring Festival`` → (``by_holiday``, ``Spring Festival``); None for other
    columns."""
    for prefix, key in BY_NAME.items():
        if column.startswith(prefix) and column[len(prefix):].strip():
            return key, column[len(prefix):].strip()
    return None


def read_carry(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a carry CSV as ``fairness_carry`` entries."""
    path = Path(path)
    reader = csv.DictReader(io.StringIO(read_text_file(path, "fairness carry file"), newline=""))
    cols = [(c or "").strip() for c in reader.fieldnames or []]
    if "staff" not in cols:
        raise ScenarioError(str(path), "header", ",".join(cols), "needs a staff column",
                            hint="columns: " + ",".join(COLUMNS))
    unknown = [c for c in cols if c not in COLUMNS and _by_name(c) is None]
    if unknown:
        raise ScenarioError(str(path), "header", unknown[0], "unknown column",
                            hint="columns: " + ",".join(COLUMNS)
                                 + ", and by holiday name holidays:NAME, last:NAME")
    out = []
    for row in reader:
        line = reader.line_num
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        entry: dict[str, Any] = {"staff": row.get("staff", "")}
        for col in COLUMNS[1:]:
            text = row.get(col, "")
            if not text:
                continue
            value = _number(path, line, col, text)
            if value < 0 or (col != "hours" and not value.is_integer()):
                raise ScenarioError(str(path), f"line {line}, column {col}", text,
                                    "a count of the year so far: a whole number, at least 0"
                                    if col != "hours" else "hours cannot be negative")
            entry[col] = value if col == "hours" else int(value)
        for col in cols:
            named = _by_name(col)
            text = row.get(col, "")
            if named is None or not text:
                continue
            value = _number(path, line, col, text)
            if value < 0 or not value.is_integer():
                raise ScenarioError(str(path), f"line {line}, column {col}", text,
                                    "a count of holiday shifts: a whole number, at least 0")
            entry.setdefault(named[0], {})[named[1]] = int(value)
        out.append(entry)
    return out


def with_carry_file(data: dict, source: str, base: Path) -> dict:
    """``fairness_carry: file.csv`` (relative to the scenario file) → its rows inline."""
    name = data.get("fairness_carry")
    if not isinstance(name, str):
        return data
    file = Path(name) if Path(name).is_absolute() else base / name
    if not name.strip() or not file.is_file():
        raise ScenarioError(source, "fairness_carry", name, f"file not found ({file})",
                            hint="a CSV with the columns staff,nights,weekends,holidays,hours, "
                                 "relative to the scenario file")
    staff = {str(s.get("id")) for s in data.get("staff") or [] if isinstance(s, dict)}
    rows = read_carry(file)
    for i, row in enumerate(rows):
        if row["staff"] not in staff:
            raise ScenarioError(str(file), f"line {i + 2}, column staff", row["staff"],
                                "unknown staff", hint="rows name staff ids of the scenario")
    return {**data, "fairness_carry": rows}


def month_counts(scenario: Scenario, roster: Roster) -> dict[str, dict[str, float]]:
    """Per person: nights, weekend and holiday shifts (counted as the fair shares count them) and
    hours of ``roster`` inside the horizon."""
    cal = Calendar(scenario)
    out: dict[str, dict[str, float]] = {p.id: dict.fromkeys(COLUMNS[1:], 0) for p in scenario.staff}
    for a in roster:
        if a.staff not in out or a.date not in cal.index or a.shift not in scenario.shift_by_id:
            continue
        for kind in COLUMNS[1:]:
            add = counts_towards(kind, scenario, cal, cal.index[a.date], a.shift)
            out[a.staff][kind] += add / 60 if kind == "hours" else add
    return out


def holiday_counts(scenario: Scenario, roster: Roster) -> dict[str, dict[str, dict[int, int]]]:
    """Per person: holiday shifts of ``roster`` by holiday name and the year of the holiday's days
    (chinese-calendar's names: ``Spring Festival``, ``National Day`` …), as the fair shares count
    holidays. People without any are left out."""
    cal = Calendar(scenario)
    out: dict[str, dict[str, dict[int, int]]] = {}
    staff = {p.id for p in scenario.staff}
    for a in roster:
        if a.staff not in staff or a.date not in cal.index or a.shift not in scenario.shift_by_id:
            continue
        day = cal.day(a.date)
        if day.is_holiday and day.holiday_name:
            years = out.setdefault(a.staff, {}).setdefault(day.holiday_name, {})
            years[a.date.year] = years.get(a.date.year, 0) + 1
    return out


def carried_forward(scenario: Scenario, roster: Roster) -> list[dict[str, Any]]:
    """The carry for the next month: the scenario's counts plus what ``roster`` adds, per person.

    By holiday name: the year's counts add up; the last occurrence of each holiday this roster
    holds becomes this roster's count of it (added to the carried one when the horizon starts on
    that holiday, which then began the month before)."""
    before = {c.staff: c for c in scenario.fairness_carry}
    named = holiday_counts(scenario, roster)
    cal = Calendar(scenario)
    here = {d.holiday_name for d in cal.days if d.is_holiday and d.holiday_name}
    going_on = cal.days[0].holiday_name if cal.days and cal.days[0].is_holiday else ""
    out = []
    for who, counts in month_counts(scenario, roster).items():
        old = before.get(who)
        row: dict[str, Any] = {"staff": who}
        for kind in COLUMNS[1:]:
            total = (getattr(old, kind) if old is not None else 0) + counts[kind]
            row[kind] = round(total, 2) if kind == "hours" else int(total)
        mine = {name: sum(years.values()) for name, years in named.get(who, {}).items()}
        year = dict(old.by_holiday) if old is not None else {}
        for name, n in mine.items():
            year[name] = year.get(name, 0) + n
        last = dict(old.last_holidays) if old is not None else {}
        for name in here:
            last[name] = mine.get(name, 0) + (last.get(name, 0) if name == going_on else 0)
        if any(year.values()):
            row["by_holiday"] = {k: v for k, v in sorted(year.items()) if v}
        if any(last.values()):
            row["last_holidays"] = {k: v for k, v in sorted(last.items()) if v}
        out.append(row)
    return out


def write_carry(path: str | Path, rows: list[dict[str, Any]]) -> None:
    """The carry as CSV: the five columns, then ``holidays:NAME`` and ``last:NAME`` for each
    holiday name any row counts (empty where a person has none)."""
    names = {prefix: sorted({n for row in rows for n in row.get(key) or {}})
             for prefix, key in BY_NAME.items()}
    fields = [*COLUMNS, *(f"{prefix}{n}" for prefix, ns in names.items() for n in ns)]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            line = {k: (f"{row[k]:g}" if k == "hours" else row[k]) for k in COLUMNS}
            for prefix, key in BY_NAME.items():
                for n in names[prefix]:
                    line[f"{prefix}{n}"] = (row.get(key) or {}).get(n, "")
            writer.writerow(line)
