"""The checks on a whole report, each on a small report or a few hand-written rows: which
finding it gives, with which words and which line (helpers.tables.checks)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.parse.report import read_report
from helpers.tables import checks
from helpers.tables.findings import Findings
from helpers.tables.names import NameResolver, load_affixes, load_aliases


def _found(q: Findings) -> list[tuple]:
    return [(r["kind"], r["detail"], r["source_line"], r["activity_id"]) for r in q.rows]


# --------------------------------------------------------------------------- nearby


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "WHO WE ARE\nAFRICA is here\nline two\n\nline three\nline four",
            "under WHO WE ARE the text reads 'AFRICA is here / line two / line three'",
        ),
        (
            "WHO WE ARE\n" + "A" * 45,
            f"under WHO WE ARE the text reads '{'A' * 40}'",
        ),
        ("x\nWHO WE ARE\n\n", "the heading WHO WE ARE (line 2) has nothing under it"),
        (
            "NOTE FROM THE SECRETARY GENERAL\na\nACTIVITIES\nx\nPROGRESS\ny",
            "no WHO WE ARE heading; the last section found is PROGRESS (line 5)",
        ),
        (
            "just text",
            "no section heading was found at all (NOTE FROM THE SECRETARY GENERAL, ACTIVITIES …)",
        ),
    ],
)
def test_what_the_text_holds_where_a_section_should_be(text, quote):
    assert checks.nearby(read_report(text, 2022), "WHO WE ARE") == quote


# --------------------------------------------------------------------------- sections


def _tables(members: int, *, deliverable: bool = True, challenges: bool = True,
            engagement: bool = True) -> dict[str, pd.DataFrame]:  # fmt: skip
    return {
        "members": pd.DataFrame({"member": [f"City {i}" for i in range(members)]}),
        "strategic_plan": pd.DataFrame(
            {"level": ["line", "action"] + (["deliverable"] if deliverable else [])}
        ),
        "challenges": pd.DataFrame({"code": ["2.3"] if challenges else []}),
        "engagement_table": pd.DataFrame({"member": ["City 1"] if engagement else []}),
    }


WHOLE = "ACTIVITIES\nx\nACTIVE LISTENING\ny\nPROGRESS\nz\nWHO WE ARE\nAFRICA\n- Abidjan"


def test_a_whole_text_with_a_real_roster_has_no_section_finding():
    q = Findings()
    checks.sections(read_report(WHOLE, 2022), _tables(checks.MIN_ROSTER), q)
    assert q.rows == []


def test_a_small_roster_and_missing_listings_are_blocking_findings():
    q = Findings()
    rec = read_report(WHOLE, 2022)
    checks.sections(rec, _tables(19, deliverable=False, challenges=False, engagement=False), q)
    near_roster = "under WHO WE ARE the text reads '- Abidjan'"  # AFRICA is a heading
    near_progress = "under PROGRESS the text reads 'z'"
    assert _found(q) == [
        ("section_too_small",
         f"the member roster has only 19 names (fewer than 20): {near_roster}", 0, None),
        ("section_missing", "no Strategic Action Plan listing (no deliverable codes such as "
         f"L1A2D4): {near_progress}", 0, None),
        ("section_missing", "no metropolitan challenges listing (lines such as '2.3 Climate "
         f"resilience'): {near_progress}", 0, None),
        ("section_missing", "no Membership engagement list: under ACTIVE LISTENING the text "
         "reads 'y'", 0, None),
    ]  # fmt: skip


def test_missing_headings_no_roster_and_sections_pasted_twice():
    q = Findings()
    rec = read_report("ACTIVITIES\nx\nPROGRESS\nz\nACTIVITIES\ny", 2022)
    checks.sections(rec, _tables(0), q)
    assert _found(q) == [
        ("heading_missing", "section heading ACTIVE LISTENING not found", 0, None),
        ("heading_missing", "section heading WHO WE ARE not found", 0, None),
        ("section_missing", "no member roster found: no WHO WE ARE heading; the last section "
         "found is PROGRESS (line 3)", 0, None),
        ("section_repeated", "the report's sections start again here (the same report pasted "
         "twice?): everything from this line on was set aside", 5, None),
    ]  # fmt: skip
    assert [r["severity"] for r in q.rows] == ["warning", "warning", "error", "error"]


@pytest.mark.parametrize(
    ("members", "previous", "found"),
    [(49, 100, True), (50, 100, False), (3, None, False), (3, 0, False)],
)
def test_a_roster_under_half_the_previous_periods(members, previous, found):
    q = Findings()
    checks.roster_against_previous(members, previous, q, "2022-T1")
    assert _found(q) == (
        [("section_too_small", f"the member roster has {members} names, under half of "
          f"2022-T1's {previous}: part of the roster was probably not read", 0, None)]
        if found else []
    )  # fmt: skip


# --------------------------------------------------------------------------- layout

LAYOUT = (
    "METROPOLIS PROGRESS REPORT\n"  # 1
    "\n"  # 2
    "ACTIVITIES\n"  # 3
    "Text before any activity here.\n"  # 4: five words before any activity
    "Short stray\n"  # 5: two words
    "ACTION LINE 1\n"  # 6
    "17 February\n"  # 7
    "CITY LAB ONE\n"  # 8
    "Text one.\n"  # 9
    "12\n"  # 10: a page number inside the activity
    "ACTION LINE 1\n"  # 11: a page header repeating the action line
    "ACTIVITIES\n"  # 12: a page header repeating the section
    "ACTIVE LISTENING\n"  # 13
    "COLLABORATION WITH ALLIANCES\n"  # 14
    "\n"  # 15: its chart lost
    "PROGRESS\n"  # 16
    "MAIN RESULTS\n"  # 17
    "42 members took part\n"  # 18: no sentence of figures
    "Metropolis Progress Report · 7\n"  # 19
    "x\n"  # 20
    "Metropolis Progress Report · 8"  # 21
)


def test_furniture_page_headers_stray_text_and_empty_sections_are_reported():
    q = Findings()
    checks.layout(read_report(LAYOUT, 2022), q)
    assert _found(q) == [
        ("page_furniture", "running header or footer 'Metropolis Progress Report · 7' dropped",
         19, None),
        ("page_furniture", "running header or footer 'Metropolis Progress Report · 8' dropped",
         21, None),
        ("page_furniture", "page number inside an activity dropped", 10, None),
        ("page_header", "repeated page header ignored", 12, None),
        ("page_header", "repeated action-line header ignored", 11, None),
        ("text_outside_activity",
         "text in ACTIVITIES before any activity: 'Text before any activity here.'", 4, None),
        ("section_empty", "MAIN RESULTS has no figures in the export (charts lost): nothing "
         "to read", 17, None),
        ("section_empty", "COLLABORATION WITH ALLIANCES has no text in the export (chart "
         "lost): alliances come from the activities", 14, None),
    ]  # fmt: skip


def test_stray_text_of_four_words_or_more_quoted_by_its_beginning():
    long = "Text before any activity that runs on for much more than sixty letters, on and on"
    text = f"ACTIVITIES\nThree words here\nFour words right here\n{long}\n17 February\nCITY LAB"
    q = Findings()
    checks.layout(read_report(text, 2022), q)
    assert _found(q) == [
        ("text_outside_activity", "text in ACTIVITIES before any activity: 'Four words right "
         "here'", 3, None),
        ("text_outside_activity", f"text in ACTIVITIES before any activity: '{long[:60]}'", 4,
         None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("results", "empty"),
    [
        ("Members took part in thirty-one activities", True),  # six words
        ("The members took part in thirty-one activities", False),  # seven
        ("short\nMAIN RESULTS\nThe members took part in thirty-one activities", False),
        ("The members took part in thirty-one activities\nMAIN RESULTS\nshort", True),
    ],
)
def test_main_results_hold_figures_in_a_sentence_of_seven_words_or_more(results, empty):
    q = Findings()
    checks.layout(read_report(f"PROGRESS\nMAIN RESULTS\n{results}", 2022), q)
    assert [r["kind"] for r in q.rows] == (["section_empty"] if empty else [])


def test_a_page_number_a_sentence_of_counts_and_alliance_text_are_no_findings():
    text = (
        "ACTIVITIES\n17 February\nCITY LAB ONE\nText.\n3\nWHO WE ARE\nAFRICA\n4\n"
        "ACTIVE LISTENING\nCOLLABORATION WITH ALLIANCES\nUCLG\n"
        "PROGRESS\nMAIN RESULTS\nThe members of Metropolis took part in 30 activities\n"
    )
    q = Findings()
    checks.layout(read_report(text, 2022), q)
    assert _found(q) == [
        ("page_furniture", "page number '3' dropped", 5, None),
        ("page_furniture", "page number '4' dropped", 8, None),
    ]


# --------------------------------------------------------------------------- reconciliation


def _eng(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["member", "source_line"])


def _part(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["member", "source_line", "activity_id"])


def test_participants_off_the_list_and_listed_members_idle():
    q = Findings()
    eng = _eng(("A", 10), ("B", 11), ("C", 12), ("D", 13), ("E", 14), (None, 15))
    part = _part(("A", 30, "a1"), ("Y", 25, "a2"), ("G", 40, "a1"), ("A", 50, "a3"),
                 (None, 45, "a2"))  # fmt: skip
    checks.engagement_reconciliation({"engagement_table": eng, "participation": part}, q)
    missing = "took part in an activity but is missing from the Membership engagement list"
    idle = "is in the Membership engagement list but took part in no activity"
    assert _found(q) == [
        ("participant_not_in_engagement_list", f"'Y' {missing}", 25, "a2"),  # by line
        ("participant_not_in_engagement_list", f"'G' {missing}", 40, "a1"),
        ("listed_member_without_activity", f"'B' {idle}", 11, None),
        ("listed_member_without_activity", f"'C' {idle}", 12, None),
        ("listed_member_without_activity", f"'D' {idle}", 13, None),
        ("listed_member_without_activity", f"'E' {idle}", 14, None),
        ("participation_in_doubt", "4 of the 5 members of the Membership engagement list "
         "took part in no activity that was read: the activities' participants were probably "
         "not all read", 11, None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("listed", "idle", "doubt"),
    [(5, 3, False), (5, 4, True), (20, 4, False), (20, 5, True)],
)
def test_participation_is_in_doubt_past_three_idle_members_and_a_fifth_of_the_list(
    listed, idle, doubt
):
    q = Findings()
    eng = _eng(*[(f"M{i}", i) for i in range(listed)])
    part = _part(*[(f"M{i}", 100 + i, "a1") for i in range(idle, listed)])
    checks.engagement_reconciliation({"engagement_table": eng, "participation": part}, q)
    assert ("participation_in_doubt" in [r["kind"] for r in q.rows]) is doubt


def test_no_engagement_list_no_reconciliation():
    q = Findings()
    part = _part(("A", 30, "a1"))
    checks.engagement_reconciliation({"engagement_table": _eng(), "participation": part}, q)
    assert q.rows == []


@pytest.mark.parametrize(("off", "found"), [(2, False), (3, True)])
def test_engagement_list_names_off_the_roster(off, found):
    names = [("Seoul", "Seoul", 10)] + [(f"Nowhere {i}", None, 20 + i) for i in range(off)]
    eng = pd.DataFrame(names, columns=["name_raw", "member", "source_line"])
    q = Findings()
    checks.engagement_on_roster({"engagement_table": eng, "members": _eng(("Seoul", 1))}, q)
    listed = ", ".join(f"'Nowhere {i}'" for i in range(min(off, 4)))
    assert _found(q) == (
        [("listed_name_not_on_roster", f"{off} names of the Membership engagement list are not "
          f"on the roster read ({listed}): the roster or the list was not read whole", 20, None)]
        if found else []
    )  # fmt: skip


def test_names_off_the_roster_are_listed_four_at_most_and_need_a_roster():
    names = [(f"Nowhere {i}", None, 20 + i) for i in range(6)]
    eng = pd.DataFrame(names, columns=["name_raw", "member", "source_line"])
    q = Findings()
    checks.engagement_on_roster({"engagement_table": eng, "members": _eng(("Seoul", 1))}, q)
    assert "('Nowhere 0', 'Nowhere 1', 'Nowhere 2', 'Nowhere 3')" in q.rows[0]["detail"]
    q = Findings()
    checks.engagement_on_roster({"engagement_table": eng, "members": _eng()}, q)
    assert q.rows == []


# --------------------------------------------------------------------------- names read as text


def test_participant_names_reading_like_text():
    part = pd.DataFrame(
        [
            ("HOW CAN METROPOLISES FINANCE THEIR CLIMATE TRANSITION?", False, 5, "a1"),
            ("Seoul and the cities of the region met in a long day", False, 6, "a1"),  # 12 words
            ("Grand Port Louis Metropolitan Area of the North", False, 7, "a1"),  # eight
            ("Welcome!", False, 8, "a2"),
            ("The end.", False, 9, "a2"),
            ("The end.", True, 10, "a2"),  # a roster member is no doubt
        ],
        columns=["name_raw", "is_member", "source_line", "activity_id"],
    )
    q = Findings()
    checks.participant_names(part, q)
    assert [(r["detail"][:20], r["source_line"], r["activity_id"]) for r in q.rows] == [
        ("'HOW CAN METROPOLISE", 5, "a1"), ("'Seoul and the citie", 6, "a1"),
        ("'Welcome!' among an ", 8, "a2"), ("'The end.' among an ", 9, "a2")]  # fmt: skip
    assert q.rows[2]["detail"] == (
        "'Welcome!' among an activity's members reads like text, not a name: the activity's "
        "text was probably read into its labels"
    )
    assert {r["kind"] for r in q.rows} == {"label_value_unclear"}


def test_alliance_names_reading_like_text():
    long = "to generate better livelihoods for food workers in the region"
    alliances = pd.DataFrame(
        [(long, 5, "a1"), ("UCLG", 6, "a1"), ("Global Taskforce of Local and Regional "
          "Governments Now", 7, "a2"), ("Global Taskforce of Local and Regional Governments "
          "Now Here", 8, "a2")],
        columns=["alliance_raw", "source_line", "activity_id"],
    )  # fmt: skip
    alliances.loc[4] = ["eThekwini Declaration", 9, "a3"]  # lower case first: read as text
    q = Findings()
    checks.alliance_names(alliances, q)
    assert [(r["source_line"], r["activity_id"]) for r in q.rows] == [(5, "a1"), (8, "a2"),
                                                                      (9, "a3")]  # fmt: skip
    assert q.rows[0]["detail"] == (
        f"'{long[:60]}' under an activity's Alliances reads like text, not a name: the "
        "activity's text was probably read into its labels"
    )


# --------------------------------------------------------------------------- action lines


def _acts(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["activity_id", "action_line", "title", "source_line"])


def _codes(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["activity_id", "code"])


def test_activities_naming_none_of_their_lines_outcomes():
    title = "CITY LAB ONE ON THE FUTURE OF METROPOLITAN GOVERNANCE IN AFRICA AND ASIA"
    acts = _acts(("a1", "L1", title, 10), ("a2", "L3", "CITY LAB TWO", 20),
                 ("a3", "L2", "FORUM", 30), ("a4", None, "NO LINE", 40),
                 ("a5", "L3", "NO CODES", 50))  # fmt: skip
    codes = _codes(("a1", "L2A1D1"), ("a1", "L3A1D1"), ("a2", "L2A2D3"), ("a3", "L2A1D1"),
                   ("a4", "L1A1D1"))  # fmt: skip
    q = Findings()
    checks.action_lines(acts, codes, q)
    assert _found(q) == [
        ("action_line_in_doubt", "2 of 4 activities name none of their action line's outcomes "
         f"(first: '{title[:50]}' under L1): the action-line headings were probably read out of "
         "place", 10, "a1")]  # fmt: skip


@pytest.mark.parametrize(
    ("off", "on", "doubt"),
    [(1, 0, False), (1, 9, False), (2, 5, True), (2, 6, True), (2, 60, True), (3, 8, True)],
)  # two at least, whatever their share: the four reports have none
def test_action_lines_in_doubt_from_two_activities(off, on, doubt):
    rows = [(f"off{i}", "L1", "X", i) for i in range(off)] + [
        (f"on{i}", "L1", "Y", 100 + i) for i in range(on)]  # fmt: skip
    codes = [(a, "L2A1D1" if a.startswith("off") else "L1A1D1") for a, *_ in rows]
    q = Findings()
    checks.action_lines(_acts(*rows), _codes(*codes), q)
    assert bool(q.rows) is doubt


# --------------------------------------------------------------------------- reference data


def _resolver(*members: str) -> NameResolver:
    roster = pd.DataFrame({"member": list(members), "region": [""] * len(members)})
    return NameResolver(roster, load_aliases(), load_affixes())


def test_known_members_off_the_roster_past_two():
    known = _resolver("Berlin", "Seoul", "Tehran", "Rabat")
    part = pd.DataFrame(
        {"name_raw": ["Abidjan", "Berlin", "Seoul", "Seoul", "Nowhere", "Tehran"],
         "is_member": [True, False, False, False, False, False]}
    )  # fmt: skip
    q = Findings()
    checks.known_members_off_roster(part, known, q)
    assert _found(q) == [
        ("known_member_off_roster", "3 members that took part are not on the roster that was "
         "read (Berlin, Seoul, Tehran): the roster was probably not read whole", 0, None)]  # fmt: skip
    q = Findings()
    checks.known_members_off_roster(part[part["name_raw"] != "Tehran"], known, q)
    assert q.rows == []  # two are not past two
    q = Findings()
    checks.known_members_off_roster(part.assign(is_member=False), known, q)
    assert q.rows == []  # no roster at all: another finding says so


def test_known_members_off_the_roster_named_five_at_most():
    names = ["Berlin", "Seoul", "Tehran", "Rabat", "Lima", "Quito"]
    part = pd.DataFrame({"name_raw": ["Abidjan", *names], "is_member": [True] + [False] * 6})
    q = Findings()
    checks.known_members_off_roster(part, _resolver(*names), q)
    assert q.rows[0]["detail"] == (
        "6 members that took part are not on the roster that was read (Berlin, Lima, Quito, "
        "Rabat, Seoul): the roster was probably not read whole"
    )


def test_roster_members_without_a_location():
    members = pd.DataFrame({"member": ["Seoul", "Atlantis"], "region": ["Asia-Pacific", "Europe"],
                            "source_line": [4, 9]})  # fmt: skip
    locations = pd.DataFrame({"member": ["Seoul"], "latitude": [37.5], "longitude": [127.0],
                              "source": ["test"]})  # fmt: skip
    q = Findings()
    checks.member_locations(members, locations, q)
    assert _found(q) == [
        ("member_without_location", "'Atlantis' is on the roster but has no coordinates, so "
         "the world map leaves it out: add a row for it to "
         "data/reference/member_locations.csv", 9, None)]  # fmt: skip
    q = Findings()
    checks.member_locations(members[["member"]], locations, q)
    assert [r["source_line"] for r in q.rows] == [0]


def test_the_blocking_findings_a_period_was_accepted_with():
    quality = pd.DataFrame(
        [("error", "section_missing", "no roster"), ("warning", "unmatched_name", "x"),
         ("error", "bad_date", "31 February"), ("error", "title_in_text", "a title"),
         ("warning", "section_missing", "not an error")],
        columns=["severity", "kind", "detail"],
    )  # fmt: skip
    assert checks.accepted_errors(quality) == ["no roster", "a title"]


def test_words_the_layout_reading_lost():
    q = Findings()
    checks.second_reading("Seoul Tehran", None, q)
    checks.second_reading("Seoul Tehran", "Seoul Tehran", q)
    assert q.rows == []
    plain = "Seoul Tehran Alpha Bravo Charlie Delta Echo Foxtrot"
    checks.second_reading("Seoul Tehran", plain, q)
    assert _found(q) == [
        ("reading_lost_text", "the PDF's text layer holds 6 word(s) that the reading of its "
         "layout did not place ('Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'): a figure may "
         "be missing", 0, None)]  # fmt: skip


def test_names_in_an_office_read_whole_from_its_first_word_punctuation_aside():
    known = _resolver("Mexico City", "Monterrey", "Rabat", "Dakar")
    assert checks._names_in("Mexico City Monterrey", known) == ["Mexico City", "Monterrey"]
    assert checks._names_in("Mayor of (Rabat), Dakar.", known) == ["Rabat", "Dakar"]
    assert checks._names_in("Mayors Rabat Dakar", known) == ["Rabat", "Dakar"]  # word by word
    assert checks._names_in("Mayor of the city", known) == []


def test_an_office_naming_two_members_is_a_doubt_naming_the_seat_cut_at_40():
    known = _resolver("Mexico City", "Monterrey")
    name = "Claudia Sheinbaum Pardo de la Ciudad de Todos Ejemplo"  # 53 characters
    board = pd.DataFrame({"name": [name, "Ana Lopez"], "source_line": [12, 14],
                          "position": ["Head of Government of Mexico City Monterrey",
                                       "Head of Government of Mexico City"]})  # fmt: skip
    q = Findings()
    checks.board_positions(board, known, q)  # `Government of` is an affix the resolver drops
    assert _found(q) == [
        ("board_entry_unclear", f"the office of board member '{name[:40]}' names 2 members "
         "(Government of Mexico City, Monterrey): names of another list were probably read into it", 12,
         None)]  # fmt: skip
