"""Trends on four tiny hand-made periods (helpers.analysis.trends): every row and sentence below is
counted by hand from these frames.

2021-T3  roster Abidjan (Africa), Seoul (Asia-Pacific)      x1: Seoul, Kigali (no member)
2022-T1  roster Abidjan, Seoul, Berlin (Europe)             a1: Abidjan · a2 (outside the
         period): Abidjan · a3: Berlin, Seoul
2022-T2  roster Abidjan, Berlin                              b1: Berlin
2022-T3  roster Abidjan                                      no activity
"""

import pandas as pd
import pytest

from helpers.analysis import trends

P = ["2021-T3", "2022-T1", "2022-T2", "2022-T3"]


def frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns.split())


def four_periods() -> dict[str, pd.DataFrame]:
    return {
        "members": frame(
            "period member region",
            [
                ("2021-T3", "Abidjan", "Africa"),
                ("2021-T3", "Seoul", "Asia-Pacific"),
                ("2022-T1", "Abidjan", "Africa"),
                ("2022-T1", "Seoul", "Asia-Pacific"),
                ("2022-T1", "Berlin", "Europe"),
                ("2022-T2", "Abidjan", "Africa"),
                ("2022-T2", "Berlin", "Europe"),
                ("2022-T3", "Abidjan", "Africa"),
            ],
        ),
        "activities": frame(
            "period activity_id in_period",
            [
                ("2021-T3", "x1", True),
                ("2022-T1", "a1", True),
                ("2022-T1", "a2", False),
                ("2022-T1", "a3", True),
                ("2022-T2", "b1", True),
            ],
        ),
        "participation": frame(
            "period activity_id member is_member",
            [
                ("2021-T3", "x1", "Seoul", True),
                ("2021-T3", "x1", None, False),
                ("2022-T1", "a1", "Abidjan", True),
                ("2022-T1", "a2", "Abidjan", True),
                ("2022-T1", "a3", "Berlin", True),
                ("2022-T1", "a3", "Seoul", True),
                ("2022-T2", "b1", "Berlin", True),
            ],
        ),
        "strategic_plan": frame(
            "period code level",
            [
                ("2021-T3", "L1A1D1", "deliverable"),
                ("2022-T1", "L1", "line"),
                ("2022-T1", "L1A1D1", "deliverable"),
                ("2022-T1", "L2A1D1", "deliverable"),
                ("2022-T2", "L2A1D1", "deliverable"),
            ],
        ),
        "activity_outcomes": frame(
            "period activity_id code",
            [
                ("2021-T3", "x1", "L1A1D1"),
                ("2022-T1", "a1", "L1A1D1"),
                ("2022-T1", "a2", "L1A1D1"),
                ("2022-T1", "a1", "L1A1D1"),
                ("2022-T2", "b1", "L9A9D9"),
            ],
        ),
        "challenges": frame(
            "period code", [("2021-T3", "1.1"), ("2022-T1", "1.1"), ("2022-T1", "2.3")]
        ),
        "activity_challenges": frame(
            "period activity_id code",
            [
                ("2021-T3", "x1", "2.3"),
                ("2022-T1", "a1", "2.3"),
                ("2022-T1", "a3", "2.3"),
                ("2022-T1", "a1", "2.3"),
                ("2022-T2", "b1", "10.1"),
            ],
        ),
    }


def only(periods: list[str]) -> dict[str, pd.DataFrame]:
    return {k: v[v["period"].isin(periods)] for k, v in four_periods().items()}


def test_periods_include_those_with_a_roster_only():
    assert trends.periods(four_periods()) == P


def test_activity_counts_per_period():
    df = trends.activity_counts(four_periods())
    assert list(df.columns) == ["period", "activities", "in_period"]
    assert df.values.tolist() == [
        ["2021-T3", 1, 1],
        ["2022-T1", 3, 2],
        ["2022-T2", 1, 1],
        ["2022-T3", 0, 0],
    ]


