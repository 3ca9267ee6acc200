"""The reading order's rules at their edges (helpers.parse.layout.order), each on a few spans
placed by hand: what a person reads on the tiny page is written out, not taken from the code
(docs/mutation.md). Words are 6 pt a character with 3 pt spaces, 10 pt high; the body size is
10 pt, so an em is 10 pt."""

from __future__ import annotations

from helpers.parse.layout.boxes import Rect
from helpers.parse.layout.glyphs import Word
from helpers.parse.layout.order import (
    BOX,
    _aside_ends,
    _below,
    _beside_text,
    _bold_line,
    _keyed_row,
    _may_start_date,
    _rights,
    _split_cell,
    _stacked,
    _text_over,
    badges_first,
    boxes_aside,
    card_rows,
    cells,
    column_groups,
    columns,
    flows,
    grid_across,
    is_heading,
    is_table,
    reading_order,
    side_cut,
    strips,
    table_rows,
)
from helpers.parse.layout.spans import Span, page_spans
from helpers.parse.layout.write import block_lines
from tests.parse.layout.test_boxes import read
from tests.parse.layout.test_geometry import EDGE, EM, line, text_of


def span(text: str, x: float, top: float, *, size: float = 10.0, bold: bool = False) -> Span:
    """One span: `text` set from x on one baseline."""
    return Span(tuple(line(text, x, top, size=size, bold=bold)))


def cell(x0: float, x1: float, top: float = 100, *, text: str = "x", size: float = 10.0) -> Span:
    """A one-word span with its edges given exactly."""
    return Span((Word(text, x0, top, x1, top + size, size),))


def box(k: int, x0: float, top: float, x1: float, bottom: float, size: float = 10.0) -> Span:
    """Box k as the cut sees it: one stand-in word over the whole box, the size of its text."""
    return Span((Word(f"{BOX}{k}", x0, top, x1, bottom, size),))


def texts(runs: list[list[Span]]) -> list[list[str]]:
    return [[s.text for s in run] for run in runs]


# --------------------------------------------------------------------------------------------
# Strips (cut across) and columns (cut down)


def test_lines_overlapping_by_at_most_0_15_of_their_size_are_two_strips():
    above = span("above", 50, 100)  # 100 to 110
    assert len(strips([above, span("below", 50, 109)])) == 2  # 1 pt over it
    assert len(strips([above, span("below", 50, 108.5)])) == 2  # 1.5 pt: 0.15 of 10 pt
    assert len(strips([above, span("below", 50, 108)])) == 1  # 2 pt: one strip


def test_strips_are_the_same_whatever_order_the_file_stores_the_spans_in():
    # under a line, a small word and a large one start level, 2 pt over its bottom: the small
    # one overlaps the line by more than 0.15 of its size, so both join the line's strip
    above = span("above", 50, 90)
    small, large = span("small", 50, 98), span("LARGE", 300, 98, size=20)
    for stored in ([above, small, large], [above, large, small], [large, small, above]):
        assert texts(strips(stored)) == [["above", "small", "LARGE"]]


def test_words_closer_than_a_gutter_are_one_column():
    # `Abidjan` ends at 92, `Busan` starts 5 pt on: less than a gutter (8 pt)
    spans = [cell(50, 92, text="Abidjan"), cell(97, 127, text="Busan")]
    assert len(columns(spans, EM)) == 1
    assert len(columns(spans, EM, edges=False)) == 1
    # a gutter of 8 pt exactly is white enough
    apart = [cell(50, 92, text="Abidjan"), cell(100, 130, text="Busan")]
    assert len(columns(apart, EM, edges=False)) == 2


def test_values_starting_at_one_x_in_three_rows_are_a_column_however_close():
    # keys, the longest ending 5 pt before the values, which all start at x 115: a table's
    # edge, though narrower than a gutter; with the edges left out, one column
    keys = [cell(50, 80, 100, text="Rabat"), cell(50, 110, 114, text="Casablanca"),
            cell(50, 80, 128, text="Tunis")]  # fmt: skip
    values = [cell(115, 160, top, text="value") for top in (100, 114, 128)]
    assert texts(columns(keys + values, EM)) == [
        ["Rabat", "Casablanca", "Tunis"], ["value", "value", "value"]]  # fmt: skip
    assert len(columns(keys + values, EM, edges=False)) == 1
    # two rows are no edge
    assert len(columns(keys[:2] + values[:2], EM)) == 1
    # starts a fraction of a point apart, round to 115 and 116: still one edge
    close = [cell(115.2, 160, 100), cell(115.6, 160, 114), cell(115.6, 160, 128)]
    assert len(columns(keys + close, EM)) == 2
    # starts spread over two points (115, 116, 117) are not one edge: the first value, 5 pt
    # after the keys, is in their column
    spread = [cell(115, 160, 100), cell(116, 160, 114), cell(117, 160, 128)]
    assert len(columns(keys + spread, EM)) == 1


# --------------------------------------------------------------------------------------------
# A side column


def test_a_column_of_boxes_at_either_end_of_three_comes_off_as_a_side_column():
    a, b = [cell(50, 100)], [cell(150, 200)]
    boxes = [box(0, 400, 100, 500, 140)]
    assert side_cut([a, b, boxes]) == 2  # the last column holds the only boxes
    assert side_cut([boxes, a, b]) == 1  # the first does
    # boxes in two columns: cards in a grid, no side column
    assert side_cut([a, boxes, [box(1, 520, 100, 545, 140)]]) is None
    assert side_cut([boxes, [box(1, 150, 100, 200, 140)], a]) is None


