"""A page printed to PDF by Chromium, read back with PDFium (pypdfium2, one pass per file):
each sheet's size, its words in the order the file stores them (the order Chromium draws the
document in) and its lines top to bottom, each left to right.

Chromium draws some text a glyph per text object, and PDFium then marks a line break between
the letters of one word (`M↵e↵m↵b↵e↵r`): its generated line breaks are set aside and words are
cut where the page shows a cut, as helpers.parse.layout.glyphs cuts them: a space (stored or
PDFium's), a gap wider than GAP ems, a step back or another baseline. A letter drawn again
over itself (an SVG label's halo, `paint-order: stroke`, is the label stroked under the label)
is read once. The words are the ones pypdf's extract_text() reads, ligatures undone (`ﬁ` is
`fi`), a haloed label once (pypdf reads `SeoulSeoul`); the lines are grouped as the report
reader groups them (helpers.parse.layout.spans.same_line)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

from helpers.parse.layout.glyphs import GAP, Word
from helpers.parse.layout.spans import same_line

HYPHEN = "\x02"  # PDFium's mark for a hyphen that ends a line


@dataclass(frozen=True)
class Sheet:
    """One printed sheet: its media box in points, its words in stored order (one space
    apart) and its lines in layout order."""

    width: float
    height: float
    text: str
    lines: list[str]


def sheet_words(textpage, height: float) -> list[Word]:
    """A sheet's words from its PDFium text page, in stored order (points from the top left;
    a word's size is the height of its letters' loose boxes)."""
    import pypdfium2.raw as raw

    tp = textpage.raw
    words: list[Word] = []
    cut = True
    box, ox, oy = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    baseline = 0.0
    drawn: dict[tuple[str, int, int], list[tuple[float, float]]] = {}  # letter, centre (pt)
    for i in range(raw.FPDFText_CountChars(tp)):
        code = raw.FPDFText_GetUnicode(tp, i)
        ch = "-" if code == ord(HYPHEN) else chr(code) if code else " "
        if ch.isspace():  # a space cuts a word; a generated line break is checked below
            cut = cut or ch == " " or raw.FPDFText_IsGenerated(tp, i) != 1
            continue
        raw.FPDFText_GetLooseCharBox(tp, i, box)
        raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
        x0, x1 = min(box.left, box.right), max(box.left, box.right)
        top, bottom = height - max(box.top, box.bottom), height - min(box.top, box.bottom)
        size = bottom - top
        x, y = (x0 + x1) / 2, (top + bottom) / 2
        near = (drawn.get((ch, round(x) + dx, round(y) + dy), ()) for dx in (-1, 0, 1)
                for dy in (-1, 0, 1))  # fmt: skip
        if any(abs(x - a) < (x1 - x0) / 4 and abs(y - b) < size / 4 for c in near for a, b in c):
            continue  # the same letter drawn again over itself
        drawn.setdefault((ch, round(x), round(y)), []).append((x, y))
        last = words[-1] if words else None
        if (
            cut
            or last is None
            or abs(height - oy.value - baseline) > 0.3 * max(size, last.size)
            or x0 < last.x1 - GAP * size  # back before the last letter's end
            or x0 - last.x1 > GAP * size
        ):
            words.append(Word(ch, x0, top, x1, bottom, size))
            baseline = height - oy.value
        else:
            words[-1] = Word(last.text + ch, last.x0, min(last.top, top), max(last.x1, x1),
                             max(last.bottom, bottom), max(last.size, size))  # fmt: skip
        cut = False
    return words


def read_sheets(pdf: Path) -> list[Sheet]:
    """Every sheet of a printed PDF, read once."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        sheets = []
        for page in doc:
            left, bottom, right, top = page.get_mediabox()
            words = sheet_words(page.get_textpage(), page.get_height())
            lines = [" ".join(w.text for w in row) for row in same_line(words)]
            sheets.append(Sheet(right - left, top - bottom, " ".join(w.text for w in words), lines))
        return sheets
    finally:
        doc.close()
