"""helpers.ingest.validate: every table checked by its schema, each failure a `schema` finding;
a table with no rows that is typed already (schemas.is_empty_frame) is kept as it is. The
others go through helpers.tables.validation.validate: the columns of another type coerced one
by one, then the schema's checks without coercion, every failure reported as the schema that
coerces reports it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandas.testing as pdt
import pandera.pandas as pa
import pytest

from helpers.ingest import validate
from helpers.tables.findings import Findings, frame
from helpers.tables.schemas import SCHEMAS, columns, empty_frame, is_empty_frame
from helpers.tables.validation import validate as schema_validate


def test_only_a_typed_frame_without_rows_is_its_tables_empty_frame():
    typed = empty_frame("challenges")
    assert is_empty_frame("challenges", typed)
    assert not is_empty_frame("challenges", pd.DataFrame({c: [] for c in columns("challenges")}))
    assert not is_empty_frame("challenges", typed[["title", "code", "source_line"]])
    assert not is_empty_frame("challenges", typed.drop(columns="title"))
    assert not is_empty_frame("members", typed)
    one = frame("challenges", [{"code": "2.3", "title": "Climate resilience", "source_line": 9}])
    assert not is_empty_frame("challenges", SCHEMAS["challenges"].validate(one))
    acts = empty_frame("activities")
    assert not is_empty_frame("activities", acts.astype({"start_date": "datetime64[us]"}))


def test_a_typed_empty_table_is_kept_and_every_other_table_validated():
    q = Findings()
    typed = empty_frame("challenges")
    untyped = pd.DataFrame({c: [] for c in columns("members")})
    bad = pd.DataFrame({"platform": ["X"], "followers": [-1], "followers_text": ["-1"],
                        "source_line": [4]})  # fmt: skip
    out = validate({"challenges": typed, "members": untyped, "social_followers": bad}, q)
    assert out["challenges"] is not typed
    pdt.assert_frame_equal(out["challenges"], SCHEMAS["challenges"].validate(typed))
    pdt.assert_frame_equal(out["members"], empty_frame("members"))
    assert [(r["kind"], r["detail"][:26]) for r in q.rows] == [
        ("schema", "social_followers.followers")
    ]
    assert list(out) == ["challenges", "members", "social_followers", "quality"]


def _check(table: str, column: str, name: str) -> str:
    """The name a failure of column's check `name` is reported under, read from the schema."""
    checks = SCHEMAS[table].to_schema().columns[column].checks
    return next(c.error for c in checks if c.name == name)


_MEMBER = {"member": "Dakar", "region": "Africa", "source_line": 3}
_MENTION = {"month": "March", "month_number": 3, "outlet": "O", "item": "I", "source_line": 2}
_PART = {"activity_id": "2022-T1-01", "name_raw": "Dakar", "member": "Dakar", "region": "Africa",
         "is_member": True, "match": "exact", "source_line": 7}  # fmt: skip
_ACT = {"activity_id": "2022-T1-01", "period": "2022-T1", "action_line": "L1",
        "start_date": pd.Timestamp("2022-02-02"), "end_date": pd.Timestamp("2022-02-01"),
        "date_text": "2-1 February", "title": "T", "description": "D", "in_period": True,
        "source_line": 5}  # fmt: skip
_ISIN = _check("members", "region", "isin")
_GE0 = _check("members", "source_line", "greater_than_or_equal_to")
_MONTH_GE = _check("media_mentions", "month_number", "greater_than_or_equal_to")
_MONTH_LE = _check("media_mentions", "month_number", "less_than_or_equal_to")
_CODE = _check("challenges", "code", "str_matches")
_UNIQUE_PAIR = "multiple_fields_uniqueness"
# one case per kind of check, each frame typed already (validated without coercion)
TYPED_BAD = {
    "isin": (
        "members",
        [{**_MEMBER, "region": "Mars"}],
        [f"members.region: {_ISIN} failed for 'Mars'"],
    ),
    "str_matches": (
        "challenges",
        [{"code": "2-3", "title": "Climate", "source_line": 1}],
        [f"challenges.code: {_CODE} failed for '2-3'"],
    ),
    "ge": (
        "members",
        [{**_MEMBER, "source_line": -1}],
        [f"members.source_line: {_GE0} failed for -1"],
    ),
    "ge and le": (
        "media_mentions",
        [{**_MENTION, "month_number": 13}, {**_MENTION, "month_number": 0}],
        [
            f"media_mentions.month_number: {_MONTH_GE} failed for 0",
            f"media_mentions.month_number: {_MONTH_LE} failed for 13",
        ],
    ),
    "not nullable": (
        "members",
        [{**_MEMBER, "member": None}],
        ["members.member: not_nullable failed for nan"],
    ),
    "unique": (
        "members",
        [_MEMBER, {**_MEMBER, "source_line": 4}],
        ["members.member: field_uniqueness failed for 'Dakar'"] * 2,
    ),
    "unique pair": (
        "participation",
        [_PART, {**_PART, "source_line": 8}],
        [f"participation.activity_id: {_UNIQUE_PAIR} failed for '2022-T1-01'"] * 2
        + [f"participation.name_raw: {_UNIQUE_PAIR} failed for 'Dakar'"] * 2,
    ),
    "dataframe check": (
        "activities",
        [_ACT],
        [f"activities.{c}: _dates_ordered failed for {v!r}" for c, v in _ACT.items()],
    ),
}


def _typed(table: str, rows: list[dict]) -> pd.DataFrame:
    """The rows as a frame with the table's column types (dates in nanoseconds, as typed)."""
    return frame(table, rows).astype(empty_frame(table).dtypes.to_dict())


