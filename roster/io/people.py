"""Staff lists, leave and leave balances from CSV or Excel, with errors naming row, column and
value.

Staff list columns: ``id`` (or ``staff_id``), ``name``, ``roles`` (several joined by ``/``, ``,``,
``;`` or ``、``), and optionally ``hired`` (date), ``cannot`` (shift ids), ``days_off`` (dates) and
the per-person rule values ``max_hours_per_week``, ``max_consecutive_work_days``,
``min_rest_hours``, ``max_weekends``, ``max_weekends_per_month``, ``max_hours_total``,
``min_hours_total``. Leave columns: ``staff_id``, ``type``, ``start``, ``end``, optional ``half``
(am/pm) and ``note``. Leave balance columns: ``staff_id`` (or ``staff``), ``type``, ``days`` (days
left at the start of the horizon), the scenario's ``leave_balances``. With a scenario, ids and leave
types are checked. Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from roster.io.cells import unsafe_text
from roster.model.parse import ScenarioError, error_from_pydantic
from roster.model.scenario import Leave, LeaveBalance, Scenario, Staff

from .grid import cell_text

LIST_SPLIT = re.compile(r"[/,;、，；|]")
STAFF_NUMBERS = ("max_hours_per_week", "max_consecutive_work_days", "min_consecutive_work_days",
                 "min_consecutive_days_off", "min_rest_hours", "max_weekends",
                 "max_weekends_per_month", "max_hours_total", "min_hours_total")
STAFF_COLUMNS = ("id", "name", "roles", "team", "hired", "cannot", "days_off", *STAFF_NUMBERS)
LEAVE_COLUMNS = ("staff_id", "type", "start", "end", "half", "note")
BALANCE_COLUMNS = ("staff_id", "type", "days")
STAFF_ALIASES = {"staff_id": "id", "工号": "id", "姓名": "name", "角色": "roles", "班组": "team",
                 "入职日期": "hired"}


@dataclass(frozen=True)
class Table:
    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    """(row number as a spreadsheet shows it, column → text)."""


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """Header and rows of a CSV (UTF-8, BOM allowed) or the first (or named) sheet of a workbook."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise ScenarioError(name, "", None, "file not found")
    suffix = path.suffix.lower()
    raw: list[list[str]]
    if suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioError(name, "", None, "file is not UTF-8 text",
                                hint="save the CSV as UTF-8 (Excel: CSV UTF-8)") from None
        raw = [[unsafe_text(c.strip()) for c in row] for row in csv.reader(text.splitlines())]
    elif suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise ScenarioError(name, "", None,
                                f"not an Excel workbook ({exc.__class__.__name__})") from None
        if sheet is not None and sheet not in wb.sheetnames:
            raise ScenarioError(name, "sheet", sheet, "no such sheet",
                                hint=f"sheets: {', '.join(wb.sheetnames)}")
        ws = wb[sheet] if sheet else wb.worksheets[0]
        raw = [[_excel_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
    else:
        raise ScenarioError(name, "", None,
                            f"cannot read a table from a {suffix or 'suffix-less'} file",
                            hint="use .csv or .xlsx")
    if not raw or not any(raw[0]):
        raise ScenarioError(name, "row 1", None, "no header row")
    columns = [c.strip().lower() for c in raw[0]]
    rows = []
    for n, values in enumerate(raw[1:], start=2):
        if not any(values):
            continue
        rows.append((n, {c: (values[i] if i < len(values) else "") for i, c in enumerate(columns)
                         if c}))
    return Table(name, columns, rows)


def _excel_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value)


def _renamed(table: Table, aliases: dict[str, str]) -> Table:
    columns = [aliases.get(c, c) for c in table.columns]
    rows = [(n, {aliases.get(k, k): v for k, v in row.items()}) for n, row in table.rows]
    return Table(table.file, columns, rows)


def _check_columns(table: Table, allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ScenarioError(table.file, "row 1", ",".join(c for c in table.columns if c),
                            f"missing column(s) {', '.join(missing)}",
                            hint=f"columns: {', '.join(allowed)}")
    for i, c in enumerate(table.columns, start=1):
        if c and c not in allowed:
            raise ScenarioError(table.file, f"row 1, column {i}", c, "unknown column",
                                hint=f"columns: {', '.join(allowed)}")


def _where(row: int, column: str) -> str:
    return f"row {row}, column {column}"


def _date(table: Table, row: int, column: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        raise ScenarioError(table.file, _where(row, column), text,
                            "not a date (YYYY-MM-DD)") from None


def _split(text: str) -> list[str]:
    return [x.strip() for x in LIST_SPLIT.split(text) if x.strip()]


def _known(table: Table, row: int, column: str, value: str, known: set[str], what: str) -> None:
    if value not in known:
        raise ScenarioError(table.file, _where(row, column), value, f"unknown {what}",
                            hint=f"known {what} ids: {', '.join(sorted(known))}")


def read_staff(path: str | Path, scenario: Scenario | None = None,
               sheet: str | None = None) -> list[Staff]:
    """Staff from a list; with a scenario, roles and shifts are checked against it."""
    table = _renamed(read_table(path, sheet), STAFF_ALIASES)
    _check_columns(table, STAFF_COLUMNS, ("id", "roles"))
    out: list[Staff] = []
    seen: dict[str, int] = {}
    for n, row in table.rows:
        data: dict[str, Any] = {"id": row.get("id", ""), "name": row.get("name", ""),
                                "roles": tuple(_split(row.get("roles", "")))}
        if not data["id"]:
            raise ScenarioError(table.file, _where(n, "id"), "", "empty")
        if data["id"] in seen:
            raise ScenarioError(table.file, _where(n, "id"), data["id"],
                                f"duplicate id (also on row {seen[data['id']]})")
        seen[data["id"]] = n
        if not data["roles"]:
            raise ScenarioError(table.file, _where(n, "roles"), row.get("roles", ""),
                                "no role given")
        if row.get("team"):
            data["team"] = row["team"].strip()
        if row.get("hired"):
            data["hired"] = _date(table, n, "hired", row["hired"])
        if row.get("cannot"):
            data["cannot"] = tuple(_split(row["cannot"]))
        if row.get("days_off"):
            data["days_off"] = tuple(_date(table, n, "days_off", x)
                                     for x in _split(row["days_off"]))
        for col in STAFF_NUMBERS:
            if row.get(col):
                try:
                    data[col] = float(row[col])
                except ValueError:
                    raise ScenarioError(table.file, _where(n, col), row[col],
                                        "not a number") from None
        if scenario is not None:
            for r in data["roles"]:
                _known(table, n, "roles", r, set(scenario.role_by_id), "role")
            for s in data.get("cannot", ()):
                _known(table, n, "cannot", s, set(scenario.shift_by_id), "shift")
        try:
            out.append(Staff.model_validate(data))
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            col = str(err["loc"][0]) if err["loc"] else "id"
            said = error_from_pydantic(exc, table.file)
            raise ScenarioError(table.file, _where(n, col), row.get(col, ""), said.message,
                                said.hint) from None
    return out


def read_leave(path: str | Path, scenario: Scenario | None = None,
               sheet: str | None = None) -> list[Leave]:
    """Leave records; with a scenario, staff ids are checked against it."""
    table = read_table(path, sheet)
    _check_columns(table, LEAVE_COLUMNS, ("staff_id", "start", "end"))
    out = []
    for n, row in table.rows:
        staff = row.get("staff_id", "")
        if not staff:
            raise ScenarioError(table.file, _where(n, "staff_id"), "", "empty")
        if scenario is not None:
            _known(table, n, "staff_id", staff, set(scenario.staff_by_id), "staff")
        kind = row.get("type") or "annual"
        if scenario is not None:
            _known(table, n, "type", kind, set(scenario.leave_policy.types), "leave type")
        start = _date(table, n, "start", row.get("start", ""))
        end = _date(table, n, "end", row.get("end", ""))
        if end < start:
            raise ScenarioError(table.file, _where(n, "end"), row["end"],
                                f"before the start {start}")
        half = row.get("half", "").lower() or None
        if half not in (None, "am", "pm"):
            raise ScenarioError(table.file, _where(n, "half"), row["half"],
                                "must be am, pm or empty")
        if half and end != start:
            raise ScenarioError(table.file, _where(n, "half"), row["half"],
                                "a half day starts and ends on one date")
        out.append(Leave(staff=staff, type=kind, start=start, end=end, half=half,
                         note=row.get("note", "")))
    return out


def read_leave_balances(path: str | Path, scenario: Scenario | None = None,
                        sheet: str | None = None) -> list[LeaveBalance]:
    """Days of leave left per person and leave type."""
    table = _renamed(read_table(path, sheet), {"staff": "staff_id"})
    _check_columns(table, BALANCE_COLUMNS, ("staff_id", "days"))
    out = []
    seen: dict[tuple[str, str], int] = {}
    for n, row in table.rows:
        staff, kind = row.get("staff_id", ""), row.get("type") or "annual"
        if not staff:
            raise ScenarioError(table.file, _where(n, "staff_id"), "", "empty")
        if scenario is not None:
            _known(table, n, "staff_id", staff, set(scenario.staff_by_id), "staff")
            _known(table, n, "type", kind, set(scenario.leave_policy.types), "leave type")
        try:
            days = float(row.get("days", ""))
        except ValueError:
            raise ScenarioError(table.file, _where(n, "days"), row.get("days", ""),
                                "not a number") from None
        if days < 0 or days != days:
            raise ScenarioError(table.file, _where(n, "days"), row["days"], "cannot be negative")
        if (staff, kind) in seen:
            raise ScenarioError(table.file, _where(n, "type"), kind,
                                f"a second balance for {staff} (first on row "
                                f"{seen[(staff, kind)]})")
        seen[(staff, kind)] = n
        out.append(LeaveBalance(staff=staff, type=kind, days=days))
    return out

