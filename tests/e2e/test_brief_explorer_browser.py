"""The board brief and the activity explorer in a real browser (Debian's Chromium through
Playwright, offline): the brief prints on one A4 sheet with the report's figures, the index
links it first, and the explorer's filters find the activities counted by hand in the 2022-T1
report. Skipped like tests/e2e/test_browser.py where Chromium is missing (failing in CI)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import own_tab
from tests.e2e.printed import read_sheets
from tests.e2e.test_browser import CHROMIUM, PHONE

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.slow,  # builds a project of two periods and drives the browser
]

T1, T2 = "2022-T1", "2022-T2"
# Hand counts from tests/fixtures/reports/2022-T1 (line numbers of its markdown):
# Rosario is named in "Learning from cities" (l. 244) and the extraordinary board meeting (l. 308)
ROSARIO_2022T1 = [
    "EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022",
    "LEARNING FROM CITIES: HOW CAN FOOD SYSTEMS GENERATE BETTER LIVELIHOODS IN CITIES?",
]
# "2.3 Climate resilience" is a challenge of five activities (l. 226, 267, 356, 499, 537);
# Rosario's two activities address 1.4 and 2.1, and 1.1, 3.2 and 3.3: none is on 2.3
CLIMATE_2022T1 = [
    "8TH COHESION FORUM: RECOVER, REBUILD AND RECONNECT",
    "CALL FOR PROPOSALS FOR THE KNOWLEDGE EXCHANGE MECHANISM ON UF-NBS",
    "INTERNATIONAL DAY OF FORESTS",
    "METROTALKS: BRINGING NATURE BACK TO URBAN SPACES",
    "PUBLIC SPACE CAMPAIGN",
]
# "Bruxelles" (the report's spelling of Brussels) takes part in three activities
BRUSSELS_2022T1 = [
    "EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022",
    "PUBLIC SPACE CAMPAIGN",
    "RETHINKING PUBLIC SPACE FOR A SUSTAINABLE METROPOLITAN FUTURE",
]


@pytest.fixture(scope="module")
def site(two_period_reports: Path) -> Path:
    """2022-T1 and 2022-T2 built as `make report PERIOD=2022-T2` builds them (shared)."""
    return two_period_reports


@pytest.fixture
def page(tab):
    """The test process's offline page (tests/e2e/conftest.py ``Tab``) at 1366 × 900 px:
    ``page.problems`` are the script errors, dialogs and network requests seen since the test
    began."""
    return tab.page


def _sheets(page, path: Path, tmp_path: Path) -> tuple[int, str]:
    """The page printed to A4 by Chromium: (sheets, its text, ligatures undone)."""
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    pdf = tmp_path / f"{path.parent.name}-{path.stem}.pdf"
    page.pdf(path=str(pdf), format="A4")
    sheets = read_sheets(pdf)
    text = " ".join(sheet.text for sheet in sheets)
    return len(sheets), unicodedata.normalize("NFKC", text)


def _figures(page) -> dict[str, list[str]]:
    """The brief's headline table: figure → its cells (value, then before and change)."""
    rows = page.locator("table.brief tbody tr").all()
    return {r.locator("th").evaluate("th => th.firstChild.textContent.trim()"):
            [c.strip() for c in r.locator("td").all_inner_texts()] for r in rows}  # fmt: skip


@pytest.fixture(scope="module")
def printed(browser, site, tmp_path_factory) -> Iterator[dict[str, tuple[Any, int, str]]]:
    """Each period's brief printed to A4 once, in a fresh page of its own, for the tests that
    only read it: period → (the page, its sheets, its text)."""
    folder = tmp_path_factory.mktemp("briefs")
    laptop = {"width": 1366, "height": 900}
    with own_tab(browser, laptop) as t1, own_tab(browser, laptop) as t2:
        yield {period: (t.page, *_sheets(t.page, site / period / "brief.html", folder))
               for period, t in ((T1, t1), (T2, t2))}  # fmt: skip


@pytest.mark.parametrize("period", [T1, T2])
def test_the_brief_prints_on_one_a4_sheet_without_hints_or_hashes(printed, period):
    page, sheets, text = printed[period]
    assert sheets == 1
    assert "click" not in text.lower() and "sort" not in text.lower()
    assert re.search(r"\b[0-9a-f]{10,}\b", text) is None  # no SHA-256, no git hash
    assert "Board brief" in text and "Findings that limit the figures" in text
    assert page.problems == []


