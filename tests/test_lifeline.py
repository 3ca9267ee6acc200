"""helpers.lifeline: a run's kernels and worker get a parent-death signal, so they end with the
run's process (also when it is killed with -9) instead of polling for it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from helpers.lifeline import child_setup, parent_death_signal
from tests.conftest import ROOT

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")

PROBE = """import json, os
from helpers.lifeline import parent_death_signal
print(json.dumps([parent_death_signal(), os.getppid()]))
"""


# a run's process: a pool started from its main thread, its kernel asked to run PROBE
RUN = """import json, os, sys
from pathlib import Path
from jupyter_core.utils import run_sync
from helpers.report.run import Kernels, _kernel_env, kernel_name
folder = Path(sys.argv[1])
kernels = Kernels(kernel_name(), folder, _kernel_env(folder), size=1)
out = []

async def probe(km):
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=300)
    hook = lambda msg: out.append(msg["content"].get("text") or "")
    await kc.execute_interactive(sys.argv[2], output_hook=hook, timeout=300)
    kc.stop_channels()

try:
    kernels.start(1)
    run_sync(probe)(kernels.idle[0])
finally:
    kernels.close()
print(json.dumps([os.getpid(), json.loads("".join(out))]))
"""


@linux
@pytest.mark.slow
def test_a_pool_kernel_is_killed_when_the_run_ends(tmp_path):
    """In a process of its own, as a run is (the test process's state is not a run's)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", RUN, str(tmp_path), PROBE], env=env, text=True,
                          capture_output=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    run, (death_signal, parent) = json.loads(done.stdout.splitlines()[-1])
    # SIGKILL when the run's process (its parent, which started it from the main thread) ends
    assert (death_signal, parent) == (signal.SIGKILL, run)


@linux
def test_the_worker_is_killed_when_the_run_ends():
    from helpers.build import _worker

    worker = _worker()
    try:
        assert worker.submit(parent_death_signal).result() == signal.SIGKILL
    finally:
        worker.shutdown()


def test_no_signal_is_set_from_a_thread_that_may_end_first():
    """The signal goes when the thread that started the child ends (prctl(2)): only the
    main thread, which lasts as long as the process, sets it."""
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.append(child_setup()))
    thread.start()
    thread.join()
    assert found == [None]
