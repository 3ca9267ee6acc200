"""The committed PDFs read by their layout, against the tables of the markdown they were made
from (the same content, so the same rows a person reads): right, or stopped with a blocking
finding, never published wrong. See tests/fixtures/designed/README.md for what each shows.
The Typst (`typst/`), Chromium (`chromium/`), LaTeX (`latex/`), SVG (`svg/`) and Scribus
(`scribus/`) sets are designs made by helpers who had not seen the reader's rules: they must
stay stopped or read right, whatever a new rule does to the others. (Chromium's 2022-T1 read
right after three rules written against it; its 2022-T3 and Typst's 2022-T1 once a roster
name made of two members' names is read as them and an alliance broken over two lines is
joined; the LaTeX, SVG and Scribus sets all stopped at first contact.)"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import UserError
from helpers.ingest import parse_file, parse_report
from helpers.tables.checks import BLOCKING
from tests.fixture_reads import parse_fixture, parsed_fixture

pytestmark = pytest.mark.slow  # each case reads a PDF by its layout (about a second)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PLAIN = sorted((FIXTURES / "pdf").glob("*.pdf"))
DESIGNED = sorted(p for p in (FIXTURES / "designed").glob("*/*") if p.suffix in {".pdf", ".txt"})
# read with every field right today (the others stop with a blocking finding)
READ_RIGHT = {
    "groff/2022-T1.pdf", "groff/2022-T3.pdf", "groff/2023-T1.pdf",
    "fpdf/2022-T1.pdf", "fpdf/2022-T2.pdf", "fpdf/2022-T3.pdf", "fpdf/2023-T1.pdf",
    "lohtml/2022-T1.pdf", "lohtml/2022-T2.pdf", "lohtml/2022-T3.pdf", "lohtml/2023-T1.pdf",
    "groff/2022-T2.pdf",
    "libreoffice/2022-T1.pdf", "libreoffice/2022-T2.pdf", "libreoffice/2022-T3.pdf",
    "libreoffice/2023-T1.pdf",
    "weasyprint/2022-T1.pdf", "weasyprint/2022-T2.pdf", "weasyprint/2022-T3.pdf",
    "weasyprint/2023-T1.pdf",
    "scrambled/2022-T1.pdf", "scrambled/2022-T2.pdf", "scrambled/2022-T3.pdf",
    "scrambled/2023-T1.pdf",
    "chromium/2022-T1.pdf", "chromium/2022-T3.pdf",
    "typst/2022-T1.pdf",
}  # fmt: skip


# The doubts that bear on each table: one of them must stop a report whose table is wrong.
_ACTIVITIES = {"title_in_text", "value_outside_label", "label_value_unclear", "section_missing",
               "participation_in_doubt", "action_line_in_doubt", "reading_lost_text",
               "media_text_not_read"}  # fmt: skip
_NAMES = {"names_merged", "known_member_off_roster", "listed_name_not_on_roster", "section_missing",
          "section_too_small", "roster_line_not_read", "heading_on_roster", "name_fragments"}  # fmt: skip
_LISTINGS = {"codes_apart", "listing_text_not_read", "section_missing"}
BEARS_ON = {
    "activities": _ACTIVITIES, "participation": _ACTIVITIES | _NAMES,
    "activity_outcomes": _ACTIVITIES | _LISTINGS, "activity_challenges": _ACTIVITIES | _LISTINGS,
    "activity_alliances": _ACTIVITIES, "members": _NAMES, "engagement_table": _NAMES,
    "bilateral_meetings": _NAMES, "board": {"board_entry_unclear", "board_role_apart"} | _NAMES,
    "strategic_plan": _LISTINGS, "challenges": _LISTINGS,
    "media_mentions": {"mention_without_item", "media_text_not_read", "media_months_in_doubt",
                       "section_missing"},
    "social_followers": {"follower_unpaired", "section_missing"},
}  # fmt: skip


def _key(tables: dict[str, pd.DataFrame], *, loose: bool = True) -> dict[str, pd.DataFrame]:
    """Every table but quality, order aside; unless not `loose`, a description compared as its
    words (a typesetter's paragraph breaks and curly apostrophes are not another description)."""
    out = {}
    for name, df in tables.items():
        if name != "quality":
            cols = [c for c in df.columns if c not in ("source_line", "activity_id")]
            d = df[cols].astype(str)
            if loose and "description" in d:
                d["description"] = d["description"].map(
                    lambda t: " ".join(t.replace("’", "'").split())
                )
            out[name] = d.sort_values(cols).reset_index(drop=True)
    return out


@pytest.fixture(scope="module")
def markdown_parsed() -> dict[str, dict[str, pd.DataFrame]]:
    """Each markdown report's tables, parsed once for both keys below (_key copies)."""
    return {
        f.name: parse_file(next(f.glob("*.md")), f.name)
        for f in sorted((FIXTURES / "reports").iterdir())
    }


@pytest.fixture(scope="module")
def markdown_tables(markdown_parsed) -> dict[str, dict[str, pd.DataFrame]]:
    return {name: _key(tables) for name, tables in markdown_parsed.items()}


@pytest.fixture(scope="module")
def markdown_tables_exact(markdown_parsed) -> dict[str, dict[str, pd.DataFrame]]:
    return {name: _key(tables, loose=False) for name, tables in markdown_parsed.items()}


def _read(path: Path) -> dict[str, pd.DataFrame]:
    """The tables of a committed report (a PDF's parsed once per test process: the footer
    test below reads the same LibreOffice PDF)."""
    period = path.name[:7]
    if path.suffix == ".pdf":
        return parsed_fixture(path, period)
    return parse_report(path.read_text(encoding="utf-8"), period)


@pytest.mark.parametrize("pdf", PLAIN, ids=lambda p: p.stem)
def test_a_plain_pdf_gives_the_markdowns_tables(pdf, markdown_tables_exact):
    got = _key(parsed_fixture(pdf, pdf.stem), loose=False)
    for name, want in markdown_tables_exact[pdf.stem].items():
        pd.testing.assert_frame_equal(got[name], want, obj=name)


@pytest.mark.parametrize("path", DESIGNED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_designed_report_is_read_right_or_stopped_never_published_wrong(path, markdown_tables):
    try:
        tables = _read(path)
    except UserError:
        return  # stopped with one line
    q = tables["quality"]
    blocking = q[(q["severity"] == "error") & q["kind"].isin(BLOCKING)]
    got = _key(tables)
    wrong = [n for n, want in markdown_tables[path.name[:7]].items() if not got[n].equals(want)]
    assert not wrong or len(blocking), f"published wrong with no blocking finding: {wrong}"
    # each wrong table has a doubt of its own, not only another table's: were that other
    # table read right one day, this one would be published wrong
    kinds = set(blocking["kind"])
    hidden = [n for n in wrong if not BEARS_ON[n] & kinds]
    assert hidden == [], f"wrong with no doubt of their own: {hidden} (doubts: {sorted(kinds)})"
    if f"{path.parent.name}/{path.name}" in READ_RIGHT:
        assert not wrong and not len(blocking), f"no longer read right: {wrong}"


def test_a_footer_splitting_a_label_list_loses_no_challenge():
    # LibreOffice 2022-T1: KARTEPE SUMMIT's challenges run over a page break (2.1 | 2.2, 4.2)
    t = parsed_fixture(FIXTURES / "designed" / "libreoffice" / "2022-T1.pdf", "2022-T1")
    acts, links = t["activities"], t["activity_challenges"]
    kartepe = acts.loc[acts["title"] == "KARTEPE SUMMIT AND URBAN FAIR", "activity_id"].iloc[0]
    assert list(links.loc[links["activity_id"] == kartepe, "code"]) == ["2.1", "2.2", "4.2"]
    # the report lists 12 challenges; its activities address all but 1.3 (read by hand)
    assert len(t["challenges"]) == 12 and links["code"].nunique() == 11


@pytest.mark.parametrize("filed", ["2022-T3", "2013-T1"])
def test_a_report_filed_under_another_period_stops_naming_both(filed):
    pdf = FIXTURES / "designed" / "weasyprint" / "2022-T1.pdf"
    with pytest.raises(UserError, match=f"covers 2022-T1 .*filed as {filed}"):
        parse_fixture(pdf, filed)
