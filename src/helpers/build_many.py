"""`make report-all`'s event loop: many periods' notebooks on one kernel pool at once.

Each period waits for its ingest (done ahead in a worker process), plans its pages, and, once
one of the ``in_flight`` places is free, queues its notebooks on the pool; the pool serves
notebooks in the order they asked for a kernel, so earlier periods finish first and the
kernels never wait for a period's export or folder swap. The trends notebook joins the queue
as soon as every period is ingested (all its tables are there) and its page is written after
the last period's. The first failure cancels everything still running or queued.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from concurrent.futures import Future
from pathlib import Path

from helpers.errors import UserError
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


async def render_all(
    pending: Mapping[Period, Future[list[str]]],
    kernels: Kernels,
    *,
    force: bool = False,
    root: Path | None = None,
    progress: Progress = print,
) -> list[Rendered]:
    """Render every period of ``pending`` (period → its ingest's future, whose result is the
    ingest's progress lines), then the trends page, on ``kernels``. Raises the first failure
    as one line naming the period; periods already swapped into place stay."""
    periods = list(pending)
    places = asyncio.Semaphore(in_flight(kernels.size or 2))
    periods_done = asyncio.Event()

    async def one(p: Period) -> Rendered:
        def say(line: str) -> None:
            progress(f"[{p}] {line}")

        try:
            for line in await asyncio.wrap_future(pending[p]):
                say(line)
            plan = plan_period(p, skip_if_current=not force, root=root)
            async with places:
                return await render_planned(plan, kernels, say)
        except UserError as exc:
            raise UserError(named(p, str(exc))) from exc

    async def all_periods() -> list[Rendered]:
        done = await first_failure_stops([one(p) for p in periods])
        periods_done.set()  # only when every period succeeded: else trends writes nothing
        return done

    async def trends() -> Rendered:
        # queued for a kernel as soon as every table is there, so it runs beside the periods'
        # notebooks instead of after them
        ingests = [asyncio.wrap_future(f) for f in pending.values()]
        if any(isinstance(r, BaseException)
               for r in await asyncio.gather(*ingests, return_exceptions=True)):  # fmt: skip
            await asyncio.Event().wait()  # until cancelled: that period's failure is reported
        plan = plan_trends(skip_if_current=not force, root=root)
        return await render_trends_planned(plan, kernels, progress, periods_done.wait)

    done, page = await first_failure_stops([all_periods(), trends()])
    return [*done, page]
