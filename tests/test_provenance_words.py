"""Provenance in an officer's words: the report's file and the day it was read; "uncommitted
changes" speaks of the workbench's code only, never of the officer's data."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import provenance

GIT = shutil.which("git")


def test_read_from_names_the_report_files_and_the_day():
    when = "2022-05-03 09:41 UTC"
    assert provenance.day(when) == "3 May 2022"
    one = provenance.read_from(["data/raw/2022-T1/metropolis_progress_report_2022-T1.md"], when)
    assert one == "Read from the report metropolis_progress_report_2022-T1.md on 3 May 2022."
    two = provenance.read_from(["a/2022-T1.pdf", "b/2022-T2.md"], when)
    assert two == "Read from the reports 2022-T1.pdf, 2022-T2.md on 3 May 2022."
    assert provenance.read_from([""], when) == "Read on 3 May 2022."
    assert provenance.day("not a stamp") == "not a stamp"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_uncommitted_changes_means_the_code_not_the_officers_data(tmp_path):
    for path in ("src/helpers/x.py", "notebooks/a.ipynb", "data/raw/2022-T1/r.md",
                 "data/reference/member_aliases.csv"):  # fmt: skip
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("first\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one")
    commit, dirty = provenance.git_commit(tmp_path)
    assert len(commit) == 40 and dirty is False

    # an officer adds a report and a spelling: the code is still as committed
    (tmp_path / "data/raw/2022-T1/r.md").write_text("another report\n")
    (tmp_path / "data/reference/member_aliases.csv").write_text("first\nBarna,Barcelona\n")
    (tmp_path / "data/raw/2022-T2").mkdir()
    (tmp_path / "data/raw/2022-T2/new.pdf").write_bytes(b"%PDF")
    assert provenance.git_commit(tmp_path) == (commit, False)
    assert "uncommitted" not in provenance.commit_text(commit, False)

    for code in ("src/helpers/x.py", "notebooks/a.ipynb"):
        (tmp_path / code).write_text("changed\n")
        assert provenance.git_commit(tmp_path) == (commit, True), code
        (tmp_path / code).write_text("first\n")
    assert provenance.commit_text(commit, True).endswith("(with uncommitted changes to the code)")
