"""The member directory and the profiles on the real 2022-T1 report and the May–August 2022
fixture (rosters differ: Shiraz is on the first only). Every expected value is read by hand
from the two reports (tests/fixtures/reports/2022-T1 and 2022-T2)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPORTS, copy_project

pytestmark = pytest.mark.slow  # ingests two periods and writes every member's page


class _Rows(HTMLParser):
    """Text of every table row's cells, keyed by the first cell's text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self._cells: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cells is not None and self._text is not None:
            self._cells.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "tr" and self._cells:
            self.rows.setdefault(self._cells[0], self._cells)
            self._cells = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def rows(page: str) -> dict[str, list[str]]:
    parser = _Rows()
    parser.feed(page)
    return parser.rows


def text(page: str) -> str:
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory, ingested_2022t1) -> Path:
    """Both periods ingested and every member page written: a copy of the run's one ingest of
    2022-T1 (``ingested_2022t1``) with the 2022-T2 report put beside it and ingested."""
    from helpers.ingest import ingest_period
    from helpers.report.members import write_members

    root = copy_project(ingested_2022t1, tmp_path_factory.mktemp("members"))
    raw = root / "data" / "raw" / "2022-T2"
    raw.mkdir(parents=True)
    for f in (REPORTS / "2022-T2").glob("*.md"):
        shutil.copy(f, raw / f.name)
    ingest_period("2022-T2", root=root, progress=lambda s: None)
    assert write_members(root, progress=lambda s: None) > 0
    return root / "reports" / "members"


def page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def test_directory_row_per_member_with_periods_last_engagement_and_board(site):
    d = rows(page(site, "index.html"))
    header = d["Member"]
    assert header == ["Member", "Region", "2022-T1", "2022-T2", "Activities", "Periods engaged",
                      "Last engagement", "Board seat"]  # fmt: skip
    # Seoul: 5 activities in 2022-T1 (1–25 Apr, 4–5 Apr, 7–8 Feb, 18 Sep, 28 Feb), 3 in the
    # May–August fixture (the lists at its lines 122, 248 and 314: WUF11 on 26–30 June, the
    # City Managers workshop on 19–21 July, the last one, and the board on 6 July);
    # vice-president Oh Se-Hoon
    seoul = d["Seoul"]
    assert seoul[1:7] == ["Asia-Pacific", "5", "3", "8", "2", "21 Jul 2022"]
    assert seoul[7].startswith("Regional vice-presidency (Oh Se-Hoon")
    # Shiraz is on the January–April roster only: — in May–August
    shiraz = d["Shiraz"]
    assert shiraz[2:4] == ["2", "—"]
    # Kigali took part in 2022-T1 but is on no roster: not a directory row
    assert "Kigali" not in d
    assert "Kigali" in text(page(site, "index.html")).split("Took part, not members")[1]


def test_last_engagement_is_the_latest_activity_dated_inside_its_period(site):
    d = rows(page(site, "index.html"))
    profile = text(page(site, "seoul.html"))
    # 2022-T1: the study dated 18 September counts as an activity, not as the last date
    assert "2022-T1 January–April 2022 yes 5 4 7 Feb 2022 25 Apr 2022" in profile
    # 2022-T2: from 26–30 June (WUF11) to 19–21 July (the City Managers workshop), read in
    # the fixture
    assert re.search(r"2022-T2 May–August 2022 yes 3 \d 26 Jun 2022 21 Jul 2022", profile)
    assert d["Seoul"][6] == "21 Jul 2022"


def test_profile_for_a_bilateral_meeting(site):
    dakar = text(page(site, "dakar.html"))
    # the board line of 2022-T1: two mayors of Dakar, one until and one since 17 February
    assert "Member : Soham El Wardini, Mayor of Dakar (until 17 February) (2022-T1)" in dakar
    assert "Member : Barthelemy Dias, Mayor of Dakar (since 17 February) (2022-T1)" in dakar
    madrid = text(page(site, "madrid.html"))
    assert "2022-T1: a bilateral meeting with the Secretariat (On-site)" in madrid
    seoul = text(page(site, "seoul.html"))
    # codes with their titles, from each period's own listing
    assert "L2A2D3 Learning and capacity-building activities" in seoul
    assert "1.4 Basic infrastructure and services" in seoul