def test_engagement_by_period_and_region():
    df = trends.engagement_by_period(four_periods())
    assert list(df.columns) == ["period", "region", "roster_size", "engaged", "engagement_rate"]
    assert df.values.tolist() == [
        ["2021-T3", "Africa", 1, 0, 0.0],
        ["2021-T3", "All regions", 2, 1, 0.5],
        ["2021-T3", "Asia-Pacific", 1, 1, 1.0],
        ["2022-T1", "Africa", 1, 1, 1.0],
        ["2022-T1", "All regions", 3, 3, 1.0],
        ["2022-T1", "Asia-Pacific", 1, 1, 1.0],
        ["2022-T1", "Europe", 1, 1, 1.0],
        ["2022-T2", "Africa", 1, 0, 0.0],
        ["2022-T2", "All regions", 2, 1, 0.5],
        ["2022-T2", "Europe", 1, 1, 1.0],
        ["2022-T3", "Africa", 1, 0, 0.0],
        ["2022-T3", "All regions", 1, 0, 0.0],
    ]


def test_engagement_by_period_with_categorical_regions():
    t = four_periods()
    t["members"] = t["members"].assign(
        region=pd.Categorical(t["members"]["region"], ["Africa", "Asia-Pacific", "Europe", "LatAm"])
    )
    df = trends.engagement_by_period(t)
    assert "LatAm" not in set(df["region"].astype(str))
    assert len(df) == 12


def test_newly_engaged_and_lapsed_against_the_previous_period():
    df = trends.newly_engaged_and_lapsed(four_periods())
    assert list(df.columns) == ["period", "compared_with", "member", "region", "status"]
    # only members on both rosters: Berlin joined in 2022-T1, Seoul left in 2022-T2 and Berlin
    # in 2022-T3; those are roster changes, not "newly engaged" or "lapsed"
    assert df.values.tolist() == [
        ["2022-T1", "2021-T3", "Abidjan", "Africa", "newly engaged"],
        ["2022-T2", "2022-T1", "Abidjan", "Africa", "lapsed"],
    ]


def test_roster_changes_are_their_own_list():
    df = trends.roster_changes(four_periods())
    assert list(df.columns) == [
        "period",
        "compared_with",
        "member",
        "region",
        "change",
        "took_part",
    ]
    assert df.values.tolist() == [
        ["2022-T1", "2021-T3", "Berlin", "Europe", "joined the roster", True],  # b: a3
        ["2022-T2", "2022-T1", "Seoul", "Asia-Pacific", "left the roster", True],  # a3
        ["2022-T3", "2022-T2", "Berlin", "Europe", "left the roster", True],  # b1
    ]
    assert trends.interpret_roster_changes(df) == (
        "2022-T1 against 2021-T3: 1 joined the roster (1 of them took part), 0 left it "
        "(0 had taken part before leaving); 2022-T2 against 2022-T1: 0 joined the roster "
        "(0 of them took part), 1 left it (1 had taken part before leaving); 2022-T3 against "
        "2022-T2: 0 joined the roster (0 of them took part), 1 left it (1 had taken part "
        "before leaving)."
    )


def test_region_of_a_member_is_its_latest():
    t = four_periods()
    t["members"].loc[t["members"]["member"] == "Berlin", "region"] = ["Europe", "Eurasia"]
    df = trends.roster_changes(t)
    assert df.loc[df["member"] == "Berlin", "region"].tolist() == ["Eurasia", "Eurasia"]


def test_interpret_changes():
    assert trends.interpret_changes(trends.newly_engaged_and_lapsed(four_periods())) == (
        "2022-T1 against 2021-T3: 1 newly engaged, 0 lapsed; "
        "2022-T2 against 2022-T1: 0 newly engaged, 1 lapsed."
    )
    assert trends.interpret_changes(trends.newly_engaged_and_lapsed(only(["2022-T1"]))) == (
        "No comparison yet, or no member on both rosters changed: newly engaged and lapsed "
        "members need two periods."
    )


