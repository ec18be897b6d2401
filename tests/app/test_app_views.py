"""Month grid, day view, coverage, hours, diff, charts and download bytes, tested directly."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from roster.app import downloads, views
from roster.io.load import load_scenario
from roster.model.roster import Assignment, Roster
from roster.solver import Result

D = dt.date
REPO = Path(__file__).resolve().parents[2]


def _style(html: str, staff: str, date: str) -> str:
    """The style attribute of one grid cell."""
    m = re.search(rf'data-staff="{staff}" data-date="{date}"[^>]*? style="([^"]*)"', html)
    assert m, (staff, date)
    return m.group(1)


@pytest.fixture
def small(small_yaml: Path):
    sc = load_scenario(small_yaml)
    roster = Roster.of([
        Assignment(D(2026, 12, 7), "A1", "D", "agent"), Assignment(D(2026, 12, 7), "A2", "E", "agent"),
        Assignment(D(2026, 12, 8), "A1", "D", "agent"), Assignment(D(2026, 12, 12), "A3", "E", "agent", "P1"),
    ])
    return sc, roster


def test_month_grid_codes_leave_and_shading(small) -> None:
    sc, roster = small
    grid = views.month_grid(sc, roster, leave_mark="L")
    assert list(grid.index) == ["A1 Ann", "A2 Bob", "A3 Cai", "A4 Dan"]
    assert grid.loc["A1 Ann", D(2026, 12, 7)] == "D"
    assert grid.loc["A3 Cai", D(2026, 12, 12)] == "E/P1"  # post duty marked
    assert grid.loc["A4 Dan", D(2026, 12, 8)] == "L" and grid.loc["A4 Dan", D(2026, 12, 7)] == ""
    html = views.month_grid_html(sc, roster)
    assert 'id="roster-grid"' in html
    colours = views.shift_colours(sc)
    assert f'color:{colours["D"]}' in html and f'color:{colours["E"]}' in html
    # Saturday 12th and Sunday 13th are shaded, Monday 7th is not; leave is greyed
    assert f"background:{views.WEEKEND_BG}" in _style(html, "A3", "2026-12-13")
    assert "background" not in _style(html, "A3", "2026-12-07")
    assert f"background:{views.LEAVE_BG}" in _style(html, "A4", "2026-12-08")
    assert f'color:{colours["D"]}' in _style(html, "A1", "2026-12-07")


def test_pinned_cells_outlined(small) -> None:
    sc, roster = small
    from roster.model.scenario import Fixed

    sc = sc.model_copy(update={"fixed": (Fixed(staff="A2", date=D(2026, 12, 9), off=True),)})
    html = views.month_grid_html(sc, roster)
    assert "outline" in _style(html, "A2", "2026-12-09")
    assert "outline" not in _style(html, "A2", "2026-12-10")


def test_holidays_shaded() -> None:
    sc = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "callcenter_95598.yaml")
    html = views.month_grid_html(sc, Roster())
    # 2027-01-01 is outside; in December 2026 the weekends are shaded, the weekdays are not
    assert html.count(f"background:{views.WEEKEND_BG}") >= len(sc.staff) * 8


def test_coverage_and_day_view(small) -> None:
    sc, roster = small
    cov = views.coverage(sc, roster)
    mon = cov[cov["date"] == D(2026, 12, 7)].set_index("shift")
    assert mon.loc["D", "have"] == 1 and mon.loc["D", "short"] == 0
    tue = cov[cov["date"] == D(2026, 12, 8)].set_index("shift")
    assert tue.loc["E", "have"] == 0 and tue.loc["E", "short"] == 1
    assert len(cov) == 7 * 2
    day = views.day_view(sc, roster, D(2026, 12, 7))
    assert day.to_dict("records") == [
        {"shift": "D", "times": "08:00-16:00", "role": "agent", "count": 1, "staff": "A1 Ann"},
        {"shift": "E", "times": "14:00-22:00", "role": "agent", "count": 1, "staff": "A2 Bob"}]


def test_hours_against_contract(small) -> None:
    sc, roster = small
    frame = views.hours_frame(sc, roster).set_index("staff_id")
    assert frame.loc["A1", "hours"] == 16
    assert frame.loc["A1", "contract"] == pytest.approx(40.0)  # 40 h a week, one week


def test_diff_frame(small) -> None:
    sc, roster = small
    after = Roster.of([a for a in roster if a.staff != "A2"] + [Assignment(D(2026, 12, 9), "A2", "D", "agent")])
    diff = views.diff_frame(sc, roster, after)
    assert diff.to_dict("records") == [
        {"staff": "A2 Bob", "date": D(2026, 12, 7), "before": "E", "after": ""},
        {"staff": "A2 Bob", "date": D(2026, 12, 9), "before": "", "after": "D"}]


def test_charts_have_data(small) -> None:
    sc, roster = small
    heat = views.coverage_heatmap(sc, views.coverage(sc, roster), "coverage")
    assert heat.data[0].type == "heatmap" and len(heat.data[0].y) == 2
    frame = views.hours_frame(sc, roster)
    assert [t.name for t in views.fairness_bars(frame).data] == ["nights", "weekends", "holidays"]
    assert [t.name for t in views.hours_bars(frame).data] == ["hours", "contract"]


def test_downloads_read_back(small) -> None:
    sc, roster = small
    result = Result(status="OPTIMAL", roster=roster, objective=2.0, bound=2.0, seconds=0.1)
    keys = [f.key for f in downloads.formats()]
    assert keys[:3] == ["xlsx", "csv", "json"]
    wb = load_workbook(io.BytesIO(downloads.export_bytes(sc, result, "xlsx")))
    cells = [c.value for row in wb.worksheets[0].iter_rows() for c in row]
    assert "D" in cells and "E" in cells
    rows = list(csv.DictReader(io.StringIO(downloads.export_bytes(sc, result, "csv").decode("utf-8"))))
    assert len(rows) == 4 and rows[0]["staff_id"] == "A1"
    data = json.loads(downloads.export_bytes(sc, result, "json"))
    assert data["status"] == "OPTIMAL" and len(data["assignments"]) == 4
    for key in keys[3:]:
        assert downloads.export_bytes(sc, result, key), key
    with pytest.raises(KeyError):
        downloads.export_bytes(sc, result, "pdf")


def downloads_days(sc) -> list:
    from roster.model.calendar import Calendar

    return [d.date for d in Calendar(sc).days]


def test_exports_are_made_once_per_roster(small, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file of a roster is made on its first download and kept; downloads from several threads
    at once make it once; a file that cannot be made says why; another roster gets its own files."""
    import threading

    sc, roster = small
    result = Result(status="OPTIMAL", roster=roster, objective=2.0, bound=2.0, seconds=0.1)
    made: list[str] = []
    real = downloads.export_bytes

    def counted(scenario, res, key):
        made.append(key)
        if key == "ics":
            raise ValueError("no calendar today")
        return real(scenario, res, key)

    monkeypatch.setattr(downloads, "export_bytes", counted)
    files = downloads.Exports(sc, result)
    assert files.is_for(sc, result) and not files.is_for(sc, Result(status="OPTIMAL", roster=roster))
    assert files.ready("attendance") is None
    threads = [threading.Thread(target=files.get, args=("attendance",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    data = files.get("attendance")
    assert made == ["attendance"] and files.ready("attendance") == data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted((r["date"], r["staff_id"]) for r in rows) == sorted(
        (str(d), p.id) for d in downloads_days(sc) for p in sc.staff), "a row per person and day"
    assert files.get("ics") == b"ics: no calendar today\n" and files.get("ics") == b"ics: no calendar today\n"
    assert made == ["attendance", "ics"]
    with pytest.raises(KeyError):
        files.get("pdf")


def test_weekends_count_weekends_not_weekend_days(small_yaml: Path) -> None:
    """Working Saturday and Sunday of one weekend is one weekend, as the weekend rules count it."""
    from roster.reports.summary import person_summary

    sc = load_scenario(small_yaml)  # 2026-12-07 (Mon) .. 2026-12-13 (Sun)
    roster = Roster.of([Assignment(dt.date(2026, 12, 12), "A1", "D", "agent"),
                        Assignment(dt.date(2026, 12, 13), "A1", "D", "agent"),
                        Assignment(dt.date(2026, 12, 13), "A2", "E", "agent")])
    frame = person_summary(sc, roster).set_index("staff_id")
    assert frame.loc["A1", "weekends"] == 1 and frame.loc["A1", "weekend_days"] == 2
    assert frame.loc["A2", "weekends"] == 1 and frame.loc["A3", "weekends"] == 0


def test_print_and_person_views(small_yaml: Path) -> None:
    """The print sheet: A4 landscape, every shift in the legend, lines to sign; the person view:
    the person's days and figures."""
    from roster.solver import SolveOptions, solve

    sc = load_scenario(small_yaml)
    roster = solve(sc, SolveOptions(time_limit=10, workers=2)).roster
    sheet = views.print_html(sc, roster, words={"signature": "排班人"}, leave_mark="假")
    assert "size: A4 landscape" in sheet and 'id="print-grid"' in sheet
    legend = re.search(r'id="print-legend"[^>]*>(.*?)</p>', sheet).group(1)
    assert all(s.id in legend for s in sc.shifts) and "假" in legend
    assert "排班人" in sheet
    person = views.person_html(sc, roster, "A4")
    assert "A4 Dan" in person and person.count("leave") >= 2  # two days of leave
    assert "Weekends" in person and "Over contract" in person
    assert "annual: 2 days taken" in person


def test_grid_marks_changes_totals_and_short_seats(small_yaml: Path) -> None:
    sc = load_scenario(small_yaml)
    before = Roster.of([Assignment(D(2026, 12, 7), "A1", "D", "agent"), Assignment(D(2026, 12, 7), "A2", "E", "agent")])
    after = Roster.of([Assignment(D(2026, 12, 7), "A3", "D", "agent"), Assignment(D(2026, 12, 7), "A2", "E", "agent")])
    html = views.month_grid_html(sc, after, previous=before)
    assert re.search(r'data-staff="A1" data-date="2026-12-07" data-changed="1" title="[^"]*was D', html)
    assert 'data-staff="A3" data-date="2026-12-07" data-changed="1"' in html
    assert html.count('data-total="shifts"') == 4
    assert 'data-coverage="D" data-date="2026-12-07" style' in html  # 1/1: not short
    assert 'data-coverage="D" data-date="2026-12-08" data-short="1"' in html  # nobody: short
    assert views.month_grid_html(sc, after, people=["A2"]).count("<tr>") == 1 + 1 + 2  # head, A2, D and E rows
    assert views.filter_staff(sc, text="bob") == ["A2"]


def test_why_not_names_leave_cannot_and_rest(small_yaml: Path) -> None:
    from roster.model.scenario import Fixed

    sc = load_scenario(small_yaml)
    assert "leave" in views.why_not_cell(sc, "A4", D(2026, 12, 8), "D")
    assert views.why_not_cell(sc, "A1", D(2026, 12, 8), "D") is None
    pinned = sc.model_copy(update={"fixed": (Fixed(staff="A1", date=D(2026, 12, 8), shift="E"),),
                                   "rules": sc.rules.model_copy(update={"min_rest_hours": 11})})
    assert "rest" in views.why_not_cell(pinned, "A1", D(2026, 12, 9), "D")


def test_week_of_the_grid_and_the_hover_text(small_yaml: Path) -> None:
    sc = load_scenario(small_yaml)
    roster = Roster.of([Assignment(D(2026, 12, 7), "A1", "D", "agent")])
    assert views.weeks(sc) == [(D(2026, 12, 7), D(2026, 12, 13))]
    html = views.month_grid_html(sc, roster, days=(D(2026, 12, 7), D(2026, 12, 9)))
    assert 'data-date="2026-12-10"' not in html and html.count('data-staff="A1"') == 3
    assert html.count('data-coverage="D"') == 3
    assert 'title="A1 Ann 2026-12-07 Mo: D Day 08:00-16:00"' in html
    assert 'title="A4 Dan 2026-12-08 Tu: leave annual"' in html


def test_grid_words_follow_the_language(small_yaml: Path) -> None:
    from roster.app.i18n import rule_name, t

    sc = load_scenario(small_yaml)
    zh = {k: t(f"w.{k}", "zh") for k in views.WORDS}
    html = views.month_grid_html(sc, Roster.of([]), words=zh)
    assert 'title="周末"' in html and "超合同工时" in html and "实到/需求" in html
    assert rule_name("rest", "zh") == "班间休息" and rule_name("unknown_rule", "zh") == "unknown_rule"
    from roster.app.i18n import STRINGS

    assert all(en and zh for en, zh in STRINGS.values()), "every string has both languages"


def test_the_grid_filters_by_team_role_and_name() -> None:
    from roster.app.views import filter_staff
    from roster.model.parse import scenario_from_dict

    data = {"horizon": {"start": "2026-12-01", "end": "2026-12-07"},
            "roles": [{"id": "agent"}, {"id": "lead", "covers": ["agent"]}],
            "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}],
            "staff": [{"id": "A1", "name": "王芳", "roles": ["agent"], "team": "一班"},
                      {"id": "A2", "name": "李娜", "roles": ["agent"], "team": "二班"},
                      {"id": "L1", "name": "张伟", "roles": ["lead"], "team": "一班"}]}
    sc = scenario_from_dict(data, "s.yaml")
    assert filter_staff(sc, team="一班") == ["A1", "L1"]
    assert filter_staff(sc, team="一班", role="agent") == ["A1"]
    assert filter_staff(sc, text="李") == ["A2"]


def test_interval_chart_draws_the_demand_and_staffed_curves():
    from roster.reports.intervals import interval_figures
    from tests.interval_case import by_hand, centre

    figures = interval_figures(centre(), by_hand())
    fig = views.interval_chart(figures, "a day", {"needed": "Needed", "staffed": "On the floor", "sl": "SL"})
    needed, staffed, short, level = fig.data
    assert (needed.name, staffed.name, level.name) == ("Needed", "On the floor", "SL")
    assert list(short.x) == ["12:00"] and list(short.y) == [1] and list(short.base) == [2], "the interval short, in red"
    assert list(needed.y) == [3, 4, 4, 3, 3] and list(staffed.y) == [4, 4, 4, 3, 2]
    assert list(staffed.x) == ["08:00", "08:30", "09:00", "11:00", "12:00"]
    assert level.yaxis == "y2" and level.y[-1] == round(100 * figures[-1].service_level, 1)
    assert fig.layout.title.text == "a day"
    agents_only = interval_figures(centre(rows=[{"interval": "08:00", "agents": 3}]), by_hand())
    # no service level without calls
    assert [t.name for t in views.interval_chart(agents_only).data] == ["needed", "on the floor"]


def test_the_progress_chart_names_each_bound_by_its_source() -> None:
    from roster.app.i18n import t
    from roster.solver import Progress

    points = [Progress(1.0, 50.0, 10.0), Progress(2.0, 40.0, 12.0),
              Progress(3.0, 40.0, 30.0, "column generation"), Progress(3.5, 40.0, 35.0, "column generation")]
    for lang, names in (("en", ["Objective", "CP-SAT bound", "column-generation bound"]),
                        ("zh", ["目标值", "CP-SAT 下界", "列生成下界"])):
        words = {"objective": t("objective", lang), **{s: t(f"bound.{s}", lang) for s in views.BOUND_SOURCES}}
        frame = views.progress_frame(points, words)
        assert list(frame.columns) == names
        assert frame.loc[3.5].tolist() == [40.0, 12.0, 35.0]  # each line carried forward
        assert frame[names[2]].isna().sum() == 2  # no column bound before its first round
    only_cp_sat = views.progress_frame(points[:2], {"objective": "o", "cp-sat": "c", "column generation": "g"})
    assert list(only_cp_sat.columns) == ["o", "c"]


def test_breaks_in_the_tooltip_the_day_view_the_chart_and_a_warning_when_all_break_at_once() -> None:
    from roster.reports.intervals import interval_figures

    sc = load_scenario(REPO / "scenarios" / "callcenter_95598_intervals.yaml")
    agents = [p.id for p in sc.staff if "agent" in p.roles][:3]
    day = D(2026, 10, 16)
    together = Roster.of(Assignment(staff=s, date=day, shift="N", role="agent", break_at="01:00") for s in agents)
    grid = views.month_grid_html(sc, together, words={"break": "休息"})
    assert f'data-staff="{agents[0]}" data-date="2026-10-16"' in grid and "休息 01:00-02:00" in grid
    frame = views.day_view(sc, together, day)
    assert frame.loc[0, "breaks"].count("01:00-02:00") == 3
    assert views.all_on_break(sc, together) == [{"date": day, "shift": "N", "people": 3, "at": "01:00"}]
    apart = Roster.of(Assignment(staff=s, date=day, shift="N", role="agent", break_at=at)
                      for s, at in zip(agents, ("01:00", "01:30", "02:00"), strict=True))
    assert views.all_on_break(sc, apart) == [], "01:00-02:00 and 02:00-03:00 do not meet"
    # a start group breaking together while another start covers the floor: no warning; once the
    # other's break meets theirs, the floor is empty and it is named, with both shifts
    early = [Assignment(staff=s, date=day, shift="D0700", role="agent", break_at="11:00") for s in agents[:2]]
    covered = Roster.of([*early, Assignment(staff=agents[2], date=day, shift="D0900", role="agent", break_at="12:30")])
    assert views.all_on_break(sc, covered) == []
    empty = Roster.of([*early, Assignment(staff=agents[2], date=day, shift="D0900", role="agent", break_at="11:30")])
    assert views.all_on_break(sc, empty) == [{"date": day, "shift": "D0700, D0900", "people": 3, "at": "11:30"}]
    night = day + dt.timedelta(days=1)  # the night shift's 01:00 falls on the next day's intervals
    rows = [f for f in interval_figures(sc, together) if f.date == night and f.role == "agent"]
    counts = dict(zip((f.interval for f in rows), views.on_break(sc, together, rows), strict=True))
    assert counts.get("01:00") == 3 and counts.get("01:30") == 3 and counts.get("02:00", 0) == 0
    fig = views.interval_chart(rows, "t", {"on_break": "On break", "short": "Short"},
                               breaks=views.on_break(sc, together, rows))
    names = [t.name for t in fig.data]
    assert "On break" in names and "Short" in names, "breaks and the intervals short drawn"


def test_a_week_of_the_grid_totals_that_week(small_yaml: Path) -> None:
    sc = load_scenario(small_yaml)
    roster = Roster.of([Assignment(D(2026, 12, 7), "A1", "D", "agent"),
                        Assignment(D(2026, 12, 11), "A1", "D", "agent")])
    whole = views.month_grid_html(sc, roster)
    week = views.month_grid_html(sc, roster, days=(D(2026, 12, 7), D(2026, 12, 9)))

    def shifts_of_a1(html: str) -> str:
        row = html[html.index('data-staff="A1"'):]
        return re.search(r'data-total="shifts"[^>]*>([^<]*)<', row).group(1)

    assert shifts_of_a1(whole) == "2" and shifts_of_a1(week) == "1"
