"""Blocks in reading order → the lines the text parser reads, with what the layout showed
kept as light markup: bold runs as `**…**` (labels, titles, outlets), each table cell on
lines of its own, a blank line where white space separates paragraphs or cells, and page
furniture as a comment line `<!-- page 7 footer: metropolis.org 7 -->` that the parser
recognises as furniture (helpers.parse.furniture)."""

from __future__ import annotations

from helpers.parse.furniture import furniture_mark
from helpers.parse.layout.order import Block
from helpers.parse.layout.spans import Span
from helpers.parse.text import ends_open

PARAGRAPH_GAP = 0.6  # ems of white space between two lines that separate two paragraphs


def markup(span: Span) -> str:
    """The span's text, its bold runs marked `**…**`."""
    out: list[str] = []
    run: list[str] = []
    bold = None
    for w in span.words:
        if w.bold != bold and run:
            out.append(f"**{' '.join(run)}**" if bold else " ".join(run))
            run = []
        bold = w.bold
        run.append(w.text.replace("**", "*\u200b*"))
    if run:
        out.append(f"**{' '.join(run)}**" if bold else " ".join(run))
    return " ".join(out)


def furniture_line(page: int, band: str, spans: list[Span]) -> str:
    """A page's header or footer spans, left to right, as one marked furniture line."""
    return furniture_mark(page, band, "   ".join(s.text for s in sorted(spans, key=lambda s: s.x0)))


def cell_lines(cell: list[Span]) -> list[str]:
    """A grid cell's lines; a line in the same type that starts in lower case or after an
    open end (`Santiago` / `de Chile`, `Barcelona (metropolitan` / `area)`) joins the line
    above: a name wrapped in its cell."""
    out: list[tuple[Span, str]] = []
    for s in cell:
        if out:
            prev, text = out[-1]
            same = prev.bold == s.bold and abs(prev.size - s.size) < 0.5
            if same and (s.text[:1].islower() or s.text[:1] == "(" or ends_open(prev.text)):
                out[-1] = (s, f"{text} {markup(s)}")
                continue
        out.append((s, markup(s)))
    return [text for _, text in out]


def text_lines(spans: list[Span], em: float) -> list[str]:
    """A text block's lines; a blank line where a paragraph gap separates two lines."""
    out: list[str] = []
    prev: Span | None = None
    for s in spans:
        if (
            prev is not None
            and 0 <= s.top - prev.bottom
            and s.top - prev.bottom > PARAGRAPH_GAP * em
        ):
            out.append("")
        out.append(markup(s))
        prev = s
    return out


def block_lines(blocks: list[Block], em: float) -> list[str]:
    """Lines of a page's blocks in reading order. A table is read row by row: a key column's
    cell and its value's first line share a line (`**Members** Rabat, Tunis`), a grid's
    cells each come on lines of their own, separated by a blank line."""
    out: list[str] = []
    last: Span | None = None
    for b in blocks:
        if b.kind == "text":
            if last is not None and b.spans and b.spans[0].top - last.bottom > PARAGRAPH_GAP * em:
                out.append("")
            out += text_lines(b.spans, em)
            last = b.spans[-1] if b.spans else last
            continue
        if out and out[-1]:
            out.append("")
        for row in b.rows:
            if len(row) == 2 and len(row[0]) == 1 and row[1]:
                key, values = row
                out.append(f"{markup(key[0])} {markup(values[0])}")
                out += text_lines(values[1:], em)
                out.append("")
                continue
            for cell in row:
                if cell:
                    out += cell_lines(cell)
                    out.append("")
        last = None
    return out
