"""Trends across periods, on two tiny hand-made periods."""

import pandas as pd

from helpers.analysis import trends


def two_periods():
    members = pd.DataFrame(
        {"period": ["2022-T1"] * 3 + ["2022-T2"] * 4,
         "member": ["Seoul", "Rabat", "Madrid", "Seoul", "Rabat", "Madrid", "Kocaeli"],
         "region": ["Asia-Pacific", "Africa", "Europe", "Asia-Pacific", "Africa", "Europe", "Asia-Pacific"]}
    )  # fmt: skip
    activities = pd.DataFrame(
        {"period": ["2022-T1", "2022-T1", "2022-T2"], "activity_id": ["a1", "a2", "b1"],
         "in_period": [True, False, True]}
    )  # fmt: skip
    participation = pd.DataFrame(
        {"period": ["2022-T1", "2022-T1", "2022-T1", "2022-T2", "2022-T2"],
         "activity_id": ["a1", "a2", "a1", "b1", "b1"],
         "member": ["Seoul", "Seoul", "Rabat", "Seoul", "Kocaeli"],
         "is_member": [True, True, True, True, True]}
    )  # fmt: skip
    plan = pd.DataFrame(
        {"period": ["2022-T1", "2022-T1", "2022-T2", "2022-T2"],
         "code": ["L1A1D1", "L1A1D2", "L1A1D1", "L1A1D5"], "level": ["deliverable"] * 4}
    )  # fmt: skip
    outcomes = pd.DataFrame(
        {"period": ["2022-T1", "2022-T2"], "activity_id": ["a1", "b1"], "code": ["L1A1D1", "L1A1D1"]}
    )  # fmt: skip
    challenges = pd.DataFrame({"period": ["2022-T1", "2022-T2"], "code": ["2.3", "2.3"]})
    act_ch = pd.DataFrame(
        {"period": ["2022-T1", "2022-T1"], "activity_id": ["a1", "a2"], "code": ["2.3", "2.3"]}
    )
    return {"members": members, "activities": activities, "participation": participation,
            "strategic_plan": plan, "activity_outcomes": outcomes, "challenges": challenges,
            "activity_challenges": act_ch}  # fmt: skip


def test_activity_counts():
    df = trends.activity_counts(two_periods())
    assert df.values.tolist() == [["2022-T1", 2, 1], ["2022-T2", 1, 1]]


def test_engagement_against_each_periods_roster():
    df = trends.engagement_by_period(two_periods()).set_index(["period", "region"])
    assert df.loc[("2022-T1", "All regions"), ["roster_size", "engaged"]].tolist() == [3, 2]
    assert df.loc[("2022-T2", "All regions"), ["roster_size", "engaged"]].tolist() == [4, 2]
    assert df.loc[("2022-T2", "Asia-Pacific"), "engagement_rate"] == 1.0  # Seoul, Kocaeli of 2


def test_newly_engaged_and_lapsed():
    df = trends.newly_engaged_and_lapsed(two_periods())
    # Kocaeli is new on the 2022-T2 roster: a roster change, not "newly engaged"
    assert df[["period", "compared_with", "member", "status"]].values.tolist() == [
        ["2022-T2", "2022-T1", "Rabat", "lapsed"],
    ]
    changes = trends.roster_changes(two_periods())
    assert changes[["member", "change", "took_part"]].values.tolist() == [
        ["Kocaeli", "joined the roster", True]
    ]


def test_coverage_matrix_and_never_addressed():
    m = trends.coverage_matrix(two_periods())
    assert m.loc["L1A1D1"].tolist() == [1.0, 1.0]
    assert m.loc["L1A1D2", "2022-T1"] == 0 and pd.isna(m.loc["L1A1D2", "2022-T2"])
    assert pd.isna(m.loc["L1A1D5", "2022-T1"]) and m.loc["L1A1D5", "2022-T2"] == 0
    assert trends.never_addressed(two_periods()) == ["L1A1D2", "L1A1D5"]


