"""The report checks itself: what it says twice, compared. A doubt (text the reader could
not place) is a blocking finding; the report's own small slips stay warnings."""

from __future__ import annotations

import pandas as pd

from helpers.ingest import parse_report
from helpers.tables.checks import BLOCKING
from tests.conftest import PROGRESS, ROSTER, mini_report

ACTIVITY = """10 March

CITY LAB

Text about it.

Members
{members}

Outcomes
L2A2D3
"""

ENGAGEMENT = """ACTIVE LISTENING

MEMBERSHIP ENGAGEMENT

{names}
"""


def _blocking(t) -> list[str]:
    q = t["quality"]
    return list(q.loc[(q["severity"] == "error") & q["kind"].isin(BLOCKING), "kind"])


def _report(members: str, listed: str, roster: str = ROSTER) -> str:
    acts = ACTIVITY.format(members=members)
    return mini_report(acts, progress=ENGAGEMENT.format(names=listed) + "\n" + PROGRESS,
                       roster=roster)  # fmt: skip


def test_listed_members_who_took_part_in_nothing_read_are_a_doubt_past_a_few():
    listed = "\n".join(f"- {n}" for n in ["Abidjan", "Cairo", "Johannesburg", "Rabat", "Seoul",
                                          "Kathmandu", "Tehran"])  # fmt: skip
    few = parse_report(_report("Abidjan, Cairo, Johannesburg, Rabat, Seoul", listed), "2022-T1")
    assert "participation_in_doubt" not in _blocking(few)  # two idle: the report's own slip
    many = parse_report(_report("Abidjan", listed), "2022-T1")  # six of seven idle
    assert "participation_in_doubt" in _blocking(many)


def test_engagement_list_names_off_the_roster_are_a_doubt_past_two():
    listed = "- Abidjan\n- Cairo\n- Lagos\n- Nairobi\n- Accra"
    t = parse_report(_report("Abidjan, Cairo", listed), "2022-T1")
    assert "listed_name_not_on_roster" in _blocking(t)
    t = parse_report(_report("Abidjan, Cairo", "- Abidjan\n- Cairo\n- Lagos"), "2022-T1")
    assert "listed_name_not_on_roster" not in _blocking(t)


def test_board_seats_run_together_are_a_doubt():
    run_together = ROSTER.replace("MEMBER\nAsmaa Rhlalou\nMayor of Rabat",
                                  "MEMBER Asmaa Rhlalou Mayor of Rabat CO-PRESIDENCY Ada Colau")  # fmt: skip
    t = parse_report(_report("Abidjan", "- Abidjan", roster=run_together), "2022-T1")
    assert "board_entry_unclear" in _blocking(t)
    cut = ROSTER.replace("Asmaa Rhlalou\nMayor", "Asmaa\nRhlalou\nMayor")  # a name wrapped in two
    t = parse_report(_report("Abidjan", "- Abidjan", roster=cut), "2022-T1")
    assert "board_entry_unclear" in _blocking(t)
    broken = ROSTER.replace("Asmaa Rhlalou\nMayor", "Asmaa Rhla-\nlou Mayor")  # a name broken
    t = parse_report(_report("Abidjan", "- Abidjan", roster=broken), "2022-T1")
    assert "board_entry_unclear" in _blocking(t)
    t = parse_report(_report("Abidjan", "- Abidjan"), "2022-T1")
    assert "board_entry_unclear" not in _blocking(t)


def test_a_challenge_line_outside_its_label_is_a_doubt():
    acts = (
        ACTIVITY.format(members="Abidjan") + "\nMetropolitan challenges\n2.3 Climate resilience\n"
    )
    acts += "\nmetropolis.org 7\n\n1.1 Combating inequalities and segregation\n"
    t = parse_report(mini_report(acts), "2022-T1")
    assert "value_outside_label" in _blocking(t)


def test_a_date_alone_in_an_activitys_text_is_a_doubt_an_activity_not_read():
    acts = ACTIVITY.format(members="Abidjan") + "\n7 October 2022\n\nA line of prose.\n"
    assert "value_outside_label" in _blocking(parse_report(mini_report(acts), "2022-T1"))


def test_a_challenge_read_as_a_member_is_a_doubt():
    acts = ACTIVITY.format(members="Abidjan, 3.3 Engaged citizenship")
    assert "value_outside_label" in _blocking(parse_report(mini_report(acts), "2022-T1"))


