"""File-level helpers shared by the writers: content hashes and atomic replacement, so a
failed run never leaves half a folder or half a file where the last good one was."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class WorkNeeded(Exception):
    """Raised in a dry run (:func:`dry_run`) at the first step that would write an output."""


_DRY: list[bool] = []


@contextlib.contextmanager
def dry_run() -> Iterator[None]:
    """Within the block, every step that would write an output (or do the work of making one)
    raises :class:`WorkNeeded` instead: a run that gets through has nothing to do."""
    _DRY.append(True)
    try:
        yield
    finally:
        _DRY.pop()


def writing() -> None:
    """Called before any step that writes an output or does the work of making one."""
    if _DRY:
        raise WorkNeeded


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read once per process while the file stays the same
    (same inode, size and modification time): a run checks each table several times."""
    st = path.stat()
    return _sha256(str(path), st.st_ino, st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _sha256(path: str, inode: int, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def update_with_files(digest: hashlib._Hash, files: list[Path]) -> None:
    """Feed each file's name and bytes into `digest` (for fingerprints of inputs and code)."""
    for f in files:
        digest.update(f.name.encode() + b"\0" + f.read_bytes())


def swap_into_place(tmp: Path, final: Path) -> None:
    """Rename folder `tmp` to `final`; a previous `final` is kept until the rename succeeded
    (and put back if it fails)."""
    writing()
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-{os.getpid()}-{time.time_ns()}.old")
        os.replace(final, old)
    try:
        os.replace(tmp, final)
    except BaseException:
        if old is not None:
            os.replace(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so readers never see half a file."""
    writing()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


MANIFEST = "manifest.json"  # what ingest recorded beside a period's tables


def read_manifest(folder: Path) -> dict[str, Any]:
    """``folder/manifest.json`` as written by ingest (empty when missing or unreadable)."""
    import json

    try:
        found = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def check_files(folder: Path) -> tuple[set[str], list[str]]:
    """(files whose bytes match the SHA-256 that `folder/manifest.json` recorded, files that
    are missing or differ). Both are empty when there is no readable manifest."""
    recorded = read_manifest(folder).get("files")
    if not isinstance(recorded, dict):
        return set(), []
    intact: set[str] = set()
    damaged: list[str] = []
    for name, digest in recorded.items():
        path = folder / name
        if path.is_file() and file_sha256(path) == digest:
            intact.add(name)
        else:
            damaged.append(name)
    return intact, damaged


def damaged_files(folder: Path) -> list[str]:
    """Files of a processed folder that are missing or whose bytes differ from the SHA-256
    its manifest.json recorded (empty when all is intact, or when there is no manifest)."""
    return check_files(folder)[1]


@contextlib.contextmanager
def period_lock(folder: Path, period: str, progress=print) -> Iterator[None]:
    """One run at a time on a period: an exclusive lock on `<folder>/../.locks/<period>.lock`
    (data/.locks/ for data/processed/). A second run says that another is working and waits
    for it. Leftover temporary and old folders of the period in `folder` (from a run that was
    killed) are removed once the lock is held."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    locks = folder.parent / ".locks"
    locks.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    with (locks / f"{period}.lock").open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"    another run is working on {period}: waiting for it to finish")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            for left in [*folder.glob(f".{period}.tmp-*"), *folder.glob(f".{period}-*.old")]:
                shutil.rmtree(left, ignore_errors=True)
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder/.lock`` (no-op where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with (folder / ".lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
