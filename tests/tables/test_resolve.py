"""Names as listed → members (helpers.tables.resolve), against a hand-written roster with no
alias table: findings for automatic and failed matches, split, joined and segmented names."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.tables.findings import Findings
from helpers.tables.names import NameResolver
from helpers.tables.resolve import all_known, join_broken, resolve, segment_row, split_names
from tests.tables.test_names import BASIC, roster

ROSTER = pd.DataFrame(
    {
        "member": ["Abidjan", "Seoul", "Tehran", "Greater Paris", "Kathmandu Metropolitan City",
                   "Montréal", "Busan", "Rabat"],
        "region": ["Africa", "Asia-Pacific", "Asia-Pacific", "Europe", "Asia-Pacific",
                   "North America", "Asia-Pacific", "Africa"],
    }
)  # fmt: skip
ALIASES = pd.DataFrame({"alias": ["Grand Paris"], "member": ["Greater Paris"]})


@pytest.fixture
def r() -> NameResolver:
    return NameResolver(ROSTER, ALIASES)


def test_exact_and_alias_matches_are_silent(r):
    q = Findings()
    assert resolve(r, "Seoul", q, 3, "A1").member == "Seoul"
    assert resolve(r, "Grand Paris", q, 4, "A1").member == "Greater Paris"
    assert q.rows == []


def test_close_spelling_is_a_warning(r):
    q = Findings()
    m = resolve(r, "Abdijan", q, 7, "activity 2022-T1-01 members", activity="2022-T1-01")
    assert (m.member, m.how) == ("Abidjan", "fuzzy")
    assert q.rows == [
        {
            "severity": "warning",
            "kind": "automatic_match",
            "activity_id": "2022-T1-01",
            "detail": "activity 2022-T1-01 members: 'Abdijan' matched to 'Abidjan' by close "
            "spelling: confirm, or add an alias",
            "source_line": 7,
        }
    ]


def test_folded_match_is_info(r):
    q = Findings()
    assert resolve(r, "MONTREAL", q, 9, "roster").member == "Montréal"
    assert q.rows == [
        {
            "severity": "info",
            "kind": "folded_match",
            "activity_id": None,
            "detail": "roster: 'MONTREAL' matched to 'Montréal' ignoring accents, case or affixes",
            "source_line": 9,
        }
    ]


@pytest.mark.parametrize(
    ("unmatched", "severity"),
    [("not_a_member", "info"), ("bilateral_counterpart_not_member", "info")],
)
def test_a_name_nowhere_near_the_roster_is_not_a_member(r, unmatched, severity):
    """Kigali is like no roster name: the kind asked (nothing to do), never "add an alias"."""
    q = Findings()
    m = resolve(r, "Kigali", q, 11, "board", activity="x", unmatched=unmatched)
    assert m.member is None
    assert q.rows == [
        {
            "severity": severity,
            "kind": unmatched,
            "activity_id": "x",
            "detail": "board: 'Kigali' is not on the roster and no roster name is close to it: "
            "not a member",
            "source_line": 11,
        }
    ]
    assert "alias" not in q.rows[0]["detail"]


def test_unmatched_default_is_not_a_member_for_information(r):
    q = Findings()
    resolve(r, "Kigali", q, 1, "w")
    assert (q.rows[0]["kind"], q.rows[0]["severity"]) == ("not_a_member", "info")


@pytest.mark.parametrize("unmatched", ["not_a_member", "bilateral_counterpart_not_member"])
def test_a_name_close_to_a_roster_name_is_told_to_add_an_alias(r, unmatched):
    """Pusan (Busan's old spelling) is too short for an automatic match but alike enough
    (similarity 80) to be Busan: a warning under Add an alias, naming the member."""
    q = Findings()
    m = resolve(r, "Pusan", q, 12, "activity 'X'", unmatched=unmatched)
    assert (m.member, m.how) == (None, "none")
    assert q.rows == [
        {
            "severity": "warning",
            "kind": "unmatched_name",
            "activity_id": None,
            "detail": "activity 'X': 'Pusan' is not on the roster but is close to 'Busan': if it "
            "is that member, add the spelling to data/reference/member_aliases.csv",
            "source_line": 12,
        }
    ]


def test_all_known(r):
    assert all_known([("Seoul", 1), ("Grand Paris", 2), ("MONTREAL", 3)], r) is True
    assert all_known([("Seoul", 1), ("Abdijan", 2)], r) is False  # close spelling is a guess
    assert all_known([("Seoul", 1), ("Kigali", 2)], r) is False
    assert all_known([], r) is False


def test_split_names_only_when_every_part_is_a_member(r):
    items = [("Seoul and Tehran", 1), ("Seoul & Rabat", 2), ("Seoul and Kigali", 3), ("Busan", 4)]
    assert split_names(items, r) == [
        ("Seoul", 1),
        ("Tehran", 1),
        ("Seoul", 2),
        ("Rabat", 2),
        ("Seoul and Kigali", 3),
        ("Busan", 4),
    ]


def test_a_member_whose_name_holds_and_is_kept_whole():
    roster = pd.DataFrame(
        {"member": ["Trinidad and Tobago", "Trinidad", "Tobago"], "region": ["X", "X", "X"]}
    )
    r = NameResolver(roster)
    assert split_names([("Trinidad and Tobago", 5)], r) == [("Trinidad and Tobago", 5)]


def test_join_broken_across_lines(r):
    items = [("Grand", 1), ("Paris", 2), ("Kathmandu", 3), ("Metropolitan City", 4), ("Seoul", 5)]
    assert join_broken(items, r) == [
        ("Grand Paris", 1),
        ("Kathmandu Metropolitan City", 3),
        ("Seoul", 5),
    ]


def test_join_broken_not_on_one_line_nor_when_the_second_is_a_member(r):
    assert join_broken([("Grand", 1), ("Paris", 1)], r) == [("Grand", 1), ("Paris", 1)]
    roster = pd.DataFrame({"member": ["Rio", "Rio Grande", "Grande"], "region": ["X"] * 3})
    r2 = NameResolver(roster)
    assert join_broken([("Rio", 1), ("Grande", 2)], r2) == [("Rio", 1), ("Grande", 2)]
    assert join_broken([("Busan", 1), ("Abidjan", 2)], r) == [("Busan", 1), ("Abidjan", 2)]


def test_join_broken_with_own_known_names():
    known = {"UCLG Africa", "UCLG"}.__contains__
    assert join_broken([("UCLG", 1), ("Africa", 2), ("UN", 3)], known=known) == [
        ("UCLG Africa", 1),
        ("UN", 3),
    ]


def test_segment_row_into_roster_names(r):
    row = [("Abidjan Busan Grand Paris Kathmandu Metropolitan City", 8)]
    assert segment_row(row, r) == [
        ("Abidjan", 8),
        ("Busan", 8),
        ("Grand Paris", 8),
        ("Kathmandu Metropolitan City", 8),
    ]


def test_segment_row_keeps_names_and_rows_it_cannot_explain(r):
    assert segment_row([("Seoul", 1), ("Greater Paris", 2)], r) == [
        ("Seoul", 1),
        ("Greater Paris", 2),
    ]
    assert segment_row([("Abidjan Busan Lagos", 3)], r) == [("Abidjan Busan Lagos", 3)]
    assert segment_row([("Lagos Accra", 4)], r) == [("Lagos Accra", 4)]


def test_segment_row_prefers_fewer_longer_names():
    roster = pd.DataFrame(
        {"member": ["Grand", "Paris", "Grand Paris", "Rabat"], "region": ["X"] * 4}
    )
    r = NameResolver(roster)
    # "Grand" + "Paris" explain as many words as "Grand Paris": one name fewer wins
    assert segment_row([("Rabat Grand Paris", 6)], r) == [("Rabat", 6), ("Grand Paris", 6)]


def test_segment_row_names_of_up_to_five_words():
    five = "One Two Three Four Five"
    roster = pd.DataFrame({"member": [five, "Rabat"], "region": ["X", "X"]})
    r = NameResolver(roster)
    assert segment_row([(f"Rabat {five}", 2)], r) == [("Rabat", 2), (five, 2)]
    six = "A B C D E F"
    r6 = NameResolver(pd.DataFrame({"member": [six, "Rabat"], "region": ["X", "X"]}))
    assert segment_row([(f"Rabat {six}", 2)], r6) == [(f"Rabat {six}", 2)]


# --------------------------------------------------------------------------------------------
# Small hand-made cases for rules the tests above leave open (first found by `make mutation`,
# docs/mutation.md); every expected value is read from the rows written in the test.


# --------------------------------------------------------------------------- resolve.py


def test_a_folded_match_finding_names_the_activity():
    q = Findings()
    resolve(BASIC, "MONTREAL", q, 12, "Participants", activity="A7")
    assert len(q.rows) == 1
    row = q.rows[0]
    assert (row["severity"], row["kind"], row["activity_id"], row["source_line"]) == (
        "info", "folded_match", "A7", 12)  # fmt: skip


SEG = NameResolver(
    roster(("Abidjan", "Africa"), ("Seoul", "Asia"), ("Lisbon", "Europe"),
           ("Santo", "Americas"), ("Santo Domingo", "Americas"), ("Domingo Este", "Americas"),
           ("Este", "Americas")),
)  # fmt: skip


def test_segment_row_splits_two_names_and_keeps_the_others():
    items = [("Seoul", 1), ("Abidjan Lisbon", 2), ("Kigali Seoul", 3)]
    assert segment_row(items, SEG) == [("Seoul", 1), ("Abidjan", 2), ("Lisbon", 2),
                                       ("Kigali Seoul", 3)]  # fmt: skip


def test_segment_row_of_equal_splits_keeps_the_first_found():
    # Santo + Domingo Este and Santo Domingo + Este explain the same three words
    assert segment_row([("Santo Domingo Este", 4)], SEG) == [("Santo", 4), ("Domingo Este", 4)]
