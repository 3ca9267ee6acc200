"""Page furniture found by its place on the pages (helpers.parse.layout.furniture), on pages
of a few spans placed by hand: 800 pt high, so the bands are the top and bottom 112 pt."""

from __future__ import annotations

import pytest

from helpers.parse.layout.furniture import find_furniture, in_band
from helpers.parse.layout.glyphs import Page, Word
from helpers.parse.layout.spans import Span


def span(text: str, top: float, x0: float = 50) -> Span:
    return Span((Word(text, x0, top, x0 + 6 * len(text), top + 10, 10),))


def page(n: int, *spans: Span, height: float = 800) -> tuple[Page, list[Span]]:
    return Page(n, 600, height, [w for s in spans for w in s.words]), list(spans)


@pytest.mark.parametrize(
    ("top", "band"),
    [(0.14 * 800 - 10, "header"), (102.5, None), (400, None), (688, "footer"), (687.5, None)],
)  # the header band ends where 0.14 of the page height does
def test_the_top_and_bottom_bands(top, band):
    assert in_band(span("x", top), page(1)[0]) == band


def test_a_header_at_one_height_on_two_pages_and_page_numbers_in_their_place():
    head = [span(f"Metropolis Report {n}", 20) for n in (1, 2)]
    moved = span("Metropolis Report 3", 30)  # ten points lower: not the same place
    numbers = [span(str(n), 770) for n in (1, 2, 3)]
    middle = [span("Metropolis Report 9", 400) for _ in range(3)]
    pages = [page(1, head[0], numbers[0], middle[0]), page(2, head[1], numbers[1], middle[1]),
             page(3, moved, numbers[2], middle[2])]  # fmt: skip
    got = find_furniture(pages)
    assert got == {id(head[0]): "header", id(head[1]): "header", id(numbers[0]): "footer",
                   id(numbers[1]): "footer", id(numbers[2]): "footer"}  # fmt: skip


def test_four_points_apart_is_the_same_place_and_a_footers_place_is_from_the_bottom():
    a, b = span("Page 1 of 30", 20), span("page 2 OF 30", 24)
    assert set(find_furniture([page(1, a), page(2, b)]).values()) == {"header"}
    c, d = span("Page 1 of 30", 20), span("Page 2 of 30", 24.5)
    assert find_furniture([page(1, c), page(2, d)]) == {}
    # the same distance from the bottom of pages of two heights
    e, f = span("metropolis.org", 770), span("metropolis.org", 870)
    assert find_furniture([page(1, e), page(2, f, height=900)]) == {
        id(e): "footer",
        id(f): "footer",
    }
    g, h = span("metropolis.org", 770), span("metropolis.org", 770)
    assert find_furniture([page(1, g), page(2, h, height=900)]) == {}


def test_a_headers_place_is_from_the_top_whatever_the_pages_height():
    a, b = span("Metropolis", 20), span("Metropolis", 20)
    assert set(find_furniture([page(1, a), page(2, b, height=900)]).values()) == {"header"}


def test_furniture_comes_back_on_a_quarter_of_the_pages():
    heads = [span("Metropolis", 20) for _ in range(3)]
    pages = [page(n, *([heads[n - 1]] if n <= 3 else [])) for n in range(1, 13)]  # 3 of 12
    assert len(find_furniture(pages)) == 3
    pages = [page(n, *([heads[n - 1]] if n <= 2 else [])) for n in range(1, 13)]  # 2 of 12
    assert find_furniture(pages) == {}
    lone = span("Metropolis", 20)
    assert find_furniture([page(1, lone)]) == {}  # one page: never furniture
