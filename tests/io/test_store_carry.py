"""Published rosters in the store: their counts add up to the year so far, which the CLI writes as
the next month's fairness carry."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from roster.cli import app
from roster.io.carry import read_carry
from roster.io.store import Store
from tests.conftest import roster_of, tiny

WEEK_1 = {"start": "2026-12-07", "end": "2026-12-13"}
WEEK_2 = {"start": "2026-12-14", "end": "2026-12-20"}


def test_published_rosters_make_the_year_so_far(tmp_path) -> None:
    store = Store(tmp_path / "r.db")
    first = store.save_scenario(tiny(name="desk", horizon=WEEK_1))
    draft = store.save_roster(first.id, roster_of(("2026-12-07", "A", "N", "agent")))
    week1 = store.save_roster(first.id, roster_of(("2026-12-07", "A", "N", "agent"), ("2026-12-12", "B", "D", "agent")))
    store.publish(draft)
    store.publish(week1)  # published again for the same horizon: the later one counts
    second = store.save_scenario(tiny(name="desk", horizon=WEEK_2))
    week2 = store.save_roster(second.id, roster_of(("2026-12-14", "A", "N", "agent"),
                                                   ("2026-12-15", "A", "D", "agent")))
    store.publish(week2)
    rows = {r["staff"]: r for r in store.year_to_date("desk", dt.date(2026, 12, 21))}
    assert rows["A"] == {"staff": "A", "nights": 2, "weekends": 0, "holidays": 0, "hours": 28}
    assert rows["B"] == {"staff": "B", "nights": 0, "weekends": 1, "holidays": 0, "hours": 8}
    early = {r["staff"]: r for r in store.year_to_date("desk", dt.date(2026, 12, 14))}
    assert early["A"]["nights"] == 1 and early["A"]["hours"] == 10  # week 2 not yet over
    assert store.year_to_date("desk", dt.date(2027, 1, 1)) == []  # a new year starts from zero

    out = tmp_path / "carry.csv"
    res = CliRunner().invoke(app, ["store", "carry", "desk", "--before", "2026-12-21", "--out", str(out),
                                   "--db", str(tmp_path / "r.db")])
    assert res.exit_code == 0, res.output
    assert {r["staff"]: r["nights"] for r in read_carry(out)} == {"A": 2, "B": 0}


def test_publishing_an_unknown_roster_is_an_error(tmp_path) -> None:
    Store(tmp_path / "r.db").save_scenario(tiny(name="desk"))
    res = CliRunner().invoke(app, ["store", "publish", "99", "--db", str(tmp_path / "r.db")])
    assert res.exit_code == 2 and "no such roster id" in res.output
