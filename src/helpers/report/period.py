"""A period's report in two steps, so that several periods can share one kernel pool:
``plan_period`` (cheap, synchronous: what is up to date, from fingerprints) and
``render_planned`` (a coroutine: run what is not on the pool, export each page as its
notebook finishes, then swap the period's folder into place).

Nothing is replaced until every page of the period succeeded: the pages are written into a
hidden temporary folder next to ``reports/<period>/``, renamed into place at the end. A
failure (or a cancellation, when another period failed) removes that folder; the last good
report stays. Pages are exported on one worker thread (``export.in_background``), so the
event loop keeps feeding the kernels while nbconvert works.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import wait as wait_all
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import provenance
from helpers.cache import notebook_fingerprints, recorded_inputs
from helpers.errors import UserError
from helpers.files import folder_lock, swap_into_place, write_text_atomic
from helpers.files import writing as will_write
from helpers.periods import Period, parse_period, processed_dir, project_root, reports_dir
from helpers.report.constants import (
    ANALYSIS_NOTEBOOKS,
    STALE_SECONDS,
    SUMMARY_FILE,
    Progress,
    site_nav,
)
from helpers.report.export import _export, _records, in_background
from helpers.report.notebooks import _Notebook, _notebooks_dir, _read_notebooks
from helpers.report.pages import _accepted_errors
from helpers.report.run import Kernels, import_jupyter, kernel_name, run_notebooks_async
from helpers.report.safety import _check_outputs


@dataclass(frozen=True)
class Rendered:
    """What a render did: the folder (or page) written, and the notebooks it executed (empty
    when every page was kept because its fingerprint was unchanged)."""

    path: Path
    ran: tuple[str, ...] = ()


@dataclass
class PeriodPlan:
    """What ``render_planned`` will do for one period: its notebooks (``runs``), the page
    fingerprints, the last good report (``previous``) and the pages kept from it (``reuse``)."""

    period: Period
    base: Path
    runs: list[_Notebook]
    kernel: str
    prov: dict[str, Any]
    fingerprints: dict[str, str]
    previous: dict[str, Any]
    reuse: set[str] = field(default_factory=set)

    @property
    def final(self) -> Path:
        return reports_dir(self.base) / self.period.id

    @property
    def todo(self) -> list[_Notebook]:
        """The notebooks to execute, in notebook order."""
        return [nb for nb in self.runs if nb.name not in self.reuse]


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
    inputs = recorded_inputs(processed_dir(p, base))
    if inputs is not None:
        prov = {**prov, "ingest_inputs": inputs}
    return notebook_fingerprints(prov, runs, kernel)


def _keep_unchanged(plan: PeriodPlan, tmp: Path, progress: Progress) -> dict[str, Any]:
    """Copy the pages of unchanged notebooks into ``tmp``; return their recorded figures."""
    kept: dict[str, Any] = {}
    for i, nb in enumerate(plan.runs):
        if nb.name in plan.reuse:
            for ext in (".ipynb", ".html"):
                shutil.copy2(plan.final / f"{nb.name}{ext}", tmp / f"{nb.name}{ext}")
            kept[nb.name] = (plan.previous.get("figures_by_notebook") or {}).get(nb.name, {})
            progress(f"    [{i + 1}/{len(plan.runs)}] {nb.path.name} unchanged: kept")
    return kept


def _page_context(
    p: Period, nb: _Notebook, runs: list[_Notebook], banner: list[str],
    facts: dict[str, str], when: str, read: str = "",
) -> dict[str, Any]:  # fmt: skip
    """What the nbconvert template shows around one notebook's outputs: ``read`` says where
    the figures come from in an officer's words, ``facts`` are the technical details."""
    return {
        "read_from": read,
        "banner": banner,
        "title": f"{nb.title} — {p.label}",
        "period": p.id,
        "period_label": p.label,
        "nav": [
            {"href": f"{o.name}.html", "title": o.title, "current": o.name == nb.name} for o in runs
        ],
        "site_nav": site_nav("../"),
        "facts": facts,
        "generated_at": when,
    }


def _summary(plan: PeriodPlan, by_notebook: dict[str, Any], banner: list[str], when: str
             ) -> dict[str, Any]:  # fmt: skip
    """``summary.json``: the pages, their figures (in notebook order, whichever finished
    first), provenance, fingerprints and what was executed."""
    p, runs = plan.period, plan.runs
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
        "provenance": plan.prov,
        "fingerprint": hashlib.sha256(
            json.dumps(plan.fingerprints, sort_keys=True).encode()
        ).hexdigest(),
        "fingerprints": plan.fingerprints,
        "executed": [nb.name for nb in plan.todo],
        "figures_by_notebook": {nb.name: by_notebook[nb.name] for nb in runs},
        "generated_at": when,
    }


