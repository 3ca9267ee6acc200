"""`make report` and `make report-all`: ingest, render the period's notebooks, the trends
page and the index, doing only what changed.

What depends on what: a period's tables on its raw report, the reference data and the code;
each notebook's page on the tables, the code, the template and the notebook; the trends
page on every period's tables. Unchanged inputs are skipped (checked by content hashes,
before anything heavy is imported); `force` redoes everything.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.cache import ingest_fingerprint, recorded_inputs
from helpers.errors import UserError
from helpers.files import damaged_files, writing
from helpers.periods import (
    Period,
    available_periods,
    find_report,
    parse_period,
    processed_dir,
)

if TYPE_CHECKING:  # only for the annotations: nothing heavy is imported at run time
    from concurrent.futures import ProcessPoolExecutor

    from helpers.publish import Generation
    from helpers.report.constants import Progress
    from helpers.report.period import PeriodPlan
    from helpers.report.run import Kernels
    from helpers.report.trends_page import TrendsPlan


def _ingest_is_current(period: Period, fingerprint: str, root: Path | None) -> bool:
    return recorded_inputs(processed_dir(period, root)) == fingerprint


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
        from helpers.cache import interim_is_current

        damaged = damaged_files(processed_dir(period, root))
        if not damaged and interim_is_current(period, root):
            progress(f"==> ingest {period}: data/processed/{period}/ is up to date")
            return False
        if damaged:
            progress(f"==> ingest {period}: {', '.join(damaged)} missing or damaged (not as the "
                     "manifest recorded): re-ingesting from the raw report")  # fmt: skip
        else:
            progress(f"==> ingest {period}: data/interim/{period}/report.txt missing or not the "
                     "text the tables were read from: re-ingesting from the raw report")  # fmt: skip
    from helpers.files import writing
    from helpers.ingest import ingest_period

    writing()
    ingest_period(
        period.id, root, progress=progress, inputs=fingerprint, accept_errors=accept_errors
    )
    return True


def _analysis_imports(root: Path | None) -> list[str]:
    """What the period notebooks import (read from their JSON: cheap), for booting kernels."""
    from helpers.periods import project_root
    from helpers.report.constants import ANALYSIS_NOTEBOOKS
    from helpers.report.notebooks import _notebooks_dir, _read_notebooks

    base = (root or project_root()).resolve()
    runs = _read_notebooks(_notebooks_dir(base, None), ANALYSIS_NOTEBOOKS)
    return [m for nb in runs for m in nb.imports]


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
    A blocking finding stops the ingest unless `accept_errors` (then every page has a banner).

    The period's notebooks, the other periods' (when not up to date) and the trends notebook
    all run at once on one pool of one kernel per core; the trends page is written once the
    periods' reports are, and the index once at the end."""
    started = time.perf_counter()
    per = parse_period(period)
    find_report(per, root)  # a missing report is reported before any work
    from helpers.periods import project_root
    from helpers.provenance import git_asked_once
    from helpers.publish import generation

    base = root or project_root()

    def run(gen: Generation, say: Progress) -> None:
        _build_period(per, force, trends, gen, say, accept_errors)

    with git_asked_once():
        if force or not _nothing_to_do(run, base, progress):
            with generation(base, progress) as gen:
                run(gen, progress)
    progress(f"==> done in {time.perf_counter() - started:.1f} s: open reports/index.html")


def _nothing_to_do(run: Callable[[Generation, Progress], None], base: Path,
                   progress: Progress) -> bool:  # fmt: skip
    """Run ``run`` on the published output as a dry run (``files.dry_run``): if it gets
    through, nothing needs doing, its lines are said and no generation is made (an unchanged
    rerun stays cheap with many periods); else it stopped at its first write, and False."""
    from helpers.files import WorkNeeded, dry_run
    from helpers.publish import Generation, is_published, published

    current = published(base)
    if current is None or not is_published(base):
        return False
    lines: list[str] = []
    try:
        with dry_run():  # the published generation read as the root it was made in
            run(Generation(base.resolve(), current), lines.append)
    except WorkNeeded:
        return False
    for line in lines:
        progress(line)
    progress("==> nothing changed: the published pages and tables are as they were")
    return True


