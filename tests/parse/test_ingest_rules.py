"""Short excerpts, each with the rows a person reads from it."""

from datetime import date

import pytest

from helpers.errors import UserError
from helpers.ingest import parse_report
from tests.conftest import mini_report


def parse(activities: str, **kw):
    return parse_report(mini_report(activities, **kw), "2022-T1")


def rows(t, table, *cols):
    return [tuple(r) for r in t[table][list(cols)].itertuples(index=False)]


PLAIN = """15–16 February

UCLG-MEWA RETREAT

The Retreat took place in Kocaeli.

Members
Seoul, Bruxelles

Outcomes
L1A2D4, L2A2D3

Metropolitan challenges
1.1 Combating inequalities and segregation
2.3 Climate resilience

Alliances
UCLG – MEWA
"""


def test_plain_labels_values_on_next_lines():
    t = parse(PLAIN)
    a = t["activities"].iloc[0]
    assert (a.title, a.start_date.date(), a.end_date.date()) == (
        "UCLG-MEWA RETREAT", date(2022, 2, 15), date(2022, 2, 16))  # fmt: skip
    assert a.description == "The Retreat took place in Kocaeli."
    assert rows(t, "participation", "name_raw", "member", "match") == [
        ("Seoul", "Seoul", "exact"), ("Bruxelles", "Brussels", "alias")]  # fmt: skip
    assert rows(t, "activity_outcomes", "code", "known") == [("L1A2D4", True), ("L2A2D3", True)]
    assert rows(t, "activity_challenges", "code") == [("1.1",), ("2.3",)]
    # named as data/reference/alliance_aliases.csv names it, the spelling kept as written
    assert rows(t, "activity_alliances", "alliance", "alliance_raw") == [
        ("UCLG-MEWA", "UCLG – MEWA")
    ]


def test_bold_labels_with_colon_and_value_on_the_same_line():
    t = parse("""3 March–11 May

CALL FOR PROPOSALS

Text.

**Members:** Cairo, Rabat

**Outcomes:** L2A2D3

Metropolitan challenges: 2.3 Climate resilience

Alliances: UCLG, UCLG Africa
""")
    assert rows(t, "participation", "member") == [("Cairo",), ("Rabat",)]
    assert rows(t, "activity_outcomes", "code") == [("L2A2D3",)]
    assert rows(t, "activity_challenges", "code") == [("2.3",)]
    assert rows(t, "activity_alliances", "alliance") == [("UCLG",), ("UCLG Africa",)]
    a = t["activities"].iloc[0]
    assert (a.start_date.date(), a.end_date.date()) == (date(2022, 3, 3), date(2022, 5, 11))


def test_bold_labels_values_after_blank_lines_and_bullets_with_trailing_commas():
    t = parse("""4–5 April

PUBLIC SPACE CAMPAIGN

Body text here.

 **Members**

- Seoul,
- Grand Paris,
- Montreal

 **Outcomes**


L1A2D4

Metropolitan challenges:

- 1.1 Combating inequalities and segregation,
- 2.3 Climate resilience
""")
    assert rows(t, "participation", "name_raw", "member") == [
        ("Seoul", "Seoul"), ("Grand Paris", "Greater Paris"), ("Montreal", "Montréal")]  # fmt: skip
    assert rows(t, "activity_challenges", "code") == [("1.1",), ("2.3",)]


def test_members_spread_over_several_lines():
    t = parse("""1-25 April

BOARD MEETING

Members
Abidjan, Barcelona (área metropolitana),
Barcelona (ciudad), Bruxelles,
Ciudad de México

Outcomes
L1A2D4
""")
    assert [m for (m,) in rows(t, "participation", "member")] == [
        "Abidjan", "Barcelona (metropolitan area)", "Barcelona (city)", "Brussels", "Mexico City"]  # fmt: skip


