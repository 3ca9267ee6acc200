"""Page furniture: page numbers and running headers, found by their shape across the text."""

import pytest

from helpers.parse.furniture import _increasing, _template, find_furniture, furniture_mark, unmarked
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


def test_a_footer_without_its_number_beside_the_page_numbers_is_furniture():
    # pdftotext: the footer, a blank line, the page number on its own line; once the footer
    # sits elsewhere on its page (18). `MEMBER` is beside a number once only: no footer.
    foot = "Metropolis · Progress report"
    text = "\n".join([
        "Intro", "", foot, "", "2", "",  # 1-6
        "Seoul", "MEMBER", "", "3", "", "Text", foot, "", "4",  # 7-15
        "Abidjan", "MEMBER", foot, "", "Names", "5",  # 16-21
        "Quito", foot, "", "6", "", "Lima", "MEMBER",  # 22-28
    ])  # fmt: skip
    assert _found(text) == [(3, "running_header"), (5, "page_number"), (10, "page_number"),
                            (13, "running_header"), (15, "page_number"), (18, "running_header"),
                            (21, "page_number"), (23, "running_header"), (25, "page_number")]  # fmt: skip
    # beside one page number only: a line that happens to end a page
    rare = text.replace(f"Quito\n{foot}", "Quito\nOther").replace(f"Text\n{foot}", "Text\nOther")
    assert all(kind == "page_number" for _, kind in _found(rare))


def test_dates_and_codes_are_never_furniture():
    text = (
        "17 March\nTITLE ONE\n21 March\nTITLE TWO\n2.1 Social resilience\n2.2 Economic resilience"
    )
    assert _found(text) == []


def test_the_layout_readers_furniture_line_keeps_its_text_and_cannot_close_early():
    line = furniture_mark(3, "footer", "Report --> 7")
    assert line == "<!-- page 3 footer: Report −-> 7 -->"
    assert unmarked(line) == "Report −-> 7"


# --------------------------------------------------------------------------------------------
# Each rule at its edges, on a line or two written here (docs/mutation.md).


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("Metropolis Progress Report · 7", ("metropolis progress report · #", 7)),
        ("Metropolis Progress Report – 12", ("metropolis progress report – #", 12)),
        ("7 | Metropolis Report", ("# | metropolis report", 7)),
        ("Page 12", ("page #", 12)),
        ("Progress 3", ("progress #", 3)),
        ("REPORT 4", ("report #", 4)),
        ("Metropolis Progress 7", ("metropolis progress #", 7)),  # next to "progress"
        ("Report 7 7", ("report #", 7)),  # a page number printed twice
        ("7 | Metropolis", None),  # one word and no page word
        ("Metropolis Brochure · 7", ("metropolis brochure · #", 7)),  # two words, set off
        ("Page 3 4", None),  # two numbers side by side, not one printed twice
        ("Metropolis · 7", None),
        ("ACTION LINE 2", None),
        ("15 March", None),
        ("Report 7 of 30", None),
        ("Report 7 Metropolis", None),  # the number in the middle
        ("Report 1234", None),
        ("Report 1,250", None),
        ("Pg 7", None),
        ("Metropolis Progress Report " + "x" * 50 + " · 7", None),  # 81 characters
        (
            "Metropolis Progress Report " + "x" * 49 + " · 7",
            ("metropolis progress report " + "x" * 49 + " · #", 7),
        ),  # 80
    ],
)
def test_a_running_headers_shape(text, template):
    assert _template(text) == template


@pytest.mark.parametrize(
    ("values", "min_step", "chain"),
    [
        ([(0, 3), (1, 4), (2, 9), (3, 6)], 1, {0, 1, 3}),
        ([(0, 1), (1, 4)], 1, {0, 1}),  # three pages on: a page or two without a number
        ([(0, 1), (1, 5)], 1, set()),
        ([(0, 4), (1, 4), (2, 5)], 0, {0, 1, 2}),  # header and footer on one page
        ([(0, 4), (1, 4), (2, 5)], 1, {0, 2}),
        ([(0, 10), (1, 11), (2, 1), (3, 2)], 1, {0, 1}),  # two chains alike: the first
        ([(5, 7)], 1, set()),
        ([], 1, set()),
    ],
)
def test_the_longest_chain_of_rising_page_numbers(values, min_step, chain):
    assert _increasing(values, min_step) == chain


def test_furniture_records_its_line_kind_text_and_place():
    lines = read_lines(
        "January – April 2022\n"  # 1: the cover's period
        "<!-- page 2 header: Metropolis -->\n"  # 2: marked by the layout reader
        "text\n"  # 3
        "January – April 2022\n"  # 4: the period again, a running header
        "Metropolis Progress Report · 7\n"  # 5
        "5\n"  # 6: a number alone, no chain, no heading under it
        "Metropolis Progress Report · 8\n"  # 7
        "\n"  # 8
        "12\n"  # 9: right above a heading, after a blank line
        "\n"  # 10
        "WHO WE ARE"  # 11
    )
    found = find_furniture(lines, is_heading=is_top_heading,
                           states_period=lambda ln: ln.text == "January – April 2022")  # fmt: skip
    assert [(f.line, f.kind, f.text, f.index) for f in found] == [
        (2, "running_header", "<!-- page 2 header: Metropolis -->", 1),
        (4, "running_header", "January – April 2022", 3),
        (5, "running_header", "Metropolis Progress Report · 7", 4),
        (7, "running_header", "Metropolis Progress Report · 8", 6),
        (9, "page_number", "12", 8),
    ]  # fmt: skip
    assert find_furniture(read_lines("Metropolis Progress Report · 7\nx")) == []  # once only


def test_a_footer_written_after_its_page_number_of_80_characters_is_furniture():
    # the page number first (from the very first line), then the footer: 80 characters long
    foot = "Metropolis progress report, January to April 2022 · World Association of Cities"
    foot += "." * (80 - len(foot))
    lines = ["2", "", foot, "Seoul", "Text", "", "3", foot, "Abidjan", "MEMBER", "", "4", "",
             foot, "Quito"]  # fmt: skip
    found = [(1, "page_number"), (3, "running_header"), (7, "page_number"),
             (8, "running_header"), (12, "page_number"), (14, "running_header")]  # fmt: skip
    assert _found("\n".join(lines)) == found
    longer = "\n".join(lines).replace(foot, foot + ".")  # 81 characters: prose, not a footer
    assert _found(longer) == [(1, "page_number"), (7, "page_number"), (12, "page_number")]
