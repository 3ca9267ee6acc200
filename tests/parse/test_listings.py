"""The listings outside the activities, each read from a few lines written here: the plan, the
challenges, the roster, the board, the engagement list, bilateral meetings, media mentions and
follower figures. Every expected value is what a reader sees in the lines above it."""

from __future__ import annotations

import pytest

from helpers.parse.listings import (
    _is_role,
    _merge_open_bold,
    _merge_wrapped_bullets,
    _month_line,
    _mostly_one_line,
    _role_prefix,
    _split_mention,
    after_marker,
    before_marker,
    clean_bold,
    looks_like_person,
    media_unread,
    parse_count,
    read_bilateral,
    read_board,
    read_challenges,
    read_engagement_list,
    read_followers,
    read_media,
    read_plan,
    read_roster,
    roster_unread,
)
from helpers.parse.sections import BOARD_RE, FOCAL_RE
from helpers.parse.text import Line, read_lines


def _lines(*rows: str) -> list[Line]:
    return read_lines("\n".join(rows))


# --------------------------------------------------------------------------- plan, challenges


def test_plan_codes_with_titles_wrapped_bare_and_left_without_one():
    lines = _lines(
        "L1 Strengthen global leadership",  # 1
        "- L1A2 - Metropolitan perspective",  # 2
        "in global agendas",  # 3: the title goes on
        "L1A2D4: Support metropolitan leaders",  # 4
        "",  # 5: closes L1A2D4
        "This plan runs until 2023.",  # 6: prose after a closed item
        "L2",  # 7: a bare code
        "",  # 8: its title is still awaited
        "Build adaptive capacities",  # 9
        "METROPOLITAN CHALLENGES",  # 10: a heading is no title
        "1.1 Combating inequalities",  # 11: a challenge is no title
        "L3",  # 12: never given a title
    )
    assert [(p.code, p.title, p.line) for p in read_plan(lines)] == [
        ("L1", "Strengthen global leadership", 1),
        ("L1A2", "Metropolitan perspective in global agendas", 2),
        ("L1A2D4", "Support metropolitan leaders", 4),
        ("L2", "Build adaptive capacities", 7),
    ]


def test_challenge_lines_with_wrapped_titles():
    lines = _lines(
        "1.1 Combating inequalities and",  # 1
        "segregation,",  # 2
        "2.3. Climate resilience;",  # 3
        "Urban text",  # 4: ends the listing's item
        "and more",  # 5: lower case, but no item is open
        "- 02.10 Something",  # 6
        "continued",  # 7
    )
    assert [(p.code, p.title, p.line) for p in read_challenges(lines)] == [
        ("1.1", "Combating inequalities and segregation", 1),
        ("2.3", "Climate resilience", 3),
        ("2.10", "Something continued", 6),
    ]


def test_before_and_after_a_marker():
    lines = _lines("- Abidjan", "Focal Points", "- Teresa", "Focal Points", "- Ana")
    assert [ln.no for ln in before_marker(lines, FOCAL_RE)] == [1]
    assert [ln.no for ln in after_marker(lines, FOCAL_RE)] == [3, 4, 5]
    assert [ln.no for ln in before_marker(lines, BOARD_RE)] == [1, 2, 3, 4, 5]
    assert after_marker(lines, BOARD_RE) == []


# --------------------------------------------------------------------------- roster


def test_a_bulleted_roster_from_its_first_bullet_wrapped_names_joined():
    lines = _lines(
        "Intro text",  # 1
        "- Abidjan",  # 2
        "- Barcelona (metropolitan",  # 3
        "area)",  # 4
        "12",  # 5: a page number
        "- Cairo",  # 6
        "Focal Points",  # 7
        "- Teresa Oliver",  # 8
    )
    assert read_roster(lines) == [
        ("Abidjan", 2), ("Barcelona (metropolitan area)", 3), ("Cairo", 6)]  # fmt: skip
    assert [ln.no for ln in roster_unread(lines)] == [1]


def test_a_plain_roster_one_name_a_line_up_to_six_words_or_in_columns():
    lines = _lines(
        "Abidjan",  # 1
        "Cairo, Dakar",  # 2
        "New members joined this year.",  # 3: a sentence
        "Lagos",  # 4
        "Ekurhuleni Metropolitan Municipality of Gauteng Province",  # 5: six words
        "City of Johannesburg Metropolitan Municipality of Gauteng",  # 6: seven, no comma
        "Accra      Cape Town      Dar es Salaam      Kigali",  # 7: columns
        "Members of the Board of Directors",  # 8
        "MEMBER",  # 9
    )
    assert read_roster(lines) == [
        ("Abidjan", 1), ("Cairo", 2), ("Dakar", 2), ("Lagos", 4),
        ("Ekurhuleni Metropolitan Municipality of Gauteng Province", 5),
        ("Accra", 7), ("Cape Town", 7), ("Dar es Salaam", 7), ("Kigali", 7)]  # fmt: skip
    assert roster_unread(lines) == []  # no bullets: nothing is left unread


