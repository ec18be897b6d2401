"""The SQLite store: versions are never overwritten, writes are all-or-nothing, the CLI reads it."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster.cli import app
from roster.io.load import load_scenario
from roster.io.store import Store, default_path
from roster.model.parse import ScenarioError
from roster.model.roster import Assignment, Roster


def test_each_save_is_a_new_version(tmp_path: Path, small_yaml: Path) -> None:
    store = Store(tmp_path / "r.db")
    sc = load_scenario(small_yaml)
    v1 = store.save_scenario(sc, note="first")
    v2 = store.save_scenario(sc.model_copy(update={"name": "renamed inside"}), name=sc.name, note="second")
    assert (v1.number, v2.number) == (1, 2)
    assert [v.number for v in store.versions(sc.name)] == [2, 1]
    assert store.load_scenario(v1.id) == sc
    assert store.load_scenario(v2.id).name == "renamed inside"
    assert store.version(sc.name).id == v2.id
    assert store.version(sc.name, 1).note == "first"
    assert store.names() == [sc.name]


def test_rosters_are_kept_with_their_version(tmp_path: Path, small_yaml: Path) -> None:
    store = Store(tmp_path / "r.db")
    v = store.save_scenario(load_scenario(small_yaml))
    roster = Roster.of([Assignment(dt.date(2026, 12, 7), "A1", "D", "agent"),
                        Assignment(dt.date(2026, 12, 8), "A2", "E", "agent", "P1")])
    first = store.save_roster(v.id, roster, "OPTIMAL", 3.0, 3.0, 0.5)
    second = store.save_roster(v.id, Roster(), "FEASIBLE", 9.0, 1.0, 0.2, note="stopped")
    saved = store.rosters(v.id)
    assert [r.id for r in saved] == [second, first]
    assert saved[1].roster == roster and saved[1].objective == 3.0
    assert store.latest_roster(v.id).note == "stopped"
    assert store.versions()[0].rosters == 2


def test_bad_lookups_are_scenario_errors(tmp_path: Path, small_yaml: Path) -> None:
    store = Store(tmp_path / "r.db")
    with pytest.raises(ScenarioError, match="no saved scenario"):
        store.version("nothing")
    store.save_scenario(load_scenario(small_yaml))
    with pytest.raises(ScenarioError) as err:
        store.version("small desk", 7)
    assert err.value.field == "version" and err.value.value == 7
    with pytest.raises(ScenarioError, match="no such version"):
        store.save_roster(999, Roster())
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not sqlite" * 100, encoding="utf-8")
    with pytest.raises(ScenarioError, match="not a roster store"):
        Store(not_db)


def test_path_comes_from_roster_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROSTER_DB", str(tmp_path / "env.db"))
    assert default_path() == tmp_path / "env.db"
    assert Store().path == tmp_path / "env.db"
    monkeypatch.delenv("ROSTER_DB")
    assert default_path() == Path("roster.db")


def test_failed_write_leaves_nothing_behind(tmp_path: Path, small_yaml: Path) -> None:
    store = Store(tmp_path / "r.db")
    v = store.save_scenario(load_scenario(small_yaml))
    with pytest.raises(RuntimeError), store.transaction() as con:
        con.execute("INSERT INTO rosters (version_id, status, assignments, created) VALUES (?, 'X', '[]', 'now')",
                    (v.id,))
        raise RuntimeError("power cut")
    assert store.rosters(v.id) == []


_WRITER = """
import sys
from roster.io.load import load_scenario
from roster.io.store import Store
store = Store(sys.argv[1])
sc = load_scenario(sys.argv[2])
i = 0
while True:
    i += 1
    v = store.save_scenario(sc, note=f"save {i}")
    print(v.number, flush=True)
"""


def test_killing_a_save_loses_nothing_saved_before(tmp_path: Path, small_yaml: Path) -> None:
    db = tmp_path / "r.db"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(db), str(small_yaml)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    done: list[int] = []
    deadline = time.monotonic() + 30
    while len(done) < 20 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        done.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)  # in the middle of the next save
    proc.wait(10)
    assert len(done) >= 20, "the writer saved versions before it was killed"
    store = Store(db)
    assert store.check() == "ok"
    numbers = {v.number for v in store.versions("small desk")}
    assert set(done) <= numbers, "every save reported as done is still there"
    assert numbers == set(range(1, max(numbers) + 1)), "no half-written version"
    sc = load_scenario(small_yaml)
    for v in store.versions("small desk"):
        assert store.load_scenario(v.id) == sc
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_cli_store_list_show_export(tmp_path: Path, small_yaml: Path) -> None:
    db = tmp_path / "r.db"
    runner = CliRunner()
    res = runner.invoke(app, ["store", "save", str(small_yaml), "--db", str(db), "--note", "first try"])
    assert res.exit_code == 0, res.output
    store = Store(db)
    v = store.version("small desk")
    store.save_roster(v.id, Roster.of([Assignment(dt.date(2026, 12, 7), "A1", "D", "agent")]))
    res = runner.invoke(app, ["store", "list", "--db", str(db)])
    assert res.exit_code == 0 and "small desk\tv1" in res.output and "1 roster(s)" in res.output
    res = runner.invoke(app, ["store", "show", "small desk", "--db", str(db)])
    assert res.exit_code == 0 and "horizon:" in res.output and "roster 1" in res.output
    out = tmp_path / "out"
    res = runner.invoke(app, ["store", "export", "small desk", "--db", str(db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert load_scenario(out / "scenario.yaml") == load_scenario(small_yaml)
    assert "2026-12-07,A1,D" in (out / "roster.csv").read_text(encoding="utf-8")
    assert (out / "roster.xlsx").stat().st_size > 0
    res = runner.invoke(app, ["store", "show", "missing", "--db", str(db)])
    assert res.exit_code == 2 and "no saved scenario" in res.output
    assert "Traceback" not in res.output


def test_a_draft_keeps_the_scenario_and_the_roster_on_screen(small_yaml, tmp_path) -> None:
    import datetime as dt

    from roster.app import drafts
    from roster.io.load import load_scenario
    from roster.model.roster import Assignment, Roster

    sc = load_scenario(small_yaml)
    roster = Roster.of([Assignment(dt.date(2026, 12, 7), "A1", "D", "agent", None, None)])
    path = tmp_path / "roster.db"
    assert drafts.load(path, "nope") is None
    drafts.save(path, "abc", sc, "small.yaml", roster, "FEASIBLE")
    back = drafts.load(path, "abc")
    assert back is not None and back.scenario == sc and back.source == "small.yaml"
    assert list(back.roster) == list(roster) and back.status == "FEASIBLE" and back.version_id is None
    drafts.save(path, "abc", sc.model_copy(update={"name": "renamed"}), "small.yaml")  # overwritten
    again = drafts.load(path, "abc")
    assert again.scenario.name == "renamed" and again.roster is None
