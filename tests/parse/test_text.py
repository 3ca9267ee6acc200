"""Normalising text and reading list items: each rule on a tiny input read by hand."""

import pytest

from helpers.parse.text import (
    clean,
    ends_open,
    fold,
    heading_key,
    is_page_number,
    is_upper,
    join_wrapped,
    letterless_items,
    normalise_text,
    read_lines,
    split_inline_bullets,
    split_items,
    split_outside_parens,
)


def _lines(text: str):
    return read_lines(text)


def test_separators_page_breaks_and_crlf_become_lines():
    text = "A\r\nB\u2028C\u2029D\fE\rF"
    assert normalise_text(text).split("\n") == ["A", "B", "C", "", "D", "E", "F"]


def test_unicode_variants_are_one_form():
    decomposed = (
        "Bogota\u0301 ASIA\u2010PACIFIC UCLG\u2011MEWA \ufb01nal in\ufb02uence sustai\u00adnable"
    )
    assert normalise_text(decomposed) == "Bogotá ASIA-PACIFIC UCLG-MEWA final influence sustainable"


def test_hyphenated_line_ends_are_joined():
    assert join_wrapped(["the prepa-", "ration of"]) == "the preparation of"
    assert join_wrapped(["UCLG-", "MEWA retreat"]) == "UCLG-MEWA retreat"
    assert join_wrapped(["Metropolitan", "Area"]) == "Metropolitan Area"


def test_comma_list_wrapped_between_plain_words_is_left_to_the_roster():
    lines = _lines("Madrid, Fuzhou, Grand\nParis, Guangzhou")
    assert split_items(lines) == [("Madrid", 1), ("Fuzhou", 1), ("Grand", 1), ("Paris", 2),
                                  ("Guangzhou", 2)]  # fmt: skip


def test_name_left_open_at_a_line_end():
    lines = _lines("UCLG, UCLG CCRE /\nCEMR")
    assert [n for n, _ in split_items(lines)] == ["UCLG", "UCLG CCRE / CEMR"]
    lines = _lines("- Barcelona (metropolitan\narea)\n- Berlin")
    assert [n for n, _ in split_items(lines)] == ["Barcelona (metropolitan area)", "Berlin"]


def test_bullets_with_commas_are_separate_items():
    lines = _lines("- Kaohsiung, JOHANNESBURG\n- Ciudad de México, Busan")
    assert [n for n, _ in split_items(lines)] == [
        "Kaohsiung", "JOHANNESBURG", "Ciudad de México", "Busan"]  # fmt: skip


def test_columns_and_pipe_cells():
    lines = _lines("Abidjan      Busan        Grand Paris\n| Rabat | Toronto |\n|---|---|")
    assert [n for n, _ in split_items(lines)] == [
        "Abidjan",
        "Busan",
        "Grand Paris",
        "Rabat",
        "Toronto",
    ]


def test_items_keep_their_source_line():
    lines = _lines("Seoul,\n\nTehran")
    assert split_items(lines) == [("Seoul", 1), ("Tehran", 3)]


def test_items_bulleted_on_one_line_are_each_an_item_the_first_too():
    # `• Belo Horizonte • Bogotá`: an HTML import set a list as one paragraph
    lines = split_inline_bullets(read_lines("• Belo Horizonte • Bogotá • Buenos Aires"))
    assert [(ln.item, ln.is_bullet) for ln in lines] == [
        ("Belo Horizonte", True), ("Bogotá", True), ("Buenos Aires", True)]  # fmt: skip
    lines = split_inline_bullets(read_lines("AFRICA • Abidjan • Accra"))
    assert [(ln.item, ln.is_bullet) for ln in lines] == [
        ("AFRICA", False), ("Abidjan", True), ("Accra", True)]  # fmt: skip


# --------------------------------------------------------------------------------------------
# Each rule at its edges, on inputs of a line or two: what a reader sees in the input is what
# the rule must give (docs/mutation.md).


def test_markup_links_breaks_escapes_and_heading_marks_are_removed():
    assert clean("[Seoul](https://seoul.go.kr)<br>Tehran") == "Seoul Tehran"
    assert clean("**Members**") == "Members"
    assert clean("## Seoul") == "Seoul"
    assert clean("**## ACTION LINE 2**") == "ACTION LINE 2"  # the mark inside bold
    assert clean(r"Seoul \- Tehran") == "Seoul - Tehran"


