"""The board brief and the activity explorer as files: what they hold from the real 2022-T1
report (hand counts from its markdown), that report text stays text (a hostile title cannot
close the explorer's data element), and that each is rewritten only when its inputs change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPORT_2022T1, new_project

T1 = "2022-T1"
HOSTILE = "</script><script>alert('x')</script><!-- & </SCRIPT >"


@pytest.fixture(scope="module")
def tables_2022t1():
    """The 2022-T1 report parsed, stacked as helpers.load_all gives it (one period)."""
    from helpers.analysis.explore import Tables
    from helpers.ingest import parse_report
    from helpers.periods import parse_period

    frames = parse_report(REPORT_2022T1.read_text(encoding="utf-8"), T1)
    frames = {n: df.assign(period=T1) for n, df in frames.items()}
    return Tables(frames, [parse_period(T1)], REPORT_2022T1.parent, stacked=True)


def _data(page: str) -> dict:
    """The explorer's data element, parsed as the page's script parses it."""
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.S)
    assert found, "no data element"
    return json.loads(found[1])


def _aliases() -> pd.DataFrame:
    from helpers.tables.names import load_aliases

    return load_aliases(Path(__file__).resolve().parents[2])


def test_the_explorer_holds_every_activity_with_its_codes_titled(tables_2022t1):
    from helpers.report.explorer import explorer_html

    data = _data(explorer_html(tables_2022t1, _aliases()))
    rows = data["rows"]
    assert len(rows) == 21  # the 2022-T1 report lists 21 activities
    titles = {r[3]: r for r in rows}
    people = [p[0] for p in data["people"]]

    def names(row):
        return [people[i] for i in row[4]]

    # "Learning from cities" (17 March): Members Rosario; challenges 1.4 and 2.1; UNDP
    food = titles[
        "LEARNING FROM CITIES: HOW CAN FOOD SYSTEMS GENERATE BETTER LIVELIHOODS IN CITIES?"
    ]
    assert names(food) == ["Rosario"]
    assert [data["codes"][i][:2] for i in food[6]] == [
        ["1.4", "Basic infrastructure and services"], ["2.1", "Social resilience"]
    ]  # fmt: skip
    assert [data["alliances"][i][0] for i in food[7]] == ["UNDP"]
    assert food[2] == "17 Mar 2022"
    # Rosario took part in two activities: this one and the extraordinary board meeting
    rosario = people.index("Rosario")
    assert sorted(r[3] for r in rows if rosario in r[4]) == [
        "EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022",
        "LEARNING FROM CITIES: HOW CAN FOOD SYSTEMS GENERATE BETTER LIVELIHOODS IN CITIES?",
    ]
    # an outcome code the plan listing lacks keeps no title (L3A1D4, the UCLG meeting)
    assert ["L3A1D4", "", "o"] in [c[:3] for c in data["codes"]]
    # the spellings a member goes by, folded: the report's and the alias table's
    brussels = data["people"][people.index("Brussels")]
    assert {"brussels", "bruxelles"} <= set(brussels[2].split("|"))
    # the activity dated 18 September is marked as outside its period
    assert titles["RETHINKING PUBLIC SPACE FOR A SUSTAINABLE METROPOLITAN FUTURE"][8] == 0


def test_a_hostile_title_stays_text_in_the_explorer(tables_2022t1):
    from helpers.analysis.explore import Tables
    from helpers.report.explorer import explorer_html
    from helpers.report.safety import live_markup

    frames = {n: tables_2022t1[n].copy() for n in tables_2022t1}
    frames["activities"].loc[0, "title"] = HOSTILE
    frames["participation"].loc[0, "name_raw"] = "<img src=x onerror=alert(1)>"
    frames["participation"].loc[0, "member"] = None
    t = Tables(frames, tables_2022t1.periods, tables_2022t1.source, stacked=True)
    page = explorer_html(t, _aliases())  # render_page refuses a page with live markup
    assert "</script><script>" not in page and "<img src=x" not in page
    assert "\\u003c/script\\u003e" in page  # < and > escaped inside the JSON
    assert live_markup(page, allowed_inline_scripts=2) == []
    # exactly two script elements: the data and the page's script
    assert len(re.findall(r"<script\b", page, re.I)) == 2
    data = _data(page)
    assert HOSTILE in [r[3] for r in data["rows"]]  # the title itself, whole
    assert "<img src=x onerror=alert(1)>" in [p[0] for p in data["people"]]


def test_the_directory_page_can_search_by_any_spelling(tables_2022t1):
    from helpers.report.member_pages import _search_keys

    keys = _search_keys(tables_2022t1, _aliases())
    assert "bruxelles" in keys["Brussels"]  # written "Bruxelles" in the report
    assert "montreal" in keys["Montréal"]  # written "Montreal" twice
    assert "asia pacific" in keys["Seoul"]  # its region
    assert len(keys) == 143


@pytest.fixture
def ingested(tmp_path: Path) -> Path:
    """A project with 2022-T1 ingested and a stand-in for its rendered pages (summary.json:
    the brief needs the period's report folder, not its notebooks)."""
    from helpers.ingest import ingest_period

    root = new_project(tmp_path)
    ingest_period(T1, root=root, progress=lambda s: None)
    folder = root / "reports" / T1
    folder.mkdir(parents=True)
    summary = {"notebooks": [], "provenance": {"input": {"file": "data/raw/2022-T1/r.md"}}}
    (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return root


@pytest.mark.slow  # ingests the report
def test_brief_and_explorer_are_written_once_then_only_when_an_input_changes(ingested):
    from helpers.report.brief import write_briefs
    from helpers.report.explorer import write_explorer

    said: list[str] = []
    brief = ingested / "reports" / T1 / "brief.html"
    explorer = ingested / "reports" / "explorer.html"
    assert write_briefs(ingested, progress=said.append) == [T1]
    assert write_explorer(ingested, progress=said.append) == explorer
    assert brief.is_file() and explorer.is_file()
    assert "46 of 143" in brief.read_text(encoding="utf-8")
    stamps = brief.stat().st_mtime_ns, explorer.stat().st_mtime_ns
    said.clear()
    assert write_briefs(ingested, progress=said.append) == []
    write_explorer(ingested, progress=said.append)
    assert said == [] and (brief.stat().st_mtime_ns, explorer.stat().st_mtime_ns) == stamps
    # a new spelling in the alias table changes what the explorer's names match
    aliases = ingested / "data" / "reference" / "member_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "Sewoul,Seoul,test\n", "utf-8")
    write_explorer(ingested, progress=said.append)
    assert said == ["    wrote reports/explorer.html (21 activities)"]
    assert "sewoul" in explorer.read_text(encoding="utf-8")
    # a brief removed (its period's folder swapped for a new one) is written again
    brief.unlink()
    assert write_briefs(ingested, progress=said.append) == [T1]
