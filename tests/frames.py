"""Table frames written row by row in a test: the schema's columns, a plain default for each
column a row leaves out, validated by the schema (tests/show/test_plots.py,
tests/analysis/test_engagement.py); and fresh copies of a module's tables for each test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from helpers.tables.schemas import SCHEMAS, columns

Default = Callable[[int, dict], Any]  # (the row's position, the row) → the value

DEFAULTS: dict[str, Default] = {
    "source_line": lambda i, row: i + 1,
    "period": lambda i, row: "2022-T1",
    "date_text": lambda i, row: "10 March",
    "description": lambda i, row: "",
    "match": lambda i, row: "exact" if row.get("member") is not None else "none",
    "is_member": lambda i, row: row.get("member") is not None,
    "position": lambda i, row: "Mayor",
    "term": lambda i, row: None,
    "role_raw": lambda i, row: row.get("role"),
    "alliance_raw": lambda i, row: row.get("alliance"),
    "known": lambda i, row: True,
    "region": lambda i, row: None,
    "name_raw": lambda i, row: row.get("member") or "",
    "in_period": lambda i, row: True,
}


def schema_frame(table: str, rows: list[dict], **defaults: Default) -> pd.DataFrame:
    """``rows`` as the validated frame of ``table``; ``defaults`` replace those above."""
    fill = {**DEFAULTS, **defaults}
    full = [{c: r[c] if c in r else fill[c](i, r) for c in columns(table)}
            for i, r in enumerate(rows)]  # fmt: skip
    return SCHEMAS[table].validate(pd.DataFrame(full, columns=columns(table)))


def copied(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """A new dict of deep copies of ``tables``: tables built and validated once per module,
    handed to each test as its own, which it may change without touching the next test's."""
    return {name: df.copy(deep=True) for name, df in tables.items()}
