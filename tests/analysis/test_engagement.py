"""Engagement analyses: unit tests on a tiny hand-built report, integration tests on the real
2022-T1 report (figures counted by hand from the markdown), then edge cases on tiny plain frames.

The tiny report (every expectation below is counted by hand from these rows):

roster   Africa: Abidjan, Dakar, Rabat · Asia-Pacific: Seoul, Tehran · Europe: Berlin, Madrid
         · North America: Toronto                                        (8 members)
A1 10 Jan  Abidjan, Berlin, Kigali (not a member)          alliances UCLG, UNDP
A2  1 Feb  Abidjan, "Abdijan" (same member again), Seoul
A3  5 Mar  Seoul, Berlin, Abidjan                           alliance  UCLG
A4 18 Sep  Seoul, Kigali            (outside the period)    alliance  UN-Habitat
A5  1 Apr  Madrid
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from helpers.analysis import engagement as eng
from helpers.tables.schemas import SCHEMAS, empty_frame
from tests.frames import copied, schema_frame


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame with exactly the schema's columns, defaults filled in, validated by the schema
    (a date text from the row's start date)."""
    return schema_frame(table, rows, date_text=lambda i, row: str(row.get("start_date", "")))


def _act(aid: str, day: str, title: str, in_period: bool = True) -> dict:
    ts = pd.Timestamp(day)
    return {
        "activity_id": aid,
        "action_line": None,
        "start_date": ts,
        "end_date": ts,
        "title": title,
        "in_period": in_period,
    }


def _p(aid: str, name: str, member: str | None, region: str | None) -> dict:
    return {"activity_id": aid, "name_raw": name, "member": member, "region": region}


ROSTER = [
    ("Abidjan", "Africa"),
    ("Dakar", "Africa"),
    ("Rabat", "Africa"),
    ("Seoul", "Asia-Pacific"),
    ("Tehran", "Asia-Pacific"),
    ("Berlin", "Europe"),
    ("Madrid", "Europe"),
    ("Toronto", "North America"),
]


@pytest.fixture(scope="module")
def built_tables() -> dict[str, pd.DataFrame]:
    """The tiny tables below, built and validated once for this module (see ``tables``)."""
    t = {name: empty_frame(name) for name in SCHEMAS}
    t["members"] = frame("members", [{"member": m, "region": r} for m, r in ROSTER])
    t["activities"] = frame(
        "activities",
        [
            _act("2022-T1-01", "2022-01-10", "ALPHA"),
            _act("2022-T1-02", "2022-02-01", "BETA"),
            _act("2022-T1-03", "2022-03-05", "GAMMA"),
            _act("2022-T1-04", "2022-09-18", "DELTA", in_period=False),
            _act("2022-T1-05", "2022-04-01", "EPSILON"),
        ],
    )
    t["participation"] = frame(
        "participation",
        [
            _p("2022-T1-01", "Abidjan", "Abidjan", "Africa"),
            _p("2022-T1-01", "Berlin", "Berlin", "Europe"),
            _p("2022-T1-01", "Kigali", None, None),
            _p("2022-T1-02", "Abidjan", "Abidjan", "Africa"),
            {**_p("2022-T1-02", "Abdijan", "Abidjan", "Africa"), "match": "fuzzy"},
            _p("2022-T1-02", "Seoul", "Seoul", "Asia-Pacific"),
            _p("2022-T1-03", "Seoul", "Seoul", "Asia-Pacific"),
            _p("2022-T1-03", "Berlin", "Berlin", "Europe"),
            _p("2022-T1-03", "Abidjan", "Abidjan", "Africa"),
            _p("2022-T1-04", "Seoul", "Seoul", "Asia-Pacific"),
            _p("2022-T1-04", "Kigali", None, None),
            _p("2022-T1-05", "Madrid", "Madrid", "Europe"),
        ],
    )
    t["activity_alliances"] = frame(
        "activity_alliances",
        [
            {"activity_id": "2022-T1-03", "alliance": "UCLG"},
            {"activity_id": "2022-T1-01", "alliance": "UCLG"},
            {"activity_id": "2022-T1-01", "alliance": "UNDP"},
            {"activity_id": "2022-T1-04", "alliance": "UN-Habitat"},
        ],
    )
    t["board"] = frame(
        "board",
        [
            {"name": "Ana A", "role": "CO-PRESIDENCY", "member": "Abidjan", "region": "Africa"},
            {"name": "Bo B", "role": "MEMBER", "member": "Dakar", "region": "Africa"},
            {"name": "Cy C", "role": "MEMBER", "member": "Dakar", "region": "Africa"},
            {"name": "Di D", "role": "MEMBER", "member": "Seoul", "region": "Asia-Pacific"},
            {"name": "Ed E", "role": "MEMBER", "member": None, "region": "Europe"},
        ],
    )
    t["engagement_table"] = frame(
        "engagement_table",
        [
            {"name_raw": "Abidjan", "member": "Abidjan"},
            {"name_raw": "Berlin", "member": "Berlin"},
            {"name_raw": "Dakar", "member": "Dakar"},
            {"name_raw": "Seúl", "member": "Seoul"},
            {"name_raw": "Atlantis", "member": None},
        ],
    )
    return t


