"""Dates with a written year, abbreviated months and text after the date (helpers.parse.dates).
Each expectation is read off the text: the year written wins over the period's."""

from datetime import date

import pytest

from helpers.parse.dates import match_date, parse_span


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("3 March 2021", date(2021, 3, 3), date(2021, 3, 3)),
        ("15–16 February 2021", date(2021, 2, 15), date(2021, 2, 16)),
        ("30 June 2021 - 2 July 2021", date(2021, 6, 30), date(2021, 7, 2)),
        ("30 June 2021 - 2 July", date(2021, 6, 30), date(2021, 7, 2)),
        ("28 December – 3 January 2023", date(2022, 12, 28), date(2023, 1, 3)),
        ("28 December 2020 – 3 January", date(2020, 12, 28), date(2021, 1, 3)),
        ("Feb. 3", date(2022, 2, 3), date(2022, 2, 3)),
        ("3 Feb.", date(2022, 2, 3), date(2022, 2, 3)),
    ],
)
def test_written_years_and_abbreviations(text, start, end):
    span = parse_span(text, 2022)
    assert (span.start, span.end) == (start, end)


def test_text_after_the_date_is_not_part_of_it():
    span = parse_span("17 February: online workshop", 2022)
    assert (span.text, span.start) == ("17 February", date(2022, 2, 17))
    assert parse_span("from Monday 3 March", 2022).text == "from Monday 3 March"


def test_whole_means_the_whole_text():
    assert match_date("3 March event") is None
    assert match_date("3 March event", whole=False).group(0) == "3 March"
    assert match_date("3 March, Paris", whole=False).group(0) == "3 March"
    assert match_date("3 March", whole=False).group(0) == "3 March"


def test_a_date_glued_to_a_word_is_no_date():
    assert match_date("3 Marchers", whole=False) is None
    with pytest.raises(ValueError, match="not a date: '3 Marchers'"):
        parse_span("3 Marchers", 2022)


def test_errors_say_what_was_read():
    with pytest.raises(ValueError, match="not a date: 'hello'"):
        parse_span("hello", 2022)
    with pytest.raises(ValueError, match=r"ends before it starts: '16–15 February'"):
        parse_span("16–15 February", 2022)
