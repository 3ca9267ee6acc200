"""helpers.show.values: how one value is written in a page."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.show import values as v


def test_format_value_basics() -> None:
    assert v.format_value(None) == v.NA_TEXT
    assert v.format_value(pd.NA) == v.NA_TEXT
    assert v.format_value(np.int64(12345)) == "12,345"
    assert v.format_value(2.0) == "2"
    assert v.format_value(2.345) == "2.35"
    assert v.format_value({"b", "a"}) == "a, b"
    assert v.format_value(0.25, name="coverage_rate") == "25%"


def test_json_safe_turns_numpy_and_na_into_plain_values() -> None:
    out = v.json_safe({"a": np.int64(3), "b": np.float64(0.5), "c": np.nan, "d": np.bool_(True)})
    assert out == {"a": 3, "b": 0.5, "c": None, "d": True}
    assert type(out["a"]) is int


def test_an_activitys_dates_say_the_month_and_year_once() -> None:
    """Dates of 2022-T1 activities as the report gives them (tests/fixtures/reports/2022-T1,
    lines 85 and 479), and a single day and a range over the new year written by hand."""
    day = pd.Timestamp
    assert v.date_range(day("2022-02-15"), day("2022-02-16")) == "15–16 Feb 2022"
    assert v.date_range(day("2022-03-03"), day("2022-05-11")) == "3 Mar – 11 May 2022"
    assert v.date_range(day("2022-02-07"), day("2022-02-07")) == "7 Feb 2022"
    assert v.date_range(day("2021-12-30"), day("2022-01-02")) == "30 Dec 2021 – 2 Jan 2022"