def test_the_period_line_of_the_cover_repeated_is_a_running_header_not_a_roster_name():
    report = mini_report(ACTIVITY.format(members="Abidjan"))
    report = report.replace(
        "METROPOLIS PROGRESS REPORT.", "METROPOLIS PROGRESS REPORT.\n\nJanuary —> April 2022"
    )
    report = report.replace("- Cairo\n", "- Cairo\nJanuary —> April 2022\n- Harare\n")
    t = parse_report(report, "2022-T1")
    assert "January —> April 2022" not in set(t["members"]["member"])
    assert {"Cairo", "Harare"} <= set(t["members"]["member"])


def test_a_board_seat_on_one_line_is_read_with_its_role():
    # LibreOffice's HTML import sets a seat's role, name and office on one line
    one_line = ROSTER.replace("MEMBER\nAsmaa Rhlalou\nMayor of Rabat",
                              "MEMBER Asmaa Rhlalou Mayor of Rabat\n\n"
                              "REGIONAL VICE-PRESIDENCY Robert Beugré Mambe Governor of Abidjan")  # fmt: skip
    t = parse_report(_report("Abidjan", "- Abidjan", roster=one_line), "2022-T1")
    assert "board_entry_unclear" not in _blocking(t)
    board = t["board"].set_index("name")
    assert board.loc["Asmaa Rhlalou", ["role_raw", "position"]].tolist() == [
        "MEMBER", "Mayor of Rabat"]  # fmt: skip
    assert board.loc["Robert Beugré Mambe", ["role_raw", "position"]].tolist() == [
        "REGIONAL VICE-PRESIDENCY", "Governor of Abidjan"]  # fmt: skip


def test_a_roster_line_before_the_regions_first_bullet_is_a_doubt():
    # a member set beside the heading, apart from the region's bullets, is not read as one
    apart = ROSTER.replace("- Seoul\n", "Seoul\n")
    t = parse_report(_report("Abidjan", "- Abidjan", roster=apart), "2022-T1")
    assert "roster_line_not_read" in _blocking(t)
    assert "Seoul" not in set(t["members"]["member"])
    t = parse_report(_report("Abidjan", "- Abidjan"), "2022-T1")
    assert "roster_line_not_read" not in _blocking(t)


def test_a_role_heading_and_name_on_one_line_take_the_office_below():
    # groff: `REGIONAL VICE-PRESIDENCY Pablo Javkin` / `Mayor of Rosario`
    joined = ROSTER.replace("MEMBER\nAsmaa Rhlalou\nMayor of Rabat",
                            "MEMBER Asmaa Rhlalou\nMayor of Rabat")  # fmt: skip
    t = parse_report(_report("Abidjan", "- Abidjan", roster=joined), "2022-T1")
    assert "board_entry_unclear" not in _blocking(t)
    board = t["board"].set_index("name")
    assert board.loc["Asmaa Rhlalou", ["role_raw", "position"]].tolist() == [
        "MEMBER", "Mayor of Rabat"]  # fmt: skip


def test_an_alliance_that_reads_like_a_sentence_is_a_doubt():
    # the description's last bullets set under a labels box: read after the Alliances label
    acts = ACTIVITY.format(members="Abidjan") + (
        "\nAlliances\nUNDP\n\n• to generate better livelihoods for food workers\n"
    )
    t = parse_report(mini_report(acts), "2022-T1")
    assert "label_value_unclear" in _blocking(t)
    t = parse_report(
        mini_report(ACTIVITY.format(members="Abidjan") + "\nAlliances\nUNDP\n"), "2022-T1"
    )
    assert "label_value_unclear" not in _blocking(t)


def test_a_title_set_inside_an_activitys_text_is_a_doubt():
    # another activity (date lost) read into this one: its bold title sits in the text
    acts = ACTIVITY.format(members="Abidjan").replace(
        "Text about it.",
        "Text about it.\n\n**CITY MANAGERS COMMUNITY 2023: KICK-OFF**\n\nMore text.",
    )
    t = parse_report(mini_report(acts), "2022-T1")
    assert "title_in_text" in _blocking(t)
    t = parse_report(mini_report(ACTIVITY.format(members="Abidjan")), "2022-T1")
    assert "title_in_text" not in _blocking(t)


def test_a_title_line_in_bold_capitals_is_no_label_and_a_sentence_is_no_member():
    from helpers.parse.activities import label_of
    from helpers.parse.text import read_lines

    assert label_of(read_lines("**CITIES: HOW CAN METROPOLISES FINANCE THEIR CLIMATE**")[0]) is None
    assert label_of(read_lines("**MEMBERS: ISTANBUL, KOCAELI**")[0])[0] == "members"
    acts = ACTIVITY.format(members="Abidjan, How can metropolises finance their transition?")
    t = parse_report(mini_report(acts), "2022-T1")
    assert "label_value_unclear" in _blocking(t)


