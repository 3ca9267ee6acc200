"""The reports the bench scripts time: the committed fixtures under tests/fixtures/reports/
(the markdown export of each period), never the officer's data/raw/, data/processed/ or
reports/, so a figure means the same input on every machine and in every checkout.

`report(period)` is a period's fixture file; `project(root, periods)` makes a throwaway project
in `root` from them (raw reports, the reference data and, if asked, the notebooks).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "tests" / "fixtures" / "reports"


def periods() -> list[str]:
    """The periods that have a committed fixture report, in order."""
    return sorted(p.name for p in REPORTS.iterdir() if any(p.glob("*.md")))


def report(period: str) -> Path:
    """The committed markdown report of ``period``; another period stops with one line."""
    found = sorted((REPORTS / period).glob("*.md"))
    if not found:
        sys.exit(f"no fixture report for {period} in {REPORTS}: choose one of "
                 f"{', '.join(periods())}")  # fmt: skip
    return found[0]


def put_report(root: Path, period: str) -> Path:
    """``period``'s fixture copied alone into ``root``/data/raw/<period>/ (the folder emptied
    first); returns the copy."""
    raw = root / "data" / "raw" / period
    if raw.is_dir():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    src = report(period)
    return Path(shutil.copy(src, raw / src.name))


def project(root: Path, periods: tuple[str, ...] = ("2022-T1",), *, notebooks: bool = True) -> Path:
    """A project in ``root``: each period's fixture report, the reference data and the
    notebooks (unless ``notebooks`` is false)."""
    for period in periods:
        put_report(root, period)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    if notebooks:
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
    return root