def test_read_lines_keeps_a_lines_indent_and_drops_its_trailing_spaces():
    assert read_lines("  - Seoul  ")[0].raw == "  - Seoul"


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Xi’an", "xi'an"),
        ("L‘Hospitalet", "l'hospitalet"),
        ("Seoul/Tehran", "seoul tehran"),
        ("Trade & Industry", "trade and industry"),
        ("Aix-en-Provence", "aix en provence"),
    ],
)
def test_fold(name, folded):
    assert fold(name) == folded


def test_heading_key():
    assert heading_key("Latin America & the Caribbean") == "LATIN AMERICA AND THE CARIBBEAN"
    assert heading_key("**Who-we  are:**") == "WHO WE ARE"
    assert heading_key("MAIN RESULTS.") == "MAIN RESULTS"


def test_page_numbers_and_upper_case():
    assert is_page_number("7") and is_page_number(" 123 ")
    assert not is_page_number("1234") and not is_page_number("²") and not is_page_number("L2")
    assert is_upper("ASIA-PACIFIC 2022") and not is_upper("2022") and not is_upper("Seoul")


@pytest.mark.parametrize(
    "text",
    ["Seoul,", "Seoul, ", "UCLG CCRE /", "Trade &", "Asia-", "Barcelona (", "Ciudad –",
     "Barcelona (metropolitan", "Mayor of", "City of the", "Ciudad DE",
     "area), Barcelona ("],  # its first bracket closes one opened on the line above
)  # fmt: skip
def test_a_line_left_open(text):
    assert ends_open(text)


@pytest.mark.parametrize("text", ["Seoul", "Barcelona (city)", "Bathe", "Tehran."])
def test_a_line_that_may_end(text):
    assert not ends_open(text)


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["-", "Seoul"], "- Seoul"),  # a lone dash is no broken word
        (["e-", "mail"], "email"),
        (["UN-", "Habitat"], "UN-Habitat"),  # capitals on a side: the hyphen stays
        (["Seine-Saint-", "Denis"], "Seine-Saint-Denis"),
        (["Category-", "A"], "Category-A"),
        (["Co-", "operation"], "Cooperation"),
        (["a trip vi-", "a Rome"], "a trip via Rome"),
        (["Seoul", "", "Tehran"], "Seoul Tehran"),  # an empty piece is skipped, not the end
    ],
)
def test_join_wrapped_cases(parts, joined):
    assert join_wrapped(parts) == joined


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Barcelona (city, metro), Seoul", ["Barcelona (city, metro)", " Seoul"]),
        ("A ((b, c), d), E", ["A ((b, c), d)", " E"]),
        ("(a), b", ["(a)", " b"]),
        ("Seoul [KR], Tehran; Rabat", ["Seoul [KR]", " Tehran", " Rabat"]),
        ("Xi'an, Seoul", ["Xi'an", " Seoul"]),
        ("Barcelona (Xarxa, AMB), Seoul", ["Barcelona (Xarxa, AMB)", " Seoul"]),
        ("a), b, c", ["a)", " b", " c"]),  # a closing bracket alone does not go below zero
    ],
)
def test_split_outside_parens(text, parts):
    assert split_outside_parens(text) == parts


def test_inline_bullets_after_a_glued_or_doubled_bullet_and_xian_first():
    lines = split_inline_bullets(read_lines("x\n•AFRICA • Abidjan • Accra"))
    assert [(ln.no, ln.raw, ln.text) for ln in lines] == [
        (1, "x", "x"), (2, "AFRICA", "AFRICA"), (2, "• Abidjan", "• Abidjan"),
        (2, "• Accra", "• Accra")]  # fmt: skip
    lines = split_inline_bullets(read_lines("• • Abidjan • Accra"))
    assert [ln.raw for ln in lines] == ["• Abidjan", "• Accra"]
    lines = split_inline_bullets(read_lines("Xi'an • Seoul • Tehran"))
    assert [(ln.raw, ln.text) for ln in lines] == [
        ("Xi'an", "Xi'an"), ("• Seoul", "• Seoul"), ("• Tehran", "• Tehran")]  # fmt: skip


def test_items_cleaned_of_stray_marks_and_pieces_without_letters():
    assert split_items(read_lines("| - Rabat | 1. Tunis |")) == [("Rabat", 1), ("Tunis", 1)]
    assert split_items(read_lines("Xi'an, Tehran.")) == [("Xi'an", 1), ("Tehran", 1)]
    assert split_items(read_lines("Seoul, 2022, —")) == [("Seoul", 1)]


