"""A PDF's two readings (helpers.parse.extract): its text layer as stored, and its layout.
What an officer is told about a protected, empty or scanned PDF."""

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from helpers.errors import UserError
from helpers.parse.extract import extract_text, pdf_layout_text, pdf_text
from helpers.parse.layout.compare import lost_words
from tests.conftest import FIXTURES

PDF = FIXTURES / "pdf" / "2022-T1.pdf"  # 27 pages (pdfinfo)


def _protected(tmp_path: Path, user_password: str) -> Path:
    """The 2022-T1 PDF encrypted (pypdf, RC4 128-bit), opened by ``user_password``; the owner
    password is another."""
    writer = PdfWriter(clone_from=PdfReader(PDF))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "report.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return path


def test_the_text_layer_is_each_page_in_stored_order():
    text = pdf_text(PDF)
    assert text.count("\f") == 26  # 27 pages
    # the followers box of page 2, as the PDF stores it: each figure before its platform
    followers = [line.strip() for line in text.split("Followers on social media")[1].split("\n")]
    assert followers[1:9] == ["24.6K", "Twitter", "7.3K", "Facebook", "5.7K", "LinkedIn",
                              "465", "YouTube"]  # fmt: skip


def test_the_layout_reading_places_every_letter_of_the_text_layer():
    read = extract_text(PDF)
    assert read.extractor == "layout" and read.second_reading == pdf_text(PDF)
    assert lost_words(read.text, read.second_reading) == []
    # a figure the layout reading dropped is found in the text layer
    assert read.text.count("24.6K") == 1
    # ("24" is read elsewhere: "PAGE 24 → WHO WE ARE" on the contents; "6K" nowhere else)
    assert lost_words(read.text.replace("24.6K", ""), read.second_reading) == ["6K"]


@pytest.mark.slow  # reads the PDF twice
def test_a_pdf_protected_only_against_changes_reads_as_the_open_one(tmp_path):
    """No password to open it (only an owner password, against printing or copying): the
    officer's PDF is read as it is, the same text and layout as the unprotected file."""
    path = _protected(tmp_path, user_password="")
    assert pdf_text(path) == pdf_text(PDF)
    assert extract_text(path).text == extract_text(PDF).text


def test_a_pdf_that_needs_a_password_to_open_is_one_line(tmp_path):
    """The same line from the report's reading and from each of its two readings alone."""
    path = _protected(tmp_path, user_password="secret")
    for read in (extract_text, pdf_text, pdf_layout_text):
        with pytest.raises(UserError) as caught:
            read(path)
        assert str(caught.value) == (
            "report.pdf is a password-protected PDF: ask for an open copy"
        ), read.__name__


def test_a_pdf_without_text_is_one_line(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)  # an A4 page with nothing on it, as a scan's text layer
    path = tmp_path / "scan.pdf"
    with path.open("wb") as f:
        writer.write(f)
    with pytest.raises(UserError) as caught:
        extract_text(path)
    assert str(caught.value) == (
        "scan.pdf holds no text (a scanned image?): ask for the PDF as published, or put a "
        "text export of it in its place"
    )