def test_the_2022t1_brief_shows_the_reports_figures(printed):
    page, _, text = printed[T1]
    # hand counts of the 2022-T1 report (tests/analysis/test_engagement.py, test_coverage.py;
    # the ten alliances in tests/analysis/test_brief.py)
    assert _figures(page) == {
        "Activities": ["21"], "Members taking part": ["46 of 143"], "Engagement rate": ["32%"],
        "Alliances worked with": ["10"], "Deliverables served": ["16 of 18"],
        "Challenges addressed": ["11 of 12"], "Board members whose city took part": ["33 of 34"],
    }  # fmt: skip
    for shown in ["L2A2D1", "L2A2D7", "1.3 Advancing mobility",
                  "Asia-Pacific: 16 of 75 members took part (21%)", "San Salvador",
                  "0 errors", "8 warnings", "the first period read"]:  # fmt: skip
        assert shown in text, shown


def test_the_2022t2_brief_compares_with_2022t1_like_for_like(printed):
    page, _, text = printed[T2]
    figures = _figures(page)
    # 14 activities in May–August (the fixture lists 14), 21 in January–April: −7
    assert figures["Activities"] == ["14", "21", "\u22127"]
    # the rosters differ (143 members, then 74: the fixture's roster), so members taking part
    # are compared like for like, on the members on both rosters (42 of the 74 took part:
    # the members of its activities in the fixture's expected.json, written by hand)
    assert figures["Members taking part"][:2] == ["42 of 74", "46 of 143"]
    assert figures["Members taking part"][2].endswith("like for like")
    assert "The roster changed from 143 members in 2022-T1 to 74 in 2022-T2" in text


def test_the_index_links_each_periods_brief_first(site, page):
    page.goto((site / "index.html").as_uri())
    for row in page.locator("table tbody tr").all():
        first = row.locator("td.links a").first
        assert first.inner_text() == "Board brief"
        assert re.fullmatch(r"20\d\d-T\d/brief\.html", first.get_attribute("href") or "")
    assert page.locator("table tbody tr").count() == 2
    page.get_by_role("link", name="Activity explorer").click()
    assert page.url.endswith("/explorer.html")
    assert page.problems == []


def _titles(page) -> list[str]:
    cells = page.locator("table.explorer tbody tr:visible td:nth-child(3)").all_inner_texts()
    return sorted(c.strip() for c in cells)


def test_the_explorer_finds_rosario_and_climate_resilience_as_counted_by_hand(site, page):
    page.goto((site / "explorer.html").as_uri())
    # the first box on the page is the free-text one
    assert page.locator("input, select").first.get_attribute("id") == "f-text"
    assert len(_titles(page)) == 35  # 21 activities in 2022-T1, 14 in 2022-T2
    page.select_option("#f-to", T1)  # 2022-T1 only
    assert len(_titles(page)) == 21
    page.locator("#f-member").fill("Rosario")
    assert _titles(page) == ROSARIO_2022T1
    assert page.inner_text("#found") == "2 of 35 activities match"
    page.locator("#f-code").fill("2.3")  # the filters combine: Rosario on 2.3
    assert _titles(page) == []
    page.locator("#f-member").fill("")
    assert _titles(page) == CLIMATE_2022T1
    page.locator("#f-code").fill("2.3 Climate resilience")  # as the list suggests it
    assert _titles(page) == CLIMATE_2022T1
    page.locator("#f-code").fill("")
    page.locator("#f-text").fill("rosario")  # free text matches member names too
    assert _titles(page) == ROSARIO_2022T1
    page.locator("#f-text").fill("")
    page.locator("#f-member").fill("Bruxelles")  # resolved as names are: Brussels
    assert _titles(page) == BRUSSELS_2022T1
    assert page.problems == []


