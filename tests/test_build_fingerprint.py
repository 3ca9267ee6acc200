"""The ingest fingerprint and the skip decision of `make report`, on a tiny project folder
(no notebook, no real ingest: `ingest_period` is replaced by a recorder)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from helpers import build, cache
from helpers.periods import parse_period

PERIOD = parse_period("2022-T1")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """data/raw/2022-T1/report.md, three reference files (and a folder), a two-file package."""
    raw = tmp_path / "data" / "raw" / "2022-T1"
    raw.mkdir(parents=True)
    (raw / "report.md").write_text("REPORT v1\n", encoding="utf-8")
    ref = tmp_path / "data" / "reference"
    ref.mkdir(parents=True)
    (ref / "member_aliases.csv").write_text("alias,member\n", encoding="utf-8")
    (ref / "name_affixes.csv").write_text("position,text\n", encoding="utf-8")
    (ref / "alliance_aliases.csv").write_text("alias,alliance\n", encoding="utf-8")
    (ref / "notes").mkdir()  # a folder among the reference files is not read
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("A = 1\n", encoding="utf-8")
    (pkg / "sub" / "b.py").write_text("B = 2\n", encoding="utf-8")
    (pkg / "notes.txt").write_text("not code\n", encoding="utf-8")
    (pkg / "sub" / "kinds.csv").write_text("kind,severity\n", encoding="utf-8")  # package data
    monkeypatch.setattr(cache, "PACKAGE", pkg)
    return tmp_path


def fp(root: Path) -> str:
    return cache.ingest_fingerprint(PERIOD, root)


def test_fingerprint_is_a_stable_sha256(project):
    first = fp(project)
    assert len(first) == 64 and int(first, 16) >= 0
    assert fp(project) == first


@pytest.mark.parametrize(
    "change",
    [
        "data/raw/2022-T1/report.md",
        "data/reference/member_aliases.csv",
        "data/reference/name_affixes.csv",
        "data/reference/alliance_aliases.csv",
        "pkg/a.py",
        "pkg/sub/b.py",
        "pkg/sub/kinds.csv",
    ],
)
def test_every_input_changes_the_fingerprint(project, change):
    before = fp(project)
    path = project / change
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the bytes decide
    assert fp(project) != before


def test_a_new_reference_file_changes_the_fingerprint(project):
    before = fp(project)
    (project / "data" / "reference" / "extra.csv").write_text("x\n", encoding="utf-8")
    assert fp(project) != before


def test_files_that_are_not_code_do_not_count(project):
    before = fp(project)
    (project / "pkg" / "notes.txt").write_text("other words\n", encoding="utf-8")
    (project / "data" / "reference" / "notes" / "draft.csv").write_text("x\n", encoding="utf-8")
    assert fp(project) == before


def test_touching_the_raw_report_changes_the_fingerprint(project):
    before = fp(project)
    raw = project / "data" / "raw" / "2022-T1" / "report.md"
    mtime = raw.stat().st_mtime_ns
    os.utime(raw, ns=(mtime + 5_000_000_000, mtime + 5_000_000_000))
    assert fp(project) != before


def test_a_renamed_reference_file_changes_the_fingerprint(project):
    before = fp(project)
    ref = project / "data" / "reference"
    (ref / "name_affixes.csv").rename(ref / "name_suffixes.csv")
    assert fp(project) != before


def test_root_is_the_folder_given(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    raw = other / "data" / "raw" / "2022-T1"
    raw.mkdir(parents=True)
    (raw / "report.md").write_text("ANOTHER REPORT\n", encoding="utf-8")
    (other / "data" / "reference").mkdir()
    assert fp(other) != fp(project)


def write_manifest(root: Path, inputs: str | None, files: dict[str, str] | None = None) -> Path:
    out = root / "data" / "processed" / "2022-T1"
    out.mkdir(parents=True, exist_ok=True)
    interim = root / "data" / "interim" / "2022-T1" / "report.txt"
    interim.parent.mkdir(parents=True, exist_ok=True)
    interim.write_text("the text the tables were read from\n", encoding="utf-8")
    manifest = {"period": "2022-T1", "files": files or {},
                "interim_sha256": hashlib.sha256(interim.read_bytes()).hexdigest()}  # fmt: skip
    if inputs is not None:
        manifest["inputs"] = inputs
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out


def test_current_only_when_the_manifest_holds_the_same_fingerprint(project):
    assert build._ingest_is_current(PERIOD, "abc", project) is False  # no manifest
    write_manifest(project, "abc")
    assert build._ingest_is_current(PERIOD, "abc", project) is True
    assert build._ingest_is_current(PERIOD, "abd", project) is False
    write_manifest(project, None)
    assert build._ingest_is_current(PERIOD, "abc", project) is False


def test_a_broken_manifest_is_not_current(project):
    out = write_manifest(project, "abc")
    (out / "manifest.json").write_text("{not json", encoding="utf-8")
    assert build._ingest_is_current(PERIOD, "abc", project) is False


@pytest.fixture
def ingests(monkeypatch) -> list[dict]:
    """Calls of helpers.ingest.ingest_period (none really runs)."""
    import helpers.ingest

    calls: list[dict] = []

    def fake(period_id, root=None, **kwargs):
        calls.append({"period": period_id, "root": root, **kwargs})

    monkeypatch.setattr(helpers.ingest, "ingest_period", fake)
    return calls


def test_first_run_ingests_with_the_fingerprint(project, ingests):
    said: list[str] = []
    assert build.ingest_if_needed(PERIOD, root=project, progress=said.append) is True
    assert ingests == [
        {
            "period": "2022-T1",
            "root": project,
            "progress": said.append,
            "inputs": fp(project),
            "accept_errors": False,
        }
    ]
    assert said == []


def test_up_to_date_tables_are_not_ingested_again(project, ingests):
    write_manifest(project, fp(project))
    said: list[str] = []
    assert build.ingest_if_needed(PERIOD, root=project, progress=said.append) is False
    assert ingests == []
    assert said == ["==> ingest 2022-T1: data/processed/2022-T1/ is up to date"]


def test_force_and_accept_errors_are_passed_on(project, ingests):
    write_manifest(project, fp(project))
    said: list[str] = []
    ran = build.ingest_if_needed(
        PERIOD, force=True, root=project, progress=said.append, accept_errors=True
    )
    assert ran is True
    assert len(ingests) == 1 and ingests[0]["accept_errors"] is True
    assert said == []


def test_a_damaged_table_is_ingested_again_and_named(project, ingests):
    out = write_manifest(
        project, fp(project), files={"a.csv": "0" * 64, "b.csv": "1" * 64, "c.csv": "2" * 64}
    )
    (out / "b.csv").write_text("x\n", encoding="utf-8")  # bytes not as recorded; a, c missing
    said: list[str] = []
    assert build.ingest_if_needed(PERIOD, root=project, progress=said.append) is True
    assert len(ingests) == 1
    assert said == [
        "==> ingest 2022-T1: a.csv, b.csv, c.csv missing or damaged (not as the manifest "
        "recorded): re-ingesting from the raw report"
    ]


def test_a_failing_periods_message_names_it_once():
    # `2017-T2: 2017-T2: …` was printed when the ingest's own message named the period
    from helpers.build_many import named
    from helpers.periods import parse_period

    per = parse_period("2017-T2")
    assert named(per, "2017-T2: the roster has 3 names") == "2017-T2: the roster has 3 names"
    assert named(per, "report.pdf is damaged") == "2017-T2: report.pdf is damaged"
