"""Render a period's analysis notebooks into shareable HTML reports, all in this one process.

``render_period("2022-T1")`` runs ``notebooks/02_engagement``, ``03_coverage`` and
``04_quality`` with papermill (parameter ``period``), exports each to one self-contained HTML
file (no code, no prompts, table of contents, embedded PNG figures, inline CSS and JS, nothing
fetched from the network) and writes ``reports/<period>/`` plus ``reports/index.html``.

Nothing is replaced until everything succeeded: the run writes into a hidden temporary folder
next to ``reports/<period>/`` and renames it into place at the end. A failing notebook is a
:class:`~helpers.errors.UserError` naming the notebook and the cell; the last good report stays.

Speed: papermill and nbconvert are imported once, each notebook gets a fresh kernel (no state
leaks between notebooks), and the next notebook's kernel boots and imports what that notebook
imports while the current one runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import provenance
from helpers.cache import notebook_fingerprints, tables_sha256, trends_fingerprint
from helpers.errors import UserError
from helpers.files import folder_lock, swap_into_place, write_text_atomic
from helpers.periods import (
    Period,
    parse_period,
    processed_dir,
    project_root,
    reports_dir,
)
from helpers.report.constants import (
    ANALYSIS_NOTEBOOKS,
    STALE_SECONDS,
    SUMMARY_FILE,
    Progress,
)
from helpers.report.export import _export, _records
from helpers.report.notebooks import _Notebook, _notebooks_dir, _read_notebooks
from helpers.report.pages import _accepted_errors, _entries, write_index
from helpers.report.run import Kernels, _kernel_env, import_jupyter, kernel_name, run_notebooks
from helpers.report.safety import _check_outputs, live_markup

__all__ = [
    "ANALYSIS_NOTEBOOKS",
    "Kernels",
    "Rendered",
    "trends_kernels",
    "render_period",
    "render_trends",
    "write_index",
    "kernel_name",
    "live_markup",
]


# --------------------------------------------------------------------------- imports


# --------------------------------------------------------------------------- notebooks


# --------------------------------------------------------------------------- kernels


# --------------------------------------------------------------------------- execution


# --------------------------------------------------------------------------- safety


# --------------------------------------------------------------------------- HTML export


# --------------------------------------------------------------------------- folders


def _clean_stale(folder: Path, period: Period) -> None:
    now = time.time()
    for d in folder.glob(f".{period.id}-*"):
        with contextlib.suppress(OSError):
            if d.is_dir() and now - d.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(d, ignore_errors=True)


def _shown_path(path: Path, base: Path) -> str:
    """``path`` relative to the project root, or ``notebooks/<name>`` when outside it."""
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return f"notebooks/{path.name}"


def _previous(final: Path) -> dict[str, Any]:
    try:
        return json.loads((final / SUMMARY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _reusable(final: Path, previous: dict[str, Any], nb: _Notebook, fingerprint: str) -> bool:
    """The last good report holds this notebook's pages made from the same inputs and code."""
    same = (previous.get("fingerprints") or {}).get(nb.name) == fingerprint
    return same and all((final / f"{nb.name}{ext}").is_file() for ext in (".html", ".ipynb"))


# --------------------------------------------------------------------------- entry points


@dataclass(frozen=True)
class Rendered:
    """What a render did: the folder (or page) written, and the notebooks it executed (empty
    when every page was kept because its fingerprint was unchanged)."""

    path: Path
    ran: tuple[str, ...] = ()


def _require_tables(p: Period, base: Path) -> None:
    """The period's tables are checked before any notebook runs."""
    if not (processed_dir(p, base) / "activities.parquet").is_file():
        raise UserError(
            f"{p} has no processed tables in data/processed/{p}/: run "
            f"`python -m helpers ingest --period {p}` first (make report does both)"
        )