def _build_period(
    per: Period, force: bool, trends: bool, gen: Generation, progress: Progress,
    accept_errors: bool,
) -> None:  # fmt: skip
    """`build_period` inside the new generation ``gen``."""
    from helpers.removal import prune_removed
    from helpers.report.members import build_members, publish_members, write_members
    from helpers.report.render import plan_period, plan_trends, trends_kernels

    root = gen.stage
    prune_removed(gen, progress)
    # one kernel per core, for the period's notebooks and then the trends page; when the
    # tables are to be made again the pages will be too, so the kernels boot during the ingest
    kernels = trends_kernels(root, size=os.cpu_count() or 2)
    worker: ProcessPoolExecutor | None = None
    try:
        if force or not _ingest_is_current(per, ingest_fingerprint(per, root), root):
            writing()
            worker = _worker(shared=True)
            _ingest_beside_the_kernels(per, worker, kernels, force, root, progress, accept_errors)
        else:
            ingest_if_needed(per, root=root, progress=progress)  # repairs damaged tables
        plan = plan_period(per, skip_if_current=not force, root=root)
        others = _plan_others(per, gen, progress) if trends else []
        # every period's tables are final now: the worker writes the member pages while the
        # notebooks run (without a worker, after them)
        members = worker.submit(build_members, root) if worker and trends else None
        rendered = bool(plan.todo) or any(o.todo for o in others)
        # regenerated whenever a period's report is (and when any period's tables changed)
        trends_plan = (
            plan_trends(skip_if_current=not (force or rendered), root=root) if trends else None
        )
        if rendered or (trends_plan is not None and not trends_plan.current):
            from helpers.interrupt import run_interruptible

            run_interruptible(_render_together, plan, others, trends_plan, kernels, gen, progress)
        else:
            _say_up_to_date(plan, others, trends_plan, progress)
        if gen.kept and trends:  # another period failed: its last good tables are back
            _after_kept(root, kernels, force, progress)
        elif members is not None:  # published only now, with the period's pages
            publish_members(root, members.result(), progress=progress)
        elif trends:
            write_members(root, progress=progress)
        if worker is not None:
            _linked_pages_on(worker, root, progress)
        _write_index(gen, progress)
    finally:
        kernels.close()
        if worker is not None:
            worker.shutdown(cancel_futures=True)


def _worker(*, shared: bool = False) -> ProcessPoolExecutor:
    """One worker process for the ingest and the member pages (pandas work that this process,
    which drives the kernels, never imports). It is forked at its first job, so that job is
    submitted before any kernel or Python thread exists (from this thread, as every caller
    does). With ``shared`` (this process will render, so both import them), what both
    processes import is imported here, before the fork, once (``run.import_shared``); numpy
    and pyarrow run threads of their own, which they make safe across a fork, as a test
    process that builds has always had them."""
    import threading
    from concurrent.futures import ProcessPoolExecutor

    if shared:
        from helpers.report.run import import_shared

        import_shared()
    main = threading.current_thread() is threading.main_thread()
    return ProcessPoolExecutor(max_workers=1, initializer=_worker_started,
                               initargs=(os.getpid(), main))  # fmt: skip


def _worker_started(parent: int, from_main_thread: bool = False) -> None:
    """In the worker: Ctrl-C is the run's to handle (it stops the worker), and the worker
    ends as soon as the run's process is gone, also when that was killed with -9: at once by
    its parent-death signal (helpers.lifeline; forked from the main thread, on Linux), else
    within a fifth of a second, by watching its parent."""
    import signal
    import threading

    from helpers.lifeline import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if from_main_thread and die_with_parent(parent):
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(3)

    threading.Thread(target=watch, name="run-watch", daemon=True).start()


def _ingest_beside_the_kernels(
    per: Period,
    worker: ProcessPoolExecutor,
    kernels: Kernels,
    force: bool,
    root: Path | None,
    progress: Progress,
    accept_errors: bool,
) -> None:
    """Ingest on ``worker`` while the kernels boot and this process imports nbconvert and
    papermill (the tables are new, so the pages will be too): all three at once, and this
    process never imports the ingest's pandas stack. The worker is forked (at this, its first
    job) before any kernel or Python thread exists (``_worker``)."""
    from helpers.report.run import import_jupyter

    job = worker.submit(_ingest_quietly, per.id, force, root, accept_errors)
    kernels.want(_analysis_imports(root))
    # the ingest is the longest of the three: it gets the second core while this process
    # imports, and the kernels boot after that (they are ready by the time it is done)
    import_jupyter()
    kernels.start(kernels.size or 2)
    for line in job.result():
        progress(line)


def _say_up_to_date(
    plan: PeriodPlan, others: list[PeriodPlan], trends_plan: TrendsPlan | None, progress: Progress
) -> None:
    """The lines an unchanged rerun prints (no event loop, nothing imported)."""
    for p in (plan, *others):
        progress(f"==> {p.period}: reports/{p.period}/ is up to date (same inputs, notebooks "
                 "and code)")  # fmt: skip
    if trends_plan is not None:
        progress("==> trends: reports/trends.html is up to date")


