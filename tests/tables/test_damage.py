"""Damaged or missing processed tables, broken links and full disks never give a wrong
report or a traceback."""

import errno
import os
import stat

import pandas as pd
import pytest

from helpers.ingest import ingest_period
from tests.conftest import run_cli

QUIET = {"progress": lambda s: None}


def _flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_damaged_table_is_re_ingested_by_the_build(tmp_root):
    from helpers.build import ingest_if_needed
    from helpers.periods import parse_period

    per = parse_period("2022-T1")
    said: list[str] = []
    assert ingest_if_needed(per, root=tmp_root, progress=said.append)
    out = tmp_root / "data" / "processed" / "2022-T1"
    good = (out / "members.parquet").read_bytes()
    _flip_a_byte(out / "members.parquet")
    (out / "board.csv").unlink()
    said.clear()
    assert ingest_if_needed(per, root=tmp_root, progress=said.append)
    assert "board.csv, members.parquet missing or damaged" in said[0]
    assert (out / "members.parquet").read_bytes() == good and (out / "board.csv").exists()
    said.clear()
    assert not ingest_if_needed(per, root=tmp_root, progress=said.append)  # intact: no work


def test_a_deleted_or_stale_interim_text_is_repaired_by_a_plain_rerun(tmp_root):
    # every source_line points into data/interim/<period>/report.txt: the quality page
    # quotes from it, so a text that is not the one the tables were read from is remade
    from helpers.build import ingest_if_needed
    from helpers.periods import parse_period

    per = parse_period("2022-T1")
    assert ingest_if_needed(per, root=tmp_root, **QUIET)
    interim = tmp_root / "data" / "interim" / "2022-T1" / "report.txt"
    good = interim.read_bytes()
    said: list[str] = []
    interim.write_text("stale text\n", encoding="utf-8")
    assert ingest_if_needed(per, root=tmp_root, progress=said.append)
    assert "report.txt missing or not the text the tables were read from" in said[0]
    assert interim.read_bytes() == good
    interim.unlink()
    assert ingest_if_needed(per, root=tmp_root, **QUIET) and interim.read_bytes() == good
    assert not ingest_if_needed(per, root=tmp_root, **QUIET)  # intact: no work


def test_a_row_count_changed_in_the_manifest_is_not_trusted(tmp_root):
    # 2022-T1's manifest says 943 roster members; its members table holds 143 (its bytes as
    # recorded), so 2022-T2's roster of 74 is not "under half of 2022-T1's 943"
    import json
    import shutil

    from tests.conftest import REPORTS

    ingest_period("2022-T1", tmp_root, **QUIET)
    manifest = tmp_root / "data" / "processed" / "2022-T1" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["rows"]["members"] == 143
    data["rows"]["members"] = 943
    manifest.write_text(json.dumps(data), encoding="utf-8")
    raw = tmp_root / "data" / "raw" / "2022-T2"
    raw.mkdir(parents=True)
    for f in (REPORTS / "2022-T2").glob("*.md"):
        shutil.copy(f, raw / f.name)
    t = ingest_period("2022-T2", tmp_root, **QUIET)
    assert len(t["members"]) == 74
    assert not t["quality"]["detail"].str.contains("943").any()


def test_load_repairs_a_damaged_table_before_reading(tmp_root, capsys):
    from helpers.analysis.explore import load

    ingest_period("2022-T1", tmp_root, **QUIET)
    path = tmp_root / "data" / "processed" / "2022-T1" / "members.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("(city)", "(aity)"), "utf-8")
    t = load("2022-T1", root=tmp_root)
    assert "members.csv missing or damaged" in capsys.readouterr().out
    assert "Barcelona (aity)" not in path.read_text(encoding="utf-8")
    assert len(t.members) == 143


@pytest.mark.slow  # a subprocess
def test_dangling_link_as_the_report_is_one_line(tmp_root):
    raw = tmp_root / "data" / "raw" / "2022-T1"
    for f in raw.iterdir():
        f.unlink()
    (raw / "report.pdf").symlink_to(tmp_root / "nowhere.pdf")
    r = run_cli("ingest", "--period", "2022-T1", root=tmp_root)
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "report.pdf is a link to a file that is not there" in r.stderr


def test_full_disk_is_one_line(monkeypatch, capsys):
    import helpers.ingest
    from helpers.__main__ import main

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", "data/processed/2022-T1")

    monkeypatch.setattr(helpers.ingest, "ingest_period", full)
    assert main(["ingest", "--period", "2022-T1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write data/processed/2022-T1: the disk is full" in err


def test_processed_folder_follows_the_umask(tmp_root):
    old = os.umask(0o022)
    try:
        ingest_period("2022-T1", tmp_root, **QUIET)
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_root / "data" / "processed" / "2022-T1").stat().st_mode)
    assert mode == 0o755
    assert isinstance(
        pd.read_parquet(tmp_root / "data/processed/2022-T1/members.parquet"), pd.DataFrame
    )


@pytest.mark.slow  # a subprocess
def test_a_second_run_on_the_same_project_waits_and_leftovers_are_cleaned(tmp_root):
    import subprocess
    import sys

    from helpers.publish import _lock
    from tests.conftest import ROOT

    leftover = tmp_root / ".site" / "g-left-by-a-killed-run"
    env = {**os.environ, "METROPOLIS_ROOT": str(tmp_root), "PYTHONPATH": str(ROOT / "src"),
           "PYTHONUNBUFFERED": "1"}  # fmt: skip
    held = _lock(tmp_root)
    try:
        leftover.mkdir(parents=True)
        run = subprocess.Popen(
            [sys.executable, "-m", "helpers", "ingest", "--period", "2022-T1"],
            stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert "another run is working on this project: waiting" in run.stdout.readline()
        assert run.poll() is None and not (tmp_root / "data" / "processed").exists()  # it waits
    finally:
        held.close()
    assert run.wait(timeout=120) == 0
    assert (tmp_root / "data" / "processed" / "2022-T1" / "members.parquet").exists()
    assert not leftover.exists()  # cleaned once the lock was held


def test_tables_matching_the_manifest_are_trusted_others_validated(tmp_root, monkeypatch):
    """Ingest validated what it wrote; load() does not validate those bytes again, but a table
    the manifest does not vouch for still goes through its schema."""
    import json

    from helpers.analysis import explore
    from helpers.tables.schemas import SCHEMAS

    ingest_period("2022-T1", tmp_root, **QUIET)
    checked: list[str] = []
    for name, schema in SCHEMAS.items():
        monkeypatch.setattr(
            schema, "validate", lambda df, *a, _n=name, **k: checked.append(_n) or df
        )
    explore._CACHE.clear()
    t = explore.load("2022-T1", root=tmp_root)
    assert checked == [] and len(t.members) == 143
    manifest = tmp_root / "data" / "processed" / "2022-T1" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    del data["files"]["board.parquet"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    explore._CACHE.clear()
    explore.load("2022-T1", root=tmp_root)
    assert checked == ["board"]
