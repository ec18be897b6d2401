"""In headless Chromium: the three-crew monitoring centre solved, its grid marks the cells off their
rotation pattern (corner, hover text naming the pattern, legend) in both languages, colours the
crews and filters by crew."""

from __future__ import annotations

import re

import pytest

from tests.app.test_app_browser import ARTIFACTS, _pick, _settle, _solve_and_stop, app_url, page  # noqa: F401

pytestmark = pytest.mark.browser

NAME = "Security monitoring centre (three crews)"


def test_the_crews_grid_marks_deviations_and_filters_by_crew(page) -> None:  # noqa: F811
    pg = page
    pg.get_by_text("Roster planner").wait_for()
    _pick(pg, "Bundled scenario", NAME)
    pg.locator(".st-key-open_bundled button").click()
    pg.get_by_text(f"Opened {NAME}").wait_for()
    pg.get_by_text("Solve & roster").click()
    _solve_and_stop(pg, "solve", "Month grid")
    grid = pg.locator("#roster-grid")
    grid.wait_for()
    assert grid.locator("tbody tr").count() == 12

    # every cell the cycle judges names its pattern; the Monday check needs a third person on D, so
    # some cell is off its pattern: a red corner and "pattern: X, rostered: Y" on hover
    assert grid.locator("td[data-pattern]").count() > 100
    off = grid.locator('td[data-deviation="1"]')
    assert off.count() >= 1
    cell = off.first
    cell.hover()
    title, pattern, code = cell.get_attribute("title"), cell.get_attribute("data-pattern"), cell.inner_text().strip()
    m = re.search(r"— pattern: (\w+), rostered: (\w+)$", title or "")
    assert m, title
    assert m.group(1) == pattern and m.group(2) == (code.split("/")[0] or "off") != pattern
    assert "linear-gradient" in (cell.get_attribute("style") or "")
    pg.get_by_text("off its rotation pattern (hover: the pattern's cell)").wait_for()
    for crew in ("一班", "二班", "三班"):
        pg.get_by_text(f"team {crew}", exact=True).wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    grid.screenshot(path=str(ARTIFACTS / "month-grid-rotations.png"))

    # the crew filter: 二班's four people, each with its colour stripe (a busy grid redraws late)
    from playwright.sync_api import expect

    _pick(pg, "Team", "二班")
    _settle(pg)
    expect(grid.locator("tbody tr")).to_have_count(4, timeout=60_000)
    assert set(grid.locator("tbody th[data-team]").evaluate_all("els => els.map(e => e.dataset.team)")) == {"二班"}
    assert "inset 5px" in (grid.locator("tbody th[data-team]").first.get_attribute("style") or "")

    # 中文: the same marks in Chinese words
    pg.get_by_text("中文", exact=True).click()
    pg.get_by_text("偏离轮班规律（悬停查看轮班应排）").wait_for()
    _settle(pg)
    marked = pg.locator('#roster-grid td[data-deviation="1"]')
    if marked.count():  # 二班 may keep its cycle on every day: then the whole grid is checked below
        assert re.search(r"— 轮班: \w+, 实排: \w+$", marked.first.get_attribute("title") or "")
    _pick(pg, "班组", "全部")
    _settle(pg)
    expect(pg.locator("#roster-grid tbody tr")).to_have_count(12, timeout=60_000)
    titles = pg.locator('#roster-grid td[data-deviation="1"]').evaluate_all("els => els.map(e => e.title)")
    assert titles and all(re.search(r"— 轮班: \w+, 实排: \w+$", x) for x in titles), titles[:3]
    pg.get_by_text("English", exact=True).click()
    pg.get_by_text("off its rotation pattern (hover: the pattern's cell)").wait_for()
