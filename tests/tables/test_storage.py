"""Writing a period's tables (helpers.tables.storage) on two tiny hand-written tables."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from helpers.periods import parse_period
from helpers.provenance import tables_sha256
from helpers.tables import storage
from helpers.tables.storage import csv_safe, write_tables

PERIOD = parse_period("2022-T1")
LONG = "a_table_name_longer_than_thirty_one_characters"  # 46 characters


def tables() -> dict[str, pd.DataFrame]:
    return {
        "people": pd.DataFrame(
            {
                "name": ["=HYPERLINK(1)", "Ana", "+1", "x" * 70],
                "n": [1, -2, 3, 4],
                "day": pd.to_datetime(["2022-01-10", "2022-02-01", "2022-03-05", "2022-04-01"]),
            }
        ),
        LONG: pd.DataFrame({"code": ["@x", "L1"]}),
    }


@pytest.fixture
def written(tmp_path) -> Path:
    source = tmp_path / "report.md"
    source.write_text("THE REPORT\n", encoding="utf-8")
    return write_tables(
        tables(), PERIOD, source, root=tmp_path, inputs="fp123", source_info={"reader": "md"}
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- csv_safe


def test_csv_safe_quotes_every_formula_start_and_nothing_else():
    df = pd.DataFrame(
        {
            "text": ["=1+1", "+1", "-1", "@SUM", "\tx", "\rx", "plain", "a=b", None],
            "num": [-1, 2, 3, 4, 5, 6, 7, 8, 9],
        }
    )
    out = csv_safe(df)
    assert out["text"].tolist()[:8] == ["'=1+1", "'+1", "'-1", "'@SUM", "'\tx", "'\rx", "plain", "a=b"]  # fmt: skip
    assert out["text"].isna().tolist()[8]
    assert out["num"].tolist() == [-1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert df["text"].tolist()[0] == "=1+1"  # the input is left alone


def test_csv_safe_reads_string_columns():
    df = pd.DataFrame({"s": pd.Series(["=x", "y"], dtype="string")})
    assert csv_safe(df)["s"].tolist() == ["'=x", "y"]


# --------------------------------------------------------------------------- files


def test_every_table_as_parquet_and_csv(written):
    assert written == written.parent / "2022-T1"
    assert sorted(p.name for p in written.iterdir()) == sorted(
        [
            "people.parquet",
            "people.csv",
            f"{LONG}.parquet",
            f"{LONG}.csv",
            "2022-T1.xlsx",
            "manifest.json",
        ]
    )
    back = pd.read_parquet(written / "people.parquet")
    pd.testing.assert_frame_equal(back, tables()["people"], check_dtype=False)
    csv = (written / "people.csv").read_text(encoding="utf-8")
    x70 = "x" * 70
    assert csv == (
        "name,n,day\n'=HYPERLINK(1),1,2022-01-10\nAna,-2,2022-02-01\n'+1,3,2022-03-05\n"
        f"{x70},4,2022-04-01\n"
    )
    assert (written / f"{LONG}.csv").read_text(encoding="utf-8") == "code\n'@x\nL1\n"


def test_manifest(written, tmp_path):
    manifest = json.loads((written / "manifest.json").read_text(encoding="utf-8"))
    files = {p.name: sha(p) for p in written.iterdir() if p.name != "manifest.json"}
    assert manifest == {
        "period": "2022-T1",
        "source": "report.md",
        "source_sha256": sha(tmp_path / "report.md"),
        "reader": "md",
        "rows": {"people": 4, LONG: 2},
        "files": dict(sorted(files.items())),
        "inputs": "fp123",
    }
    assert list(manifest["files"]) == sorted(files)
    assert (written / "manifest.json").read_text(encoding="utf-8").endswith("}\n")
    assert '\n  "period": "2022-T1",\n' in (written / "manifest.json").read_text(encoding="utf-8")


def test_no_inputs_no_inputs_key(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("R\n", encoding="utf-8")
    out = write_tables({"t": pd.DataFrame({"a": [1]})}, PERIOD, source, root=tmp_path)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "inputs" not in manifest and set(manifest) == {
        "period",
        "source",
        "source_sha256",
        "rows",
        "files",
    }


def test_same_tables_same_bytes(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("R\n", encoding="utf-8")
    out = write_tables(tables(), PERIOD, source, root=tmp_path)
    first = {p.name: sha(p) for p in out.iterdir()}
    first_hash = tables_sha256(out)
    os.utime(source, ns=(10**18, 10**18))
    out = write_tables(tables(), PERIOD, source, root=tmp_path)
    assert {p.name: sha(p) for p in out.iterdir()} == first
    assert tables_sha256(out) == first_hash


def test_a_second_write_replaces_the_first_and_leaves_no_temporary_folder(tmp_path, written):
    source = tmp_path / "report.md"
    out = write_tables({"only": pd.DataFrame({"a": [1]})}, PERIOD, source, root=tmp_path)
    assert out == written
    assert sorted(p.name for p in out.iterdir()) == [
        "2022-T1.xlsx",
        "manifest.json",
        "only.csv",
        "only.parquet",
    ]
    assert [p.name for p in out.parent.iterdir()] == ["2022-T1"]


def test_a_failed_write_keeps_the_last_output_and_removes_its_temporary_folder(tmp_path, written):
    before = {p.name: sha(p) for p in written.iterdir()}
    bad = {"t": pd.DataFrame({"a": [object()]})}  # parquet cannot store a bare object
    with pytest.raises(Exception):  # noqa: B017  (pyarrow's own error type)
        write_tables(bad, PERIOD, tmp_path / "report.md", root=tmp_path)
    assert {p.name: sha(p) for p in written.iterdir()} == before
    assert [p.name for p in written.parent.iterdir()] == ["2022-T1"]


def test_the_folder_follows_the_umask(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("R\n", encoding="utf-8")
    old = os.umask(0o027)
    try:
        out = write_tables({"t": pd.DataFrame({"a": [1]})}, PERIOD, source, root=tmp_path)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o750


def test_follow_umask_reads_the_mask_and_puts_it_back(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir(mode=0o700)
    old = os.umask(0o022)
    try:
        storage._follow_umask(folder)
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(old)
    assert folder.stat().st_mode & 0o777 == 0o755


# --------------------------------------------------------------------------- workbook


def test_workbook_sheets_text_and_dates(written):
    wb = openpyxl.load_workbook(written / "2022-T1.xlsx")
    assert wb.sheetnames == ["people", LONG[:31]]
    ws = wb["people"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["name", "n", "day"]
    assert [r[0] for r in rows[1:]] == ["=HYPERLINK(1)", "Ana", "+1", "x" * 70]
    assert [ws.cell(i, 1).data_type for i in range(2, 6)] == ["s", "s", "s", "s"]
    assert [r[1] for r in rows[1:]] == [1, -2, 3, 4]
    assert [r[2].date().isoformat() for r in rows[1:]] == [
        "2022-01-10",
        "2022-02-01",
        "2022-03-05",
        "2022-04-01",
    ]
    assert ws.cell(2, 3).number_format != "General"  # a date, not a timestamp text
    assert ws.freeze_panes == "A2"
    other = wb[LONG[:31]]
    assert [c.value for c in other["A"]] == ["code", "@x", "L1"]
    assert other.cell(2, 1).data_type == "s"
    assert other.freeze_panes == "A2"


def test_column_widths(written):
    ws = openpyxl.load_workbook(written / "2022-T1.xlsx")["people"]
    # name: longest cell 70 characters, capped at 60; n: header 1, cells up to 2 ("-2") + 2;
    # day: header 3, dates "2022-01-10" 10 characters + 2
    widths = {col: ws.column_dimensions[col].width for col in "ABC"}
    assert widths == {"A": 60, "B": 4, "C": 12}
    other = openpyxl.load_workbook(written / "2022-T1.xlsx")[LONG[:31]]
    assert other.column_dimensions["A"].width == 6  # header "code" 4 + 2


def test_column_width_counts_the_first_200_rows_only(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("R\n", encoding="utf-8")
    df = pd.DataFrame({"c": ["ab"] * 200 + ["a much longer text"]})
    out = write_tables({"t": df}, PERIOD, source, root=tmp_path)
    ws = openpyxl.load_workbook(out / "2022-T1.xlsx")["t"]
    assert ws.column_dimensions["A"].width == 4  # "ab" 2 + 2


def test_workbook_zip_carries_no_clock(written):
    with zipfile.ZipFile(written / "2022-T1.xlsx") as z:
        infos = z.infolist()
        core = z.read("docProps/core.xml")
    assert infos and all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
    assert all(i.external_attr == 0o600 << 16 for i in infos)
    assert b"<dcterms:created" in core and b"<dcterms:modified" in core
    assert core.count(b">2000-01-01T00:00:00Z</dcterms:") == 2
    assert not (written / ".2022-T1.xlsx.tmp").exists()


def test_stable_zip_rewrites_only_the_document_dates(tmp_path):
    path = tmp_path / "book.xlsx"
    core = (
        b'<cp:coreProperties><dcterms:created xsi:type="W3CDTF">2024-05-06T07:08:09Z'
        b'</dcterms:created><dc:creator>me</dc:creator><dcterms:modified xsi:type="W3CDTF">'
        b"2024-05-06T07:08:10Z</dcterms:modified></cp:coreProperties>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("docProps/core.xml", core)
        z.writestr("xl/other.xml", b"<dcterms:created>2024</dcterms:created>")
    storage._stable_zip(path)
    with zipfile.ZipFile(path) as z:
        assert z.namelist() == ["docProps/core.xml", "xl/other.xml"]
        assert z.read("docProps/core.xml") == (
            b'<cp:coreProperties><dcterms:created xsi:type="W3CDTF">2000-01-01T00:00:00Z'
            b'</dcterms:created><dc:creator>me</dc:creator><dcterms:modified xsi:type="W3CDTF">'
            b"2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"
        )
        assert z.read("xl/other.xml") == b"<dcterms:created>2024</dcterms:created>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


# --------------------------------------------------------------------------------------------
# Small hand-made cases for rules the tests above leave open (first found by `make mutation`,
# docs/mutation.md); every expected value is read from the rows written in the test.


# --------------------------------------------------------------------------- storage


def test_csv_safe_reads_mixed_object_columns():
    out = csv_safe(pd.DataFrame({"a": pd.Series(["=x", 1], dtype=object)}))
    assert out["a"].tolist() == ["'=x", 1]


def _source(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("R\n", encoding="utf-8")
    return source


def test_write_tables_parquet_csv_without_index_and_dates_without_time(tmp_path):
    df = pd.DataFrame(
        {"a": ["x", "y"], "day": pd.to_datetime(["2022-01-10 13:30", "2022-02-01 08:00"])},
        index=[5, 7],
    )
    final = write_tables({"t": df}, parse_period("2022-T1"), _source(tmp_path), root=tmp_path)
    assert final == tmp_path / "data" / "processed" / "2022-T1"
    assert pq.read_table(final / "t.parquet").column_names == ["a", "day"]
    assert (final / "t.csv").read_bytes() == b"a,day\nx,2022-01-10\ny,2022-02-01\n"


def test_write_tables_works_in_a_hidden_folder_next_to_the_output(tmp_path, monkeypatch):
    seen = []
    real = storage._write_excel

    def spy(tables, path):
        seen.append(path.parent)
        real(tables, path)

    monkeypatch.setattr(storage, "_write_excel", spy)
    final = write_tables(
        {"t": pd.DataFrame({"a": [1]})}, parse_period("2022-T1"), _source(tmp_path), tmp_path
    )
    assert seen[0].parent == final.parent
    assert seen[0].name.startswith(".2022-T1.tmp-")


def test_a_failure_after_the_folder_went_away_raises_the_failure(tmp_path, monkeypatch):
    import shutil

    def broken(tmp, final):
        shutil.rmtree(tmp)
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage, "swap_into_place", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_tables(
            {"t": pd.DataFrame({"a": [1]})}, parse_period("2022-T1"), _source(tmp_path), tmp_path
        )


def test_workbook_entries_are_owner_read_write(tmp_path):
    final = write_tables(
        {"t": pd.DataFrame({"a": [1]})}, parse_period("2022-T1"), _source(tmp_path), tmp_path
    )
    with zipfile.ZipFile(final / "2022-T1.xlsx") as z:
        infos = z.infolist()
    assert infos and all(i.external_attr == 0o600 << 16 for i in infos)
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
