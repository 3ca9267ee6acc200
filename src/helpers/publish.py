"""One generation at a time: what an officer opens (the tables, the interim text, the period
pages, the index, trends, the directory and the profiles) always comes from one run.

A run builds a new generation aside, in ``.site/<id>/``, and switches to it in one atomic
step, as static-site and package tools do::

    .site/<id>/data/processed/  .site/<id>/data/interim/  .site/<id>/reports/   a generation
    .site/current -> <id>                                  the published one (a symlink)
    data/processed -> ../.site/current/data/processed      what the officer opens
    data/interim   -> ../.site/current/data/interim
    reports        -> .site/current/reports

The new generation starts as hard links to the published files (cheap, and every writer
replaces a file instead of writing into it, so the published bytes never change) and
links to the inputs (``data/raw``, ``data/reference``, ``notebooks``), so the run reads and
writes it as a project root of its own. The switch renames a new ``current`` link over the
old one: a run that fails, is killed or is interrupted before it leaves the published
generation as it was, and one killed after it has published all of its work. The generation
before is kept as ``.site/previous`` (``make restore`` publishes it again); anything else in
``.site/`` is left from a killed run and is removed by the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from helpers.interrupt import publishing

SITE = ".site"
CURRENT = "current"
PREVIOUS = "previous"
OUTPUTS = ("data/processed", "data/interim", "reports")  # a generation's own folders
INPUTS = ("data/raw", "data/reference", "notebooks")  # read through links to the project's
SKIP = (".lock",)  # lock files stay with the folder they lock, never in a generation
READMES = {
    "data/processed": "# Processed tables (generated)\n\n"
    "Written by `make report`: `<period>/<table>.parquet`, `<period>/<table>.csv`,\n"
    "`<period>/<period>.xlsx` and `manifest.json`. This folder is a link to the published\n"
    "generation in `.site/` (see docs/rendering.md); `make report` rebuilds it from `data/raw/`.\n",
    "data/interim": "# Interim text (generated)\n\n"
    "`<period>/report.txt` is the report's text as the workbench read it. Every `source_line`\n"
    "in the processed tables and on the data-quality page points into it.\n",
    "reports": "# Rendered reports (generated)\n\n"
    "Open `index.html`. This folder is a link to the published generation in `.site/`;\n"
    "`make report` writes a new generation and switches to it in one step.\n",
}


@dataclass
class Generation:
    """A generation being built: ``stage`` is the project root the run reads and writes."""

    root: Path
    stage: Path
    kept: dict[str, str] = field(default_factory=dict)  # period -> why its old output stays
    removed: dict[str, str] = field(default_factory=dict)  # period -> where its copy is kept

    def keep_published(self, period: str, why: str) -> None:
        """Put back the published tables, text and pages of ``period`` (a period that failed
        keeps its last good output, whole), and remember why."""
        from helpers.files import writing

        writing()
        self.kept[period] = why
        for out in OUTPUTS:
            here = self.stage / out / period
            shutil.rmtree(here, ignore_errors=True)
            there = self.root / out / period
            if there.is_dir():
                _link_tree(there, here)


def site(root: Path) -> Path:
    """The folder of the generations."""
    return root / SITE


def is_published(root: Path) -> bool:
    """Whether the project's output folders are links into a published generation."""
    return published(root) is not None and all((root / out).is_symlink() for out in OUTPUTS)


def published(root: Path) -> Path | None:
    """The published generation's folder, or None before the first run."""
    link = site(root) / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def _link_tree(src: Path, dst: Path) -> None:
    """``dst`` as a copy of folder ``src`` made of hard links (symbolic links copied as links)."""
    shutil.copytree(src, dst, symlinks=True, copy_function=os.link,
                    ignore=shutil.ignore_patterns(*SKIP))  # fmt: skip


