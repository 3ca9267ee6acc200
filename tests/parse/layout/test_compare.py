"""Two readings of one PDF compared (helpers.parse.layout.compare): the words of the text
layer that the layout reading lost."""

from __future__ import annotations

from collections import Counter

from helpers.parse.layout.compare import _letters, characters, lost_words


def test_letters_and_digits_case_folded_accents_apart_markup_and_furniture_aside():
    assert _letters("**Kocaeli**, Ş\u0327 25.1K") == "kocaelis251k"
    assert _letters("<!-- page 2 header: Metropolis 7 -->") == "metropolis7"
    assert characters("Aa b") == Counter({"a": 2, "b": 1})


def test_nothing_lost_when_every_letter_is_placed():
    assert lost_words("**Seoul** Tehran", "Seoul\nTehran") == []
    assert lost_words("25.1KTwitter", "25.1K Twitter") == []  # glued words lose no letter


def test_words_the_layout_reading_lost_in_the_plain_readings_order():
    assert lost_words("25.1K Twitter", "Facebook 25.1K Twitter 8K") == ["Facebook", "8K"]
    # every word sits somewhere in the layout reading, but a second Seoul is missing
    assert lost_words("Seoul Tak", "Seoul Tak Seoul") == ["Seoul", "Seoul"]
    # ... and so does a word holding one of its letters
    assert lost_words("Seoul Tehran", "Seoul Tehran Seoul") == ["Seoul", "Tehran", "Seoul"]
