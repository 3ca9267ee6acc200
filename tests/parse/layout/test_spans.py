"""Words → spans, each rule on a few words placed by hand (helpers.parse.layout.spans):
baselines, wide gaps, justified spaces, bullets, box edges and table columns."""

from __future__ import annotations

from statistics import median

import pytest

from helpers.parse.layout.boxes import Rect
from helpers.parse.layout.glyphs import Word
from helpers.parse.layout.spans import (
    Span,
    _median_of_sorted,
    _split_at,
    _stretched,
    column_starts,
    page_spans,
    rows,
    same_line,
    split_row,
)


def w(text: str, x0: float, x1: float, top: float = 100, size: float = 10, bold: bool = False):
    return Word(text, x0, top, x1, top + size, size, bold)


def test_a_spans_box_size_weight_and_text():
    s = Span((Word("Seoul", 10, 100, 90, 110, 10, True), Word("Tehran", 45, 98, 80, 112, 12, True)))
    assert (s.x0, s.x1, s.top, s.bottom, s.size, s.middle) == (10, 90, 98, 112, 11, 105)
    assert s.bold and s.text == "Seoul Tehran"
    assert not Span((w("a", 0, 5, bold=True), w("b", 6, 9))).bold
    assert Word("x", 0, 100, 5, 112, 12).middle == 106


def test_words_on_one_baseline_within_a_third_of_an_em():
    a = w("a", 50, 55)  # middle 105
    b = w("b", 10, 15, top=103.5)  # middle 108.5: 3.5 below a, its line
    c = w("c", 30, 35, top=104)  # middle 109: 2.25 below the line's median 106.75
    d = w("d", 10, 15, top=110.8)  # middle 115.8: 7.3 below the median 108.5, a new line
    e = w("e", 0, 5, top=200)
    got = same_line([e, d, c, b, a])
    assert [[x.text for x in r] for r in got] == [["b", "c", "a"], ["d"], ["e"]]
    big = Word("B", 0, 100, 5, 120, 20)  # middle 110, size 20: 7 points is still its line
    assert [[x.text for x in r] for r in rows([big, w("s", 10, 15, top=112)])] == [["B", "s"]]


@pytest.mark.parametrize("n", range(1, 7))
def test_the_median_of_values_in_order_is_statistics_median(n):
    values = [float(2**k) for k in range(n)]  # 1, 2, 4, …: every middle pair is unequal
    assert _median_of_sorted(values) == median(values)


@pytest.mark.parametrize(
    ("gaps", "i", "stretched"),
    [([3, 3.5, 3], 1, True), ([7, 10], 1, True),  # within 30% of the gap, its edge included ([3, 20, 3], 1, False), ([31, 31], 0, False), ([5], 0, False),
     ([10, 14.2], 1, True), ([10, 14.5], 1, False), ([29.9, 29.9], 1, True)],
)  # fmt: skip
def test_a_justified_lines_stretched_space(gaps, i, stretched):
    assert _stretched(gaps, i, 10) is stretched


def _texts(spans):
    return [s.text for s in spans]


def test_a_span_ends_at_a_gap_wider_than_nine_tenths_of_an_em():
    assert _texts(split_row([w("a", 0, 10), w("b", 19, 25)])) == ["a b"]  # 9 pt
    assert _texts(split_row([w("a", 0, 10), w("b", 19.5, 25)])) == ["a", "b"]
    # the larger of the two sizes sets the em
    big = Word("B", 19.5, 100, 30, 120, 20)
    assert _texts(split_row([w("a", 0, 10), big])) == ["a B"]
    assert _texts(split_row([big, Word("c", 45, 100, 50, 110, 10)])) == ["B c"]


def test_a_justified_line_stays_one_span_unless_its_type_changes():
    row = [w("one", 0, 20), w("two", 32, 50), w("three", 62, 90), w("four", 102, 120)]
    assert _texts(split_row(row)) == ["one two three four"]
    bold = [w("one", 0, 20), w("two", 32, 50, bold=True), w("three", 62, 90), w("four", 102, 120)]
    assert _texts(split_row(bold)) == ["one", "two", "three four"]  # a bold word set apart
    sized = [w("one", 0, 20), w("two", 32, 50, size=10.6), w("three", 62, 90)]
    assert _texts(split_row(sized)) == ["one", "two", "three"]
    half = [w("one", 0, 20), w("two", 32, 50, size=10.5), w("three", 62, 90)]
    assert _texts(split_row(half)) == ["one", "two", "three"]  # half a point apart: another type
    near = [w("one", 0, 20), w("two", 32, 50, size=10.4), w("three", 62, 90)]
    assert _texts(split_row(near)) == ["one two three"]