def test_the_explorer_shows_a_hostile_title_as_text(site, page, tmp_path):
    from helpers.analysis.explore import Tables, load_all
    from helpers.report.explorer import explorer_html
    from helpers.tables.names import load_aliases

    root = site.parent
    t = load_all(root=root)
    frames = {n: t[n].copy() for n in t}
    hostile = "</script><script>alert('x')</script><img src=x onerror=alert(2)>"
    frames["activities"].loc[0, "title"] = hostile
    bad = Tables(frames, t.periods, t.source, stacked=True)
    path = tmp_path / "explorer.html"
    path.write_text(explorer_html(bad, load_aliases(root)), encoding="utf-8")
    page.goto(path.as_uri())
    page.locator("#f-text").fill("onerror")
    assert _titles(page) == [hostile]
    assert page.locator("table.explorer img").count() == 0
    assert page.problems == []  # no alert, no error, nothing fetched


def test_the_member_directory_search_finds_any_spelling(site, page):
    page.goto((site / "members" / "index.html").as_uri())

    def shown() -> list[str]:
        cells = page.locator("#member-directory tbody tr:visible td:nth-child(1)")
        return [c.strip() for c in cells.all_inner_texts()]

    total = len(shown())
    page.locator("#member-search").fill("bruxelles")
    assert shown() == ["Brussels"]
    page.locator("#member-search").fill("montreal")
    assert shown() == ["Montréal"]
    page.locator("#member-search").fill("")
    assert len(shown()) == total
    assert page.problems == []


def test_brief_and_explorer_fit_a_phone(site, phone_page):
    for path in (site / T2 / "brief.html", site / "explorer.html"):
        phone_page.goto(path.as_uri())
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], path.name


def test_a_brief_with_every_list_full_still_prints_on_one_sheet(page, tmp_path):
    """The longest brief the page allows: a banner, every figure compared like for like, and
    every list longer than what it shows, each item as long as the reports' longest."""
    from helpers.analysis.brief import Brief, Figure
    from helpers.report import brief as page_of
    from helpers.report.templating import render_page

    long = ("Capacity building so that public servants can implement policies and actions to "
            "achieve the global agendas")  # fmt: skip
    member = {"member": "Barcelona (metropolitan area)",
              "region": "Latin America and the Caribbean"}  # fmt: skip
    labels = ["Activities", "Members taking part", "Engagement rate", "Alliances worked with",
              "Deliverables served", "Challenges addressed", "Board members whose city took part"]  # fmt: skip
    b = Brief(
        period="2023-T1", previous="2022-T3",
        figures=[Figure(label, "999 of 999", "999 of 999", "\u2212999 points like for like",
                        "999 dated inside the period" if i in (0, 2) else "")
                 for i, label in enumerate(labels)],
        like_for_like="The roster changed from 143 members in 2022-T3 to 74 in 2023-T1 (49% of "
        "the members are on one roster only), so members taking part and the engagement rate "
        "are compared like for like, on the 73 members on both rosters: 45 took part in "
        "2022-T3 (62%), 41 in 2023-T1 (56%).",
        deliverables=[(f"L2A3D{i}", long) for i in range(20)],
        challenges=[(f"4.{i}", "Adapting to technological change and the digital transition")
                    for i in range(12)],
        regions=[{"region": r, "engaged": 16, "roster": 75, "not_engaged": 59, "rate": "21%"}
                 for r in ["Latin America and the Caribbean", "Asia-Pacific", "Africa", "Europe"]],
        overall_rate=0.9,
        board=[{"name": "Barthelemy Toye Dias", "role": "Regional Vice-President", **member}] * 12,
        lapsed=[member] * 40,
        findings=[{"kind": "automatic_match", "severity": "warning", "count": 3,
                   "sentence": "A name was matched to the member with the closest spelling; if "
                   "the match is right, add the spelling as an alias so it is no longer a guess."}] * 12,
        severities={"error": 2, "warning": 30, "info": 10},
    )  # fmt: skip
    html = render_page(
        "brief.html.j2", b=b, label="January–April 2023", prev_label="September–December 2022",
        overall="90%", accepted=["the roster (WHO WE ARE) was not found"],
        source="metropolis_progress_report_2023-T1_final_version_for_the_board.pdf",
        generated_at="2026-01-01 00:00 UTC", limit=page_of.LIMIT, names=page_of.NAMES, nav=[],
    )  # fmt: skip
    path = tmp_path / "brief.html"
    path.write_text(html, encoding="utf-8")
    sheets, text = _sheets(page, path, tmp_path)
    assert sheets == 1
    assert "and 16 more on the outcome coverage page" in text  # 20 listed, 4 shown
