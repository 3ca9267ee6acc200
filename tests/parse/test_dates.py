from datetime import date

import pytest

from helpers.parse.dates import match_date, parse_span


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("15–16 February", date(2022, 2, 15), date(2022, 2, 16)),
        ("17 February", date(2022, 2, 17), date(2022, 2, 17)),
        ("1-25 April", date(2022, 4, 1), date(2022, 4, 25)),
        ("3 March–11 May", date(2022, 3, 3), date(2022, 5, 11)),
        ("19 – 21 July", date(2022, 7, 19), date(2022, 7, 21)),
        ("30 June - 2 July", date(2022, 6, 30), date(2022, 7, 2)),
        ("October 4", date(2022, 10, 4), date(2022, 10, 4)),
        ("October 4–6", date(2022, 10, 4), date(2022, 10, 6)),
        ("October 28 – November 2", date(2022, 10, 28), date(2022, 11, 2)),
        ("21st to 25th February 2022", date(2022, 2, 21), date(2022, 2, 25)),
        ("Sept 3", date(2022, 9, 3), date(2022, 9, 3)),
        ("28 December–3 January", date(2022, 12, 28), date(2023, 1, 3)),
    ],
)
def test_date_forms(text, start, end):
    span = parse_span(text, 2022)
    assert (span.start, span.end) == (start, end)


def test_year_comes_from_the_period():
    assert parse_span("18 September", 2024).start == date(2024, 9, 18)


@pytest.mark.parametrize("text", ["January", "2022", "The 3 March event", "Members", "L1A2D4"])
def test_not_dates(text):
    assert match_date(text) is None


def test_impossible_day_is_an_error():
    with pytest.raises(ValueError):
        parse_span("31 February", 2022)


def test_a_wrap_into_january_is_read_only_when_under_six_months():
    """docs/assumptions.md: a range rolls into the next year only when the wrapped span is
    under six months. August to January is five: read; July to January would be six: refused."""
    span = parse_span("10 August – 2 January", 2022)
    assert (span.start, span.end) == (date(2022, 8, 10), date(2023, 1, 2))
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_span("10 July – 2 January", 2022)
