"""The close-spelling safeguards on real pairs of the 2022-T1 roster: a name equally close to
two members matches neither, a near miss with another first letter is no match, and real
misspellings and other-language spellings still match (docs/assumptions.md, "Names")."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.ingest import parse_report
from helpers.tables.names import NameResolver, load_affixes, load_aliases


@pytest.fixture(scope="module")
def resolver(t1):
    return NameResolver(t1["members"][["member", "region"]], load_aliases(), load_affixes())


def test_the_pairs_used_here_are_on_the_2022t1_roster(t1):
    roster = set(t1["members"]["member"])
    pairs = {"Nanjing", "Nanning", "Changsha", "Changchun", "Jakarta", "Gwangju", "Tabriz",
             "Barcelona (city)", "Barcelona (metropolitan area)", "Tehran", "Marrakech",
             "Bucharest", "Montevideo", "Guadalajara", "Guadalajara (IMEPLAN)", "Incheon"}  # fmt: skip
    assert pairs <= roster
    assert not {"Nanking", "Changshu", "Djakarta", "Kwangju", "Barcelona"} & roster


@pytest.mark.parametrize(
    "name, why",
    [
        ("Nanking", "one letter from Nanjing and one from Nanning"),
        ("Nanxing", "one letter from Nanjing and one from Nanning"),
        ("Nanjin", "one from Nanjing, two from Nanning: a runner-up that close"),
        ("Changshu", "a city that is no member: one from Changsha, two from Changchun"),
        ("Barcleona", "two Barcelona members: bare Barcelona, misspelt, is neither"),
        ("Barcelona", "two Barcelona members"),
    ],
)
def test_equally_close_to_two_members_is_no_automatic_match(resolver, name, why):
    m = resolver.resolve(name)
    assert (m.member, m.how) == (None, "none"), why


@pytest.mark.parametrize(
    "name, close_to",
    [
        ("Djakarta", "Jakarta"),  # the old spelling: one letter added in front
        ("Kwangju", "Gwangju"),  # the old romanisation: one letter changed in front
        ("Sabriz", "Tabriz"),
    ],
)
def test_a_near_miss_with_another_first_letter_is_not_matched(resolver, name, close_to):
    assert resolver.resolve(name).member is None, f"{name} must not become {close_to}"


@pytest.mark.parametrize(
    "name, member",
    [
        ("Teheran", "Tehran"),
        ("Marrakesh", "Marrakech"),
        ("Bucarest", "Bucharest"),
        ("Montevidoe", "Montevideo"),
        ("Guadalajra", "Guadalajara"),  # not the IMEPLAN member
        ("Inchon", "Incheon"),
        ("Barcleona (city)", "Barcelona (city)"),
        ("Changchung", "Changchun"),
    ],
)
def test_a_misspelling_close_to_one_member_matches_it(resolver, name, member):
    m = resolver.resolve(name)
    assert (m.member, m.how) == (member, "fuzzy")


def test_in_a_report_safeguarded_names_are_findings_and_no_participation(text_2022t1):
    listed = "Barcelona (city), Cairo, Seoul\n"
    assert text_2022t1.count(listed) == 1
    text = text_2022t1.replace(
        listed, "Barcelona (city), Cairo, Seoul, Nanking, Djakarta, Teheran\n"
    )
    t = parse_report(text, "2022-T1")
    part = t["participation"]
    rows = part[part["name_raw"].isin(["Nanking", "Djakarta", "Teheran"])]
    got = {
        n: (None if pd.isna(m) else m)
        for n, m in zip(rows["name_raw"], rows["member"], strict=True)
    }
    assert got == {"Nanking": None, "Djakarta": None, "Teheran": "Tehran"}
    q = t["quality"]

    def finding(name):
        hit = q[q["detail"].str.contains(f"'{name}'", regex=False)]
        return sorted(zip(hit["severity"], hit["kind"], strict=True))

    assert finding("Nanking") == [("warning", "unmatched_name")]
    assert finding("Djakarta") == [("warning", "unmatched_name")]
    assert finding("Teheran") == [("warning", "automatic_match")]