def _partial_folder(out_root: Path, p: Period) -> Path:
    """A new hidden folder beside ``reports/<period>/`` to write the report into."""
    out_root.mkdir(parents=True, exist_ok=True)
    _clean_stale(out_root, p)
    tmp = Path(tempfile.mkdtemp(prefix=f".{p.id}-", suffix=".partial", dir=out_root))
    tmp.chmod(0o755)  # mkdtemp makes it private; the report is meant to be shared
    return tmp


def _page_fingerprints(
    p: Period, base: Path, prov: dict[str, Any], runs: list[_Notebook], kernel: str
) -> dict[str, str]:
    """Each notebook's page fingerprint, from the provenance and the ingest fingerprint (raw
    report, reference data, code) of the processed tables."""
    try:
        manifest = json.loads(
            (processed_dir(p, base) / "manifest.json").read_text(encoding="utf-8")
        )
        prov = {**prov, "ingest_inputs": manifest.get("inputs")}
    except (OSError, ValueError):
        pass
    return notebook_fingerprints(prov, runs, kernel)


def _keep_unchanged(
    runs: list[_Notebook],
    reuse: set[str],
    final: Path,
    tmp: Path,
    previous: dict[str, Any],
    progress: Progress,
) -> dict[str, Any]:
    """Copy the pages of unchanged notebooks into ``tmp``; return their recorded figures."""
    kept: dict[str, Any] = {}
    for i, nb in enumerate(runs):
        if nb.name in reuse:
            for ext in (".ipynb", ".html"):
                shutil.copy2(final / f"{nb.name}{ext}", tmp / f"{nb.name}{ext}")
            kept[nb.name] = (previous.get("figures_by_notebook") or {}).get(nb.name, {})
            progress(f"    [{i + 1}/{len(runs)}] {nb.path.name} unchanged: kept")
    return kept


def _page_context(
    p: Period, nb: _Notebook, runs: list[_Notebook], banner: list[str],
    facts: dict[str, str], when: str,
) -> dict[str, Any]:  # fmt: skip
    """What the nbconvert template shows around one notebook's outputs."""
    return {
        "banner": banner,
        "title": f"{nb.title} — {p.label}",
        "period": p.id,
        "period_label": p.label,
        "nav": [
            {"href": f"{o.name}.html", "title": o.title, "current": o.name == nb.name} for o in runs
        ],
        "facts": facts,
        "generated_at": when,
    }


def _summary(
    p: Period, runs: list[_Notebook], todo: list[_Notebook], by_notebook: dict[str, Any],
    banner: list[str], prov: dict[str, Any], fingerprints: dict[str, str], when: str,
) -> dict[str, Any]:  # fmt: skip
    """``summary.json``: the pages, their figures (in notebook order, whichever finished
    first), provenance, fingerprints and what was executed."""
    figures: dict[str, Any] = {}
    for nb in runs:
        figures.update(by_notebook[nb.name])
    return {
        "period": p.id,
        "label": p.label,
        "accepted_errors": banner,
        "notebooks": [
            {
                "name": nb.name,
                "title": nb.title,
                "html": f"{nb.name}.html",
                "notebook": f"{nb.name}.ipynb",
            }
            for nb in runs
        ],  # fmt: skip
        "figures": figures,
        "provenance": prov,
        "fingerprint": hashlib.sha256(
            json.dumps(fingerprints, sort_keys=True).encode()
        ).hexdigest(),
        "fingerprints": fingerprints,
        "executed": [nb.name for nb in todo],
        "figures_by_notebook": {nb.name: by_notebook[nb.name] for nb in runs},
        "generated_at": when,
    }