def test_a_gutter_one_and_a_half_times_wider_than_every_other_sets_a_side_column_apart():
    def cols(*gaps: float) -> list[list[Span]]:
        out, x = [], 50.0
        for gap in (0, *gaps):
            x += gap
            out.append([cell(x, x + 50)])
            x += 50
        return out

    assert side_cut(cols(60, 20, 20)) == 1  # a table of three columns after a side one
    assert side_cut(cols(20, 20, 30)) == 3  # 30 pt: exactly 1.5 times 20
    assert side_cut(cols(20, 20, 29)) is None
    assert side_cut(cols(60, 60)) is None  # three columns: no side column by its gutter


# --------------------------------------------------------------------------------------------
# Headings, bold lines and column groups


def test_a_heading_is_one_line_set_1_3_times_the_body_size_or_larger():
    assert is_heading([span("ACTIVITIES", 50, 100, size=13)], EM)
    assert not is_heading([span("ACTIVITIES", 50, 100, size=12.9)], EM)
    assert not is_heading(
        [span("ACTIVITIES", 50, 100, size=13), span("MORE", 50, 120, size=13)], EM
    )


def test_a_bold_line_is_one_bold_span():
    assert _bold_line([span("Focal Points", 50, 100, bold=True)])
    assert not _bold_line([span("Focal Points", 50, 100)])
    assert not _bold_line([span("Focal", 50, 100, bold=True), span("Points", 300, 100, bold=True)])


def test_strips_of_two_columns_four_ems_apart_are_one_set_of_columns():
    # each strip two short lines side by side; 40 pt of white between them (4 ems): one set of
    # columns, read down; 41 pt: two rows read in turn
    first = [span("left one", 50, 100), span("right one", 300, 100)]
    for gap, groups in ((40, 1), (41, 2)):
        second = [span("left two", 50, 110 + gap), span("right two", 300, 110 + gap)]
        assert len(column_groups([first, second], EM)) == groups


def test_a_strip_whose_two_columns_a_line_above_runs_across_is_read_apart():
    # three columns above; below, the middle one is two narrow columns that the line above
    # runs across (as many columns together as apart, but two of the lower strip's in one):
    # read in turn. With the lower columns under the upper ones, they are one set of columns.
    first = [cell(50, 150), cell(250, 350), cell(450, 550)]
    split = [cell(50, 150, 120), cell(250, 290, 120), cell(310, 350, 120)]
    assert len(column_groups([first, split], EM)) == 2
    under = [cell(50, 150, 120), cell(250, 350, 120), cell(450, 550, 120)]
    assert len(column_groups([first, under], EM)) == 1


def test_columns_under_a_bold_line_that_heads_them_go_on_with_them():
    # a heading; two columns with a bold line under the left one; two narrower columns under
    # that line (not the columns above, so the bold line heads them); two more lines of those
    # columns: read with the bold line and the columns it heads, not as a group of their own
    heading = [span("ACTIVITIES", 50, 60, size=13)]
    above = [cell(50, 110, 100), cell(300, 360, 100)]
    bold = [span("Focal", 50, 115, bold=True)]
    headed = [cell(50, 100, 130, text="a"), cell(150, 200, 130, text="b")]
    more = [cell(50, 100, 145, text="c"), cell(150, 200, 145, text="d")]
    groups = column_groups([heading, above, bold, headed, more], EM)
    assert [[s.text for s in g] for g in groups] == [
        ["ACTIVITIES"], ["x", "x"], ["Focal", "a", "b", "c", "d"]]  # fmt: skip


# --------------------------------------------------------------------------------------------
# Tables


def test_shaded_keys_each_with_a_value_starting_level_with_them_are_a_table():
    # two shaded key cells of three lines each (the box's stand-in: 30 pt high); their values
    # start at the box's top, or anywhere before its bottom
    keys = [box(0, 50, 100, 100, 130), box(1, 50, 130, 100, 160)]
    assert is_table([keys, [span("Montreal", 110, 100), span("Gender", 110, 150)]])
    # the first key's only value starts at its bottom: level with the next key, not with it
    assert not is_table([keys, [span("Montreal", 110, 130), span("Gender", 110, 140)]])
    # one key is not a table of keys
    assert not is_table([keys[:1], [span("Montreal", 110, 100)]])


def test_a_key_column_is_narrower_than_six_tenths_of_its_values_with_short_cells():
    def cols(key: str, value_x1: float) -> list[list[Span]]:
        return [[span(key, 50, top) for top in (100, 114)],
                [cell(150, value_x1, top) for top in (100, 114)]]  # fmt: skip

    assert is_table(cols("Key one two", 251))  # 60 pt of key beside 101 of values
    assert not is_table(cols("Key one two", 250))  # 60 beside 100: six tenths exactly
    assert not is_table(cols("Key one two too", 300))  # cells of four words are no keys
    # a wide left column beside a narrow right one is no key column
    assert not is_table([[cell(50, 200, top) for top in (100, 114)],
                         [cell(220, 300, top) for top in (100, 114)]])  # fmt: skip


def test_lines_of_a_table_column_5_pt_apart_or_less_are_one_cell():
    top = span("Santiago de", 50, 100)  # 100 to 110
    assert texts(cells([top, span("Chile", 50, 115)], EM)) == [["Santiago de", "Chile"]]
    assert texts(cells([top, span("Chile", 50, 115.5)], EM)) == [["Santiago de"], ["Chile"]]


