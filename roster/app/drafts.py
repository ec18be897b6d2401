"""Drafts: the scenario being edited and the roster on screen, saved after every change in the
store's SQLite file (table ``drafts``, one row per draft id), so a reload of the page (or a
crash of the browser) brings the work back.

The draft id lives in the page address (``?draft=…``); saving a version does not remove the
draft, and opening another scenario starts a new one. The row is written in one transaction, as
the store writes its own tables.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from roster.io.load import dump_scenario, read_yaml_lines
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

from . import tables

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    yaml TEXT NOT NULL,
    roster TEXT,
    status TEXT,
    version_id INTEGER,
    saved_hash TEXT,
    updated TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Draft:
    id: str
    source: str
    scenario: Scenario
    roster: Roster | None
    status: str | None
    version_id: int | None
    """The saved version the draft started from (None: never saved)."""
    updated: str


def new_id() -> str:
    return secrets.token_hex(6)


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(_SCHEMA)
    return con


def save(path: str | Path, draft_id: str, scenario: Scenario, source: str,
         roster: Roster | None = None, status: str | None = None,
         version_id: int | None = None) -> None:
    """Write (or overwrite) the draft ``draft_id``."""
    cells = None if roster is None else json.dumps(
        [[str(a.date), a.staff, a.shift, a.role, a.post, a.break_at] for a in roster],
        ensure_ascii=False)
    con = _connect(Path(path))
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT OR REPLACE INTO drafts "
                    "(id, source, yaml, roster, status, version_id, saved_hash, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                    (draft_id, source, dump_scenario(scenario), cells, status, version_id,
                     dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        con.execute("COMMIT")
    finally:
        con.close()


def load(path: str | Path, draft_id: str) -> Draft | None:
    """The draft ``draft_id``, or None when there is none (or it can no longer be read)."""
    if not Path(path).is_file():
        return None
    con = _connect(Path(path))
    try:
        row = con.execute("SELECT id, source, yaml, roster, status, version_id, updated "
                          "FROM drafts WHERE id = ?", (draft_id,)).fetchone()
    finally:
        con.close()
    if row is None:
        return None
    try:
        data, lines = read_yaml_lines(row[2])
        scenario = tables.parse_scenario(data, row[1] or "draft", lines)
    except (ScenarioError, ValueError):
        return None
    roster = None
    if row[3]:
        roster = Roster.of(Assignment(dt.date.fromisoformat(c[0]), c[1], c[2], c[3], c[4], c[5])
                           for c in json.loads(row[3]))
    return Draft(row[0], row[1], scenario, roster, row[4], row[5], row[6])
