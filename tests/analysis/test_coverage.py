"""Outcome coverage: unit tests on a tiny hand-built plan, integration tests on the real 2022-T1
report (figures counted by hand from the markdown), then small cases built row by row.

The tiny plan and activities (every expectation below is counted by hand from these rows):

plan        L1 · L1A1: L1A1D1, L1A1D2 · L1A2: L1A2D1 · L2 · L2A1: L2A1D1, L2A1D3 · L3 · L3A1 (empty)
challenges  1.1, 1.3, 2.1
A1 L1   outcomes L1A1D1, L1A2D1          challenges 1.1
A2 L1   outcomes L1A1D1, L3A1D4 (unknown) challenges 1.1, 2.1
A3 L2   outcomes L2A1D1 (twice), L1A1D1  challenges 2.1
A4 --   outcomes L2A1D9 (unknown)        challenges 1.1, 9.9 (unknown)
A5 L2   no outcome                       no challenge
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from helpers.analysis import coverage as cov
from helpers.tables.schemas import SCHEMAS, columns, empty_frame
from tests.frames import copied


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame with exactly the schema's columns (source_line filled in), validated."""
    df = pd.DataFrame(
        [{"source_line": i + 1, **r} for i, r in enumerate(rows)], columns=columns(table)
    )
    return SCHEMAS[table].validate(df)


def _act(aid: str, line: str | None, day: str, title: str) -> dict:
    ts = pd.Timestamp(day)
    return {
        "activity_id": aid,
        "period": "2022-T1",
        "action_line": line,
        "start_date": ts,
        "end_date": ts,
        "date_text": day,
        "title": title,
        "description": "",
        "in_period": True,
    }


def _plan_row(code: str, title: str) -> dict:
    if "D" in code:
        level, parent = "deliverable", code[: code.index("D")]
    elif "A" in code:
        level, parent = "action", code[: code.index("A")]
    else:
        level, parent = "line", None
    return {"code": code, "level": level, "parent": parent, "line": code[:2], "title": title}


def _links(table: str, pairs: list[tuple[str, str, bool]]) -> pd.DataFrame:
    """Link rows, validated; a pair given twice is kept twice (the schema's key forbids it in
    parsed tables, but the analysis must not count it twice in a frame built by hand)."""
    rows = [{"activity_id": a, "code": c, "known": k} for a, c, k in pairs]
    first = [r for i, r in enumerate(rows) if r not in rows[:i]]
    repeats = [r for i, r in enumerate(rows) if r in rows[:i]]
    valid = frame(table, first)
    if not repeats:
        return valid
    again = valid.merge(pd.DataFrame(repeats), on=["activity_id", "code", "known"])
    return pd.concat([valid, again], ignore_index=True)


@pytest.fixture(scope="module")
def built_tables() -> dict[str, pd.DataFrame]:
    """The tiny tables below, built and validated once for this module (see ``tables``)."""
    t = {name: empty_frame(name) for name in SCHEMAS}
    t["activities"] = frame(
        "activities",
        [
            _act("2022-T1-01", "L1", "2022-01-10", "ALPHA"),
            _act("2022-T1-02", "L1", "2022-02-01", "BETA"),
            _act("2022-T1-03", "L2", "2022-03-05", "GAMMA"),
            _act("2022-T1-04", None, "2022-03-18", "DELTA"),
            _act("2022-T1-05", "L2", "2022-04-01", "EPSILON"),
        ],
    )
    t["strategic_plan"] = frame(
        "strategic_plan",
        [
            _plan_row("L1", "Line one"),
            _plan_row("L1A1", "Action one one"),
            _plan_row("L1A1D1", "Recommendations"),
            _plan_row("L1A1D2", "Debates"),
            _plan_row("L1A2", "Action one two"),
            _plan_row("L1A2D1", "Champion"),
            _plan_row("L2", "Line two"),
            _plan_row("L2A1", "Action two one"),
            _plan_row("L2A1D1", "Prospective analysis"),
            _plan_row("L2A1D3", "Research"),
            _plan_row("L3", "Line three"),
            _plan_row("L3A1", "Caring organisation"),
        ],
    )
    t["challenges"] = frame(
        "challenges",
        [
            {"code": "1.1", "title": "Inequalities"},
            {"code": "1.3", "title": "Mobility"},
            {"code": "2.1", "title": "Social resilience"},
        ],
    )
    t["activity_outcomes"] = _links(
        "activity_outcomes",
        [
            ("2022-T1-01", "L1A1D1", True),
            ("2022-T1-01", "L1A2D1", True),
            ("2022-T1-02", "L1A1D1", True),
            ("2022-T1-02", "L3A1D4", False),
            ("2022-T1-03", "L2A1D1", True),
            ("2022-T1-03", "L2A1D1", True),
            ("2022-T1-03", "L1A1D1", True),
            ("2022-T1-04", "L2A1D9", False),
        ],
    )
    t["activity_challenges"] = _links(
        "activity_challenges",
        [
            ("2022-T1-01", "1.1", True),
            ("2022-T1-02", "1.1", True),
            ("2022-T1-02", "2.1", True),
            ("2022-T1-03", "2.1", True),
            ("2022-T1-04", "1.1", True),
            ("2022-T1-04", "9.9", False),
        ],
    )
    return t