@pytest.fixture
def tables(built_tables) -> dict[str, pd.DataFrame]:
    """Each test's own copies of the module's tables (a test may replace or change them)."""
    return copied(built_tables)


# --------------------------------------------------------------------------- unit tests


def test_headline_counts(tables):
    h = eng.headline(tables)
    assert h["activities"] == 5
    assert h["activities_in_period"] == 4
    assert h["members_engaged"] == 4  # Abidjan, Berlin, Seoul, Madrid
    assert h["roster_size"] == 8
    assert h["engagement_rate"] == pytest.approx(0.5)
    assert h["non_member_participants"] == 1  # Kigali, twice
    assert h["alliances"] == 3
    assert h["board_members"] == 5
    assert h["board_members_engaged"] == 2  # Ana A (Abidjan), Di D (Seoul)
    assert h["board_cities"] == 3
    assert h["board_cities_engaged"] == 2


def test_by_region_has_every_roster_region_even_unengaged(tables):
    df = eng.by_region(tables)
    assert list(df.columns) == [
        "region",
        "roster_size",
        "engaged",
        "not_engaged",
        "engagement_rate",
    ]
    assert df["region"].tolist() == ["Africa", "Asia-Pacific", "Europe", "North America"]
    assert df["roster_size"].tolist() == [3, 2, 2, 1]
    assert df["engaged"].tolist() == [1, 1, 2, 0]
    assert df["not_engaged"].tolist() == [2, 1, 0, 1]
    assert df["engagement_rate"].tolist() == pytest.approx([1 / 3, 0.5, 1.0, 0.0])


def test_per_member_counts_distinct_activities_and_sorts(tables):
    df = eng.per_member(tables)
    assert list(df.columns) == ["member", "region", "activities", "first_activity", "last_activity"]
    # Abidjan: A1, A2 (twice, as Abidjan and Abdijan), A3 -> 3; Seoul: A2, A3, A4 -> 3
    assert df["member"].tolist() == ["Abidjan", "Seoul", "Berlin", "Madrid"]
    assert df["activities"].tolist() == [3, 3, 2, 1]
    assert df["region"].tolist() == ["Africa", "Asia-Pacific", "Europe", "Europe"]
    seoul = df.set_index("member").loc["Seoul"]
    assert seoul["first_activity"] == pd.Timestamp("2022-02-01")
    # A4 (18 Sep) counts as an activity but is dated outside the period: the last date is A3's
    assert seoul["last_activity"] == pd.Timestamp("2022-03-05")
    assert "Kigali" not in set(df["member"])


def test_participation_distribution_includes_zero_and_sums_to_roster(tables):
    df = eng.participation_distribution(tables)
    assert df["activities"].tolist() == [0, 1, 2, 3]
    assert df["members"].tolist() == [4, 1, 1, 2]
    assert df["members"].sum() == 8


def test_not_engaged_sorted_by_region_then_member(tables):
    df = eng.not_engaged(tables)
    assert list(df.columns) == ["member", "region"]
    assert df["member"].tolist() == ["Dakar", "Rabat", "Tehran", "Toronto"]


def test_board_participation(tables):
    df = eng.board_participation(tables)
    assert list(df.columns) == ["name", "role", "member", "region", "activities", "engaged"]
    assert df["name"].tolist() == ["Ana A", "Bo B", "Cy C", "Di D", "Ed E"]
    assert df["activities"].tolist() == [3, 0, 0, 3, 0]
    assert df["engaged"].tolist() == [True, False, False, True, False]


