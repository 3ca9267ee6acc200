"""Ctrl-C during a run is one line, and every part of the run cleans up after itself.

The command line runs ``report``, ``report-all`` and ``ingest`` inside :func:`ctrl_c_stops`:
SIGINT is blocked in every thread (and in the kernels and the worker the run starts) and is
taken by one watcher thread with ``signal.sigwait``. A Ctrl-C then cancels the task the run's
event loop is driving (:func:`run_interruptible`): running notebooks stop, their kernels are
shut down, temporary folders are removed, and KeyboardInterrupt is raised. Outside the event
loop (reading a report) it interrupts the main thread once it is back in Python code.

This is needed because nbclient installs its own SIGINT handler on the event loop for each
notebook it runs (it shuts that notebook's kernel down, and the run then fails with "Kernel
died"), and removes it when the notebook ends, which removes any handler of ours too. A
blocked signal reaches no handler: only the watcher sees it (tests/e2e/test_interrupt.py).
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import threading
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_run: dict[str, Any] = {"loop": None, "task": None, "hit": False, "on": False, "late": False}
_deciding = threading.Lock()  # a Ctrl-C and the publishing step are ordered: one comes first


def _on_ctrl_c() -> bool:
    """What the watcher does with a Ctrl-C: stop the run (True), unless the run is already
    publishing (False: it finishes and says what it published)."""
    with _deciding:
        if _run["late"]:
            return False
        _run["hit"] = True
        loop, task = _run["loop"], _run["task"]
        if loop is not None and task is not None:
            loop.call_soon_threadsafe(task.cancel)
        else:
            _thread.interrupt_main()
        return True


@contextlib.contextmanager
def publishing() -> Iterator[None]:
    """The step that publishes a run's output. A Ctrl-C that came before it stops the run
    here (KeyboardInterrupt: nothing is published, as the message says); one that comes once
    it has begun is let go, and the run ends as if it had not been pressed, so the message
    never says "unchanged" of a run that published. A Ctrl-C is taken or let go under one
    lock, so no press falls between the check and the step."""
    with _deciding:
        if _run["hit"]:
            raise KeyboardInterrupt
        if _run["on"]:
            _run["late"] = True
    yield


@contextlib.contextmanager
def ctrl_c_stops() -> Iterator[None]:
    """Within the block, Ctrl-C (SIGINT) stops the run cleanly (see the module docstring).
    Does nothing outside the main thread, when other threads already run (the command line
    has none; a test runner's would see the signal) or where ``signal.sigwait`` is missing."""
    if (threading.current_thread() is not threading.main_thread()
            or threading.active_count() > 1  # a thread of another tool could take the signal
            or not hasattr(signal, "sigwait")):  # fmt: skip
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    done = threading.Event()

    def watch() -> None:
        while True:
            signal.sigwait({signal.SIGINT})
            if done.is_set():
                return
            _on_ctrl_c()

    watcher = threading.Thread(target=watch, name="ctrl-c", daemon=True)
    watcher.start()
    _run.update(on=True, hit=False, late=False)
    try:
        yield
    finally:
        _run.update(on=False, late=False)
        done.set()
        if watcher.ident is not None:  # wakes the watcher (and only it), which now returns
            signal.pthread_kill(watcher.ident, signal.SIGINT)
        watcher.join()
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        if _run["hit"]:
            _run["hit"] = False
            raise KeyboardInterrupt


def run_interruptible(fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
    """``jupyter_core``'s ``run_sync(fn)(*args, **kwargs)``; inside :func:`ctrl_c_stops`, a
    Ctrl-C cancels the task (its cleanup runs) and KeyboardInterrupt is raised."""
    import asyncio  # here: a command that is refused at once (a wrong period) never imports it

    from jupyter_core.utils import run_sync

    async def main() -> T:
        _run.update(loop=asyncio.get_running_loop(), task=asyncio.current_task())
        try:
            return await fn(*args, **kwargs)
        except asyncio.CancelledError:
            if _run["hit"]:
                raise KeyboardInterrupt from None
            raise
        finally:
            _run.update(loop=None, task=None)

    return run_sync(main)()
