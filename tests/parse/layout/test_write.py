"""Blocks → the lines the parser reads, each rule on spans placed by hand
(helpers.parse.layout.write): bold runs, furniture lines, wrapped lines joined, paragraphs,
boxes and tables."""

from __future__ import annotations

import pytest

from helpers.parse.layout.glyphs import Word
from helpers.parse.layout.order import Block
from helpers.parse.layout.spans import Span
from helpers.parse.layout.write import block_lines, furniture_line, joined_lines, markup, wraps

EM = 10.0


def span(text: str, x0: float, top: float, *, bold: bool = False, size: float = 10.0) -> Span:
    """Words of `text` from x0 (6 pt a character, 3 pt spaces) on one baseline."""
    words, x = [], x0
    for t in text.split():
        words.append(Word(t, x, top, x + 6 * len(t), top + size, size, bold))
        x += 6 * len(t) + 3
    return Span(tuple(words))


def test_bold_runs_are_marked():
    words = (Word("Members", 0, 0, 40, 10, 10, True), Word("of", 43, 0, 55, 10, 10, True),
             Word("Seoul", 58, 0, 88, 10, 10), Word("CITY", 91, 0, 115, 10, 10, True),
             Word("a**b", 118, 0, 140, 10, 10))  # fmt: skip
    assert markup(Span(words)) == "**Members of** Seoul **CITY** a*\u200b*b"
    assert markup(span("plain words", 0, 0)) == "plain words"
    mixed = (Word("of", 0, 0, 12, 10, 10), Word("the", 15, 0, 33, 10, 10),
             Word("CITY", 36, 0, 60, 10, 10, True))  # fmt: skip
    assert markup(Span(mixed)) == "of the **CITY**"
    assert markup(span("ALL BOLD", 0, 0, bold=True)) == "**ALL BOLD**"


def test_a_furniture_line_left_to_right():
    spans = [span("7", 500, 800), span("metropolis.org", 50, 800)]
    assert furniture_line(7, "footer", spans) == "<!-- page 7 footer: metropolis.org   7 -->"


ABOVE = span("the members of the Executive", 50, 100)  # its last word ends at x 206


@pytest.mark.parametrize(
    ("line", "right", "goes_on"),
    [
        (span("Committee met", 50, 112), 230, True),  # `Committee` (54 pt) did not fit in 15
        (span("Committee met", 50, 112), 280, False),  # it would have fitted
        (span("at", 50, 112), 230, False),  # a short word would have fitted
        (span("Committee", 50, 116), 230, True),  # 6 pt of white space: still the next line
        (span("Committee", 50, 116.5), 230, False),  # a paragraph apart
        (span("Committee", 50, 107), 230, True),  # overlapping by 3 pt
        (span("Committee", 50, 106.5), 230, False),
        (span("Committee", 50, 112, bold=True), 230, False),  # another type
        (span("Committee", 50, 112, size=10.6), 230, False),
        (span("Committee", 50, 112, size=10.4), 230, True),
        (span("Committee", 50, 112, size=10.5), 230, False),
        (span("abc d", 50, 112), 226, True),  # `abc`: 18 pt, the room 17 (226 - 206 - 3)
        (span("abc d", 50, 112), 227, False),  # as wide as the room: it would have fitted
        (span("–Committee", 50, 112), 230, False),  # a dash glued to its item
        (span("• Committee", 50, 112), 230, False),  # a bullet starts an item
        (span("– Committee", 50, 112), 230, False),
    ],
)
def test_a_line_goes_on_from_the_line_above(line, right, goes_on):
    assert wraps(ABOVE, line, right) is goes_on


@pytest.mark.parametrize(
    "end", ["Executive.", "Executive!", "Executive?", "Members:", "Members:**"]
)
def test_a_line_ending_a_sentence_or_a_label_is_not_continued(end):
    above = span(f"the members of the {end}", 50, 100)
    assert not wraps(above, span("Committee", 50, 112), above.x1 + 10)


def test_a_colon_before_a_lower_case_word_is_in_the_sentence_which_goes_on():
    # `Learning from cities:` / `metropolitan food systems`: a title with a colon in it,
    # wrapped, not a label over its value
    above = span("Bogotá – Learning from cities:", 50, 100)
    assert wraps(above, span("metropolitan food systems", 50, 112), above.x1 + 10)
    assert not wraps(above, span("Metropolitan food systems", 50, 112), above.x1 + 10)


