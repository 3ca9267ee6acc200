"""An officer who follows the README puts the published PDF in data/raw/2022-T1/ and nothing
else: the tables the suite loads (ingest into a project, then `load`) hold what a person reads
in the report (tests/fixtures/reports/2022-T1, the same report as markdown; the PDF is
tests/fixtures/pdf/2022-T1.pdf, made from it by make_pdfs.py)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from helpers.analysis.explore import load
from helpers.ingest import ingest_period
from tests.conftest import PDF_2022T1, ROOT

pytestmark = pytest.mark.slow  # reads a PDF into a project

PERIOD = "2022-T1"


@pytest.fixture(scope="module")
def from_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """A project whose raw folder holds only the PDF, ingested as `make report` does."""
    root = tmp_path_factory.mktemp("pdf_only")
    raw = root / "data" / "raw" / PERIOD
    raw.mkdir(parents=True)
    shutil.copy(PDF_2022T1, raw / "metropolis_progress_report_2022-T1.pdf")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    ingest_period(PERIOD, root=root, progress=lambda s: None)
    return root, load(PERIOD, root=root)


def test_the_raw_folder_holds_only_the_pdf(from_pdf):
    root, _ = from_pdf
    assert [f.suffix for f in (root / "data" / "raw" / PERIOD).iterdir()] == [".pdf"]


def test_roster_read_from_the_pdf(from_pdf):
    # "WHO WE ARE": the bullet lists under each region, counted by hand
    m = from_pdf[1].members
    assert len(m) == 143
    assert m.groupby("region", observed=True).size().to_dict() == {
        "Africa": 25, "Asia-Pacific": 75, "Europe": 15,
        "Latin America and the Caribbean": 20, "North America": 8,
    }  # fmt: skip
    region = m.set_index("member")["region"]
    assert region["Yaoundé"] == "Africa"  # the last of Africa's list
    assert region["Male'"] == "Asia-Pacific"
    assert region["Guadalajara (IMEPLAN)"] == "North America"
    assert region["Valle de Aburrá"] == "Latin America and the Caribbean"


def test_an_activity_and_its_members_read_from_the_pdf(from_pdf):
    # 17 February, THE METROPOLITAN GOVERNANCE IN AFRICA…: "Members / Rabat, Tunis, Cairo,
    # Nouakchott, Abdijan, Harare, Kigali" (Abdijan is Abidjan misspelt; Kigali is on no roster)
    t = from_pdf[1]
    a = t.activities.set_index("title")
    title = "THE METROPOLITAN GOVERNANCE IN AFRICA. PEER LEARNING FROM LOCAL EXPERIENCES"
    act = a.loc[title]
    assert (act.start_date.date(), act.end_date.date()) == (date(2022, 2, 17), date(2022, 2, 17))
    p = t.participation[t.participation["activity_id"] == act.activity_id]
    assert p["name_raw"].tolist() == [
        "Rabat", "Tunis", "Cairo", "Nouakchott", "Abdijan", "Harare", "Kigali"]  # fmt: skip
    assert p.loc[p["is_member"], "member"].tolist() == [
        "Rabat", "Tunis", "Cairo", "Nouakchott", "Abidjan", "Harare"]  # fmt: skip
    assert p.loc[~p["is_member"], "name_raw"].tolist() == ["Kigali"]


def test_the_board_meeting_and_the_first_activity_read_from_the_pdf(from_pdf):
    t = from_pdf[1]
    a = t.activities.set_index("title")
    # 1-25 April: "Twenty-five Board members participated", 25 names under Members, three of
    # them in another language (Bruxelles, Ciudad de México, Grand Paris)
    board = a.loc["EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022"]
    assert (board.start_date.date(), board.end_date.date()) == (date(2022, 4, 1), date(2022, 4, 25))
    p = t.participation[t.participation["activity_id"] == board.activity_id]
    assert len(p) == 25 and p["is_member"].all()
    assert {"Brussels", "Mexico City", "Greater Paris", "Seoul", "Tehran"} <= set(p["member"])
    # 15–16 February, UCLG-MEWA RETREAT: "Outcomes / L1A1D2, L1A2D1, L1A2D2, L1A3D1, L1A3D3"
    retreat = a.loc["UCLG-MEWA RETREAT"]
    assert (retreat.start_date.date(), retreat.end_date.date()) == (
        date(2022, 2, 15), date(2022, 2, 16))  # fmt: skip
    o = t.activity_outcomes
    assert o.loc[o["activity_id"] == retreat.activity_id, "code"].tolist() == [
        "L1A1D2", "L1A2D1", "L1A2D2", "L1A3D1", "L1A3D3"]  # fmt: skip


def test_followers_and_board_of_directors_read_from_the_pdf(from_pdf):
    t = from_pdf[1]
    # "Followers on social media": 24.6K Twitter, 7.3K Facebook, 5.7K LinkedIn, 465 YouTube
    f = t.social_followers.set_index("platform")["followers"].to_dict()
    assert f == {"Twitter": 24600, "Facebook": 7300, "LinkedIn": 5700, "YouTube": 465}
    # Africa's Board: Soham El Wardini (until 17th February), then Barthelemy Dias, Mayor of Dakar
    b = t.board
    assert b.loc[b["member"] == "Dakar", "name"].tolist() == ["Soham El Wardini", "Barthelemy Dias"]


def test_source_lines_point_into_the_text_read_from_the_pdf(from_pdf):
    root, t = from_pdf
    lines = (root / "data" / "interim" / PERIOD / "report.txt").read_text("utf-8").split("\n")
    p = t.participation.set_index("name_raw")
    assert "Abdijan" in lines[p.loc["Abdijan", "source_line"] - 1]
