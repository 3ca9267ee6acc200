"""Reading a PDF by its layout: words with their positions and fonts (PDFium) → spans on
each baseline → page furniture by position → reading order by the page's geometry (columns,
boxes, cards, a badge beside a title, tables read cell by cell) → lines for the text parser,
with the typography kept as light markup (see `write`). No pandas here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import median

from helpers.parse.layout.furniture import find_furniture
from helpers.parse.layout.glyphs import Page, read_pages
from helpers.parse.layout.hyphens import mend, vocabulary
from helpers.parse.layout.order import badges_first, reading_order
from helpers.parse.layout.spans import page_spans
from helpers.parse.layout.write import block_lines, furniture_line


@dataclass(frozen=True)
class LaidOut:
    """A PDF read by its layout: the text in reading order, and its pages' words."""

    text: str
    pages: int
    words: int


def body_size(pages: list[Page]) -> float:
    """The body text's font size: the median size over every character."""
    sizes = [w.size for p in pages for w in p.words for _ in w.text]
    return median(sizes) if sizes else 10.0


def layout_text(pages: list[Page]) -> str:
    """The report's text in reading order, page after page."""
    em = body_size(pages)
    spans = [(p, page_spans(p.words, p.rects)) for p in pages]
    furniture = find_furniture(spans)
    vocab = vocabulary([w for p in pages for w in p.words])
    # where the text of a page may run to: the report's right text edge (a page of short
    # lines does not make its column narrower, so a short line there is not a wrapped one)
    edge = max((s.x1 for _, ss in spans for s in ss if id(s) not in furniture), default=None)
    lines: list[str] = []
    for page, page_spans_ in spans:
        body = [s for s in page_spans_ if id(s) not in furniture]
        head = [s for s in page_spans_ if furniture.get(id(s)) == "header"]
        foot = [s for s in page_spans_ if furniture.get(id(s)) == "footer"]
        if head:
            lines.append(furniture_line(page.number, "header", head))
        blocks = reading_order(badges_first(body), em, edge, page.rects)
        mend(blocks, vocab)
        lines += block_lines(blocks, em)
        if foot:
            lines.append(furniture_line(page.number, "footer", foot))
    return "\n".join(lines) + "\n"


def read_layout(path: Path) -> LaidOut:
    """The PDF at `path` read by its layout."""
    pages = read_pages(path)
    return LaidOut(layout_text(pages), len(pages), sum(len(p.words) for p in pages))