@pytest.mark.parametrize("marker", ["•", "-", "–", "*", "1.", "12)", "\uf0b7"])
def test_a_bullet_in_its_hanging_indent_opens_its_span(marker):
    assert _texts(split_row([w(marker, 0, 5), w("Rabat", 25, 50)])) == [f"{marker} Rabat"]


def test_a_dash_after_a_word_is_no_bullet():
    assert _texts(split_row([w("México", 0, 30), w("-", 33, 36), w("Next", 60, 80)])) == [
        "México -", "Next"]  # fmt: skip
    assert _texts(split_row([w("123.", 0, 20), w("Rabat", 40, 60)])) == ["123.", "Rabat"]


def test_a_box_edge_between_two_words_splits_them():
    row = [w("25.1K", 0, 40), w("8K", 45, 60)]
    assert _texts(split_row(row)) == ["25.1K 8K"]
    assert _texts(split_row(row, [42])) == ["25.1K", "8K"]
    assert _texts(split_row(row, [40])) == ["25.1K", "8K"]
    assert _texts(split_row(row, [45])) == ["25.1K", "8K"]
    assert _texts(split_row(row, [39, 46])) == ["25.1K 8K"]


def test_table_column_edges_where_three_rows_start_a_span():
    def at(*xs):
        return [Span((w("x", x, x + 5),)) for x in xs]

    assert column_starts([at(0, 200), at(0, 201), at(0, 200)]) == [200, 201]
    assert column_starts([at(0, 200), at(0, 202), at(0, 200)]) == []  # 202 is two points off
    assert column_starts([at(0, 200), at(0, 300), at(0, 400)]) == []
    assert column_starts([at(200), at(200), at(200)]) == []  # a row's first span is no edge


def test_a_span_cut_at_a_column_edge():
    span = Span((w("Buenos", 0, 30), w("Aires", 33, 55), w("Rabat", 58, 80)))
    assert _texts(_split_at(span, [58])) == ["Buenos Aires", "Rabat"]
    assert _texts(_split_at(span, [59])) == ["Buenos Aires", "Rabat"]
    assert _texts(_split_at(span, [59.5])) == ["Buenos Aires Rabat"]
    assert _texts(_split_at(span, [33])) == ["Buenos", "Aires Rabat"]
    tight = Span((w("ab", 0, 30), w("cd", 31.4, 40)))  # 1.4 pt: under 0.15 em
    assert _texts(_split_at(tight, [31.4])) == ["ab cd"]
    assert _texts(_split_at(Span((w("ab", 0, 30), w("cd", 31.5, 40))), [31.5])) == ["ab", "cd"]


def test_a_pages_spans_cut_at_box_edges_and_table_columns():
    # a row of cards: figures set evenly, one card's edge at x=47 between each pair
    cards = [w("25.1K", 0, 40, top=50), w("8K", 50, 60, top=50), w("465", 70, 90, top=50)]
    rects = [Rect(-5, 40, 47, 70), Rect(47, 40, 67, 70), Rect(67, 40, 95, 70)]
    assert _texts(page_spans(cards, rects)) == ["25.1K", "8K", "465"]
    away = [Rect(-5, 80, 47, 90), Rect(47, 80, 67, 90)]  # boxes below the row: no cut
    assert _texts(page_spans(cards, away)) == ["25.1K 8K 465"]
    # a table of four rows and three columns; in the third row a long name nearly touches
    # the third column, whose edge the other rows show
    table = [w("Lima", 0, 20, top=0), w("Quito", 100, 125, top=0), w("Cusco", 200, 225, top=0),
             w("Bogotá", 0, 30, top=20), w("Cali", 100, 120, top=20), w("Pasto", 200, 225, top=20),
             w("Buenos", 0, 30, top=40), w("Aires", 33, 55, top=40), w("Ciudad", 100, 130, top=40),
             w("del", 133, 145, top=40), w("Este", 148, 195, top=40),
             w("Rosario", 200, 235, top=40),
             w("Caracas", 0, 40, top=60), w("Mérida", 100, 130, top=60),
             w("Maracay", 200, 240, top=60)]  # fmt: skip
    assert _texts(page_spans(table)) == [
        "Lima", "Quito", "Cusco", "Bogotá", "Cali", "Pasto", "Buenos Aires", "Ciudad del Este",
        "Rosario", "Caracas", "Mérida", "Maracay"]  # fmt: skip
    lone = [x for x in table if x.top == 40]  # the same row alone shows no column edge
    assert _texts(page_spans(lone)) == ["Buenos Aires", "Ciudad del Este Rosario"]


