"""Boxes drawn on a page (cards, shaded cells, a labels box) as containers of the reading
order, on tiny made-up pages: words placed by hand, rectangles given as the page's fills."""

from __future__ import annotations

from helpers.parse.layout import body_size
from helpers.parse.layout.boxes import Rect, contents, inner
from helpers.parse.layout.glyphs import Page, Word, is_bold
from helpers.parse.layout.order import badges_first, reading_order
from helpers.parse.layout.spans import Span, page_spans
from helpers.parse.layout.write import block_lines
from tests.parse.layout.test_geometry import EDGE, EM, line


def read(words, rects) -> list[str]:
    blocks = reading_order(badges_first(page_spans(words)), EM, EDGE, rects)
    return [ln for ln in block_lines(blocks, EM) if ln]


def test_a_cards_lines_are_read_together_in_a_grid_of_cards():
    # two cards side by side, each a role, a name and an office: card by card, not row by row
    words = (line("MEMBER", 60, 100) + line("Asmaa Rhlalou", 60, 114) + line("Mayor of Rabat", 60, 128)
             + line("TREASURY", 320, 100) + line("Jean Vanraes", 320, 114)
             + line("Councilor of Uccle", 320, 128))  # fmt: skip
    rects = [Rect(50, 90, 290, 145), Rect(310, 90, 550, 145)]
    assert read(words, rects) == ["MEMBER", "Asmaa Rhlalou", "Mayor of Rabat",
                                  "TREASURY", "Jean Vanraes", "Councilor of Uccle"]  # fmt: skip


def test_cards_beside_a_table_are_a_side_column_read_after_it():
    rows = [
        ("Abidjan", "Accra", "Cairo"),
        ("Dakar", "Durban", "Harare"),
        ("Rabat", "Tunis", "Lome"),
    ]
    words = [w for i, r in enumerate(rows) for k, name in enumerate(r)
             for w in line(name, 60 + 90 * k, 100 + 18 * i)]  # fmt: skip
    words += (
        line("Focal Points", 400, 100)
        + line("SECRETARY", 405, 116)
        + line("Teresa Oliver", 405, 128)
    )
    rects = [Rect(400, 112, 545, 142)]
    assert read(words, rects) == [
        "Abidjan", "Accra", "Cairo", "Dakar", "Durban", "Harare", "Rabat", "Tunis", "Lome",
        "Focal Points", "SECRETARY", "Teresa Oliver"]  # fmt: skip


def test_in_a_card_a_box_beside_the_text_is_read_after_all_of_it():
    # an activity card: title, text beside a labels box, and text going on under the box
    words = (line("CITY LAB", 60, 100) + line("The text of the", 60, 120) + line("activity goes", 60, 134)
             + line("on here and under the box too.", 60, 180)
             + line("Members", 330, 120) + line("Rabat, Tunis", 330, 134))  # fmt: skip
    rects = [Rect(50, 90, 550, 200), Rect(320, 115, 545, 150)]
    assert read(words, rects) == ["CITY LAB", "The text of the", "activity goes",
                                  "on here and under the box too.", "Members", "Rabat, Tunis"]  # fmt: skip


def test_a_shaded_key_cell_stays_on_its_line_and_touching_cells_stay_apart():
    # a listing whose code cells are shaded and touch each other
    words = line("1.1", 55, 101) + line("Combating inequalities", 110, 101)
    words += line("1.3", 55, 116) + line("Advancing mobility", 110, 116)
    rects = [Rect(50, 98, 100, 113), Rect(50, 113, 100, 128)]
    assert read(words, rects) == ["1.1 Combating inequalities", "1.3 Advancing mobility"]


def test_a_box_around_the_whole_region_is_no_container_and_the_outermost_box_holds():
    words = line("Rabat", 60, 100) + line("Tunis", 60, 114)
    spans = page_spans(words)
    around, card, inner = Rect(40, 80, 560, 300), Rect(50, 95, 200, 112), Rect(55, 97, 150, 111)
    units = contents(spans, [around, card, inner])
    assert [(r, [s.text for s in held]) for r, held in units] == [(card, ["Rabat"])]


