"""Saved scenarios, their versions and solved rosters in one SQLite file.

Every save adds a row; nothing is overwritten. Each write is one transaction in WAL mode, so a
process killed in the middle of a save leaves every earlier save intact. The file is ``roster.db``
in the working folder unless a path is given or the ``ROSTER_DB`` environment variable names one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roster.io.carry import holiday_counts, month_counts
from roster.io.load import dump_scenario, read_yaml
from roster.model.parse import ScenarioError, scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

DEFAULT_FILE = "roster.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS scenarios (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
    number INTEGER NOT NULL,
    yaml TEXT NOT NULL,
    hash TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    UNIQUE (scenario_id, number)
);
CREATE TABLE IF NOT EXISTS rosters (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    status TEXT NOT NULL,
    objective REAL,
    bound REAL,
    seconds REAL,
    assignments TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS published (
    id INTEGER PRIMARY KEY,
    roster_id INTEGER NOT NULL REFERENCES rosters(id),
    scenario TEXT NOT NULL,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    counts TEXT NOT NULL,
    created TEXT NOT NULL
);
"""


def default_path() -> Path:
    """``$ROSTER_DB`` if set, else ``roster.db`` in the working folder."""
    return Path(os.environ.get("ROSTER_DB") or DEFAULT_FILE)


def yaml_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Version:
    """One saved version of a named scenario."""

    id: int
    scenario: str
    number: int
    hash: str
    note: str
    created: str
    rosters: int = 0

    @property
    def label(self) -> str:
        return f"{self.scenario} v{self.number}"