def test_wrapped_lines_joined_and_paragraphs_apart():
    lines = [span("the members of the Executive", 50, 100), span("Committee met in Rabat.", 50, 112),
             span("A new paragraph.", 50, 130)]  # fmt: skip
    assert joined_lines(lines, 230, EM) == [
        "the members of the Executive Committee met in Rabat.", "", "A new paragraph."]  # fmt: skip
    # a bold label wrapped in its cell is one bold run
    label = [span("METROPOLITAN", 50, 100, bold=True), span("CHALLENGES:", 50, 112, bold=True)]
    assert joined_lines(label, 130, EM) == ["**METROPOLITAN CHALLENGES:**"]
    # six points of white space is no paragraph
    assert joined_lines([span("One.", 50, 100), span("Two.", 50, 116)], 230, EM) == ["One.", "Two."]
    assert joined_lines([span("One.", 50, 100), span("Two.", 50, 116.5)], 230, EM) == [
        "One.", "", "Two."]  # fmt: skip


def test_lines_go_on_from_the_line_given_above_in_the_list_given():
    out = ["before", "the members of the Executive"]
    above = (span("the members of the Executive", 50, 100), 230.0)
    got = joined_lines([span("Committee met.", 50, 112)], 230, EM, out, above)
    assert got is out and out == ["before", "the members of the Executive Committee met."]
    assert joined_lines([span("Committee met.", 50, 112)], 230, EM, [""], above) == [
        "", "Committee met."]  # fmt: skip


def test_text_blocks_boxes_and_a_key_column_table():
    prose = Block("text", [span("the members of the Executive", 50, 100)], right=230)
    more = Block("text", [span("Committee met.", 50, 112)], right=230)
    boxed = Block("text", [span("In a box.", 50, 130)], right=230, opens_box=True, closes_box=True)
    key = [span("Members", 300, 200, bold=True)]
    table = Block("table", rows=[[key, [span("Rabat, Tunis,", 380, 200), span("Cairo", 380, 212)]],
                                 [[span("Outcomes", 300, 230, bold=True)], []]],
                  rights=[380, 460])  # fmt: skip
    assert block_lines([prose, more, boxed, table], EM) == [
        "the members of the Executive Committee met.", "", "In a box.", "",
        "**Members** Rabat, Tunis, Cairo", "", "**Outcomes**", ""]  # fmt: skip
    wide = Block(
        "table",
        rows=[[key, [span("Rabat, Tunis,", 380, 200), span("Cairo", 380, 212)]]],
        rights=[380, 500],
    )  # `Cairo` would have fitted: a line of its own
    assert block_lines([wide], EM) == ["**Members** Rabat, Tunis,", "Cairo", ""]


def test_a_text_block_of_several_lines_and_an_empty_one():
    two = Block("text", [span("the members of the Executive", 50, 100),
                         span("Committee met.", 50, 112)], right=230)  # fmt: skip
    empty = Block("text", [], right=230)
    after = Block("text", [span("Committee met.", 50, 124)], right=230)
    assert block_lines([two, empty, after], EM) == [
        "the members of the Executive Committee met.", "Committee met."]  # fmt: skip


def test_a_grid_table_each_cell_on_lines_of_its_own():
    grid = Block("table", rows=[[[span("Abidjan", 0, 0)], [span("Accra", 100, 0)],
                                 [span("Barcelona (metropolitan", 200, 0),
                                  span("area)", 200, 12)]]],
                 rights=[100, 200, 260])  # fmt: skip
    first = Block("text", [span("Members:", 0, -20)], right=300)
    assert block_lines([first, grid], EM) == [
        "Members:", "", "Abidjan", "", "Accra", "", "Barcelona (metropolitan area)", ""]  # fmt: skip
    # a key of two plain lines is no key: each cell apart
    two = Block("table", rows=[[[span("Key", 0, 0), span("two", 0, 12)], [span("Value", 100, 0)]]],
                rights=[100, 300])  # fmt: skip
    assert block_lines([two], EM) == ["Key", "two", "", "Value", ""]
    bold_two = Block("table", rows=[[[span("METROPOLITAN", 0, 0, bold=True),
                                      span("CHALLENGES", 0, 12, bold=True)],
                                     [span("2.3", 100, 0)]]], rights=[100, 300])  # fmt: skip
    assert block_lines([bold_two], EM) == ["**METROPOLITAN CHALLENGES** 2.3", ""]