def test_alliances(tables):
    df = eng.alliances(tables)
    assert list(df.columns) == ["alliance", "activities", "titles"]
    assert df["alliance"].tolist() == ["UCLG", "UN-Habitat", "UNDP"]
    assert df["activities"].tolist() == [2, 1, 1]
    assert df["titles"].tolist() == ["ALPHA; GAMMA", "DELTA", "ALPHA"]  # activity order


def test_co_participation_matrix(tables):
    m = eng.co_participation(tables)
    # Madrid (only in A5, alone) shares nothing, so min_shared=1 drops it
    assert list(m.index) == ["Abidjan", "Seoul", "Berlin"]
    assert list(m.columns) == list(m.index)
    assert m.loc["Abidjan", "Abidjan"] == 3
    assert m.loc["Berlin", "Berlin"] == 2
    assert m.loc["Abidjan", "Seoul"] == 2  # A2, A3
    assert m.loc["Abidjan", "Berlin"] == 2  # A1, A3
    assert m.loc["Seoul", "Berlin"] == 1  # A3
    assert (m.to_numpy() == m.to_numpy().T).all()


def test_shared_pairs_ranked_with_their_activities(tables):
    """Abidjan and Berlin shared ALPHA and GAMMA, Abidjan and Seoul BETA and GAMMA, Berlin and
    Seoul GAMMA; Seoul's DELTA was with Kigali, not a member, and Madrid was alone."""
    pairs = eng.shared_pairs(tables)
    assert pairs.values.tolist() == [
        ["Abidjan", "Berlin", 2, "ALPHA; GAMMA"],
        ["Abidjan", "Seoul", 2, "BETA; GAMMA"],
        ["Berlin", "Seoul", 1, "GAMMA"],
    ]
    assert list(pairs.columns) == ["member", "with_member", "shared_activities", "activities"]
    assert eng.shared_pairs(tables, min_shared=2)["with_member"].tolist() == ["Berlin", "Seoul"]
    assert eng.shared_pairs(tables, min_shared=3).empty
    assert eng.interpret_shared_pairs(pairs) == (
        "Abidjan and Berlin took part together most often (2 shared activities, tied with "
        "1 other pair); 2 pairs of members took part together in 2 activities or more, 1 more "
        "in one."
    )


def test_shared_pairs_in_report_order_ties_by_name_and_an_activity_not_listed(tables):
    """Dakar and Rabat shared FIRST and SECOND (listed in that order, their ids the other way
    round); Seoul and Tehran shared THIRD and an activity A3 that no activity row lists (shown
    by its id, last): a tie at two, Dakar's pair first by name."""
    t = dict(tables)
    t["activities"] = frame("activities", [_act("B9", "2022-01-05", "FIRST"),
                                           _act("A1", "2022-01-06", "SECOND"),
                                           _act("A2", "2022-01-07", "THIRD")])  # fmt: skip
    t["participation"] = frame("participation", [
        _p("B9", "Dakar", "Dakar", "Africa"), _p("B9", "Rabat", "Rabat", "Africa"),
        _p("A1", "Rabat", "Rabat", "Africa"), _p("A1", "Dakar", "Dakar", "Africa"),
        _p("A2", "Seoul", "Seoul", "Asia-Pacific"), _p("A2", "Tehran", "Tehran", "Asia-Pacific"),
        _p("A3", "Tehran", "Tehran", "Asia-Pacific"), _p("A3", "Seoul", "Seoul", "Asia-Pacific"),
    ])  # fmt: skip
    pairs = eng.shared_pairs(t)
    assert pairs.values.tolist() == [
        ["Dakar", "Rabat", 2, "FIRST; SECOND"],
        ["Seoul", "Tehran", 2, "THIRD; A3"],
    ]
    assert eng.interpret_shared_pairs(pairs) == (
        "Dakar and Rabat took part together most often (2 shared activities, tied with "
        "1 other pair); 2 pairs of members took part together in 2 activities or more, 0 more "
        "in one."
    )


