"""`make report` and `make report-all`: ingest, render the period's notebooks, the trends
page and the index, doing only what changed.

What depends on what: a period's tables on its raw report, the reference data and the code;
each notebook's page on the tables, the code, the template and the notebook; the trends
page on every period's tables. Unchanged inputs are skipped (checked by content hashes,
before anything heavy is imported); `force` redoes everything.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from helpers.cache import ingest_fingerprint
from helpers.errors import UserError
from helpers.files import damaged_files
from helpers.periods import (
    Period,
    available_periods,
    find_report,
    parse_period,
    processed_dir,
)


def _ingest_is_current(period: Period, fingerprint: str, root: Path | None) -> bool:
    manifest = processed_dir(period, root) / "manifest.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("inputs") == fingerprint
    except (OSError, ValueError):
        return False


def ingest_if_needed(
    period: Period,
    *,
    force: bool = False,
    root: Path | None = None,
    progress=print,
    accept_errors: bool = False,
) -> bool:
    """Ingest the period unless its tables were made from the same inputs; True if it ran."""
    fingerprint = ingest_fingerprint(period, root)
    if not force and _ingest_is_current(period, fingerprint, root):
        damaged = damaged_files(processed_dir(period, root))
        if not damaged:
            progress(f"==> ingest {period}: data/processed/{period}/ is up to date")
            return False
        progress(f"==> ingest {period}: {', '.join(damaged)} missing or damaged (not as the "
                 "manifest recorded): re-ingesting from the raw report")  # fmt: skip
    from helpers.ingest import ingest_period

    ingest_period(
        period.id, root, progress=progress, inputs=fingerprint, accept_errors=accept_errors
    )
    return True


def build_period(
    period: str,
    *,
    force: bool = False,
    trends: bool = True,
    root: Path | None = None,
    progress=print,
    accept_errors: bool = False,
) -> None:
    """Validate the period, ingest it, render its report, then the trends page and the index.
    A blocking finding stops the ingest unless `accept_errors` (then every page has a banner)."""
    started = time.perf_counter()
    per = parse_period(period)
    find_report(per, root)  # a missing report is reported before any work
    from helpers.report.members import write_members
    from helpers.report.render import render_period, render_trends, trends_kernels, write_index

    # one kernel per core, for the period's notebooks and then the trends page; when the
    # tables are to be made again the pages will be too, so the kernels boot during the ingest
    kernels = trends_kernels(root, size=os.cpu_count() or 2)
    try:
        if force or not _ingest_is_current(per, ingest_fingerprint(per, root), root):
            kernels.start(kernels.size or 2)
        ingest_if_needed(
            per, force=force, root=root, progress=progress, accept_errors=accept_errors
        )
        done = render_period(
            per, skip_if_current=not force, root=root, progress=progress, kernels=kernels
        )
        rendered = bool(done.ran)
        if trends:
            rendered |= _others_up_to_date(per, root, progress)
            # regenerated whenever a period's report is (and when any period's tables changed)
            render_trends(
                skip_if_current=not (force or rendered),
                root=root,
                progress=progress,
                kernels=kernels,
            )
            write_members(root, progress=progress)
            write_index(root, progress=progress)
    finally:
        kernels.close()
    progress(f"==> done in {time.perf_counter() - started:.1f} s: open reports/index.html")


def _others_up_to_date(done: Period, root: Path | None, progress) -> bool:
    """Bring every other period with a raw report up to date (skipped when current), so the
    index and the trends page cover them all. A failure there is reported, not fatal."""
    from helpers.report.render import render_period

    changed = False
    for other in available_periods(root):
        if other == done:
            continue
        try:
            ingest_if_needed(other, root=root, progress=progress)
            done = render_period(other, skip_if_current=True, root=root, progress=progress)
            changed |= bool(done.ran)
        except UserError as exc:
            progress(f"    warning: {other} could not be brought up to date: {exc}")
    return changed


def _ingest_quietly(period: str, force: bool, root: Path | None) -> list[str]:
    """`ingest_if_needed` in a worker process; returns its progress lines."""
    lines: list[str] = []
    ingest_if_needed(parse_period(period), force=force, root=root, progress=lines.append)
    return lines


def build_all(
    *, jobs: int = 2, force: bool = False, root: Path | None = None, progress=print
) -> None:
    """Rebuild every period with a raw report, then the trends page and the index once, all
    driven from this one process: a worker process ingests the periods one after another
    (ahead of the rendering), and every period's notebooks run on one pool of `jobs` kernels,
    reset and reused from notebook to notebook instead of booted for each."""
    from concurrent.futures import ProcessPoolExecutor

    started = time.perf_counter()
    periods = available_periods(root)
    if not periods:
        raise UserError("no period has a raw report in data/raw/: see make new-period")
    jobs = max(1, jobs)
    progress(f"==> {len(periods)} periods ({', '.join(p.id for p in periods)}), "
             f"{jobs} kernels")  # fmt: skip
    from helpers.report.members import write_members
    from helpers.report.render import render_period, render_trends, trends_kernels, write_index

    failed = []
    kernels = trends_kernels(root, size=jobs)
    try:
        with ProcessPoolExecutor(max_workers=1) as ingest:
            pending = {p: ingest.submit(_ingest_quietly, p.id, force, root) for p in periods}
            for p in periods:

                def say(line: str, p: Period = p) -> None:
                    progress(f"[{p}] {line}")

                try:
                    for line in pending[p].result():
                        say(line)
                    render_period(
                        p, skip_if_current=not force, root=root, progress=say, kernels=kernels
                    )
                except UserError as exc:
                    say(f"error: {exc}")
                    failed.append(p.id)
        render_trends(skip_if_current=not force, root=root, progress=progress, kernels=kernels)
    finally:
        kernels.close()
    write_members(root, progress=progress)
    write_index(root, progress=progress)
    took = time.perf_counter() - started
    if failed:
        raise UserError(
            f"{len(failed)} period(s) failed: {', '.join(failed)} (see the lines above)"
        )
    progress(f"==> all periods done in {took:.1f} s")
