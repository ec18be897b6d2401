"""A staff list (Excel or CSV) merged into a scenario's staff by staff id.

New people are added, the fields a file gives are updated, and nothing else changes: a column the
file lacks or a cell left empty keeps the scenario's value, and people missing from the file stay
unless the caller asks to drop them. Roles may be written as ids or as their names (副班长).
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roster.io.people import LIST_SPLIT, STAFF_ALIASES, STAFF_COLUMNS, read_staff, read_table
from roster.model.parse import ScenarioError
from roster.model.scenario import Scenario

ALIASES = {**STAFF_ALIASES, "名字": "name", "岗位": "roles", "不上班次": "cannot",
           "固定休息日": "days_off", "每周最多工时": "max_hours_per_week",
           "最多连续上班天数": "max_consecutive_work_days"}
"""Column headers in the planners' words (中文) → staff fields."""

TEMPLATE_COLUMNS = ("工号", "姓名", "角色", "入职日期", "cannot", "days_off", "max_hours_per_week",
                    "max_consecutive_work_days")
"""Columns of the downloadable template (any of ``STAFF_COLUMNS`` may be added)."""


@dataclass(frozen=True)
class FieldChange:
    staff: str
    field: str
    before: Any
    after: Any


@dataclass
class StaffMerge:
    """What importing a staff list would do; ``staff(drop_missing)`` gives the merged staff
    dicts."""

    added: list[str] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Ids in the scenario that the file does not list (kept unless dropped on purpose)."""
    merged: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed)

    def staff(self, drop_missing: bool = False) -> list[dict[str, Any]]:
        gone = set(self.missing) if drop_missing else set()
        return [p for p in self.merged if p["id"] not in gone]


def _role_ids(scenario: Scenario) -> dict[str, str]:
    """Role id or name (case-insensitive) → role id."""
    out: dict[str, str] = {}
    for r in scenario.roles:
        out[r.id.lower()] = r.id
        if r.name:
            out.setdefault(r.name.strip().lower(), r.id)
    return out


def _translated(path: Path, scenario: Scenario, folder: Path) -> tuple[Path, list[str]]:
    """The file as a CSV with staff field headers and role ids (role names replaced), and its
    columns."""
    table = read_table(path)
    columns = [ALIASES.get(c, c) for c in table.columns]
    roles = _role_ids(scenario)
    role_col = columns.index("roles") if "roles" in columns else None
    out = folder / (path.stem + ".csv")
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for _, row in table.rows:
            cells = [row.get(c, "") for c in table.columns]
            if role_col is not None:
                parts = [x.strip() for x in LIST_SPLIT.split(cells[role_col]) if x.strip()]
                cells[role_col] = "/".join(roles.get(x.lower(), x) for x in parts)
            w.writerow(cells)
    return out, [c for c in columns if c]


def merge_staff(scenario: Scenario, path: str | Path,
                current: list[dict[str, Any]] | None = None) -> StaffMerge:
    """Compare a staff list with the scenario's staff (``current``: its staff as dicts, if edited).

    Raises ScenarioError naming the file's row and column for a bad cell."""
    path = Path(path)
    current = current if current is not None else [p.model_dump(mode="json", exclude_defaults=True)
                                                  for p in scenario.staff]
    with tempfile.TemporaryDirectory() as tmp:
        plain, columns = _translated(path, scenario, Path(tmp))
        try:
            people = read_staff(plain, scenario)
        except ScenarioError as exc:
            exc.file = path.name
            raise
    given = [c for c in columns if c in STAFF_COLUMNS and c != "id"]
    merged = [dict(p) for p in current]
    index = {p["id"]: i for i, p in enumerate(merged)}
    out = StaffMerge(rows=len(people))
    for person in people:
        new = person.model_dump(mode="json", exclude_defaults=True)
        if person.id not in index:
            merged.append(new)
            index[person.id] = len(merged) - 1
            out.added.append(person.id)
            continue
        old = merged[index[person.id]]
        for col in given:
            if col not in new:  # an empty cell keeps the scenario's value
                continue
            if old.get(col) != new[col]:
                out.changed.append(FieldChange(person.id, col, old.get(col), new[col]))
                old[col] = new[col]
    seen = {p.id for p in people}
    out.missing = [p["id"] for p in current if p["id"] not in seen]
    out.merged = merged
    return out


def template_xlsx(scenario: Scenario, path: str | Path) -> None:
    """A staff list workbook to fill in: the template's columns, the scenario's people as rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "staff"
    ws.append(list(TEMPLATE_COLUMNS))
    role_name = {r.id: r.label for r in scenario.roles}
    for p in scenario.staff:
        rules = p.model_dump(mode="json", exclude_defaults=True)
        ws.append([p.id, p.name, "、".join(role_name.get(r, r) for r in p.roles),
                   p.hired.isoformat() if p.hired else "", ", ".join(p.cannot),
                   ", ".join(d.isoformat() for d in p.days_off),
                   _number(rules.get("max_hours_per_week")),
                   _number(rules.get("max_consecutive_work_days"))])
    for col, width in zip("ABCDEFGH", (10, 12, 16, 12, 10, 16, 18, 22), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)


def _number(value: Any) -> Any:
    """A plain number for a cell; a soft limit (value and weight) as its value."""
    if isinstance(value, dict):
        return value.get("value", "")
    return "" if value is None else value