@pytest.fixture
def tables(built_tables) -> dict[str, pd.DataFrame]:
    """Each test's own copies of the module's tables (a test may replace or change them)."""
    return copied(built_tables)


# --------------------------------------------------------------------------- unit tests


def test_deliverables(tables):
    df = cov.deliverables(tables)
    assert list(df.columns) == ["code", "line", "action", "title", "activities", "covered"]
    assert df["code"].tolist() == ["L1A1D1", "L1A1D2", "L1A2D1", "L2A1D1", "L2A1D3"]
    assert df["line"].tolist() == ["L1", "L1", "L1", "L2", "L2"]
    assert df["action"].tolist() == ["L1A1", "L1A1", "L1A2", "L2A1", "L2A1"]
    assert df["activities"].tolist() == [3, 0, 1, 1, 0]  # L2A1D1 listed twice for A3
    assert df["covered"].tolist() == [True, False, True, True, False]


def test_coverage_rate_by_line(tables):
    df = cov.coverage_rate(tables, level="line")
    assert list(df.columns) == ["line", "title", "deliverables", "covered", "rate"]
    assert df["line"].tolist() == ["L1", "L2", "L3"]
    assert df["deliverables"].tolist() == [3, 2, 0]
    assert df["covered"].tolist() == [2, 1, 0]
    assert df["rate"].iloc[:2].tolist() == pytest.approx([2 / 3, 0.5])
    assert pd.isna(df["rate"].iloc[2])  # L3 lists no deliverable


def test_coverage_rate_by_action(tables):
    df = cov.coverage_rate(tables, level="action")
    assert df["action"].tolist() == ["L1A1", "L1A2", "L2A1", "L3A1"]
    assert df["deliverables"].tolist() == [2, 1, 2, 0]
    assert df["covered"].tolist() == [1, 1, 1, 0]
    assert df["title"].tolist()[1] == "Action one two"
    with pytest.raises(ValueError):
        cov.coverage_rate(tables, level="deliverable")  # type: ignore[arg-type]


def test_challenge_coverage(tables):
    df = cov.challenge_coverage(tables)
    assert list(df.columns) == ["code", "title", "activities", "covered"]
    assert df["code"].tolist() == ["1.1", "1.3", "2.1"]
    assert df["activities"].tolist() == [3, 0, 2]
    assert df["covered"].tolist() == [True, False, True]


def test_headline_of_the_tiny_plan(tables):
    # deliverables L1A1D1, L1A2D1 and L2A1D1 served, L1A1D2 and L2A1D3 not; challenges 1.1
    # and 2.1 addressed, 1.3 not (9.9 is not in the listing)
    assert cov.headline(tables) == {
        "deliverables_covered": 3, "deliverables": 5, "challenges_covered": 2, "challenges": 3}  # fmt: skip


def test_line_challenge_matrix(tables):
    m = cov.line_challenge_matrix(tables)
    assert list(m.index) == ["L1", "L2", "L3", "(no line)"]
    assert list(m.columns) == ["1.1", "1.3", "2.1", "9.9"]  # listed, then unlisted codes
    expected = pd.DataFrame(
        [[2, 0, 1, 0], [0, 0, 1, 0], [0, 0, 0, 0], [1, 0, 0, 1]],
        index=m.index,
        columns=m.columns,
    )
    pd.testing.assert_frame_equal(m, expected)


def test_line_challenge_matrix_from_outcomes(tables):
    m = cov.line_challenge_matrix(tables, line_from="outcomes")
    # A1 → L1; A2 → L1, L3; A3 → L2, L1; A4 → L2 (its unknown L2A1D9); A5 has no challenge
    assert list(m.index) == ["L1", "L2", "L3"]
    assert m.loc["L1"].tolist() == [2, 0, 2, 0]
    assert m.loc["L2"].tolist() == [1, 0, 1, 1]
    assert m.loc["L3"].tolist() == [1, 0, 1, 0]


def test_unknown_codes(tables):
    df = cov.unknown_codes(tables)
    assert list(df.columns) == ["code", "kind", "activities", "titles"]
    assert df["code"].tolist() == ["L2A1D9", "L3A1D4", "9.9"]
    assert df["kind"].tolist() == ["outcome", "outcome", "challenge"]
    assert df["activities"].tolist() == [1, 1, 1]
    assert df["titles"].tolist() == ["DELTA", "BETA", "DELTA"]


def test_without_outcomes(tables):
    df = cov.without_outcomes(tables)
    assert list(df.columns) == ["activity_id", "title", "start_date"]
    assert df["activity_id"].tolist() == ["2022-T1-05"]
    assert df["start_date"].tolist() == [pd.Timestamp("2022-04-01")]