def _rows_below(first_at: int) -> list[Word]:
    """A long name nearly touching a third column in the first row, and three rows showing
    that column's edge from row `first_at` on (single cells in the rows between)."""
    words = [w("Buenos", 0, 30, top=0), w("Aires", 33, 55, top=0), w("Ciudad", 100, 130, top=0),
             w("del", 133, 145, top=0), w("Este", 148, 195, top=0), w("Rosario", 200, 235, top=0)]  # fmt: skip
    for k in range(1, first_at):
        words.append(w("Bogotá", 0, 30, top=20 * k))
    for k in range(first_at, first_at + 3):
        words += [w("Lima", 0, 20, top=20 * k), w("Cusco", 200, 225, top=20 * k)]
    return words


def test_a_table_columns_edge_counts_from_four_rows_around():
    assert _texts(page_spans(_rows_below(2)))[:3] == ["Buenos Aires", "Ciudad del Este", "Rosario"]
    assert _texts(page_spans(_rows_below(3)))[:2] == ["Buenos Aires", "Ciudad del Este Rosario"]


def test_a_box_edge_cuts_a_row_whose_middle_touches_the_box():
    row = [w("25.1K", 0, 40, top=40), w("8K", 45, 60, top=40)]  # middle 45
    assert _texts(page_spans(row, [Rect(-5, 45, 42, 60)])) == ["25.1K", "8K"]
    assert _texts(page_spans(row, [Rect(-5, 30, 42, 45)])) == ["25.1K", "8K"]
    assert _texts(page_spans(row, [Rect(-5, 45.5, 42, 60)])) == ["25.1K 8K"]


def test_a_justified_line_stretched_as_wide_as_the_gutter_is_cut_at_the_gutter():
    # two columns (left 50-290, right from 310); in one row the left line's spaces and the
    # right line's spaces are stretched about as wide as the 20-pt gutter between them
    words = []
    for top in (100, 114, 142, 156):
        words += [w("left", 50, 120, top), w("text", 124, 290, top)]
        words += [w("right", 310, 400, top), w("text", 404, 540, top)]
    words += [w("in", 50, 70, 128), w("its", 88, 108, 128), w("program", 126, 290, 128)]
    words += [w("The", 310, 340, 128), w("8th", 358, 390, 128), w("Forum", 408, 540, 128)]
    texts = [s.text for s in page_spans(words) if s.top == 128]
    assert texts == ["in its program", "The 8th Forum"]


def test_a_line_across_the_columns_is_not_cut_where_a_word_starts_at_a_column():
    # the same columns, and a line across both: a word starts at the right column's x, but
    # the line has words in the gutter, so it stays one span
    words = []
    for top in (100, 114, 142, 156):
        words += [w("left", 50, 120, top), w("text", 124, 290, top)]
        words += [w("right", 310, 400, top), w("text", 404, 540, top)]
    words += [w("across", 50, 250, 128), w("the", 255, 306, 128), w("gutter", 310, 540, 128)]
    assert [s.text for s in page_spans(words) if s.top == 128] == ["across the gutter"]


def _rows(*rows: tuple[tuple[float, float], ...]) -> list[list[Span]]:
    return [[Span((w("x", a, b),)) for a, b in row] for row in rows]


def test_a_gutter_is_the_white_band_the_rows_around_leave_before_a_column_start():
    from helpers.parse.layout.spans import _white_band

    two = ((50, 288), (308, 540))
    around = _rows(two, two, two)  # left column to 288, right column from 308
    assert _white_band(around, 287.4, 307.5, 308)
    assert _white_band(around, 289.5, 307.5, 308)  # the gap opens 1.5 pt past the edge
    assert not _white_band(around, 289.6, 307.5, 308)  # further: a word sits in the band
    assert not _white_band(around, 287.4, 291.0, 308)  # 3 pt: no wider than the edge's slack
    assert _white_band(around, 287.4, 291.5, 308)
    assert not _white_band(around[:2], 287.4, 307.5, 308)  # two rows are no column
    # a row that crosses the band: a line across both columns
    assert not _white_band([*around, *_rows(((50, 540),))], 287.4, 307.5, 308)
    # a span ending a point before the start, or starting there, does not cross it
    assert _white_band([*around, *_rows(((50, 307.0),))], 287.4, 307.5, 308)
    # rows whose right column starts a point off still count; 1.5 pt off do not
    off = _rows(((50, 288), (309, 540)), ((50, 288), (309, 540)), two)
    assert _white_band(off, 287.4, 307.5, 308)
    assert not _white_band(_rows(((50, 288), (309.5, 540)), two, two), 287.4, 307.5, 308)
    # rows with nothing before the start: no edge to open the gap at
    assert not _white_band(_rows(((308, 540),), ((308, 540),), ((308, 540),)), 287.4, 307.5, 308)