def render_period(
    period: str | Period,
    *,
    progress: Progress = print,
    root: Path | None = None,
    notebooks: Sequence[str] = ANALYSIS_NOTEBOOKS,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    skip_if_current: bool = False,
    kernels: Kernels | None = None,
) -> Rendered:
    """Run and render every analysis notebook of ``period``; return ``reports/<period>/``.

    Writes ``<notebook>.ipynb`` (executed) and ``<notebook>.html`` for each notebook plus
    ``summary.json``, then ``reports/index.html``. The period and its processed tables are
    checked before any notebook runs. ``skip_if_current`` returns at once when the report was
    rendered from the same inputs, notebooks and code (the CLI's default without ``--force``).
    A failing notebook raises UserError naming the notebook and cell; the previous report of
    the period is left as it was. ``kernels``: a pool shared with later renders (the caller
    closes it), e.g. one that starts the trends kernel ahead.
    """
    started = time.perf_counter()
    p = period if isinstance(period, Period) else parse_period(period)
    base = (root or project_root()).resolve()
    _require_tables(p, base)
    runs = _read_notebooks(_notebooks_dir(base, notebooks_dir), notebooks)
    kernel = kernel or kernel_name()
    prov = provenance.collect(p, root=base, parameters={"period": p.id})
    fingerprints = _page_fingerprints(p, base, prov, runs, kernel)
    out_root = reports_dir(base)
    final = out_root / p.id
    previous = _previous(final) if skip_if_current else {}
    reuse = {nb.name for nb in runs if _reusable(final, previous, nb, fingerprints[nb.name])}
    if len(reuse) == len(runs):
        progress(f"==> {p}: reports/{p}/ is up to date (same inputs, notebooks and code)")
        write_index(base, progress=progress)
        return Rendered(final)
    todo = [nb for nb in runs if nb.name not in reuse]

    progress(f"==> {p}: rendering the report ({p.label}, kernel {kernel})")
    own = kernels is None
    if kernels is None:
        kernels = Kernels(kernel, runs[0].path.parent, _kernel_env(base))
    tmp: Path | None = None
    try:
        for nb in todo:
            kernels.want(nb.imports)
        # one kernel per notebook boots (and imports) while this process imports nbconvert
        kernels.start(max(0, len(todo) - len(kernels.idle)))
        import_jupyter()
        import nbformat

        tmp = _partial_folder(out_root, p)
        label = f"nothing in reports/{p}/ was changed"
        facts = provenance.facts(prov)
        when = provenance.generated_at()
        banner = _accepted_errors(p, base)
        by_notebook = _keep_unchanged(runs, reuse, final, tmp, previous, progress)
        t0 = time.perf_counter()
        for i, nb in enumerate(runs):  # all at once, one kernel each
            if nb.name not in reuse:
                progress(f"    [{i + 1}/{len(runs)}] running {nb.path.name}")

        def finished(nb: _Notebook, executed: Any) -> None:
            _check_outputs(executed, nb, label)
            meta = executed.metadata.setdefault("papermill", {})
            meta["input_path"] = _shown_path(nb.path, base)  # no home folder in shared files
            meta["output_path"] = f"reports/{p}/{nb.name}.ipynb"
            nbformat.write(executed, tmp / f"{nb.name}.ipynb")
            context = _page_context(p, nb, runs, banner, facts, when)
            write_text_atomic(tmp / f"{nb.name}.html", _export(executed, context, nb, label))
            by_notebook[nb.name] = _records(executed)
            took = time.perf_counter() - t0
            progress(f"          wrote {nb.name}.ipynb and .html ({took:.1f} s)")

        run_notebooks([(nb, {"period": p.id}) for nb in todo], kernels, label, finished)
        summary = _summary(p, runs, todo, by_notebook, banner, prov, fingerprints, when)
        write_text_atomic(
            tmp / SUMMARY_FILE, json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        )
        with folder_lock(out_root):
            swap_into_place(tmp, final)
        tmp = None
    finally:
        if own:
            kernels.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    took = time.perf_counter() - started
    progress(f"    wrote reports/{p}/ ({len(todo)} of {len(runs)} notebooks run, {took:.1f} s)")
    write_index(base, progress=progress)
    return Rendered(final, tuple(nb.name for nb in todo))


# --------------------------------------------------------------------------- index


# --------------------------------------------------------------------------- trends

TRENDS_NOTEBOOK = "trends"
TRENDS_STAMP = "trends.json"


