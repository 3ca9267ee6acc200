"""`make report-all`'s event loop: many periods' notebooks on one kernel pool at once.

Each period waits for its ingest (done ahead in a worker process), plans its pages, and, once
one of the ``in_flight`` places is free, queues its notebooks on the pool; the pool serves
notebooks in the order they asked for a kernel, so earlier periods finish first and the
kernels never wait for a period's export or folder swap. The trends notebook joins the queue
as soon as every period is ingested (all its tables are there) and its page is written after
the last period's. A period that fails is named and the others go on; any other failure
(a bug, a full disk, Ctrl-C) cancels everything still running or queued.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from helpers.errors import UserError, one_line
from helpers.periods import Period
from helpers.report.constants import Progress
from helpers.report.period import Rendered, plan_period, render_planned
from helpers.report.run import Kernels, first_failure_stops
from helpers.report.trends_page import plan_trends, render_trends_planned


def in_flight(jobs: int) -> int:
    """Periods rendered at once on ``jobs`` kernels: enough queued notebooks that a kernel
    freed by one period finds the next one's, few enough that periods finish in order."""
    return jobs + 1


def named(period: Period, message: str) -> str:
    """``message`` led by its period once (an ingest's own message already names it)."""
    return message if message.startswith(f"{period}:") else f"{period}: {message}"


@dataclass
class AllRendered:
    """What ``render_all`` did: the pages rendered, and the periods that failed (period →
    the one-line reason); the trends page is None when a period failed (it is made again
    once the failed periods' last good tables are back)."""

    periods: list[Rendered] = field(default_factory=list)
    failed: dict[Period, str] = field(default_factory=dict)
    trends: Rendered | None = None


async def render_all(
    pending: Mapping[Period, Future[list[str]]],
    kernels: Kernels,
    *,
    force: bool = False,
    root: Path | None = None,
    progress: Progress = print,
) -> AllRendered:
    """Render every period of ``pending`` (period → its ingest's future, whose result is the
    ingest's progress lines), then the trends page, on ``kernels``. A period that fails is
    named in one line and the others go on; the trends page is rendered only when every
    period succeeded."""
    periods = list(pending)
    places = asyncio.Semaphore(in_flight(kernels.size or 2))
    periods_done = asyncio.Event()
    out = AllRendered()

    async def one(p: Period) -> None:
        def say(line: str) -> None:
            progress(f"[{p}] {line}")

        try:
            for line in await asyncio.wrap_future(pending[p]):
                say(line)
            plan = plan_period(p, skip_if_current=not force, root=root)
            async with places:
                out.periods.append(await render_planned(plan, kernels, say))
        except UserError as exc:
            out.failed[p] = one_line(exc).removeprefix(f"{p}: ")
            progress(f"error: {named(p, out.failed[p])}")

    async def trends() -> Rendered:
        # queued for a kernel as soon as every table is there, so it runs beside the periods'
        # notebooks instead of after them
        ingests = [asyncio.wrap_future(f) for f in pending.values()]
        if any(isinstance(r, BaseException)
               for r in await asyncio.gather(*ingests, return_exceptions=True)):  # fmt: skip
            await asyncio.Event().wait()  # until cancelled: a period failed
        plan = plan_trends(skip_if_current=not force, root=root)
        return await render_trends_planned(plan, kernels, progress, periods_done.wait)

    page = asyncio.ensure_future(trends())
    try:
        await first_failure_stops([one(p) for p in periods])  # a UserError is not a failure
        if not out.failed:
            periods_done.set()
            out.trends = await page
    finally:
        if not page.done():
            page.cancel()
            await asyncio.gather(page, return_exceptions=True)
    return out
