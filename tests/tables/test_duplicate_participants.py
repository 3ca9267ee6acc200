"""A participant listed twice in one activity (same spelling, or two spellings of one member)
is one participation row and an info finding, and every count counts the member once."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import engagement
from helpers.ingest import parse_report
from tests.conftest import mini_report

REPORT = mini_report("""10 March

CITY LAB

Text.

Members
Seoul, Kathmandu, Seoul

Outcomes
L2A2D3

12 March

STUDY TOUR

Text.

Members
Bruxelles, Brussels, Montreal, Montréal, Kigali, Kigali

Outcomes
L2A2D3
""")


def test_a_participant_listed_twice_is_one_row_and_a_finding():
    t = parse_report(REPORT, "2022-T1")
    part = t["participation"]
    got = list(zip(part["activity_id"], part["name_raw"], part["member"].fillna("-"), strict=True))
    assert got == [
        ("2022-T1-01", "Seoul", "Seoul"),
        ("2022-T1-01", "Kathmandu", "Kathmandu"),
        ("2022-T1-02", "Bruxelles", "Brussels"),  # first spelling kept
        ("2022-T1-02", "Montreal", "Montréal"),
        ("2022-T1-02", "Kigali", "-"),  # not a member: one row too
    ]
    q = t["quality"]
    dup = q[q["kind"] == "duplicate_participant"]
    assert set(dup["severity"]) == {"info"}
    assert sorted(zip(dup["activity_id"], dup["detail"], strict=True)) == [
        ("2022-T1-01", "'Seoul' listed twice"),
        ("2022-T1-02", "'Brussels' listed twice"),
        ("2022-T1-02", "'Kigali' listed twice"),
        ("2022-T1-02", "'Montréal' listed twice"),
    ]


def test_counts_count_a_member_listed_twice_once():
    t = parse_report(REPORT, "2022-T1")
    head = engagement.headline(t)
    assert head["members_engaged"] == 4  # Seoul, Kathmandu, Brussels, Montréal
    assert head["non_member_participants"] == 1  # Kigali
    per = engagement.per_member(t).set_index("member")["activities"].to_dict()
    assert per == {"Brussels": 1, "Kathmandu": 1, "Montréal": 1, "Seoul": 1}
    dist = dict(
        zip(*engagement.participation_distribution(t).to_dict("list").values(), strict=True)
    )
    assert dist[1] == 4 and max(dist) == 1
    region = engagement.by_region(t).set_index("region")["engaged"].to_dict()
    assert (region["Asia-Pacific"], region["Europe"], region["North America"]) == (2, 1, 1)


def test_counts_count_once_even_if_the_table_holds_a_duplicate_row():
    t = dict(parse_report(REPORT, "2022-T1"))
    part = t["participation"]
    t["participation"] = pd.concat([part, part.iloc[[0]]], ignore_index=True)  # Seoul again
    assert engagement.headline(t)["members_engaged"] == 4
    assert engagement.per_member(t).set_index("member").loc["Seoul", "activities"] == 1
    pairs = engagement.co_participation(t)
    assert (pairs.loc["Seoul", "Kathmandu"], pairs.loc["Seoul", "Seoul"]) == (1, 1)
