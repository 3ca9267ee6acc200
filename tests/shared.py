"""Set-ups made once per test run, not once per test process: the pytest-xdist workers of a
run share one temporary root (each worker's own is a folder in it), and the first worker to
ask for a set-up makes it there while the others wait for it, then all read it."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def run_root(factory: pytest.TempPathFactory) -> Path:
    """The temporary root every test process of this run sees: the run's own under
    pytest-xdist (whose workers each get a folder in it), else this process's."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Any]) -> Path:
    """The folder ``<run root>/<name>``, made by ``make(folder)`` in the first process that
    asks for it, while a lock keeps the others waiting; what ``make`` returned (JSON) is kept
    beside it for them (:func:`made_result`). A ``make`` that fails leaves no mark, so the
    next process to ask tries again (and fails the same way)."""
    root = run_root(factory)
    folder, mark = root / name, root / f"{name}.made.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not mark.exists():
            if folder.exists():  # a make that failed half-way in another process
                raise RuntimeError(f"{folder} was left half made by a failed set-up")
            result = make(folder)
            mark.write_text(json.dumps(result), encoding="utf-8")
    return folder


def made_result(factory: pytest.TempPathFactory, name: str) -> Any:
    """What ``make`` returned for the set-up ``name`` (:func:`made_once`)."""
    return json.loads((run_root(factory) / f"{name}.made.json").read_text(encoding="utf-8"))
