"""Removing a period: ``make remove-period PERIOD=…``, or a run after its raw folder is gone.

(``make remove-period`` itself is ``helpers.build.remove_period``.) A period whose raw report is gone is taken off every page of the new generation: its
tables, interim text and pages go, and trends, the member directory, the profiles and the
index are made again without it. Nothing is lost: its raw folder (when there is one), tables,
text and pages are kept in ``data/removed/<period>-<time>/``, and the message says how to
put it back.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from helpers.files import writing
from helpers.periods import PERIOD_RE, available_periods
from helpers.publish import OUTPUTS, Generation

REMOVED = Path("data") / "removed"


def published_periods(root: Path) -> set[str]:
    """Periods with tables, interim text or pages in the project root ``root``."""
    found: set[str] = set()
    for out in OUTPUTS:
        folder = root / out
        for entry in folder.iterdir() if folder.is_dir() else []:
            if entry.is_dir() and PERIOD_RE.match(entry.name):
                found.add(entry.name)
    return found


def archive(root: Path, period: str, *, reuse: bool = False) -> Path:
    """A new folder ``data/removed/<period>-<time>/`` of the project at ``root`` (``reuse``:
    the newest one of the period if it holds only the raw folder ``remove_period`` put there)."""
    if reuse:
        newest = sorted((root / REMOVED).glob(f"{period}-*"), key=os.path.getmtime)
        if newest and {p.name for p in newest[-1].iterdir()} == {"raw"}:
            return newest[-1]
    folder = root / REMOVED / f"{period}-{time.strftime('%Y%m%dT%H%M%S')}"
    n = 1
    while folder.exists():
        n += 1
        folder = folder.with_name(f"{period}-{time.strftime('%Y%m%dT%H%M%S')}-{n}")
    folder.mkdir(parents=True)
    return folder


def prune_removed(gen: Generation, progress=print) -> list[str]:
    """Take every period without a raw report off the generation ``gen`` (its copy kept in
    ``data/removed/``); returns the periods removed."""
    raw = {p.id for p in available_periods(gen.root)}
    gone = sorted(published_periods(gen.stage) - raw)
    for period in gone:
        writing()
        copy = archive(gen.root, period, reuse=True)
        for out in OUTPUTS:
            here = gen.stage / out / period
            if here.is_dir():
                shutil.copytree(here, copy / out.replace("/", "-"), copy_function=os.link)
                shutil.rmtree(here)
        gen.removed[period] = copy.relative_to(gen.root).as_posix()
        progress(f"==> {period}: its raw report is gone: taken off the index, trends, the "
                 f"directory and the profiles; a copy is in {gen.removed[period]}/")  # fmt: skip
    return gone