def test_a_roster_in_a_pipe_table_reads_the_table_only():
    lines = _lines("Members of the region:", "| Abidjan | Accra |", "|---|---|", "| Cairo | |")
    assert read_roster(lines) == [("Abidjan", 2), ("Accra", 2), ("Cairo", 4)]


def test_lines_before_a_regions_first_bullet_are_unread_blanks_and_page_numbers_aside():
    lines = _lines("LATIN text", "", "7", "Belo Horizonte Bogotá", "- Quito", "- Lima")
    assert [ln.no for ln in roster_unread(lines)] == [1, 4]
    assert roster_unread(_lines("Focal Points", "- Quito")) == []


# --------------------------------------------------------------------------- board


@pytest.mark.parametrize(
    "name",
    ["Barthelemy Dias", "José Luis Martínez-Almeida", "Jan van der Berg", "Miguel de Cervantes",
     "Ana María de la Cruz Peña"],
)  # fmt: skip
def test_looks_like_a_person(name):
    assert looks_like_person(name)


@pytest.mark.parametrize(
    "text",
    ["Asmaa", "Ana María de la Cruz Peña Ruiz", "Mayor of Rabat", "Ada Colau 2", "Colau, Ada",
     "de la Cruz", "Rabat Governor", "Ada (Colau)", "Trade & Industry"],
)  # fmt: skip
def test_does_not_look_like_a_person(text):
    assert not looks_like_person(text)


def test_role_headings():
    assert _is_role("CO-PRESIDENCY") and _is_role("MEMBERS OF THE BOARD NOW")
    assert not _is_role("MEMBER 2") and not _is_role("SIX WORDS IN CAPITAL LETTERS HERE")
    assert not _is_role("Member")


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("MEMBER Asmaa Rhlalou Mayor of Rabat", ("MEMBER", "Asmaa Rhlalou Mayor of Rabat")),
        ("CO-PRESIDENCY David Makhura", ("CO-PRESIDENCY", "David Makhura")),
        ("MEMBERS OF THE BOARD Ada Colau", ("MEMBERS OF THE BOARD", "Ada Colau")),
        ("UCLG Africa Secretariat", ("", "UCLG Africa Secretariat")),  # no role word
        ("MEMBER", ("", "MEMBER")),  # no person after it
        ("MEMBER Mayor of Rabat", ("", "MEMBER Mayor of Rabat")),
        ("Ada Colau", ("", "Ada Colau")),
    ],
)
def test_a_role_heading_run_into_its_person(text, split):
    assert _role_prefix(text) == split


def test_the_board_people_roles_terms_and_positions():
    lines = _lines(
        "- Abidjan",  # 1
        "Members of the Board of Directors",  # 2
        "CO-PRESIDENCY",  # 3
        "Ada Colau",  # 4
        "Mayor of Barcelona",  # 5
        "David Makhura",  # 6
        "(until 6th October) Premier of Gauteng Province",  # 7
        "",  # 8
        "MEMBER Asmaa Rhlalou Mayor of Rabat",  # 9
        "Liu Xin Mayor of Hangzhou",  # 10
        "TREASURY",  # 11
        "Mohamed Sefiani",  # 12
        "Mayor of Chefchaouen and President of the",  # 13: left open
        "Local Governments",  # 14: goes on, though it reads like a name
        "Carolina Cosse (since March) Intendente of Montevideo",  # 15
    )
    got = [(e.name, e.role, e.position, e.term, e.line) for e in read_board(lines)]
    assert got == [
        ("Ada Colau", "CO-PRESIDENCY", "Mayor of Barcelona", None, 4),
        ("David Makhura", "CO-PRESIDENCY", "Premier of Gauteng Province", "until 6th October", 6),
        ("Asmaa Rhlalou", "MEMBER", "Mayor of Rabat", None, 9),
        ("Liu Xin", "MEMBER", "Mayor of Hangzhou", None, 10),
        ("Mohamed Sefiani", "TREASURY",
         "Mayor of Chefchaouen and President of the Local Governments", None, 12),
        ("Carolina Cosse", "TREASURY", "Intendente of Montevideo", "since March", 15),
    ]  # fmt: skip


# --------------------------------------------------------------------------- engagement, bilateral


