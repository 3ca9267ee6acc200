"""``reports/<period>/brief.html``: the one-page board brief of every period with a report
(figures from :mod:`helpers.analysis.brief`). A brief is rewritten only when the period's
tables, the previous period's, its page list, the code or the templates changed: its
fingerprint is kept beside it in ``brief.json`` (nothing heavy is imported when every brief
is up to date)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from helpers.files import write_text_atomic, writing
from helpers.periods import Period, available_periods, processed_dir, project_root, reports_dir
from helpers.report.constants import SUMMARY_FILE, Progress

BRIEF_FILE = "brief.html"
BRIEF_TITLE = "Board brief"
STAMP = "brief.json"
LIMIT = 4  # items of a list shown before "and N more"
NAMES = 8  # names of a comma-separated list shown before "and N more"


def _summary(folder: Path) -> dict[str, Any]:
    try:
        found = json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _recorded(folder: Path) -> str:
    try:
        return str(json.loads((folder / STAMP).read_text(encoding="utf-8")).get("fingerprint"))
    except (OSError, ValueError, AttributeError):
        return ""


def _fingerprints(base: Path) -> dict[Period, tuple[str, dict[str, Any], Period | None]]:
    """Each period with a report: (its brief's fingerprint, its summary.json, the previous
    processed period). The code and templates are hashed once for all."""
    from helpers.cache import page_fingerprint, tables_sha256

    periods = available_periods(base, processed=True)
    out_root = reports_dir(base)
    code = page_fingerprint({"page": BRIEF_FILE}, [], "")
    tables = {p: tables_sha256(processed_dir(p, base)) for p in periods}
    found = {}
    for i, p in enumerate(periods):
        summary = _summary(out_root / p.id)
        if not summary:
            continue
        prev = periods[i - 1] if i else None
        pages = [(n.get("html"), n.get("title")) for n in summary.get("notebooks", [])]
        provenance = summary.get("provenance") or {}
        key = [code, p.id, tables[p], prev and prev.id, prev and tables[prev], pages,
               summary.get("accepted_errors"), (provenance.get("input") or {}).get("file")]  # fmt: skip
        digest = hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()
        found[p] = (digest, summary, prev)
    return found


def write_briefs(root: Path | None = None, *, progress: Progress = print) -> list[str]:
    """Write ``reports/<period>/brief.html`` for every period whose brief is missing or out of
    date; returns the periods written."""
    base = root or project_root()
    out_root = reports_dir(base)
    written = []
    for p, (fingerprint, summary, prev) in _fingerprints(base).items():
        folder = out_root / p.id
        if _recorded(folder) == fingerprint and (folder / BRIEF_FILE).is_file():
            continue
        writing()
        write_text_atomic(folder / BRIEF_FILE, brief_html(p, prev, summary, base))
        write_text_atomic(folder / STAMP, json.dumps({"fingerprint": fingerprint}) + "\n")
        written.append(p.id)
    if written:
        progress(f"    wrote the board brief of {', '.join(written)}")
    return written


def _nav(summary: dict[str, Any]) -> list[dict[str, Any]]:
    items = [{"href": "../index.html", "title": "All periods", "current": False},
             {"href": BRIEF_FILE, "title": BRIEF_TITLE, "current": True}]  # fmt: skip
    items += [
        {"href": str(n["html"]), "title": str(n.get("title", n["html"])), "current": False}
        for n in summary.get("notebooks", [])
        if isinstance(n, dict) and n.get("html")
    ]
    return items


def brief_html(
    period: Period, previous: Period | None, summary: dict[str, Any], root: Path | None = None
) -> str:
    """The brief page of ``period`` (compared with ``previous``), from the processed tables."""
    from helpers import provenance
    from helpers.analysis.brief import board_brief
    from helpers.analysis.explore import load_all
    from helpers.analysis.wording import pct
    from helpers.report.templating import render_page

    tables = load_all([q for q in (previous, period) if q is not None], root=root)
    b = board_brief(tables, period.id)
    source = Path(str(((summary.get("provenance") or {}).get("input") or {}).get("file", "")))
    return render_page(
        "brief.html.j2",
        b=b,
        label=period.label,
        prev_label=previous.label if previous else "",
        overall=pct(b.overall_rate),
        accepted=[str(d) for d in summary.get("accepted_errors") or []],
        source=source.name or f"of {period.label}",
        generated_at=provenance.generated_at(),
        limit=LIMIT,
        names=NAMES,
        nav=_nav(summary),
    )