def test_crlf_non_breaking_spaces_and_page_headers():
    text = mini_report("""19 – 21 July

SUMMER\u00a0SCHOOL

First paragraph.

ACTIVITIES

Second paragraph.

Members
Kathmandu\u00a0Metropolitan City, Tehran

Outcomes
L2A2D3
""").replace("\n", "\r\n")
    t = parse_report(text, "2022-T2")
    a = t["activities"].iloc[0]
    assert a.title == "SUMMER SCHOOL"
    assert (a.start_date.date(), a.end_date.date()) == (date(2022, 7, 19), date(2022, 7, 21))
    assert a.description == "First paragraph.\n\nSecond paragraph."
    assert rows(t, "participation", "member") == [("Kathmandu",), ("Tehran",)]
    assert "page_header" in set(t["quality"]["kind"])


def test_findings_for_unknown_codes_unmatched_names_dates_and_missing_outcomes():
    t = parse("""17 February

WEBINAR

Members
Rabat, Abdijan, Kigali

Outcomes
L3A1D4

Metropolitan challenges
9.9 Something new

18 September

STUDY

Text.
""")
    q = t["quality"]
    kinds = set(q["kind"])
    assert {"unknown_outcome_code", "unknown_challenge_code", "not_a_member", "automatic_match",
            "date_outside_period", "no_outcome_code"} <= kinds  # fmt: skip
    assert "unmatched_name" not in kinds  # Kigali is like no roster name: no alias to add
    part = t["participation"]
    assert part["name_raw"].tolist() == ["Rabat", "Abdijan", "Kigali"]
    assert part["member"].tolist()[:2] == ["Rabat", "Abidjan"] and part["member"].isna().tolist()[2]
    assert part["is_member"].tolist() == [True, True, False]
    assert rows(t, "activity_outcomes", "code", "known") == [("L3A1D4", False)]
    assert rows(t, "activity_challenges", "code", "known") == [("9.9", False)]
    assert t["activities"]["in_period"].tolist() == [True, False]
    unmatched = q[q.kind == "not_a_member"]
    assert "Kigali" in unmatched["detail"].iloc[0] and unmatched["source_line"].iloc[0] > 0


def test_action_lines_from_interleaved_headers():
    t = parse("""ACTION LINE 1

L1 Metropolitan diplomacy

3 February

FIRST

Outcomes
L2A2D3

ACTION LINE 2

L2 Capacities

4 February

SECOND

Outcomes
L1A2D4
""")
    # the section decides, not the codes
    assert t["activities"]["action_line"].tolist() == ["L1", "L2"]


def test_an_activity_before_the_first_action_line_header_has_no_line_and_the_text_is_read():
    # before: the action-line check read the missing line as text and stopped with a traceback
    t = parse("""10 March

CITY LAB

Text.

Outcomes
L2A2D3

ACTION LINE 1

11 March

FORUM ONE

Text.

Outcomes
L1A2D4

ACTION LINE 2

12 March

FORUM TWO

Text.

Outcomes
L2A2D3
""")
    assert t["activities"]["action_line"].fillna("none").tolist() == ["none", "L1", "L2"]
    kinds = set(t["quality"]["kind"])
    assert "action_line_unknown" in kinds and "action_line_in_doubt" not in kinds


def test_action_lines_inferred_when_headers_are_bunched():
    t = parse("""ACTION LINE 2

L2 Capacities

ACTION LINE 1

L1 Diplomacy

3 February

FIRST

Outcomes
L1A2D4

4 March

SECOND

9 February

THIRD

Outcomes
L2A2D3
""")
    # SECOND has no code: it belongs to the L1 run, because the dates restart at THIRD
    assert t["activities"]["action_line"].tolist() == ["L1", "L1", "L2"]
    assert "action_line_inferred" in set(t["quality"]["kind"])


def test_plan_and_challenge_listings():
    t = parse(PLAIN)
    plan = t["strategic_plan"]
    assert plan["code"].tolist() == ["L1", "L1A2", "L1A2D4", "L2", "L2A2", "L2A2D3"]
    assert plan.set_index("code").loc["L1A2D4", ["level", "parent", "line"]].tolist() == [
        "deliverable", "L1A2", "L1"]  # fmt: skip
    assert t["challenges"].set_index("code")["title"].to_dict() == {
        "1.1": "Combating inequalities and segregation", "2.3": "Climate resilience"}  # fmt: skip


