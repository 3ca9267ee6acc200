"""A full disk while any output folder is written (the tables, the interim text, a period's
pages, trends, the directory and profiles, the index) or at the switch itself: the run
stops with the disk's error, what an officer opens is byte for byte what it was, and nothing
is left behind (no temporary file, no generation aside). The project's notebooks are
stand-ins (tests/e2e/stand_ins.py): every writer and the switch are the build's own."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from helpers.build import build_period
from tests.conftest import copy_project
from tests.e2e.test_interrupt import FIGURE, snapshot

# slow: builds a project, then runs it again per folder
# build_worker_warm: a build run in this process forks its worker from it, warm
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("build_worker_warm")]

# where the disk fills up: a part of the path every writer's final rename targets
FOLDERS = [
    "/data/processed/2022-T1",
    "/data/interim/2022-T1/",
    "/reports/2022-T1",
    "/reports/trends.",
    "/reports/members/",
    "/reports/index.",
    "/.site/current",  # the switch
]


@pytest.fixture(scope="module")
def built(built_stand_ins, tmp_path_factory) -> Path:
    """A copy of the built 2022-T1 project, which the cases fill up one after another."""
    return copy_project(built_stand_ins, tmp_path_factory.mktemp("full") / "project")


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_full_disk_on_any_output_folder_keeps_the_site_whole(built, folder, monkeypatch):
    before = snapshot(built)
    real = os.replace

    def full(src, dst, *args, **kwargs):
        if folder in str(dst):
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real(src, dst, *args, **kwargs)

    # a new report (another follower figure) and a new date: every output is written again
    n = FOLDERS.index(folder)
    raw = next((built / "data" / "raw" / "2022-T1").glob("*.md"))
    text = raw.read_text(encoding="utf-8")
    raw.write_text(text.replace(FIGURE, FIGURE.replace("465", str(500 + n))), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1650000000 + 86400 * n))
    monkeypatch.setattr(os, "replace", full)
    try:
        with pytest.raises(OSError) as caught:
            build_period("2022-T1", root=built, progress=lambda s: None)
    finally:
        raw.write_text(text, encoding="utf-8")
    assert caught.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert snapshot(built) == before
    site = built / ".site"
    generations = [p for p in site.iterdir() if p.name not in (".lock", "current", "previous")]
    assert len(generations) <= 2  # the published one and the one before: nothing aside
    temporary = [p for p in built.rglob("*") if ".tmp" in p.name or "partial" in p.name]
    assert temporary == []
