"""Outcome coverage: small cases aimed at what `make mutation` found untested (docs/mutation.md).

Each case builds only the rows it needs; every expected value is counted by hand from them.
The table functions get schema-valid frames except where a test says otherwise (a listing
given twice, a frame indexed by its key, a missing `known`): the analysis is meant to cope
with frames built by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis import coverage as cov
from helpers.tables.schemas import SCHEMAS, columns
from tests.analysis.test_coverage import _act

# --------------------------------------------------------------------------- building tables


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame with exactly the schema's columns (source_line filled in), validated."""
    df = pd.DataFrame(
        [{"source_line": i + 1, **r} for i, r in enumerate(rows)], columns=columns(table)
    )
    return SCHEMAS[table].validate(df)


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