def test_shared_pairs_of_nobody_and_of_one_pair_that_shared_one_activity(tables):
    nobody = eng.shared_pairs({**tables, "participation": empty_frame("participation")})
    assert nobody.empty and list(nobody.columns) == [
        "member", "with_member", "shared_activities", "activities"]  # fmt: skip
    assert nobody["shared_activities"].dtype == "int64"
    assert eng.interpret_shared_pairs(nobody) == "No two members took part in the same activity."
    one = eng.shared_pairs(tables).iloc[[2]]  # Berlin and Seoul: GAMMA only
    assert eng.interpret_shared_pairs(one) == (
        "Berlin and Seoul took part together most often (1 shared activity); 0 pairs of members "
        "took part together in 2 activities or more, 1 more in one."
    )


def test_co_participation_min_shared(tables):
    assert list(eng.co_participation(tables, min_shared=0).index) == [
        "Abidjan",
        "Seoul",
        "Berlin",
        "Madrid",
    ]
    assert list(eng.co_participation(tables, min_shared=2).index) == ["Abidjan", "Seoul", "Berlin"]
    assert eng.co_participation(tables, min_shared=3).empty


def test_reconcile_engagement_list(tables):
    df = eng.reconcile_engagement_list(tables)
    got = dict(zip(df["member"], df["status"], strict=True))
    assert got == {
        "Kigali": "took part but not listed",
        "Madrid": "took part but not listed",
        "Atlantis": "listed but took part in nothing",
        "Dakar": "listed but took part in nothing",
        "Abidjan": "both",
        "Berlin": "both",
        "Seoul": "both",  # listed as "Seúl", resolved to Seoul
    }
    assert list(df["member"]) == list(got)  # discrepancies first, then by name
    row = df.set_index("member").loc["Kigali"]
    assert not row["is_member"] and row["in_activities"] and not row["in_list"]


def test_nobody_took_part(tables):
    tables["participation"] = empty_frame("participation")
    assert eng.headline(tables)["members_engaged"] == 0
    assert eng.per_member(tables).empty
    assert eng.participation_distribution(tables)["members"].tolist() == [8]
    assert len(eng.not_engaged(tables)) == 8
    assert eng.co_participation(tables).empty
    assert eng.by_region(tables)["engaged"].sum() == 0
    assert eng.interpret_by_region(eng.by_region(tables)).startswith("No roster member")


def test_only_roster_members_count_as_engaged(tables):
    # a participant resolved to a name the roster does not hold is not a roster member
    extra = frame("participation", [_p("2022-T1-05", "Gotham", "Gotham", "Europe")])
    tables["participation"] = pd.concat([tables["participation"], extra], ignore_index=True)
    assert eng.headline(tables)["members_engaged"] == 4
    assert "Gotham" not in set(eng.per_member(tables)["member"])
    assert eng.by_region(tables)["engaged"].tolist() == [1, 1, 2, 0]
    assert eng.participation_distribution(tables)["members"].sum() == 8


def test_missing_table_is_a_clear_error(tables):
    del tables["members"]
    with pytest.raises(KeyError, match="members"):
        eng.headline(tables)