def test_figures_in_a_row_of_cards_are_split_at_the_cards_edges_and_stay_with_their_names():
    # evenly set figures look like a justified line; each card's edge splits them
    words = []
    rects = []
    for k, (figure, name) in enumerate(
        [("25.1K", "Twitter"), ("8K", "Facebook"), ("512", "YouTube")]
    ):
        x = 50 + 100 * k
        words += line(figure, x + 10, 100, size=22) + line(name, x + 10, 130)
        rects.append(Rect(x, 90, x + 90, 150))
    blocks = reading_order(badges_first(page_spans(words, rects)), EM, EDGE, rects)
    lines = [ln for ln in block_lines(blocks, EM) if ln]
    assert lines == ["25.1K", "Twitter", "8K", "Facebook", "512", "YouTube"]


def test_a_heading_under_a_row_of_cards_starts_the_cards_below_it():
    # focal points' cards, then the board's heading and its cards: not read as two columns
    words = (line("SECRETARY", 60, 100) + line("Decun Zhan", 60, 114)
             + line("GENERAL", 320, 100) + line("Teresa Oliver", 320, 114)
             + line("Board of Directors", 60, 140, bold=True)
             + line("PRESIDENCY", 60, 160) + line("Guo Yonghang", 60, 174)
             + line("MEMBER", 320, 160) + line("Liu Xin", 320, 174))  # fmt: skip
    rects = [Rect(50, 95, 290, 128), Rect(310, 95, 550, 128),
             Rect(50, 155, 290, 188), Rect(310, 155, 550, 188)]  # fmt: skip
    lines = read(words, rects)
    assert lines.index("**Board of Directors**") == 4
    assert set(lines[:4]) == {"SECRETARY", "Decun Zhan", "GENERAL", "Teresa Oliver"}


def test_shaded_keys_of_several_lines_each_head_their_values_after_a_short_last_line():
    # a label table under a paragraph whose last line is short enough to sit in the key
    # column: the paragraph, then each key (wrapped in its cell) with its value list
    words = (line("The campaign showed women leaders of the network", 55, 80)
             + line("and Kathmandu.", 55, 92)
             + line("Members", 56, 110, bold=True) + line("Montreal", 170, 110) + line("Bogota", 170, 121)
             + line("Metropolitan", 56, 140, bold=True) + line("challenges:", 56, 151, bold=True)
             + line("3.1 Gender mainstreaming", 170, 140))  # fmt: skip
    rects = [Rect(51, 106, 165, 135), Rect(51, 135, 165, 165)]
    assert read(words, rects) == [
        "The campaign showed women leaders of the network", "and Kathmandu.",
        "**Members** Montreal", "Bogota",
        "**Metropolitan challenges:** 3.1 Gender mainstreaming"]  # fmt: skip


def test_a_word_broken_without_a_hyphen_in_a_narrow_cell_is_made_whole():
    from helpers.parse.layout.hyphens import mend, vocabulary
    from helpers.parse.layout.order import Block
    from helpers.parse.layout.spans import Span

    def mended(first: str, second: str) -> list[str]:
        block = Block(
            "text", [Span(tuple(line(first, 50, 100))), Span(tuple(line(second, 50, 111)))]
        )
        mend([block], vocabulary(line(first, 50, 100) + line(second, 50, 111)))
        return [s.text for s in block.spans]

    assert mended("Metropolitan challen", "ges") == ["Metropolitan challenges"]
    assert mended("reached the", "re port") == ["reached the", "re port"]  # `the` is a word


# --------------------------------------------------------------------------------------------
# The box rules at their edges (docs/mutation.md).


def _span(x0: float, top: float, x1: float, bottom: float):
    return Span((Word("x", x0, top, x1, bottom, 10),))


