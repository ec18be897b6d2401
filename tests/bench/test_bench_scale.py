"""`roster bench scale`: engine and peer rows in one CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from roster.bench.scale import make_centre
from roster.bench.scale_table import cost_at, empty_hard_seats
from roster.cli import app
from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.model.demand import seats_table
from roster.model.roster import Roster


def test_scale_writes_engine_and_peer_rows(tmp_path: Path) -> None:
    out = tmp_path / "scale.csv"
    res = CliRunner().invoke(app, ["bench", "scale", "--sizes", "20", "--at", "2,4", "--out", str(out),
                                   "--write-scenario", str(tmp_path / "centres")])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["staff"], r["who"]) for r in rows] == [("20", "engine"), ("20", "peer")]
    assert {"build_s", "first_s", "cost_2s", "cost_4s", "cost", "hard", "empty_hard_seats", "peak_mib",
            "status"} <= set(rows[0])
    assert all(float(r["peak_mib"]) > 0 for r in rows)
    assert "engine / peer cost" in res.output
    assert load_scenario(tmp_path / "centres" / "centre-20.yaml") == make_centre(20)


def test_cost_at_and_empty_seats() -> None:
    assert cost_at([(1.0, 50), (3.0, 20)], 0.5) is None
    assert cost_at([(1.0, 50), (3.0, 20)], 2) == 50
    assert cost_at([(1.0, 50), (3.0, 20)], 3) == 20
    sc = make_centre(20)
    hard = [st.min for st in seats_table(sc, Calendar(sc)).values() if st.min_weight is None]
    assert empty_hard_seats(sc, Roster()) == sum(hard)
