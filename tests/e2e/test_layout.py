"""Every kind of page read on a phone (390 px) and on a laptop (1366 px), in Debian's Chromium
through Playwright, on a two-period site (2022-T1 and 2022-T2, so the trends page compares):
every table's columns and every chart are in view, or their box scrolls under a visible cue
(and no cue is shown where nothing scrolls); the index shows each period's headline figures
on the first screen of a phone; the issue's own complaints are each checked where they were
seen (alliances' Titles, trends' Status column and rate table, the directory's period
headers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_browser import CHROMIUM, ROSTER_BY_REGION, TOOK_PART

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.slow,  # builds two periods and drives the browser
]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
WIDTHS = {"phone": PHONE, "laptop": LAPTOP}
# One page of each kind: the index, a period's three pages, trends, the directory, a member's
# profile and a non-member participant's profile.
PAGES = [
    "index.html",
    "2022-T2/02_engagement.html",
    "2022-T2/03_coverage.html",
    "2022-T1/04_quality.html",
    "trends.html",
    "members/index.html",
    "members/seoul.html",
    "members/kigali.html",
]

# Each scroll box (a table's .helpers-table, a chart's .chart-scroll): where it ends, whether it
# scrolls, its cue, and which of its headers (or its picture) lie outside the box's view.
BOXES = """() => {
  const vw = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll('.helpers-table, .chart-scroll')).map(box => {
    const r = box.getBoundingClientRect();
    const cue = box.previousElementSibling;
    const isCue = !!cue && cue.classList.contains('scroll-cue');
    const c = isCue ? cue.getBoundingClientRect() : null;
    const outside = [];
    // a column's header, or, where the header row is not shown (the index stacked on a phone),
    // each cell, which then carries its column's label
    const stacked = !!box.querySelector('thead') && !box.querySelector('thead').getClientRects().length;
    box.querySelectorAll(stacked ? 'tbody td' : 'thead th').forEach(th => {
      const t = th.getBoundingClientRect();
      if (t.right > r.right + 0.5 || t.left < r.left - 0.5) outside.push(th.innerText.trim());
    });
    const img = box.querySelector('img');
    if (img && img.getBoundingClientRect().right > r.right + 0.5) outside.push('the chart');
    const caption = box.querySelector('caption, img');
    return {
      what: caption ? (caption.alt || caption.innerText).slice(0, 60) : box.innerText.slice(0, 60),
      right: r.right, vw: vw, outside: outside,
      wide: box.scrollWidth > box.clientWidth + 1,
      tall: box.scrollHeight > box.clientHeight + 1,
      cue: isCue && !cue.hidden && c.width > 0 && c.height > 0 && c.right <= vw + 0.5
           ? cue.innerText.trim() : '',
    };
  });
}"""


@pytest.fixture(scope="module")
def site(two_period_reports: Path) -> Path:
    """2022-T1 and 2022-T2 built as `make report PERIOD=2022-T2` builds them (shared)."""
    return two_period_reports


@pytest.fixture
def opened(tab, site):
    """Open reports/<name> at a viewport, offline, in the test process's page (tests/e2e/
    conftest.py ``Tab``, made ready when the test began), a fresh document; ``.errors`` are
    the script errors of every page the test opened."""

    def _open(name: str, viewport: dict):
        tab.page.set_viewport_size(viewport)  # not tab.ready: what earlier pages did is kept
        tab.page.goto((site / name).as_uri())
        return tab.page

    _open.errors = tab.errors
    return _open


def one_line(page, selector: str) -> list[tuple[str, int]]:
    """(text, lines it takes) of each element matching ``selector``."""
    found = page.eval_on_selector_all(
        selector,
        """els => els.map(e => { const r = document.createRange(); r.selectNodeContents(e);
            const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
            return [e.innerText.trim(), tops.size]; })""",
    )
    return [(text, lines) for text, lines in found]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_every_table_and_chart_is_in_view_or_scrolls_under_a_cue(name, width, opened):
    page = opened(name, WIDTHS[width])
    vw = WIDTHS[width]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= vw, "the page scrolls sideways"
    boxes = page.evaluate(BOXES)
    assert boxes or name.endswith("04_quality.html"), name  # the quality page has no table
    for box in boxes:
        assert box["right"] <= vw + 0.5, box  # the box itself is on the screen
        if box["outside"]:  # what is off to the side is reached by scrolling, and the page says so
            assert box["wide"] and "Scroll sideways" in box["cue"], box
        if box["tall"]:
            assert "down inside the table" in box["cue"], box
        if not (box["wide"] or box["tall"]):
            assert box["cue"] == "", box  # no cue where nothing scrolls
    # the map's legend is HTML that wraps: every key is on the screen
    keys = page.eval_on_selector_all(
        ".map-legend .map-key", "ks => ks.map(k => k.getBoundingClientRect().right)"
    )
    assert all(right <= vw + 0.5 for right in keys), keys
    assert opened.errors == []


def test_a_phone_shows_every_periods_headline_figures_on_the_first_screen(opened):
    """2022-T2 (14 activities: the fixture's expected.json; 42 of its 74 roster members took
    part: tests/e2e/test_build.py) and 2022-T1 (21 activities; 46 of 143, the regions' hand
    counts in test_browser.py), newest first, each figure under its label."""
    page = opened("index.html", PHONE)
    t2 = json.loads((Path(__file__).parents[1] / "fixtures/reports/2022-T2/expected.json")
                    .read_text(encoding="utf-8"))  # fmt: skip
    expected = [
        ("2022-T2", len(t2["activities"]), "42 of 74"),
        ("2022-T1", 21, f"{sum(TOOK_PART.values())} of {sum(ROSTER_BY_REGION.values())}"),
    ]
    rows = page.eval_on_selector_all(
        "table.stack tbody tr",
        """trs => trs.map(tr => Array.from(tr.cells).map(td => ({
            label: td.dataset.label || '', text: td.innerText.trim(),
            shown_label: getComputedStyle(td, '::before').content,
            bottom: td.getBoundingClientRect().bottom, right: td.getBoundingClientRect().right})))""",
    )
    assert len(rows) == 2
    for (period, activities, members), cells in zip(expected, rows, strict=True):
        assert cells[0]["text"].startswith(period)
        shown = {c["label"]: c for c in cells if c["label"]}
        assert shown["Activities"]["text"] == str(activities)
        assert shown["Members taking part"]["text"] == members
        for label in ("Activities", "Members taking part", "Engagement rate", "Alliances",
                      "Deliverables covered", "Challenges covered", "Quality findings"):  # fmt: skip
            assert shown[label]["shown_label"] == f'"{label}"', shown[label]  # labelled on a phone
            assert shown[label]["bottom"] <= PHONE["height"], (period, label, shown[label])
            assert shown[label]["right"] <= PHONE["width"], (period, label)


def test_alliance_titles_keep_a_readable_width_on_a_phone(opened):
    """The alliances' Titles column was one word per line at 390 px: it keeps 16rem (256 px)
    and the table scrolls sideways under its cue instead."""
    page = opened("2022-T2/02_engagement.html", PHONE)
    table = page.locator(".helpers-table", has=page.locator("caption", has_text="Alliances and"))
    width = table.locator("thead th", has_text="Titles").evaluate(
        "th => th.getBoundingClientRect().width"
    )
    assert width >= 256
    assert "Scroll sideways" in table.evaluate("b => b.previousElementSibling.innerText")


def test_trends_status_column_is_on_a_phones_screen(opened):
    """Who newly took part and who lapsed: the member and the status come first, in view."""
    page = opened("trends.html", PHONE)
    table = page.locator("table", has=page.locator("caption", has_text="newly engaged or lapsed"))
    heads = table.locator("thead th").all_inner_texts()
    assert [h.strip() for h in heads[:2]] == ["Member", "Status"]
    right = table.locator("thead th", has_text="Status").evaluate(
        "th => th.getBoundingClientRect().right"
    )
    assert right <= PHONE["width"]


def test_trends_rate_table_fits_a_laptop_with_periods_on_one_line(opened):
    """ "Engagement against the previous period" at 1366 px: every column in view (no scroll,
    no cue) and 2022-T2 / 2022-T1 each on one line."""
    page = opened("trends.html", LAPTOP)
    caption = "Engagement against the previous period"
    box = page.locator(".helpers-table", has=page.locator("caption", has_text=caption))
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    heads = [h.strip() for h in box.locator("thead th").all_inner_texts()]
    assert "Rate before (members on both)" in heads and "Rate after (members on both)" in heads
    cells = one_line(page, f"table:has(caption:text('{caption}')) tbody td")
    periods = [(text, lines) for text, lines in cells if text.startswith("2022-")]
    assert periods == [("2022-T2", 1), ("2022-T1", 1)]


def test_directory_period_headers_are_one_line_on_a_laptop(opened):
    page = opened("members/index.html", LAPTOP)
    heads = [h for h in one_line(page, "thead th") if h[0].startswith("2022-")]
    assert heads == [("2022-T1", 1), ("2022-T2", 1)]


def test_rows_dated_outside_their_period_are_brown_as_the_profile_says(opened):
    """Seoul took part in RETHINKING PUBLIC SPACE…, dated 18 September in the 2022-T1 report."""
    page = opened("members/seoul.html", LAPTOP)
    assert "Rows in brown are dated outside their period" in page.inner_text("body")
    out = page.locator("tr.out")
    assert out.count() == 1 and "RETHINKING PUBLIC SPACE" in out.inner_text()
    colour = out.locator("td").first.evaluate("td => getComputedStyle(td).color")
    other = page.locator("tr:not(.out) td").first.evaluate("td => getComputedStyle(td).color")
    red, green, blue = (int(v) for v in colour[colour.index("(") + 1 : -1].split(",")[:3])
    assert colour != other and red > green > blue  # a brown, not the text's ink


def test_a_non_members_profile_says_why_the_map_lacks_it(opened):
    page = opened("members/kigali.html", PHONE)
    caption = page.locator("figure.worldmap-figure figcaption").inner_text()
    assert "Kigali is not on this map: it is not a Metropolis member" in caption