def test_a_box_holds_what_sits_inside_it_give_or_take_a_point():
    box = Rect(10, 10, 50, 30)
    assert box.area == 800
    assert box.holds(_span(9, 9, 51, 31)) and box.holds(Rect(10, 10, 50, 30))
    for outside in (_span(8.9, 10, 50, 30), _span(10, 8.9, 50, 30), _span(10, 10, 51.1, 30),
                    _span(10, 10, 50, 31.1)):  # fmt: skip
        assert not box.holds(outside)
    small, other = Rect(12, 12, 20, 20), Rect(60, 10, 70, 20)
    assert inner(box, [box, small, other, Rect(10, 10, 50, 30.5), Rect(10.5, 10, 50.5, 30)]) == [
        small
    ]  # a box drawn again half a point aside is the same box, not one inside it


def test_the_outermost_box_of_each_span_in_the_order_given():
    a, b, c = _span(12, 12, 18, 18), _span(62, 12, 68, 18), _span(200, 200, 210, 210)
    big, small, right = Rect(10, 10, 50, 30), Rect(11, 11, 20, 20), Rect(60, 10, 70, 20)
    around = Rect(0, 0, 300, 300)  # round every span: the region itself, no container
    assert contents([a, b, c], [right, small, big, around]) == [(right, [b]), (big, [a])]
    assert contents([a, b], [around]) == []
    assert contents([a], [big]) == []  # holding all the spans: around them


def test_bold_faces_by_weight_or_name():
    assert is_bold("Helvetica", 600) and not is_bold("Helvetica", 599)
    for name in ("Arial-BoldMT", "Lato,Black", "Roboto-Heavy", "Inter SemiBold"):
        assert is_bold(name, 400)
    assert not is_bold("Arial-Italic", 400)


def test_the_body_size_is_the_median_over_every_character():
    words = [
        Word("Title", 0, 0, 50, 20, 20),
        Word("ab", 0, 30, 10, 40, 9),
        Word("c", 0, 30, 5, 40, 12),
    ]
    assert body_size([Page(1, 600, 800, words)]) == 20  # 5 characters at 20, 2 at 9, 1 at 12
    words = [Word("T", 0, 0, 50, 20, 20), Word("ab", 0, 30, 10, 40, 9), Word("c", 0, 30, 5, 40, 12)]
    assert body_size([Page(1, 600, 800, words)]) == 10.5
    assert body_size([]) == 10.0


def test_a_roster_of_even_columns_over_two_columns_of_cards_is_one_table():
    # four columns of names at an even step, then two cards side by side: the gutter between
    # the cards runs between the roster's second and third columns too, but the roster is
    # read row by row as the grid it is, then the cards
    rows = [("Amman", "Harbin", "Seoul", "Wuhan"), ("Busan", "Jakarta", "Taipei", "Xian")]
    words = [w for i, r in enumerate(rows) for k, name in enumerate(r)
             for w in line(name, 60 + 120 * k, 100 + 18 * i)]  # fmt: skip
    words += (line("MEMBER", 60, 160) + line("Liu Xin", 60, 174)
              + line("TREASURY", 310, 160) + line("Sun Zhe", 310, 174))  # fmt: skip
    rects = [Rect(55, 155, 290, 190), Rect(300, 155, 545, 190)]
    assert read(words, rects) == ["Amman", "Harbin", "Seoul", "Wuhan", "Busan", "Jakarta",
                                  "Taipei", "Xian", "MEMBER", "Liu Xin", "TREASURY", "Sun Zhe"]  # fmt: skip


def test_a_row_of_even_tiles_across_an_empty_side_column_is_read_before_the_text():
    # four tiles across the page; under them text in the left half only (the side column is
    # empty below the tiles): the tiles first, left to right, then the text
    words = [w for k in range(4) for w in line(f"TILE {k}", 60 + 120 * k, 100)]
    words += [
        w for i in range(3) for w in line(f"a line of text that runs on {i}", 60, 150 + 14 * i)
    ]
    rects = [Rect(55 + 120 * k, 95, 165 + 120 * k, 130) for k in range(4)]
    assert read(words, rects) == ["TILE 0", "TILE 1", "TILE 2", "TILE 3", "a line of text that runs on 0",
                                  "a line of text that runs on 1", "a line of text that runs on 2"]  # fmt: skip


