"""End to end in headless Chromium: open the call centre, solve, read the grid, pin a cell,
solve again, download the Excel file and read it back."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


DOCS_IMG = REPO / "docs" / "img"
DOC_SHOTS = {"open.png", "bad-edit.png", "rejected-edit-banner.png", "month-grid.png", "month-grid-pinned.png",
             "person-view.png", "print-view.png", "interval-chart.png", "roster-zh.png", "staff-import.png",
             "reload-draft.png"}
"""Screenshots docs/app.md shows: written to docs/img as well when ROSTER_DOC_SHOTS is set (else
only to test-artifacts, so the default suite changes no tracked file)."""


def _shot(target, name: str, **options) -> None:
    """A screenshot of a page or an element into test-artifacts/ (and docs/img/, small, on demand)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    target.screenshot(path=str(path), **options)
    if name in DOC_SHOTS and os.environ.get("ROSTER_DOC_SHOTS"):
        doc_image(path, page=not hasattr(target, "locator") or hasattr(target, "goto"))


SIDEBAR = 300
"""The sidebar's width in px at the tests' viewport: a page shot for the docs leaves it out (it
names the store's file, a path of the machine the tests ran on)."""


def doc_image(path: Path, page: bool = False) -> Path:
    """A screenshot made small for docs/img: a page's without the sidebar, at most 1,100 px wide,
    96 colours."""
    from PIL import Image

    DOCS_IMG.mkdir(exist_ok=True)
    with Image.open(path) as img:
        img = img.convert("RGB")
        if page:
            img = img.crop((SIDEBAR, 0, img.width, img.height))
        if img.width > 1100:
            img = img.resize((1100, round(img.height * 1100 / img.width)), Image.LANCZOS)
        img.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(DOCS_IMG / path.name, optimize=True)
    return DOCS_IMG / path.name


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    port = _free_port()
    env = {**os.environ, "ROSTER_DB": str(tmp_path_factory.mktemp("store") / "roster.db"),
           "ROSTER_WORKERS": "2", "ROSTER_TIME_LIMIT": "300"}
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app_streamlit.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start: {Path(log.name).read_text()[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def page(app_url: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"])
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
        pg = context.new_page()
        pg.set_default_timeout(60_000)  # a busy machine (tests side by side on 2 cores)
        pg.goto(app_url)
        yield pg
        context.close()
        browser.close()


def _button(pg, key: str):
    """The app's button with this widget key (not Streamlit's own Stop, nor a selectbox's Open)."""
    return pg.locator(f".st-key-{key} button")


def _running(pg) -> bool:
    """Is a script run in progress (Streamlit's status widget shows Running / Stop)?"""
    return bool("".join(pg.locator('[data-testid="stStatusWidget"]').all_inner_texts()).strip())


def _settle(pg, timeout: float = 30) -> None:
    """Wait until the app has finished its script run (and the canvas grids have drawn)."""
    deadline = time.monotonic() + timeout
    while _running(pg) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)


def _solve_and_stop(pg, key: str, done_text: str, timeout: float = 240) -> None:
    """Press a solve button; once a first roster is reported, press Stop (the best so far is kept)."""
    from playwright.sync_api import Error as PlaywrightError

    _settle(pg)
    _button(pg, key).first.click()
    deadline = time.monotonic() + timeout
    stopped = False
    while time.monotonic() < deadline:
        if pg.get_by_text("The solve failed").count():
            pytest.fail(pg.get_by_text("The solve failed").first.inner_text())
        stop = _button(pg, "stop")
        if pg.get_by_text(done_text).count() and not stop.count() and not _running(pg):
            return
        value = pg.locator('[data-testid="stMetric"]').filter(has_text="Objective").locator(
            '[data-testid="stMetricValue"]')
        try:
            if (not stopped and stop.count() and value.count()
                    and re.search(r"\d", value.first.inner_text(timeout=2000))):
                stop.click(timeout=2000)
                stopped = True
        except PlaywrightError:  # the progress panel redrew (or the solve ended) under the cursor
            pass
        time.sleep(0.5)
    _shot(pg, "no-roster.png", full_page=True)
    pytest.fail(f"no roster after {timeout} s; the page reads:\n{pg.locator('body').inner_text()[:2000]}")


def _to_page(pg, name: str) -> None:
    """Switch to a page in the sidebar. A click while a run is still going may be undone when that
    run ends, so: let the run end, check the page's radio, let its run end, and check again until
    the page stays."""
    radio = pg.get_by_role("radio", name=name, exact=True)
    for _ in range(4):
        _settle(pg)
        radio.check(force=True)
        _settle(pg)
        if radio.is_checked():
            return
    raise AssertionError(f"the page {name} does not stay open")


def _pick(pg, label: str, option: str) -> None:
    box = pg.locator('[data-testid="stSelectbox"]').filter(has_text=label).last  # not one a rerun retires
    for attempt in range(3):  # a rerun that ends just after the click closes the list: open it again
        try:
            _settle(pg)
            box.scroll_into_view_if_needed()
            box.click()
            pg.get_by_role("option").filter(has_text=re.compile(rf"^{re.escape(option)}")).first.click(timeout=8_000)
            return
        except Exception:
            if attempt == 2:
                _shot(pg, "pick-failed.png", full_page=True)
                raise
            pg.keyboard.press("Escape")


def test_callcenter_end_to_end(page, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    pg = page
    pg.get_by_text("Roster planner").wait_for()
    _settle(pg)
    _shot(pg, "open.png")
    _button(pg, "open_bundled").click()
    pg.get_by_text("Opened 95598 customer service centre").wait_for()

    _to_page(pg, "Solve & roster")
    _solve_and_stop(pg, "solve", "Month grid")
    grid = pg.locator("#roster-grid")
    grid.wait_for()
    assert grid.locator("tbody tr").count() == 11
    assert grid.locator("thead th").count() == 1 + 31 + 5, "days and the totals"
    codes = set(grid.locator("tbody td[data-date]").all_inner_texts())
    assert {"D", "E", "N"} <= codes and "L" in codes
    _shot(grid, "month-grid.png")

    # click a cell: the pin panel picks its person and day and says which shifts they cannot take
    cell = grid.locator('td[data-staff="S03"][data-date="2026-12-10"]')
    before = cell.inner_text().strip()
    cell.click()
    try:
        pg.get_by_text("S03 刘洋, 2026-12-10").wait_for()
    except Exception:
        _shot(pg, "click-failed.png", full_page=True)
        raise
    pg.get_by_text("Cannot take — N: S03 cannot work N").wait_for()
    _settle(pg)
    shift_box = pg.locator('[data-testid="stSelectbox"]').filter(has_text="Shift").last
    shown = shift_box.evaluate("e => [...e.querySelectorAll('input')].map(i => i.value).join(' ') + ' ' + e.innerText")
    assert re.search(rf"(^|\s){re.escape(before or 'off')}(\s|$)", shown), \
        f"the pin panel starts from the cell: {shown}"
    want = "off" if before else "D"
    _pick(pg, "Shift", want)
    _button(pg, "pin").click()
    pg.get_by_text("Pinned S03 2026-12-10").wait_for()

    pg.get_by_role("button", name="Solve from scratch").wait_for()  # the other choice is offered
    _solve_and_stop(pg, "resolve", "Changes against the previous roster")
    pg.get_by_text("Changes against the previous roster").wait_for()
    after = pg.locator('#roster-grid td[data-staff="S03"][data-date="2026-12-10"]').inner_text().strip()
    assert after == ("" if want == "off" else "D")
    assert "outline" in (pg.locator('#roster-grid td[data-staff="S03"][data-date="2026-12-10"]')
                         .get_attribute("style") or "")
    changed = pg.locator('#roster-grid td[data-changed="1"]')
    assert changed.count() >= 1, "the re-solve's changes are marked on the grid"
    assert changed.count() == int(pg.locator('[data-testid="stMetric"]').filter(has_text="Cells changed")
                                  .locator('[data-testid="stMetricValue"]').inner_text())
    assert pg.locator("#roster-grid td[data-total]").count() == 11 * 5, "totals column per person"
    assert pg.locator("#roster-grid td[data-coverage]").count() >= 31, "a coverage row per shift"
    _shot(grid, "month-grid-pinned.png")
    _shot(pg, "roster-page.png", full_page=True)

    pg.get_by_role("radiogroup").filter(has_text="Per person").get_by_text("Per person").click()
    person = pg.locator("#person-view")
    person.wait_for()
    _settle(pg)
    assert "S01" in person.inner_text()
    _shot(person, "person-view.png")
    pg.get_by_role("radiogroup").filter(has_text="Print").get_by_text("Print", exact=True).click()
    sheet = pg.locator("#print-view")
    sheet.wait_for()
    _settle(pg)
    assert pg.locator("#print-legend").inner_text().startswith("Legend")
    assert "Prepared by" in pg.locator("#print-signatures").inner_text()
    _shot(sheet, "print-view.png")
    if shutil.which("pdftotext"):  # the browser's Print of the app page: one A4 page, the sheet at its corner
        from tests.app.test_app_print import pdf_pages

        pdf = tmp_path / "print.pdf"
        pg.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        pages = pdf_pages(pdf)
        assert len(pages) == 1
        width, height, words = pages[0]
        x, y = next((x, y) for x, y, t in words if t == "95598")
        assert x < 0.06 * width and y < 0.08 * height
        assert "Prepared" in [t for _, _, t in words] and "Solve" not in [t for _, _, t in words]
    pg.get_by_role("radiogroup").filter(has_text="Print").get_by_text("Month grid").click()
    grid.wait_for()
    _settle(pg)

    with pg.expect_download() as info:
        _button(pg, "dl_xlsx").first.click()
    target = tmp_path / "roster.xlsx"
    info.value.save_as(target)
    wb = load_workbook(target)
    ws = wb.worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in values for v in row]
    assert "S01" in flat and "S11" in flat
    row = next(r for r in values if "S03" in r)
    header = next(r for r in values if any(str(v).startswith("2026-12-10") for v in r if v is not None))
    col = next(i for i, v in enumerate(header) if v is not None and str(v).startswith("2026-12-10"))
    assert (row[col] or "") == ("" if want == "off" else "D")


def test_attendance_download_has_a_row_per_person_and_day(page, tmp_path: Path) -> None:
    """The attendance file downloads at once and reads back with a row per person and day; after a
    rerun the button hands over the same file (made once for the roster)."""
    import csv

    pg = page
    _open_centre(pg)
    _to_page(pg, "Solve & roster")
    _solve_and_stop(pg, "solve", "Month grid")
    grid = pg.locator("#roster-grid")
    grid.wait_for()
    people = set(grid.locator("tbody td[data-staff]").evaluate_all("cells => cells.map(c => c.dataset.staff)"))
    days = set(grid.locator("tbody td[data-date]").evaluate_all("cells => cells.map(c => c.dataset.date)"))
    assert len(people) == 11 and len(days) == 31

    def download(name: str) -> list[dict[str, str]]:
        _settle(pg)
        with pg.expect_download(timeout=GRID_WAIT) as info:
            _button(pg, "dl_attendance").first.click()
        assert info.value.suggested_filename == "attendance.csv"
        target = tmp_path / name
        info.value.save_as(target)
        with target.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    rows = download("first.csv")
    assert sorted((r["date"], r["staff_id"]) for r in rows) == sorted((d, p) for d in days for p in people)
    worked = {(r["staff_id"], r["date"]): r["shift"] for r in rows}
    for cell in grid.locator('tbody td[data-staff="S03"]').all()[:7]:
        code = cell.inner_text().strip().split("/")[0].split("+")[0]  # D/E on a post, D+E on a split day
        shift = worked[("S03", cell.get_attribute("data-date"))]
        assert shift == (code if code not in ("", "L") else ""), (cell.get_attribute("data-date"), code, shift)
    pg.get_by_role("radiogroup").filter(has_text="Per person").get_by_text("Per person").click()  # a rerun
    pg.locator("#person-view").wait_for()
    assert download("again.csv") == rows
    pg.get_by_role("radiogroup").filter(has_text="Per person").get_by_text("Month grid").click()
    grid.wait_for()


def test_bad_edit_is_marked_at_the_cell(page) -> None:
    pg = page
    _to_page(pg, "Open")
    _button(pg, "open_bundled").click()
    pg.get_by_text("Opened 95598 customer service centre").wait_for()
    _to_page(pg, "Edit")
    editor = pg.locator('[data-testid="stDataFrame"]').first
    row_height = 35  # the data editor's default row height, header row included

    def type_into_hired_of_row_2(text: str) -> None:
        # columns are sized to the call centre's contents: the hired column sits 250..310 px in
        cell_editor = pg.locator("textarea:visible")  # the grid's overlay editor
        for attempt in range(6):  # the grid may still be redrawing on a busy machine: try again
            try:
                _settle(pg)
                editor.wait_for()
                box = editor.bounding_box()
                if box is None:
                    raise RuntimeError("the table is not laid out yet")
                pg.mouse.dblclick(box["x"] + 280, box["y"] + row_height * 2 + row_height / 2)
                cell_editor.wait_for(timeout=8000)
                break
            except Exception:
                if attempt == 5:
                    raise
                pg.keyboard.press("Escape")
                pg.wait_for_timeout(1000)
        cell_editor.fill(text)
        cell_editor.press("Enter")

    for attempt in range(3):  # a busy machine may drop a keystroke while the grid redraws
        type_into_hired_of_row_2("2026-13-40")
        try:
            pg.get_by_text("row 2, column hired").wait_for(timeout=20000)
            break
        except Exception:
            if attempt == 2:
                _shot(pg, "bad-edit-missing.png")
                raise
            pg.keyboard.press("Escape")
    assert pg.get_by_text("not a date").count()
    marked = pg.locator('[data-testid="stDataFrame"]').nth(1)
    marked.wait_for()
    _shot(pg, "bad-edit.png")
    # the pending bad value survives a language switch both ways
    pg.get_by_text("中文", exact=True).click()
    pg.get_by_text("第 2 行，入职日期 列").wait_for()
    assert pg.get_by_role("radio", name="编辑").is_checked()
    _shot(pg, "bad-edit-zh.png")
    pg.get_by_text("English", exact=True).click()
    pg.get_by_text("row 2, column hired").wait_for()
    _settle(pg)
    type_into_hired_of_row_2("2019-06-16")
    pg.get_by_text("row 2, column hired").wait_for(state="detached")
    assert pg.get_by_text("unsaved changes").count()


def _open_centre(pg) -> None:
    """Open the call centre (each test may run in its own browser when the tests are spread)."""
    _to_page(pg, "Open")
    _button(pg, "open_bundled").click()
    pg.get_by_text("Opened 95598 customer service centre").wait_for()
    _settle(pg)


def test_language_switch_keeps_the_page_and_the_edit(page) -> None:
    """中文 on the Edit page stays on Edit; a bad value typed before the switch is still named after it."""
    pg = page
    _open_centre(pg)
    _to_page(pg, "Edit")
    pg.get_by_role("tab", name="Shifts").wait_for()
    pg.get_by_text("中文", exact=True).click()
    pg.get_by_role("tab", name="班次").wait_for()
    _settle(pg)
    assert pg.get_by_role("radio", name="编辑").is_checked()
    pg.get_by_role("tab", name="班次").click()  # the next action
    _settle(pg)
    assert pg.get_by_role("radio", name="编辑").is_checked()
    assert pg.get_by_role("tab", name="人员").count()
    _shot(pg, "edit-zh.png")
    pg.get_by_text("English", exact=True).click()
    pg.get_by_role("tab", name="Shifts").wait_for()
    _settle(pg)
    assert pg.get_by_role("radio", name="Edit").is_checked()


def test_staff_import_merges_by_id(page, tmp_path: Path) -> None:
    """A list of 工号/姓名/角色 with a role name (副班长) and a new person: preview, then merge; the
    people it does not list stay."""
    from openpyxl import Workbook

    pg = page
    _open_centre(pg)
    wb = Workbook()
    for row in (["工号", "姓名", "角色"], ["S01", "张伟", "副班长"], ["S02", "王芳", "值长"],
                ["S30", "新同事", "坐席员"]):
        wb.active.append(row)
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    pg.get_by_role("button", name="Download the staff list template (Excel)").wait_for()
    pg.locator('[data-testid="stFileUploader"]').filter(has_text="staff list").locator(
        'input[type="file"]').set_input_files(str(path))
    pg.get_by_text("1 new, 0 fields changed").wait_for()
    pg.get_by_text("people are not in the list and stay in the scenario").wait_for()
    _shot(pg, "staff-import.png", full_page=True)
    _button(pg, "staff_apply").click()
    pg.get_by_text("Staff list merged: 12 people (1 added").wait_for()


def test_interval_centre_shows_needed_and_staffed_per_interval(page) -> None:
    """The bundled interval centre: solve, then the chart of a day's demand curve against the
    people on the floor, with its title, legend and the day's service level, in both languages."""
    pg = page
    _to_page(pg, "Open")
    _settle(pg)
    _pick(pg, "Bundled scenario", "95598 interval centre")
    _button(pg, "open_bundled").click()
    pg.get_by_text("Opened 95598 interval centre").wait_for()
    _to_page(pg, "Solve & roster")
    _solve_and_stop(pg, "solve", "Month grid")
    pg.get_by_role("heading", name="Needed and on the floor per interval").wait_for()
    with_break = pg.locator('#roster-grid td[title*=", break "]')
    assert with_break.count() > 0, "the tooltip gives the break"
    assert re.search(r", break \d\d:\d\d-\d\d:\d\d$", with_break.first.get_attribute("title"))
    pg.get_by_role("radiogroup").filter(has_text="Per day").get_by_text("Per day").click()
    pg.get_by_text("Demand is per interval here").wait_for()
    _settle(pg)
    day_table = pg.locator('[data-testid="stDataFrame"]').first
    assert re.search(r"\d\d:\d\d-\d\d:\d\d", day_table.locator("[role=gridcell]").filter(
        has_text=re.compile(r"-\d\d:\d\d")).first.inner_text()), "the day's breaks"
    assert not pg.locator("[role=columnheader]").filter(has_text=re.compile("^min$")).count(), "no seat table"
    pg.get_by_role("radiogroup").filter(has_text="Per day").get_by_text("Month grid").click()
    _settle(pg)
    chart = pg.locator('.st-key-chart_intervals[data-stale="false"]')
    chart.scroll_into_view_if_needed()
    chart.locator(".js-plotly-plot").wait_for()
    _settle(pg)
    title = chart.locator(".gtitle").text_content()  # plotly draws SVG: its text, not inner_text
    assert title.startswith("坐席员 on 2026-10-01: needed and on the floor, service level ")
    legend = chart.locator(".legend").text_content()
    assert "Needed" in legend and "On the floor" in legend and "Service level" in legend
    assert pg.locator('[data-testid="stMetric"]').filter(has_text="Day's service level").count() == 1
    for attempt in range(3):  # a rerun that ends just after the click closes the list: open it again
        try:
            _settle(pg)
            pg.locator(".st-key-interval_day").click()
            pg.get_by_role("option").filter(has_text=re.compile(r"^2026-10-08")).first.click(timeout=8_000)
            pg.locator(".st-key-chart_intervals .gtitle").filter(has_text="2026-10-08").wait_for(timeout=60_000)
            break
        except Exception:
            if attempt == 2:
                raise
            pg.keyboard.press("Escape")
    _shot(chart, "interval-chart.png")
    pg.get_by_text("中文", exact=True).click()
    pg.get_by_role("heading", name="各时段需求与在岗人数").wait_for()
    _settle(pg)
    zh = pg.locator('.st-key-chart_intervals[data-stale="false"]')  # not the English one a rerun retains
    zh.locator(".gtitle").filter(has_text="需求与在岗人数，服务水平").wait_for(timeout=120_000)
    _settle(pg)
    assert "需求人数" in zh.locator(".legend").text_content()
    _shot(zh, "interval-chart-zh.png")
    pg.get_by_text("English", exact=True).click()
    pg.get_by_role("heading", name="Needed and on the floor per interval").wait_for()


@pytest.mark.slow
def test_an_interval_centre_resolve_after_a_pin_shows_a_roster(page) -> None:
    """The interval centre solved, a worked cell pinned off, solved again keeping the roster: a
    roster comes back with the cell off (the search's, or the roster before with the pin applied,
    said on the page), never the page without a roster (its model takes seconds to build)."""
    pg = page
    _to_page(pg, "Open")
    _settle(pg)
    _pick(pg, "Bundled scenario", "95598 interval centre")
    _button(pg, "open_bundled").click()
    pg.get_by_text("Opened 95598 interval centre").wait_for()
    _to_page(pg, "Solve & roster")
    _solve_and_stop(pg, "solve", "Month grid")
    cell = pg.locator("#roster-grid tbody td[data-date]").filter(has_text=re.compile(r"\S")).first
    who, day = cell.get_attribute("data-staff"), cell.get_attribute("data-date")
    cell.click()
    pg.get_by_text(re.compile(rf"{who} .*, {day}")).first.wait_for()
    _pick(pg, "Shift", "off")
    _button(pg, "pin").click()
    pg.get_by_text(f"Pinned {who} {day}").wait_for()
    _solve_and_stop(pg, "resolve", "Changes against the previous roster")
    assert not pg.get_by_text("No roster found within the time limit").count()
    assert not pg.get_by_text("found no roster in its").count()
    pinned = pg.locator(f'#roster-grid td[data-staff="{who}"][data-date="{day}"]')
    assert pinned.inner_text().strip() == "", "the pinned day off is in the roster on screen"
    assert "outline" in (pinned.get_attribute("style") or "")
    _shot(pg, "interval-resolve.png", full_page=True)


EDITOR_ROW = 35  # the data editor's row height in px, header row included
GRID_WAIT = 60_000  # ms: how long a table may take to draw when the machine is busy


SEEN_JS = """(() => {
  window.__rosterSeen = [];
  new MutationObserver(() => {
    for (const e of document.querySelectorAll('[data-testid=stAlert]')) {
      const t = e.innerText;
      if (!window.__rosterSeen.includes(t)) window.__rosterSeen.push(t);
    }
  }).observe(document, {childList: true, subtree: true, characterData: true});
})();"""
"""Run before a page loads: every alert's text the page shows is kept in ``window.__rosterSeen``."""


def _exactly(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def _header(editor, text: str):
    return editor.locator("[role=columnheader]").filter(has_text=_exactly(text))


def _gridcell(scope, text: str):
    return scope.locator("[role=gridcell]").filter(has_text=_exactly(text))


def _editor(pg, column: str, row_id: str):
    """The data editor on view with the header ``column`` and a row whose cell reads ``row_id``,
    once it is drawn (a table is found by what it shows, not by its place among the page's tables,
    which a rerun may change: a marked row below it, a tab drawn late). Only the open tab's
    tables are on view."""
    from playwright.sync_api import expect

    shown = pg.locator('[data-testid="stDataFrame"]').filter(visible=True).filter(has=_header(pg, column))
    expect(shown.filter(has=_gridcell(pg, row_id)).first).to_be_visible(timeout=GRID_WAIT)
    return shown.first  # the editor comes before the row marked below it; it may scroll its row away


def _edit_cell(pg, editor, row_id: str, column: str, value: str) -> None:
    """Type ``value`` into the editor's cell in the row whose first column reads ``row_id``, under the
    header ``column``: the grid is a canvas, so the cell is found in the accessible table inside it
    (roles grid, row, columnheader, gridcell: not in the accessibility tree Playwright's get_by_role
    reads), clicked in its row, and reached with the arrow keys.

    The arrow keys go to whatever has the focus: a page's radio or a tab, focused by the click
    that opened it, would take them and switch the page or the tab. So the focus is taken off
    first, and no key is pressed until the grid's canvas holds it (a click that lands while the
    grid redraws leaves it elsewhere).

    The click-and-type cycle is tried again when the grid redraws under it, until the cell's own
    editor opens on the cell's value (so the keys reached the right cell). Once the value is typed
    and Enter pressed, nothing is repeated: what the app then does with the edit is the test's."""
    from playwright.sync_api import expect

    attempts = 4
    for attempt in range(attempts):  # a busy machine may redraw the grid under the click: try again
        try:
            _settle(pg)
            expect(editor).to_be_visible(timeout=GRID_WAIT)
            head = _header(editor, column).first
            expect(head).to_have_attribute("aria-colindex", re.compile(r"^\d+$"), timeout=GRID_WAIT)
            col = int(head.get_attribute("aria-colindex"))
            row = editor.locator("[role=row]").filter(has=_gridcell(pg, row_id)).first
            expect(row).to_have_attribute("aria-rowindex", re.compile(r"^\d+$"), timeout=GRID_WAIT)
            r = int(row.get_attribute("aria-rowindex")) - 2
            cell = row.locator(f'[role=gridcell][aria-colindex="{col}"]')
            now = (cell.text_content(timeout=10_000) or "").strip() if cell.count() else None
            top = editor.locator(".dvn-scroller").evaluate("e => e.scrollTop")
            box = editor.bounding_box()
            if box is None:
                raise RuntimeError("the table is not laid out yet")
            y = box["y"] + EDITOR_ROW * (r + 1) - top + EDITOR_ROW / 2
            if not box["y"] + EDITOR_ROW < y < box["y"] + box["height"]:
                raise RuntimeError(f"row {row_id} is not in view")
            pg.evaluate("() => document.activeElement && document.activeElement.blur()")
            pg.mouse.click(box["x"] + 60, y)  # the first column's cell of that row
            expect(editor.locator('canvas[data-testid="data-grid-canvas"]')).to_be_focused(timeout=5_000)
            for _ in range(col - 1):
                pg.keyboard.press("ArrowRight")
            pg.keyboard.press("Enter")
            cell_editor = pg.locator("textarea:visible").first
            expect(cell_editor).to_be_visible(timeout=10_000)
            if now is not None:  # the editor opened on this cell, not on a neighbour a lost key left
                expect(cell_editor).to_have_value(_exactly(now), timeout=5_000)
        except Exception:
            if attempt == attempts - 1:
                _shot(pg, "edit-cell-failed.png", full_page=True)
                raise
            pg.keyboard.press("Escape")
            pg.wait_for_timeout(500 * (attempt + 1))
            continue
        cell_editor.fill(value)
        cell_editor.press("Enter")
        return


def test_a_rejected_edit_stays_and_the_fix_is_taken_at_once(page) -> None:
    """A bad value stays in the table, the next correction is taken at once (not the second try),
    the table keeps its scroll position, and Solve & roster names the table before solving."""
    from playwright.sync_api import expect

    pg = page
    _open_centre(pg)
    _to_page(pg, "Edit")
    _open_tab(pg, "Staff")
    staff = _editor(pg, "hired", "S01")
    _settle(pg)
    box = staff.bounding_box()
    pg.mouse.move(box["x"] + 100, box["y"] + 100)
    pg.mouse.wheel(0, 1000)  # the 11 people do not fit: the table scrolls
    _settle(pg)
    scroller = staff.locator(".dvn-scroller")
    top = scroller.evaluate("e => e.scrollTop")
    assert top > 0
    staff.evaluate("e => { e.dataset.probe = 'same table' }")  # a redrawn table would lose this mark
    _edit_cell(pg, staff, "S11", "hired", "2026-13-40")
    pg.get_by_text("row 11, column hired").wait_for()
    _edit_cell(pg, staff, "S11", "hired", "2026-01-11")  # the first fix is taken
    pg.get_by_text("row 11, column hired").wait_for(state="detached")
    _settle(pg)
    expect(_gridcell(staff.locator("[role=row]").filter(has=_gridcell(pg, "S11")).first, "2026-01-11")
           ).to_have_count(1, timeout=GRID_WAIT)  # a busy grid redraws late
    assert scroller.evaluate("e => e.scrollTop") == top, "the table keeps its place"
    assert staff.get_attribute("data-probe") == "same table"

    _open_tab(pg, "Shifts")
    shifts = _editor(pg, "end", "E")
    _edit_cell(pg, shifts, "E", "end", "25:00")
    pg.get_by_text("row 2, column end").wait_for()
    _to_page(pg, "Solve & roster")
    banner = pg.get_by_text("Not in use — Shifts holds an edit the scenario rejected")
    banner.wait_for()
    _shot(pg, "rejected-edit-banner.png")
    _to_page(pg, "Edit")
    pg.get_by_role("tab", name="Shifts", selected=True).wait_for()  # the tab is still open
    shifts = _editor(pg, "end", "E")
    _gridcell(shifts, "25:00").wait_for(state="attached")  # the rejected value stays in view
    _edit_cell(pg, shifts, "E", "end", "23:00")
    pg.get_by_text("row 2, column end").wait_for(state="detached")
    _settle(pg)
    _gridcell(shifts, "23:00").wait_for(state="attached")  # the fix is taken (a busy grid redraws late)
    _to_page(pg, "Solve & roster")
    pg.get_by_role("button", name="Solve", exact=True).wait_for()
    assert not banner.count()
    _to_page(pg, "Edit")
    _settle(pg)


def _open_tab(pg, name: str) -> None:
    """Open a tab (a click during a rerun may be lost: click again until it is selected)."""
    for attempt in range(4):
        _settle(pg)
        pg.get_by_role("tab", name=name).click()
        try:
            pg.get_by_role("tab", name=name, selected=True).wait_for(timeout=5000)
            _settle(pg)
            return
        except Exception:
            if attempt == 3:
                raise


def _english_catalogue() -> set[str]:
    """The English side of the app's words and of the catalogue it shares with the command line
    (rule names, the validator's messages, the reasons a person cannot take a shift, the loader's
    messages): its texts of two words or more, without their ``{placeholders}``. None of them may
    show on a 中文 page."""
    from roster.app.i18n import HEADERS, STRINGS
    from roster.i18n import english_texts

    texts = [en for en, zh, *_ in STRINGS.values() if en != zh] + [v[0] for v in HEADERS.values() if v[0] != v[1]]
    texts += english_texts()
    out = set()
    for text in texts:
        for part in re.split(r"\{[^}]*\}|\*\*|\*|\n", text):
            part = part.strip(" .,:;()—-")
            if len(part.split()) >= 2 and re.search(r"[A-Za-z]{3}", part):
                out.add(part)
    return out


def _page_text(pg) -> str:
    """What the page shows: its text, the tables drawn on canvas (their accessible cells) and the
    charts' SVG text."""
    return pg.evaluate("""() => [document.body.innerText,
        ...[...document.querySelectorAll('[role=columnheader], [role=gridcell], .js-plotly-plot text')]
            .map(e => e.textContent)].join('\\n')""")


def _english_on_page(pg, catalogue: set[str]) -> list[str]:
    text = _page_text(pg)
    return sorted(s for s in catalogue if s in text)


def test_no_english_from_the_catalogue_on_the_chinese_pages(page) -> None:
    """Every 中文 page, an edit error, the rule check with a broken rule and the pin panel show no
    English text of the catalogue (nor Streamlit's uploader words)."""
    from playwright.sync_api import expect

    pg = page
    _open_centre(pg)
    catalogue = _english_catalogue()
    assert len(catalogue) > 100
    pg.get_by_text("中文", exact=True).click()
    pg.get_by_role("radio", name="打开").wait_for()
    _settle(pg)
    found = {"open": _english_on_page(pg, catalogue) + re.findall(  # Streamlit's own uploader words
        r"per file|Drag and drop|Browse files|\bUpload\b", pg.locator("body").inner_text())}
    assert pg.get_by_text("点击「上传」选择文件").count() == 2, "each uploader says what it takes"
    _to_page(pg, "编辑")
    pg.get_by_role("tab", name="人员").wait_for()
    _settle(pg)
    found["edit"] = _english_on_page(pg, catalogue)
    _open_tab(pg, "规则")
    found["rules"] = _english_on_page(pg, catalogue) + [  # raw rule ids such as min_rest_hours
        t for t in _page_text(pg).split("\n") if re.fullmatch(r"[a-z]+(_[a-z]+)+", t.strip())]
    _open_tab(pg, "班次")
    shifts = _editor(pg, "结束", "E")
    _edit_cell(pg, shifts, "E", "结束", "25:00")
    pg.get_by_text("第 2 行，结束 列").wait_for()
    found["edit error"] = _english_on_page(pg, catalogue) + re.findall(
        r"is not a time of day|not a date|must be", pg.locator("body").inner_text())
    _edit_cell(pg, shifts, "E", "结束", "22:00")
    pg.get_by_text("第 2 行，结束 列").wait_for(state="detached")
    _to_page(pg, "求解与排班表")
    pg.get_by_text("English", exact=True).click()
    _solve_and_stop(pg, "solve", "Month grid")
    pg.get_by_text("中文", exact=True).click()
    pg.get_by_role("heading", name="月排班表").wait_for()
    _settle(pg)
    cell = pg.locator('#roster-grid td[data-staff="S02"][data-date="2026-12-10"]')
    had = cell.inner_text().strip()
    cell.click()
    pg.get_by_text(re.compile("S02 王芳，2026-12-10")).wait_for()  # the pin panel's card
    pg.get_by_text(re.compile("不能上 — N")).wait_for()
    found["pin"] = re.findall(r"cannot work|has a fixed day off|is pinned|does not run|leave$",
                              pg.locator("body").inner_text())
    # pin the cell against the roster on screen: the rule check names the broken pin, in 中文
    _pick(pg, "班次", "休息" if had else "D")
    _button(pg, "pin").click()
    pg.get_by_text("已固定 S02 2026-12-10").wait_for()
    _settle(pg)
    pg.get_by_text("规则检查").first.click()
    checked = (pg.locator('[data-testid="stExpander"]').filter(has_text="规则检查")
               .locator('[data-testid="stDataFrame"]'))
    expect(_gridcell(checked, "固定班次").first).to_be_attached(timeout=GRID_WAIT)
    expect(checked.locator("[role=gridcell]").filter(has_text=re.compile(
        r"^S02 2026-12-10: 固定" + ("休息却上" if had else "D却为休")))).to_have_count(1, timeout=GRID_WAIT)
    _settle(pg)
    found["roster"] = _english_on_page(pg, catalogue)
    _shot(pg, "roster-zh.png", full_page=True)
    pg.get_by_text("English", exact=True).click()
    _settle(pg)
    assert not any(found.values()), found


def test_a_reload_keeps_the_draft_the_language_and_the_page(page) -> None:
    """Edit, then reload the page: the draft comes back from the store with the edit, in 中文, on
    the same page; while changes are unsaved the browser is asked to warn before leaving."""
    pg = page
    _open_centre(pg)
    _to_page(pg, "Edit")
    _open_tab(pg, "Shifts")
    shifts = _editor(pg, "end", "E")
    _edit_cell(pg, shifts, "E", "end", "21:30")
    _gridcell(shifts, "21:30").wait_for(state="attached")
    pg.get_by_text("中文", exact=True).click()
    pg.get_by_role("tab", name="班次", selected=True).wait_for()
    _settle(pg)
    assert "draft=" in pg.url and "lang=zh" in pg.url
    assert pg.evaluate("window.__rosterUnsaved === true"), "the browser warns before unsaved work is left"
    # the notice shows for one script run: keep every message the page shows after the reload, so a
    # busy machine's quick second run cannot hide it between two looks
    pg.add_init_script(SEEN_JS)
    pg.reload()
    pg.wait_for_function("t => (window.__rosterSeen || []).some(s => s.includes(t))",
                         arg="已恢复 95598 customer service centre 的草稿", timeout=GRID_WAIT)
    assert pg.get_by_role("radio", name="编辑").is_checked()
    _open_tab(pg, "班次")
    shifts = _editor(pg, "结束", "E")
    assert _gridcell(shifts, "21:30").count(), "the edit came back with the draft"
    assert pg.get_by_text("有未保存的修改").count()
    _shot(pg, "reload-draft.png")
    pg.get_by_text("English", exact=True).click()
    _settle(pg)
