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


# one character as PDFium places it: (text, x0, top, x1, bottom, baseline, size, bold), or None
# for what separates words (white space, PDFium's generated spaces and line breaks among it, an
# empty code)
Glyph = tuple[str, float, float, float, float, float, float, bool]


def _style(raw, obj, fonts: dict[bytes, bool]) -> tuple[float, bool]:
    """(font size as drawn, bold) of a text object: the size set with the font (Tf) scaled by
    the object's matrix (text drawn at 5 pt under a 2× scale is 10 pt), bold from the font's
    weight or name, looked up once per font (`fonts`, by the font's address)."""
    size, matrix = ctypes.c_float(), raw.FS_MATRIX()
    raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
    raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
    font = raw.FPDFTextObj_GetFont(obj)
    key = bytes(font)  # the pointer's own bytes: its address, without a cast
    if key not in fonts:
        buf = ctypes.create_string_buffer(256)
        raw.FPDFFont_GetBaseFontName(font, buf, 256)
        fonts[key] = is_bold(buf.value.decode("latin-1"), int(raw.FPDFFont_GetWeight(font)))
    return size.value * math.hypot(matrix.c, matrix.d), fonts[key]


def is_bold(name: str, weight: int) -> bool:
    """A bold face: by its weight (600 and more) or by its name (`…-Bold`, `…,Black`,
    `…-SemiBold`, `…-Heavy`)."""
    lowered = name.lower()
    return weight >= 600 or any(w in lowered for w in ("bold", "black", "heavy"))


def glyphs(textpage, height: float) -> list[Glyph | None]:
    """A PDFium text page's characters in stored order (see ``Glyph``): the fewest PDFium
    calls per character, the style looked up once per text object (some typesetters,
    Chromium among them, make a text object of every glyph). PDFium's generated characters
    (FPDFText_IsGenerated: not drawn on the page) are the spaces and line breaks it puts
    between words and lines, which are white space: so white space is what separates words,
    without asking PDFium of each character whether it was generated."""
    import pypdfium2.raw as raw

    tp = textpage.raw
    unicode_of = raw.FPDFText_GetUnicode
    text_object, font_size = raw.FPDFText_GetTextObject, raw.FPDFText_GetFontSize
    loose_box, origin = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    # (ctypes passes these to PDFium by reference, faster than as pointers made beforehand)
    rect, ox, oy = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    styles: dict[bytes, tuple[float, bool]] = {}  # per text object, by its address
    fonts: dict[bytes, bool] = {}  # bold, per font of this page
    out: list[Glyph | None] = []
    append = out.append
    for i in range(raw.FPDFText_CountChars(tp)):
        code = unicode_of(tp, i)
        ch = chr(code) if code else ""
        if ch == _HYPHEN:
            ch = "-"
        if not ch or ch.isspace():
            append(None)
            continue
        loose_box(tp, i, rect)
        origin(tp, i, ox, oy)
        obj = text_object(tp, i)
        if obj:
            key = bytes(obj)  # the pointer's own bytes: the object's address, without a cast
            style = styles.get(key)
            if style is None:
                style = styles[key] = _style(raw, obj, fonts)
            size, bold = style
        else:
            size, bold = font_size(tp, i), False
        left, right, r_top, r_bottom = rect.left, rect.right, rect.top, rect.bottom
        if left > right:
            left, right = right, left
        if r_bottom > r_top:
            r_top, r_bottom = r_bottom, r_top
        append((ch, left, height - r_top, right, height - r_bottom, height - oy.value, size, bold))
    return out


def _word(
    run: list[str], x0: float, top: float, x1: float, bottom: float, size: float, bold: bool
) -> Word:
    return Word(unicodedata.normalize("NFC", "".join(run)), x0, top, x1, bottom, size, bold)


def words_of(chars: list[Glyph | None]) -> list[Word]:
    """Characters in stored order (``glyphs``) as words: a run on one baseline (within 0.3 of
    the larger size) of one weight, split at a break (None), where a character goes back
    before the word's start (0.2 ems) or leaves a gap wider than GAP ems; an accent drawn as
    a glyph of its own over the letter before joins it (`s` + `¸` is `ş`)."""
    words: list[Word] = []
    run: list[str] = []  # the word's characters so far (never a space: see ``glyphs``)
    # its box, size, weight and baseline, and where its last letter ends: each set from the
    # word's first character before it is read
    x0 = top = x1 = bottom = size = baseline = last_x1 = 0.0
    bold = False
    for g in chars:
        if g is None:
            if run:
                words.append(_word(run, x0, top, x1, bottom, size, bold))
                run = []
            continue
        ch, cx0, ctop, cx1, cbottom, base, csize, cbold = g
        if run and ch in ACCENTS and cx0 < last_x1:  # drawn over the letter before: one letter
            run.append(ACCENTS[ch])
            continue
        last_x1 = cx1
        if run and (
            abs(base - baseline) > 0.3 * (csize if csize > size else size)
            or cx0 < x0 - 0.2 * csize  # back before the word's start
            or cx0 - x1 > GAP * csize
            or cbold != bold
        ):
            words.append(_word(run, x0, top, x1, bottom, size, bold))
            run = []
        if run:  # the box grown to hold the character (comparisons: no call per character)
            x0 = cx0 if cx0 < x0 else x0
            top = ctop if ctop < top else top
            x1 = cx1 if cx1 > x1 else x1
            bottom = cbottom if cbottom > bottom else bottom
        else:
            x0, top, x1, bottom, size, bold, baseline = cx0, ctop, cx1, cbottom, csize, cbold, base
        run.append(ch)
    if run:
        words.append(_word(run, x0, top, x1, bottom, size, bold))
    return words


def page_words(textpage, height: float) -> list[Word]:
    """A page's words from its PDFium text page, in stored order."""
    return words_of(glyphs(textpage, height))


def read_pages(path: Path) -> list[Page]:
    """Every page's words. A damaged or encrypted file raises pypdfium2's PdfiumError."""
    return _read(path, words=True, stored_text=False)[0]


def read_pages_and_text(path: Path) -> tuple[list[Page], list[str]]:
    """Every page's words (``read_pages``) and its text layer in stored order
    (``read_stored_text``), each page opened once for both. A damaged or encrypted file
    raises pypdfium2's PdfiumError."""
    return _read(path, words=True, stored_text=True)


def read_stored_text(path: Path) -> list[str]:
    """Every page's text layer in stored order: PDFium's own extraction, before any layout
    rule. A damaged or encrypted file raises pypdfium2's PdfiumError."""
    return _read(path, words=False, stored_text=True)[1]


def _read(path: Path, *, words: bool, stored_text: bool) -> tuple[list[Page], list[str]]:
    """Every page's words and its stored text, each when asked (else an empty list)."""
    import pypdfium2 as pdfium

    from helpers.parse.layout.boxes import filled_rects

    doc = pdfium.PdfDocument(path)
    try:
        pages, texts = [], []
        for n in range(len(doc)):
            page = doc[n]
            textpage = page.get_textpage()
            if stored_text:
                texts.append(textpage.get_text_range())
            if words:
                width, height = page.get_size()
                rects = tuple(filled_rects(page, width, height))
                pages.append(Page(n + 1, width, height, page_words(textpage, height), rects))
            textpage.close()
            page.close()
        return pages, texts
    finally:
        doc.close()
