"""The text of a report file as published: a PDF (text taken with pypdf; see
docs/pdf_extraction.md for the comparison behind that choice), or a markdown or text export.

A file that cannot be a report (empty, binary, damaged, not UTF-8, a PDF without text) is a
UserError naming the file and what to do. The same file always gives the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from helpers.errors import UserError

TEXT_SUFFIXES = {".md", ".txt"}
SUFFIXES = TEXT_SUFFIXES | {".pdf"}


@dataclass(frozen=True)
class Extracted:
    """A report's text and what produced it (for provenance)."""

    text: str
    extractor: str  # "pypdf" for a PDF, "text" for an export read as it is
    version: str


def read_text_file(path: Path) -> str:
    """The text of a markdown or plain-text export (UTF-8, with or without a BOM)."""
    data = path.read_bytes()
    if not data.strip():
        raise UserError(f"{path.name} is empty: export the progress report again")
    if b"\x00" in data[:4096]:
        raise UserError(f"{path.name} is a binary file, not a text export of the report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path.name} is not UTF-8 text (byte {exc.start}): save the export as UTF-8"
        ) from None


def pdf_text(path: Path) -> str:
    """Every page's text in reading order, pages separated by a form feed."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    log = logging.getLogger("pypdf")  # pypdf logs repairs of damaged files; the error says it
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise UserError(f"{path.name} is a password-protected PDF: ask for an open copy")
        pages = [page.extract_text() for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(
            f"{path.name} is not a readable PDF ({type(exc).__name__}): download the report again"
        ) from None
    finally:
        log.setLevel(level)
    text = "\f".join(pages)
    if not any(c.isalpha() for c in text):
        raise UserError(
            f"{path.name} holds no text (a scanned image?): ask for the PDF as published, "
            "or put a text export of it in its place"
        )
    return text


def extract_text(path: Path) -> Extracted:
    """The report's text, whatever the kind of file (chosen by its suffix, in any case)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return Extracted(pdf_text(path), "pypdf", metadata.version("pypdf"))
    if suffix in TEXT_SUFFIXES:
        return Extracted(read_text_file(path), "text", "")
    raise UserError(f"{path.name}: a report must be a .pdf, .md or .txt file")
