"""Render a period's analysis notebooks into shareable HTML reports, all in this one process.

``render_period("2022-T1")`` runs ``notebooks/02_engagement``, ``03_coverage`` and
``04_quality`` with papermill (parameter ``period``), exports each to one self-contained HTML
file (no code, no prompts, table of contents, embedded PNG figures, inline CSS and JS, nothing
fetched from the network) and writes ``reports/<period>/`` plus ``reports/index.html``.

Nothing is replaced until everything succeeded: the run writes into a hidden temporary folder
next to ``reports/<period>/`` and renames it into place at the end. A failing notebook is a
:class:`~helpers.errors.UserError` naming the notebook and the cell; the last good report stays.

These are the synchronous entry points; the work is done by the coroutines of
``helpers.report.period`` and ``helpers.report.trends_page``, which ``helpers.build`` also
drives directly to render several periods (and the trends page) on one kernel pool at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from helpers.periods import Period, project_root
from helpers.report.constants import ANALYSIS_NOTEBOOKS, Progress
from helpers.report.pages import write_index
from helpers.report.period import PeriodPlan, Rendered, plan_period, render_planned
from helpers.report.run import Kernels, _kernel_env, kernel_name
from helpers.report.safety import live_markup
from helpers.report.trends_page import (
    TRENDS_NOTEBOOK,
    TRENDS_STAMP,
    TrendsPlan,
    plan_trends,
    render_trends_planned,
    trends_notebook,
)

__all__ = [
    "ANALYSIS_NOTEBOOKS",
    "TRENDS_NOTEBOOK",
    "TRENDS_STAMP",
    "Kernels",
    "PeriodPlan",
    "Rendered",
    "TrendsPlan",
    "kernel_name",
    "live_markup",
    "plan_period",
    "plan_trends",
    "render_period",
    "render_planned",
    "render_trends",
    "render_trends_planned",
    "trends_kernels",
    "write_index",
]


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
    plan = plan_period(
        period,
        root=root,
        notebooks=notebooks,
        notebooks_dir=notebooks_dir,
        kernel=kernel,
        skip_if_current=skip_if_current,
    )
    if plan.todo:
        from helpers.interrupt import run_interruptible

        own = kernels is None
        pool = kernels or Kernels(plan.kernel, plan.runs[0].path.parent, _kernel_env(plan.base))
        try:
            done = run_interruptible(render_planned, plan, pool, progress)
        finally:
            if own:
                pool.close()
    else:
        progress(f"==> {plan.period}: reports/{plan.period}/ is up to date (same inputs, "
                 "notebooks and code)")  # fmt: skip
        done = Rendered(plan.final)
    write_index(plan.base, progress=progress)
    return done


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
    plan = plan_trends(
        root=root, notebooks_dir=notebooks_dir, kernel=kernel, skip_if_current=skip_if_current
    )
    if plan.current:
        progress("==> trends: reports/trends.html is up to date")
        return Rendered(plan.out_root / "trends.html")
    from helpers.interrupt import run_interruptible

    own = kernels is None
    pool = kernels or Kernels(plan.kernel, plan.nb.path.parent, _kernel_env(plan.base))
    try:
        return run_interruptible(render_trends_planned, plan, pool, progress)
    finally:
        if own:
            pool.close()


def trends_kernels(
    root: Path | None = None,
    *,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    size: int | None = None,
    imports: Sequence[str] = (),
) -> Kernels:
    """A kernel pool that starts the trends notebook's kernel as soon as a period's first
    kernel starts, so it has booted (and imported) by the time the trends page is rendered.
    Nothing starts if no period has work. At most ``size`` kernels (None: no limit); every
    kernel also imports ``imports`` while it boots. Close it when done."""
    base = (root or project_root()).resolve()
    nb = trends_notebook(base, notebooks_dir)
    return Kernels(
        kernel,
        nb.path.parent,
        _kernel_env(base),
        size=size,
        ahead=1,
        imports=[*imports, *nb.imports],
    )
