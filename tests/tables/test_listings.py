"""The tables of the report's listings, built from a few lines or records written here:
roster, plan, challenges, engagement list, bilateral meetings, board, media mentions and
followers, and the finding each slip gives (helpers.tables.listings)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.parse.listings import BoardEntry, Followers, Mention
from helpers.parse.report import read_report
from helpers.periods import parse_period
from helpers.tables import listings as tab
from helpers.tables.findings import Findings
from helpers.tables.names import NameResolver, load_affixes, load_aliases


def _found(q: Findings) -> list[tuple]:
    return [(r["kind"], r["detail"], r["source_line"]) for r in q.rows]


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in df.fillna("-").itertuples(index=False)]


def _resolver() -> NameResolver:
    roster = pd.DataFrame(
        {"member": ["Seoul", "Tehran", "Rabat", "Buenos Aires"],
         "region": ["Asia-Pacific", "Asia-Pacific", "Africa", "Latin America"]}
    )  # fmt: skip
    return NameResolver(roster, load_aliases(), load_affixes())


def test_the_roster_each_member_once_in_the_first_region_listing_it():
    text = (
        "WHO WE ARE\nAFRICA\nIntro line\n- Abidjan\n- Cairo\n- Abidjan\n"  # 1-6
        "EUROPE\n- Cairo\n- Berlin\n"  # 7-9
        "NORTH AMERICA\n" + "An introduction to the region that runs on for well over sixty "
        "letters\n- Toronto"  # 10-12
    )
    q = Findings()
    df = tab.members(read_report(text, 2022), q)
    assert _rows(df) == [("Abidjan", "Africa", 4), ("Cairo", "Africa", 5), ("Berlin", "Europe", 9),
                         ("Toronto", "North America", 12)]  # fmt: skip
    long = "An introduction to the region that runs on for well over sixty letters"
    assert _found(q) == [
        ("roster_duplicate", "'Abidjan' is listed twice in Africa", 6),
        ("roster_duplicate", "'Cairo' is listed in Africa and Europe; kept in Africa", 8),
        ("roster_line_not_read", "'Intro line' sits in the roster before its region's first "
         "listed member and was not read as one", 3),
        ("roster_line_not_read", f"'{long[:60]}' sits in the roster before its region's first "
         "listed member and was not read as one", 11),
    ]  # fmt: skip


def test_a_roster_name_made_of_known_members_names_is_read_as_them():
    # two cells of a tight roster grid read as one name; the reference data knows each
    known = NameResolver(
        pd.DataFrame({"member": ["Guadalajara (IMEPLAN)", "Puebla", "Barcelona (metropolitan "
                                 "area)", "Berlin", "Lakeside"], "region": ""}),
        load_aliases(), load_affixes())  # fmt: skip
    text = (
        "WHO WE ARE\nLATIN AMERICA\n- Guadalajara (IMEPLAN) Puebla\n- Puebla Norte\n"  # 1-4
        "EUROPE\n- Barcelona (metropolitan Berlin area)\n- Berlin\n- Lakeside\n"  # 5-8
    )
    LATAM = "Latin America and the Caribbean"  # the region the heading names
    q = Findings()
    df = tab.members(read_report(text, 2022), q, known)
    assert _rows(df) == [
        ("Guadalajara (IMEPLAN)", LATAM, 3), ("Puebla", LATAM, 3),
        ("Puebla Norte", LATAM, 4),  # a word no member's name: kept as written
        ("Barcelona (metropolitan Berlin area)", "Europe", 6),  # not made of names: kept
        ("Berlin", "Europe", 7), ("Lakeside", "Europe", 8),
    ]  # fmt: skip
    assert _found(q) == [
        ("roster_name_split", "'Guadalajara (IMEPLAN) Puebla' in the roster is read as 2 "
         "members' names: 'Guadalajara (IMEPLAN)', 'Puebla' (two cells of a grid read as one)", 3),
    ]  # fmt: skip
    # without the reference data, nothing is split
    assert len(tab.members(read_report(text, 2022), Findings())) == 5


def test_the_plan_its_levels_parents_and_lines():
    text = (
        "PROGRESS\nIMPLEMENTATION OF THE STRATEGIC ACTION PLAN\n"  # 1-2
        "L1 Leadership\nL1A2 Perspective\nL1A2D4 Support leaders\n"  # 3-5
        "L1A2D4 Support leaders again\n"  # 6
        "L2A1D1 Orphan deliverable\nL3A2 Orphan action"  # 7-8
    )
    q = Findings()
    df = tab.strategic_plan(read_report(text, 2022), q)
    assert _rows(df) == [
        ("L1", "line", "-", "L1", "Leadership", 3),
        ("L1A2", "action", "L1", "L1", "Perspective", 4),
        ("L1A2D4", "deliverable", "L1A2", "L1", "Support leaders", 5),
        ("L2A1D1", "deliverable", "L2A1", "L2", "Orphan deliverable", 7),
        ("L3A2", "action", "L3", "L3", "Orphan action", 8),
    ]
    assert _found(q) == [
        ("plan_duplicate", "plan code L1A2D4 listed twice", 6),
        ("plan_parent_missing", "L2A1D1 is listed but its parent L2A1 is not", 7),
        ("plan_parent_missing", "L3A2 is listed but its parent L3 is not", 8),
    ]


def test_the_challenges_each_code_once():
    text = "PROGRESS\nMETROPOLITAN CHALLENGES\n2.3 Climate resilience\n2.3 Climate again\n1.1 Inequalities"
    q = Findings()
    df = tab.challenges(read_report(text, 2022), q)
    assert _rows(df) == [("2.3", "Climate resilience", 3), ("1.1", "Inequalities", 5)]
    assert _found(q) == []


def test_codes_read_apart_from_their_titles_are_doubts():
    # listings whose codes were set in a column of their own, or split over two columns
    text = (
        "PROGRESS\nIMPLEMENTATION OF THE STRATEGIC ACTION PLAN\n"  # 1-2
        "To check the plan, please visit our website\n\n"  # 3-4: its own prose, first
        "L1A1D2 L1A1D3 Policy recommendations\nL1A2D4 Support leaders\n"  # 5-6
        "L2A1D1\nL2A1D2\nL2A1D3 Tools\n\n"  # 7-10
        "L2A2D1\nand regional agendas\n\n"  # 11-13: the end of another title
        "Support metropolitan leaders in making their\nvoices heard\n\n"  # 14-16
        "See the website for the whole plan.\n\n"  # 17-18: a sentence
        "L3A1D1 Good 2022 plan, 1 page\n"  # 19
        "METROPOLITAN CHALLENGES\n\nFrom 1st May to 31st August\n"  # 20-22: prose, first
        "1.1 1.3 2.1. Combating inequalities\n1.2 Housing 2.5.1\n\n"  # 23-25
        "See the listing on the website (2021-2023.)\n\nThe challenges are:\n\n"  # 26-29
        "2.2 3.1\n\n1.4 2.3\n"  # 30-32: codes with no title, read as a code titled a code
        "\nWhy these challenges?\n\nRead them all!\n"  # 33-36: sentences
    )
    rec = read_report(text, 2022)
    q = Findings()
    tab.strategic_plan(rec, q)
    tab.challenges(rec, q)
    apart = "codes set apart from their titles were read as one entry"
    between = "is no sentence and no entry took it: a title read apart from its code"
    assert [f for f in _found(q) if f[0] in ("codes_apart", "listing_text_not_read")] == [
        ("codes_apart", "the title of L1A1D2 in the Strategic Action Plan listing holds the "
         f"code(s) L1A1D3: {apart}", 5),
        ("codes_apart", "the title of L2A2D1 in the Strategic Action Plan listing starts in "
         "lower case ('and regional agendas'): the end of another entry's title was read as "
         "its title", 11),
        ("codes_apart", "the title of 1.1 in the metropolitan challenges listing holds the "
         f"code(s) 1.3 2.1.: {apart}", 23),
        ("codes_apart", "the title of 2.2 in the metropolitan challenges listing holds the "
         f"code(s) 3.1: {apart}", 30),  # `2.5.1` in 1.2's title is no code
        ("codes_apart", "the title of 1.4 in the metropolitan challenges listing holds the "
         f"code(s) 2.3: {apart}", 32),
        ("listing_text_not_read", "'L2A1D1 L2A1D2' in the PROGRESS listings is codes without "
         "titles and was read as no entry", 7),  # a bare code takes the next line, not a code
        ("listing_text_not_read", "'Support metropolitan leaders in making t' sits between the "
         f"entries of a PROGRESS listing, {between}", 14),
    ]  # fmt: skip


def test_the_engagement_list_each_name_once_rows_of_names_split():
    text = "ACTIVE LISTENING\nMEMBERSHIP ENGAGEMENT\nSeoul, Rabat Tehran, Seoul, Nowhere"
    q = Findings()
    df = tab.engagement_table(read_report(text, 2022), _resolver(), q)
    assert _rows(df) == [
        ("Seoul", "Seoul", True, 3), ("Rabat", "Rabat", True, 3), ("Tehran", "Tehran", True, 3),
        ("Nowhere", "-", False, 3)]  # fmt: skip
    # Nowhere is close to no roster name: not a member, for information (several such names
    # in the list are a blocking doubt of their own: checks.engagement_on_roster)
    assert [(k, line) for k, _, line in _found(q)] == [("not_a_member", 3)]


def test_a_name_broken_over_two_lines_of_the_list_is_joined_when_the_roster_knows_it():
    text = "ACTIVE LISTENING\nMEMBERSHIP ENGAGEMENT\nSeoul, Buenos\nAires, Tehran"
    q = Findings()
    df = tab.engagement_table(read_report(text, 2022), _resolver(), q)
    assert _rows(df) == [("Seoul", "Seoul", True, 3), ("Buenos Aires", "Buenos Aires", True, 3),
                         ("Tehran", "Tehran", True, 4)]  # fmt: skip
    assert q.rows == []


def test_bilateral_counterparts_with_their_mode_non_members_an_info():
    rec = SimpleNamespace(bilateral=[("Seoul", 4, "On-site"), ("UN-Habitat", 6, None)])
    q = Findings()
    df = tab.bilateral_meetings(rec, _resolver(), q)
    assert _rows(df) == [("Seoul", "Seoul", True, "On-site", 4), ("UN-Habitat", "-", False, "-", 6)]
    assert [(r["kind"], r["severity"], r["source_line"]) for r in q.rows] == [
        ("bilateral_counterpart_not_member", "info", 6)]  # fmt: skip
    assert q.rows[0]["detail"] == (
        "bilateral meetings: 'UN-Habitat' is not on the roster and no roster name is close to "
        "it: not a member"
    )


def test_board_seats_their_member_city_and_entries_read_unclearly():
    long = "Mayor of Rabat and President of the Regional Council of Rabat-Salé"
    rec = SimpleNamespace(board_apart=[], board=[
        ("Africa", BoardEntry("Asmaa Rhlalou", "MEMBER", "Mayor of Rabat", None, 10)),
        ("Europe", BoardEntry("Jean-Luc Vanraes", "TREASURY", "Alderman of Brussels", None, 12)),
        ("Europe", BoardEntry("Colau", "", "Mayor of Barcelona", "until May", 14)),
        ("Asia-Pacific", BoardEntry("Oh Se-", "PRESIDENCY", "Mayor of Seoul", None, 16)),
        ("Asia-Pacific", BoardEntry("Ada Colau", "MEMBER", "mayor of Tehran", None, 18)),
        ("Africa", BoardEntry("MEMBER Ana Lopez", "MEMBER", long, None, 20)),
        ("Asia-Pacific", BoardEntry("Liu Xin", "MEMBERS", "Head of Tehran", None, 22)),
    ])  # fmt: skip
    q = Findings()
    df = tab.board(rec, _resolver(), q)
    assert _rows(df) == [
        ("Asmaa Rhlalou", "Member", "MEMBER", "Rabat", "Africa", "Mayor of Rabat", "-", 10),
        ("Jean-Luc Vanraes", "Treasury", "TREASURY", "-", "Europe", "Alderman of Brussels", "-",
         12),
        ("Colau", "Member", "-", "-", "Europe", "Mayor of Barcelona", "until May", 14),
        ("Oh Se-", "Presidency", "PRESIDENCY", "Seoul", "Asia-Pacific", "Mayor of Seoul", "-", 16),
        ("Ada Colau", "Member", "MEMBER", "Tehran", "Asia-Pacific", "mayor of Tehran", "-", 18),
        ("MEMBER Ana Lopez", "Member", "MEMBER", "Rabat", "Africa", long, "-", 20),
        ("Liu Xin", "Member", "MEMBERS", "Tehran", "Asia-Pacific", "Head of Tehran", "-", 22),
    ]  # fmt: skip
    assert _found(q) == [
        ("board_member_unresolved", "board member Jean-Luc Vanraes (Alderman of Brussels): no "
         "member city found in the office title", 12),
        ("board_member_unresolved", "board member Colau (Mayor of Barcelona): no member city "
         "found in the office title", 14),
        ("board_entry_unclear", "board member 'Colau' (Mayor of Barcelona) has a one-word name: "
         "a name wrapped in its card, read in two?", 14),
        ("board_entry_unclear", "board member 'Oh Se-' (Mayor of Seoul): a name broken at a line "
         "end was not made whole", 16),
        ("board_entry_unclear", "board member 'Ada Colau' (mayor of Tehran): a name broken at a "
         "line end was not made whole", 18),
        ("board_entry_unclear", f"board entry 'MEMBER Ana Lopez' ({long[:40]}) holds a role "
         "heading's words: the board's seats were not told apart", 20),
    ]  # fmt: skip


def test_listing_doubts_quote_forty_characters_and_four_codes():
    text = (
        "PROGRESS\nIMPLEMENTATION OF THE STRATEGIC ACTION PLAN\n"  # 1-2
        "L1 Leadership\nL1A1 L1A2 L1A3 L1A4 L1A5 L1A6 Perspective\n"  # 3-4: five codes
        "L1A7\neThekwini and the metropolitan governance of the future\n\n"  # 5-7
        "L2A1D1\nL2A1D2\nL2A1D3\nL2A1D4\nL2A1D5\nL2A1D6\nL2A1D7 Tools\n"  # 8-14: a column
    )
    rec = read_report(text, 2022)
    q = Findings()
    tab.challenges(rec, q)
    assert _found(q) == [
        ("codes_apart", "the title of L1A1 in the Strategic Action Plan listing holds the "
         "code(s) L1A2 L1A3 L1A4 L1A5: codes set apart from their titles were read as one "
         "entry", 4),
        ("codes_apart", "the title of L1A7 in the Strategic Action Plan listing starts in lower "
         "case ('eThekwini and the metropolitan governanc'): the end of another entry's title "
         "was read as its title", 5),
        ("listing_text_not_read", "'L2A1D1 L2A1D2 L2A1D3 L2A1D4 L2A1D5 L2A1D' in the PROGRESS "
         "listings is codes without titles and was read as no entry", 8),
    ]  # fmt: skip


def test_a_board_role_among_the_focal_points_or_the_staff_is_a_doubt():
    text = (
        "WHO WE ARE\nAFRICA\n- Abidjan\n- Rabat\nFocal Points\n"  # 1-5
        "REGIONAL SECRETARY\nSithole Mbanga\nMEMBER\nAsmaa Rhlalou\nMayor of Rabat\n"  # 6-10
        "Members of the Board of Directors\nCO-PRESIDENCY\nDavid Makhura\n"  # 11-13
        "Premier of Gauteng Province\n"  # 14
        "SECRETARIAT GENERAL\nJordi Vaquer\nSecretary General\n"  # 15-17
        "REGIONAL VICE-PRESIDENCY Robert Beugré Mambe\nGovernor of Abidjan\n"  # 18-19
    )
    rec = read_report(text, 2022)
    q = Findings()
    df = tab.board(rec, _resolver(), q)
    assert df["name"].tolist() == ["David Makhura"]
    tail = "sits among the focal points or the staff, not under Members of the Board: the seats after it were not read as the Board's"
    assert [(k, d, no) for k, d, no in _found(q) if k == "board_role_apart"] == [
        ("board_role_apart", f"the Board role 'MEMBER' {tail}", 8),
        ("board_role_apart", f"the Board role 'REGIONAL VICE-PRESIDENCY Robert Beugré M' {tail}", 18)  # 40 characters,
    ]  # fmt: skip


def test_unclear_board_entries_quote_forty_characters_of_a_name_or_position():
    name = "MEMBER Ana Lopez de la Fuente y Garcia Marquez Villanueva"  # 57 characters
    office = "Mayor of Rabat and President of the Regional Council of Rabat-Salé"
    rec = SimpleNamespace(board_apart=[], board=[
        ("Africa", BoardEntry(name, "MEMBER", office, None, 3)),
        ("Africa", BoardEntry("Oh Se-", "MEMBER", office, None, 5)),
        ("Africa", BoardEntry("Colau", "MEMBER", office, None, 7)),
        ("Africa", BoardEntry("Zandile Gumede", "MEMBER", "eThekwini Municipality", None, 9)),
    ])  # fmt: skip
    q = Findings()
    tab.board(rec, _resolver(), q)
    assert [r["detail"] for r in q.rows] == [
        f"board entry '{name[:40]}' ({office[:40]}) holds a role heading's words: the board's "
        "seats were not told apart",
        f"board member 'Oh Se-' ({office[:40]}): a name broken at a line end was not made whole",
        f"board member 'Colau' ({office[:40]}) has a one-word name: a name wrapped in its card, "
        "read in two?",
        "board member Zandile Gumede (eThekwini Municipality): no member city found in the "
        "office title",
        "board member 'Zandile Gumede' (eThekwini Municipality): a name broken at a line end was "
        "not made whole",  # a position starting in lower case is read as a name's broken end
    ]  # fmt: skip


def test_a_board_member_named_by_their_city_when_the_office_names_none():
    rec = SimpleNamespace(
        board_apart=[], board=[("Asia-Pacific", BoardEntry("Seoul", "MEMBER", "", None, 3))]
    )
    q = Findings()
    df = tab.board(rec, _resolver(), q)
    assert df["member"].tolist() == ["Seoul"]
    assert [r["kind"] for r in q.rows] == ["board_entry_unclear"]  # a one-word name


def test_media_mentions_outside_the_periods_months_and_none_at_all():
    rec = SimpleNamespace(media_unread=[], media_months=[], mentions=[Mention("March", 3, "El País", "Forum", 5),
                                                     Mention("June", 6, "Le Monde", "Cities", 8)])  # fmt: skip
    q = Findings()
    df = tab.media_mentions(rec, parse_period("2022-T1"), q)
    assert _rows(df) == [("March", 3, "El País", "Forum", 5), ("June", 6, "Le Monde", "Cities", 8)]
    assert _found(q) == [("media_outside_period", "mention in June, outside January–April 2022", 8)]
    q = Findings()
    empty = SimpleNamespace(mentions=[], media_unread=[], media_months=[])
    assert tab.media_mentions(empty, parse_period("2022-T1"), q).empty
    assert _found(q) == [
        ("section_empty", "no media mentions found under METROPOLIS IN THE MEDIA", 0)]  # fmt: skip


def test_text_before_the_first_month_of_the_media_is_a_doubt():
    # an activity's second half read under the media heading: no mention is read from it
    text = (
        "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\n"  # 1-4
        "METROPOLIS IN THE MEDIA\nThe delegation, led by the Acting President\n"  # 5-6
        "Members\nSeoul, Tehran\n\nMarch\n- **El País** – Forum\n"  # 7-11
    )
    q = Findings()
    df = tab.media_mentions(read_report(text, 2022), parse_period("2022-T1"), q)
    assert _rows(df) == [("March", 3, "El País", "Forum", 11)]
    tail = "sits under METROPOLIS IN THE MEDIA before any month and was read as no mention"
    assert _found(q) == [
        ("media_text_not_read", f"'The delegation, led by the Acting Presid' {tail}", 6),
        ("media_text_not_read", f"'Members' {tail}", 7),
        ("media_text_not_read", f"'Seoul, Tehran' {tail}", 8),
    ]  # fmt: skip


def test_media_months_out_of_order_or_with_no_mention_are_a_doubt():
    # months set side by side, read row by row: May, July (under it May's mentions), June
    text = (
        "ACTIVITIES\n17 May\nCITY LAB ONE\nText.\n"  # 1-4
        "METROPOLIS IN THE MEDIA\nMay\nJuly\n- **El País** – Forum\n"  # 5-8
        "August\n- **UCLG** – Blog\nJune\n- **Le Monde** – Cities\n"  # 9-12
    )
    q = Findings()
    tab.media_mentions(read_report(text, 2022), parse_period("2022-T2"), q)
    assert [(k, d, no) for k, d, no in _found(q)] == [
        ("media_months_in_doubt", "the month heading on line 6 has no mention under it: months "
         "set side by side were probably read apart from their mentions", 6),
        ("media_months_in_doubt", "the month heading on line 11 comes after a later month: "
         "months set side by side were probably read out of order", 11),
    ]  # fmt: skip
    q = Findings()  # in order, each with its mentions: nothing to say
    ordered = text.replace("May\nJuly", "May\n- **El Tiempo** – Blog\nJuly").replace(
        "August\n- **UCLG** – Blog\nJune\n- **Le Monde** – Cities\n", ""
    )
    tab.media_mentions(read_report(ordered, 2022), parse_period("2022-T2"), q)
    assert _found(q) == []


def test_follower_counts_each_platform_once_and_counts_left_alone():
    pairs = [("Twitter", 24600, "24.6K", 3), ("Facebook", 7300, "7.3K", 4),
             ("Twitter", 1, "1", 9)]  # fmt: skip
    rec = SimpleNamespace(followers=Followers(pairs, [("512", 12)]))
    q = Findings()
    df = tab.social_followers(rec, q)
    assert _rows(df) == [("Twitter", 24600, "24.6K", 3), ("Facebook", 7300, "7.3K", 4)]
    assert _found(q) == [
        ("follower_unpaired", "the followers figure or platform '512' was read without its "
         "partner: the follower counts are in doubt", 12)]  # fmt: skip
    q = Findings()
    assert tab.social_followers(SimpleNamespace(followers=Followers()), q).empty
    assert _found(q) == [("section_empty", "no social-media follower figures found", 0)]