def test_periods_with_no_engagement_are_named(site):
    # Accra is on the 2022-T1 roster and in no activity of it
    accra = text(page(site, "accra.html"))
    assert "No engagement in 2022-T1" in accra


def test_a_non_member_who_took_part_gets_a_profile_saying_so(site):
    kigali = text(page(site, "kigali.html"))
    assert "not a Metropolis member" in kigali and "took part in 1 activity" in kigali


def test_every_profile_links_back(site):
    for path in site.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'href="../index.html"' in html and 'href="index.html"' in html, path.name


def test_a_second_run_writes_nothing(site):
    from helpers.report.members import write_members

    before = {p.name: p.read_bytes() for p in site.glob("*.html")}
    assert write_members(site.parents[1], progress=lambda s: None) == 0
    assert {p.name: p.read_bytes() for p in site.glob("*.html")} == before


def test_every_shared_figure_agrees_across_pages(site):
    """The engagement page, trends, the directory and every profile count the same way."""
    from helpers import load, load_all
    from helpers.analysis import engagement, members, trends

    root = site.parents[1]
    t = load_all(root=root)
    d = members.directory(t).set_index("member")
    people = {p.name: p for p in members.profiles(t)}
    totals = trends.engagement_by_period(t).query("region == 'All regions'").set_index("period")
    for period in ("2022-T1", "2022-T2"):
        one = load(period, root=root)
        h = engagement.headline(one)
        on_roster = d[period].notna()
        assert int(on_roster.sum()) == h["roster_size"] == totals.loc[period, "roster_size"]
        took = d.index[on_roster & (d[period] > 0)]
        assert len(took) == h["members_engaged"] == totals.loc[period, "engaged"]
        per = engagement.per_member(one).set_index("member")
        assert sorted(per.index) == sorted(took)
        for m in took:
            row = next(q for q in people[m].periods if q["period"] == period)
            assert per.loc[m, "activities"] == d.loc[m, period] == row["activities"], m
            last = per.loc[m, "last_activity"]
            assert last == row["last"] or (pd.isna(last) and pd.isna(row["last"])), m
    assert len(t.members["member"].unique()) == len(d)


def test_each_profile_shows_the_map_with_its_member_highlighted(site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.w3.org/2000/svg"}
    for name, member in (("seoul.html", "Seoul"), ("shiraz.html", "Shiraz")):
        html = page(site, name)
        svg = ET.fromstring(re.search(r"<svg xmlns.*?</svg>", html, re.S).group(0))
        ring = svg.findall("s:circle[@class='highlight']", ns)
        assert len(ring) == 1 and ring[0].find("s:title", ns).text.startswith(member)
    # Shiraz left after January–April: its map is that roster's; Seoul's the May–August one
    assert "The January–April 2022 roster on the world map" in text(page(site, "shiraz.html"))
    assert "The May–August 2022 roster on the world map" in text(page(site, "seoul.html"))


def test_a_moved_member_redraws_the_profiles(site, tmp_path):
    from helpers.build import ingest_if_needed
    from helpers.periods import parse_period
    from helpers.report.members import write_members

    root = tmp_path / "copy"
    shutil.copytree(site.parents[1], root)
    csv = root / "data" / "reference" / "member_locations.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    seoul = next(i for i, line in enumerate(lines) if line.startswith("Seoul,"))
    parts = lines[seoul].split(",")
    parts[1] = "-33.9"  # Seoul moved to the southern hemisphere
    lines[seoul] = ",".join(parts)
    csv.write_text("".join(lines), encoding="utf-8")
    for p in ("2022-T1", "2022-T2"):
        ingest_if_needed(parse_period(p), root=root, progress=lambda s: None)
    before = (root / "reports" / "members" / "seoul.html").read_bytes()
    assert write_members(root, progress=lambda s: None) > 0
    assert (root / "reports" / "members" / "seoul.html").read_bytes() != before
