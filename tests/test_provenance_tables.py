"""helpers.provenance.tables_sha256: one hash over a processed folder's parquet tables."""

from __future__ import annotations

import hashlib

from helpers.provenance import tables_sha256


def test_no_folder_or_no_parquet_is_none(tmp_path):
    assert tables_sha256(tmp_path / "missing") is None
    (tmp_path / "t.csv").write_text("a\n", encoding="utf-8")
    assert tables_sha256(tmp_path) is None
    (tmp_path / "f.parquet").write_bytes(b"x")  # a file, not a folder
    assert tables_sha256(tmp_path / "f.parquet") is None


def test_names_and_bytes_of_the_parquet_files_in_name_order(tmp_path):
    (tmp_path / "b.parquet").write_bytes(b"BBB")
    (tmp_path / "a.parquet").write_bytes(b"AA")
    (tmp_path / "a.csv").write_bytes(b"ignored")
    expected = hashlib.sha256()
    for name, data in (("a.parquet", b"AA"), ("b.parquet", b"BBB")):
        line = name.encode() + b"\0" + hashlib.sha256(data).hexdigest().encode() + b"\n"
        expected.update(line)
    assert tables_sha256(tmp_path) == expected.hexdigest()


def test_a_renamed_or_changed_table_changes_the_hash(tmp_path):
    (tmp_path / "a.parquet").write_bytes(b"AA")
    first = tables_sha256(tmp_path)
    (tmp_path / "a.parquet").rename(tmp_path / "c.parquet")
    renamed = tables_sha256(tmp_path)
    (tmp_path / "c.parquet").write_bytes(b"AB")
    assert len({first, renamed, tables_sha256(tmp_path)}) == 3
