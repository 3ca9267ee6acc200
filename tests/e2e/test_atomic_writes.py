"""A writer that fails half-way never leaves half an output: the previous
data/processed/<period>/ and reports/<period>/ stay byte for byte as they were, and no
temporary folder is left behind (storage.write_tables and render.render_period both write
into a hidden folder and swap it into place)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

import helpers.files
import helpers.report.period
import helpers.report.render
import helpers.tables.storage
from helpers.build import build_period
from helpers.ingest import ingest_period
from tests.conftest import REPORT_2022T1, copy_project

# slow: ingests and builds projects
# build_worker_warm: a build run in this process forks its worker from it, warm
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("build_worker_warm")]

QUIET = {"progress": lambda s: None}
LISTED = "Barcelona (city), Cairo, Seoul\n"


class Injected(OSError):
    """The failure the tests inject (an OSError, as a full disk or a lost mount gives)."""


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder, by relative path (hidden files included)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Temporary or old folders a run writes next to its output."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.is_dir())


def fail_on_call(n: int, real, counter: list[int], when=lambda *a, **k: True):
    """A stand-in for `real` that raises Injected on its n-th call for which `when` holds."""

    def wrapper(*args, **kwargs):
        if when(*args, **kwargs):
            counter.append(1)
            if len(counter) == n:
                raise Injected("injected failure")
        return real(*args, **kwargs)

    return wrapper


def change_the_report(root: Path) -> None:
    """Edit the raw report so that a complete new ingest would differ from the last one."""
    raw = root / "data" / "raw" / "2022-T1" / REPORT_2022T1.name
    text = raw.read_text(encoding="utf-8")
    assert text.count(LISTED) == 1
    raw.write_text(text.replace(LISTED, "Barcelona (city), Cairo, Seoul, Kigali\n"), "utf-8")


@pytest.fixture
def ingested(ingested_2022t1, tmp_path) -> Path:
    """A copy of the project ingested once per test run (tests/conftest.py), whose raw report
    was then changed."""
    root = copy_project(ingested_2022t1, tmp_path / "project")
    change_the_report(root)
    return root


def _parquet(counter):
    return "to_parquet", fail_on_call(3, pd.DataFrame.to_parquet, counter)


def _csv(counter):
    return "to_csv", fail_on_call(3, pd.DataFrame.to_csv, counter)


@pytest.mark.parametrize("writer", [_parquet, _csv], ids=["parquet", "csv"])
def test_a_table_writer_failing_on_the_third_table_keeps_the_previous_tables(
    ingested, monkeypatch, writer
):
    processed = ingested / "data" / "processed"
    before = snapshot(processed / "2022-T1")
    interim = snapshot(ingested / "data" / "interim")
    calls: list[int] = []
    name, fake = writer(calls)
    monkeypatch.setattr(pd.DataFrame, name, fake)
    with pytest.raises(Injected):
        ingest_period("2022-T1", ingested, **QUIET)
    assert len(calls) == 3  # the first two tables were written, then the writer failed
    assert snapshot(processed / "2022-T1") == before
    assert snapshot(ingested / "data" / "interim") == interim
    assert leftovers(processed) == []
    monkeypatch.undo()  # the same run without the failure does replace them
    ingest_period("2022-T1", ingested, **QUIET)
    assert snapshot(processed / "2022-T1") != before


def test_the_workbook_writer_failing_keeps_the_previous_tables(ingested, monkeypatch):
    processed = ingested / "data" / "processed"
    before = snapshot(processed / "2022-T1")
    calls: list[int] = []
    real = helpers.tables.storage._write_excel
    monkeypatch.setattr(helpers.tables.storage, "_write_excel", fail_on_call(1, real, calls))
    with pytest.raises(Injected):
        ingest_period("2022-T1", ingested, **QUIET)
    assert calls and snapshot(processed / "2022-T1") == before and leftovers(processed) == []


def test_the_swap_failing_puts_the_previous_tables_back(ingested, monkeypatch):
    """The rename of the new folder into place fails after the old one was moved aside."""
    processed = ingested / "data" / "processed"
    before = snapshot(processed / "2022-T1")
    calls: list[int] = []
    real = helpers.files.os.replace

    def new_into_place(src, dst, *a, **k):
        return Path(src).name.startswith(".2022-T1.tmp-") and Path(dst).name == "2022-T1"

    monkeypatch.setattr(helpers.files.os, "replace", fail_on_call(1, real, calls, new_into_place))
    with pytest.raises(Injected):
        ingest_period("2022-T1", ingested, **QUIET)
    assert calls and snapshot(processed / "2022-T1") == before and leftovers(processed) == []


# --------------------------------------------------------------------------- pages


@pytest.fixture(scope="module")
def built(built_stand_ins) -> Path:
    """A project with 2022-T1 ingested and rendered (pages, index, trends), built once, its
    notebooks stand-ins (tests/e2e/stand_ins.py): the pages are written as the real ones are."""
    return built_stand_ins  # read only: each case copies it


@pytest.fixture
def project(built, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built, root)
    return root


def _page_writes(counter):
    def when(path, *a, **k):
        return Path(path).suffix == ".html"

    return fail_on_call(2, helpers.files.write_text_atomic, counter, when)


def test_a_page_write_failing_after_the_first_page_keeps_the_previous_report(project, monkeypatch):
    reports = project / "reports"
    before = snapshot(reports)
    assert {"2022-T1/02_engagement.html", "2022-T1/03_coverage.html", "index.html"} <= set(before)
    calls: list[int] = []
    monkeypatch.setattr(helpers.report.period, "write_text_atomic", _page_writes(calls))
    with pytest.raises(Injected):
        helpers.report.render.render_period("2022-T1", root=project, **QUIET)  # reruns every page
    # a page was written into the new report, then one failed (the notebooks run at once, so
    # a third may have finished before the failure stopped the run)
    assert len(calls) >= 2
    assert snapshot(reports) == before
    assert leftovers(reports) == []


def test_the_build_failing_half_way_through_the_pages_keeps_every_output(project, monkeypatch):
    """A changed report: the build ingests it and renders the pages; the second page fails."""
    change_the_report(project)
    reports, processed = project / "reports", project / "data" / "processed"
    before = snapshot(reports)
    calls: list[int] = []
    monkeypatch.setattr(helpers.report.period, "write_text_atomic", _page_writes(calls))
    with pytest.raises(Injected):
        build_period("2022-T1", root=project, **QUIET)
    assert len(calls) >= 2
    assert snapshot(reports) == before  # pages, index and trends as they were
    assert leftovers(reports) == [] and leftovers(processed) == []
