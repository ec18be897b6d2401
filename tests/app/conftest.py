"""Shared fixtures for the app tests: a small scenario that solves in well under a second."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
"""The repository root (scenarios/ and app_streamlit.py live there)."""

SMALL = """\
name: small desk
horizon: {start: 2026-12-07, end: 2026-12-13}
roles:
  - {id: agent}
shifts:
  - {id: D, name: Day, start: "08:00", end: "16:00"}
  - {id: E, name: Evening, start: "14:00", end: "22:00"}
staff:
  - {id: A1, name: Ann, roles: [agent]}
  - {id: A2, name: Bob, roles: [agent]}
  - {id: A3, name: Cai, roles: [agent]}
  - {id: A4, name: Dan, roles: [agent]}
demand:
  - {shift: D, role: agent, min: 1, max: 2}
  - {shift: E, role: agent, min: 1, max: 2}
leave:
  - {staff: A4, start: 2026-12-08, end: 2026-12-09}
rules:
  max_consecutive_work_days: 5
  max_hours_per_week: 40
"""


@pytest.fixture
def small_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store file, named by ROSTER_DB for the app."""
    path = tmp_path / "roster.db"
    monkeypatch.setenv("ROSTER_DB", str(path))
    return path
