"""Print wall-ready: the Excel month grid through LibreOffice and the app's print view through
Chromium, both read back from the PDF (pages, where the sheet sits, what is on each page)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from roster.app import views
from roster.io.grid import write_month_grid
from roster.io.load import load_scenario
from roster.model.calendar import Calendar
from roster.model.parse import scenario_from_dict
from roster.model.roster import Assignment, Roster
from roster.model.scenario import Scenario

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def _roster(sc: Scenario) -> Roster:
    """A full-looking month: each person works two days in three, shifts in turn, posts manned."""
    cal = Calendar(sc)
    shifts = [s.id for s in sc.shifts]
    post_of = {(p.a, p.shift): p.id for p in sc.posts}
    out = []
    for i, p in enumerate(sc.staff):
        for j, d in enumerate(cal.days):
            if (i + j) % 3:
                shift = shifts[(i + j) % len(shifts)]
                out.append(Assignment(staff=p.id, date=d.date, shift=shift, role=p.roles[0],
                                      post=post_of.get((p.id, shift))))
    return Roster.of(out)


def _big(n: int) -> Scenario:
    return scenario_from_dict({
        "name": f"{n}-person centre", "horizon": {"start": "2026-12-01", "end": "2026-12-31"},
        "roles": [{"id": "agent"}],
        "shifts": [{"id": "D", "start": "08:00", "end": "16:00"}, {"id": "E", "start": "14:00", "end": "22:00"},
                   {"id": "N", "start": "22:00", "end": "08:00"}],
        "staff": [{"id": f"P{i:03d}", "name": f"Person {i}", "roles": ["agent"]} for i in range(n)],
        "demand": [{"shift": "D", "role": "agent", "min": 1}]})


def pdf_pages(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, str]]]]:
    """Each page of a PDF as (width, height, words with their top-left corner in points)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for body in out.split("<page ")[1:]:
        width, height = (float(x) for x in re.match(r'width="([\d.]+)" height="([\d.]+)"', body).groups())
        words = [(float(x), float(y), html_unescape(t)) for x, y, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', body)]
        pages.append((width, height, words))
    return pages


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _text(words) -> str:
    return " ".join(t for _, _, t in words)


def _where(words, text: str) -> tuple[float, float]:
    return next((x, y) for x, y, t in words if t == text)


# ---- Excel through LibreOffice ------------------------------------------------------------------
def _xlsx_pdf(sc: Scenario, tmp_path: Path) -> Path:
    """The grid sheet alone (the other sheets print on their own pages), converted by LibreOffice."""
    path = tmp_path / "roster.xlsx"
    write_month_grid(sc, _roster(sc), path)
    wb = openpyxl.load_workbook(path)
    for name in wb.sheetnames[1:]:
        del wb[name]
    wb.save(path)
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(path)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "roster.pdf"
    assert pdf.exists(), done.stderr
    return pdf


@pytest.mark.slow
@needs_pdftotext
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", ["callcenter_95598", "service_hall_ab"])
def test_excel_month_prints_on_one_page_from_its_corner(name: str, tmp_path: Path) -> None:
    sc = load_scenario(REPO / "scenarios" / f"{name}.yaml")
    pages = _xlsx_pdf(sc, tmp_path)
    pages = pdf_pages(pages)
    assert len(pages) == 1
    width, height, words = pages[0]
    assert width > height, "landscape"
    x, y = _where(words, "排班表")  # the title, in the first row
    assert y < 0.1 * height, "the sheet starts at the top of the page"
    assert min(wx for wx, _, _ in words) < 0.05 * width, "and at its left edge"
    text = _text(words)
    assert "31" in text.split() and "overtime" in text, "every day and the totals are on the page"
    assert "审核:" in text and "图例:" in text, "legend and signature lines on the page"
    assert max(wx for wx, _, _ in words) < width


@pytest.mark.slow
@needs_pdftotext
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_excel_month_of_many_people_repeats_its_header_rows(tmp_path: Path) -> None:
    pages = pdf_pages(_xlsx_pdf(_big(90), tmp_path))
    assert len(pages) >= 2
    for _, _, words in pages:
        assert "staff_id" in _text(words).split(), "the header rows repeat on every page"
    assert "P089" in _text(pages[-1][2]) and "审核:" in _text(pages[-1][2])


# ---- the app's print view through Chromium ------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


def print_pdf(browser, body: str, path: Path) -> Path:
    """``body`` inside a page with some content before it (as the app has), printed to PDF the way the
    browser's Print does (print media, the page's own @page size)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_content('<html><body><div style="padding:300px 40px"><h1>Other content</h1><p>above the sheet</p>'
                     f"<div><div>{body}</div></div><p>below the sheet</p></div></body></html>")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    page.close()
    return path


@pytest.mark.browser
@needs_pdftotext
@pytest.mark.parametrize("name", ["callcenter_95598", "service_hall_ab"])
def test_print_view_is_one_a4_landscape_page_from_its_corner(browser, name: str, tmp_path: Path) -> None:
    sc = load_scenario(REPO / "scenarios" / f"{name}.yaml")
    pdf = print_pdf(browser, views.print_html(sc, _roster(sc)), tmp_path / "print.pdf")
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    width, height, words = pages[0]
    assert width > height and round(width) in (841, 842), "A4 landscape"
    text = _text(words)
    assert "Other" not in text and "below" not in text, "the sheet prints alone"
    x, y = _where(words, sc.name.split()[0])
    assert x < 0.06 * width and y < 0.08 * height, "the sheet starts at the page's top-left corner"
    assert "31" in text.split() and "contract" in text, "every day and the totals are on the page"
    assert "Prepared" in text and "Legend:" in text, "legend and signature lines on the page"
    if sc.posts:
        assert "O/E" in text and "export_licence" not in text, "posts by their short codes"


@pytest.mark.browser
@needs_pdftotext
def test_print_view_options_and_many_people(browser, tmp_path: Path) -> None:
    sc = load_scenario(REPO / "scenarios" / "callcenter_95598.yaml")
    sheet = views.print_html(sc, _roster(sc), overtime_shown=False, pins_shown=False)
    assert "outline:2px" not in sheet or not sc.fixed
    words = pdf_pages(print_pdf(browser, sheet, tmp_path / "plain.pdf"))[0][2]
    assert "contract" not in _text(words) and "Hours" in _text(words)
    big = _big(90)
    pages = pdf_pages(print_pdf(browser, views.print_html(big, _roster(big)), tmp_path / "big.pdf"))
    assert len(pages) >= 2
    for _, _, page_words in pages:
        assert "Shifts" in _text(page_words).split(), "the header row repeats on every page"
    assert "Prepared" in _text(pages[-1][2])


@pytest.mark.browser
@needs_pdftotext
def test_the_interval_centre_prints_every_day_and_the_totals_on_each_page(browser, tmp_path: Path) -> None:
    """80 people whose cells read starts such as D0700: over pages, each with the header row, every
    day and the totals (not cut off at the page's edge), everyone once, the signatures at the end."""
    sc = load_scenario(REPO / "scenarios" / "callcenter_95598_intervals.yaml")
    assert len(sc.staff) > 40
    pages = pdf_pages(print_pdf(browser, views.print_html(sc, _roster(sc)), tmp_path / "intervals.pdf"))
    assert 2 <= len(pages) <= 3
    ids = [p.id for p in sc.staff]
    for width, _, words in pages:
        text = _text(words).split()
        assert "Shifts" in text and "31" in text and "contract" in text, "header, day 31 and the totals on each page"
        assert max(x for x, _, _ in words) < width, "nothing past the page's right edge"
    printed = [t for _, _, page in pages for _, _, t in page if t in ids]
    assert sorted(printed) == sorted(ids), "everyone printed once"
    assert "Prepared" in _text(pages[-1][2])
    # each cell's code whole inside its cell: a code cut at the cell's edge is still in the PDF's
    # text, drawn over the next cell's code on the same line
    out = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "intervals.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    codes = {s.id for s in sc.shifts}
    lines: dict[tuple[int, float], list[tuple[float, float]]] = {}
    for n, body in enumerate(out.split("<page ")[1:]):
        for x0, y0, x1, t in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">'
                                        r"([^<]*)</word>", body):
            if t in codes:
                lines.setdefault((n, round(float(y0), 0)), []).append((float(x0), float(x1)))
    assert sum(map(len, lines.values())) > 1000, "each cell's code reads as a word of its own (cut codes run together)"
    overlaps = [(key, a, b) for key, cells in lines.items() for a, b in itertools.pairwise(sorted(cells))
                if a[1] > b[0] + 0.05]
    assert not overlaps, f"{len(overlaps)} codes run into the next cell, such as {overlaps[:3]}"