def test_roster_and_board():
    t = parse(PLAIN)
    assert t["members"].groupby("region").size().to_dict() == {
        "Africa": 4, "Asia-Pacific": 3, "Europe": 4, "North America": 2}  # fmt: skip
    assert rows(t, "board", "name", "role", "role_raw", "member", "region") == [
        ("Asmaa Rhlalou", "Member", "MEMBER", "Rabat", "Africa")]  # fmt: skip


def test_date_and_title_on_one_line():
    t = parse("""15 June – UCLG WORLD COUNCIL

Text.

Outcomes: L1A2D4
""")
    a = t["activities"].iloc[0]
    assert (a.title, a.start_date.date()) == ("UCLG WORLD COUNCIL", date(2022, 6, 15))


@pytest.mark.parametrize(
    "text", ["", "just some words\nwith no structure", "ACTIVITIES\n\nnothing"]
)
def test_text_without_activities_is_a_user_error(text):
    with pytest.raises(UserError, match="no activities found"):
        parse_report(text, "2022-T1")


def test_malformed_period_is_a_user_error():
    with pytest.raises(UserError, match="not a period id"):
        parse_report(mini_report(PLAIN), "2022-Q1")


def test_export_variants_weekday_dates_notes_and_challenge_titles():
    t = parse("""Tuesday 15 February

WEEKDAY WEBINAR

Members: Seoul (online), Tehran

Outcomes: L1A2D4

Metropolitan challenges
Climate resilience

15/16 March

SLASH DATES

Outcomes: L1A2D4
""")
    a = t["activities"]
    assert [d.date() for d in a["start_date"]] == [date(2022, 2, 15), date(2022, 3, 15)]
    assert a["end_date"].iloc[1].date() == date(2022, 3, 16)
    assert rows(t, "participation", "name_raw", "member") == [
        ("Seoul (online)", "Seoul"), ("Tehran", "Tehran")]  # fmt: skip
    assert rows(t, "activity_challenges", "code", "known") == [("2.3", True)]


def test_title_case_headings_comma_roster_bulleted_media_and_follower_phrases():
    roster = """Who we are

AFRICA

Abidjan, Cairo, Rabat

EUROPE

- Brussels
"""
    activities = (
        PLAIN
        + """
METROPOLIS IN THE MEDIA

March

- **El Tiempo** – Metropolis Blog
- Urban Brussels: comparative study

Followers on social media

24.6K followers on Twitter

1,250 LinkedIn
"""
    )
    t = parse(activities, roster=roster)
    assert rows(t, "members", "member", "region") == [
        ("Abidjan", "Africa"), ("Cairo", "Africa"), ("Rabat", "Africa"), ("Brussels", "Europe")]  # fmt: skip
    assert rows(t, "media_mentions", "month", "outlet", "item") == [
        ("March", "El Tiempo", "Metropolis Blog"), ("March", "Urban Brussels", "comparative study")]  # fmt: skip
    assert rows(t, "social_followers", "platform", "followers") == [
        ("Twitter", 24600), ("LinkedIn", 1250)]  # fmt: skip


def test_page_numbers_inside_lists_and_descriptions_are_dropped():
    t = parse("""3 February

PAGE BREAKS

The text goes on

11

after a page break.

Members
Seoul, Tehran,

10

Cairo
""")
    assert rows(t, "participation", "member") == [("Seoul",), ("Tehran",), ("Cairo",)]
    assert t["activities"]["description"].iloc[0] == "The text goes on\n\nafter a page break."


def test_a_list_item_with_no_letters_is_a_finding_not_a_silent_drop():
    t = parse("""3 February

DASHES

Members
Seoul, —, 2022, Tehran

Outcomes
L1A2D4
""")
    assert rows(t, "participation", "member") == [("Seoul",), ("Tehran",)]
    q = t["quality"]
    found = q.loc[q["kind"] == "list_item_without_letters", "detail"].tolist()
    assert sorted(found) == ["'2022' under Members is not a name: left out",
                             "'—' under Members is not a name: left out"]  # fmt: skip