def test_cells_whose_tops_are_6_pt_apart_or_less_share_a_row():
    cols = [[span("Abidjan", 50, 100)], [span("Accra", 150, 106)]]
    assert [[[s.text for s in c] for c in row] for row in table_rows(cols, EM)] == [
        [["Abidjan"], ["Accra"]]]  # fmt: skip
    cols = [[span("Abidjan", 50, 100)], [span("Accra", 150, 106.5)]]
    assert len(table_rows(cols, EM)) == 2


def test_a_cell_is_cut_before_the_line_level_with_a_shaded_key_below_its_first():
    # a value cell of two lines (tops 100 and 111) beside shaded keys: a key starting by the
    # second line (up to 6 pt under its top) starts another row there
    cell_ = [span("Montreal", 110, 100), span("Bogota", 110, 111)]

    def pieces(edge: float) -> list[list[str]]:
        return texts(_split_cell(cell_, [edge], EM))

    assert pieces(103) == [["Montreal", "Bogota"]]  # level with the first line: its own row
    assert pieces(106) == [["Montreal", "Bogota"]]  # 6 pt under the first line's top
    assert pieces(114) == [["Montreal"], ["Bogota"]]
    assert pieces(117) == [["Montreal"], ["Bogota"]]  # 6 pt under the second line's top
    assert pieces(117.5) == [["Montreal", "Bogota"]]  # past it: a row further down


def test_text_flows_down_three_columns_or_more_when_a_lone_cell_has_one_beside_it_below():
    x = [span("x", 50, 100)]
    assert not flows([])
    assert flows([[x, [], []], [[], x, []]])  # a heading alone, its column's next item right
    assert not flows([[x, [], []], [x, [], []]])  # lone cells down one column: a list
    assert not flows([[x, x, x], [x, [], []]])  # a table's last row with one cell
    assert not flows([[x, []], [[], x]])  # two columns: a table, cells not level


# --------------------------------------------------------------------------------------------
# A grid across the gutters


def test_a_grid_runs_across_gutters_in_two_lines_of_three_evenly_spaced_cells():
    def grid_line(top: float, *xs: float) -> list[Span]:
        return [cell(x, x + 40, top) for x in xs]

    def across(*lines: list[Span]) -> bool:
        spans = [s for ln in lines for s in ln]
        cols = [[s for s in spans if s.x0 < 150], [s for s in spans if s.x0 >= 150]]
        return grid_across(spans, cols, EM)

    assert across(grid_line(100, 50, 110, 170), grid_line(120, 50, 110, 170))
    assert not across(grid_line(100, 50, 110, 170))  # one line
    assert not across(grid_line(100, 50, 170), grid_line(120, 50, 170))  # two cells a line
    # a line of two cells above does not stop the count
    assert across(grid_line(80, 50, 170), grid_line(100, 50, 110, 170),
                  grid_line(120, 50, 110, 170))  # fmt: skip
    assert not across(grid_line(100, 50, 100, 250), grid_line(120, 50, 100, 250))  # uneven
    # steps of 60, 60 and 65 pt: 5 pt (half an em) off the median, still even
    assert across(grid_line(100, 50, 110, 170, 235), grid_line(120, 50, 110, 170, 235))
    # one row of tiles (boxes) is a grid by itself
    tiles = [box(k, 50 + 60 * k, 100, 90 + 60 * k, 140) for k in range(3)]
    assert grid_across(tiles, [tiles[:2], tiles[2:]], EM)


# --------------------------------------------------------------------------------------------
# Boxes beside text


def test_side_boxes_are_a_last_column_of_boxes_only_with_white_across_the_region():
    text = [span("first line", 50, 100), span("second line", 50, 114)]
    side = box(0, 400, 96, 545, 124)
    below = span("after the box", 50, 140)
    # the box beside the two lines, a line under both: two strips
    assert boxes_aside([*text, side, below], [[*text, below], [side]])
    # nothing under the box: one strip, the box is a column of the region
    assert not boxes_aside([*text, side], [text, [side]])
    # a column of text after the boxes: they are not the last column
    right = [span("right", 500, 100), span("right", 500, 140)]
    assert not boxes_aside([*text, side, below, *right], [[*text, below], [side], right])


def test_a_box_of_lines_level_with_the_text_beside_it_ends_the_strip():
    text = [span("The text of the", 60, 100), span("activity goes", 60, 114),
            span("on here.", 60, 128)]  # fmt: skip
    assert _aside_ends([*text, box(0, 300, 100, 545, 135)])
    assert _aside_ends([*text, box(0, 300, 115, 545, 145)])  # 1.5 lines down: still level
    assert not _aside_ends([*text, box(0, 300, 120, 545, 150)])  # two lines down
    assert _aside_ends([*text, box(0, 300, 100, 545, 125)])  # 2.5 lines high
    assert not _aside_ends([*text, box(0, 300, 100, 545, 124)])  # a band, not a box of lines
    # text in two columns beside the box: a table's rows, not one column of prose
    assert not _aside_ends([*text, span("other", 200, 100), box(0, 300, 100, 545, 135)])
    # under a line of its own column, the box ends that column: not beside the text
    assert not _aside_ends([*text, box(0, 300, 100, 545, 135)], [span("over it", 300, 80)])


def test_a_box_is_beside_text_that_ends_left_of_it_at_its_height():
    side = box(0, 300, 100, 400, 150)
    assert _beside_text(side, [cell(50, 300, 110)])  # ending where the box starts
    assert not _beside_text(side, [cell(50, 290, 150)])  # starting at its bottom
    assert not _beside_text(side, [cell(50, 290, 90)])  # ending at its top
    assert not _beside_text(side, [cell(300, 400, 160)])  # under it
    assert not _beside_text(side, [cell(410, 500, 110)])  # right of it