def _plan_others(done: Period, gen: Generation, progress: Progress) -> list[PeriodPlan]:
    """Ingest every other period with a raw report (skipped when current) and plan its pages,
    so the index and the trends page cover them all. A period that fails there keeps its last
    good tables and pages, marked on the index."""
    from helpers.report.render import plan_period

    plans: list[PeriodPlan] = []
    for other in available_periods(gen.stage):
        if other == done:
            continue
        try:
            ingest_if_needed(other, root=gen.stage, progress=progress)
            plans.append(plan_period(other, skip_if_current=True, root=gen.stage))
        except UserError as exc:
            _not_updated(gen, other, exc, progress)
    return plans


def _not_updated(gen: Generation, period: Period, exc: UserError, progress: Progress) -> None:
    """Say in one line that ``period`` could not be brought up to date, and keep its last
    good output."""
    from helpers.build_many import named
    from helpers.errors import one_line

    why = one_line(exc).removeprefix(f"{period}: ")
    progress(f"    warning: {named(period, why)} (its last good pages stay, marked)")
    gen.keep_published(period.id, why)


async def _render_together(
    plan: PeriodPlan,
    others: list[PeriodPlan],
    trends_plan: TrendsPlan | None,
    kernels: Kernels,
    gen: Generation,
    progress: Progress,
) -> None:
    """The period's pages, the other periods' and the trends notebook on one pool at once.
    The period's failure stops everything; another period's is a warning (and that period
    keeps its last good output)."""
    import asyncio

    from helpers.report.render import render_planned, render_trends_planned
    from helpers.report.run import first_failure_stops

    async def other(o: PeriodPlan) -> None:
        try:
            await render_planned(o, kernels, progress)
        except UserError as exc:
            _not_updated(gen, o.period, exc, progress)

    # tasks start in this order, so the pool serves the period's notebooks first
    periods = [asyncio.ensure_future(render_planned(plan, kernels, progress)),
               *(asyncio.ensure_future(other(o)) for o in others)]  # fmt: skip

    async def ready() -> None:  # raises the period's failure: then trends writes nothing
        await asyncio.gather(*periods)

    work: list[Awaitable[Any]] = [*periods]
    if trends_plan is not None:
        work.append(render_trends_planned(trends_plan, kernels, progress, ready))
    await first_failure_stops(work)


def _linked_pages_on(worker: ProcessPoolExecutor, root: Path, progress: Progress) -> None:
    """The board briefs and the explorer made on ``worker``, which has the tables' stack
    (pandas) imported for the ingest and the member pages, once every page they read is
    final; the index then finds them up to date, and this process never imports pandas."""
    for line in worker.submit(_linked_pages_quietly, root).result():
        progress(line)


def _linked_pages_quietly(root: Path) -> list[str]:
    """`write_linked_pages` in a worker process; returns its progress lines."""
    from helpers.report.pages import write_linked_pages

    lines: list[str] = []
    write_linked_pages(root, progress=lines.append)
    return lines


def _ingest_quietly(
    period: str, force: bool, root: Path | None, accept_errors: bool = False
) -> list[str]:
    """`ingest_if_needed` in a worker process; returns its progress lines."""
    lines: list[str] = []
    ingest_if_needed(parse_period(period), force=force, root=root, progress=lines.append,
                     accept_errors=accept_errors)  # fmt: skip
    return lines


def build_all(
    *, jobs: int = 2, force: bool = False, root: Path | None = None, progress=print
) -> None:
    """Rebuild every period with a raw report, then the trends page and the index once, all
    driven from this one process: a worker process ingests the periods one after another
    (ahead of the rendering), and the notebooks of several periods at once (and then the
    trends notebook) share one pool of `jobs` kernels, reset and reused from notebook to
    notebook. A period that fails is named in one line and keeps its last good tables and
    pages, marked on the index; the others are published, and the run ends with a UserError
    naming the failed periods (exit status 2)."""
    from helpers.periods import project_root
    from helpers.provenance import git_asked_once
    from helpers.publish import generation

    started = time.perf_counter()
    base = root or project_root()
    periods = available_periods(base)
    if not periods:
        raise UserError("no period has a raw report in data/raw/: see make new-period")
    jobs = max(1, jobs)
    progress(f"==> {len(periods)} periods ({', '.join(p.id for p in periods)}), "
             f"{jobs} kernels")  # fmt: skip

    def run(gen: Generation, say: Progress) -> None:
        _build_all(periods, jobs, force, gen, say)

    gen = None
    with git_asked_once():
        if force or not _nothing_to_do(run, base, progress):
            with generation(base, progress) as gen:
                run(gen, progress)
    progress(f"==> all periods done in {time.perf_counter() - started:.1f} s")
    if gen is not None and gen.kept:
        good = len(periods) - len(gen.kept)
        raise UserError(f"not updated: {', '.join(sorted(gen.kept))} (see above); the other "
                        f"{good} period{'s' if good != 1 else ''} are published")  # fmt: skip