@dataclass(frozen=True)
class SavedRoster:
    """A solved roster kept with the version it was solved for."""

    id: int
    version_id: int
    status: str
    objective: float | None
    bound: float | None
    seconds: float | None
    note: str
    created: str
    roster: Roster


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """A SQLite file of scenarios, versions and rosters."""

    def __init__(self, path: str | Path | None = None, create: bool = True) -> None:
        """Open the store at ``path``; without ``create`` a missing file is an error (nothing is
        made)."""
        self.path = Path(path) if path is not None else default_path()
        if not create and not self.path.is_file():
            raise ScenarioError(str(self.path), "", None,
                                "is a folder, not a roster store" if self.path.is_dir()
                                else "no roster store here",
                                hint="save a scenario first (`roster store save`), or point --db "
                                     "at an existing store")
        if self.path.is_dir():
            raise ScenarioError(str(self.path), "", None, "is a folder, not a roster store",
                                hint="give a file name, e.g. roster.db")
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._connect() as con:
                con.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise ScenarioError(str(self.path), "", None, f"not a roster store: {exc}",
                                hint="point ROSTER_DB at a new file or an existing roster store",
                                ) from None

    # ---- connections --------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA foreign_keys=ON")
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is saved, or none of it."""
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # ---- scenarios and versions --------------------------------------
    def save_scenario(self, scenario: Scenario, name: str | None = None, note: str = "") -> Version:
        """Save a new version of ``name`` (default: the scenario's own name)."""
        name = (name or scenario.name).strip() or "scenario"
        text = dump_scenario(scenario)
        created = _now()
        with self.transaction() as con:
            row = con.execute("SELECT id FROM scenarios WHERE name = ?", (name,)).fetchone()
            if row is None:
                sid = con.execute("INSERT INTO scenarios (name, created) VALUES (?, ?)",
                                  (name, created)).lastrowid
            else:
                sid = row[0]
            number = con.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE "
                                 "scenario_id = ?",
                                 (sid,)).fetchone()[0]
            vid = con.execute(
                "INSERT INTO versions (scenario_id, number, yaml, hash, note, created) VALUES (?, "
                "?, ?, ?, ?, ?)",
                (sid, number, text, yaml_hash(text), note, created)).lastrowid
        return Version(vid, name, number, yaml_hash(text), note, created)

    def names(self) -> list[str]:
        """Saved scenario names, most recently saved first."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT s.name FROM scenarios s JOIN versions v ON v.scenario_id = s.id "
                "GROUP BY s.id ORDER BY MAX(v.id) DESC").fetchall()
        return [r[0] for r in rows]

    def versions(self, name: str | None = None) -> list[Version]:
        """Versions of one scenario (or of all), newest first."""
        sql = ("SELECT v.id, s.name, v.number, v.hash, v.note, v.created, "
               "(SELECT COUNT(*) FROM rosters r WHERE r.version_id = v.id) "
               "FROM versions v JOIN scenarios s ON s.id = v.scenario_id")
        args: tuple[Any, ...] = ()
        if name is not None:
            sql += " WHERE s.name = ?"
            args = (name,)
        with self._connect() as con:
            rows = con.execute(sql + " ORDER BY v.id DESC", args).fetchall()
        return [Version(*r) for r in rows]

    def version(self, name: str, number: int | None = None) -> Version:
        """One version of a scenario (default: the newest)."""
        found = self.versions(name)
        if not found:
            raise ScenarioError(str(self.path), "scenario", name, "no saved scenario of this name",
                                hint="saved: " + ", ".join(self.names()) if self.names()
                                else "the store is empty")
        if number is None:
            return found[0]
        for v in found:
            if v.number == number:
                return v
        raise ScenarioError(str(self.path), "version", number, f"{name} has no such version",
                            hint="versions: " + ", ".join(str(v.number) for v in reversed(found)))

    def version_by_id(self, version_id: int) -> Version:
        for v in self.versions():
            if v.id == version_id:
                return v
        raise ScenarioError(str(self.path), "version", version_id, "no such version id")

    def scenario_text(self, version_id: int) -> str:
        with self._connect() as con:
            row = con.execute("SELECT yaml FROM versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise ScenarioError(str(self.path), "version", version_id, "no such version id")
        return row[0]

    def load_scenario(self, version_id: int) -> Scenario:
        """The scenario saved as this version."""
        v = self.version_by_id(version_id)
        return scenario_from_dict(read_yaml(self.scenario_text(version_id)),
                                  f"{self.path}:{v.label}")

    # ---- rosters ------------------------------------------------------
    def save_roster(self, version_id: int, roster: Roster, status: str = "FEASIBLE",
                    objective: float | None = None, bound: float | None = None,
                    seconds: float | None = None, note: str = "") -> int:
        """Keep a solved roster with the version it belongs to; returns its id."""
        cells = [[str(a.date), a.staff, a.shift, a.role, a.post,
                  *([a.break_at] if a.break_at else [])]
                 for a in roster]
        with self.transaction() as con:
            if con.execute("SELECT 1 FROM versions WHERE id = ?", (version_id,)).fetchone() is None:
                raise ScenarioError(str(self.path), "version", version_id, "no such version id")
            return con.execute(
                "INSERT INTO rosters (version_id, status, objective, bound, seconds, assignments, "
                "note, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (version_id, status, objective, bound, seconds,
                 json.dumps(cells, ensure_ascii=False), note, _now())).lastrowid

    def save_result(self, version_id: int, result: Any, note: str = "") -> int:
        """Keep a solver Result (status, objective, bound, seconds, roster)."""
        return self.save_roster(version_id, result.roster, result.status, result.objective,
                                result.bound, result.seconds, note)

    def rosters(self, version_id: int) -> list[SavedRoster]:
        """Rosters solved for a version, newest first."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT id, version_id, status, objective, bound, seconds, note, created, "
                "assignments FROM rosters WHERE version_id = ? ORDER BY id DESC",
                (version_id,)).fetchall()
        return [SavedRoster(*r[:8], _roster(r[8])) for r in rows]

    def latest_roster(self, version_id: int) -> SavedRoster | None:
        found = self.rosters(version_id)
        return found[0] if found else None

    # ---- published rosters and the year so far ------------------------
    def publish(self, roster_id: int) -> int:
        """Mark a saved roster published: its per-person counts (nights, weekend and holiday
        shifts, hours) are kept for the fairness carry. A later publication for the same scenario
        and horizon start replaces it in the year's counts."""
        with self._connect() as con:
            row = con.execute("SELECT version_id, assignments FROM rosters WHERE id = ?",
                              (roster_id,)).fetchone()
        if row is None:
            raise ScenarioError(str(self.path), "roster", roster_id, "no such roster id",
                                hint="`roster store show <name>` lists the rosters of a scenario")
        version = self.version_by_id(row[0])
        scenario = self.load_scenario(version.id)
        roster = _roster(row[1])
        counts: dict[str, Any] = month_counts(scenario, roster)
        # holiday shifts by name and the year of the holiday's days
        for who, names in holiday_counts(scenario, roster).items():
            counts[who]["by_holiday"] = {name: {str(y): n for y, n in years.items()}
                                         for name, years in names.items()}
        with self.transaction() as con:
            return con.execute(
                "INSERT INTO published (roster_id, scenario, start, end, counts, created) VALUES "
                "(?, ?, ?, ?, ?, ?)",
                (roster_id, version.scenario, str(scenario.horizon.start),
                 str(scenario.horizon.end), json.dumps(counts, ensure_ascii=False),
                 _now())).lastrowid

    def year_to_date(self, name: str, before: dt.date) -> list[dict[str, Any]]:
        """``fairness_carry`` rows: the counts of the scenario's published rosters whose horizon
        starts in ``before``'s year and ends before it (the newest publication of each horizon).

        By holiday name: ``by_holiday``, the year's holiday shifts on days of ``before``'s year;
        ``last_holidays``, each person's shifts on the last occurrence of each holiday (the latest
        year with a published shift on it, in any published roster ending before ``before``: last
        year's Spring Festival for this year's). Each is left out of a row where it is empty."""
        with self._connect() as con:
            rows = con.execute("SELECT start, end, counts FROM published WHERE scenario = ? ORDER "
                               "BY id",
                               (name,)).fetchall()
        latest: dict[str, dict[str, dict[str, Any]]] = {}
        every: dict[str, dict[str, dict[str, Any]]] = {}
        for start, end, counts in rows:
            first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
            if last < before:
                every[start] = json.loads(counts)
                if first.year == before.year:
                    latest[start] = every[start]
        total: dict[str, dict[str, float]] = {}
        for counts in latest.values():
            for who, kinds in counts.items():
                mine = total.setdefault(who, {})
                for kind, n in kinds.items():
                    if kind != "by_holiday":
                        mine[kind] = mine.get(kind, 0) + n
        # holiday shifts by (name, year), per person, over every published horizon before the date
        named: dict[str, dict[str, dict[int, int]]] = {}
        for counts in every.values():
            for who, kinds in counts.items():
                for holiday, years in (kinds.get("by_holiday") or {}).items():
                    for year, n in years.items():
                        slot = named.setdefault(who, {}).setdefault(holiday, {})
                        slot[int(year)] = slot.get(int(year), 0) + n
        newest: dict[str, int] = {}
        for names in named.values():
            for holiday, years in names.items():
                newest[holiday] = max(newest.get(holiday, 0), max(years))
        out = []
        zero = dict.fromkeys(("nights", "weekends", "holidays", "hours"), 0)
        for who in sorted(set(total) | set(named)):  # a new year: last year's holidays still count
            kinds = total.get(who, zero)
            row: dict[str, Any] = {"staff": who, **{k: (round(v, 2) if k == "hours" else int(v))
                                                    for k, v in kinds.items()}}
            names = named.get(who, {})
            year = {h: ys[before.year] for h, ys in sorted(names.items()) if ys.get(before.year)}
            last = {h: ys[newest[h]] for h, ys in sorted(names.items()) if ys.get(newest[h])}
            if year:
                row["by_holiday"] = year
            if last:
                row["last_holidays"] = last
            out.append(row)
        return out

    def check(self) -> str:
        """SQLite's own integrity check ("ok" when the file is sound)."""
        with self._connect() as con:
            return con.execute("PRAGMA integrity_check").fetchone()[0]


def _roster(text: str) -> Roster:
    """Cells are [date, staff, shift, role, post] and, when the roster placed a break, its start."""
    return Roster.of(Assignment(dt.date.fromisoformat(c[0]), c[1], c[2], c[3], c[4], c[5]
                                if len(c) > 5 else None)
                     for c in json.loads(text))