def test_text_over_a_box_within_its_width_ends_a_column_with_the_box():
    side = box(0, 300, 100, 400, 150)
    assert _text_over(side, [cell(300, 400, 90)])  # ending at its top
    assert not _text_over(side, [cell(400, 450, 80)])  # starting at its right edge
    assert not _text_over(side, [cell(250, 300, 80)])  # ending at its left edge
    assert not _text_over(side, [box(1, 300, 40, 400, 90)])  # a box over a box


def test_a_key_box_and_the_text_starting_within_it_on_its_right_are_one_row():
    key = box(0, 50, 100, 100, 130)  # its value cell: from 100 to 120 (two ems on)

    def row(*values: Span) -> list[list[str]] | None:
        found = _keyed_row([key, *values])
        return None if found is None else texts(found)

    assert row(span("Montreal", 100, 100)) == [[key.text], ["Montreal"]]  # touching
    assert row(span("Montreal", 120, 129), span("Bogota", 120, 115)) == [
        [key.text], ["Bogota", "Montreal"]]  # fmt: skip
    assert row(span("Montreal", 121, 100)) is None  # the next column
    assert row(span("Montreal", 125, 100)) is None
    assert row(span("Montreal", 110, 130)) is None  # level with the next key
    assert row(span("Montreal", 110, 99)) is None  # starting over the box
    assert row() is None


# --------------------------------------------------------------------------------------------
# Cards


def test_two_rows_of_level_cards_starting_at_one_x_are_one_grid():
    above = [box(0, 50, 100, 290, 140), box(1, 310, 106, 545, 146)]  # tops 6 pt apart
    under = [box(2, 50, 160, 290, 200), box(3, 311, 163, 545, 203)]  # 1 pt aside
    assert card_rows(above, under, EM)
    assert card_rows([box(0, 50, 100, 290, 140), box(1, 310, 103, 545, 143)], under, EM)
    assert card_rows(above, under[:1], EM)  # a last row of one card
    assert not card_rows(above, [box(2, 50, 160, 290, 200), box(3, 312, 160, 545, 200)], EM)
    assert not card_rows(above[:1], under[:1], EM)  # one card above: no grid yet
    assert not card_rows([box(0, 50, 100, 290, 140), box(1, 310, 107, 545, 147)], under, EM)
    # a card is at least 2.5 lines high: one-line bands under the cards are no row of them
    assert card_rows(above, [box(2, 50, 160, 290, 185)], EM)
    assert not card_rows(above, [box(2, 50, 160, 290, 184)], EM)
    assert not card_rows(above, [span("text", 50, 160)], EM)


# --------------------------------------------------------------------------------------------
# Side-by-side columns: where each ends


def test_a_column_ends_where_the_next_starts_or_at_the_edge_three_of_its_lines_reach():
    nxt = [cell(300, 400, 100)]
    # three lines within half an em of the column's longest: it ends 0.2 em past them
    assert _rights([[cell(50, 200, 100), cell(50, 195, 114), cell(50, 195, 128)], nxt],
                   545, EM) == [202, 545]  # fmt: skip
    assert _rights([[cell(50, 200, 100), cell(50, 190, 114), cell(50, 190, 128)], nxt],
                   545, EM) == [300, 545]  # fmt: skip
    # a table's columns (no em): where the next starts
    assert _rights([[cell(50, 200, 100), cell(50, 200, 114), cell(50, 200, 128)], nxt],
                   545) == [300, 545]  # fmt: skip


def test_columns_that_text_flows_down_end_a_gutter_short_of_the_next():
    # columns ending at 150, 280 and 445, starting at 50, 200 and 300: the narrowest white
    # between two of them is 20 pt; each ends that far before the next, plus 0.2 em
    cols = [[cell(50, 150)], [cell(200, 280)], [cell(300, 445)]]
    assert _rights(cols, 545, EM, flowing=True) == [182, 282, 545]


# --------------------------------------------------------------------------------------------
# Date badges


def test_only_a_line_of_four_words_or_fewer_may_start_a_date():
    assert _may_start_date(span("from 15 to 21", 0, 0))
    assert not _may_start_date(span("from 15 to 21 of", 0, 0))


def test_the_line_under_a_span_shares_its_width_within_two_lines_down():
    top = cell(50, 100, 100)  # 100 to 110
    assert _below(top, [top, cell(60, 90, 109)]) is not None  # 1 pt over its bottom
    assert _below(top, [top, cell(60, 90, 108.5)]) is None  # 1.5 pt: level with it
    assert _below(top, [top, cell(60, 90, 130)]) is not None  # two lines down
    assert _below(top, [top, cell(60, 90, 130.5)]) is None
    assert _below(top, [top, cell(100, 140, 115)]) is None  # starting at its right edge
    assert _below(top, [top, cell(10, 50, 115)]) is None  # ending at its left edge
    near, far = cell(60, 90, 125), cell(60, 90, 115)
    assert _below(top, [top, near, far]) is far  # the nearest


def test_a_date_broken_in_a_badge_is_the_line_right_under_centred_under_it():
    day = cell(100, 112, 100, text="21")  # centre 106
    assert _stacked(day, [day, cell(79, 133, 115, text="September")]) is not None  # 5 pt gap
    assert _stacked(day, [day, cell(79, 133, 115.5, text="September")]) is None
    assert _stacked(day, [day, cell(84, 138, 112, text="September")]) is not None  # 5 pt off
    assert _stacked(day, [day, cell(85, 139, 112, text="September")]) is None


