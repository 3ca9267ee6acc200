"""A run's kernels and worker end the moment the run's process does, also when it is killed
with -9: on Linux each is given a parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``,
set in the child before it runs anything), so the kernel of the operating system kills it as
its parent goes. Without it they notice by polling: ipykernel's parent poller looks once a
second and only once the kernel has booted, and a kernel still booting (importing what its
notebook imports) goes on for seconds. Elsewhere, or from a thread other than the main one,
nothing is set and the polling stays the only way.

The signal is sent when the *thread* that started the child ends (prctl(2)), so it is set only
for children started from the main thread, which lives as long as the process."""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
PR_GET_PDEATHSIG = 2


@functools.cache
def _prctl() -> Any:
    """libc's ``prctl``, looked up in this process (never in a child between fork and exec),
    or None off Linux."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _die_with(parent: int, prctl: Any) -> bool:
    """In a child of ``parent``: be killed when it ends (True if the signal was set); if it
    already ended before the signal was set (the child was adopted), end now."""
    if prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:
        os._exit(1)
    return True


def child_setup() -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess.Popen`` (jupyter_client's ``start_kernel`` passes its
    keyword arguments to Popen) that gives the child its parent-death signal; None where it
    cannot be set (not Linux, or not called from the main thread)."""
    prctl = _prctl()
    if prctl is None or threading.current_thread() is not threading.main_thread():
        return None
    return functools.partial(_die_with, os.getpid(), prctl)


def die_with_parent(parent: int) -> bool:
    """Called in a forked child of ``parent`` (e.g. a process pool's initializer), forked from
    its main thread: the parent-death signal, as :func:`child_setup` sets it. False where it
    cannot be set."""
    prctl = _prctl()
    return prctl is not None and _die_with(parent, prctl)


def parent_death_signal() -> int:
    """This process's parent-death signal (0: none), for the tests."""
    prctl = _prctl()
    if prctl is None:
        return 0
    value = ctypes.c_int(0)
    prctl(PR_GET_PDEATHSIG, ctypes.byref(value), 0, 0, 0)
    return value.value