def _reported_as_by_the_schema(table: str, df: pd.DataFrame, expected: list[str]) -> None:
    """``df`` gives the ``expected`` schema findings (read by hand), and validation.validate
    fails on it with the very failure cases the coercing schema gives."""
    q = Findings()
    validate({table: df}, q)
    assert sorted(r["detail"] for r in q.rows if r["kind"] == "schema") == sorted(expected)
    with pytest.raises(pa.errors.SchemaErrors) as fast:
        schema_validate(table, df, lazy=True)
    with pytest.raises(pa.errors.SchemaErrors) as coerced:
        SCHEMAS[table].validate(df, lazy=True)
    pdt.assert_frame_equal(fast.value.failure_cases, coerced.value.failure_cases)


@pytest.mark.parametrize("case", list(TYPED_BAD))
def test_a_typed_frame_reports_every_bad_value_as_the_coercing_schema(case):
    """validation.validate skips coercion for a frame typed already: every failure is still
    reported, as the message written here and as the schema that coerces reports it."""
    table, rows, expected = TYPED_BAD[case]
    df = _typed(table, rows)
    assert df.dtypes.equals(empty_frame(table).dtypes) and not is_empty_frame(table, df)
    _reported_as_by_the_schema(table, df, expected)


def test_a_typed_valid_frame_comes_out_as_the_coercing_schema_gives_it(t1):
    for table, df in t1.items():
        assert df.dtypes.equals(empty_frame(table).dtypes), table  # the uncoerced path
        out = schema_validate(table, df)
        pdt.assert_frame_equal(out, SCHEMAS[table].validate(df))
        assert out is not df


@pytest.mark.parametrize(
    "change",
    ["extra column", "columns reordered", "a column of another type"],
)
def test_an_untyped_frame_is_coerced_and_reported_as_before(change):
    """A frame whose columns or types differ from the table's goes through the schema that
    coerces: a column too many or out of place is reported, a column of text is coerced."""
    df = _typed("members", [_MEMBER])
    if change == "extra column":
        df = df.assign(extra=1)
    elif change == "columns reordered":
        df = df[["region", "member", "source_line"]]
    else:
        df = df.astype({"source_line": "str"})  # '3': coerced to 3, nothing to report
    q = Findings()
    out = validate({"members": df}, q)["members"]
    details = [r["detail"] for r in q.rows]
    name = SCHEMAS["members"].to_schema().name  # a failure of the whole table names the schema
    if change == "extra column":
        assert details == [f"members.{name}: column_in_schema failed for 'extra'"]
    elif change == "columns reordered":  # the two columns out of place
        assert details == [
            f"members.{name}: column_ordered failed for '{c}'" for c in ("region", "member")
        ]
    else:
        assert details == []
        pdt.assert_frame_equal(out, _typed("members", [_MEMBER]))


def test_every_empty_frame_is_the_schemas_validation_of_its_columns():
    """empty_frame is coerced, not validated: validating it finds nothing and changes nothing,
    and it is what validating a frame of the table's columns without rows gives."""
    for table in SCHEMAS:
        typed = empty_frame(table)
        assert is_empty_frame(table, typed), table
        pdt.assert_frame_equal(SCHEMAS[table].validate(typed, lazy=True), typed)
        untyped = pd.DataFrame({c: [] for c in columns(table)})
        pdt.assert_frame_equal(SCHEMAS[table].validate(untyped, lazy=True), typed)


_INT = SCHEMAS["members"].to_schema().columns["source_line"].dtype
_MATCH = _check("participation", "match", "isin")
# frames with the table's columns, some of another type: those columns coerced one by one
UNTYPED = {
    "members unread": (  # member and region all missing: object columns, coerced to text
        "participation",
        [{**_PART, "member": None, "region": None, "is_member": False, "match": "nope"}],
        [f"participation.match: {_MATCH} failed for 'nope'"],
    ),
    "dates as dates": (  # datetime.date objects, coerced to datetime64[ns]
        "activities",
        [{**_ACT, "start_date": date(2022, 2, 2), "end_date": date(2022, 2, 1)}],
        [f"activities.{c}: _dates_ordered failed for {v!r}" for c, v in _ACT.items()],
    ),
    "a line number that is no number": (  # the coercion fails: the whole schema reports it
        "members",
        [{**_MEMBER, "source_line": "x"}],
        [
            f"members.source_line: coerce_dtype('{_INT}') failed for 'x'",
            f"members.source_line: dtype('{_INT}') failed for 'x'",
            f"members.source_line: {_GE0} failed for "
            + repr('TypeError("Invalid comparison between dtype=str and int")'),
        ],
    ),
}


@pytest.mark.parametrize("case", list(UNTYPED))
def test_columns_of_another_type_are_coerced_and_reported_as_by_the_schema(case):
    table, rows, expected = UNTYPED[case]
    df = frame(table, rows)
    assert list(df.columns) == columns(table) and not df.dtypes.equals(empty_frame(table).dtypes)
    _reported_as_by_the_schema(table, df, expected)


def test_a_valid_frame_with_columns_of_another_type_comes_out_typed(t1):
    """The 2022-T1 activities with their dates as objects and a text column all missing: out
    as the coercing schema gives them, every column typed."""
    df = t1["activities"].astype({"start_date": object, "end_date": object})
    df["action_line"] = pd.Series([None] * len(df), dtype=object)
    out = schema_validate("activities", df)
    pdt.assert_frame_equal(out, SCHEMAS["activities"].validate(df))
    assert out.dtypes.equals(empty_frame("activities").dtypes)