def test_activities_naming_none_of_their_action_lines_outcomes_are_a_doubt():
    from helpers.tables.checks import action_lines
    from helpers.tables.findings import Findings

    acts = pd.DataFrame({"activity_id": ["a", "b", "c"], "title": ["A", "B", "C"],
                         "action_line": ["L1", "L1", "L2"], "source_line": [1, 2, 3]})  # fmt: skip
    read_out_of_place = pd.DataFrame({"activity_id": ["a", "b", "c"],
                                      "code": ["L2A1D1", "L3A1D1", "L2A2D2"]})  # fmt: skip
    q = Findings()
    action_lines(acts, read_out_of_place, q)
    assert [r["kind"] for r in q.rows] == ["action_line_in_doubt"]
    one_off = read_out_of_place.assign(code=["L1A1D1", "L3A1D1", "L2A2D2"])  # one cross-line
    q = Findings()
    action_lines(acts, one_off, q)
    assert q.rows == []


def test_known_members_off_the_roster_read_are_a_doubt():
    # Berlin, Toronto and Madrid took part but the roster read lacks them
    t = parse_report(_report("Abidjan, Berlin, Toronto, Madrid", "- Abidjan"), "2022-T1")
    assert "known_member_off_roster" in _blocking(t)
    t = parse_report(_report("Abidjan, Berlin, Kigali", "- Abidjan"), "2022-T1")
    assert "known_member_off_roster" not in _blocking(t)  # one known member off: a slip


def test_a_name_holding_another_members_name_is_two_names_read_as_one():
    # a roster grid's wrapped cell read across its neighbour: `Barcelona (metropolitan` /
    # `area)` around `Berlin` as one roster name; and two cells of the engagement list as one
    merged = ROSTER.replace(
        "- Mexico City", "- Mexico City\n- Barcelona (metropolitan Berlin area)"
    )
    t = parse_report(_report("Abidjan", "- Abidjan", merged), "2022-T1")
    q = t["quality"]
    found = q.loc[q["kind"] == "names_merged", "detail"].tolist()
    assert found == ["'Barcelona (metropolitan Berlin area)' in the roster holds 'Berlin', the "
                     "name of another member, with more words around it: two names were "
                     "probably read as one"]  # fmt: skip
    assert "names_merged" in _blocking(t)
    t = parse_report(_report("Abidjan", "- Abidjan\n- Cairo Berlin"), "2022-T1")
    assert "names_merged" in _blocking(t)


def test_a_roster_name_made_of_two_members_names_is_read_as_them_with_a_warning():
    # `Guadalajara (IMEPLAN)` and `Puebla`, both known to the reference data, as one name
    merged = ROSTER.replace("- Mexico City", "- Mexico City\n- Guadalajara (IMEPLAN) Puebla")
    t = parse_report(_report("Abidjan", "- Abidjan", merged), "2022-T1")
    q = t["quality"]
    assert {"Guadalajara (IMEPLAN)", "Puebla"} <= set(t["members"]["member"])
    assert "names_merged" not in set(q["kind"])
    assert q.loc[q["kind"] == "roster_name_split", "severity"].tolist() == ["warning"]


def test_a_new_members_name_or_a_known_long_name_is_no_merged_name():
    # a new member the reference data does not know, with no other member's name in it; an
    # engagement-list name on the roster that holds `Barcelona` (not checked: it is known)
    longer = ROSTER.replace("- Mexico City", "- Mexico City\n- Lakeside Harbour Region")
    t = parse_report(_report("Abidjan", "- Abidjan\n- Barcelona (metropolitan area)", longer),
                     "2022-T1")  # fmt: skip
    assert "names_merged" not in set(t["quality"]["kind"])


def test_a_media_mention_with_no_item_is_a_doubt():
    media = "\n\nMETROPOLIS IN THE MEDIA\n\nMarch\n\n**El Mundo**\n\n**El País**\nThe forum opens\n"
    t = parse_report(mini_report(ACTIVITY.format(members="Abidjan") + media), "2022-T1")
    q = t["quality"]
    assert list(t["media_mentions"]["outlet"]) == ["El Mundo", "El País"]
    assert list(q.loc[q["kind"] == "mention_without_item", "detail"]) == [
        "the media mention 'El Mundo' (March) has no item: an outlet's name over several lines "
        "was probably read as several mentions"]  # fmt: skip
    # the finding points to the outlet's line
    mundo = t["media_mentions"].loc[t["media_mentions"]["outlet"] == "El Mundo", "source_line"]
    assert list(q.loc[q["kind"] == "mention_without_item", "source_line"]) == list(mundo)
    assert "mention_without_item" in _blocking(t)
    whole = media.replace("**El Mundo**\n", "**El Mundo**\nA column on cities\n")
    t = parse_report(mini_report(ACTIVITY.format(members="Abidjan") + whole), "2022-T1")
    assert "mention_without_item" not in set(t["quality"]["kind"])


