"""`validate(table, df)`: a frame validated by its table's schema, as
``SCHEMAS[table].validate`` does it, for less CPU.

The schemas coerce every column, then check. Coercing a column that has its type already
changes nothing, and pandera's coercion of a frame costs as much as its checks. So a frame
with the table's columns, in order, is coerced column by column where its type differs (by
each column's own coercion, the one the schema uses), then checked by the same schema with
coercion turned off. A coercion that fails, or a frame whose columns differ, goes through the
schema as it is, which reports it; either way the frame out and every failure are the same.
A typed frame with no rows is not validated at all.

Most frames pass. pandera's validation of one that passes is mostly its own machinery (about
1.5 ms a table, whatever its rows), so each check of the schema is first asked directly, as
pandera asks it (`_passes`: the column's dtype check, nulls, uniqueness, each `Check` called
as pandera calls it); a frame that passes them all comes out as the schema would give it, a
copy. Any failure, or a schema feature not asked here, sends the frame through the schema,
which reports it as before.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.dtypes import DataType
from pandera.engines.pandas_engine import Engine

from helpers.tables.schemas import SCHEMAS, dtypes, is_empty_frame


def validate(table: str, df: pd.DataFrame, *, lazy: bool = False) -> pd.DataFrame:
    """`df` validated by the table's schema: the frame ``SCHEMAS[table].validate`` returns,
    or the SchemaError(s) it raises. A frame with no rows, typed already
    (`schemas.is_empty_frame`), is returned as a copy: there is nothing to coerce or find."""
    if is_empty_frame(table, df):
        return df.copy()
    want = dtypes(table)
    if list(df.columns) == list(want.index):
        coerced = _coerced(table, df, want)
        if coerced is not None:
            schema = _uncoerced(table)
            if _passes(table, coerced):
                return coerced.copy()  # what the schema returns: a copy of the frame it checked
            return schema.validate(coerced, lazy=lazy)
    return SCHEMAS[table].validate(df, lazy=lazy)


def _coerced(table: str, df: pd.DataFrame, want: pd.Series) -> pd.DataFrame | None:
    """`df` with each column whose type differs from the table's (`want`) coerced by that
    column's schema; None when a coercion fails or gives another type (the whole schema then
    reports it)."""
    differ = [c for c, dtype in df.dtypes.items() if dtype != want[c]]
    if not differ:
        return df
    columns = _coercing_columns(table)
    try:
        out = df.assign(**{c: columns[c].coerce_dtype(df[c]) for c in differ})
    except (pa.errors.SchemaError, pa.errors.SchemaErrors):
        return None
    return out if out.dtypes.equals(want) else None


@functools.cache
def _coercing_columns(table: str) -> dict[str, pa.Column]:
    """The table's columns as its schema coerces them (copies with coerce on, as pandera
    makes them when a schema coerces)."""
    columns = copy.deepcopy(SCHEMAS[table].to_schema().columns)
    for column in columns.values():
        column.coerce = True
    return columns


@functools.cache
def _uncoerced(table: str) -> pa.DataFrameSchema:
    """The table's schema, every check kept, that does not coerce (a copy: the model's own
    schema is left as it is)."""
    schema = copy.deepcopy(SCHEMAS[table].to_schema())
    schema.coerce = False
    return schema


def _passes(table: str, df: pd.DataFrame) -> bool:
    """True when ``df``, with the table's columns in order and of its types, passes every
    check its schema makes, each asked as pandera asks it; False when one fails or raises,
    or when the schema does more than check (``_only_checks``)."""
    if not _only_checks(table):
        return False
    schema = _uncoerced(table)
    try:
        return _columns_pass(schema, df) and _frame_passes(schema, df)
    except Exception:  # a check that raises: the schema reports it
        return False


def _columns_pass(schema: pa.DataFrameSchema, df: pd.DataFrame) -> bool:
    """Every column's nulls, uniqueness, dtype and checks, as pandera's column checks ask."""
    for name, column in schema.columns.items():
        values = df[name]
        if not column.nullable and values.hasnans:
            return False
        if column.unique and not values.is_unique:
            return False
        if column.dtype is not None and not _dtype_passes(column.dtype, values):
            return False
        if not all(check(df, name).check_passed for check in column.checks):
            return False
    return True


def _dtype_passes(dtype: DataType, values: pd.Series) -> bool:
    """pandera's dtype check of a column (``DataType.check`` of the column's own dtype): True
    only when it answers True for the whole column."""
    return dtype.check(_pandera_dtype(values.dtype), values) is True


@functools.cache
def _pandera_dtype(dtype: Any) -> DataType:
    """pandera's data type for a column's dtype (``Engine.dtype``), asked once per dtype: for
    numpy's bool and dates pandera first tries to import geopandas, about 50 µs each time."""
    return Engine.dtype(dtype)


def _frame_passes(schema: pa.DataFrameSchema, df: pd.DataFrame) -> bool:
    """The schema's unique column sets and its checks of the whole frame."""
    if schema.unique:
        sets = [schema.unique] if all(isinstance(c, str) for c in schema.unique) else schema.unique
        for columns in sets:
            present = [c for c in columns if c in df]
            if present and df.duplicated(subset=present).any():
                return False
    return all(check(df).check_passed for check in schema.checks)


@functools.cache
def _only_checks(table: str) -> bool:
    """The table's schema (uncoerced) only checks (no coercion, default, parser, index,
    dropped rows, grouped check or column pattern): what ``_passes`` asks; else the schema
    validates every frame."""
    schema = _uncoerced(table)
    frame_ok = (
        not schema.coerce and schema.index is None and schema.dtype is None
        and not schema.add_missing_columns and not schema.drop_invalid_rows
        and not getattr(schema, "parsers", None)
        and all(check.groupby is None for check in schema.checks)
    )  # fmt: skip
    return frame_ok and all(
        not column.coerce and column.required and not column.regex and column.default is None
        and not column.drop_invalid_rows and not getattr(column, "parsers", None)
        and all(check.groupby is None for check in column.checks)
        for column in schema.columns.values()
    )  # fmt: skip
