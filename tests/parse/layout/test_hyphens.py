"""A word broken at a line end made whole by the report's own words, or an English word
(helpers.parse.layout.hyphens), on lines placed by hand."""

from __future__ import annotations

import pytest

from helpers.parse.layout.glyphs import Word
from helpers.parse.layout.hyphens import _mended, _token, is_english, mend, vocabulary
from helpers.parse.layout.order import Block
from helpers.parse.layout.spans import Span


def span(text: str, top: float = 100, x0: float = 50, bold: bool = False) -> Span:
    words, x = [], x0
    for t in text.split():
        words.append(Word(t, x, top, x + 6 * len(t), top + 10, 10, bold))
        x += 6 * len(t) + 3
    return Span(tuple(words))


def texts(spans) -> list[str]:
    return [s.text for s in spans]


@pytest.mark.parametrize(
    ("text", "token"),
    [("GENERAL’S,", "general"), ("city-to-", "city-to"), ("(UCLG-MEWA)", "uclg-mewa"),
     ("...", ""), ("2022,", "2022")],
)  # fmt: skip
def test_a_words_token(text, token):
    assert _token(text) == token


def test_english_words_are_alphabetic_and_longer_than_a_letter():
    assert is_english("term") and is_english("metropolitan")
    assert not is_english("a") and not is_english("long-term") and not is_english("zorblat")


def test_the_reports_words_leave_out_the_pieces_of_broken_ones():
    words = [Word(t, 0, 0, 1, 1, 10) for t in ("METROPOLI-", "TAN", "Metropolitan,", "GENERAL’S")]
    assert vocabulary(words) == {"metropolitan", "general"}


@pytest.mark.parametrize(
    ("head", "tail", "vocab", "whole", "rest"),
    [
        ("José Luis Martínez-", "Almeida spoke", set(), "José Luis Martínez-Almeida", "spoke"),
        ("the UCLG-", "MEWA retreat", {"uclg-mewa"}, "the UCLG-MEWA", "retreat"),
        ("the UCLG-", "MEWA retreat", set(), "the UCLGMEWA", "retreat"),  # two syllables
        ("the METROPOLI-", "TAN areas", set(), "the METROPOLITAN", "areas"),  # an English word
        ("the KOCAE-", "LI retreat", {"kocaeli"}, "the KOCAELI", "retreat"),  # the report's word
        ("a long-", "term plan", set(), "a long-term", "plan"),  # two words
        ("a city-to-", "city plan", set(), "a city-to-city", "plan"),
        ("a city-", "to-city plan", set(), "a city-to-city", "plan"),  # `city` and `to`
        ("a ZORBLAT-", "QUIMP", set(), "a ZORBLATQUIMP", None),  # nothing left of the tail
        ("the e-", "mail box", {"e-mail"}, "the e-mail", "box"),
        ("the UCLG-", "A1 group", {"uclg-a1"}, "the UCLG-A1", "group"),
        ("Ana McDonald-", "Smith spoke", set(), "Ana McDonald-Smith", "spoke"),
        ("the PhDs-", "Zorblat", set(), "the PhDs-Zorblat", None),
        ("an out-of-the-", "box idea", set(), "an out-of-the-box", "idea"),
        ("the challen", "ges: 2.3", set(), "the challenges:", "2.3"),  # broken with no hyphen
        ("the zorb", "quix plan", {"zorbquix"}, "the zorbquix", "plan"),
    ],
)
def test_a_broken_word_made_whole(head, tail, vocab, whole, rest):
    h, t = span(head), span(tail, 112)
    made, left = _mended(h, t, vocab)
    assert made.text == whole and (left.text if left else None) == rest
    last = made.words[-1]
    assert (last.x0, last.top, last.bottom, last.size) == (h.words[-1].x0, 100, 110, 10)
    hyphen = h.words[-1].text.endswith("-")
    assert last.x1 == (h.words[-1].x1 if hyphen else t.words[0].x1)


def test_a_broken_word_keeps_its_weight():
    made, _ = _mended(span("the METROPOLI-", bold=True), span("TAN areas", 112, bold=True), set())
    assert made.words[-1].bold


@pytest.mark.parametrize(
    ("head", "tail", "vocab"),
    [
        ("in Seoul-", "xqzt", set()),  # one piece a word, the other not: left alone
        ("the -", "MEWA", set()),  # a dash alone
        ("the L2-", "2023", set()),
        ("the CHALLEN", "ges", set()),  # another case: no word broken in its cell
        ("a long", "term", set()),  # two words
        ("the zorb", "quix", set()),  # unknown whole
        ("2022,", "Rabat", set()),
        ("the (challen", "ges) of", set()),  # a bracket: no word broken in its cell
    ],
)
def test_lines_left_as_they_are(head, tail, vocab):
    assert _mended(span(head), span(tail, 112), vocab) is None


def test_mending_runs_through_text_blocks_and_inside_table_cells_only():
    first = Block(
        "text", [span("the METROPOLI-"), span("TAN areas of the", 112), span("UCLG-", 124)]
    )
    second = Block("text", [span("MEWA", 150)])  # a column or block break: still mended
    table = Block("table", rows=[[[span("Martínez-", 200), span("Almeida", 212)],
                                  [span("UCLG-", 200, 300), span("MEWA", 212, 300)]],
                                 [[span("METROPOLI-", 230)], []], [[span("TAN", 260)], []]])  # fmt: skip
    after = Block("text", [span("TAN", 290)])  # after a table: nothing to mend
    last = Block("text", [span("a ZORBLAT-", 320), span("QUIMP", 332), span("more text", 344)])
    mend([first, second, table, after, last], {"uclg-mewa"})
    assert texts(first.spans) == ["the METROPOLITAN", "areas of the", "UCLG-MEWA"]
    assert second.spans == []
    assert [[texts(c) for c in row] for row in table.rows] == [
        [["Martínez-Almeida"], ["UCLG-MEWA"]], [["METROPOLI-"], []], [["TAN"], []]]  # fmt: skip
    assert texts(after.spans) == ["TAN"]
    assert texts(last.spans) == ["a ZORBLATQUIMP", "more text"]
