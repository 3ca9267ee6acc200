"""`validate(table, df)`: a frame validated by its table's schema, as
``SCHEMAS[table].validate`` does it, for less CPU.

The schemas coerce every column, then check. Coercing a column that has its type already
changes nothing, and pandera's coercion of a frame costs as much as its checks. So a frame
with the table's columns, in order, is coerced column by column where its type differs (by
each column's own coercion, the one the schema uses), then checked by the same schema with
coercion turned off. A coercion that fails, or a frame whose columns differ, goes through the
schema as it is, which reports it; either way the frame out and every failure are the same.
A typed frame with no rows is not validated at all.
"""

from __future__ import annotations

import copy
import functools

import pandas as pd
import pandera.pandas as pa

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
            return _uncoerced(table).validate(coerced, lazy=lazy)
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
