"""Filled rectangles drawn on a page (a card, a table cell's shading, a coloured band) as
containers: the text inside one is read together, and no cut of the reading order passes
through it (helpers.parse.layout.order). A thin rule is not a box."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from helpers.parse.layout.spans import Span

MIN_SIDE = 8.0  # points: a rectangle narrower or lower than this is a rule, not a box
MAX_SHARE = 0.8  # a rectangle over this share of the page is its background
SLACK = 1.0  # points a span may stick out of its box (a glyph's ascent, rounding)


@dataclass(frozen=True)
class Rect:
    """A rectangle in points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.bottom - self.top)

    def holds(self, s: Span | Rect) -> bool:
        return (
            s.x0 >= self.x0 - SLACK and s.x1 <= self.x1 + SLACK
            and s.top >= self.top - SLACK and s.bottom <= self.bottom + SLACK
        )  # fmt: skip


def filled_rects(page, width: float, height: float) -> list[Rect]:
    """The filled path objects of a pypdfium2 page (forms included, five deep) that are boxes:
    both sides at least MIN_SIDE points, under MAX_SHARE of the page, each drawn once."""
    import pypdfium2.raw as raw

    out: set[Rect] = set()
    for left, bottom, right, top in _filled_path_bounds(raw, page.raw, None, 0):
        r = Rect(round(left, 1), round(height - top, 1), round(right, 1), round(height - bottom, 1))
        if min(r.x1 - r.x0, r.bottom - r.top) >= MIN_SIDE and r.area < MAX_SHARE * width * height:
            out.add(r)
    return sorted(out, key=lambda r: (r.top, r.x0, r.bottom, r.x1))


def _filled_path_bounds(raw, page, form, level: int) -> Iterator[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each filled path object of `page` (or of the form
    object `form` on it), in stored order, descending into forms up to level 4: PDFium's own
    calls, as pypdfium2's ``PdfPage.get_objects`` makes them, without a Python object for each
    of the page's objects (a typesetter that makes a text object of every glyph draws
    thousands)."""
    import ctypes

    count = raw.FPDFFormObj_CountObjects(form) if form else raw.FPDFPage_CountObjects(page)
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    box = [ctypes.c_float() for _ in range(4)]
    for i in range(count):
        obj = raw.FPDFFormObj_GetObject(form, i) if form else raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            raw.FPDFPath_GetDrawMode(obj, fill, stroke)
            if fill.value and raw.FPDFPageObj_GetBounds(obj, *box):
                yield box[0].value, box[1].value, box[2].value, box[3].value
        elif kind == raw.FPDF_PAGEOBJ_FORM and level < 4:
            yield from _filled_path_bounds(raw, page, obj, level + 1)


def contents(spans: list[Span], rects: list[Rect]) -> list[tuple[Rect, list[Span]]]:
    """The outermost boxes that hold some of `spans` but not all, each with the spans inside
    it, in the order of `rects` (a box inside one of them is read with it: see ``inner``)."""
    rects = [r for r in rects if not all(r.holds(s) for s in spans)]  # around the region
    held: dict[Rect, list[Span]] = {}
    for s in spans:
        around = [r for r in rects if r.holds(s)]
        if around:
            held.setdefault(max(around, key=lambda r: r.area), []).append(s)
    return [(r, held[r]) for r in rects if r in held]


def inner(rect: Rect, rects: list[Rect]) -> list[Rect]:
    """The boxes drawn inside ``rect`` (smaller than it)."""
    return [r for r in rects if r != rect and rect.holds(r) and r.area < rect.area]
