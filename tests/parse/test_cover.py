"""The period a report's cover states, read from a few lines written here."""

from __future__ import annotations

import pytest

from helpers.parse.cover import stated_period
from helpers.parse.text import read_lines


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("January —————> April 2022", "2022-T1"),
        ("May – August 2022", "2022-T2"),
        ("SEPTEMBER TO DECEMBER 2023", "2023-T3"),
        ("May-August 2021", "2021-T2"),
        ("**September → December 1999**", "1999-T3"),
    ],
)
def test_a_cover_line_naming_a_term(text, period):
    found = stated_period(read_lines(f"\nMETROPOLIS\n{text}\n"))
    assert found is not None
    assert (found.period, found.line, found.text) == (period, 3, text.strip("*"))


@pytest.mark.parametrize(
    "text",
    ["January – March 2022", "May – August", "May 2022", "Progress report May – August 2022",
     "March – June 2022"],
)  # fmt: skip
def test_no_term_is_stated(text):
    assert stated_period(read_lines(text)) is None


def test_the_first_line_naming_a_term_wins_past_one_naming_none():
    found = stated_period(
        read_lines("January – March 2022\nMay – August 2022\nJanuary – April 2022")
    )
    assert (found.period, found.line) == ("2022-T2", 2)


def test_only_the_first_sixty_lines_are_the_cover():
    assert stated_period(read_lines("x\n" * 59 + "May – August 2022")).line == 60
    assert stated_period(read_lines("x\n" * 60 + "May – August 2022")) is None


def test_a_running_header_written_by_the_layout_reader_states_it_too():
    found = stated_period(read_lines("<!-- page 2 header: May – August 2022 -->"))
    assert (found.period, found.text) == ("2022-T2", "May – August 2022")