def test_interpret_engagement_fell_rose_held():
    df = trends.engagement_by_period(four_periods())
    assert trends.interpret_engagement(df) == (
        "The share of members taking part fell from 50% to 0% (2021-T3: 1 of 2 (50%); "
        "2022-T1: 3 of 3 (100%); 2022-T2: 1 of 2 (50%); 2022-T3: 0 of 1 (0%))."
    )
    rose = trends.engagement_by_period(only(["2021-T3", "2022-T1"]))
    assert trends.interpret_engagement(rose) == (
        "The share of members taking part rose from 50% to 100% "
        "(2021-T3: 1 of 2 (50%); 2022-T1: 3 of 3 (100%))."
    )
    held = trends.engagement_by_period(only(["2021-T3", "2022-T2"]))
    assert trends.interpret_engagement(held) == (
        "The share of members taking part held steady from 50% to 50% "
        "(2021-T3: 1 of 2 (50%); 2022-T2: 1 of 2 (50%))."
    )


def test_interpret_engagement_one_period_and_none():
    one = trends.engagement_by_period(only(["2021-T3"]))
    assert trends.interpret_engagement(one) == (
        "Members taking part — 2021-T3: 1 of 2 (50%). Trends need a second period."
    )
    df = trends.engagement_by_period(four_periods())
    assert trends.interpret_engagement(df[df["region"] == "Africa"]) == (
        "No period has engagement figures yet."
    )


def test_interpret_engagement_small_changes_hold_steady():
    df = pd.DataFrame(
        {
            "period": ["2022-T1", "2022-T2", "2022-T3"],
            "region": ["All regions"] * 3,
            "roster_size": [1000, 1000, 1000],
            "engaged": [500, 504, 496],
            "engagement_rate": [0.5, 0.504, 0.496],
        }
    )
    assert " held steady " in trends.interpret_engagement(df.iloc[[0, 1]])
    assert " held steady " in trends.interpret_engagement(df.iloc[[0, 2]])
    df.loc[1, "engagement_rate"] = 0.506
    df.loc[2, "engagement_rate"] = 0.494
    assert " rose " in trends.interpret_engagement(df.iloc[[0, 1]])
    assert " fell " in trends.interpret_engagement(df.iloc[[0, 2]])


def test_coverage_matrix_missing_where_not_listed():
    m = trends.coverage_matrix(four_periods())
    assert list(m.columns) == P and m.index.name == "code"
    assert list(m.index) == ["L1A1D1", "L2A1D1"]
    rows = m.astype(object).where(m.notna(), None).values.tolist()
    assert rows == [[1.0, 2.0, None, None], [None, 0.0, 0.0, None]]
    assert trends.never_addressed(four_periods()) == ["L2A1D1"]


def test_interpret_never_addressed():
    assert trends.interpret_never_addressed(["L2A1D1"]) == (
        "1 deliverable never addressed in any period: L2A1D1."
    )
    assert trends.interpret_never_addressed(["L1A1D1", "L2A1D1"]) == (
        "2 deliverables never addressed in any period: L1A1D1, L2A1D1."
    )
    assert trends.interpret_never_addressed([]) == (
        "Every deliverable listed in the plan was served by at least one activity in some period."
    )


def test_challenges_over_time_in_code_order():
    m = trends.challenges_over_time(four_periods())
    # 10.1 (2022-T2) and 2.3 in 2021-T3 are used but not listed: not listed there, never a 0
    assert list(m.index) == ["1.1", "2.3"] and m.index.name == "code"
    assert list(m.columns) == P
    assert m.fillna(-1).values.tolist() == [[0, 0, -1, -1], [-1, 2, -1, -1]]
    assert m.isna().values.tolist() == [[False, False, True, True], [True, False, True, True]]
    assert trends.interpret_challenges(m) == (
        "Challenge 2.3 was addressed most often (2 activities over the periods that list it); "
        "1.1 by no activity in any period that lists it."
    )
    assert trends.interpret_challenges(m.loc[["2.3"]]) == (
        "Challenge 2.3 was addressed most often (2 activities over the periods that list it)."
    )
    assert trends.interpret_challenges(m.iloc[0:0]) == "No challenge is listed yet."


def test_challenge_ties_are_named_as_ties():
    m = pd.DataFrame({"2022-T1": [2.0, 1.0, 0.0], "2022-T2": [float("nan"), 1.0, 2.0]},
                     index=pd.Index(["1.1", "2.3", "3.1"], name="code"))  # fmt: skip
    # 1.1: 2 (not listed in T2); 2.3: 1 + 1; 3.1: 0 + 2 -> a three-way tie at 2
    assert trends.interpret_challenges(m) == (
        "Challenges 1.1, 2.3 and 3.1 tie as the most addressed (2 activities each over the "
        "periods that list them)."
    )


