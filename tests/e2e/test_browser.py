"""The rendered report in a real browser (Debian's headless Chromium, driven with Playwright):
the page loads offline, its figures decode, and a click on a table header re-orders the rows.

Skipped where Chromium is not installed (`apt-get install chromium`), except in CI: `.ci/run`
installs Chromium and sets METROPOLIS_REQUIRE_BROWSER=1, and then a missing browser fails the
run instead of skipping it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import own_tab
from tests.e2e.printed import read_sheets

# Debian's headless shell (the same Blink without the browser around it: a third of the
# processes and about 40% less CPU for the same pages and prints), else the full browser.
CHROMIUM = next(
    filter(None, map(shutil.which, ("chromium-headless-shell", "chromium", "chromium-browser"))),
    None,
)
if CHROMIUM is None and os.environ.get("METROPOLIS_REQUIRE_BROWSER"):
    pytest.fail(
        "METROPOLIS_REQUIRE_BROWSER is set but chromium is not installed "
        "(.ci/run installs it with apt-get install chromium-headless-shell)",
        pytrace=False,
    )
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.slow,  # builds a project and drives the browser
]

# Chromium's own background connections are refused on a closed network: switch them off.
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

# The 2022-T1 roster by region, counted by hand from the report's WHO WE ARE section,
# and the members who took part (tests/analysis/test_engagement.py holds the same hand counts).
ROSTER_BY_REGION = {
    "Africa": 25,
    "Asia-Pacific": 75,
    "Europe": 15,
    "Latin America and the Caribbean": 20,
    "North America": 8,
}
TOOK_PART = {
    "Africa": 11,
    "Asia-Pacific": 16,
    "Europe": 8,
    "Latin America and the Caribbean": 8,
    "North America": 3,
}


@pytest.fixture(scope="module")
def site(built_2022t1) -> Path:
    """The 2022-T1 pages, the index and the trends page, as the build makes them."""
    return built_2022t1 / "reports"  # read only


@pytest.fixture
def open_page(tab):
    """Open a file in the test process's offline page (tests/e2e/conftest.py ``Tab``) at
    1300 × 2400 px, a fresh document each time; ``.errors`` and ``.outside`` are the script
    errors and network requests seen since the test began."""
    page = tab.ready({"width": 1300, "height": 2400})

    def _open(path: Path):
        page.goto(path.as_uri())
        return page

    _open.errors = tab.errors
    _open.outside = tab.outside
    return _open


@pytest.fixture(scope="module")
def engagement(browser, site):
    """The engagement page opened once, at 1300 × 2400 px in a page of its own, for the tests
    that only read it (no click, no key): (the page, its tests/e2e/conftest.py ``Tab``, with
    the script errors and network requests it saw)."""
    with own_tab(browser, {"width": 1300, "height": 2400}) as tab:
        tab.page.goto((site / "2022-T1" / "02_engagement.html").as_uri())
        yield tab.page, tab


def region_table(page):
    return page.locator("table.sortable", has_text="Members taking part and roster size by region")


def column(table, index: int) -> list[str]:
    return [c.strip() for c in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]


def test_page_loads_offline_with_every_figure_decoded(engagement):
    page, open_page = engagement
    assert "Membership engagement" in page.locator("h1").first.inner_text()
    images = page.locator("img")
    assert images.count() >= 5
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
    assert all(w > 0 for w in widths), widths  # every figure decoded
    assert open_page.outside == []  # nothing fetched from the network
    assert open_page.errors == []


def test_clicking_a_header_sorts_that_column(site, open_page):
    page = open_page(site / "2022-T1" / "02_engagement.html")
    table = region_table(page)
    assert column(table, 1) == sorted(ROSTER_BY_REGION)  # as written: alphabetical

    header = table.locator("thead th", has_text="Members on the roster")
    header.click()
    ascending = sorted(ROSTER_BY_REGION, key=ROSTER_BY_REGION.get)
    assert column(table, 1) == ascending  # North America (8) first, Asia-Pacific (75) last
    assert column(table, 2) == ["8", "15", "20", "25", "75"]
    assert header.get_attribute("aria-sort") == "ascending"

    header.click()
    assert column(table, 1) == ascending[::-1]
    assert header.get_attribute("aria-sort") == "descending"
    assert open_page.errors == []


def test_percentages_sort_by_their_value_and_enter_sorts_too(site, open_page):
    page = open_page(site / "2022-T1" / "02_engagement.html")
    table = region_table(page)
    header = table.locator("thead th", has_text="Engagement rate")
    header.focus()
    page.keyboard.press("Enter")
    rate = {r: TOOK_PART[r] / ROSTER_BY_REGION[r] for r in ROSTER_BY_REGION}
    assert column(table, 1) == sorted(rate, key=rate.get)  # Asia-Pacific 21% … Europe 53%
    assert open_page.errors == []


def test_sorting_by_text_then_back(site, open_page):
    page = open_page(site / "2022-T1" / "02_engagement.html")
    table = region_table(page)
    header = table.locator("thead th", has_text="Region")
    header.click()  # already alphabetical: ascending keeps it
    assert column(table, 1) == sorted(ROSTER_BY_REGION)
    header.click()
    assert column(table, 1) == sorted(ROSTER_BY_REGION, reverse=True)


def test_every_page_runs_its_script_without_errors(site, open_page):
    pages = sorted((site / "2022-T1").glob("*.html")) + [site / "index.html"]
    assert len(pages) >= 4
    for path in pages:
        page = open_page(path)
        for th in page.locator("table.sortable thead th").all()[:3]:
            th.click()
    assert open_page.errors == []
    assert open_page.outside == []


def test_screenshot_is_not_blank(engagement):
    page, _ = engagement
    data = page.screenshot(full_page=False)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes


# --------------------------------------------------------------------------- readable anywhere

PHONE = {"width": 390, "height": 844}  # an iPhone 12-14 viewport, in CSS px
A4_CONTENT_PX = (210 - 2 * 14) / 25.4 * 96  # A4 width less style.css's @page side margins


def report_pages(site: Path) -> list[Path]:
    pages = sorted((site / "2022-T1").glob("*.html")) + sorted(site.glob("*.html"))
    assert len(pages) >= 4
    return pages


def test_figure_text_is_at_least_9_css_px_on_a_phone(site, phone_page):
    """Every figure's smallest text (its matplotlib font size at the figure's dpi, written on
    the picture as data-text-px) times the scale the page shows the picture at, at 390 px."""
    from helpers.show.display import MIN_TEXT_CSS_PX

    page = phone_page
    sizes: dict[str, float] = {}
    for path in report_pages(site):
        page.goto(path.as_uri())
        found = page.eval_on_selector_all(
            "img",
            """imgs => imgs.map(i => ({alt: i.alt, figure: !!i.closest('figure.chart'),
                px: parseFloat(i.dataset.textPx), natural: i.naturalWidth,
                shown: i.getBoundingClientRect().width}))""",
        )
        for f in found:
            # every picture is a figure that says its text size
            assert f["figure"] and f["px"] > 0, f
            sizes[f"{path.name}: {f['alt']}"] = f["px"] * f["shown"] / f["natural"]
        # the figures scroll inside their own box: the page itself never scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path.name
    assert len(sizes) >= 13  # 5 engagement, 4 coverage and 4 trends figures
    small = {k: round(v, 2) for k, v in sizes.items() if v < MIN_TEXT_CSS_PX}
    assert small == {}


# Each heading of the article and the first words shown after it (its paragraph, or the
# caption of the table or chart it introduces), as the printed page shows them.
HEADINGS = """() => Array.from(document.querySelectorAll('article h1, article h2, article h3'))
  .map(h => {
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    walk.currentNode = h;
    const words = [];
    for (let n = walk.nextNode(); n && words.length < 3; n = walk.nextNode()) {
      if (h.contains(n) || !n.parentElement || !n.parentElement.getClientRects().length) continue;
      words.push(...n.textContent.split(/\\s+/).filter(Boolean));
    }
    return [h.innerText, words.slice(0, 3).join(' ')];
  })"""


def _words(text: str) -> str:
    """Text compared as words: case, ligatures (ﬁ), punctuation and spacing set aside."""
    import unicodedata

    return " ".join(re.sub(r"[^\w]+", " ", unicodedata.normalize("NFKC", text).lower()).split())


def test_pages_print_on_a4_with_nothing_clipped(site, tab, tmp_path):
    """In print, on a page as wide as A4's content: no scroll box clips a table, tables and
    figures fit the width, cards and figures are kept on one page; the PDF is A4 and holds the
    last row of every table (rows a screen scroll box would hide). Read back page by page (in
    layout order): every heading is on the same page as what follows it, no page holds only
    the footer (or nothing), and no screen hint is printed (sorting, scrolling) nor any hash."""
    width = int(A4_CONTENT_PX)
    page = tab.ready({"width": width, "height": 1100})
    members = [site / "members" / n for n in ("index.html", "seoul.html", "kigali.html")]
    # the board brief prints its lists in columns, on one sheet: tests/e2e/
    # test_brief_explorer_browser.py prints it and reads it back
    pages = [p for p in report_pages(site) if p.name != "brief.html"]
    for path in pages + members:
        page.emulate_media(media="null")  # each file opens on screen, as a reader opens it
        page.goto(path.as_uri())
        page.emulate_media(media="print")
        boxes = page.eval_on_selector_all(
            ".helpers-table",
            """els => els.map(e => { const s = getComputedStyle(e);
                return {overflow: s.overflowX + ' ' + s.overflowY, maxHeight: s.maxHeight,
                        right: e.getBoundingClientRect().right,
                        table: (e.querySelector('table') || e).getBoundingClientRect().right}; })""",
        )
        for box in boxes:
            assert box["overflow"] == "visible visible" and box["maxHeight"] == "none", box
            assert box["table"] <= width + 0.5, (path.name, box)
        rights = page.eval_on_selector_all(
            "figure.chart img, .card", "els => els.map(e => e.getBoundingClientRect().right)"
        )
        assert all(r <= width + 0.5 for r in rights), (path.name, rights)
        kept = page.eval_on_selector_all(
            "figure.chart, .card", "els => els.map(e => getComputedStyle(e).breakInside)"
        )
        assert set(kept) <= {"avoid"}, path.name
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path.name
        last_rows = page.eval_on_selector_all(
            ".helpers-table tbody tr:last-child td:first-child",
            "tds => tds.map(td => td.innerText.trim())",
        )
        headings = page.evaluate(HEADINGS)
        footer = page.eval_on_selector_all(
            "footer.provenance", "fs => fs.map(f => f.innerText).join(' ')"
        )
        pdf = tmp_path / f"{path.parent.name}-{path.stem}.pdf"
        page.pdf(path=str(pdf), format="A4")
        sheets = read_sheets(pdf)
        for sheet in sheets:  # A4 is 595.3 × 841.9 pt; Chromium rounds up to whole points
            assert abs(sheet.width - 595.3) < 1.5, path.name
            assert abs(sheet.height - 841.9) < 1.5, path.name
        text = " ".join(sheet.text for sheet in sheets)
        missing = [r.split()[0] for r in last_rows if r and r.split()[0] not in text]
        assert missing == [], (path.name, missing)
        for hint in ("Click a column header", "Scroll sideways", "SHA-256"):
            assert hint not in text, (path.name, hint)
        assert not re.search(r"\b[0-9a-f]{12,}\b", text), path.name  # no hash, no git commit
        # page by page, each page's lines in the order they are laid out
        lines = [[_words(line) for line in sheet.lines] for sheet in sheets]
        lines = [[line for line in sheet if line] for sheet in lines]
        for n, sheet in enumerate(lines, 1):
            assert sheet, f"{path.name}: page {n} is blank"
            assert " ".join(sheet) not in _words(footer), f"{path.name}: page {n} is the footer"
        at = (0, -1)
        for heading, after in headings:
            found = [(i, j) for i, sheet in enumerate(lines) for j, line in enumerate(sheet)
                     if (i, j) > at and line == _words(heading)]  # fmt: skip
            assert found, (path.name, heading)
            at = i, j = found[0]
            rest = " ".join(lines[i][j + 1 :])
            assert _words(after) in rest, f"{path.name}: {heading!r} ends page {i + 1}"


def test_index_to_a_members_profile_and_back(site, open_page):
    """An officer goes from the index to the member directory, sorts it, opens Seoul's profile
    (its map highlights Seoul) and comes back to the index, all offline and without errors."""
    page = open_page(site / "index.html")
    page.get_by_role("link", name="Members").first.click()
    assert page.url.endswith("members/index.html")
    directory = page.locator("table.sortable")
    header = directory.locator("thead th", has_text="Activities")
    header.click()
    header.click()  # most active first
    first = directory.locator("tbody tr td:nth-child(1)").first.inner_text().strip()
    # hand count, 2022-T1: Barcelona (metropolitan area) took part in 7 activities, the most
    assert first == "Barcelona (metropolitan area)"
    page.get_by_role("link", name="Seoul", exact=True).click()
    assert page.url.endswith("members/seoul.html")
    assert page.locator("svg.worldmap circle.highlight").count() == 1
    page.get_by_role("link", name="All periods").first.click()
    assert page.url.endswith("/index.html") and "/members/" not in page.url
    assert open_page.errors == [] and open_page.outside == []


def test_member_pages_fit_a_phone(site, phone_page):
    for name in ("index.html", "seoul.html", "dakar.html"):
        phone_page.goto((site / "members" / name).as_uri())
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name


def test_the_shared_page_records_what_each_test_asserts_on_and_forgets_it_for_the_next(
    tab, tmp_path
):
    """The process's page (tests/e2e/conftest.py ``Tab``) records a script error, a dialog and
    a request outside the files, and the next test's page starts with none of them, at its own
    viewport, on screen media."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!doctype html><img src='https://example.org/x.png'>"
        "<script>alert('hi'); throw new Error('boom');</script>",
        encoding="utf-8",
    )
    page = tab.ready({"width": 500, "height": 600})
    page.emulate_media(media="print")
    page.goto(bad.as_uri())
    assert [e.split("\n")[0] for e in tab.errors] == ["boom"]
    assert tab.dialogs == ["hi"]
    assert tab.outside == ["https://example.org/x.png"]
    assert len(page.problems) == 3 and page.problems is tab.problems
    page = tab.ready({"width": 390, "height": 844})
    assert (tab.errors, tab.dialogs, tab.outside, tab.problems) == ([], [], [], [])
    assert page.url == "about:blank"
    assert page.evaluate("[innerWidth, matchMedia('print').matches]") == [390, False]
