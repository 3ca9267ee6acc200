"""The quality findings collected while a report is read: each keeps its kind's severity and
its line, and the table lists them by line, then severity, then kind and detail."""

from __future__ import annotations

from helpers.tables.findings import Findings, frame


def test_a_finding_takes_its_kinds_severity_and_keeps_its_line_and_activity():
    q = Findings()
    q.add("unmatched_name", "Sevilla", 12, "2022-T1-A01")
    q.add("section_missing", "roster")
    assert q.rows == [
        {"severity": "warning", "kind": "unmatched_name", "activity_id": "2022-T1-A01",
         "detail": "Sevilla", "source_line": 12},
        {"severity": "error", "kind": "section_missing", "activity_id": None, "detail": "roster",
         "source_line": 0},
    ]  # fmt: skip


def test_the_table_is_ordered_by_line_severity_kind_and_detail_without_repeats():
    q = Findings()
    q.add("unmatched_name", "Sevilla", 12, "A1")  # warning
    q.add("folded_match", "Bogota", 12, "A1")  # info
    q.add("section_missing", "roster", 30)  # error, a later line
    q.add("bad_date", "31 February", 12, "A1")  # error
    q.add("unmatched_name", "Sevilla", 12, "A1")  # the same finding again
    q.add("automatic_match", "Bogot", 12, "A1")  # warning: kind before unmatched_name
    q.add("unmatched_name", "Madrid", 12, "A1")  # warning: detail before Sevilla
    q.add("page_header", "ACTIVITIES", 3)  # info, an earlier line
    df = q.frame()
    assert list(df.columns) == ["severity", "kind", "activity_id", "detail", "source_line"]
    rows = df.fillna({"activity_id": "-"}).itertuples(index=False, name=None)
    assert list(rows) == [
        ("info", "page_header", "-", "ACTIVITIES", 3),
        ("error", "bad_date", "A1", "31 February", 12),
        ("warning", "automatic_match", "A1", "Bogot", 12),
        ("warning", "unmatched_name", "A1", "Madrid", 12),
        ("warning", "unmatched_name", "A1", "Sevilla", 12),
        ("info", "folded_match", "A1", "Bogota", 12),
        ("error", "section_missing", "-", "roster", 30),
    ]
    assert list(df.index) == list(range(7))


def test_no_findings_is_an_empty_table_with_the_columns():
    df = Findings().frame()
    assert df.empty and list(df.columns) == [
        "severity", "kind", "activity_id", "detail", "source_line"]  # fmt: skip


def test_rows_as_a_frame_with_the_tables_columns_or_its_typed_empty_frame():
    df = frame("challenges", [{"code": "2.3", "title": "Climate resilience", "source_line": 9}])
    assert df.to_dict("records") == [
        {"code": "2.3", "title": "Climate resilience", "source_line": 9}
    ]
    missing = frame("challenges", [{"title": "Climate resilience", "code": "2.3"}])
    assert list(missing.columns) == ["code", "title", "source_line"]  # the table's columns
    assert missing["source_line"].isna().all()
    empty = frame("challenges", [])
    assert empty.empty and list(empty.columns) == ["code", "title", "source_line"]
    assert str(empty["source_line"].dtype) == "int64"
