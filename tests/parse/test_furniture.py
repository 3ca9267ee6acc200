"""Page furniture: page numbers and running headers, found by their shape across the text."""

from helpers.parse.furniture import find_furniture, furniture_mark, unmarked
from helpers.parse.sections import is_top_heading
from helpers.parse.text import read_lines


def _found(text: str):
    lines = read_lines(text)
    return [(f.line, f.kind) for f in find_furniture(lines, is_heading=is_top_heading)]


def test_running_footer_with_rising_page_numbers_anywhere():
    text = (
        "15–16 February\nMetropolis Progress Report · 7\nUCLG-MEWA RETREAT\ntext\n"
        "- Seoul\nMetropolis Progress Report · 8\n- Tehran\n"
    )
    assert _found(text) == [(2, "running_header"), (6, "running_header")]


def test_footer_repeating_its_number_and_header_plus_footer_on_one_page():
    text = "a\nMetropolis Progress Report · 4 4\nb\nMetropolis Progress Report · 4\nMetropolis Progress Report · 5"
    assert [no for no, _ in _found(text)] == [2, 4, 5]


def test_bare_page_numbers_rising_through_the_text():
    text = "a\n3\nb\n4\nc\n465\nYouTube\n6\n"
    assert _found(text) == [(2, "page_number"), (4, "page_number"), (8, "page_number")]


def test_a_single_page_number_right_above_a_heading():
    assert _found("end of a list\n26\nWHO WE ARE\nAFRICA") == [(2, "page_number")]
    assert _found("24.6K\nTwitter\n465\nYouTube") == []  # follower counts stay


def test_dates_and_codes_are_never_furniture():
    text = (
        "17 March\nTITLE ONE\n21 March\nTITLE TWO\n2.1 Social resilience\n2.2 Economic resilience"
    )
    assert _found(text) == []


def test_the_layout_readers_furniture_line_keeps_its_text_and_cannot_close_early():
    line = furniture_mark(3, "footer", "Report --> 7")
    assert line == "<!-- page 3 footer: Report −-> 7 -->"
    assert unmarked(line) == "Report −-> 7"
