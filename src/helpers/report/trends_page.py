"""The trends page in two steps, like a period's report: ``plan_trends`` (is it up to date?)
and ``render_trends_planned`` (a coroutine). The notebook can run on the shared pool while
periods' notebooks run; its page, whose banner lists the periods' accepted errors, is
written once ``ready`` says the periods are done.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import provenance
from helpers.cache import tables_sha256, trends_fingerprint
from helpers.files import folder_lock, read_manifest, write_text_atomic, writing
from helpers.periods import parse_period, processed_dir, project_root, reports_dir
from helpers.report.constants import Progress, site_nav
from helpers.report.export import _export, in_background
from helpers.report.notebooks import _Notebook, _notebooks_dir, _read_notebooks
from helpers.report.pages import _entries
from helpers.report.period import Rendered, _shown_path
from helpers.report.run import Kernels, import_jupyter, kernel_name, run_notebooks_async
from helpers.report.safety import _check_outputs

TRENDS_NOTEBOOK = "trends"
TRENDS_STAMP = "trends.json"


@dataclass(frozen=True)
class TrendsPlan:
    """The trends notebook, the tables it reads (period → SHA-256) and whether the page on
    disk was made from them (``current``: nothing to do)."""

    base: Path
    nb: _Notebook
    kernel: str
    tables: dict[str, str]
    fingerprint: str
    current: bool

    @property
    def out_root(self) -> Path:
        return reports_dir(self.base)


def trends_notebook(root: Path | None = None, notebooks_dir: Path | None = None) -> _Notebook:
    """``notebooks/trends.ipynb``, read."""
    base = (root or project_root()).resolve()
    (nb,) = _read_notebooks(_notebooks_dir(base, notebooks_dir), [TRENDS_NOTEBOOK])
    return nb


def plan_trends(
    *,
    root: Path | None = None,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    skip_if_current: bool = False,
) -> TrendsPlan:
    """Fingerprint every processed period's tables, the notebook and the code."""
    from helpers.periods import available_periods

    base = (root or project_root()).resolve()
    periods = available_periods(base, processed=True)
    nb = trends_notebook(base, notebooks_dir)
    kernel = kernel or kernel_name()
    tables = {p.id: tables_sha256(processed_dir(p, base)) for p in periods}
    fingerprint = trends_fingerprint(tables, [nb], kernel)
    stamp = reports_dir(base) / TRENDS_STAMP
    try:
        same = json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == fingerprint
    except (OSError, ValueError):
        same = False
    current = skip_if_current and same and (reports_dir(base) / "trends.html").is_file()
    return TrendsPlan(base, nb, kernel, tables, fingerprint, current)


def _context(plan: TrendsPlan) -> dict[str, Any]:
    """What the template shows around the notebook: the periods' banners, facts, time."""
    names = ", ".join(plan.tables) or "none"
    commit, dirty = provenance.git_commit(plan.base)
    n = len(plan.tables)
    when = provenance.generated_at()
    files = [str(read_manifest(processed_dir(parse_period(pid), plan.base)).get("source") or "")
             for pid in plan.tables]  # fmt: skip
    return {
        "banner": [f"{e.period}: {d}" for e in _entries(plan.out_root) for d in e.accepted_errors],
        "title": plan.nb.title,
        "period": "all",
        "period_label": f"{n} period{'s' if n != 1 else ''}",
        "nav": site_nav("", "Trends"),
        "facts": {
            "Periods": names,
            "Processed tables (SHA-256)": "; ".join(
                f"{k}: {v[:12]}" for k, v in plan.tables.items() if v
            ),
            "Git commit": provenance.commit_text(commit, dirty),
        },
        "read_from": provenance.read_from(files, when),
        "generated_at": when,
    }


def _write_trends(plan: TrendsPlan, executed: Any, label: str) -> None:
    """Check and export the executed notebook; replace ``trends.html``, ``trends.ipynb`` and
    the stamp. Runs on the export thread."""
    import nbformat

    out_root, nb = plan.out_root, plan.nb
    _check_outputs(executed, nb, label)
    executed.metadata.setdefault("papermill", {})["input_path"] = _shown_path(nb.path, plan.base)
    page = _export(executed, _context(plan), nb, label)
    stamp = {"fingerprint": plan.fingerprint, "periods": list(plan.tables)}
    try:
        with folder_lock(out_root):
            nbformat.write(executed, out_root / ".trends.ipynb.tmp")
            os.replace(out_root / ".trends.ipynb.tmp", out_root / "trends.ipynb")
            write_text_atomic(out_root / "trends.html", page)
            write_text_atomic(out_root / TRENDS_STAMP, json.dumps(stamp) + "\n")
    finally:
        with contextlib.suppress(OSError):
            (out_root / ".trends.ipynb.tmp").unlink()


async def render_trends_planned(
    plan: TrendsPlan,
    kernels: Kernels,
    progress: Progress,
    ready: Callable[[], Awaitable[Any]] | None = None,
) -> Rendered:
    """Execute the trends notebook on ``kernels``; once ``ready()`` (the periods' reports
    are done) write ``reports/trends.html``. Nothing is written if the notebook fails."""
    html_path = plan.out_root / "trends.html"
    if plan.current:
        progress("==> trends: reports/trends.html is up to date")
        if ready is not None:
            await ready()
        return Rendered(html_path)
    writing()
    names = ", ".join(plan.tables) or "none"
    progress(f"==> trends: rendering reports/trends.html (periods: {names})")
    plan.out_root.mkdir(parents=True, exist_ok=True)
    label = "reports/trends.html was not changed"
    kernels.want(plan.nb.imports)
    await kernels.launch(0 if kernels.idle else 1)
    import_jupyter()
    (executed,) = await run_notebooks_async([(plan.nb, {})], kernels, label)
    if ready is not None:
        await ready()
    await asyncio.wrap_future(in_background(_write_trends, plan, executed, label))
    progress("    wrote reports/trends.html")
    return Rendered(html_path, (TRENDS_NOTEBOOK,))