def test_the_engagement_list_leaves_out_a_focal_points_line():
    lines = _lines("| Seoul | Tehran |", "Focal Points", "- Rabat")
    assert read_engagement_list(lines) == [("Seoul", 1), ("Tehran", 1), ("Rabat", 3)]


def test_bilateral_meetings_under_their_mode_headings():
    lines = _lines(
        "Lisbon",  # 1: before any mode
        "On site",  # 2
        "Seoul, Tehran",  # 3
        "",  # 4
        "ONLINE",  # 5
        "Members: Rabat",  # 6: a label's value
        "- Quito",  # 7
        "Hybrid:",  # 8
        "Participants:",  # 9: a label alone
        "Kigali",  # 10
    )
    assert read_bilateral(lines) == [
        ("Lisbon", 1, None), ("Seoul", 3, "On-site"), ("Tehran", 3, "On-site"),
        ("Rabat", 6, "Online"), ("Quito", 7, "Online"), ("Kigali", 10, "Hybrid")]  # fmt: skip


# --------------------------------------------------------------------------- media


@pytest.mark.parametrize(
    ("text", "month"),
    [("March 2022", ("March", 3)), ("MARCH", ("March", 3)), ("sept.", ("Sept.", 9)),
     ("In March we met", None), ("Marching", None), ("2022", None)],
)  # fmt: skip
def test_a_month_heading(text, month):
    assert _month_line(text) == month


def _mentions(lines: list[Line]):
    got, rest = read_media(lines)
    return [(m.month, m.month_number, m.outlet, m.item, m.line) for m in got], rest


def test_a_month_set_before_its_first_mention_on_one_line():
    got, _ = _mentions(
        _lines(
            "**January** **El Tiempo** – Metropolis Blog",  # 1
            "",  # 2
            " **Alcaldía de Bogotá** – Learning from cities",  # 3
            "**February** **UN-Habitat** – High-level dialogue",  # 4
            "**March 2022**",  # 5: a month alone
            "**Cities Today** – City Managers",  # 6
        )
    )
    assert got == [
        ("January", 1, "El Tiempo", "Metropolis Blog", 1),
        ("January", 1, "Alcaldía de Bogotá", "Learning from cities", 3),
        ("February", 2, "UN-Habitat", "High-level dialogue", 4),
        ("March", 3, "Cities Today", "City Managers", 6),
    ]
    # a bold outlet that is a month's name is no month when nothing follows it on its line
    assert media_unread(_lines("**May**", "**El País** – Forum")) == []
    assert [ln.no for ln in media_unread(_lines("Intro", "", "**May** **El País** – Forum"))] == [1]
    # the notable mentions and the followers are no mentions to read: nothing is lost there
    assert media_unread(_lines("Some of the most notable mentions are:", "UN-Habitat")) == []
    assert media_unread(_lines("Followers on social media", "24.6K Twitter")) == []


def test_an_item_set_apart_from_its_outlet_loses_the_dash_between_them():
    # a two-column table: the outlet in one cell, `– item` in the next, read as two lines
    got, _ = _mentions(_lines("March", "**Cities Today**", "– City Managers Community 2023",
                              "**Le Monde** – Cities", "**El País**", "-based cities"))  # fmt: skip
    assert got == [
        ("March", 3, "Cities Today", "City Managers Community 2023", 2),
        ("March", 3, "Le Monde", "Cities", 4),
        ("March", 3, "El País", "-based cities", 5),  # no space after it: a word's hyphen
    ]


def test_mentions_with_bold_outlets():
    got, rest = _mentions(
        _lines(
            "MARCH 2022",  # 1
            "**El País** – Barcelona hosts the forum",  # 2
            "**The Development … Local",  # 3: a bold outlet wrapped
            "Governance**",  # 4
            "Cities and metropolises",  # 5
            "at the forum",  # 6
            "",  # 7
            "**El Mundo**",  # 8
            "",  # 9: the outlet waits for its item
            "The forum opens",  # 10
            "April",  # 11
            "- **UCLG**: Local4Action",  # 12
            "**Alcaldía** – Learning from cities:",  # 13: an item wrapped after its colon
            "metropolitan food systems",  # 14
            "Followers on social media",  # 15
            "25.1K Twitter",  # 16
        )
    )
    assert got == [
        ("March", 3, "El País", "Barcelona hosts the forum", 2),
        ("March", 3, "The Development … Local Governance", "Cities and metropolises at the forum", 3),
        ("March", 3, "El Mundo", "The forum opens", 8),
        ("April", 4, "UCLG", "Local4Action", 12),
        ("April", 4, "Alcaldía", "Learning from cities: metropolitan food systems", 13),
    ]  # fmt: skip
    assert [ln.no for ln in rest] == [15, 16]


