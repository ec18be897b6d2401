"""The month grid with rotations and teams: pattern cells and deviations marked (corner, hover
text, legend) in both languages, team colours and the team filter; tested on the HTML directly."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re

import pytest

from roster.app import views
from roster.app.i18n import t
from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster

D = dt.date


@pytest.fixture
def crews():
    # Mon 7 .. Wed 9 December 2026; A and B (crew 一班) follow D, N, off from 7 December, C (二班)
    # has no rotation; A is on leave on the 9th (excused)
    sc = scenario_from_dict({
        "name": "crews", "horizon": {"start": "2026-12-07", "end": "2026-12-09"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}, {"id": "N", "start": "22:00", "end": "08:00"}],
        "staff": [{"id": "A", "roles": ["agent"], "team": "一班"}, {"id": "B", "roles": ["agent"], "team": "一班"},
                  {"id": "C", "roles": ["agent"], "team": "二班"}],
        "teams": [{"id": "二班", "name": "Crew two"}, {"id": "一班"}],
        "demand": [{"shift": "D", "role": "agent", "max": 3}, {"shift": "N", "role": "agent", "max": 3}],
        "leave": [{"staff": "A", "type": "annual", "start": "2026-12-09", "end": "2026-12-09"}],
        "rotations": [{"id": "R", "pattern": ["D", "N", "off"], "team": "一班", "weight": 5}],
    }, "crews.yaml")
    roster = Roster.of([
        Assignment(D(2026, 12, 7), "A", "D", "agent"),   # kept
        Assignment(D(2026, 12, 8), "A", "D", "agent"),   # pattern N, rostered D
        Assignment(D(2026, 12, 7), "B", "D", "agent"),   # kept; B off on the 8th: pattern N, rostered off
        Assignment(D(2026, 12, 9), "B", "N", "agent"),   # pattern off, rostered N
        Assignment(D(2026, 12, 8), "C", "N", "agent"),   # no rotation: no mark
    ])
    return sc, roster


def _cell(grid: str, staff: str, date: str) -> str:
    m = re.search(rf'<td data-staff="{staff}" data-date="{date}"[^>]*>', grid)
    assert m, (staff, date)
    return m.group(0)


def _title(cell: str) -> str:
    return htmllib.unescape(re.search(r'title="([^"]*)"', cell).group(1))


def test_each_judged_cell_names_its_pattern_and_a_deviation_is_marked(crews) -> None:
    sc, roster = crews
    assert views.pattern_marks(sc, roster) == {
        ("A", D(2026, 12, 7)): ("D", "D"), ("A", D(2026, 12, 8)): ("N", "D"),
        ("B", D(2026, 12, 7)): ("D", "D"), ("B", D(2026, 12, 8)): ("N", None), ("B", D(2026, 12, 9)): (None, "N")}
    grid = views.month_grid_html(sc, roster)
    assert re.findall(r'data-staff="(\w)" data-date="([\d-]+)"[^>]*data-deviation="1"', grid) == [
        ("A", "2026-12-08"), ("B", "2026-12-08"), ("B", "2026-12-09")]
    off = _cell(grid, "A", "2026-12-08")
    assert 'data-pattern="N"' in off and "linear-gradient(225deg,#d62728" in off
    assert _title(off).endswith("— pattern: N, rostered: D")
    assert _title(_cell(grid, "B", "2026-12-08")).endswith("— pattern: N, rostered: off")
    assert _title(_cell(grid, "B", "2026-12-09")).endswith("— pattern: off, rostered: N")
    kept = _cell(grid, "A", "2026-12-07")
    assert 'data-pattern="D"' in kept and "data-deviation" not in kept and "linear-gradient" not in kept
    assert _title(kept).endswith("— pattern: D")
    for cell in (_cell(grid, "A", "2026-12-09"), _cell(grid, "C", "2026-12-08")):  # leave excuses; no rotation
        assert "data-pattern" not in cell and "pattern:" not in _title(cell)


def test_the_marks_and_the_legend_in_chinese(crews) -> None:
    sc, roster = crews
    words = {k: t(f"w.{k}", "zh") for k in views.WORDS}
    grid = views.month_grid_html(sc, roster, words=words)
    assert _title(_cell(grid, "A", "2026-12-08")).endswith("— 轮班: N, 实排: D")
    assert _title(_cell(grid, "B", "2026-12-08")).endswith("— 轮班: N, 实排: 休")
    legend = views.grid_legend_html(sc, words=words)
    assert "偏离轮班规律" in legend and "班组 一班" in legend
    assert "off its rotation pattern (hover: the pattern's cell)" in htmllib.unescape(views.grid_legend_html(sc))


def test_teams_have_a_colour_in_the_scenarios_order_and_the_grid_filters_by_team(crews) -> None:
    sc, roster = crews
    assert views.team_colours(sc) == {"二班": views.TEAM_PALETTE[0], "一班": views.TEAM_PALETTE[1]}
    grid = views.month_grid_html(sc, roster)
    rows = re.findall(r'<th style="([^"]*)" data-team="([^"]+)"[^>]*>([^<]+)</th>', grid)
    assert [(team, name) for _, team, name in rows] == [("一班", "A"), ("一班", "B"), ("二班", "C")]
    assert f"inset 5px 0 0 {views.TEAM_PALETTE[1]}" in rows[0][0]
    legend = views.grid_legend_html(sc)
    assert re.findall(r'data-legend-team="([^"]+)"><span style="[^"]*background:(#\w+)', legend) == [
        ("二班", views.TEAM_PALETTE[0]), ("一班", views.TEAM_PALETTE[1])]
    assert "team Crew two" in legend  # a team's name where it has one
    only = views.month_grid_html(sc, roster, people=views.filter_staff(sc, team="一班"))
    assert re.findall(r'data-team="([^"]+)"', only) == ["一班", "一班"]


def test_paper_and_scenarios_without_rotations_carry_no_marks(crews, small_yaml) -> None:
    from roster.io.load import load_scenario

    sc, roster = crews
    printed = views.print_html(sc, roster)
    assert "data-pattern" not in printed and "data-deviation" not in printed
    plain = load_scenario(small_yaml)
    assert views.grid_legend_html(plain) == ""
    assert "data-pattern" not in views.month_grid_html(plain, Roster.of([]))
