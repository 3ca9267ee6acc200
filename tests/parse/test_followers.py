"""Follower figures as reports print them: `1.2M`, `24,6K` (decimal comma), `24.6K`, `8K`,
`1,250`, `1 250`, each read as the number of followers, alone and in a whole report."""

from __future__ import annotations

import pytest

from helpers.ingest import parse_report
from helpers.parse.listings import parse_count


@pytest.mark.parametrize(
    "printed, value",
    [
        ("1.2M", 1_200_000),
        ("1,2M", 1_200_000),
        ("24,6K", 24_600),  # decimal comma
        ("24.6K", 24_600),
        ("24.6 K", 24_600),
        ("8K", 8_000),
        ("8k", 8_000),
        ("1,250", 1_250),  # thousands comma
        ("1.250", 1_250),  # thousands dot
        ("1 250", 1_250),  # thousands space
        ("1\u00a0250", 1_250),  # no-break space
        ("12,345,678", 12_345_678),
        ("465", 465),
        ("Twitter 24.6K", 24_600),
    ],
)
def test_parse_count(printed, value):
    assert parse_count(printed) == value


def test_no_figure_is_none():
    assert parse_count("Twitter") is None


AS_PRINTED = "\n24.6K\n Twitter\n\n\n7.3K\n Facebook\n\n\n5.7K\n LinkedIn\n\n\n465\n YouTube\n"


def followers(t) -> dict[str, tuple[int, str]]:
    f = t["social_followers"]
    return {
        p: (int(n), s)
        for p, n, s in zip(f["platform"], f["followers"], f["followers_text"], strict=True)
    }


def test_the_2022t1_follower_section(t1):
    # the report's lines 672-686: 24.6K Twitter, 7.3K Facebook, 5.7K LinkedIn, 465 YouTube
    assert followers(t1) == {
        "Twitter": (24_600, "24.6K"),
        "Facebook": (7_300, "7.3K"),
        "LinkedIn": (5_700, "5.7K"),
        "YouTube": (465, "465"),
    }


@pytest.mark.parametrize(
    "section, expected",
    [
        (
            "\n1.2M\n Twitter\n\n\n24,6K\n Facebook\n\n\n8K\n LinkedIn\n\n\n1,250\n YouTube\n",
            {"Twitter": (1_200_000, "1.2M"), "Facebook": (24_600, "24,6K"),
             "LinkedIn": (8_000, "8K"), "YouTube": (1_250, "1,250")},
        ),
        (
            "\nTwitter 1 250\nFacebook: 24,6K\nLinkedIn – 8K\nYouTube 465\n",
            {"Twitter": (1_250, "1 250"), "Facebook": (24_600, "24,6K"),
             "LinkedIn": (8_000, "8K"), "YouTube": (465, "465")},
        ),
        (
            "\nFacebook – 8.9K LinkedIn – 7.6K\nTwitter – 1.2M\n",
            {"Facebook": (8_900, "8.9K"), "LinkedIn": (7_600, "7.6K"),
             "Twitter": (1_200_000, "1.2M")},
        ),
    ],
)  # fmt: skip
def test_follower_formats_in_a_whole_report(text_2022t1, section, expected):
    assert text_2022t1.count(AS_PRINTED) == 1
    t = parse_report(text_2022t1.replace(AS_PRINTED, section), "2022-T1")
    assert followers(t) == expected


@pytest.mark.parametrize(
    "text",
    [
        "24.6K\n7.3K\nTwitter\nFacebook",  # figures over names, one a line
        "24.6K 7.3K\n\nTwitter Facebook",  # a row of figures over a row of names
        "24.6K Twitter 7.3K Facebook",  # each figure before its name, on one line
        "Twitter\n24.6K\nFacebook\n7.3K",  # each name over its figure
    ],
)
def test_figures_set_apart_from_their_platforms_are_paired_in_order(text):
    from helpers.parse.listings import read_followers
    from helpers.parse.text import read_lines

    got = read_followers(read_lines(text))
    assert [(p, n) for p, n, _, _ in got.pairs] == [("Twitter", 24600), ("Facebook", 7300)]
    assert got.unpaired == []


def test_a_figure_left_without_its_platform_is_unpaired():
    from helpers.parse.listings import read_followers
    from helpers.parse.text import read_lines

    got = read_followers(read_lines("24.6K\n7.3K\nTwitter"))
    assert [p for p, *_ in got.pairs] == ["Twitter"] and [f for f, _ in got.unpaired] == ["7.3K"]


def test_a_figure_set_alone_among_the_mentions_is_unpaired_not_dropped():
    # Typst: two of five figure cards read after the notable mentions, each over its name
    from helpers.parse.listings import read_followers
    from helpers.parse.text import read_lines

    lines = read_lines(
        "Followers on social media\n\n25.1K\nTwitter\n\n8K\nFacebook\n\n"
        "Some of the most notable mentions of Metropolis are:\n\n**UCLG-MEWA @uclgmewa**\n"
        "Thank you for joining us in Konya!\n\n2:15 p. m. · 7 may. 2022\n\n**512**\nYouTube\n"
    )
    got = read_followers(lines)
    assert [(p, n) for p, n, _, _ in got.pairs] == [("Twitter", 25100), ("Facebook", 8000)]
    assert [u for u, _ in got.unpaired] == ["512"]
