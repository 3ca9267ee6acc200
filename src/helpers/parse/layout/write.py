"""Blocks in reading order → the lines the text parser reads, with what the layout showed
kept as light markup: bold runs as `**…**` (labels, titles, outlets), each table cell on
lines of its own, a blank line where white space separates paragraphs or cells, and page
furniture as a comment line `<!-- page 7 footer: metropolis.org 7 -->` that the parser
recognises as furniture (helpers.parse.furniture)."""

from __future__ import annotations

from helpers.parse.furniture import furniture_mark
from helpers.parse.layout.order import Block
from helpers.parse.layout.spans import Span
from helpers.parse.text import join_wrapped

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


BULLETS = "•▪◦●-–*"


def wraps(above: Span, line: Span, right: float) -> bool:
    """Whether `line` goes on from the line above, which broke only because the next word
    did not fit before `right` (same type, no bullet, right under it, the line above not
    ending a sentence or a label, `Members:`, unless a lower-case word goes on after its
    colon, `Learning from cities:` / `metropolitan food systems`): a value wrapped in a
    narrow box or cell goes on, whatever its case, and a list of short items does not."""
    last, first = above.words[-1], line.words[0]
    same = last.bold == first.bold and abs(last.size - first.size) < 0.5
    under = -0.3 * first.size <= line.top - above.bottom <= PARAGRAPH_GAP * first.size
    room = right - above.x1 - 0.3 * last.size
    # a sentence ends, or a label (a colon before a lower-case word is in the sentence)
    ended = last.text.rstrip("*").endswith((".", "!", "?")) or (
        last.text.rstrip("*").endswith(":") and not first.text[:1].islower()
    )
    return (
        same and under and not ended and first.text[:1] not in BULLETS
        and first.x1 - first.x0 > room
    )  # fmt: skip


def joined_lines(
    spans: list[Span],
    right: float,
    em: float,
    out: list[str] | None = None,
    above: tuple[Span, float] | None = None,
) -> list[str]:
    """Lines in order appended to `out` (after `above`: the line above and where its column
    ends), each wrapped line joined to the one it goes on from; a blank line where a
    paragraph gap separates two."""
    out = [] if out is None else out
    for s in spans:
        if above is not None and out and out[-1] and wraps(*above[:1], s, above[1]):
            # the parser's own joining of wraps; two bold runs meeting are one (`**METROPOLITAN
            # CHALLENGES:**` wrapped in its cell)
            out[-1] = join_wrapped([out[-1], markup(s)]).replace("** **", " ")
        else:
            if above is not None and s.top - above[0].bottom > PARAGRAPH_GAP * em:
                out.append("")
            out.append(markup(s))
        above = (s, right)
    return out


def block_lines(blocks: list[Block], em: float) -> list[str]:
    """Lines of a page's blocks in reading order. A table is read row by row: a key column's
    cell and its value's first line share a line (`**Members** Rabat, Tunis`), a grid's
    cells each come on lines of their own, separated by a blank line."""
    out: list[str] = []
    last: tuple[Span, float] | None = None  # the text blocks' last line, and its column's end
    for b in blocks:
        if b.opens_box:  # a box's text is read apart from what is around it
            last = None
            if out and out[-1]:
                out.append("")
        if b.kind == "text":
            joined_lines(b.spans, b.right, em, out, last)
            last = (b.spans[-1], b.right) if b.spans else last
            if b.closes_box:
                last = None
                out.append("")
            continue
        if out and out[-1]:
            out.append("")
        for row in b.rows:
            if len(row) == 2 and row[1] and (len(row[0]) == 1 or all(s.bold for s in row[0])):
                key, values = row  # a bold key wrapped in its cell is one key
                first, *more = joined_lines(values, b.rights[1], em)
                whole = Span(tuple(w for s in key for w in s.words))
                out += [f"{markup(whole)} {first}", *more]
                out.append("")
                continue
            for cell, right in zip(row, b.rights, strict=True):
                if cell:
                    out += joined_lines(cell, right, em)
                    out.append("")
        last = None
    return out
