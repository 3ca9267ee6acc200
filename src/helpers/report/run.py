"""Run a notebook in a fresh Jupyter kernel with papermill (parameter ``period``); a failing
cell becomes a one-line UserError naming the notebook and the cell."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from helpers.errors import UserError
from helpers.report.constants import FALLBACK_KERNEL, PROJECT_KERNEL
from helpers.report.notebooks import _Notebook


def _skip_slow_optional_import() -> None:
    """jsonschema (imported by nbformat) imports ``rfc3987_syntax`` when installed, to check
    the ``iri`` string format; that import builds a grammar and costs about a second. No
    notebook schema uses the format, so this process does without it."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _import_jupyter() -> None:
    """Import papermill and nbconvert once (the slow part of a report run's start)."""
    _skip_slow_optional_import()
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


def kernel_name() -> str:
    """``metropolis-workbench`` when that kernelspec is installed (``make setup``), else python3."""
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    return PROJECT_KERNEL if PROJECT_KERNEL in specs else FALLBACK_KERNEL


def _kernel_env(base: Path) -> dict[str, str]:
    """The kernel sees this ``helpers`` package and this project root."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    parts = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([src, *[p for p in parts if p != src]])
    env["METROPOLIS_ROOT"] = str(base)
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
    )


class _Kernels:
    """One fresh kernel per notebook; ``get(i)`` also starts kernel ``i + 1`` so it boots (and
    imports its notebook's modules) while notebook ``i`` runs."""

    def __init__(
        self, name: str, cwd: Path, env: dict[str, str], warm: list[tuple[str, ...]]
    ) -> None:
        self.name, self.cwd, self.env, self.warm = name, cwd, env, warm
        self.started: dict[int, Any] = {}
        self.clients: dict[int, list[Any]] = {}

    def start(self, i: int) -> None:
        if i in self.started or i >= len(self.warm):
            return
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        km = AsyncKernelManager(kernel_name=self.name)
        clients: list[Any] = []
        make_client = km.client

        def tracked_client(**kw: Any) -> Any:  # nbclient leaves its client open on our kernel
            kc = make_client(**kw)
            clients.append(kc)
            return kc

        km.client = tracked_client
        self.clients[i] = clients
        args = ["--HistoryManager.enabled=False", "--IPKernelApp.log_level=ERROR"]
        if self.warm[i]:
            args.append("--IPKernelApp.exec_lines=" + _warm_code(self.warm[i]))
        try:
            run_sync(km.start_kernel)(cwd=str(self.cwd), env=self.env, extra_arguments=args)
        except Exception as exc:
            raise UserError(f"cannot start the Jupyter kernel '{self.name}': {exc}") from exc
        self.started[i] = km

    def get(self, i: int) -> Any:
        self.start(i)
        self.start(i + 1)
        return self.started[i]

    def stop(self, i: int) -> None:
        km = self.started.pop(i, None)
        if km is None:
            return
        from jupyter_core.utils import run_sync

        for kc in self.clients.pop(i, []):
            with contextlib.suppress(Exception):
                kc.stop_channels()
        with contextlib.suppress(Exception):
            run_sync(km.shutdown_kernel)(now=True)

    def close(self) -> None:
        for i in list(self.started):
            self.stop(i)


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


def _execute(nb: _Notebook, parameters: dict[str, Any], kernel: str, km: Any, label: str) -> Any:
    """Run one notebook with papermill on a started kernel; failures become one-line UserErrors."""
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    try:
        return pm.execute_notebook(
            str(nb.path),
            None,
            parameters=parameters,
            kernel_name=kernel,
            language="python",
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            start_timeout=120,
            km=km,
        )
    except PapermillExecutionError as exc:
        where, code = _failing_line(exc.source, exc.traceback)
        number = _source_cell_number(nb, exc.cell_index)
        what = f"{exc.ename}: {_first_line(exc.evalue)}" if exc.evalue else exc.ename
        raise UserError(
            f"{nb.path.name} failed at cell {number}{where} ({code}): {what} — {label}"
        ) from exc
    except (DeadKernelError, CellTimeoutError, RuntimeError) as exc:
        raise UserError(f"{nb.path.name} could not run: {_first_line(exc)} — {label}") from exc