def render_trends(
    *,
    progress: Progress = print,
    root: Path | None = None,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    skip_if_current: bool = False,
    kernels: Kernels | None = None,
) -> Rendered:
    """Render ``notebooks/trends.ipynb`` over every processed period into
    ``reports/trends.html`` (and ``trends.ipynb``); skipped when no period's tables, the
    notebook or the code changed. With a single period the notebook says so plainly."""
    from helpers.periods import available_periods

    base = (root or project_root()).resolve()
    periods = available_periods(base, processed=True)
    out_root = reports_dir(base)
    out_root.mkdir(parents=True, exist_ok=True)
    runs = _read_notebooks(_notebooks_dir(base, notebooks_dir), [TRENDS_NOTEBOOK])
    kernel = kernel or kernel_name()
    tables = {p.id: tables_sha256(processed_dir(p, base)) for p in periods}
    fingerprint = trends_fingerprint(tables, runs, kernel)
    prov = {"periods": list(tables)}
    html_path, stamp = out_root / "trends.html", out_root / TRENDS_STAMP
    try:
        same = json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == fingerprint
    except (OSError, ValueError):
        same = False
    if skip_if_current and same and html_path.is_file():
        progress("==> trends: reports/trends.html is up to date")
        return Rendered(html_path)
    nb = runs[0]
    names = ", ".join(p.id for p in periods) or "none"
    progress(f"==> trends: rendering reports/trends.html (periods: {names})")
    own = kernels is None
    if kernels is None:
        kernels = Kernels(kernel, nb.path.parent, _kernel_env(base))
    label = "reports/trends.html was not changed"
    try:
        kernels.want(nb.imports)
        kernels.start(0 if kernels.idle else 1)
        import_jupyter()
        import nbformat

        (executed,) = run_notebooks([(nb, {})], kernels, label)
        _check_outputs(executed, nb, label)
        executed.metadata.setdefault("papermill", {})["input_path"] = _shown_path(nb.path, base)
        commit, dirty = provenance.git_commit(base)
        context = {
            "banner": [f"{e.period}: {d}" for e in _entries(out_root) for d in e.accepted_errors],
            "title": nb.title,
            "period": "all",
            "period_label": f"{len(periods)} period{'s' if len(periods) != 1 else ''}",
            "nav": [
                {"href": "index.html", "title": "All reports", "current": False},
                {"href": "members/index.html", "title": "Members", "current": False},
            ],
            "facts": {
                "Periods": names,
                "Processed tables (SHA-256)": "; ".join(
                    f"{k}: {v[:12]}" for k, v in tables.items() if v
                ),
                "Git commit": f"{commit}{' (with uncommitted changes)' if dirty else ''}",
            },
            "generated_at": provenance.generated_at(),
        }
        page = _export(executed, context, nb, label)
        with folder_lock(out_root):
            nbformat.write(executed, out_root / ".trends.ipynb.tmp")
            os.replace(out_root / ".trends.ipynb.tmp", out_root / "trends.ipynb")
            write_text_atomic(html_path, page)
            write_text_atomic(
                stamp, json.dumps({"fingerprint": fingerprint, "periods": prov["periods"]}) + "\n"
            )
    finally:
        if own:
            kernels.close()
        with contextlib.suppress(OSError):
            (out_root / ".trends.ipynb.tmp").unlink()
    progress("    wrote reports/trends.html")
    return Rendered(html_path, (TRENDS_NOTEBOOK,))


def trends_kernels(
    root: Path | None = None,
    *,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    size: int | None = None,
) -> Kernels:
    """A kernel pool that starts the trends notebook's kernel as soon as a period's first
    kernel starts, so it has booted (and imported) by the time the trends page is rendered.
    Nothing starts if no period has work. At most ``size`` kernels (None: no limit). Close
    it when done."""
    base = (root or project_root()).resolve()
    (nb,) = _read_notebooks(_notebooks_dir(base, notebooks_dir), [TRENDS_NOTEBOOK])
    return Kernels(
        kernel, nb.path.parent, _kernel_env(base), size=size, ahead=1, imports=nb.imports
    )