def test_challenges_over_time():
    assert trends.challenges_over_time(two_periods()).loc["2.3"].tolist() == [2, 0]


def test_single_period_interpretation_says_so():
    t = {k: v[v["period"] == "2022-T1"] for k, v in two_periods().items()}
    assert "second period" in trends.interpret_engagement(trends.engagement_by_period(t))
    assert trends.newly_engaged_and_lapsed(t).empty


def test_interpretations_of_counts_and_challenges():
    t = two_periods()
    assert trends.interpret_activity_counts(trends.activity_counts(t)) == (
        "Activities listed per report — 2022-T1: 2 (1 dated outside the period); 2022-T2: 1."
    )
    assert trends.interpret_challenges(trends.challenges_over_time(t)) == (
        "Challenge 2.3 was addressed most often (2 activities over the periods that list it)."
    )


# --------------------------------------------------------------------------------------------
# Small hand-made cases for rules the tests above leave open (first found by `make mutation`,
# docs/mutation.md); every expected value is read from the rows written in the test.


# --------------------------------------------------------------------------- trends


def _plan_tables():
    plan = pd.DataFrame(
        {"period": ["2022-T1", "2022-T1", "2022-T2"], "level": ["deliverable"] * 3,
         "code": ["1.1", "1.2", "1.1"]}
    )  # fmt: skip
    outcomes = pd.DataFrame({"period": ["2022-T1"], "code": ["1.1"], "activity_id": ["A1"]})
    return {
        "strategic_plan": plan,
        "activity_outcomes": outcomes,
        "activities": pd.DataFrame({"period": ["2022-T1", "2022-T2"]}),
        "members": pd.DataFrame({"period": ["2022-T1", "2022-T2"]}),
    }


def test_coverage_matrix_is_a_float_table():
    m = trends.coverage_matrix(_plan_tables())
    assert list(m.dtypes) == ["float64", "float64"]
    assert m.loc["1.1", "2022-T1"] == 1.0 and m.loc["1.2", "2022-T1"] == 0.0
    assert m.loc["1.1", "2022-T2"] == 0.0 and pd.isna(m.loc["1.2", "2022-T2"])


def test_interpret_challenges_lists_every_unaddressed_challenge():
    matrix = pd.DataFrame({"2022-T1": [3, 0, 0]}, index=pd.Index(["1.1", "1.2", "2.1"]))
    text = trends.interpret_challenges(matrix)
    assert text == (
        "Challenge 1.1 was addressed most often (3 activities over the periods that list it); "
        "1.2 and 2.1 by no activity in any period that lists them."
    )


def test_interpret_changes_in_period_order():
    df = pd.DataFrame(
        {"period": ["2022-T3", "2022-T2"], "compared_with": ["2022-T2", "2022-T1"],
         "member": ["Seoul", "Lisbon"], "region": ["Asia", "Europe"],
         "status": ["lapsed", "newly engaged"]}
    )  # fmt: skip
    assert trends.interpret_changes(df) == (
        "2022-T2 against 2022-T1: 1 newly engaged, 0 lapsed; "
        "2022-T3 against 2022-T2: 0 newly engaged, 1 lapsed."
    )


def _totals(engaged: list[int], size: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"period": [f"2022-T{i + 1}" for i in range(len(engaged))],
         "region": ["All regions"] * len(engaged), "roster_size": [size] * len(engaged),
         "engaged": engaged, "engagement_rate": [e / size for e in engaged]}
    )  # fmt: skip


def test_interpret_engagement_half_a_point_is_steady():
    # 0 → 1 of 200 is a change of exactly 0.005: held steady, both ways
    assert "held steady" in trends.interpret_engagement(_totals([0, 1], 200))
    assert "held steady" in trends.interpret_engagement(_totals([1, 0], 200))
    assert "rose" in trends.interpret_engagement(_totals([0, 2], 200))
    assert "fell" in trends.interpret_engagement(_totals([2, 0], 200))
