"""The generations of a project (helpers.publish), on small made-up output folders: what a
run publishes, what it keeps, what ``make restore`` brings back, and what is cleared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.errors import UserError
from helpers.publish import changes, generation, restore_previous


def _project(root: Path) -> Path:
    (root / "data" / "raw" / "2022-T1").mkdir(parents=True)
    (root / "reports" / "2022-T1").mkdir(parents=True)  # a project from before generations
    (root / "reports" / "2022-T1" / "page.html").write_text("old page", encoding="utf-8")
    (root / "reports" / "index.html").write_text("old index", encoding="utf-8")
    return root


def _write(path: Path, text: str) -> None:
    """As every writer does: a new file renamed over the old one."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_a_run_publishes_a_whole_new_generation_and_keeps_the_old_bytes(tmp_path):
    root = _project(tmp_path)
    said: list[str] = []
    with generation(root, said.append) as gen:
        _write(gen.stage / "reports" / "index.html", "new index")
        # while the run works, the officer still sees the old output
        assert (root / "reports" / "index.html").read_text(encoding="utf-8") == "old index"
    assert (root / "reports").is_symlink() and (root / "data" / "processed").is_symlink()
    assert (root / "reports" / "index.html").read_text(encoding="utf-8") == "new index"
    assert (root / "reports" / "2022-T1" / "page.html").read_text(encoding="utf-8") == "old page"
    assert said[-1] == "==> published: the index"
    # the inputs are read through links, the outputs are the generation's own folders
    assert (gen.stage / "data" / "raw").is_symlink()
    assert not (gen.stage / "reports").is_symlink()


def test_a_failed_run_publishes_nothing_and_leaves_nothing_aside(tmp_path):
    root = _project(tmp_path)
    with generation(root, lambda s: None) as gen:
        _write(gen.stage / "reports" / "index.html", "first")
    with pytest.raises(KeyboardInterrupt), generation(root, lambda s: None) as gen:
        _write(gen.stage / "reports" / "index.html", "second")
        raise KeyboardInterrupt
    assert (root / "reports" / "index.html").read_text(encoding="utf-8") == "first"
    left = {p.name for p in (root / ".site").iterdir()} - {".lock", "current", "previous"}
    assert len(left) == 2  # the published generation and the one before


def test_an_unchanged_run_publishes_nothing(tmp_path):
    root = _project(tmp_path)
    with generation(root, lambda s: None):
        pass
    current = os.readlink(root / ".site" / "current")
    said: list[str] = []
    with generation(root, said.append) as gen:
        assert changes(root, gen.stage) == []
    assert os.readlink(root / ".site" / "current") == current
    assert said == ["==> nothing changed: the published pages and tables are as they were"]


def test_restore_brings_the_previous_generation_back_and_again_undoes_it(tmp_path):
    root = _project(tmp_path)
    with pytest.raises(UserError, match="no earlier output"):
        restore_previous(root)
    with generation(root, lambda s: None) as gen:
        _write(gen.stage / "reports" / "index.html", "new index")
    restore_previous(root, progress=lambda s: None)
    assert (root / "reports" / "index.html").read_text(encoding="utf-8") == "old index"
    restore_previous(root, progress=lambda s: None)
    assert (root / "reports" / "index.html").read_text(encoding="utf-8") == "new index"


def test_a_generation_killed_before_publishing_is_cleared_by_the_next_run(tmp_path):
    root = _project(tmp_path)
    with generation(root, lambda s: None):
        pass
    (root / ".site" / "g-left-by-a-killed-run" / "reports").mkdir(parents=True)
    with generation(root, lambda s: None):
        pass
    assert not (root / ".site" / "g-left-by-a-killed-run").exists()