def test_a_bold_outlet_over_lines_each_bold_of_its_own_is_one_outlet():
    # the layout reader writes each line's bold run: `**The Development Partners**` /
    # `**Network on Decentralisation**`; a blank line keeps two bold outlets apart
    got, _ = _mentions(
        _lines(
            "February",  # 1
            "**The Development Partners**",  # 2
            "**Network on Decentralisation**",  # 3
            "Emergency Governance Initiative",  # 4
            "",  # 5
            "**El Mundo**",  # 6
            "",  # 7
            "**El País**",  # 8
            "The forum opens",  # 9
        )
    )
    assert got == [
        ("February", 2, "The Development Partners Network on Decentralisation",
         "Emergency Governance Initiative", 2),
        ("February", 2, "El Mundo", "", 6),
        ("February", 2, "El País", "The forum opens", 8),
    ]  # fmt: skip


def test_mentions_with_outlet_and_item_on_alternate_lines():
    got, rest = _mentions(
        _lines(
            "Media coverage this term",  # 1: before any month
            "May",  # 2
            "Le Monde",  # 3
            "Les métropoles en action",  # 4
            "face aux défis",  # 5: the item goes on
            "",  # 6
            "Alcaldía",  # 7
            "de Bogotá",  # 8: the outlet goes on
            "Bogotá hosts the meeting",  # 9
            "Radio Nacional",  # 10: a new outlet
            "Interview with the mayor",  # 11
        )
    )
    assert got == [
        ("May", 5, "Le Monde", "Les métropoles en action face aux défis", 3),
        ("May", 5, "Alcaldía de Bogotá", "Bogotá hosts the meeting", 7),
        ("May", 5, "Radio Nacional", "Interview with the mayor", 10),
    ]
    assert rest == []


def test_mentions_one_a_line_up_to_the_notable_mentions():
    got, rest = _mentions(
        _lines(
            "June 2022",  # 1
            "El Tiempo – Bogotá hosts Metropolis",  # 2
            "UCLG – Local4Action – Metropolis at the UN",  # 3
            "Diario: city news",  # 4
            "continued text",  # 5
            "Some of the most notable mentions",  # 6
            "Ignored – after",  # 7
        )
    )
    assert got == [
        ("June", 6, "El Tiempo", "Bogotá hosts Metropolis", 2),
        ("June", 6, "UCLG – Local4Action", "Metropolis at the UN", 3),
        ("June", 6, "Diario", "city news continued text", 4),
    ]
    assert rest == []


@pytest.mark.parametrize(
    ("raw", "split"),
    [
        ("**El País** – Barcelona", ("El País", "Barcelona")),
        ("Learning from cities – the forum", ("Learning from cities", "the forum")),
        (
            "Alcaldía de Bogotá: Metropolis in Bogotá",
            ("Alcaldía de Bogotá", "Metropolis in Bogotá"),
        ),
        ("El Tiempo", ("El Tiempo", "")),
    ],
)
def test_split_a_mention(raw, split):
    assert _split_mention(Line(1, raw, raw.replace("**", ""))) == split


def test_clean_bold():
    assert clean_bold([" El ", "País "]) == "El País"


@pytest.mark.parametrize(
    ("raw", "split"),
    [
        ("**Learning from cities: a podcast** – Episode 3", ("Learning from cities: a podcast", "Episode 3")),
        ("**El País:** Barcelona", ("El País", "Barcelona")),
        ("**Forbes MX:** Ciudades del futuro", ("Forbes MX", "Ciudades del futuro")),
        ("**UCLG** – UCLG congress", ("UCLG", "UCLG congress")),
        ("**El País** – Xi'an hosts", ("El País", "Xi'an hosts")),
        # a title with a colon, wrapped after it: the colon is the item's
        ("**El País** – Learning from cities:", ("El País", "Learning from cities:")),
        ("Learning from cities – the forum – day two", ("Learning from cities", "the forum – day two")),
        ("Alcaldía de Bogotá – Foro – Metropolis at the forum",
         ("Alcaldía de Bogotá – Foro", "Metropolis at the forum")),
    ],
)  # fmt: skip
def test_split_a_mention_at_its_outlet(raw, split):
    assert _split_mention(Line(1, raw, raw.replace("**", ""))) == split


def test_a_month_heading_has_two_words_at_most():
    assert _month_line("March – 2022") is None