def _build_all(
    periods: list[Period], jobs: int, force: bool, gen: Generation, progress: Progress
) -> None:
    """`build_all` inside the new generation ``gen``."""
    from helpers.build_many import render_all
    from helpers.interrupt import run_interruptible
    from helpers.removal import prune_removed
    from helpers.report.members import build_members, publish_members
    from helpers.report.render import trends_kernels
    from helpers.report.run import import_jupyter

    root = gen.stage
    prune_removed(gen, progress)
    kernels = trends_kernels(root, size=jobs, imports=_analysis_imports(root))
    renders = force or not all(_ingest_is_current(p, ingest_fingerprint(p, root), root)
                               for p in periods)  # fmt: skip
    ingest = _worker(shared=renders)
    try:
        pending = {p: ingest.submit(_ingest_quietly, p.id, force, root) for p in periods}
        # the worker runs its jobs in order: the member pages once every period is ingested,
        # while the last periods' notebooks run
        members = ingest.submit(build_members, root)
        if renders:
            kernels.start(jobs)  # new tables mean new pages: boot while the first ingests
            import_jupyter()
        done = run_interruptible(
            render_all, pending, kernels, force=force, root=root, progress=progress
        )
        if done.failed:
            for p, why in done.failed.items():
                gen.keep_published(p.id, why)
            _after_kept(root, kernels, force, progress)
        else:
            publish_members(root, members.result(), progress=progress)
        _linked_pages_on(ingest, root, progress)
        _write_index(gen, progress)
    finally:
        ingest.shutdown(cancel_futures=True)
        kernels.close()


def _after_kept(root: Path, kernels: Kernels, force: bool, progress: Progress) -> None:
    """Once failed periods have their last good tables back: the trends page and the member
    pages made again from the tables as they now are (skipped where they match)."""
    from helpers.interrupt import run_interruptible
    from helpers.report.members import write_members
    from helpers.report.trends_page import plan_trends, render_trends_planned

    plan = plan_trends(skip_if_current=not force, root=root)
    run_interruptible(render_trends_planned, plan, kernels, progress)
    write_members(root, progress=progress)


def _write_index(gen: Generation, progress: Progress) -> None:
    """The index of the generation, marking the periods kept from the last good run."""
    from helpers.report.pages import write_index, write_not_updated

    write_not_updated(gen.stage, gen.kept)
    write_index(gen.stage, progress=progress)


def remove_period(period: str, root: Path, progress=print) -> str:
    """Move ``period``'s raw folder to ``data/removed/`` and make the pages again without it;
    returns the folder its copy is in."""
    from helpers.periods import raw_dir
    from helpers.removal import archive, published_periods

    per = parse_period(period)
    folder = raw_dir(per, root)
    published = published_periods(root)
    if not folder.exists() and per.id not in published:
        raise UserError(f"{per.id} is not a period of this project (nothing in data/raw/{per.id}/ "
                        "and no pages): nothing to remove")  # fmt: skip
    copy = archive(root, per.id)
    if folder.exists():
        os.replace(folder, copy / "raw")
    try:
        rebuild_without(per, root, progress)
    except BaseException:
        if (copy / "raw").exists() and not folder.exists():  # the pages stay: so does the report
            os.replace(copy / "raw", folder)
        shutil.rmtree(copy, ignore_errors=True)
        raise
    progress(f"==> {per.id} removed; to restore it: move {copy.relative_to(root).as_posix()}/raw "
             f"back to data/raw/{per.id} and run make report PERIOD={per.id}")  # fmt: skip
    return copy.relative_to(root).as_posix()


def rebuild_without(per: Period, root: Path, progress) -> None:
    """Make the pages again once ``per``'s raw folder is gone: the latest remaining period's
    run does it (trends, members and index with it); with none left, the index alone."""
    left = available_periods(root)
    if left:
        build_period(left[-1].id, root=root, progress=progress)
        return
    from helpers.publish import generation
    from helpers.removal import prune_removed
    from helpers.report.members import write_members
    from helpers.report.pages import write_index

    with generation(root, progress) as gen:
        prune_removed(gen, progress)
        for name in ("trends.html", "trends.ipynb", "trends.json"):
            (gen.stage / "reports" / name).unlink(missing_ok=True)
        write_members(gen.stage, progress=progress)
        write_index(gen.stage, progress=progress)