def test_nothing_linked(tables):
    tables["activity_outcomes"] = empty_frame("activity_outcomes")
    tables["activity_challenges"] = empty_frame("activity_challenges")
    assert not cov.deliverables(tables)["covered"].any()
    assert len(cov.without_outcomes(tables)) == 5
    m = cov.line_challenge_matrix(tables)
    assert list(m.index) == ["L1", "L2", "L3"] and int(m.to_numpy().sum()) == 0
    assert cov.unknown_codes(tables).empty
    assert cov.interpret_line_challenge_matrix(m) == (
        "No activity links an action line to a challenge."
    )


def categorised(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as helpers.analysis.explore loads them: the schema's `isin` columns as categories
    (action_line and level ordered)."""
    out = {}
    for name, df in tables.items():
        df = df.copy()
        for col in ("region", "action_line", "level", "match", "severity"):
            if col in df.columns:
                ordered = col in ("action_line", "level")
                df[col] = df[col].astype(pd.CategoricalDtype(ordered=ordered))
        out[name] = df
    return out


@pytest.mark.parametrize(
    "func",
    [
        cov.deliverables,
        cov.coverage_rate,
        lambda t: cov.coverage_rate(t, "action"),
        cov.challenge_coverage,
        cov.line_challenge_matrix,
        lambda t: cov.line_challenge_matrix(t, line_from="outcomes"),
        cov.unknown_codes,
        cov.without_outcomes,
    ],
)
def test_categorical_columns_give_the_same_answer(tables, func):
    plain, cat = func(tables), func(categorised(tables))
    pd.testing.assert_frame_equal(plain.astype(object), cat.astype(object), check_index_type=False)


# --------------------------------------------------------------------------- figures


def _bar_count(fig) -> int:
    return sum(len(c.patches) for ax in fig.axes for c in ax.containers)


def _red_labels(fig, alert: str) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_color() == alert]


def test_coverage_figures(tables):
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from helpers.show import plots

    before = plt.get_fignums()
    deliv = plots.plot_deliverable_coverage(tables)
    rate = plots.plot_coverage_rate(tables, level="line")
    chall = plots.plot_challenge_coverage(tables)
    heat = plots.plot_line_challenge_heatmap(tables)
    assert plt.get_fignums() == before
    for fig in (deliv, rate, chall, heat):
        assert isinstance(fig, Figure)
        fig.savefig(io.BytesIO(), format="png")
    assert _bar_count(deliv) == 5
    assert _red_labels(deliv, plots.ALERT) == ["L1A1D2  Debates", "L2A1D3  Research"]
    # L1A1D1, L1A1D2 | L1A2D1 | L2A1D1, L2A1D3: a gap separates actions
    ys = [t.get_position()[1] for t in deliv.axes[0].get_yticklabels()]
    steps = [round(a - b, 2) for a, b in zip(ys, ys[1:], strict=False)]
    assert steps == [1.0, 1.6, 1.6, 1.0]
    assert _bar_count(rate) == 2 * 2  # L1, L2 (L3 lists no deliverable): track + share
    assert _red_labels(chall, plots.ALERT) == ["1.3  Mobility"]
    ax = heat.axes[0]
    # every code with its title: challenges down the side, lines across the top
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1.1  Inequalities", "1.3  Mobility", "2.1  Social resilience",
        "9.9  (not in the challenge listing)",
    ]  # fmt: skip
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "L1\nLine one",
        "L2\nLine two",
        "L3\nLine three",
        "(no line)",
    ]


# --------------------------------------------------------------------------- interpretations


def test_interpretations(tables):
    assert cov.interpret_deliverables(cov.deliverables(tables)) == (
        "3 of the 5 deliverables (60%) were served by at least one activity; none served "
        "L1A1D2 (Debates) or L2A1D3 (Research)."
    )
    assert cov.interpret_coverage_rate(cov.coverage_rate(tables, "action")) == (
        # L1A1 (D1 of D1, D2) and L2A1 (D1 of D1, D3) both at 1 of 2: a tie
        "L1A2 has every deliverable covered; L1A1 and L2A1 tie as the least (50% each)."
    )
    assert cov.interpret_challenge_coverage(cov.challenge_coverage(tables)) == (
        "2 of the 3 challenges were addressed by at least one activity (1.3 Mobility: none); "
        "the most addressed: 1.1 Inequalities (3 activities)."
    )
    assert cov.interpret_line_challenge_matrix(cov.line_challenge_matrix(tables)) == (
        "The strongest link is L1 with challenge 1.1 (2 activities); "
        "2 links come from activities with no line."
    )
    assert cov.interpret_unknown_codes(cov.unknown_codes(tables)) == (
        "The activities use 2 outcome codes (L2A1D9 and L3A1D4) and 1 challenge code (9.9) "
        "absent from the report's listings."
    )
    assert cov.interpret_without_outcomes(cov.without_outcomes(tables)) == (
        "1 activity names no outcome: EPSILON."
    )


# --------------------------------------------------------------------------- real report


@pytest.fixture
def report(t1) -> dict[str, pd.DataFrame]:
    """The 2022-T1 report as parse_report reads it, parsed once per test process and shared
    with the other modules (``t1``, tests/conftest.py): the tests here only read it."""
    return t1


def test_report_deliverables(report):
    df = cov.deliverables(report).set_index("code")
    assert len(df) == 18  # deliverables in the plan listing
    assert sorted(df.index[~df["covered"]]) == ["L2A2D1", "L2A2D7"]
    # counted by hand from the activities' Outcomes labels
    assert df.loc["L1A1D1", "activities"] == 3  # Kartepe, local public services, public space
    assert df.loc["L1A3D1", "activities"] == 3  # UCLG-MEWA, Africa governance, UCLG retreat
    assert df.loc["L2A1D3", "activities"] == 3  # Kartepe, rethinking public space, five approaches
    assert df.loc["L3A1D3", "activities"] == 1  # 8M campaign


def test_report_coverage_rate(report):
    df = cov.coverage_rate(report, "line").set_index("line")
    assert df["deliverables"].to_dict() == {"L1": 9, "L2": 8, "L3": 1}
    assert df["covered"].to_dict() == {"L1": 9, "L2": 6, "L3": 1}


def test_report_challenges(report):
    df = cov.challenge_coverage(report).set_index("code")
    assert len(df) == 12
    assert df.index[~df["covered"]].tolist() == ["1.3"]
    assert df["activities"].to_dict() == {
        "1.1": 6,
        "1.3": 0,
        "1.4": 7,
        "2.1": 7,
        "2.2": 2,
        "2.3": 5,
        "3.1": 2,
        "3.2": 3,
        "3.3": 4,
        "4.1": 1,
        "4.2": 1,
        "4.3": 1,
    }


def test_report_unknown_codes(report):
    df = cov.unknown_codes(report)
    # both on "UCLG Secretaries General meeting"; L3A2 is not in the plan at all
    assert df[["code", "kind"]].values.tolist() == [["L3A1D4", "outcome"], ["L3A2D2", "outcome"]]
    assert df["activities"].tolist() == [1, 1]


def test_report_without_outcomes(report):
    df = cov.without_outcomes(report)
    # the Kocaeli membership application has no labels at all
    assert len(df) == 1
    assert "KOCAELI" in df["title"].iloc[0].upper()


def test_report_line_challenge_matrix(report):
    m = cov.line_challenge_matrix(report)
    assert list(m.columns[:12]) == [
        "1.1", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"
    ]  # fmt: skip
    assert {"L1", "L2", "L3"} <= set(m.index)
    assert (m["1.3"] == 0).all()
    assert cov.NO_LINE not in m.index  # the parser gives every activity a line
    # every (activity, challenge) link is counted once in some row
    assert int(m.to_numpy().sum()) == 39
    # challenge 1.1: Africa governance, UCLG retreat, local public services, board meeting and
    # the GTF statement run in the L1 section; the UCLG secretaries general meeting in L3
    assert m.loc["L1", "1.1"] == 5
    assert m.loc["L3", "1.1"] == 1


def test_challenges_by_line_reads_down_the_challenges_with_their_titles(tables):
    """A1 (L1) 1.1 · A2 (L1) 1.1, 2.1 · A3 (L2) 2.1 · A4 (no line) 1.1, 9.9 (not listed)."""
    df = cov.challenges_by_line(tables)
    assert list(df.columns) == ["code", "title", "L1", "L2", "L3", "(no line)"]
    assert df.values.tolist() == [
        ["1.1", "Inequalities", 2, 0, 0, 1],
        ["1.3", "Mobility", 0, 0, 0, 0],
        ["2.1", "Social resilience", 1, 1, 0, 0],
        ["9.9", "(not in the challenge listing)", 0, 0, 0, 1],
    ]
    assert cov.line_titles(tables) == {"L1": "Line one", "L2": "Line two", "L3": "Line three"}


def test_report_heatmap_labels_every_code_with_its_title(report):
    """2022-T1: the twelve listed challenges and the three lines, each with its title as the
    report lists it (1.1 Combating inequalities and segregation; L2 Build adaptive …)."""
    from helpers.show import plots

    ax = plots.plot_line_challenge_heatmap(report).axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == 12 and rows[0] == "1.1  Combating inequalities and segregation"
    assert rows[-1] == "4.3  Adapting to the shared economy"
    heads = [t.get_text() for t in ax.get_xticklabels()]
    assert heads[1] == "L2\nBuild adaptive\ncapacities for\nmetropolitan governance"


def test_report_figures_render(report):
    from helpers.show import plots

    for fig in (
        plots.plot_deliverable_coverage(report),
        plots.plot_coverage_rate(report),
        plots.plot_challenge_coverage(report),
        plots.plot_line_challenge_heatmap(report),
    ):
        fig.savefig(io.BytesIO(), format="png")
    fig = plots.plot_deliverable_coverage(report)
    assert _red_labels(fig, plots.ALERT) == [
        "L2A2D1  Data and indicators for better decision-making",
        "L2A2D7  Tools to mainstream gender in metropolitan po…",
    ]


# --------------------------------------------------------------------------------------------
# Outcome coverage: small cases aimed at what `make mutation` found untested (docs/mutation.md).
#
# Each case builds only the rows it needs; every expected value is counted by hand from them.
# The table functions get schema-valid frames except where a test says otherwise (a listing
# given twice, a frame indexed by its key, a missing `known`): the analysis is meant to cope
# with frames built by hand.

# --------------------------------------------------------------------------- building tables


def act(aid: str, title: str, line: str | None = "L1", day: str = "2022-02-01") -> dict:
    return _act(aid, line, day, title)


def plan_row(code: str, title: str | None = None) -> dict:
    if "D" in code:
        level, parent = "deliverable", code[: code.index("D")]
    elif "A" in code:
        level, parent = "action", code[: code.index("A")]
    else:
        level, parent = "line", None
    line = code[: code.index("A")] if "A" in code else code
    return {"code": code, "level": level, "parent": parent, "line": line, "title": title or code}


def links(table: str, pairs: list[tuple[str, str]], known: bool = True) -> pd.DataFrame:
    return frame(table, [{"activity_id": a, "code": c, "known": known} for a, c in pairs])


def build(
    acts: list[dict] = (),
    plan: list[str] = (),
    challenges: list[str] = (),
    outcomes: list[tuple[str, str]] = (),
    challenge_links: list[tuple[str, str]] = (),
    known: bool = True,
) -> dict[str, pd.DataFrame]:
    """The five tables the coverage functions read; challenge titles are `T<code>`."""
    return {
        "activities": frame("activities", list(acts)),
        "strategic_plan": frame("strategic_plan", [plan_row(c) for c in plan]),
        "challenges": frame("challenges", [{"code": c, "title": f"T{c}"} for c in challenges]),
        "activity_outcomes": links("activity_outcomes", list(outcomes), known),
        "activity_challenges": links("activity_challenges", list(challenge_links), known),
    }


def twice(df: pd.DataFrame) -> pd.DataFrame:
    """Every row listed a second time further down (as a report repeating its listing)."""
    again = df.assign(source_line=df["source_line"] + len(df))
    return pd.concat([df, again], ignore_index=True)


# --------------------------------------------------------------------------- line × challenge


def test_matrix_rows_follow_line_numbers_and_axes_are_named():
    t = build(
        acts=[act("2022-T1-01", "ALPHA", "L2")],
        plan=["L10", "L10A1", "L2", "L2A1", "L2A1D1"],
        challenges=["1.1"],
        challenge_links=[("2022-T1-01", "1.1")],
    )
    m = cov.line_challenge_matrix(t)
    assert m.index.tolist() == ["L2", "L10"]  # by number, not as text ("L10" < "L2")
    assert m.to_numpy().tolist() == [[1], [0]]
    assert m.index.name == "line" and m.columns.name == "challenge"
    assert m.index.dtype == object and m.columns.dtype == object
    assert all(pd.api.types.is_integer_dtype(d) for d in m.dtypes)


def test_matrix_lines_only_outcomes_name_follow_the_plan_by_number():
    # L9 and L10 are in no plan listing: they come after L1, L9 before L10
    t = build(
        acts=[act("2022-T1-01", "ALPHA"), act("2022-T1-02", "BETA")],
        plan=["L1"],
        challenges=["1.1"],
        outcomes=[("2022-T1-01", "L10A1D1"), ("2022-T1-02", "L9A1D1")],
        challenge_links=[("2022-T1-01", "1.1"), ("2022-T1-02", "1.1")],
    )
    m = cov.line_challenge_matrix(t, line_from="outcomes")
    assert m.index.tolist() == ["L1", "L9", "L10"]
    assert m["1.1"].tolist() == [0, 1, 1]


def test_matrix_unlisted_challenges_follow_the_listed_ones_by_number():
    t = build(
        acts=[act("2022-T1-01", "ALPHA"), act("2022-T1-02", "BETA")],
        plan=["L1"],
        challenges=["2.1"],
        challenge_links=[("2022-T1-01", "10.1"), ("2022-T1-02", "9.9"), ("2022-T1-02", "2.1")],
    )
    m = cov.line_challenge_matrix(t)
    assert m.columns.tolist() == ["2.1", "9.9", "10.1"]
    assert m.loc["L1"].tolist() == [1, 1, 1]


@pytest.mark.parametrize("line_from", ["activity", "outcomes"])
def test_matrix_link_of_an_activity_missing_from_the_activities_has_no_line(line_from):
    # 2022-T1-09 addresses 1.1 but is not in the activities table (e.g. a filtered table)
    t = build(
        acts=[act("2022-T1-01", "ALPHA")],
        plan=["L1", "L1A1", "L1A1D1"],
        challenges=["1.1"],
        outcomes=[("2022-T1-01", "L1A1D1")],
        challenge_links=[("2022-T1-01", "1.1"), ("2022-T1-09", "1.1")],
    )
    m = cov.line_challenge_matrix(t, line_from=line_from)
    assert m.index.tolist() == ["L1", cov.NO_LINE]
    assert m["1.1"].tolist() == [1, 1]


def test_matrix_rejects_an_unknown_line_source():
    t = build(acts=[act("2022-T1-01", "ALPHA")], plan=["L1"])
    with pytest.raises(ValueError, match="line_from must be 'activity' or 'outcomes', not 'x'"):
        cov.line_challenge_matrix(t, line_from="x")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- tables


def test_coverage_rate_actions_only_deliverables_name_sorted_by_number():
    # the listing has no action rows: L1A2 and L1A10 are read from the deliverables' codes
    t = build(
        acts=[act("2022-T1-01", "ALPHA")],
        plan=["L1", "L1A10D1", "L1A2D1", "L1A2D2"],
        outcomes=[("2022-T1-01", "L1A2D2")],
    )
    df = cov.coverage_rate(t, level="action")
    assert df["action"].tolist() == ["L1A2", "L1A10"]
    assert df["deliverables"].tolist() == [2, 1]
    assert df["covered"].tolist() == [1, 0]
    assert df["rate"].tolist() == [0.5, 0.0]
    assert df["title"].isna().all()


def test_coverage_rate_rejects_an_unknown_level():
    t = build(plan=["L1"])
    with pytest.raises(ValueError, match="level must be 'line' or 'action', not 'deliverable'"):
        cov.coverage_rate(t, level="deliverable")  # type: ignore[arg-type]


def test_counts_are_integers_and_one_activity_covers():
    t = build(
        acts=[act("2022-T1-01", "ALPHA"), act("2022-T1-02", "BETA")],
        plan=["L1", "L1A1", "L1A1D1", "L1A1D2"],
        challenges=["1.1", "1.2"],
        outcomes=[("2022-T1-01", "L1A1D1"), ("2022-T1-02", "L1A1D1")],
        challenge_links=[("2022-T1-01", "1.2")],
    )
    d = cov.deliverables(t)
    assert d["activities"].tolist() == [2, 0]
    assert pd.api.types.is_integer_dtype(d["activities"])
    c = cov.challenge_coverage(t)
    assert c["activities"].tolist() == [0, 1]
    assert c["covered"].tolist() == [False, True]  # a single activity is enough
    assert pd.api.types.is_integer_dtype(c["activities"])


def test_listings_given_twice_count_once():
    t = build(
        acts=[act("2022-T1-01", "ALPHA"), act("2022-T1-02", "BETA")],
        plan=["L1", "L1A1", "L1A1D1"],
        challenges=["1.1"],
        outcomes=[("2022-T1-01", "L1A1D1")],
        challenge_links=[("2022-T1-01", "1.1")],
    )
    t = {name: twice(df) for name, df in t.items() if name != "activity_outcomes"} | {
        "activity_outcomes": t["activity_outcomes"]
    }
    assert cov.deliverables(t)["code"].tolist() == ["L1A1D1"]
    assert cov.deliverables(t)["activities"].tolist() == [1]
    assert cov.challenge_coverage(t)["code"].tolist() == ["1.1"]
    assert cov.challenge_coverage(t)["activities"].tolist() == [1]
    assert cov.without_outcomes(t)["activity_id"].tolist() == ["2022-T1-02"]


def test_frames_indexed_by_their_key_give_the_same_answer():
    t = build(
        acts=[act("2022-T1-01", "ALPHA"), act("2022-T1-02", "BETA", None, "2022-03-01")],
        plan=["L1", "L1A1", "L1A1D1", "L1A1D2"],
        challenges=["1.1", "1.2"],
        outcomes=[("2022-T1-01", "L1A1D1")],
        challenge_links=[("2022-T1-02", "1.2")],
    )
    keyed = dict(t)
    keyed["activities"] = t["activities"].set_index("activity_id", drop=False)
    keyed["strategic_plan"] = t["strategic_plan"].set_index("code", drop=False)
    keyed["challenges"] = t["challenges"].set_index("code", drop=False)
    d = cov.deliverables(keyed)
    assert d["code"].tolist() == ["L1A1D1", "L1A1D2"] and d["activities"].tolist() == [1, 0]
    c = cov.challenge_coverage(keyed)
    assert c["code"].tolist() == ["1.1", "1.2"] and c["activities"].tolist() == [0, 1]
    w = cov.without_outcomes(keyed)
    assert w["activity_id"].tolist() == ["2022-T1-02"]
    assert w["start_date"].tolist() == [pd.Timestamp("2022-03-01")]
    m = cov.line_challenge_matrix(keyed)
    assert m.index.tolist() == ["L1", cov.NO_LINE]
    assert m.to_numpy().tolist() == [[0, 0], [0, 1]]


# --------------------------------------------------------------------------- unknown codes


def test_unknown_code_titles_in_activity_order_then_ids_not_in_the_table():
    # the table lists the activities by date, not by id; 2022-T1-99 is not in it at all
    ids = ["2022-T1-03", "2022-T1-05", "2022-T1-01", "2022-T1-04", "2022-T1-02"]
    names = ["GAMMA", "EPSILON", "ALPHA", "DELTA", "BETA"]
    t = build(
        acts=[
            act(i, n, day=f"2022-02-0{k + 1}")
            for k, (i, n) in enumerate(zip(ids, names, strict=True))
        ],
        challenges=["1.1"],
        challenge_links=[(i, "9.9") for i in sorted(ids) + ["2022-T1-99"]],
        known=False,
    )
    df = cov.unknown_codes(t)
    assert df["code"].tolist() == ["9.9"]
    assert df["activities"].tolist() == [6]
    assert pd.api.types.is_integer_dtype(df["activities"])
    assert df["titles"].tolist() == ["GAMMA; EPSILON; ALPHA; DELTA; BETA; 2022-T1-99"]


def test_unknown_codes_sorted_by_number_then_as_written():
    t = build(
        acts=[act("2022-T1-01", "ALPHA")],
        outcomes=[("2022-T1-01", "L10A1D1"), ("2022-T1-01", "L9A1D1")],
        # the same numbers written five ways: ordered as text among themselves
        challenge_links=[("2022-T1-01", c) for c in ["1.1", "01.1", "1.01", "001.1", "01.01"]],
        known=False,
    )
    df = cov.unknown_codes(t)
    assert df["code"].tolist() == ["L9A1D1", "L10A1D1", "001.1", "01.01", "01.1", "1.01", "1.1"]
    assert df["kind"].tolist() == ["outcome"] * 2 + ["challenge"] * 5


def test_a_missing_known_counts_as_unknown():
    t = build(
        acts=[act("2022-T1-01", "ALPHA")],
        plan=["L1", "L1A1", "L1A1D1"],
        outcomes=[("2022-T1-01", "L1A1D1"), ("2022-T1-01", "L1A1D2")],
    )
    oc = t["activity_outcomes"]
    t["activity_outcomes"] = oc.assign(known=pd.array([True, pd.NA], dtype="boolean"))
    df = cov.unknown_codes(t)
    assert df["code"].tolist() == ["L1A1D2"]
    assert df["titles"].tolist() == ["ALPHA"]


# --------------------------------------------------------------------------- sentences


def deliverable_frame(covered: list[bool]) -> pd.DataFrame:
    codes = [f"L1A1D{i + 1}" for i in range(len(covered))]
    return pd.DataFrame(
        {
            "code": codes,
            "line": "L1",
            "action": "L1A1",
            "title": [f"T{i + 1}" for i in range(len(covered))],
            "activities": [int(c) for c in covered],
            "covered": covered,
        }
    )


def test_interpret_deliverables_cases():
    assert cov.interpret_deliverables(deliverable_frame([])) == (
        "The report lists no Strategic Action Plan deliverables."
    )
    assert cov.interpret_deliverables(deliverable_frame([True, True])) == (
        "2 of the 2 deliverables (100%) were served by at least one activity."
    )
    # five gaps: four are named, then "1 other"; 1 of 6 is 16.7%
    assert cov.interpret_deliverables(deliverable_frame([True] + [False] * 5)) == (
        "1 of the 6 deliverables (17%) were served by at least one activity; none served "
        "L1A1D2 (T2), L1A1D3 (T3), L1A1D4 (T4), L1A1D5 (T5) or 1 other."
    )


def rate_frame(key: str, rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """(code, deliverables, covered) rows as coverage_rate gives them."""
    n = pd.Series([r[1] for r in rows])
    c = pd.Series([r[2] for r in rows])
    return pd.DataFrame(
        {
            key: [r[0] for r in rows],
            "title": [f"T{r[0]}" for r in rows],
            "deliverables": n,
            "covered": c,
            "rate": (c / n.where(n > 0)).astype(float),
        }
    )


def test_interpret_coverage_rate_lines_without_a_full_one():
    # L1 and L2 tie at 50%: both are named as a tie; L4 lists none
    df = rate_frame("line", [("L1", 2, 1), ("L2", 4, 2), ("L3", 1, 0), ("L4", 0, 0)])
    assert cov.interpret_coverage_rate(df) == (
        "L1 and L2 tie as the best covered lines (50% each); L3 the least: 0 of 1 (0%)."
    )
    one_best = rate_frame("line", [("L1", 2, 2), ("L2", 4, 1), ("L3", 4, 1)])
    assert cov.interpret_coverage_rate(one_best) == (
        "L1 has every deliverable covered; L2 and L3 tie as the least (25% each)."
    )


def test_interpret_coverage_rate_one_best_below_full_and_ties_of_eleven():
    # L2 alone at 75% (3 of 4) before L1 at 50%; L3 the least
    df = rate_frame("line", [("L1", 2, 1), ("L2", 4, 3), ("L3", 4, 1)])
    assert cov.interpret_coverage_rate(df) == (
        "L2 is the best covered line: 3 of 4 deliverables (75%); L3 the least: 1 of 4 (25%)."
    )
    eleven = [(f"L1A{i}", 2, 1) for i in range(1, 12)]
    listed = ", ".join(f"L1A{i}" for i in range(1, 11))
    assert cov.interpret_coverage_rate(rate_frame("action", eleven + [("L2A1", 2, 0)])) == (
        f"{listed} and 1 other tie as the best covered actions (50% each); "
        "L2A1 the least: 0 of 2 (0%)."
    )


def test_interpret_coverage_rate_lines_two_full():
    df = rate_frame("line", [("L1", 2, 2), ("L2", 1, 1), ("L3", 3, 1)])
    assert cov.interpret_coverage_rate(df) == (
        "L1 and L2 have every deliverable covered; L3 the least: 1 of 3 (33%)."
    )


def test_interpret_coverage_rate_names_up_to_ten_full_actions():
    six = [(f"L1A{i}", 1, 1) for i in range(1, 7)]
    assert cov.interpret_coverage_rate(rate_frame("action", six + [("L2A1", 2, 0)])) == (
        "L1A1, L1A2, L1A3, L1A4, L1A5 and L1A6 have every deliverable covered; "
        "L2A1 the least: 0 of 2 (0%)."
    )
    eleven = [(f"L1A{i}", 1, 1) for i in range(1, 12)]
    listed = ", ".join(f"L1A{i}" for i in range(1, 10))
    assert cov.interpret_coverage_rate(rate_frame("action", eleven + [("L2A1", 2, 0)])) == (
        f"{listed}, L1A10 and 1 other have every deliverable covered; L2A1 the least: 0 of 2 (0%)."
    )


def challenge_frame(rows: list[tuple[str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": [r[0] for r in rows],
            "title": [f"T{r[0]}" for r in rows],
            "activities": [r[1] for r in rows],
            "covered": [r[1] > 0 for r in rows],
        }
    )


def test_interpret_challenge_coverage_cases():
    assert cov.interpret_challenge_coverage(challenge_frame([])) == (
        "The report lists no metropolitan challenges."
    )
    assert cov.interpret_challenge_coverage(challenge_frame([("1.1", 0), ("1.2", 0)])) == (
        "0 of the 2 challenges were addressed by at least one activity (1.1 T1.1 and 1.2 T1.2: "
        "none)."
    )
    assert cov.interpret_challenge_coverage(challenge_frame([("1.1", 1), ("1.2", 0)])) == (
        "1 of the 2 challenges were addressed by at least one activity (1.2 T1.2: none); "
        "the most addressed: 1.1 T1.1 (1 activity)."
    )
    two = challenge_frame([("1.1", 2), ("1.2", 2), ("1.3", 1)])
    assert cov.interpret_challenge_coverage(two) == (
        "3 of the 3 challenges were addressed by at least one activity; "
        "the most addressed: 1.1 T1.1 and 1.2 T1.2 (2 activities each)."
    )


def matrix(rows: dict[str, list[int]], cols: list[str]) -> pd.DataFrame:
    m = pd.DataFrame(list(rows.values()), index=list(rows), columns=cols)
    m.index.name, m.columns.name = "line", "challenge"
    return m


def test_interpret_line_challenge_matrix_one_link():
    one = matrix({"L1": [2]}, ["1.1"])
    assert cov.interpret_line_challenge_matrix(one) == (
        "The strongest link is L1 with challenge 1.1 (2 activities)."
    )
    single = matrix({"L1": [1, 0], "L2": [0, 0]}, ["1.1", "1.2"])
    assert cov.interpret_line_challenge_matrix(single) == (
        "The strongest link is L1 with challenge 1.1 (1 activity)."
    )


def test_interpret_line_challenge_matrix_tied_links():
    two = matrix({"L1": [2, 0], "L2": [0, 2]}, ["1.1", "1.2"])
    assert cov.interpret_line_challenge_matrix(two) == (
        "The strongest links are L1 with challenge 1.1 and L2 with challenge 1.2 "
        "(2 activities each)."
    )
    four = matrix({"L1": [1, 1], "L2": [1, 1]}, ["1.1", "1.2"])
    assert cov.interpret_line_challenge_matrix(four) == (
        "The strongest links are L1 with challenge 1.1, L1 with challenge 1.2, "
        "L2 with challenge 1.1 and 1 other (1 activity each)."
    )


def test_interpret_line_challenge_matrix_links_without_a_line():
    none = matrix({"L1": [2], cov.NO_LINE: [0]}, ["1.1"])
    assert cov.interpret_line_challenge_matrix(none) == (
        "The strongest link is L1 with challenge 1.1 (2 activities)."
    )


def test_interpret_unknown_codes_none():
    df = pd.DataFrame(columns=["code", "kind", "activities", "titles"])
    assert cov.interpret_unknown_codes(df) == (
        "Every outcome and challenge code the activities use is in the report's listings."
    )


def test_interpret_without_outcomes_cases():
    df = pd.DataFrame(columns=["activity_id", "title", "start_date"])
    assert cov.interpret_without_outcomes(df) == (
        "Every activity names at least one Strategic Action Plan outcome."
    )
    two = pd.DataFrame(
        {"activity_id": ["2022-T1-01", "2022-T1-02"], "title": ["ALPHA", "BETA"]}
    ).assign(start_date=pd.Timestamp("2022-02-01"))
    assert cov.interpret_without_outcomes(two) == "2 activities name no outcome: ALPHA and BETA."


def test_interpret_line_challenge_matrix_one_link_without_a_line():
    one = matrix({"L1": [2], cov.NO_LINE: [1]}, ["1.1"])
    assert cov.interpret_line_challenge_matrix(one) == (
        "The strongest link is L1 with challenge 1.1 (2 activities); "
        "1 link comes from activities with no line."
    )
