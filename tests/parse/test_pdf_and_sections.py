"""Reports as published (PDF, .md, .txt in any case), the interim text every source line
refers to, and the sections the analysis stands on: missing or too small stops the run
(earlier outputs untouched) unless the officer accepts it, and then every page says so."""

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import UserError
from helpers.ingest import ingest_period, parse_file, parse_report
from tests.conftest import FIXTURES, REPORT_2022T1, digests, run_cli
from tests.fixture_reads import parsed_fixture

PDF = FIXTURES / "pdf" / "2022-T1.pdf"
QUIET = {"progress": lambda s: None}


def _only(tmp_root: Path, source: Path, name: str) -> Path:
    raw = tmp_root / "data" / "raw" / "2022-T1"
    for f in raw.iterdir():
        f.unlink()
    shutil.copy(source, raw / name)
    return raw / name


@pytest.mark.slow  # reads the PDF
def test_parse_file_reads_all_three_kinds_the_same(tmp_path):
    txt = tmp_path / "report.TXT"
    txt.write_bytes(REPORT_2022T1.read_bytes())
    from_md, from_txt = (parse_file(p, "2022-T1") for p in (REPORT_2022T1, txt))
    from_pdf = parsed_fixture(PDF, "2022-T1")  # parse_file, parsed once per test process
    assert from_md["activities"]["title"].equals(from_txt["activities"]["title"])
    assert len(from_pdf["activities"]) == 21 and len(from_pdf["members"]) == 143
    engaged = from_pdf["participation"].query("is_member")["member"].nunique()
    assert engaged == 46


@pytest.mark.slow  # reads the PDF
def test_a_pdf_only_period_ingests_with_its_interim_text_and_extractor(tmp_root):
    _only(tmp_root, PDF, "Metropolis_Report.PDF")
    tables = ingest_period("2022-T1", tmp_root, **QUIET)
    interim = tmp_root / "data" / "interim" / "2022-T1" / "report.txt"
    lines = interim.read_text(encoding="utf-8").split("\n")
    for r in tables["activities"].itertuples():  # every source_line points into the interim text
        assert r.date_text in lines[r.source_line - 1]
    manifest = json.loads((tmp_root / "data/processed/2022-T1/manifest.json").read_text())
    assert manifest["extractor"] == "layout" and manifest["extractor_version"]
    first = interim.read_bytes()
    ingest_period("2022-T1", tmp_root, **QUIET)
    assert interim.read_bytes() == first


@pytest.mark.slow  # a subprocess
def test_two_candidate_reports_are_one_line_error(tmp_root):
    shutil.copy(PDF, tmp_root / "data" / "raw" / "2022-T1" / "report.pdf")
    r = run_cli("ingest", "--period", "2022-T1", root=tmp_root)
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "several reports" in r.stderr and "report.pdf" in r.stderr


@pytest.mark.slow  # a subprocess
def test_a_damaged_pdf_is_one_line_error(tmp_root):
    path = _only(tmp_root, PDF, "report.pdf")
    path.write_bytes(PDF.read_bytes()[:3000])
    r = run_cli("ingest", "--period", "2022-T1", root=tmp_root)
    assert r.returncode == 2 and r.stderr.startswith("error: report.pdf")
    assert "Traceback" not in r.stderr
    assert "damaged or cut short" in r.stderr and r.stderr.count("\n") == 1
    assert not re.search(r"[A-Z]\w*(Error|Exception)\b", r.stderr)  # no Python class named


@pytest.mark.parametrize("cut", [3000, 0.5, -200])
def test_a_cut_short_pdf_is_said_in_plain_words_by_both_readers(tmp_path, cut):
    """pypdf (the second reader until issue 19) raised PdfStreamError for these files and
    PDFium "Data format error"; an officer reads neither, only that the file is damaged or cut
    short."""
    from helpers.parse.extract import pdf_layout_text, pdf_text

    data = PDF.read_bytes()
    path = tmp_path / "report.pdf"
    path.write_bytes(data[: int(len(data) * cut) if isinstance(cut, float) else cut])
    for read in (pdf_text, pdf_layout_text):
        with pytest.raises(UserError) as caught:
            read(path)
        message = str(caught.value)
        assert message == (
            "report.pdf is not a readable PDF (the file is damaged or cut short): download the "
            "report again"
        )
        assert "PdfStreamError" not in message and "PDFium" not in message


def _without_roster(text: str) -> str:
    return text[: text.index("\nWHO WE ARE\n\n\n\nAFRICA")]


@pytest.mark.slow  # a subprocess
def test_missing_roster_stops_and_keeps_the_last_good_output(tmp_root):
    ingest_period("2022-T1", tmp_root, **QUIET)
    out = tmp_root / "data" / "processed" / "2022-T1"
    before = digests(out)
    raw = next((tmp_root / "data" / "raw" / "2022-T1").glob("*.md"))
    raw.write_text(_without_roster(raw.read_text(encoding="utf-8")), encoding="utf-8")
    r = run_cli("ingest", "--period", "2022-T1", root=tmp_root)
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "no member roster found" in r.stderr and "ACCEPT=1" in r.stderr
    assert "last section found is PROGRESS" in r.stderr
    assert digests(out) == before


