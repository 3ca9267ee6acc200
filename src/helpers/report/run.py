"""Run notebooks on a pool of Jupyter kernels, several at once: papermill puts the parameters
in (``execute_notebook(..., prepare_only=True)``), nbclient executes. A failing cell becomes a one-line UserError
naming the notebook and the cell.

Each notebook gets its own kernel (no state leaks between notebooks). Kernels are started
before they are needed and import what their notebook imports while they wait, and the
notebooks of a run execute concurrently, one kernel process each, so both cores work.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import os
import re
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from helpers.errors import FULL_TRACEBACKS_ENV, UserError
from helpers.lifeline import child_setup
from helpers.report.constants import FALLBACK_KERNEL, PROJECT_KERNEL
from helpers.report.notebooks import _Notebook

T = TypeVar("T")


def import_jupyter() -> None:
    """Import nbclient, papermill and nbconvert once (the slow part of a report run's start)."""
    import nbclient  # noqa: F401
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


# Imported both by this process (papermill's file handlers import pyarrow.fs, nbconvert jinja2,
# jupyter_client dateutil) and by the build's worker (pandas imports pyarrow and dateutil, the
# pages' templates jinja2): imported before the worker is forked, they are imported once, not
# once in each process (about a quarter of a CPU-second a run).
SHARED_IMPORTS = ("pyarrow.fs", "jinja2", "dateutil.parser")


def import_shared() -> None:
    """Import ``SHARED_IMPORTS``: the build's worker factory (``helpers.build._worker``) calls
    it before the worker is forked, when the tables are to be made again (both processes then
    import them)."""
    import importlib

    for name in SHARED_IMPORTS:
        importlib.import_module(name)


def kernel_name() -> str:
    """``metropolis-workbench`` when that kernelspec is installed (``make setup``), else python3.

    Looked up in Jupyter's kernel folders (``jupyter_core.paths.jupyter_path``, where
    jupyter_client's KernelSpecManager looks too) without importing jupyter_client, so an
    up-to-date ``make report`` stays fast."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("kernels"):
        if (Path(folder) / PROJECT_KERNEL / "kernel.json").is_file():
            return PROJECT_KERNEL
    return FALLBACK_KERNEL


def _kernel_env(base: Path) -> dict[str, str]:
    """The kernel sees this ``helpers`` package and this project root."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    parts = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([src, *[p for p in parts if p != src]])
    env["METROPOLIS_ROOT"] = str(base)
    env[FULL_TRACEBACKS_ENV] = "1"  # a UserError keeps its traceback: the failure names its line
    return env


def _warm_code(modules: Sequence[str]) -> str:
    """Startup code importing ``modules`` without leaving a name in the user namespace."""
    names = ", ".join(repr(m) for m in modules if re.fullmatch(r"[\w.]+", m))
    return (
        "import importlib as _w\n"
        f"for _m in ({names},):\n"
        "    try:\n"
        "        _w.import_module(_m)\n"
        "    except Exception:\n"
        "        pass\n"
        "del _w, _m\n"
        # what was imported stays for the kernel's life: the garbage collector need not scan it
        # again at each collection (every notebook's reset collects)
        "import gc as _g\n"
        "_g.collect()\n"
        "_g.freeze()\n"
        "del _g\n"
    )


# imported by helpers.show.display only when a notebook shows its first figure: a booting kernel
# imports them while it waits for the ingest, not during the notebook
FIGURE_IMPORTS = ("matplotlib.backends.backend_agg", "PIL.PngImagePlugin")
# a notebook that imports one of these (or a module in it) may show a figure; one that imports
# none shows none, and its kernel is spared FIGURE_IMPORTS (about a third of a second of CPU)
FIGURE_SHOWERS = ("helpers.show", "matplotlib", "seaborn")


def _warmed(imports: Sequence[str]) -> list[str]:
    """What a kernel imports while it boots: ``imports``, and ``FIGURE_IMPORTS`` when one of
    them may show a figure."""
    shows = any(m == s or m.startswith(f"{s}.") for m in imports for s in FIGURE_SHOWERS)
    return [*imports, *FIGURE_IMPORTS] if shows else list(imports)


@functools.cache
def _client_class() -> type:
    """The kernel client the pool's kernel managers make (their ``client_factory`` setting):
    jupyter_client's AsyncKernelClient without the heartbeat channel.

    A report never needs the heartbeat (nbclient notices a dead kernel from its process), and
    it can hang a run: when a kernel's heartbeat port was taken by another process between
    jupyter_client choosing it and the kernel binding it ("Address already in use"), the
    channel's thread waits forever to send its first ping, and ``stop_channels`` waits
    forever for that thread. Checked on jupyter_client 8.10.0; tests/report/test_run.py."""
    from jupyter_client.asynchronous import AsyncKernelClient

    class ReportKernelClient(AsyncKernelClient):
        def start_channels(
            self,
            shell: bool = True,
            iopub: bool = True,
            stdin: bool = True,
            hb: bool = False,
            control: bool = True,
        ) -> None:
            """Every channel but the heartbeat (``hb`` is ignored)."""
            super().start_channels(shell=shell, iopub=iopub, stdin=stdin, hb=False,
                                   control=control)  # fmt: skip

    return ReportKernelClient


RESET = """\
get_ipython().run_line_magic("reset", "-f")
import sys as _s
if "matplotlib.pyplot" in _s.modules:
    _s.modules["matplotlib.pyplot"].close("all")
del _s
get_ipython().execution_count = 1
"""  # a reused kernel: the next notebook sees no name, figure or cell number of the last one


SOCKETS_PREFIX = "metropolis-kernels-"  # + the pid of the run whose pool it is


def clear_stale_sockets(folder: Path | None = None) -> list[Path]:
    """Remove the socket folders of runs that are gone (killed with -9: their pool never
    closed) from the temporary folder; returns what it removed."""
    removed = []
    for path in Path(folder or tempfile.gettempdir()).glob(f"{SOCKETS_PREFIX}*-*"):
        pid = path.name[len(SOCKETS_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or not path.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
        except (PermissionError, OverflowError):
            continue  # another user's run, alive
    return removed


class Kernels:
    """A pool of Jupyter kernels. ``start(n)`` launches kernels ahead of use (they boot, and
    import what the notebooks import, in the background); a run ``acquire()``s one and
    ``release()``s it: a kernel whose notebook ran to the end is reset (``RESET``) and reused,
    any other is shut down. At most ``size`` kernels exist at once (None: no limit).
    ``ahead`` more are launched with the first ``start`` (the trends page's, after a
    period's). ``name`` None means the project kernel (``kernel_name()``), looked up at the
    first start, so a pool that starts nothing costs nothing. ``close()`` shuts all down."""

    def __init__(
        self,
        name: str | None,
        cwd: Path,
        env: dict[str, str],
        *,
        size: int | None = None,
        ahead: int = 0,
        imports: Sequence[str] = (),
    ) -> None:
        self.name, self.cwd, self.env = name, cwd, env
        self.size, self.ahead = size, ahead
        self.imports = list(dict.fromkeys(imports))
        self.idle: list[Any] = []
        self.count = 0  # kernels alive: idle or running a notebook
        self.launched = 0
        self._freed: asyncio.Condition | None = None
        self._sockets: str | None = None

    def _address(self) -> str:
        """A new kernel's socket files: the ``ipc`` transport in a folder of the pool's own
        (``<folder>/k<n>-<channel>``). With ``tcp``, each kernel is given ports that were
        free a moment before it binds them, and a kernel started by another run at the same
        time can take one first: that kernel dies before it replies ("Kernel died before
        replying to kernel_info"). A file path is the pool's alone."""
        if self._sockets is None:
            clear_stale_sockets()
            self._sockets = tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-")
        self.launched += 1
        return os.path.join(self._sockets, f"k{self.launched}")

    def want(self, imports: Sequence[str]) -> None:
        """Kernels launched from now on also import ``imports`` while they boot."""
        self.imports = list(dict.fromkeys([*self.imports, *imports]))

    def start(self, n: int = 1) -> None:
        """Launch ``n`` kernels now (within ``size``), and the ``ahead`` ones the first time."""
        from jupyter_core.utils import run_sync

        run_sync(self.launch)(n)

    async def launch(self, n: int = 1) -> None:
        """``start`` for a caller already in the event loop."""
        n, self.ahead = n + self.ahead, 0
        for _ in range(n):
            if self.size is not None and self.count >= self.size:
                break
            self.idle.append(await self._launch())

    async def _launch(self) -> Any:
        from jupyter_client.manager import AsyncKernelManager

        if self.name is None:
            self.name = kernel_name()
        km = AsyncKernelManager(kernel_name=self.name, client_factory=_client_class(),
                                transport="ipc", ip=self._address())  # fmt: skip
        args = ["--HistoryManager.enabled=False", "--IPKernelApp.log_level=ERROR"]
        if self.imports:
            args.append("--IPKernelApp.exec_lines=" + _warm_code(_warmed(self.imports)))
        self.count += 1
        # start_kernel hands its other keyword arguments on to Popen (jupyter_client's
        # launch_kernel): the kernel dies with this process (helpers.lifeline), not seconds after
        setup = child_setup()
        launch = {"preexec_fn": setup} if setup is not None else {}
        try:
            await km.start_kernel(cwd=str(self.cwd), env=self.env, extra_arguments=args,
                                  **launch)  # fmt: skip
        except BaseException as exc:  # a failure, or a cancel while the kernel was starting
            self.count -= 1
            with contextlib.suppress(Exception):
                await asyncio.shield(km.shutdown_kernel(now=True))  # not left running
            if isinstance(exc, Exception):
                raise UserError(f"cannot start the Jupyter kernel '{self.name}': {exc}") from exc
            raise
        return km

    async def acquire(self) -> Any:
        """An idle kernel, a new one if the pool may grow, else the next one released."""
        if self._freed is None:
            self._freed = asyncio.Condition()
        async with self._freed:
            while not self.idle and self.size is not None and self.count >= self.size:
                await self._freed.wait()
            if self.idle:
                return self.idle.pop(0)
        return await self._launch()

    async def release(self, km: Any, *, reuse: bool) -> None:
        """Keep ``km`` for the next notebook (``reuse``: its notebook ran to the end and it was
        reset, see ``reset``), or shut it down."""
        try:
            if not reuse:
                with contextlib.suppress(Exception):
                    await km.shutdown_kernel(now=True)
                self.count -= 1
                self._tidy()
        finally:
            if self._freed is None:
                self._freed = asyncio.Condition()
            async with self._freed:
                if reuse:
                    self.idle.append(km)
                self._freed.notify()

    @staticmethod
    async def reset(kc: Any) -> bool:
        """Run ``RESET`` through the notebook's own kernel client ``kc`` (still connected: one
        round trip, no new channels to open and wait for); True if it worked."""
        try:
            reply = await kc.execute_interactive(
                RESET, silent=True, store_history=False, timeout=60
            )
            return reply["content"]["status"] == "ok"
        except Exception:
            return False

    def close(self) -> None:
        """Shut every idle kernel down, all at once."""
        from jupyter_core.utils import run_sync

        async def shutdown(kms: list[Any]) -> None:
            await asyncio.gather(*(km.shutdown_kernel(now=True) for km in kms),
                                 return_exceptions=True)  # fmt: skip

        if self.idle:
            run_sync(shutdown)(list(self.idle))
        self.count -= len(self.idle)
        self.idle.clear()
        self._tidy()

    def _tidy(self) -> None:
        """Remove the socket folder once no kernel of the pool is left."""
        if self.count == 0 and self._sockets is not None:
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None


def _first_line(text: object, limit: int = 160) -> str:
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _failing_line(source: str, traceback: Sequence[str]) -> tuple[str, str]:
    """(", line N" or "", the code on that line) of a failed cell, from the kernel traceback
    (IPython names the cell's frame ``Cell In[7], line 3``)."""
    lines = source.splitlines()
    m = re.search(r"Cell In\[\d*\], line (\d+)", _ANSI.sub("", "\n".join(traceback or [])))
    if m and 0 < int(m.group(1)) <= len(lines):
        n = int(m.group(1))
        return f", line {n}", _first_line(lines[n - 1], 70)
    return "", _first_line(source, 70)


def _source_cell_number(nb: _Notebook, index: int, executed: Any = None) -> int:
    """1-based position in the source notebook of executed cell ``index``: papermill inserts
    an injected-parameters cell after the parameters cell, so later positions shift by one."""
    if executed is not None:
        shift = sum(
            1
            for c in executed.cells[:index]
            if "injected-parameters" in c.get("metadata", {}).get("tags", [])
        )
        return index + 1 - shift
    return index + 1 if index <= nb.parameters_index else index


def _failed_cell(executed: Any) -> int:
    """0-based index of the cell whose output is the error (the last one, if several); with no
    error output (a custom exception handler shows none), the last cell that ran."""
    found: int | None = None
    ran = 0
    for index, cell in enumerate(executed.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            found = index
        if cell.get("execution_count") is not None:
            ran = index
    return ran if found is None else found


async def execute(
    nb: _Notebook,
    parameters: dict[str, Any],
    kernel: str,
    km: Any,
    label: str,
    after: Callable[[Any], Awaitable[None]] | None = None,
) -> Any:
    """Run one notebook on the started kernel ``km`` (left running for the pool); return the
    executed notebook. Failures become one-line UserErrors (``label`` says what was kept).
    ``after(kc)`` is awaited with the notebook's kernel client once its last cell ran."""
    import papermill as pm
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    # papermill's public entry point, preparing only: the parameters go in, nothing runs yet
    source = pm.execute_notebook(
        str(nb.path),
        None,
        parameters=parameters,
        prepare_only=True,
        kernel_name=kernel,
        language="python",
        progress_bar=False,
    )
    client = NotebookClient(
        source,
        km=km,
        kernel_name=kernel,
        timeout=None,
        startup_timeout=120,
        resources={"metadata": {"path": str(nb.path.parent)}},
    )
    try:
        await client.async_execute(cleanup_kc=False)  # the kernel goes back to the pool
        if after is not None:
            await after(client.kc)
    except CellExecutionError as exc:
        index = _failed_cell(source)
        cell = source.cells[index]
        where, code = _failing_line(cell.source, [str(exc.traceback or "")])
        number = _source_cell_number(nb, index, source)
        what = f"{exc.ename}: {_first_line(exc.evalue)}" if exc.evalue else exc.ename
        raise UserError(
            f"{nb.path.name} failed at cell {number}{where} ({code}): {what} — {label}"
        ) from exc
    except (DeadKernelError, CellTimeoutError, RuntimeError) as exc:
        raise UserError(f"{nb.path.name} could not run: {_first_line(exc)} — {label}") from exc
    finally:
        if client.kc is not None:  # nbclient leaves the client of a kernel it does not own
            client.kc.stop_channels()
    return source


async def first_failure_stops(coros: Sequence[Awaitable[T]]) -> list[T]:
    """Await ``coros`` concurrently; the first to fail cancels the others (their ``finally``
    blocks run: kernels shut down, temporary folders removed) and its exception is raised.
    Returns the results in ``coros`` order."""
    tasks = [asyncio.ensure_future(c) for c in coros]
    if not tasks:
        return []
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:  # also when this coroutine itself is cancelled
        failed = [t for t in tasks if t.done() and not t.cancelled() and t.exception()]
        pending = [t for t in tasks if not t.done()]
        for t in pending:
            t.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
    if failed:
        raise failed[0].exception()  # type: ignore[misc]
    return [t.result() for t in tasks]


Done = Callable[[_Notebook, Any], "Awaitable[None] | None"]


async def run_notebooks_async(
    jobs: Sequence[tuple[_Notebook, dict[str, Any]]],
    kernels: Kernels,
    label: str,
    done: Done | None = None,
) -> list[Any]:
    """``run_notebooks`` for a caller already in the event loop, so that the notebooks of
    several periods can share one pool: each job waits for a kernel of ``kernels`` (in the
    order asked), and ``done(nb, executed)`` (a function or a coroutine function) is awaited
    as each one finishes. The first failure stops the rest of ``jobs``."""
    for nb, _ in jobs:
        kernels.want(nb.imports)

    async def one(nb: _Notebook, parameters: dict[str, Any]) -> Any:
        km = await kernels.acquire()
        ok = False

        async def reset(kc: Any) -> None:
            nonlocal ok
            ok = await kernels.reset(kc)

        try:
            executed = await execute(nb, parameters, kernels.name or "", km, label, reset)
        finally:  # a failed, cancelled or unreset notebook's kernel is shut down, not reused
            await kernels.release(km, reuse=ok)
        if done is not None:
            result = done(nb, executed)
            if inspect.isawaitable(result):
                await result
        return executed

    return await first_failure_stops([one(*job) for job in jobs])


def run_notebooks(
    jobs: Sequence[tuple[_Notebook, dict[str, Any]]],
    kernels: Kernels,
    label: str,
    done: Done | None = None,
) -> list[Any]:
    """Execute every ``(notebook, parameters)`` of ``jobs`` concurrently, each on a kernel of
    the pool ``kernels`` (as many at once as it allows). ``done(nb, executed)`` is called as
    each one finishes. Returns the executed notebooks in ``jobs`` order."""
    from jupyter_core.utils import run_sync

    return run_sync(run_notebooks_async)(jobs, kernels, label, done)