@pytest.mark.parametrize(
    ("printed", "value"),
    [("1,250K", 1_250_000), ("12,34", None), ("Facebook 1,250, LinkedIn 900", 1_250),
     ("465.", 465)],
)  # fmt: skip
def test_a_follower_count(printed, value):
    assert parse_count(printed) == value


# --------------------------------------------------------------------------- followers


@pytest.mark.parametrize(
    ("text", "pairs", "unpaired"),
    [
        ("Facebook – 8.9K LinkedIn – 7.6K",
         [("Facebook", 8900, "8.9K", 1), ("LinkedIn", 7600, "7.6K", 1)], []),
        ("Facebook: 8.9K, LinkedIn 7.6K | YouTube - 465",
         [("Facebook", 8900, "8.9K", 1), ("LinkedIn", 7600, "7.6K", 1),
          ("YouTube", 465, "465", 1)], []),
        ("24.6K Twitter 7.3K Facebook",
         [("Twitter", 24600, "24.6K", 1), ("Facebook", 7300, "7.3K", 1)], []),
        ("Twitter 24.6K", [("Twitter", 24600, "24.6K", 1)], []),
        ("24.6K followers on Twitter", [("Twitter", 24600, "24.6K", 1)], []),
        ("Twitter 12,34", [("Twitter", 0, "12,34", 1)], []),  # a figure that cannot be read
        ("Followers on social media\n\nTwitter\n24.6K", [("Twitter", 24600, "24.6K", 4)], []),
        ("24.6K 7.3K 465\nTwitter Facebook YouTube",
         [("Twitter", 24600, "24.6K", 1), ("Facebook", 7300, "7.3K", 1),
          ("YouTube", 465, "465", 1)], []),
        # four names under two figures: no row of names, and no platform of four words
        ("24.6K | 7.3K\nTwitter Facebook YouTube LinkedIn", [], [("24.6K", 1), ("7.3K", 1)]),
        ("24.6K\nTwitter\n7.3K", [("Twitter", 24600, "24.6K", 1)], [("7.3K", 3)]),
        ("Twitter\nFacebook\n24.6K", [("Twitter", 24600, "24.6K", 3)], [("Facebook", 2)]),
        ("Metropolis has 25.1K followers on Twitter and Facebook", [], []),  # a sentence
        ("Our accounts grew a great deal", [], []),
        ("Twitter 24.6K\nSome of the most notable mentions\n512\n**8K**\nYouTube 3",
         [("Twitter", 24600, "24.6K", 1)], [("512", 3), ("8K", 4)]),
        ("Twitter\nSome of the most notable mentions\n512", [], [("512", 3), ("Twitter", 1)]),
    ],
)  # fmt: skip
def test_follower_counts_with_their_platforms(text, pairs, unpaired):
    got = read_followers(read_lines(text))
    assert got.pairs == pairs
    assert got.unpaired == unpaired


def test_bold_outlets_wrapped_over_lines_are_one_line():
    lines = _lines("**El País** – **Cultura", "y Sociedad**", "Next", "**Open", "", "x")
    got = _merge_open_bold(lines)
    assert [(ln.no, ln.raw, ln.text) for ln in got] == [
        (1, "**El País** – **Cultura y Sociedad**", "El País – Cultura y Sociedad"),
        (3, "Next", "Next"), (4, "**Open", "Open"), (5, "", ""), (6, "x", "x")]  # fmt: skip


def test_a_bulleted_lists_lines_without_a_bullet_go_on_the_item_above():
    lines = _lines("intro", "- Abidjan", "- Accra", "- Cairo", "wrapped", "", "12",
                   "| Dakar | Lagos |", "- Rabat")  # fmt: skip
    got = _merge_wrapped_bullets(lines)
    assert [(ln.no, ln.raw) for ln in got] == [
        (1, "intro"), (2, "- Abidjan"), (3, "- Accra"), (4, "- Cairo wrapped"),
        (8, "| Dakar | Lagos |"), (9, "- Rabat")]  # fmt: skip
    assert got[3].text == "- Cairo wrapped"


@pytest.mark.parametrize(
    ("rows", "one_line"),
    [
        (["June", "El Tiempo – x", "Diario: y", "Le Monde"], True),  # two of three
        (["June", "A – x", "B – y", "C – z", "D", "E"], True),  # three of five
        (["June", "A – x", "B"], False),  # one of two
        (["June", "Followers: 3", "2022"], False),  # nothing but months and followers
        (["June", "el tiempo – x", "le monde – y", "Diario"], False),  # lower case: no outlet
    ],
)
def test_mentions_mostly_written_one_a_line(rows, one_line):
    assert _mostly_one_line(_lines(*rows)) is one_line