def test_accepted_errors_are_written_and_flagged(tmp_root):
    raw = next((tmp_root / "data" / "raw" / "2022-T1").glob("*.md"))
    raw.write_text(_without_roster(raw.read_text(encoding="utf-8")), encoding="utf-8")
    tables = ingest_period("2022-T1", tmp_root, accept_errors=True, **QUIET)
    from helpers.tables.checks import accepted_errors

    found = accepted_errors(tables["quality"])
    assert len(found) == 1 and found[0].startswith("no member roster found: no WHO WE ARE")
    assert len(tables["members"]) == 0
    assert (tmp_root / "data" / "processed" / "2022-T1" / "members.parquet").exists()
    # the manifest records them, and the pages' banner reads that record
    from helpers.periods import parse_period
    from helpers.report.pages import _accepted_errors

    folder = tmp_root / "data" / "processed" / "2022-T1"
    assert json.loads((folder / "manifest.json").read_text())["accepted_errors"] == found
    assert _accepted_errors(parse_period("2022-T1"), tmp_root) == found


def test_small_roster_against_the_previous_period(tmp_root):
    from helpers.tables.checks import roster_against_previous
    from helpers.tables.findings import Findings

    q = Findings()
    roster_against_previous(70, 143, q, "2021-T3")
    roster_against_previous(72, 143, q, "2021-T3")
    assert [r["kind"] for r in q.rows] == ["section_too_small"]


def test_the_same_report_pasted_twice_is_caught(text_2022t1):
    t = parse_report(text_2022t1 + "\n" + text_2022t1, "2022-T1")
    q = t["quality"]
    assert (q.loc[q["kind"] == "section_repeated", "severity"] == "error").all()
    assert len(q[q["kind"] == "section_repeated"]) == 1
    assert len(t["board"]) == 34 and len(t["members"]) == 143 and len(t["activities"]) == 21


@pytest.mark.parametrize(
    "cut, section",
    [
        ("\nMEMBERSHIP ENGAGEMENT\n\n\n\n-", "Membership engagement list"),
        ("\nIMPLEMENTATION OF THE STRATEGIC ACTION PLAN\n", "Strategic Action Plan listing"),
    ],
)
def test_other_sections_the_analysis_needs(text_2022t1, cut, section):
    start = text_2022t1.index(cut)
    end = text_2022t1.index("\nWHO WE ARE\n\n\n\nAFRICA") if "PLAN" in cut else (
        text_2022t1.index("\nCOLLABORATION WITH ALLIANCES\n\n\n\nBILATERAL"))  # fmt: skip
    t = parse_report(text_2022t1[:start] + text_2022t1[end:], "2022-T1")
    q = t["quality"]
    errors = q[(q["severity"] == "error") & q["kind"].str.startswith("section_")]
    assert errors["detail"].str.contains(section).any(), errors


def test_banner_on_the_index_for_an_accepted_period(tmp_path):
    from helpers.report.render import write_index

    folder = tmp_path / "reports" / "2022-T1"
    folder.mkdir(parents=True)
    (folder / "summary.json").write_text(json.dumps({
        "period": "2022-T1", "label": "January–April 2022", "notebooks": [], "figures": {},
        "accepted_errors": ["no member roster found: <b>x</b>"]}))  # fmt: skip
    page = write_index(tmp_path, progress=lambda s: None).read_text(encoding="utf-8")
    assert 'class="banner" role="alert"' in page
    assert "2022-T1: no member roster found: &lt;b&gt;x&lt;/b&gt;" in page


def test_quality_records_dropped_furniture_with_its_line():
    text = (FIXTURES / "layouts" / "2022-T1" / "furniture.txt").read_text(encoding="utf-8")
    q = parse_report(text, "2022-T1")["quality"]
    furniture = q[q["kind"] == "page_furniture"]
    assert len(furniture) >= 5 and (furniture["severity"] == "info").all()
    lines = text.split("\n")
    for r in furniture.itertuples():
        assert "Metropolis Progress Report" in lines[r.source_line - 1] or lines[
            r.source_line - 1].strip().isdigit()  # fmt: skip


@pytest.mark.slow  # reads the PDF
def test_pdf_and_markdown_tables_match_cell_for_cell():
    # parse_file of both, parsed once per test process (the PDF's as in the test above)
    a, b = parsed_fixture(PDF, "2022-T1"), parsed_fixture(REPORT_2022T1, "2022-T1")
    for name in ("participation", "activity_outcomes", "activity_challenges", "board"):
        pd.testing.assert_frame_equal(
            a[name].drop(columns="source_line"), b[name].drop(columns="source_line")
        )


def test_no_activities_message_names_what_was_seen():
    with pytest.raises(UserError, match="no activities found.*under ACTIVITIES the text reads"):
        parse_report("ACTIVITIES\n\nnothing but words here\n", "2022-T1")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_utf16_utf32_and_boms_read_as_text(tmp_path, encoding):
    path = tmp_path / "report.md"
    path.write_bytes(REPORT_2022T1.read_text(encoding="utf-8").encode(encoding))
    assert len(parse_file(path, "2022-T1")["members"]) == 143


@pytest.mark.slow  # a subprocess per case
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("member_aliases.csv", "alias,member\nBogotá D.C.,Bogotá\n".encode("cp1252"),
         "member_aliases.csv is not UTF-8 (line 2; it looks like Windows-1252"),
        ("member_aliases.csv", b"alias,member\nBruxelles,Brussels,extra,cells\n",
         "member_aliases.csv line 2: 4 cells where the header has 2"),
        ("member_aliases.csv", b"", "member_aliases.csv is empty: it needs the header"),
        ("name_affixes.csv", b"position,note\nprefix,x\n", "name_affixes.csv: needs columns"),
    ],
)  # fmt: skip
def test_reference_files_an_officer_edits_give_one_line(tmp_root, name, content, message):
    (tmp_root / "data" / "reference" / name).write_bytes(content)
    r = run_cli("ingest", "--period", "2022-T1", root=tmp_root)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert message in r.stderr