def test_interpret_activity_counts():
    assert trends.interpret_activity_counts(trends.activity_counts(four_periods())) == (
        "Activities listed per report — 2021-T3: 1; 2022-T1: 3 (1 dated outside the period); "
        "2022-T2: 1; 2022-T3: 0."
    )
    empty = trends.activity_counts(four_periods()).iloc[0:0]
    assert trends.interpret_activity_counts(empty) == "No period has activities yet."


@pytest.mark.parametrize(
    "periods, text",
    [
        (P, "Trends over 4 periods: 2021-T3, 2022-T1, 2022-T2, 2022-T3. Each period is "
            "measured against its own roster and plan."),
        (["2022-T2"], "Only one period (2022-T2) has been processed so far, so there is no "
                      "trend yet: the figures below show that period alone. Add the next report "
                      "to data/raw/<period>/ and run `make report PERIOD=<period>`."),
        ([], "No period has been processed yet: run `make report PERIOD=2022-T1`."),
    ],
)  # fmt: skip
def test_status(periods, text):
    assert trends.status(only(periods)) == text


def test_engagement_change_on_whole_rosters_and_on_members_on_both():
    df = trends.engagement_change(four_periods())
    assert df["period"].tolist() == ["2022-T1", "2022-T2", "2022-T3"]
    assert df["roster_before"].tolist() == [2, 3, 2]
    assert df["roster_after"].tolist() == [3, 2, 1]
    assert df["common"].tolist() == [2, 2, 1]  # {Abidjan, Seoul}, {Abidjan, Berlin}, {Abidjan}
    assert df["one_roster_share"].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 2])
    assert df["before_rate"].tolist() == pytest.approx([1 / 2, 1.0, 1 / 2])
    assert df["after_rate"].tolist() == pytest.approx([1.0, 1 / 2, 0.0])
    # on both rosters: Seoul took part in 2021-T3 only of {Abidjan, Seoul}, both in 2022-T1;
    # Abidjan and Berlin in 2022-T1, Berlin alone in 2022-T2; Abidjan in neither T2 nor T3
    assert df["common_before_rate"].tolist() == pytest.approx([1 / 2, 1.0, 0.0])
    assert df["common_after_rate"].tolist() == pytest.approx([1.0, 1 / 2, 0.0])
    assert df["rosters_differ"].tolist() == [True, True, True]


def test_interpret_engagement_explains_a_roster_that_changed():
    t = only(["2021-T3", "2022-T1"])
    text = trends.interpret_engagement(trends.engagement_by_period(t), trends.engagement_change(t))
    assert text == (
        "The share of members taking part rose from 50% to 100% (2021-T3: 1 of 2 (50%); "
        "2022-T1: 3 of 3 (100%)). Between 2021-T3 and 2022-T1 the roster grew from 2 to 3 "
        "members (33% of the members are on one roster only), so the two rates are not "
        "measured on the same members. On the 2 members on both rosters, the share rose from "
        "50% to 100%."
    )


def test_rosters_within_ten_percent_need_no_second_rate():
    names = [f"M{i:02d}" for i in range(20)]
    members = [("2022-T1", m, "Europe") for m in names] + [
        ("2022-T2", m, "Europe") for m in names[:-1] + ["New"]
    ]  # 19 on both, 1 left, 1 joined: 2 of 21 on one roster only = 9.5%
    t = {
        "members": frame("period member region", members),
        "activities": frame("period activity_id in_period", [("2022-T1", "a", True), ("2022-T2", "b", True)]),
        "participation": frame("period activity_id member is_member",
                               [("2022-T1", "a", "M00", True), ("2022-T2", "b", "M01", True)]),
    }  # fmt: skip
    change = trends.engagement_change(t)
    assert change["one_roster_share"].tolist() == pytest.approx([2 / 21])
    assert change["rosters_differ"].tolist() == [False]
    text = trends.interpret_engagement(trends.engagement_by_period(t), change)
    assert "members on both rosters" not in text
