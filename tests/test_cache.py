"""helpers.cache: each fingerprint changes when, and only when, an input it covers changes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import nbformat

from helpers import cache
from helpers.cache import ingest_fingerprint, notebook_fingerprints, tables_sha256
from helpers.periods import parse_period
from helpers.report.notebooks import _read_notebooks


def _notebook(folder, name, title, body="x = 1"):
    params = nbformat.v4.new_code_cell('period = "2000-T1"')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {title}"),
        params,
        nbformat.v4.new_code_cell(body),
    ]
    nbformat.write(nb, folder / f"{name}.ipynb")


def test_a_notebook_body_changes_its_own_fingerprint_a_title_changes_every_page(tmp_path):
    _notebook(tmp_path, "a", "Alpha")
    _notebook(tmp_path, "b", "Beta")
    prov = {"period": "2022-T1"}
    first = notebook_fingerprints(prov, _read_notebooks(tmp_path, ["a", "b"]), "k")
    assert notebook_fingerprints(prov, _read_notebooks(tmp_path, ["a", "b"]), "k") == first

    _notebook(tmp_path, "a", "Alpha", body="x = 2")
    body = notebook_fingerprints(prov, _read_notebooks(tmp_path, ["a", "b"]), "k")
    assert body["a"] != first["a"] and body["b"] == first["b"]

    _notebook(tmp_path, "a", "Alpha renamed", body="x = 2")  # every page's navigation lists it
    titled = notebook_fingerprints(prov, _read_notebooks(tmp_path, ["a", "b"]), "k")
    assert titled["a"] != body["a"] and titled["b"] != body["b"]

    other = notebook_fingerprints({"period": "2022-T2"}, _read_notebooks(tmp_path, ["a", "b"]), "k")
    assert other["a"] != titled["a"] and other["b"] != titled["b"]  # the inputs changed
    kernel = notebook_fingerprints(prov, _read_notebooks(tmp_path, ["a", "b"]), "other")
    assert kernel["a"] != titled["a"]
    git = {**prov, "git_commit": "abc", "git_dirty": True}  # a commit alone reruns nothing
    assert notebook_fingerprints(git, _read_notebooks(tmp_path, ["a", "b"]), "k") == titled


def test_ingest_fingerprint_follows_the_raw_file_and_the_reference_data(tmp_root):
    per = parse_period("2022-T1")
    first = ingest_fingerprint(per, tmp_root)
    assert ingest_fingerprint(per, tmp_root) == first
    aliases = tmp_root / "data" / "reference" / "member_aliases.csv"
    saved = aliases.read_bytes()
    aliases.write_bytes(saved + b"Barna,Barcelona (city)\n")
    assert ingest_fingerprint(per, tmp_root) != first
    aliases.write_bytes(saved)
    assert ingest_fingerprint(per, tmp_root) == first
    report = next((tmp_root / "data" / "raw" / "2022-T1").iterdir())
    report.write_bytes(report.read_bytes() + b"\n")
    assert ingest_fingerprint(per, tmp_root) != first


def test_tables_sha256_covers_every_parquet_table_by_name_and_bytes(tmp_path):
    assert tables_sha256(tmp_path / "absent") is None
    assert tables_sha256(tmp_path) is None
    (tmp_path / "a.parquet").write_bytes(b"one")
    (tmp_path / "notes.csv").write_bytes(b"ignored")
    first = tables_sha256(tmp_path)
    (tmp_path / "notes.csv").write_bytes(b"changed")
    assert tables_sha256(tmp_path) == first  # only the parquet tables count
    (tmp_path / "a.parquet").write_bytes(b"two")
    assert tables_sha256(tmp_path) != first
    shutil.move(tmp_path / "a.parquet", tmp_path / "b.parquet")
    assert tables_sha256(tmp_path) not in (first, None)
    assert json.dumps(tables_sha256(tmp_path))  # a plain string, stored in trends.json


def test_generated_time_follows_source_date_epoch(monkeypatch):
    from helpers.provenance import generated_at

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1651363200")  # 2022-05-01 00:00:00 UTC
    assert generated_at() == "2022-05-01 00:00 UTC"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert generated_at() != "2022-05-01 00:00 UTC" and generated_at().endswith(" UTC")


# --------------------------------------------------------------------------------------------
# Small hand-made cases for rules the tests above leave open (first found by `make mutation`,
# docs/mutation.md); every expected value is read from the rows written in the test.


# --------------------------------------------------------------------------- cache


def _notebooks(folder, body="x = 1"):
    params = nbformat.v4.new_code_cell('period = "2000-T1"')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Trends"), params, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, folder / "trends.ipynb")
    return _read_notebooks(folder, ["trends"])


def test_ingest_fingerprint_follows_the_raw_file_mtime(tmp_root):
    period = parse_period("2022-T1")
    before = cache.ingest_fingerprint(period, tmp_root)
    raw = next((tmp_root / "data" / "raw" / "2022-T1").iterdir())
    st = raw.stat()
    os.utime(raw, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert cache.ingest_fingerprint(period, tmp_root) != before


def test_page_fingerprint_ignores_key_order_and_reads_any_value(tmp_path):
    nbs = _notebooks(tmp_path)
    a = cache.page_fingerprint({"a": 1, "b": 2}, nbs, "k")
    assert cache.page_fingerprint({"b": 2, "a": 1}, nbs, "k") == a
    day = cache.page_fingerprint({"day": dt.date(2022, 1, 10)}, nbs, "k")
    assert day == cache.page_fingerprint({"day": "2022-01-10"}, nbs, "k")


def test_page_fingerprint_follows_the_code_and_the_template(tmp_path, monkeypatch):
    nbs = _notebooks(tmp_path)
    pkg, tpl = tmp_path / "pkg", tmp_path / "tpl"
    (pkg / "sub").mkdir(parents=True)
    (tpl / "css").mkdir(parents=True)
    (pkg / "sub" / "m.py").write_text("x = 1\n")
    (tpl / "css" / "page.css").write_text("a {}\n")
    monkeypatch.setattr(cache, "PACKAGE", pkg)
    monkeypatch.setattr(cache, "TEMPLATE_DIR", tpl)
    first = cache.page_fingerprint({}, nbs, "k")
    (pkg / "sub" / "m.py").write_text("x = 2\n")
    code = cache.page_fingerprint({}, nbs, "k")
    assert code != first
    (tpl / "css" / "page.css").write_text("a { color: red }\n")
    assert cache.page_fingerprint({}, nbs, "k") != code


def test_trends_fingerprint_is_the_page_fingerprint_of_the_period_tables(tmp_path):
    nbs = _notebooks(tmp_path)
    tables = {"2022-T1": "aa", "2022-T2": None}
    expected = cache.page_fingerprint(
        {"periods": ["2022-T1", "2022-T2"], "tables_sha256": {"2022-T1": "aa", "2022-T2": None}},
        nbs,
        "k",
    )
    assert cache.trends_fingerprint(tables, nbs, "k") == expected
    assert cache.trends_fingerprint({"2022-T1": "ab", "2022-T2": None}, nbs, "k") != expected
    assert json.dumps(tables)  # the tables are plain text, no path objects


def _processed(root, period: str, table: bytes, inputs: str) -> None:
    folder = root / "data" / "processed" / period
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "activities.parquet").write_bytes(table)
    (folder / "manifest.json").write_text(json.dumps({"inputs": inputs}), encoding="utf-8")


def test_the_member_pages_fingerprint_every_processed_period_its_tables_and_their_inputs(tmp_path):
    _processed(tmp_path, "2022-T2", b"two", "in2")
    _processed(tmp_path, "2022-T1", b"one", "in1")
    (tmp_path / "data" / "processed" / "2022-T3").mkdir()  # no tables: not a processed period
    folder = tmp_path / "data" / "processed"
    expected = cache.page_fingerprint({"members": ["2022-T1", "2022-T2"], "tables_sha256": {
        "2022-T1": f"{tables_sha256(folder / '2022-T1')} \"in1\"",
        "2022-T2": f"{tables_sha256(folder / '2022-T2')} \"in2\""}}, [], "")  # fmt: skip
    first = cache.members_fingerprint(tmp_path)
    assert first == expected
    _processed(tmp_path, "2022-T1", b"one", "in1 again")  # the same tables from other inputs
    second = cache.members_fingerprint(tmp_path)
    _processed(tmp_path, "2022-T1", b"uno", "in1 again")  # other tables
    third = cache.members_fingerprint(tmp_path)
    _processed(tmp_path, "2022-T3", b"three", "in3")  # one more period
    assert len({first, second, third, cache.members_fingerprint(tmp_path)}) == 4


def test_the_index_fingerprint_is_the_page_fingerprint_of_what_it_lists():
    assert cache.index_fingerprint("[1]") == cache.page_fingerprint({"index": "[1]"}, [], "")
    assert cache.index_fingerprint("[1]") != cache.index_fingerprint("[2]")