def categorised(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as helpers.analysis.explore loads them: the schema's `isin` columns as categories."""
    out = {}
    for name, df in tables.items():
        df = df.copy()
        for col in ("region", "action_line", "level", "match", "severity"):
            if col in df.columns:
                df[col] = df[col].astype("category")
        out[name] = df
    return out


@pytest.mark.parametrize(
    "func",
    [
        eng.by_region,
        eng.per_member,
        eng.participation_distribution,
        eng.not_engaged,
        eng.board_participation,
        eng.alliances,
        eng.co_participation,
        eng.reconcile_engagement_list,
    ],
)
def test_categorical_columns_give_the_same_answer(tables, func):
    plain, cat = func(tables), func(categorised(tables))
    pd.testing.assert_frame_equal(plain.astype(object), cat.astype(object), check_index_type=False)


def test_headline_with_categorical_columns(tables):
    assert eng.headline(categorised(tables)) == eng.headline(tables)


# --------------------------------------------------------------------------- figures


def _bar_count(fig) -> int:
    return sum(len(c.patches) for ax in fig.axes for c in ax.containers)


def test_engagement_figures_are_unregistered_figures(tables):
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from helpers.show import plots

    before = plt.get_fignums()
    figs = {
        "region": plots.plot_region_engagement(tables),
        "members": plots.plot_member_participation(tables, top=2),
        "distribution": plots.plot_participation_distribution(tables),
        "board": plots.plot_board_participation(tables),
        "alliances": plots.plot_alliances(tables),
    }
    assert plt.get_fignums() == before  # nothing registered with pyplot: shown once, no leak
    for fig in figs.values():
        assert isinstance(fig, Figure)
        fig.savefig(io.BytesIO(), format="png")
    assert _bar_count(figs["region"]) == 2 * 4  # engaged + not engaged per region
    assert _bar_count(figs["members"]) == 2  # top=2
    assert "top 2 of 4" in figs["members"].axes[0].get_title(loc="left")
    assert _bar_count(figs["distribution"]) == 4  # 0, 1, 2, 3 activities
    board_labels = [t.get_text() for t in figs["board"].axes[0].get_yticklabels()]
    red = [
        t.get_text()
        for t in figs["board"].axes[0].get_yticklabels()
        if t.get_color() == plots.ALERT
    ]
    assert board_labels[0] == "Ana A (Abidjan)"
    assert sorted(red) == ["Bo B (Dakar)", "Cy C (Dakar)", "Ed E (member?)"]


def test_engagement_figures_when_nobody_took_part(tables):
    from helpers.show import plots

    tables["participation"] = empty_frame("participation")
    assert eng.shared_pairs(tables).empty
    assert eng.interpret_shared_pairs(eng.shared_pairs(tables)) == (
        "No two members took part in the same activity."
    )
    assert plots.plot_member_participation(tables).axes[0].texts


# --------------------------------------------------------------------------- interpretations


def test_interpret_by_region(tables):
    s = eng.interpret_by_region(eng.by_region(tables))
    assert s == (
        "Europe is the most engaged region: 2 of its 2 members (100%) took part; "
        "North America the least: 0 of 1 (0%)."
    )


def test_interpret_per_member(tables):
    assert eng.interpret_per_member(eng.per_member(tables)) == (
        "Abidjan and Seoul took part most often (3 activities each); "
        "1 of the 4 engaged members took part in a single activity."
    )


def test_interpret_distribution(tables):
    assert eng.interpret_participation_distribution(eng.participation_distribution(tables)) == (
        "4 of the 8 roster members (50%) took part in no activity, 1 in exactly one and 3 in two "
        "or more; the most active took part in 3."
    )


def test_interpret_board_alliances_pairs_and_list(tables):
    assert eng.interpret_board_participation(eng.board_participation(tables)) == (
        "2 of the 5 board members represent a member that took part; not engaged: "
        "Bo B (Dakar), Cy C (Dakar) and Ed E (member not identified)."
    )
    assert eng.interpret_alliances(eng.alliances(tables)) == (
        "Metropolis worked with 3 alliances; UCLG most often (2 activities)."
    )
    assert eng.interpret_co_participation(eng.co_participation(tables)) == (
        "Abidjan and Seoul took part together most often (2 shared activities, tied with "
        "1 other pair)."
    )
    assert eng.interpret_reconciliation(eng.reconcile_engagement_list(tables)) == (
        "3 names appear both in the activities and in the engagement list; 2 took part but are "
        "not listed (Kigali (not a member) and Madrid); 2 are listed but took part in nothing "
        "(Atlantis (not a member) and Dakar)."
    )
    assert eng.interpret_not_engaged(eng.not_engaged(tables)) == (
        "4 roster members took part in no activity; 2 of them (50%) are in Africa."
    )


def test_interpret_headline(tables):
    assert eng.interpret_headline(eng.headline(tables)) == (
        "5 activities (1 dated outside the period) involved 4 of the 8 roster members (50%), "
        "1 non-member participant and 3 alliances; 2 of the 5 board members represent a member "
        "that took part."
    )


# --------------------------------------------------------------------------- real report


@pytest.fixture
def report(t1) -> dict[str, pd.DataFrame]:
    """The 2022-T1 report as parse_report reads it, parsed once per test process and shared
    with the other modules (``t1``, tests/conftest.py): the tests here only read it."""
    return t1


def test_report_roster_by_region(report):
    df = eng.by_region(report).set_index("region")
    assert df["roster_size"].to_dict() == {
        "Africa": 25,
        "Asia-Pacific": 75,
        "Europe": 15,
        "Latin America and the Caribbean": 20,
        "North America": 8,
    }
    # engaged by region, counted by hand from the activities' Members labels
    assert df["engaged"].to_dict() == {
        "Africa": 11,
        "Asia-Pacific": 16,
        "Europe": 8,
        "Latin America and the Caribbean": 8,
        "North America": 3,
    }


def test_report_headline(report):
    h = eng.headline(report)
    assert h["roster_size"] == 143
    assert h["members_engaged"] == 46
    assert h["engagement_rate"] == pytest.approx(46 / 143)
    assert h["non_member_participants"] == 1  # Kigali
    assert h["board_members"] == 34  # Dakar lists two mayors, Guangzhou two
    assert h["board_cities"] == 31


def test_report_member_counts(report):
    counts = eng.per_member(report).set_index("member")["activities"]
    assert counts["Seoul"] == 5  # incl. the September activity outside the period
    assert counts["Barcelona (metropolitan area)"] == 7
    assert counts["Barcelona (city)"] == 5
    assert counts["Medellín"] == 6
    assert counts["Montréal"] == 6  # twice written "Montreal"
    assert counts["Madrid"] == 4
    assert counts["Mexico City"] == 3  # written "Ciudad de México"
    assert counts["Brussels"] == 3  # written "Bruxelles"
    assert counts["Abidjan"] == 2  # once misspelt "Abdijan"
    assert counts["Kathmandu"] == 1  # written "Kathmandu Metropolitan City"
    assert counts.max() == 7


def test_report_not_engaged_and_distribution(report):
    ne = eng.not_engaged(report)
    assert len(ne) == 143 - 46
    assert "San Salvador" in set(ne["member"])
    dist = eng.participation_distribution(report)
    assert dist["members"].sum() == 143
    assert dist.loc[dist["activities"] == 0, "members"].item() == 97


def test_report_board(report):
    df = eng.board_participation(report)
    absent = df.loc[~df["engaged"]]
    # every board member's city took part except San Salvador's mayor
    assert absent["member"].tolist() == ["San Salvador"]


def test_report_reconciliation_with_engagement_list(report):
    df = eng.reconcile_engagement_list(report)
    status = dict(zip(df["member"], df["status"], strict=True))
    # Durban (International Day of Forests) and Casablanca (Five metropolitan approaches)
    # took part but are missing from the report's 44-name engagement list; Kigali is no member
    assert sorted(k for k, v in status.items() if v == "took part but not listed") == [
        "Casablanca",
        "Durban",
        "Kigali",
    ]
    assert [k for k, v in status.items() if v == "listed but took part in nothing"] == []
    assert sum(v == "both" for v in status.values()) == 44


def test_report_co_participation(report):
    m = eng.co_participation(report, min_shared=0)
    assert len(m) == 46
    # Barcelona (metropolitan area) & Medellín: board meeting, public space campaign,
    # rethinking public space, city managers, five metropolitan approaches
    assert m.loc["Barcelona (metropolitan area)", "Medellín"] == 5
    assert m.loc["Seoul", "Seoul"] == 5


def test_report_shared_pairs(report):
    """The 2022-T1 pairs agree with the member × member matrix cell for cell, and the pair
    that worked together most is Barcelona (metropolitan area) and Medellín (5, by hand)."""
    pairs = eng.shared_pairs(report)
    top = pairs.iloc[0]
    assert (top["member"], top["with_member"], top["shared_activities"]) == (
        "Barcelona (metropolitan area)", "Medellín", 5)  # fmt: skip
    assert top["activities"].count("; ") == 4
    m = eng.co_participation(report)
    for row in pairs.itertuples():
        assert m.loc[row.member, row.with_member] == row.shared_activities
    cells = m.to_numpy()
    assert len(pairs) == ((cells > 0).sum() - (cells.diagonal() > 0).sum()) // 2  # each pair once


def test_report_figures_render(report):
    from helpers.show import plots

    for fig in (
        plots.plot_region_engagement(report),
        plots.plot_member_participation(report),
        plots.plot_participation_distribution(report),
        plots.plot_board_participation(report),
        plots.plot_alliances(report),
    ):
        fig.savefig(io.BytesIO(), format="png")
    labels = plots.plot_member_participation(report, top=3).axes[0].get_yticklabels()
    assert [t.get_text() for t in labels] == [
        "Barcelona (metropolitan area)",
        "Medellín",
        "Montréal",
    ]


# --------------------------------------------------------------------------------------------
# Engagement: edge cases on tiny plain frames (only the columns each function reads), each
# expectation counted by hand from the rows written next to it.


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