TITLE = span("UCLG-MEWA RETREAT", 50, 100, bold=True)  # 50 to 152, 100 to 110


def _badge_at(spans: list[Span], text: str) -> Span:
    return next(s for s in badges_first(spans) if s.text == text)


def test_a_badge_is_moved_to_start_where_its_title_does_just_above_it():
    # `15–16 February` (bold) right of the title: set above it, 0.05 em clear of its top,
    # from its left edge, the same size and weight
    badge = span("15–16 February", 400, 101, bold=True)
    assert badges_first([TITLE, badge]) == [TITLE, Span((
        Word("15–16", 50, 89.5, 80, 99.5, 10, True),
        Word("February", 83, 89.5, 131, 99.5, 10, True)))]  # fmt: skip


def test_a_badges_date_broken_over_two_lines_is_set_on_one_line_above_its_title():
    # `21` centred over `September`, 6 pt type, right of the title: one line from the title's
    # left edge, a quarter em between the words, ending 0.05 em over the title
    title = span("INTERNATIONAL DAY", 50, 100, bold=True)
    under = span("OF PEACE", 50, 112, bold=True)
    day = span("21", 194, 100, size=6, bold=True)
    month = span("September", 176, 107, size=6, bold=True)
    assert badges_first([title, under, day, month]) == [title, under, Span((
        Word("21", 50, 93.5, 62, 99.5, 6, True),
        Word("September", 63.5, 93.5, 117.5, 99.5, 6, True)))]  # fmt: skip


def test_every_broken_badge_of_a_page_is_moved():
    first = [span("CITY LAB", 50, 100, bold=True), span("21", 194, 100, size=6),
             span("September", 176, 107, size=6)]  # fmt: skip
    second = [span("METROTALKS", 50, 300, bold=True), span("7", 197, 300, size=6),
              span("March", 188, 307, size=6)]  # fmt: skip
    assert [s.text for s in badges_first(first + second)] == [
        "CITY LAB", "21 September", "METROTALKS", "7 March"]  # fmt: skip
    assert _badge_at(first + second, "7 March").x0 == 50


def test_a_whole_date_is_the_badge_whatever_is_centred_under_it():
    badge = span("7 October 2022", 400, 100)
    place = span("Online", 421, 111)  # centred under it (both centres at x 439)
    moved = _badge_at([TITLE, badge, place], "7 October 2022")
    assert (moved.x0, moved.bottom) == (50, 99.5)


def test_a_badge_is_five_words_at_most():
    assert _badge_at([TITLE, span("from 15 to 16 February", 400, 100)],
                     "from 15 to 16 February").x0 == 50  # fmt: skip
    six = span("from 15 to 16 February 2022", 340, 100)
    assert badges_first([TITLE, six]) == [TITLE, six]


def test_a_badge_is_level_with_its_title_within_half_a_line_above_or_below():
    # the title from 100 to 110: the badge's middle from 95 to 115
    for top, moved in ((90, True), (89, False), (110, True), (111, False)):
        badge = span("15 February", 400, top)
        assert (_badge_at([TITLE, badge], "15 February").x0 == 50) is moved, top


def test_the_title_of_a_badge_is_bold_or_in_capitals_and_ends_left_of_it():
    badge = span("15 February", 400, 100)
    for title in (span("Metrotalks: housing", 50, 100, bold=True),
                  span("UCLG-MEWA RETREAT", 50, 100),
                  Span((Word("RETREAT", 358, 100, 400, 110, 10, True),))):  # fmt: skip
        assert _badge_at([title, badge], "15 February").x0 == title.x0
    for other in (span("Metrotalks: housing", 50, 100),  # prose of the other column
                  Span((Word("RETREAT", 359, 100, 401, 110, 10, True),))):  # fmt: skip
        assert badges_first([other, badge]) == [other, badge]


def test_a_line_that_starts_with_a_date_is_no_title_for_a_badge_level_with_it():
    # the left column's activity has its date in its title; the right column's badge level
    # with it is not that title's
    dated = span("15 FEBRUARY – UCLG RETREAT", 50, 100, bold=True)
    badge = span("7 March", 400, 100)
    assert badges_first([dated, badge]) == [dated, badge]


def test_the_title_of_a_badge_is_the_nearest_on_its_left_and_the_top_line_of_two():
    badge = span("15 February", 400, 105)  # its middle at 110
    label = span("Members", 50, 100, bold=True)  # a bold label of the column before
    title = span("RETREAT", 150, 100, bold=True)
    assert _badge_at([label, title, badge], "15 February").x0 == 150
    # a title of two lines as long as each other, both level with the badge: over the first
    first, second = span("CITY LAB", 50, 100, bold=True), span("ON WATER", 50, 112, bold=True)
    assert _badge_at([first, second, badge], "15 February").bottom == 99.5


def test_a_date_flush_over_a_title_in_capitals_heads_it_where_it_is():
    # two columns: a bold title on the left level with the right column's date, which heads
    # its own title set under it, an em to its right at most; further down, an activity
    # whose badge is right of its title
    left = span("CITY LAB", 50, 145, bold=True)
    date = span("7 March", 250, 145)
    later = [span("METROTALKS", 50, 300, bold=True), span("9 May", 400, 300)]
    for x in (250, 260):
        own = span("CITY MANAGERS", x, 157, bold=True)
        got = badges_first([left, date, own, *later])
        assert got[:3] == [left, date, own]
        assert _badge_at([left, date, own, *later], "9 May").x0 == 50
    own = span("CITY MANAGERS", 261, 157, bold=True)  # further: the date is the left title's
    assert _badge_at([left, date, own], "7 March").x0 == 50