def plan_period(
    period: str | Period,
    *,
    root: Path | None = None,
    notebooks: Sequence[str] = ANALYSIS_NOTEBOOKS,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    skip_if_current: bool = False,
) -> PeriodPlan:
    """Check the period and its processed tables and say which pages are up to date (only
    with ``skip_if_current``): nothing heavy is imported and nothing is written."""
    p = period if isinstance(period, Period) else parse_period(period)
    base = (root or project_root()).resolve()
    _require_tables(p, base)
    runs = _read_notebooks(_notebooks_dir(base, notebooks_dir), notebooks)
    kernel = kernel or kernel_name()
    prov = provenance.collect(p, root=base, parameters={"period": p.id})
    fingerprints = _page_fingerprints(p, base, prov, runs, kernel)
    final = reports_dir(base) / p.id
    previous = _previous(final) if skip_if_current else {}
    reuse = {nb.name for nb in runs if _reusable(final, previous, nb, fingerprints[nb.name])}
    return PeriodPlan(p, base, runs, kernel, prov, fingerprints, previous, reuse)


def _write_page(
    plan: PeriodPlan, nb: _Notebook, executed: Any, tmp: Path, context: dict[str, Any], label: str
) -> dict[str, Any]:
    """Check one executed notebook, write its ``.ipynb`` and ``.html`` into ``tmp``; return
    its recorded figures. Runs on the export thread."""
    import nbformat

    _check_outputs(executed, nb, label)
    meta = executed.metadata.setdefault("papermill", {})
    meta["input_path"] = _shown_path(nb.path, plan.base)  # no home folder in shared files
    meta["output_path"] = f"reports/{plan.period}/{nb.name}.ipynb"
    nbformat.write(executed, tmp / f"{nb.name}.ipynb")
    write_text_atomic(tmp / f"{nb.name}.html", _export(executed, context, nb, label))
    return _records(executed)


async def render_planned(plan: PeriodPlan, kernels: Kernels, progress: Progress) -> Rendered:
    """Execute the plan's notebooks on ``kernels`` (concurrently with whatever else uses the
    pool), export each page as its notebook finishes, and swap ``reports/<period>/`` into
    place once every page succeeded. The index is not written (the caller does, once)."""
    started = time.perf_counter()
    p, runs, todo = plan.period, plan.runs, plan.todo
    if not todo:
        progress(f"==> {p}: reports/{p}/ is up to date (same inputs, notebooks and code)")
        return Rendered(plan.final)
    will_write()
    progress(f"==> {p}: rendering the report ({p.label}, kernel {plan.kernel})")
    for nb in todo:
        kernels.want(nb.imports)
    # one kernel per notebook boots (and imports) while this process imports nbconvert
    await kernels.launch(max(0, len(todo) - len(kernels.idle)))
    import_jupyter()
    out_root = reports_dir(plan.base)
    tmp: Path | None = _partial_folder(out_root, p)
    writing: list[Future[Any]] = []
    try:
        label = f"nothing in reports/{p}/ was changed"
        facts = provenance.facts(plan.prov)
        when = provenance.generated_at()
        read = provenance.read_from([(plan.prov.get("input") or {}).get("file") or ""], when)
        # read on the export thread (it imports pandas) while the first notebooks start
        banner_job = in_background(_accepted_errors, p, plan.base)
        writing.append(banner_job)
        by_notebook = _keep_unchanged(plan, tmp, progress)
        t0 = time.perf_counter()
        for i, nb in enumerate(runs):  # all at once, one kernel each
            if nb.name not in plan.reuse:
                progress(f"    [{i + 1}/{len(runs)}] running {nb.path.name}")

        async def finished(nb: _Notebook, executed: Any) -> None:
            banner = await asyncio.wrap_future(banner_job)
            context = _page_context(p, nb, runs, banner, facts, when, read)
            job = in_background(_write_page, plan, nb, executed, tmp, context, label)
            writing.append(job)
            by_notebook[nb.name] = await asyncio.wrap_future(job)
            took = time.perf_counter() - t0
            progress(f"          wrote {nb.name}.ipynb and .html ({took:.1f} s)")

        jobs = [(nb, {"period": p.id}) for nb in todo]
        await run_notebooks_async(jobs, kernels, label, finished)
        summary = _summary(plan, by_notebook, await asyncio.wrap_future(banner_job), when)
        write_text_atomic(
            tmp / SUMMARY_FILE, json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        )
        with folder_lock(out_root):
            swap_into_place(tmp, plan.final)
        tmp = None
    finally:
        if tmp is not None:
            for job in writing:
                job.cancel()  # pages not started are not written
            wait_all(writing)  # a page still being written goes with the folder
            shutil.rmtree(tmp, ignore_errors=True)
    took = time.perf_counter() - started
    progress(f"    wrote reports/{p}/ ({len(todo)} of {len(runs)} notebooks run, {took:.1f} s)")
    return Rendered(plan.final, tuple(nb.name for nb in todo))