# ------------------------------------------------- a heading, a neighbour or a wrap read as a name


def _known(*names: str):
    from helpers.tables.names import NameResolver, load_affixes, load_aliases

    members = pd.DataFrame({"member": list(names), "region": ""})
    return NameResolver(members, load_aliases(), load_affixes())


def _findings(check, *args) -> list[tuple[str, str, int]]:
    from helpers.tables.findings import Findings

    q = Findings()
    check(*args, q)
    return [(r["kind"], r["detail"], r["source_line"]) for r in q.rows]


def test_a_roster_name_in_capitals_no_member_bears_is_a_heading_read_as_a_member():
    from helpers.tables.checks import heading_names

    members = pd.DataFrame({"member": ["Abidjan", "NORTH", "AND THE CARIBBEAN", "AMB"],
                            "source_line": [3, 4, 5, 6]})  # fmt: skip
    tail = "on the roster is set in capitals like a heading and no member is so named: a heading or a tile was probably read as a member"
    assert _findings(heading_names, members, _known("Abidjan", "AMB")) == [
        ("heading_on_roster", f"'NORTH' {tail}", 4),
        ("heading_on_roster", f"'AND THE CARIBBEAN' {tail}", 5),
    ]  # fmt: skip  (AMB is a member's name, in capitals)


def test_a_board_office_naming_two_members_is_a_doubt():
    from helpers.tables.checks import board_positions

    board = pd.DataFrame({
        "name": ["Claudia Sheinbaum", "Asmaa Rhlalou", "Ada Colau"],
        "position": ["Head of Government of Mexico City Monterrey", "Mayor of Rabat",
                     "Mayor of Barcelona, Barcelona (city)"],
        "source_line": [7, 9, 11],
    })  # fmt: skip
    known = _known("Mexico City", "Monterrey", "Rabat", "Barcelona (city)")
    assert _findings(board_positions, board, known) == [
        (
            "board_entry_unclear",
            "the office of board member 'Claudia Sheinbaum' names 2 members "
            "(Government of Mexico City, Monterrey): names of another list were probably read "
            "into it",  # as written: the affix table knows `Government of`
            7,
        ),
    ]  # fmt: skip  (one member named twice is one member)


def test_part_of_a_members_name_matched_to_no_member_is_a_wrapped_name_read_as_several():
    from helpers.tables.checks import name_fragments

    t = {
        "engagement_table": pd.DataFrame({
            "name_raw": ["Kathmandu", "Metropolitan City", "UN-Habitat", "Metropolitan",
                         "Mexico"],
            "member": ["Kathmandu Metropolitan City", None, None, None, None],
            "source_line": [4, 5, 6, 7, 8]}),
        "participation": pd.DataFrame({
            "name_raw": ["Metropolitan City", "Of Grand Paris"], "member": [None, None],
            "source_line": [12, 13]}),
    }  # fmt: skip
    names = ["Kathmandu Metropolitan City", "Métropole of Grand Paris", "Mexico City"]
    tail = "a name wrapped over lines was probably read as several"
    kathmandu = "is matched to no member and is part of 'Kathmandu Metropolitan City'"
    assert _findings(name_fragments, t, names) == [
        ("name_fragments", f"'Metropolitan City' {kathmandu}: {tail}", 5),
        ("name_fragments", f"'Metropolitan' {kathmandu}: {tail}", 7),
        ("name_fragments", f"'Metropolitan City' {kathmandu}: {tail}", 12),
        (
            "name_fragments",
            "'Of Grand Paris' is matched to no member and is part of "
            f"'Métropole of Grand Paris': {tail}",
            13,
        ),
    ]  # fmt: skip  (`Mexico`, a name's first word, is a name of its own: no fragment)


def test_a_web_address_on_the_roster_is_a_footer_read_as_a_member():
    from helpers.tables.checks import heading_names

    members = pd.DataFrame({"member": ["Abidjan", "metropolis.org", "info@metropolis.org",
                                       "St. Louis"], "source_line": [3, 4, 5, 6]})  # fmt: skip
    tail = "on the roster is a web or mail address: a page's footer was probably read as a member"
    assert _findings(heading_names, members, _known("Abidjan", "St. Louis")) == [
        ("heading_on_roster", f"'metropolis.org' {tail}", 4),
        ("heading_on_roster", f"'info@metropolis.org' {tail}", 5),
    ]  # fmt: skip
