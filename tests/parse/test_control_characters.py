"""Control characters in a report's text (NUL, ESC, BEL, DEL, C1 controls: a PDF's text can hold
them) are removed where the text is read, each line that held one is a `control_character`
finding pointing at its line of the text as read, and none reaches a table or a writer
(openpyxl refuses them) — issue 18."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from helpers import ingest
from helpers.ingest import MAX_CONTROL_FINDINGS, ingest_period, parse_report
from helpers.parse.extract import Extracted
from helpers.parse.text import control_characters, normalise_text, read_lines
from helpers.periods import interim_path, parse_period
from tests.conftest import ROOT, mini_report

CONTROLS = "\x00\x01\x07\x08\x1b\x1f\x7f\x80\x9b\ufffe\uffff\ud800"

# a study tour whose participants and title hold control characters; line numbers below are in
# the report as read (mini_report puts "ACTIVITIES" on line 3 and this text from line 5)
ACTS = (
    "10 March\n\nCITY\x07 LAB\x1b\n\nText.\n\nMembers\nSe\x00oul, Kath\x7fmandu, Kig\x9bali\x00\x00"
    "\n\nOutcomes\nL2A2D3\n"
)
REPORT = mini_report(ACTS)


def cells(tables: dict[str, pd.DataFrame]) -> str:
    """Every text a table holds, joined."""
    return "".join(
        str(v) for df in tables.values() for col in df.columns for v in df[col].tolist()
    ) + "".join(str(c) for df in tables.values() for c in df.columns)


def test_normalise_text_removes_them_and_keeps_lines_tabs_and_page_breaks():
    text = "a\x00b\tc\x1b[0m\r\nd\x0ce\x85f\u2028g" + CONTROLS + "h"
    assert normalise_text(text) == "ab c[0m\nd\ne\nf\ngh"
    assert normalise_text(normalise_text(text)) == normalise_text(text)
    # removed before accents are composed: e, NUL, combining acute → é
    assert normalise_text("Mont\u0065\x00\u0301al") == "Montéal"
    assert all(c not in line.raw for line in read_lines(text) for c in CONTROLS)


def test_control_characters_names_each_line_as_read():
    text = "one\r\ntw\x00o\x00\x1b\fthree\n\u2029fo\x7fur\nfive"
    assert control_characters(text) == [(2, "U+0000 ×2, U+001B"), (6, "U+007F")]
    lines = normalise_text(text).split("\n")
    assert (lines[1], lines[5]) == ("two", "four")
    assert control_characters("plain text\twith a tab\n") == []


def test_parse_report_records_them_and_no_table_holds_one():
    t = parse_report(REPORT, "2022-T1")
    assert not any(c in cells(t) for c in CONTROLS)
    acts, part = t["activities"], t["participation"]
    assert acts["title"].tolist() == ["CITY LAB"]
    assert part["name_raw"].tolist() == ["Seoul", "Kathmandu", "Kigali"]
    assert part["member"].tolist()[:2] == ["Seoul", "Kathmandu"]  # matched once cleaned
    q = t["quality"]
    found = q[q["kind"] == "control_character"]
    assert set(found["severity"]) == {"info"}
    assert list(zip(found["source_line"], found["detail"], strict=True)) == [
        (7, "removed from the line: U+0007, U+001B"),
        (12, "removed from the line: U+0000 ×3, U+007F, U+009B"),
    ]
    lines = normalise_text(REPORT).split("\n")
    assert lines[6] == "CITY LAB" and lines[11].startswith("Seoul, Kathmandu")


def test_findings_are_bounded_however_many_lines_hold_them():
    noise = "".join(f"note {i}\x00\n" for i in range(500))
    t = parse_report(mini_report(ACTS + "\n" + noise), "2022-T1")
    found = t["quality"][lambda q: q["kind"] == "control_character"]
    assert len(found) == MAX_CONTROL_FINDINGS + 1
    assert found["detail"].iloc[-1].startswith(f"removed from {502 - MAX_CONTROL_FINDINGS} more")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "data" / "raw" / "2022-T1").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "data" / "reference")
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    return tmp_path


def check_written(root: Path) -> pd.DataFrame:
    """The written period holds no control character (xlsx, interim text); its findings."""
    per = parse_period("2022-T1")
    interim = interim_path(per, root).read_text(encoding="utf-8")
    assert not any(c in interim for c in CONTROLS)
    book = openpyxl.load_workbook(root / "data" / "processed" / "2022-T1" / "2022-T1.xlsx")
    values = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert "CITY LAB" in values and not any(c in v for v in values for c in CONTROLS)
    q = pd.read_parquet(root / "data" / "processed" / "2022-T1" / "quality.parquet")
    found = q[q["kind"] == "control_character"]
    for line in found["source_line"]:  # each finding points at its line of the interim text
        assert interim.split("\n")[line - 1] in {"CITY LAB", "Seoul, Kathmandu, Kigali"}
    return found


def test_a_pdf_text_holding_them_is_written_without_them(project, monkeypatch):
    (project / "data" / "raw" / "2022-T1" / "report.pdf").write_bytes(b"%PDF-1.4 stand-in")
    layout = REPORT.replace("\n", "\r\n")  # as PDFium gives it: CR LF line ends
    monkeypatch.setattr(ingest, "extract_text", lambda path: Extracted(layout, "layout", "t"))
    ingest_period("2022-T1", root=project, progress=lambda s: None, accept_errors=True)
    assert len(check_written(project)) == 2


def test_a_text_export_holding_them_is_written_without_them(project):
    # no NUL here: a NUL in an export's first 4 KB is read as a binary file (one line)
    export = REPORT.replace("\x00", "\x1b")
    (project / "data" / "raw" / "2022-T1" / "report.md").write_text(export, encoding="utf-8")
    ingest_period("2022-T1", root=project, progress=lambda s: None, accept_errors=True)
    assert check_written(project)["detail"].tolist()[1].endswith("U+001B ×3, U+007F, U+009B")


def test_a_member_name_asked_for_with_one_is_refused_in_one_line(capsys):
    from helpers.__main__ import main

    assert main(["profile", "--member=Seoul\n; touch x\x1b"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "U+000A, U+001B" in err