def test_a_side_box_is_read_beside_its_text_not_after_the_whole_page():
    # text in a left frame; the side column to its right holds one box of labels, level with
    # the first activity only: its labels come after that activity's text, before the next
    words = line("FIRST ACTIVITY", 60, 100, bold=True)
    words += [w for i in range(3) for w in line(f"about the first one {i}", 60, 114 + 14 * i)]
    words += line("Members", 410, 100, bold=True) + line("Rabat, Tunis", 410, 114)
    words += line("SECOND ACTIVITY", 60, 200, bold=True) + line("about the second one", 60, 214)
    rects = [Rect(400, 95, 545, 160)]
    assert read(words, rects) == [
        "**FIRST ACTIVITY**", "about the first one 0 about the first one 1 about the first one 2",
        "**Members**", "Rabat, Tunis", "**SECOND ACTIVITY**",
        "about the second one"]  # fmt: skip


def test_a_line_beside_a_side_box_wraps_at_its_own_column_not_past_the_box():
    # a side column of boxes keeps the text frame's right edge where its lines end (221 pt):
    # a line ending short of it by less than the next word goes on; the page's edge is 545
    text = ["ahead and the new projects of", "over the plans of the network",
            "the event was also a place to", "cities of the region."]  # fmt: skip
    words = [w for i, t in enumerate(text) for w in line(t, 60, 100 + 14 * i)]
    words += [w for i in range(3) for w in line(f"line {i} of the next one", 60, 200 + 14 * i)]
    words += line("Members", 410, 100, bold=True) + line("Rabat", 410, 114)
    rects = [Rect(400, 95, 545, 160)]
    got = read(words, rects)
    assert got[0] == " ".join(text)


def test_text_across_both_columns_beside_a_side_box_is_not_read_as_their_columns():
    # two columns of an activity, then, a line's gap under them, the next activity's title
    # (two lines, each short enough for the left column) and its text across both columns,
    # with its labels in a box in the side column, the box's top over the title's: the two
    # columns are read first, then the whole title, the text and the box
    left, right = ["left", "left one", "left one two"], ["right", "right one", "right one two"]
    words = [w for i, t in enumerate(left) for w in line(t, 60, 100 + 14 * i)]
    words += [w for i, t in enumerate(right) for w in line(t, 230, 100 + 14 * i)]
    words += line("HIGH-LEVEL DIALOGUE ON", 60, 150, bold=True)
    words += line("METROPOLITAN FINANCE", 60, 164, bold=True)
    long = [f"a long line of text that runs across both columns {i}" for i in range(3)]
    words += [w for i, t in enumerate(long) for w in line(t, 60, 178 + 14 * i)]
    words += line("Members", 410, 150, bold=True) + line("Rabat, Tunis", 410, 164)
    rects = [Rect(400, 146, 545, 220)]
    assert read(words, rects) == [*left, *right, "**HIGH-LEVEL DIALOGUE ON**",
                                  "**METROPOLITAN FINANCE**", " ".join(long),
                                  "**Members**", "Rabat, Tunis"]  # fmt: skip


def test_a_box_ending_the_right_column_level_with_the_left_prose_is_not_an_aside():
    # under a heading across the page, two columns of text; the right column's activity
    # ends with its labels box, level with the left column's prose, which goes on under the
    # box: read column by column
    left = [f"Left prose line {i}." for i in range(8)]
    right = [f"Right prose line {i}." for i in range(3)]
    words = [x for i, t in enumerate(left) for x in line(t, 50, 100 + 14 * i)]
    words += [x for i, t in enumerate(right) for x in line(t, 310, 100 + 14 * i)]
    words += line("Members", 316, 146, bold=True) + line("Amman, Madrid", 316, 160)
    words += line("A HEADING SET ACROSS THE WHOLE WIDTH OF THE PAGE", 50, 76)
    rects = [Rect(310, 142, 545, 178)]
    assert read(words, rects) == [
        "A HEADING SET ACROSS THE WHOLE WIDTH OF THE PAGE",
        *left, *right, "**Members**", "Amman, Madrid"]  # fmt: skip
