"""Holidays by name across the year: published rosters count holiday shifts by holiday name
(chinese-calendar's Spring Festival, National Day …), the carry brings the year's counts and each
holiday's last occurrence in, and whoever worked last Spring Festival is last in line for this one."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from roster.cli import app
from roster.io.carry import carried_forward, read_carry
from roster.io.load import load_scenario
from roster.io.store import Store
from roster.model.calendar import Calendar
from roster.model.fairness import Band, fair_bands
from roster.model.parse import ScenarioError
from tests.conftest import roster_of, run, tiny

THREE = [{"id": p, "roles": ["agent"]} for p in ("A", "B", "C")]
ONE_SEAT = [{"shift": "D", "role": "agent", "min": 1, "max": 1}]


def festival(**over):
    """16-18 February 2026, three days of Spring Festival; one D seat a day; fair holidays at 10."""
    return tiny(**{"name": "desk", "horizon": {"start": "2026-02-16", "end": "2026-02-18"},
                   "holidays": {"country": "CN"}, "staff": THREE, "demand": ONE_SEAT,
                   "fairness": {"holidays": 10}, **over})


def test_whoever_worked_last_spring_festival_is_last_in_line() -> None:
    plain = fair_bands(festival(), Calendar(festival()))["holidays"]
    assert plain == {p: Band(1, 1) for p in "ABC"}
    # A worked two shifts of last year's Spring Festival: the level for B and C is (3 + 0) / 6, A's
    # share max(0, 1.5 - 2) = 0
    sc = festival(fairness_carry=[{"staff": "A", "last_holidays": {"Spring Festival": 2}}])
    assert fair_bands(sc, Calendar(sc))["holidays"] == {"A": Band(0, 0), "B": Band(1, 2), "C": Band(1, 2)}
    r = run(sc)
    assert r.status == "OPTIMAL" and r.objective == 0
    assert len(r.roster) == 3 and "A" not in {a.staff for a in r.roster}
    # the last National Day says nothing about this Spring Festival
    other = festival(fairness_carry=[{"staff": "A", "last_holidays": {"National Day": 5}}])
    assert fair_bands(other, Calendar(other))["holidays"] == plain


def test_published_months_give_the_year_by_name_and_each_holidays_last_occurrence(tmp_path) -> None:
    store = Store(tmp_path / "r.db")
    # Spring Festival 2025 ran 28 January .. 4 February: A works two of its days in January, B one
    # in February; National Day 2025: C on 1 and 2 October
    jan = store.save_scenario(tiny(name="desk", horizon={"start": "2025-01-27", "end": "2025-01-31"},
                                   holidays={"country": "CN"}, staff=THREE))
    feb = store.save_scenario(tiny(name="desk", horizon={"start": "2025-02-01", "end": "2025-02-05"},
                                   holidays={"country": "CN"}, staff=THREE))
    oct_ = store.save_scenario(tiny(name="desk", horizon={"start": "2025-10-01", "end": "2025-10-03"},
                                    holidays={"country": "CN"}, staff=THREE))
    store.publish(store.save_roster(jan.id, roster_of(("2025-01-28", "A", "D", "agent"),
                                                      ("2025-01-29", "A", "D", "agent"),
                                                      ("2025-01-27", "B", "D", "agent"))))  # a workday
    store.publish(store.save_roster(feb.id, roster_of(("2025-02-03", "B", "D", "agent"))))
    store.publish(store.save_roster(oct_.id, roster_of(("2025-10-01", "C", "D", "agent"),
                                                       ("2025-10-02", "C", "N", "agent"))))
    rows = {r["staff"]: r for r in store.year_to_date("desk", dt.date(2025, 11, 1))}
    assert rows["A"]["holidays"] == 2 and rows["A"]["by_holiday"] == {"Spring Festival": 2}
    assert rows["B"]["by_holiday"] == {"Spring Festival": 1} and rows["B"]["holidays"] == 1
    assert rows["C"]["by_holiday"] == {"National Day": 2}
    assert rows["A"]["last_holidays"] == {"Spring Festival": 2}
    assert rows["C"]["last_holidays"] == {"National Day": 2}
    # a new year: the year's counts start again, the last occurrence of each holiday stays
    new_year = {r["staff"]: r for r in store.year_to_date("desk", dt.date(2026, 2, 1))}
    assert new_year["A"] == {"staff": "A", "nights": 0, "weekends": 0, "holidays": 0, "hours": 0,
                             "last_holidays": {"Spring Festival": 2}}
    assert new_year["B"]["last_holidays"] == {"Spring Festival": 1} and "by_holiday" not in new_year["B"]

    out = tmp_path / "carry.csv"
    res = CliRunner().invoke(app, ["store", "carry", "desk", "--before", "2026-02-01", "--out", str(out),
                                   "--db", str(tmp_path / "r.db")])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == \
        "staff,nights,weekends,holidays,hours,last:National Day,last:Spring Festival"
    carry = {r["staff"]: r for r in read_carry(out)}
    assert carry["A"]["last_holidays"] == {"Spring Festival": 2}
    assert carry["C"]["last_holidays"] == {"National Day": 2}
    # the February 2026 scenario reads the file: A and B, who worked last Spring Festival, come last
    path = tmp_path / "feb.yaml"
    path.write_text("""\