def test_pipe_cells_keep_their_spaces_and_inline_bullets_split():
    assert split_items(read_lines("| Grand Paris | Rabat |")) == [("Grand Paris", 1), ("Rabat", 1)]
    assert split_items(read_lines("Abidjan • Accra • Addis Ababa")) == [
        ("Abidjan", 1), ("Accra", 1), ("Addis Ababa", 1)]  # fmt: skip
    assert split_items(read_lines("- Abidjan      Busan\n- Cairo")) == [
        ("Abidjan", 1), ("Busan", 1), ("Cairo", 2)]  # fmt: skip


def test_a_page_number_inside_a_wrapped_name_is_skipped():
    lines = read_lines("Seoul, Barcelona (metropolitan\n12\narea), Tehran")
    assert split_items(lines) == [
        ("Seoul", 1), ("Barcelona (metropolitan area)", 1), ("Tehran", 3)]  # fmt: skip


def test_a_bullet_is_a_new_item_even_after_a_line_left_open():
    assert split_items(read_lines("- UCLG CCRE /\n- CEMR")) == [("UCLG CCRE /", 1), ("CEMR", 2)]


def test_a_line_starting_in_lower_case_or_a_bracket_goes_on():
    assert split_items(read_lines("Johannesburg, Durban\neThekwini, Tshwane")) == [
        ("Johannesburg", 1), ("Durban eThekwini", 1), ("Tshwane", 2)]  # fmt: skip
    assert split_items(read_lines("Rabat, Barcelona\n(ciudad)")) == [
        ("Rabat", 1), ("Barcelona (ciudad)", 1)]  # fmt: skip


def test_a_name_left_open_before_a_table_rule_is_kept():
    lines = read_lines("| Seoul | Barcelona (metropolitan\n|---|---|")
    assert split_items(lines) == [("Seoul", 1), ("Barcelona (metropolitan", 1)]


def test_a_pipe_table_among_space_aligned_lines_is_read_line_by_line():
    lines = read_lines("Abidjan      Busan\nCairo      Rabat\n| Tunis | Lagos |")
    assert split_items(lines) == [
        ("Abidjan", 1), ("Busan", 1), ("Cairo", 2), ("Rabat", 2), ("Tunis", 3), ("Lagos", 3)]  # fmt: skip


def test_letterless_pieces_are_listed_with_their_line_page_numbers_and_rules_aside():
    lines = read_lines("Seoul, —, Tehran\n\n12\n| 2022 | Rabat |\n|---|---|")
    assert letterless_items(lines) == [("—", 1), ("2022", 4)]


# a grid as `pdftotext -layout` gives it: columns at 0, 13 and 42
GRID = (
    "Abidjan      Barcelona (metropolitan      Cairo\n"
    "             area)\n"
    "Dakar        Lagos                        Rabat"
)


def test_a_grid_is_read_row_by_row_and_a_name_wrapped_in_its_cell_joined():
    assert split_items(read_lines(GRID)) == [
        ("Abidjan", 1), ("Barcelona (metropolitan area)", 1), ("Cairo", 1),
        ("Dakar", 3), ("Lagos", 3), ("Rabat", 3)]  # fmt: skip


@pytest.mark.parametrize(
    ("indent", "joined"),
    [(11, True), (10, False), (36, True), (37, False)],  # the cell above spans 13..36
)
def test_a_grid_continuation_lies_under_its_cell_from_two_columns_left_to_its_end(indent, joined):
    text = GRID.replace("             area)", " " * indent + "area)")
    names = [n for n, _ in split_items(read_lines(text))]
    assert ("Barcelona (metropolitan area)" in names) is joined
    assert ("area)" in names) is not joined


@pytest.mark.parametrize(
    ("below", "items"),
    [
        ("(ciudad)", [("Barcelona (ciudad)", 1)]),
        ("eThekwini", [("Barcelona eThekwini", 1)]),  # lower case: the name goes on
        ("municipality", [("Barcelona municipality", 1)]),
        ("Paris", [("Barcelona", 1), ("Paris", 2)]),  # two names (or one the roster joins)
        ("Xi'an", [("Barcelona", 1), ("Xi'an", 2)]),
    ],
)
def test_a_two_column_grid_continuation(below, items):
    text = f"Abidjan      Barcelona\n             {below}\nDakar        Lagos"
    assert split_items(read_lines(text)) == [
        ("Abidjan", 1), *items, ("Dakar", 3), ("Lagos", 3)]  # fmt: skip
