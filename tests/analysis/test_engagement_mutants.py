"""Engagement: edge cases on tiny plain frames (only the columns each function reads), each
expectation counted by hand from the rows written next to it."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import engagement as eng


def make(members=(), acts=(), part=(), alli=(), board=(), elist=()) -> dict[str, pd.DataFrame]:
    """members (member, region); acts (activity_id, title, start (= end), in_period); part (activity_id,
    name_raw, member); alli (activity_id, alliance); board (name, member); elist (name_raw,
    member)."""
    return {
        "members": pd.DataFrame(list(members), columns=["member", "region"], dtype=object),
        "activities": pd.DataFrame(
            [(a, t, pd.Timestamp(s), pd.Timestamp(s), p) for a, t, s, p in acts],
            columns=["activity_id", "title", "start_date", "end_date", "in_period"],
        ),
        "participation": pd.DataFrame(
            [(a, n, m, m is not None) for a, n, m in part],
            columns=["activity_id", "name_raw", "member", "is_member"],
        ).astype({"activity_id": object, "name_raw": object, "member": object}),
        "activity_alliances": pd.DataFrame(
            list(alli), columns=["activity_id", "alliance"], dtype=object
        ),
        "board": pd.DataFrame(
            [(n, "MEMBER", m, None) for n, m in board],
            columns=["name", "role", "member", "region"],
            dtype=object,
        ),
        "engagement_table": pd.DataFrame(list(elist), columns=["name_raw", "member"], dtype=object),
    }


# --------------------------------------------------------------------------- helpers / tables


def test_roster_first_region_wins_for_a_member_listed_twice():
    t = make(members=[("Oslo", "Europe"), ("Oslo", "Africa"), ("Lima", "Europe")])
    assert eng.headline(t)["roster_size"] == 2
    assert eng.by_region(t)["roster_size"].tolist() == [2]  # Europe only


def test_headline_duplicate_activity_rows_and_missing_flags():
    t = make(
        members=[("Oslo", "Europe")],
        acts=[
            ("a1", "One", "2022-01-01", True),
            ("a1", "One again", "2022-01-02", True),
            ("a2", "Two", "2022-01-03", False),
        ],
        part=[("a1", "Oslo", "Oslo"), ("a2", "Kigali", None), ("a2", "Nowhere", None)],
    )
    # in_period missing for a2 counts as outside; is_member missing counts as non-member
    t["activities"]["in_period"] = pd.array([True, True, None], dtype="boolean")
    t["participation"]["is_member"] = pd.array([True, None, False], dtype="boolean")
    h = eng.headline(t)
    assert h["activities"] == 2
    assert h["activities_in_period"] == 1
    assert h["non_member_participants"] == 2


def test_headline_object_flags_with_none():
    t = make(
        members=[("Oslo", "Europe")],
        acts=[("a1", "One", "2022-01-01", True), ("a2", "Two", "2022-01-03", True)],
        part=[("a1", "Kigali", None)],
    )
    t["activities"]["in_period"] = pd.Series([True, None], dtype=object)
    t["participation"]["is_member"] = pd.Series([None], dtype=object)
    h = eng.headline(t)
    assert h["activities_in_period"] == 1
    assert h["non_member_participants"] == 1


def test_headline_empty_roster_rate_is_zero():
    h = eng.headline(make())
    assert h["roster_size"] == 0
    assert h["engagement_rate"] == 0.0


def test_by_region_sorted_by_name_whatever_the_roster_order():
    t = make(
        members=[("Oslo", "Europe"), ("Dakar", "Africa"), ("Lima", "Americas")],
        acts=[("a1", "One", "2022-01-01", True)],
        part=[("a1", "Dakar", "Dakar")],
    )
    df = eng.by_region(t)
    assert df["region"].tolist() == ["Africa", "Americas", "Europe"]
    assert df["engaged"].tolist() == [1, 0, 0]


def test_per_member_duplicate_activity_rows_first_date_wins():
    t = make(
        members=[("Oslo", "Europe")],
        acts=[("a1", "One", "2022-01-05", True), ("a1", "One", "2022-03-01", True)],
        part=[("a1", "Oslo", "Oslo")],
    )
    df = eng.per_member(t)
    assert df["first_activity"].tolist() == [pd.Timestamp("2022-01-05")]
    assert df["last_activity"].tolist() == [pd.Timestamp("2022-01-05")]
    assert df["activities"].dtype.kind == "i"


def test_participation_distribution_gap_and_empty_roster():
    # Oslo 0, Lima 2 (nobody with exactly 1)
    t = make(
        members=[("Oslo", "Europe"), ("Lima", "Americas")],
        acts=[("a1", "One", "2022-01-01", True), ("a2", "Two", "2022-01-02", True)],
        part=[("a1", "Lima", "Lima"), ("a2", "Lima", "Lima")],
    )
    df = eng.participation_distribution(t)
    assert df["activities"].tolist() == [0, 1, 2]
    assert df["members"].tolist() == [1, 0, 1]
    assert df["members"].dtype.kind == "i"
    empty = eng.participation_distribution(make())
    assert empty["activities"].tolist() == [0]
    assert empty["members"].tolist() == [0]


def test_board_member_with_one_activity_is_engaged():
    t = make(
        members=[("Oslo", "Europe")],
        acts=[("a1", "One", "2022-01-01", True)],
        part=[("a1", "Oslo", "Oslo")],
        board=[("Ann", "Oslo"), ("Bob", None)],
    )
    df = eng.board_participation(t)
    assert df["activities"].tolist() == [1, 0]
    assert df["activities"].dtype.kind == "i"
    assert df["engaged"].tolist() == [True, False]


def test_alliances_titles_in_activity_order_and_unknown_ids():
    t = make(
        acts=[
            ("b", "Bee", "2022-01-01", True),
            ("a", "Ay", "2022-01-02", True),
            ("b", "Bee twice", "2022-01-03", True),
        ],
        alli=[("a", "UCLG"), ("b", "UCLG"), ("zz", "UCLG"), ("yy", "UNDP"), ("b", "UNDP")],
    )
    df = eng.alliances(t)
    assert df["alliance"].tolist() == ["UCLG", "UNDP"]
    assert df["activities"].tolist() == [3, 2]
    assert df["activities"].dtype.kind == "i"
    # table order b, a; ids missing from activities come last, shown as the id
    assert df["titles"].tolist() == ["Bee; Ay; zz", "Bee; yy"]


def test_alliances_none():
    df = eng.alliances(make())
    assert list(df.columns) == ["alliance", "activities", "titles"]
    assert df.empty


def _pairs_tables() -> dict[str, pd.DataFrame]:
    # a1: A, B ; a2: A, C ; a3: A, C ; a4: D alone
    # A-B 1, A-C 2, B-C 0 ; own counts A 3, C 2, B 1, D 1
    return make(
        members=[(m, "Europe") for m in "ABCD"],
        acts=[(f"a{i}", f"T{i}", "2022-01-01", True) for i in range(1, 5)],
        part=[
            ("a1", "A", "A"),
            ("a1", "B", "B"),
            ("a2", "A", "A"),
            ("a2", "C", "C"),
            ("a3", "A", "A"),
            ("a3", "C", "C"),
            ("a4", "D", "D"),
        ],
    )


def test_co_participation_default_keeps_a_member_sharing_one():
    m = eng.co_participation(_pairs_tables())
    assert list(m.index) == ["A", "C", "B"]
    assert m.index.name == "member"
    assert m.columns.name == "member"
    assert (m.dtypes == "int64").all()
    assert m.loc["A", "C"] == 2 and m.loc["A", "B"] == 1 and m.loc["B", "C"] == 0


def test_co_participation_empty_is_named():
    m = eng.co_participation(make(members=[("A", "Europe")]))
    assert m.empty
    assert m.index.name == "member"
    assert m.columns.name == "member"
    assert m.index.dtype == object and m.columns.dtype == object


def test_reconcile_order_and_columns():
    t = make(
        members=[("Abe", "Europe"), ("Zed", "Europe"), ("Mo", "Europe")],
        acts=[("a1", "One", "2022-01-01", True)],
        part=[("a1", "Zed", "Zed"), ("a1", "Mo", "Mo")],
        elist=[("Abe", "Abe"), ("Mo", "Mo")],
    )
    df = eng.reconcile_engagement_list(t)
    assert list(df.columns) == ["member", "is_member", "in_activities", "in_list", "status"]
    # not listed (Zed), then listed but nothing (Abe), then both (Mo)
    assert df["member"].tolist() == ["Zed", "Abe", "Mo"]
    assert list(df.index) == [0, 1, 2]


# --------------------------------------------------------------------------- sentences


def test_interpret_headline_no_outside_and_one_activity():
    h = {
        "activities": 1,
        "activities_in_period": 1,
        "members_engaged": 1,
        "roster_size": 4,
        "engagement_rate": 0.25,
        "non_member_participants": 0,
        "alliances": 0,
        "board_members_engaged": 0,
        "board_members": 0,
    }
    assert eng.interpret_headline(h).startswith("1 activity involved 1 of the 4 roster members")


def _regions(rows) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["region", "roster_size", "engaged"])
    df["not_engaged"] = df["roster_size"] - df["engaged"]
    df["engagement_rate"] = df["engaged"] / df["roster_size"]
    return df


def test_interpret_by_region_no_roster():
    s = "The roster lists no members, so engagement by region cannot be read."
    assert eng.interpret_by_region(_regions([])) == s
    assert eng.interpret_by_region(_regions([("Africa", 0, 0)])) == s


def test_interpret_by_region_ties_ordered_by_engaged_then_name():
    df = _regions([("Zeta", 4, 2), ("Alpha", 2, 1), ("Beta", 2, 1), ("Low", 5, 1)])
    assert eng.interpret_by_region(df) == (
        "Zeta, Alpha and Beta are the most engaged regions: 50% of their members took part; "
        "Low the least: 1 of 5 (20%)."
    )


def test_interpret_by_region_two_least():
    df = _regions([("Top", 2, 2), ("B", 4, 1), ("A", 4, 1)])
    assert eng.interpret_by_region(df) == (
        "Top is the most engaged region: 2 of its 2 members (100%) took part; "
        "A and B the least (25% each)."
    )


def test_interpret_by_region_all_equal_and_two_regions():
    assert eng.interpret_by_region(_regions([("A", 2, 1), ("B", 4, 2)])) == (
        "B and A are the most engaged regions: 50% of their members took part."
    )
    assert eng.interpret_by_region(_regions([("A", 2, 2), ("B", 4, 1)])) == (
        "A is the most engaged region: 2 of its 2 members (100%) took part; "
        "B the least: 1 of 4 (25%)."
    )


def test_interpret_by_region_skips_empty_regions():
    df = _regions([("A", 2, 2), ("B", 4, 1), ("Empty", 0, 0)])
    assert eng.interpret_by_region(df) == (
        "A is the most engaged region: 2 of its 2 members (100%) took part; "
        "B the least: 1 of 4 (25%)."
    )


def _members(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"member": list(counts), "activities": list(counts.values())})


def test_interpret_per_member_cases():
    assert eng.interpret_per_member(_members({})) == "No roster member took part in any activity."
    assert eng.interpret_per_member(_members({"A": 3, "B": 2, "C": 2, "D": 1})) == (
        "A took part most often (3 activities); "
        "1 of the 4 engaged members took part in a single activity."
    )
    assert eng.interpret_per_member(_members({"A": 1})) == (
        "A took part most often (1 activity); "
        "1 of the 1 engaged members took part in a single activity."
    )


def _dist(pairs: dict[int, int]) -> pd.DataFrame:
    return pd.DataFrame({"activities": list(pairs), "members": list(pairs.values())})


def test_interpret_distribution_cases():
    assert eng.interpret_participation_distribution(_dist({0: 0})) == (
        "The roster lists no members."
    )
    # nobody took part: 1 member, 0 activities
    assert eng.interpret_participation_distribution(_dist({0: 1})) == (
        "1 of the 1 roster members (100%) took part in no activity, 0 in exactly one and 0 in "
        "two or more; the most active took part in 0."
    )
    # no row for 0; 2 with one activity, 1 with two, 1 with three; trailing empty row
    assert eng.interpret_participation_distribution(_dist({1: 2, 2: 1, 3: 1, 4: 0})) == (
        "0 of the 4 roster members (0%) took part in no activity, 2 in exactly one and 2 in "
        "two or more; the most active took part in 3."
    )


def test_interpret_not_engaged_and_board_all_engaged():
    empty = pd.DataFrame(columns=["member", "region"])
    assert eng.interpret_not_engaged(empty) == (
        "Every roster member took part in at least one activity."
    )
    board = pd.DataFrame(columns=["name", "role", "member", "region", "activities", "engaged"])
    assert eng.interpret_board_participation(board) == "The report lists no board members."
    one = pd.DataFrame({"name": ["Ann"], "member": ["Oslo"], "activities": [2], "engaged": [True]})
    assert eng.interpret_board_participation(one) == (
        "1 of the 1 board members represent a member that took part."
    )


def _alli(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"alliance": list(counts), "activities": list(counts.values())})


def test_interpret_alliances_cases():
    assert eng.interpret_alliances(_alli({})) == "No activity names a partner alliance."
    assert eng.interpret_alliances(_alli({"UCLG": 2, "UNDP": 2, "X": 1})) == (
        "Metropolis worked with 3 alliances; UCLG and UNDP most often (2 activities each)."
    )
    assert eng.interpret_alliances(_alli({"UCLG": 1})) == (
        "Metropolis worked with 1 alliance; UCLG most often (1 activity)."
    )


def _matrix(names: str, cells: dict[str, int]) -> pd.DataFrame:
    m = pd.DataFrame(0, index=list(names), columns=list(names))
    for pair, n in cells.items():
        a, b = pair
        m.loc[a, b] = m.loc[b, a] = n
    return m


def test_interpret_co_participation_cases():
    none = "No two members took part in the same activity."
    assert eng.interpret_co_participation(_matrix("", {})) == none
    assert eng.interpret_co_participation(_matrix("A", {})) == none
    assert eng.interpret_co_participation(_matrix("ABC", {})) == none
    # one unique best pair of one shared activity
    assert eng.interpret_co_participation(_matrix("AB", {"AB": 1})) == (
        "A and B took part together most often (1 shared activity)."
    )
    # best 3 (A-B), tied by A-D and C-D; A-C 1 and B-C 2 are lower
    m = _matrix("ABCD", {"AB": 3, "AC": 1, "AD": 3, "BC": 2, "CD": 3})
    assert eng.interpret_co_participation(m) == (
        "A and B took part together most often (3 shared activities, tied with 2 other pairs)."
    )
    # best 2 (B-C) after a lower first pair; no tie
    m = _matrix("ABC", {"AB": 1, "BC": 2})
    assert eng.interpret_co_participation(m) == (
        "B and C took part together most often (2 shared activities)."
    )


def _recon(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["member", "is_member", "status"])


def test_interpret_reconciliation_cases():
    assert (
        eng.interpret_reconciliation(
            _recon([("A", True, eng.STATUS_BOTH), ("B", True, eng.STATUS_BOTH)])
        )
        == "The report's engagement list matches the activities exactly (2 names)."
    )
    assert eng.interpret_reconciliation(
        _recon([("A", True, eng.STATUS_BOTH), ("X", False, eng.STATUS_NOTHING)])
    ) == (
        "1 names appear both in the activities and in the engagement list; "
        "1 are listed but took part in nothing (X (not a member))."
    )
    assert eng.interpret_reconciliation(_recon([("Y", True, eng.STATUS_NOT_LISTED)])) == (
        "0 names appear both in the activities and in the engagement list; "
        "1 took part but are not listed (Y)."
    )