# --------------------------------------------------------------------------------------------
# Whole regions: what is read, in which order, and where each line ends


def test_a_line_split_by_one_wide_gap_is_one_line_that_the_next_goes_on_from():
    # one space of a justified line stretched to 33 pt splits it in two spans; the line
    # runs to x 470, and `Mediterranean` (78 pt) does not fit before the text's edge at 545
    words = (line("In Kocaeli the mayors", 50, 100)
             + line("of the network met the heads of the regions of the", 200, 100)
             + line("Mediterranean to speak about housing and water", 50, 112))  # fmt: skip
    assert text_of(words) == [
        "In Kocaeli the mayors of the network met the heads of the regions of the "
        "Mediterranean to speak about housing and water"]  # fmt: skip
    # with no edge given, the text runs to its longest line
    assert block_lines(reading_order(page_spans(words), EM), EM) == text_of(words)


def test_an_empty_region_has_no_lines():
    assert block_lines(reading_order([], EM), EM) == []


def test_two_frames_of_text_are_read_frame_by_frame_even_with_a_wide_band_across_both():
    # two lines in each column, 50 pt of white between them at the same height in both
    words = line("left column first paragraph", 50, 100) + line("left column second one", 50, 160)
    words += line("right column first paragraph", 320, 100) + line("right column second", 320, 160)
    assert text_of(words) == [
        "left column first paragraph", "left column second one",
        "right column first paragraph", "right column second"]  # fmt: skip


def test_rows_far_apart_are_read_in_turn_though_their_second_cells_start_at_one_x():
    # three rows 60 pt apart (50 pt of white), each a long cell and a short one starting at
    # x 160, 5 to 26 pt after the long cell: one row after the other, not column by column
    spans = []
    for i, (long, short) in enumerate([("The first long cell", "one"),
                                       ("The second cell", "two"),
                                       ("The third long one", "three")]):  # fmt: skip
        spans += [span(long, 50, 100 + 60 * i), span(short, 160, 100 + 60 * i)]
    lines = [ln for ln in block_lines(reading_order(spans, EM, EDGE), EM) if ln]
    assert lines == ["The first long cell one", "The second cell two", "The third long one three"]


def test_a_key_wrapped_in_its_cell_is_read_cell_by_cell():
    # a code column beside titles: the first code wraps (`(draft)` under it), so its row is
    # read cell by cell, each cell apart; the second row is a key and its value on one line
    words = line("L1A1D1", 50, 100) + line("(draft)", 50, 111)
    words += line("Policy recommendations on issues", 150, 100)
    words += line("L1A1D2", 50, 130) + line("Policy debates to inform positions", 150, 130)
    assert block_lines(reading_order(page_spans(words), EM, EDGE), EM) == [
        "L1A1D1", "(draft)", "", "Policy recommendations on issues", "",
        "L1A1D2 Policy debates to inform positions", ""]  # fmt: skip


def test_a_side_columns_lines_end_at_the_pages_text_edge():
    # beside a table, focal points in a side column: `Madrid` (36 pt) would have fitted
    # after `Teresa Oliver` (ending at 495) before the edge at 545: a line of its own
    words = []
    for i, names in enumerate([("Amman", "Bangkok", "Beijing"), ("Busan", "Chengdu", "Colombo")]):
        for k, name in enumerate(names):
            words += line(name, 50 + 80 * k, 100 + 16 * i)
    words += line("Focal Points", 420, 100, bold=True) + line("Teresa Oliver", 420, 116)
    words += line("Madrid", 420, 128)
    assert text_of(words)[-3:] == ["**Focal Points**", "Teresa Oliver", "Madrid"]


