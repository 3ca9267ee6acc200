"""The words of a PDF with their geometry and typography, taken with pypdfium2 (PDFium).

One `Word` per run of characters on one baseline with no space or gap between them, in the
order the file stores them (which is *not* the reading order: see helpers.parse.layout.order).
Coordinates are in points from the page's top-left corner. See docs/pdf_extraction.md for
why PDFium (speed, fonts, licence).
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

GAP = 0.25  # a gap wider than this many ems between two characters separates two words
_HYPHEN = "\x02"  # PDFium's mark for a hyphen at the end of a line
# an accent some typesetters (groff) draw as a glyph of its own over the letter: `s` + `¸`
ACCENTS = {"\u00b8": "\u0327", "\u00a8": "\u0308", "\u00b4": "\u0301", "\u02c6": "\u0302",
           "\u02dc": "\u0303", "\u02da": "\u030a", "\u02c7": "\u030c", "\u00af": "\u0304",
           "\u02d8": "\u0306", "\u02d9": "\u0307", "\u02dd": "\u030b", "\u02db": "\u0328"}  # fmt: skip


@dataclass(frozen=True)
class Word:
    """One word: text, box (points, origin top-left), font size and weight."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Page:
    """One page: its number (from 1), its size in points, its words in stored order, and
    the filled boxes drawn on it (helpers.parse.layout.boxes.Rect)."""

    number: int
    width: float
    height: float
    words: list[Word]
    rects: tuple = ()


def _style(
    raw, obj, cache: dict[int, tuple[float, bool]], fonts: dict[int, bool]
) -> tuple[float, bool]:
    """(font size as drawn, bold) of a text object, looked up once per object: the size set
    with the font (Tf) scaled by the object's matrix (text drawn at 5 pt under a 2× scale is
    10 pt), bold from the font's weight or name, looked up once per font (some typesetters,
    Chromium among them, make a text object of every glyph)."""
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if key not in cache:
        size, matrix = ctypes.c_float(), raw.FS_MATRIX()
        raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
        raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        font = raw.FPDFTextObj_GetFont(obj)
        font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if font_key not in fonts:
            buf = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetBaseFontName(font, buf, 256)
            fonts[font_key] = is_bold(
                buf.value.decode("latin-1"), int(raw.FPDFFont_GetWeight(font))
            )
        cache[key] = (size.value * math.hypot(matrix.c, matrix.d), fonts[font_key])
    return cache[key]


def is_bold(name: str, weight: int) -> bool:
    """A bold face: by its weight (600 and more) or by its name (`…-Bold`, `…,Black`,
    `…-SemiBold`, `…-Heavy`)."""
    lowered = name.lower()
    return weight >= 600 or any(w in lowered for w in ("bold", "black", "heavy"))


def page_words(textpage, height: float) -> list[Word]:
    """A page's words from its PDFium text page, in stored order."""
    import pypdfium2.raw as raw

    tp = textpage.raw
    styles: dict[int, tuple[float, bool]] = {}  # per text object of this page
    fonts: dict[int, bool] = {}  # bold, per font of this page
    words: list[Word] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]  # x0, top, x1, bottom
    size = 0.0
    bold = False
    baseline = last_x1 = 0.0
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()

    def flush() -> None:
        if chars and "".join(chars).strip():
            text = unicodedata.normalize("NFC", "".join(chars))
            words.append(Word(text, box[0], box[1], box[2], box[3], size, bold))
        chars.clear()

    for i in range(raw.FPDFText_CountChars(tp)):
        code = raw.FPDFText_GetUnicode(tp, i)
        ch = chr(code) if code else ""
        if ch == _HYPHEN:
            ch = "-"
        if not ch or ch.isspace() or raw.FPDFText_IsGenerated(tp, i) == 1:
            flush()
            continue
        raw.FPDFText_GetLooseCharBox(tp, i, rect)
        raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
        obj = raw.FPDFText_GetTextObject(tp, i)
        csize, cbold = (
            _style(raw, obj, styles, fonts) if obj else (raw.FPDFText_GetFontSize(tp, i), False)
        )
        x0, x1 = min(rect.left, rect.right), max(rect.left, rect.right)
        top, bottom = height - max(rect.top, rect.bottom), height - min(rect.top, rect.bottom)
        base = height - oy.value
        if ch in ACCENTS and chars and x0 < last_x1:  # drawn over the letter before: one letter
            chars.append(ACCENTS[ch])
            continue
        last_x1 = x1
        if chars and (
            abs(base - baseline) > 0.3 * max(size, csize)
            or x0 < box[0] - 0.2 * csize  # back before the word's start
            or x0 - box[2] > GAP * csize
            or cbold != bold
        ):
            flush()
        if not chars:
            box[:] = [x0, top, x1, bottom]
            size, bold, baseline = csize, cbold, base
        else:
            box[:] = [min(box[0], x0), min(box[1], top), max(box[2], x1), max(box[3], bottom)]
        chars.append(ch)
    flush()
    return words


def read_pages(path: Path) -> list[Page]:
    """Every page's words. A damaged or encrypted file raises pypdfium2's PdfiumError."""
    import pypdfium2 as pdfium

    from helpers.parse.layout.boxes import filled_rects

    doc = pdfium.PdfDocument(path)
    try:
        pages = []
        for n in range(len(doc)):
            page = doc[n]
            width, height = page.get_size()
            textpage = page.get_textpage()
            rects = tuple(filled_rects(page, width, height))
            pages.append(Page(n + 1, width, height, page_words(textpage, height), rects))
            textpage.close()
            page.close()
        return pages
    finally:
        doc.close()