def _inode_map(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file under ``folder`` (relative path) -> (device, inode)."""
    out: dict[str, tuple[int, int]] = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if name in SKIP:
                continue
            st = os.stat(os.path.join(dirpath, name), follow_symlinks=False)
            out[os.path.relpath(os.path.join(dirpath, name), folder)] = (st.st_dev, st.st_ino)
    return out


def changes(old: Path, new: Path) -> list[str]:
    """What differs between two project roots' outputs, by item an officer knows: a period's
    tables, text or pages, trends, the index, the members' pages (sorted; empty when none)."""
    found: set[str] = set()
    for out in OUTPUTS:
        before = _inode_map(old / out) if (old / out).is_dir() else {}
        after = _inode_map(new / out) if (new / out).is_dir() else {}
        for rel in set(before) ^ set(after) | {r for r in before if before[r] != after.get(r)}:
            found.add(_item(out, rel))
    return sorted(found)


def _item(out: str, rel: str) -> str:
    first = rel.split(os.sep)[0]
    if out == "reports":
        if first.endswith(".html") or first.endswith(".json") or first.endswith(".ipynb"):
            return f"reports/{first}"
        return f"reports/{first}/"
    return f"{out}/{first}/" if os.sep in rel else f"{out}/{first}"


def _lock(root: Path):
    """An exclusive lock on ``.site/.lock`` held for a whole run (a second run waits)."""
    import fcntl

    folder = site(root)
    folder.mkdir(parents=True, exist_ok=True)
    fh = (folder / ".lock").open("a")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("    another run is working on this project: waiting for it to finish")
        fcntl.flock(fh, fcntl.LOCK_EX)
    return fh


def _clear_leftovers(root: Path) -> None:
    """Remove what a killed run left in ``.site/``: every generation but the published one
    and the one before it."""
    folder = site(root)
    keep = {CURRENT, PREVIOUS, ".lock"}
    for link in (CURRENT, PREVIOUS):
        if (folder / link).is_symlink():
            keep.add(os.readlink(folder / link))
    for entry in folder.iterdir():
        if entry.name not in keep:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _new_stage(root: Path) -> Path:
    """A new generation folder: what the project's output folders show as hard links, the
    inputs as links."""
    name = f"g{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**9:09d}"
    stage = site(root) / name
    stage.mkdir()
    for out in OUTPUTS:
        src = root / out
        dst = stage / out
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            _link_tree(src, dst)
        else:
            dst.mkdir(parents=True, exist_ok=True)
        readme = dst / "README.md"
        if not (readme.is_file() and readme.read_text(encoding="utf-8") == READMES[out]):
            readme.unlink(missing_ok=True)
            readme.write_text(READMES[out], encoding="utf-8")
    for inp in INPUTS:
        if (root / inp).exists():
            link = stage / inp
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(os.path.relpath(root / inp, link.parent))
    return stage


def _switch(root: Path, stage: Path) -> None:
    """Publish ``stage``: one rename of the ``current`` link; the generation it replaces
    becomes ``previous``. The output folders become links into ``current`` the first time
    (a project's own folders from before are moved into ``.site/`` and kept as ``previous``)."""
    folder = site(root)
    old = published(root)
    legacy = [out for out in OUTPUTS
              if (root / out).exists() and not (root / out).is_symlink()]  # fmt: skip
    if legacy:  # what the officer saw until now: kept as the previous generation
        old = folder / f"before-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        for out in legacy:
            (old / out).parent.mkdir(parents=True, exist_ok=True)
            os.replace(root / out, old / out)
    if (folder / CURRENT).is_dir() and not (folder / CURRENT).is_symlink():
        os.replace(folder / CURRENT, folder / f"copied-{os.getpid()}")  # a copied project's
    tmp = folder / f".{CURRENT}.new"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(stage.name)
    try:
        os.replace(tmp, folder / CURRENT)  # the one atomic step
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for out in OUTPUTS:
        link = root / out
        if not link.is_symlink():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(os.path.relpath(folder / CURRENT / out, link.parent))
    if old is not None:
        tmp = folder / f".{PREVIOUS}.new"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(old.name)
        os.replace(tmp, folder / PREVIOUS)
    _clear_leftovers(root)


@contextlib.contextmanager
def generation(root: Path, progress=print) -> Iterator[Generation]:
    """Build a new generation for the run in the ``with`` block and publish it at its end if
    anything changed. An exception (a failure, Ctrl-C) discards it: the published generation
    stays as it was, whole."""
    root = root.resolve()
    lock = _lock(root)
    stage: Path | None = None
    try:
        _clear_leftovers(root)
        stage = _new_stage(root)
        gen = Generation(root, stage)
        yield gen
        changed = changes(root, stage)
        legacy = any(not (root / out).is_symlink() for out in OUTPUTS)
        if changed or legacy:
            with publishing():  # a Ctrl-C from here on lets the run finish
                _switch(root, stage)
                stage = None
            progress(f"==> published: {_said(changed)}")
        else:
            progress("==> nothing changed: the published pages and tables are as they were")
        for period, why in sorted(gen.kept.items()):
            progress(f"    kept {period}'s last good tables and pages ({why})")
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
        lock.close()


def _said(changed: list[str]) -> str:
    """The changed items in one line, by period and page: "2022-T1 (tables, text, pages),
    trends, the index, the member pages"."""
    from helpers.periods import PERIOD_RE

    kinds = {"data/processed": "tables", "data/interim": "text", "reports": "pages"}
    periods: dict[str, list[str]] = {}
    pages: list[str] = []
    for item in changed:
        out, _, name = item.rstrip("/").rpartition("/")
        if PERIOD_RE.match(name):
            periods.setdefault(name, []).append(kinds[out])
        elif name.startswith("trends"):
            pages.append("trends")
        elif name.startswith("index") or name == "not_updated.json":
            pages.append("the index")
        elif name == "members":
            pages.append("the member pages")
    said = [f"{p} ({', '.join(sorted(set(k), key=list(kinds.values()).index))})"
            for p, k in sorted(periods.items())]  # fmt: skip
    if len(said) > 4:
        said = [f"{len(said)} periods ({', '.join(sorted(periods)[:2])} … {max(periods)})"]
    said += list(dict.fromkeys(pages))
    return ", ".join(said) or "the pages and tables as they were, now in one generation"


def restore_previous(root: Path, progress=print) -> None:
    """Publish the generation before the current one again (one atomic step, as a run does);
    the current one becomes the previous one, so a second call undoes the first."""
    from helpers.errors import UserError

    root = root.resolve()
    lock = _lock(root)
    try:
        folder = site(root)
        current, previous = folder / CURRENT, folder / PREVIOUS
        if not (previous.is_symlink() and previous.resolve().is_dir() and current.is_symlink()):
            raise UserError("there is no earlier output to restore (no run has replaced one yet)")
        was_current, was_previous = os.readlink(current), os.readlink(previous)
        for link, target in ((current, was_previous), (previous, was_current)):
            tmp = folder / f".{link.name}.new"
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(target)
            os.replace(tmp, link)
        progress("==> restored the output of the run before the last one (run the same "
                 "command again to undo)")  # fmt: skip
    finally:
        lock.close()