def test_a_grid_of_cards_whose_last_row_holds_one_card_is_read_row_by_row():
    cards = [("MEMBER", "Soham Wardini"), ("TREASURY", "Robert Mambe"), ("MEMBER", "Mpho Phalatse")]
    words: list[Word] = []
    rects = []
    for n, (role, name) in enumerate(cards):
        x, top = 60 + 250 * (n % 2), 100 + 50 * (n // 2)
        words += line(role, x, top, bold=True) + line(name, x, top + 14)
        rects.append(Rect(x - 5, top - 5, x + 225, top + 40))
    assert read(words, rects) == ["**MEMBER**", "Soham Wardini", "**TREASURY**", "Robert Mambe",
                                  "**MEMBER**", "Mpho Phalatse"]  # fmt: skip


def test_cards_one_under_another_are_read_card_by_card():
    words: list[Word] = []
    rects = []
    for n, (role, name) in enumerate([("MEMBER", "Soham Wardini"), ("TREASURY", "Robert Mambe")]):
        words += line(role, 60, 100 + 50 * n, bold=True) + line(name, 60, 114 + 50 * n)
        rects.append(Rect(55, 95 + 50 * n, 285, 140 + 50 * n))
    assert read(words, rects) == ["**MEMBER**", "Soham Wardini", "**TREASURY**", "Robert Mambe"]


def test_text_under_a_side_box_wraps_at_its_columns_edge():
    # the text beside the box runs to x 219 (three lines within half an em of it): its column
    # ends at 221, and under the box `organisations` (78 pt) does not fit after `network`
    # (ending at 198); the page's edge and the box (at 400) are further
    text = ["ahead and the new projects of", "over the plans of the network",
            "the event was also a place to", "cities of the region."]  # fmt: skip
    words = [w for i, t in enumerate(text) for w in line(t, 60, 100 + 14 * i)]
    words += line("the cities of the network", 60, 200) + line("organisations spoke", 60, 214)
    words += line("Members", 410, 100, bold=True) + line("Rabat", 410, 114)
    assert read(words, [Rect(400, 95, 545, 160)]) == [
        " ".join(text),
        "**Members**",
        "Rabat",
        "the cities of the network organisations spoke",
    ]


def test_each_of_several_side_boxes_is_read_after_the_activity_beside_it():
    words: list[Word] = []
    rects = []
    for i in range(3):
        top = 100 + 80 * i
        words += line(f"ACTIVITY {i}", 60, top, bold=True)
        words += [w for j in range(3) for w in line(f"about activity {i} line {j}.", 60,
                                                     top + 14 + 14 * j)]  # fmt: skip
        words += line("Members", 410, top, bold=True) + line(f"City {i}", 410, top + 14)
        rects.append(Rect(400, top - 5, 545, top + 60))
    assert read(words, rects) == [
        x for i in range(3) for x in (f"**ACTIVITY {i}**", *(f"about activity {i} line {j}."
                                      for j in range(3)), "**Members**", f"City {i}")]  # fmt: skip


def test_in_a_card_among_other_text_a_box_beside_the_cards_text_is_read_after_it():
    # a heading over the card, outside it; in the card, a title, text beside a labels box,
    # and text going on under the box across the card's whole width
    words = line("ACTION LINE 1", 60, 60, bold=True)
    words += (line("CITY LAB", 60, 100) + line("The text of the", 60, 120)
              + line("activity goes", 60, 134)
              + line("on here and under the box too, running the width of the card.", 60, 180)
              + line("Members", 330, 120) + line("Rabat, Tunis", 330, 134))  # fmt: skip
    rects = [Rect(50, 90, 550, 200), Rect(320, 115, 545, 150)]
    assert read(words, rects) == [
        "**ACTION LINE 1**", "CITY LAB", "The text of the", "activity goes",
        "on here and under the box too, running the width of the card.",
        "Members", "Rabat, Tunis"]  # fmt: skip


def test_a_cards_text_wraps_at_its_padding():
    # text 10 pt inside a card from 50 to 290: it runs to 280; `México,` (42 pt) does not fit
    # after `de` (ending at 255)
    words = line("MEMBERS", 60, 60, bold=True)
    words += line("The members Amman, Rabat, Ciudad de", 60, 100) + line("México, Tehran", 60, 112)
    assert read(words, [Rect(50, 90, 290, 130)]) == [
        "**MEMBERS**", "The members Amman, Rabat, Ciudad de México, Tehran"]  # fmt: skip


def test_a_box_inside_a_line_splits_it_and_the_rest_of_the_line_goes_on():
    # `Before`, a box holding `Inside`, then the rest of the line, which runs to x 484:
    # `Mediterranean` on the next line did not fit after it
    words = (line("Before", 50, 100) + line("Inside", 125, 100)
             + line("after the box a line that reaches the edge of the", 220, 100)
             + line("Mediterranean cities and their mayors", 50, 112))  # fmt: skip
    assert read(words, [Rect(120, 97, 200, 113)]) == [
        "Before",
        "Inside",
        "after the box a line that reaches the edge of the Mediterranean cities and their mayors",
    ]


def test_a_boxs_text_is_read_apart_from_the_line_over_it():
    # the line over the box ends at 473: `Mediterranean` would not have fitted after it, but it
    # is the box's first line, not that line going on
    words = line("the members of the network met the heads of the regions of the cities of all the",
                 50, 100)  # fmt: skip
    words += line("Mediterranean cities", 60, 114) + line("and their mayors", 60, 128)
    assert read(words, [Rect(55, 111, 300, 142)]) == [
        "the members of the network met the heads of the regions of the cities of all the",
        "Mediterranean cities", "and their mayors"]  # fmt: skip


def test_a_short_key_box_opening_a_line_stays_in_it():
    # a shaded code cell a point lower than its line's text (not a row of a table of keys):
    # a key of one or two words stays on the line, before its value; a longer one is a box
    # of its own
    def keyed(key: str) -> list[str]:
        words = line(key, 55, 101) + line("Housing", 60 + 6 * len(key) + 10, 101)
        return read(words, [Rect(50, 102, 60 + 6 * len(key), 112)])

    assert keyed("1.1") == ["1.1 Housing"]
    assert keyed("Action 1") == ["Action 1 Housing"]
    assert keyed("Members of Board") == ["Members of Board", "Housing"]


def test_a_short_key_box_alone_on_its_line_is_read_apart_from_the_line_over_it():
    # the line over the box ends at 473: `Metropolitana` would not have fitted after it
    words = line("the members of the network met the heads of the regions of the cities of all the",
                 50, 100)  # fmt: skip
    words += line("Metropolitana Barcelona", 60, 114)
    assert read(words, [Rect(55, 111, 300, 127)]) == [
        "the members of the network met the heads of the regions of the cities of all the",
        "Metropolitana Barcelona"]  # fmt: skip


def test_a_heading_over_a_column_of_cards_ends_where_the_next_column_starts():
    # two columns of cards, each under a bold heading of two lines; `Bureau` (36 pt) would
    # have fitted after the left heading's first line (ending at 261) before the right column
    # at 310: a line of its own
    words = (line("Board of Directors and the Executive", 60, 100, bold=True)
             + line("Focal Points", 320, 100, bold=True)
             + line("Bureau", 60, 112, bold=True) + line("Team", 320, 112, bold=True)
             + line("PRESIDENCY", 60, 135) + line("Guo Yonghang", 60, 149)
             + line("SECRETARY", 320, 135) + line("Teresa Oliver", 320, 149))  # fmt: skip
    rects = [Rect(50, 130, 290, 163), Rect(310, 130, 550, 163)]
    assert read(words, rects) == [
        "**Board of Directors and the Executive**", "**Bureau**", "PRESIDENCY", "Guo Yonghang",
        "**Focal Points**", "**Team**", "SECRETARY", "Teresa Oliver"]  # fmt: skip


def test_cards_and_their_headings_are_not_cut_as_two_frames_of_text():
    # a row of two cards; under it, on the right, `Focal Points` over a card, and on the left
    # a card set 5 pt lower: the row first, then the left card, then the focal points
    words = (line("MEMBER", 60, 100) + line("Soham Wardini", 60, 114)
             + line("TREASURY", 320, 100) + line("Robert Mambe", 320, 114)
             + line("Focal Points", 320, 150, bold=True)
             + line("SECRETARY", 320, 170) + line("Teresa Oliver", 320, 184)
             + line("MEMBER", 60, 175) + line("Mpho Phalatse", 60, 189))  # fmt: skip
    rects = [Rect(50, 95, 290, 130), Rect(310, 95, 550, 130),
             Rect(310, 165, 550, 200), Rect(50, 170, 290, 205)]  # fmt: skip
    assert read(words, rects) == [
        "MEMBER", "Soham Wardini", "TREASURY", "Robert Mambe", "MEMBER", "Mpho Phalatse",
        "**Focal Points**", "SECRETARY", "Teresa Oliver"]  # fmt: skip


def test_where_text_flows_down_columns_each_ends_at_its_own_edge_or_a_gutter_short():
    # three columns of outlets under month headings (CSS columns, as in test_geometry); the
    # tightest gutter is 36 pt (the first column ends at 194, the second starts at 230).
    # The second column's prose runs to 371 in three lines: it ends at 373, and `compared`
    # (48 pt) does not fit after `mayors` (365). The last column ends at the page's edge
    # (545): `Eurocities` (60 pt) fits after `EGI` (478): a line of its own, an outlet
    cols = {
        50: [("January", 100, True), ("El Tiempo", 118, True), ("Metropolis Blog", 130, False),
             ("February", 148, True), ("The Development Partner", 166, True),
             ("Network on Decentralisation", 178, True), ("Emergency Initiative", 190, False)],
        230: [("March", 100, True), ("Cities Rights", 118, True), ("Metropolis Blog", 130, False),
              ("Perspective", 160, True), ("metropolitan areas of the", 172, False),
              ("network and their mayors", 184, False), ("compared their plans with", 196, False),
              ("the region of Marmara and", 208, False), ("Istanbul.", 220, False)],
        460: [("April", 100, True), ("Internacional", 118, True), ("EGI", 130, False),
              ("Eurocities", 142, False)],
    }  # fmt: skip
    words = [w for x, rows in cols.items() for t, top, bold in rows
             for w in line(t, x, top, bold=bold)]  # fmt: skip
    assert text_of(words) == [
        "**January**", "**El Tiempo**", "Metropolis Blog", "**February**",
        "**The Development Partner Network on Decentralisation**", "Emergency Initiative",
        "**March**", "**Cities Rights**", "Metropolis Blog", "**Perspective**",
        "metropolitan areas of the network and their mayors compared their plans with the "
        "region of Marmara and Istanbul.",
        "**April**", "**Internacional**", "EGI", "Eurocities"]  # fmt: skip


def test_shaded_keys_one_under_another_each_head_their_value():
    # two shaded key cells, the second wrapped over two lines, each beside a value of one line
    words = (line("Members", 56, 110, bold=True) + line("Montreal", 170, 110)
             + line("Metropolitan", 56, 140, bold=True) + line("challenges:", 56, 151, bold=True)
             + line("3.1 Gender mainstreaming", 170, 140))  # fmt: skip
    rects = [Rect(51, 106, 165, 135), Rect(51, 135, 165, 165)]
    assert read(words, rects) == [
        "**Members** Montreal",
        "**Metropolitan challenges:** 3.1 Gender mainstreaming",
    ]


def test_an_activitys_labels_box_ends_it_and_the_columns_under_it_come_after_its_labels():
    # under a heading across the page, an activity: its title with a one-line `Online` band
    # on the right, then its text beside its labels box; under them, two columns of text
    words = line("A HEADING SET ACROSS THE WHOLE WIDTH OF THE PAGE OF THE REPORT ON IT", 60, 70)
    words += line("FIRST ACTIVITY", 60, 100, bold=True) + line("Online", 410, 100)
    words += [w for i in range(3) for w in line(f"about the first one {i}", 60, 120 + 14 * i)]
    words += line("Members", 410, 120, bold=True) + line("Rabat, Tunis", 410, 134)
    words += line("left column text", 60, 180) + line("right column text", 410, 180)
    words += line("left column more", 60, 194) + line("right column more", 410, 194)
    rects = [Rect(400, 96, 545, 113), Rect(400, 116, 545, 160)]
    assert read(words, rects) == [
        "A HEADING SET ACROSS THE WHOLE WIDTH OF THE PAGE OF THE REPORT ON IT",
        "**FIRST ACTIVITY**",
        "about the first one 0 about the first one 1 about the first one 2",
        "Online", "**Members**", "Rabat, Tunis",
        "left column text", "left column more", "right column text", "right column more"]  # fmt: skip
