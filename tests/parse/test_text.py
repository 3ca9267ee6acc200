"""Normalising text and reading list items: each rule on a tiny input read by hand."""

from helpers.parse.text import (
    join_wrapped,
    normalise_text,
    read_lines,
    split_inline_bullets,
    split_items,
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
