"""The text of a report file as published: a PDF, read by its layout (helpers.parse.layout,
on PDFium) and checked against its text layer as stored (PDFium's own extraction, before any
layout rule); or a markdown or text export, read as it is. See docs/pdf_extraction.md for
the measurements behind both.

A file that cannot be a report (empty, binary, damaged, not UTF-8, a PDF without text) is a
UserError naming the file and what to do. The same file always gives the same text.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from helpers.errors import UserError
from helpers.periods import REPORT_SUFFIXES

T = TypeVar("T")
TEXT_SUFFIXES = {s for s in REPORT_SUFFIXES if s != ".pdf"}  # REPORT_SUFFIXES: helpers.periods


@dataclass(frozen=True)
class Extracted:
    """A report's text and what produced it (for provenance)."""

    text: str
    extractor: str  # "layout" for a PDF, "text" for an export read as it is
    version: str
    second_reading: str | None = None  # a PDF's text layer in stored order, to compare


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]  # fmt: skip  (UTF-32 first: its little-endian mark starts like UTF-16's)


def _encoding(data: bytes) -> str:
    """The text encoding: from a byte-order mark, UTF-16 told by its zero bytes, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom) and (name == "utf-8-sig" or b"\x00" in data[len(bom) : 4096]):
            return name  # a UTF-16/32 mark counts when the text has its zero bytes
    head = data[:4096]
    if b"\x00" in head:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd > 0.3 * len(head[1::2]) and even == 0:
            return "utf-16-le"
        if even > 0.3 * len(head[0::2]) and odd == 0:
            return "utf-16-be"
        return "binary"
    return "utf-8"


def read_text_file(path: Path) -> str:
    """The text of a markdown or plain-text export: UTF-8 (with or without a BOM), or UTF-16
    and UTF-32 as some Windows tools save it."""
    data = path.read_bytes()
    encoding = _encoding(data)
    if encoding == "binary":
        raise UserError(f"{path.name} is a binary file, not a text export of the report")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path.name} is not {encoding.upper()} text (byte {exc.start}): save the export "
            "as UTF-8"
        ) from None
    if not text.strip():
        raise UserError(f"{path.name} is empty: export the progress report again")
    return text


def unreadable_pdf(path: Path) -> str:
    """The one line for a PDF that cannot be opened, in plain words (the readers' own errors,
    such as pypdf's PdfStreamError, name Python classes an officer does not use)."""
    return (
        f"{path.name} is not a readable PDF (the file is damaged or cut short): download the "
        "report again"
    )


def _pdfium(path: Path, read: Callable[[Path], T]) -> T:
    """``read(path)``, PDFium's errors said in one line: a PDF that needs a password to open,
    or one that cannot be read."""
    import pypdfium2.raw as raw
    from pypdfium2 import PdfiumError

    try:
        return read(path)
    except PdfiumError as exc:
        if exc.err_code == raw.FPDF_ERR_PASSWORD:  # only opening a document sets a code
            raise UserError(
                f"{path.name} is a password-protected PDF: ask for an open copy"
            ) from None
        raise UserError(unreadable_pdf(path)) from None


def _text_layer(path: Path, pages: list[str]) -> str:
    """The pages' stored text, separated by a form feed; a PDF without text is a UserError."""
    text = "\f".join(pages)
    if not any(c.isalpha() for c in text):
        raise UserError(
            f"{path.name} holds no text (a scanned image?): ask for the PDF as published, "
            "or put a text export of it in its place"
        )
    return text


def pdf_text(path: Path) -> str:
    """Every page's text layer in stored order (PDFium's own text extraction, before any
    layout rule), pages separated by a form feed."""
    from helpers.parse.layout.glyphs import read_stored_text

    return _text_layer(path, _pdfium(path, read_stored_text))


def pdf_layout_text(path: Path) -> str:
    """A PDF's text in reading order, rebuilt from its layout (helpers.parse.layout); its
    errors said as ``pdf_text`` says them."""
    from helpers.parse.layout import read_layout

    return _pdfium(path, lambda p: read_layout(p).text)


def layout_version() -> str:
    """The layout reader's engine: pypdfium2 and the PDFium build under it."""
    from pypdfium2.version import PDFIUM_INFO, PYPDFIUM_INFO

    return f"pypdfium2 {PYPDFIUM_INFO} (PDFium {PDFIUM_INFO.build})"


def extract_text(path: Path) -> Extracted:
    """The report's text, whatever the kind of file (chosen by its suffix, in any case)."""
    if path.is_symlink() and not path.exists():
        raise UserError(
            f"{path.name} is a link to a file that is not there ({path.readlink()}): "
            "put the report itself in its place"
        )
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from helpers.parse.layout import layout_text
        from helpers.parse.layout.glyphs import read_pages_and_text

        # both readings from one opening of each page (as pdf_text and pdf_layout_text read
        # them); damaged, encrypted or scanned files stop here, in one line
        pages, stored = _pdfium(path, read_pages_and_text)
        plain = _text_layer(path, stored)
        return Extracted(layout_text(pages), "layout", layout_version(), plain)
    if suffix in TEXT_SUFFIXES:
        return Extracted(read_text_file(path), "text", "")
    raise UserError(f"{path.name}: a report must be one of {', '.join(REPORT_SUFFIXES)}")
