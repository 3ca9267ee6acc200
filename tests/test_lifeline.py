"""helpers.lifeline: a run's kernels and worker get a parent-death signal, so they end with the
run's process (also when it is killed with -9) instead of polling for it."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading

import nbformat
import pytest

from helpers.lifeline import child_setup, parent_death_signal

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")

PROBE = """import json, os
from helpers.lifeline import parent_death_signal
print(json.dumps([parent_death_signal(), os.getppid()]))
"""


@linux
@pytest.mark.slow
def test_a_pool_kernel_is_killed_when_the_run_ends(tmp_path):
    from helpers.report.notebooks import _read_notebooks
    from helpers.report.run import Kernels, _kernel_env, kernel_name, run_notebooks

    params = nbformat.v4.new_code_cell('period = "2000-T1"')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# probe"), params, nbformat.v4.new_code_cell(PROBE)]
    nbformat.write(nb, tmp_path / "probe.ipynb")
    kernels = Kernels(kernel_name(), tmp_path, _kernel_env(tmp_path), size=1)
    try:
        (executed,) = run_notebooks(
            [(_read_notebooks(tmp_path, ["probe"])[0], {"period": "2022-T1"})], kernels, "x"
        )
    finally:
        kernels.close()
    # SIGKILL when this process (its parent, which started it from the main thread) ends
    assert json.loads(executed.cells[-1].outputs[0]["text"]) == [signal.SIGKILL, os.getpid()]


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
