"""Page furniture by position: what sits in the same place at the top or bottom of several
pages (running headers and footers, page numbers), wherever the file stores it."""

from __future__ import annotations

import math
import re
from collections import defaultdict

from helpers.parse.layout.glyphs import Page
from helpers.parse.layout.spans import Span
from helpers.parse.text import is_page_number

BAND = 0.14  # share of the page height at its top and at its bottom where furniture sits
SAME_PLACE = 4.0  # points: the same place on two pages
SHARE = 0.25  # furniture comes back on at least this share of the pages (and on 2 pages or more)
_DIGITS = re.compile(r"\d+")


def _key(span: Span) -> str:
    return _DIGITS.sub("#", " ".join(span.text.casefold().split()))


def in_band(span: Span, page: Page) -> str | None:
    """`header` or `footer` when the span sits in the page's top or bottom band."""
    if span.bottom <= BAND * page.height:
        return "header"
    if span.top >= (1 - BAND) * page.height:
        return "footer"
    return None


def find_furniture(pages: list[tuple[Page, list[Span]]]) -> dict[int, str]:
    """id(span) → `header` or `footer` for every span that is page furniture: a span in a
    band whose text (numbers aside) comes back at the same height on another page, or a bare
    number whose place other pages' bare numbers share (a page number)."""
    seen: dict[tuple[str, str], list[tuple[int, float, Span]]] = defaultdict(list)
    numbers: dict[str, list[tuple[int, float, Span]]] = defaultdict(list)
    for page, spans in pages:
        for s in spans:
            band = in_band(s, page)
            if band is None:
                continue
            entry = (page.number, s.top if band == "header" else page.height - s.bottom, s)
            if is_page_number(s.text):
                numbers[band].append(entry)
            else:
                seen[(band, _key(s))].append(entry)
    need = max(2, math.ceil(SHARE * len(pages)))
    out: dict[int, str] = {}
    for (band, _), entries in [*seen.items(), *(((b, ""), e) for b, e in numbers.items())]:
        for page_no, y, s in entries:
            same = {p for p, y2, _ in entries if abs(y - y2) <= SAME_PLACE}
            if page_no in same and len(same) >= need:
                out[id(s)] = band
    return out