name: desk
horizon: {start: 2026-02-16, end: 2026-02-18}
holidays: {country: CN}
roles: [{id: agent}]
shifts: [{id: D, start: "08:00", end: "16:00"}]
staff: [{id: A, roles: [agent]}, {id: B, roles: [agent]}, {id: C, roles: [agent]}]
demand: [{shift: D, role: agent, min: 1, max: 1}]
fairness: {holidays: 10}
fairness_carry: carry.csv
""", encoding="utf-8")
    sc = load_scenario(path)
    # level (3 + 1) / 6 = 2/3 > B's 1/3, so A (2/3 → 2/3 · 3 − 2 = 0), B 1, C 2
    assert fair_bands(sc, Calendar(sc))["holidays"] == {"A": Band(0, 0), "B": Band(1, 1), "C": Band(2, 2)}


def test_the_carry_forward_adds_the_year_and_keeps_a_holiday_begun_the_month_before() -> None:
    # February 2025 starts inside Spring Festival (begun 28 January): A's January days stay counted
    sc = tiny(horizon={"start": "2025-02-01", "end": "2025-02-05"}, holidays={"country": "CN"}, staff=THREE,
              fairness_carry=[{"staff": "A", "holidays": 2, "by_holiday": {"Spring Festival": 2},
                               "last_holidays": {"Spring Festival": 2, "National Day": 1}},
                              {"staff": "B", "last_holidays": {"Spring Festival": 3}}])
    rows = {r["staff"]: r for r in carried_forward(sc, roster_of(("2025-02-02", "A", "D", "agent"),
                                                                  ("2025-02-05", "C", "D", "agent")))}
    assert rows["A"]["holidays"] == 3
    assert rows["A"]["by_holiday"] == {"Spring Festival": 3}
    assert rows["A"]["last_holidays"] == {"National Day": 1, "Spring Festival": 3}
    assert rows["B"]["last_holidays"] == {"Spring Festival": 3}  # 2024's occurrence went on, B worked none of it
    assert "last_holidays" not in rows["C"] and "by_holiday" not in rows["C"]  # 5 February is a workday


@pytest.mark.parametrize(("carry", "field", "value"), [
    ([{"staff": "A", "last_holidays": {"Spring Festivel": 1}}], "fairness_carry[0].last_holidays", "Spring Festivel"),
    ([{"staff": "A", "by_holiday": {"National Day": -1}}], "fairness_carry[0].by_holiday", -1),
])
def test_bad_counts_by_name_are_named(carry, field, value) -> None:
    with pytest.raises(ScenarioError) as err:
        festival(fairness_carry=carry)
    assert err.value.field.startswith(field) and err.value.value == value, str(err.value)
    if value == "Spring Festivel":
        assert "Spring Festival" in err.value.hint


def test_a_bad_count_by_name_in_the_csv_names_file_line_and_column(tmp_path) -> None:
    path = tmp_path / "carry.csv"
    path.write_text("staff,last:Spring Festival\nA,two\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        read_carry(path)
    assert str(err.value).startswith(f"{path}: line 2, column last:Spring Festival = 'two': not a number")
    path.write_text("staff,first:Spring Festival\nA,1\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        read_carry(path)
    assert err.value.value == "first:Spring Festival" and "last:NAME" in err.value.hint


def test_the_summary_counts_holidays_by_name_beside_the_year() -> None:
    from roster.io.result_json import roster_dict
    from roster.reports.summary import person_summary

    sc = festival(fairness_carry=[{"staff": "B", "holidays": 4, "by_holiday": {"Spring Festival": 1,
                                                                               "National Day": 3}}])
    roster = roster_of(("2026-02-16", "B", "D", "agent"), ("2026-02-17", "B", "D", "agent"),
                       ("2026-02-18", "C", "D", "agent"))
    frame = person_summary(sc, roster).set_index("staff_id")
    assert list(frame.loc["B", ["holidays", "holidays: Spring Festival", "ytd_holidays",
                                "ytd_holidays: National Day", "ytd_holidays: Spring Festival"]]) == [2, 2, 6, 3, 3]
    assert list(frame.loc["A", ["holidays: Spring Festival", "ytd_holidays: Spring Festival"]]) == [0, 0]
    people = {p["staff_id"]: p for p in roster_dict(sc, roster)["summary"]}
    assert people["C"]["holidays: Spring Festival"] == 1 and people["B"]["ytd_holidays: National Day"] == 3
