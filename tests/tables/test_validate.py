"""helpers.ingest.validate: every table checked by its schema, each failure a `schema` finding;
a table with no rows that is typed already (schemas.is_empty_frame) is kept as it is."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt

from helpers.ingest import validate
from helpers.tables.findings import Findings, frame
from helpers.tables.schemas import SCHEMAS, columns, empty_frame, is_empty_frame


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
