"""helpers.tables.text_dtype.Text: pandera's string dtype that answers one bool for a column
typed already. It must print, coerce and fail exactly as pandera's own `str` dtype, so the
data dictionary and every `schema` finding stay the same."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pandera.pandas as pa
import pytest
from pandera.engines.pandas_engine import Engine

from helpers.tables.schemas import SCHEMAS
from helpers.tables.text_dtype import Text

STR = Engine.dtype(str)  # pandera's own string dtype, which Text stands for


def test_text_prints_and_types_as_the_string_dtype():
    assert str(Text()) == str(STR) == "string[pyarrow]"
    assert Text().type == STR.type
    # the schemas use Text for every string column: the data dictionary prints the same type
    assert str(SCHEMAS["members"].to_schema().columns["member"].dtype) == str(STR)


def test_text_coerces_as_the_string_dtype():
    raw = pd.Series(["a", None, 3, 2.5], dtype=object)
    pdt.assert_series_equal(Text().coerce(raw), STR.coerce(raw))


def test_a_typed_string_column_passes_with_one_bool():
    typed = pd.Series(["a", "b", None], dtype="str")
    assert STR.check(Engine.dtype(typed.dtype), typed).tolist() == [True, True, True]
    assert Text().check(Engine.dtype(typed.dtype), typed) is True


@pytest.mark.parametrize(
    "values",
    [pd.Series(["a", 5, None], dtype=object), pd.Series([1, 2], dtype="int64")],
    ids=["object column with a number", "integer column"],
)
def test_other_columns_are_checked_as_the_string_dtype_checks_them(values):
    got = Text().check(Engine.dtype(values.dtype), values)
    want = STR.check(Engine.dtype(values.dtype), values)
    assert type(got) is type(want)
    assert np.array_equal(np.asarray(got), np.asarray(want))


@pytest.mark.parametrize(
    ("values", "bad"),
    [(pd.Series(["a", 5, None], dtype=object), [5]), (pd.Series([1, 2], dtype="int64"), [1, 2])],
    ids=["a number among strings", "an integer column"],
)
def test_a_column_of_the_wrong_type_is_reported_as_before(values, bad: list):
    """Without coercion a non-string fails the dtype check: the failure case and the check's
    name are those pandera's `str` dtype gives (the check named from the schema's dtype)."""

    def failures(dtype) -> pd.DataFrame:
        schema = pa.DataFrameSchema({"c": pa.Column(dtype, nullable=True)})
        with pytest.raises(pa.errors.SchemaErrors) as exc:
            schema.validate(pd.DataFrame({"c": values}), lazy=True)
        return exc.value.failure_cases

    got, want = failures(Text), failures(str)
    pdt.assert_frame_equal(got, want)
    assert got["check"].tolist() == [f"dtype('{STR}')"] * len(bad)
    assert got["failure_case"].tolist() == bad  # every value that is not a string
