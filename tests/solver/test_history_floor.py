"""The previous roster's last night on day 1's early intervals (``history``), and the summary's word on it."""

from __future__ import annotations

import datetime as dt

from roster.model.calendar import Calendar
from roster.model.intervals import history_on_floor, on_floor
from roster.model.roster import Roster
from roster.reports.intervals import summary_lines
from roster.solver.search.construct import Search
from roster.validate import validate
from tests.conftest import run, tiny

DAY = dt.date(2026, 12, 7)
NIGHT = {"id": "N", "start": "22:00", "end": "07:00", "break": {"minutes": 60, "within": ["01:00", "04:00"]}}
EARLY = [{"interval": f"{h:02d}:{m:02d}", "agents": 1} for h in range(0, 7) for m in (0, 30)]


def _centre(**over):
    return tiny(horizon={"start": str(DAY), "end": str(DAY + dt.timedelta(days=1))}, shifts=[NIGHT],
                staff=[{"id": "A", "roles": ["agent"]}, {"id": "B", "roles": ["agent"]}],
                demand=[{"role": "agent", "per_interval": [{**r, "date": str(DAY)} for r in EARLY]}], **over)


def test_last_nights_people_count_on_day_ones_early_intervals():
    sc = _centre(history=[{"date": str(DAY - dt.timedelta(days=1)), "staff": "A", "shift": "N", "break_at": "02:00"}])
    cal = Calendar(sc)
    past = history_on_floor(sc, cal)
    assert sorted(t for (_r, t) in past) == [t for t in range(0, 420, 30) if t not in (120, 150)]
    report = validate(sc, Roster.of([]))
    # on the floor but for the hour of their break: 02:00 and 02:30 one short each
    assert report.costs() == {"interval_shortfall": 100 * 2}
    assert on_floor(sc, cal, [])[("agent", 0)] == 1
    r = run(sc)  # the solver counts them as the validator does (run() checks the costs agree)
    assert r.terms["interval_shortfall"] == 200
    search = Search(sc, cal, seed=0)
    search.construct()
    assert validate(sc, search.roster(), cal).cost == search.cost()


def test_the_summary_says_when_day_one_is_short_for_lack_of_history():
    sc = _centre()
    lines = summary_lines(sc, Roster.of([]))
    assert f"{DAY} agent: 14 intervals before 07:00 short for lack of history: only the night of 2026-12-06 " \
           "(the previous roster) can cover them; give it in `history` to count its people" in lines
    given = _centre(history=[{"date": "2026-12-06", "staff": "A", "shift": "N", "break_at": "01:00"}])
    lines = summary_lines(given, Roster.of([]))
    assert not any("for lack of history" in x for x in lines)
    assert f"{DAY} agent: 2 intervals before 02:00 short with the history's night of 2026-12-06 counted " \
           "(only that night can cover them)" in lines


def test_a_history_roster_file_may_name_template_starts_and_breaks(tmp_path):
    from roster.io.load import load_scenario

    (tmp_path / "november.csv").write_text("date,staff_id,shift,role,post,break_at\n"
                                           "2026-11-30,A,L2200,agent,,01:00\n", encoding="utf-8")
    (tmp_path / "december.yaml").write_text(
        "horizon: {start: 2026-12-01, end: 2026-12-01}\nroles: [{id: agent}]\n"
        "shift_templates:\n  - {id: L, start_between: ['22:00', '22:00'], hours: 8,"
        " break: {minutes: 60, within: ['01:00', '04:00']}}\n"
        "shifts: []\nstaff: [{id: A, roles: [agent]}]\nhistory: {roster: november.csv}\n"
        "demand: [{role: agent, per_interval: [{interval: '00:00', agents: 1}, {interval: '01:00', agents: 1}]}]\n",
        encoding="utf-8")
    sc = load_scenario(tmp_path / "december.yaml")
    w = sc.history.worked[0]
    assert (w.shift, w.break_at) == ("L2200", "01:00")
    assert history_on_floor(sc, Calendar(sc)) == {("agent", 0): 1}  # on break at 01:00
