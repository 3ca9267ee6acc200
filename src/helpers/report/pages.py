"""``reports/index.html``: every period, its headline figures and links (the board brief
first), written after the briefs and the explorer (:func:`write_index`); and what the index
says of a period the last run kept at its last good pages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import provenance
from helpers.files import folder_lock as _lock
from helpers.files import read_manifest, write_text_atomic
from helpers.periods import (
    PERIOD_RE,
    Period,
    processed_dir,
    project_root,
    reports_dir,
)
from helpers.report.brief import BRIEF_FILE, BRIEF_TITLE, write_briefs
from helpers.report.constants import (
    INDEX_TEMPLATE,
    SITE_PAGES,
    SUMMARY_FILE,
    Progress,
    site_nav,
)
from helpers.report.explorer import write_explorer
from helpers.report.templating import render_page


@dataclass
class _PeriodEntry:
    period: str
    label: str
    folder: str
    notebooks: list[dict[str, str]]
    figures: dict[str, Any] = field(default_factory=dict)
    generated_at: str = ""
    commit: str = ""
    accepted_errors: list[str] = field(default_factory=list)
    not_updated: str = ""  # why the last run kept this period's last good pages


NOT_UPDATED = "not_updated.json"  # period -> why the last run could not bring it up to date


def write_not_updated(root: Path | None, kept: dict[str, str]) -> None:
    """Record the periods the run kept at their last good output (and why), for the index."""
    path = reports_dir(root or project_root()) / NOT_UPDATED
    if kept != _not_updated(path.parent) or (kept and not path.exists()):
        write_text_atomic(path, json.dumps(dict(sorted(kept.items())), indent=1) + "\n")


def _not_updated(out_root: Path) -> dict[str, str]:
    try:
        found = json.loads((out_root / NOT_UPDATED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _accepted_errors(period: Period, base: Path) -> list[str]:
    """Blocking findings the period's tables were accepted with (empty when none), as the
    ingest recorded them in manifest.json (``checks.accepted_errors``); tables written
    without that record are read for them."""
    folder = processed_dir(period, base)
    listed = read_manifest(folder).get("accepted_errors")
    if isinstance(listed, list):
        return [str(d) for d in listed]
    import pandas as pd

    from helpers.tables.checks import accepted_errors

    path = folder / "quality.parquet"
    return accepted_errors(pd.read_parquet(path)) if path.exists() else []


def _entries(out_root: Path) -> list[_PeriodEntry]:
    rows = []
    kept = _not_updated(out_root)
    for folder in sorted(out_root.iterdir()) if out_root.is_dir() else []:
        if not (folder.is_dir() and PERIOD_RE.match(folder.name)):
            continue
        try:
            s = json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        notebooks = [
            {"href": f"{folder.name}/{n['html']}", "title": str(n.get("title", n["name"]))}
            for n in s.get("notebooks", [])
            if isinstance(n, dict) and (folder / str(n.get("html", ""))).is_file()
        ]
        if (folder / BRIEF_FILE).is_file():  # the board brief first
            notebooks.insert(0, {"href": f"{folder.name}/{BRIEF_FILE}", "title": BRIEF_TITLE})
        rows.append(
            _PeriodEntry(
                period=folder.name,
                label=str(s.get("label", "")),
                folder=folder.name,
                notebooks=notebooks,
                figures=s.get("figures", {}) or {},
                generated_at=str(s.get("generated_at", "")),
                commit=str((s.get("provenance") or {}).get("git_commit", ""))[:10],
                accepted_errors=[str(d) for d in s.get("accepted_errors") or []],
                not_updated=kept.get(folder.name, ""),
            )
        )
    return sorted(rows, key=lambda r: r.period, reverse=True)


INDEX_STAMP = "index.json"


def _write_linked(base: Path, progress: Progress) -> None:
    """The pages the index links to besides the notebooks' (every board brief, the explorer),
    each skipped when its inputs are unchanged; the caller holds the reports lock."""
    write_briefs(base, progress=progress)
    write_explorer(base, progress=progress)


def write_linked_pages(root: Path | None = None, *, progress: Progress = print) -> None:
    """The briefs and the explorer ahead of :func:`write_index` (which then finds them up to
    date): a process that has the tables' stack imported already makes them (a build's
    worker), so the process writing the index never imports it."""
    base = root or project_root()
    out_root = reports_dir(base)
    out_root.mkdir(parents=True, exist_ok=True)
    with _lock(out_root):
        _write_linked(base, progress)


def write_index(root: Path | None = None, *, progress: Progress = print) -> Path:
    """Write ``reports/index.html``: every period with a report, its headline figures, links;
    left alone when none of them, the code or the templates changed."""
    from helpers.cache import index_fingerprint

    base = root or project_root()
    out_root = reports_dir(base)
    out_root.mkdir(parents=True, exist_ok=True)
    with _lock(out_root):
        _write_linked(base, progress)
        entries = _entries(out_root)
        trends = (out_root / "trends.html").is_file()
        there = tuple(
            pg for pg in SITE_PAGES if pg[0] == "index.html" or (out_root / pg[0]).is_file()
        )
        nav = site_nav("", "All periods", there)
        path, stamp = out_root / "index.html", out_root / INDEX_STAMP
        fingerprint = index_fingerprint(
            json.dumps([entries, trends, nav], default=vars, sort_keys=True)
        )
        try:
            same = json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == fingerprint
        except (OSError, ValueError):
            same = False
        if same and path.is_file():
            progress("    reports/index.html is up to date")
            return path
        page = render_page(
            INDEX_TEMPLATE,
            entries=entries,
            generated_at=provenance.generated_at(),
            trends=trends,
            nav=nav,
            sortable=True,
        )
        write_text_atomic(path, page)
        write_text_atomic(stamp, json.dumps({"fingerprint": fingerprint}) + "\n")
    progress(
        f"    wrote reports/index.html ({len(entries)} period{'s' if len(entries) != 1 else ''})"
    )
    return path
