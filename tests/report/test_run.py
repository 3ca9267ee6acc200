"""helpers.report.run: notebooks run concurrently, each on a kernel of a pool; a kernel is
reset before it is reused (no name or cell number leaks into the next notebook), a kernel
whose notebook failed is shut down, and closing the pool stops every kernel."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import nbformat
import pytest

from helpers.errors import UserError
from helpers.report.notebooks import _read_notebooks
from helpers.report.run import Kernels, _kernel_env, kernel_name, run_notebooks


def _write(folder: Path, name: str, body: str) -> None:
    params = nbformat.v4.new_code_cell('period = "2000-T1"')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), params, nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, folder / f"{name}.ipynb")


# Each notebook marks that it started, then waits for the other one's mark: each sees the
# other's only if both ran at once, however slowly their kernels start (the wait ends after ten
# minutes only so that notebooks run one after the other fail instead of hanging)
BODY = """import json, os, time
from pathlib import Path
marks = Path({marks!r})
(marks / {name!r}).touch()
for _ in range(6000):
    saw = sorted(p.name for p in marks.iterdir() if p.name != {name!r})
    if saw:
        break
    time.sleep(0.1)
print(json.dumps({{"pid": os.getpid(), "period": period, "saw": saw}}))
"""


def _printed(executed) -> dict:
    return json.loads(executed.cells[-1].outputs[0]["text"])


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
def test_notebooks_run_at_once_in_their_own_kernels_stopped_when_the_pool_closes(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    for name in ("a", "b"):
        _write(tmp_path, name, BODY.format(marks=str(marks), name=name))
    runs = _read_notebooks(tmp_path, ["a", "b"])
    kernels = Kernels(kernel_name(), tmp_path, _kernel_env(tmp_path))
    finished: list[str] = []
    executed = run_notebooks(
        [(nb, {"period": "2022-T1"}) for nb in runs],
        kernels,
        "nothing changed",
        lambda nb, ex: finished.append(nb.name),
    )
    a, b = (_printed(e) for e in executed)
    assert a["period"] == b["period"] == "2022-T1"  # the parameter went in (papermill)
    assert a["pid"] != b["pid"]  # one kernel each
    assert (a["saw"], b["saw"]) == (["b"], ["a"])  # each ran while the other had started
    assert sorted(finished) == ["a", "b"]
    assert len(kernels.idle) == 2 and kernels.count == 2  # kept for reuse until closed
    # each kernel talks over socket files in the pool's own folder (no TCP port to lose to
    # a kernel of another run starting at the same time), which goes with the last kernel
    folder = Path(kernels._sockets)
    assert {km.transport for km in kernels.idle} == {"ipc"}
    assert all(Path(km.ip).parent == folder for km in kernels.idle)
    kernels.close()
    assert kernels.count == 0 and not folder.exists()
    assert _gone(a["pid"]) and _gone(b["pid"])  # shut down, not left running


LEAK = """import os
leak = "from the first notebook"
print(os.getpid())
"""
PROBE = """import os
print(os.getpid(), "leak" in globals(), period)
"""


@pytest.mark.slow
def test_a_reused_kernel_is_reset_between_notebooks(tmp_path):
    _write(tmp_path, "first", LEAK)
    _write(tmp_path, "second", PROBE)
    runs = _read_notebooks(tmp_path, ["first", "second"])
    kernels = Kernels(kernel_name(), tmp_path, _kernel_env(tmp_path), size=1)
    try:
        first, second = run_notebooks(
            [(runs[0], {"period": "2022-T1"}), (runs[1], {"period": "2022-T2"})], kernels, "x"
        )
    finally:
        kernels.close()
    pid = first.cells[-1].outputs[0]["text"].strip()
    assert second.cells[-1].outputs[0]["text"].split() == [pid, "False", "2022-T2"]
    counts = [
        [c.execution_count for c in nb.cells if c.cell_type == "code"] for nb in (first, second)
    ]
    assert counts[0] == counts[1] == [1, 2, 3]  # numbered as in a fresh kernel


@pytest.mark.slow
def test_the_pools_kernel_clients_run_no_heartbeat_thread(tmp_path):
    """helpers.report.run._client_class: the heartbeat channel could hang a run (see there);
    the other channels work."""
    _write(tmp_path, "probe", PROBE)
    runs = _read_notebooks(tmp_path, ["probe"])
    kernels = Kernels(kernel_name(), tmp_path, _kernel_env(tmp_path), size=1)
    try:
        (executed,) = run_notebooks([(runs[0], {"period": "2022-T1"})], kernels, "x")
        kc = kernels.idle[0].client()
        kc.start_channels()
        try:
            assert kc.shell_channel.is_alive() and kc.iopub_channel.is_alive()
            assert not kc.hb_channel.is_alive()
        finally:
            kc.stop_channels()
    finally:
        kernels.close()
    assert executed.cells[-1].outputs[0]["text"].split()[1:] == ["False", "2022-T1"]


@pytest.mark.slow
def test_a_failing_cell_is_one_line_and_its_kernel_is_shut_down(tmp_path):
    # "ok" is still running when "bad" fails, however slowly the kernels start (a notebook
    # that had already finished would rightly leave its reset kernel idle in the pool): "bad"
    # fails only once "ok" has started, and "ok" sleeps until it is cancelled
    started = tmp_path / "ok.started"
    _write(tmp_path, "ok", f"from pathlib import Path\nPath({str(started)!r}).touch()\n"
                           "import time\ntime.sleep(600)\n")  # fmt: skip
    _write(tmp_path, "bad", f"import time\nfrom pathlib import Path\n"
                            f"while not Path({str(started)!r}).exists(): time.sleep(0.05)\n"
                            "1 / 0\n")  # fmt: skip
    runs = _read_notebooks(tmp_path, ["ok", "bad"])
    kernels = Kernels(kernel_name(), tmp_path, _kernel_env(tmp_path))
    with pytest.raises(UserError) as err:
        run_notebooks([(nb, {"period": "2022-T1"}) for nb in runs], kernels, "kept")
    # the failure stopped the other notebook too; neither kernel is kept for reuse
    assert kernels.count == 0 and kernels.idle == []
    kernels.close()
    message = str(err.value)
    assert "\n" not in message
    # cell 3 of the source notebook (papermill's injected cell is not counted), its 4th line
    assert message.startswith("bad.ipynb failed at cell 3, line 4 (1 / 0): ZeroDivisionError")
    assert message.endswith("— kept")


def test_kernel_name_is_the_one_jupyter_client_would_find():
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    assert kernel_name() == (
        "metropolis-workbench" if "metropolis-workbench" in specs else "python3"
    )


def test_the_slow_optional_grammar_package_is_not_installed():
    """pyproject.toml drops rfc3987-syntax (a uv override): jsonschema, imported by nbformat in
    every report run, then skips building its grammar. A lock that brings it back is caught."""
    import importlib.util

    assert importlib.util.find_spec("rfc3987_syntax") is None, "see [tool.uv] in pyproject.toml"
    import jsonschema

    assert jsonschema.Draft7Validator({"type": "string"}).is_valid("x")


def test_kernels_warm_the_figure_modules_only_for_notebooks_that_may_show_figures():
    from helpers.report.constants import ANALYSIS_NOTEBOOKS
    from helpers.report.run import FIGURE_IMPORTS, _warmed
    from tests.conftest import ROOT

    real = _read_notebooks(ROOT / "notebooks", [*ANALYSIS_NOTEBOOKS, "trends"])
    for nb in real:  # every page's notebook shows figures: its kernel imports them ahead
        assert _warmed(nb.imports) == [*nb.imports, *FIGURE_IMPORTS], nb.name
    assert _warmed(["csv", "helpers.periods"]) == ["csv", "helpers.periods"]
    assert _warmed(["seaborn"])[-len(FIGURE_IMPORTS) :] == list(FIGURE_IMPORTS)
    assert _warmed(["helpers.showcase"]) == ["helpers.showcase"]  # a module, not a package


@pytest.mark.slow  # starts a kernel
def test_a_kernel_start_cancelled_half_way_is_not_counted_or_kept(tmp_path):
    import asyncio

    from jupyter_core.utils import run_sync

    kernels = Kernels(kernel_name(), tmp_path, _kernel_env(tmp_path))

    async def cancel_while_starting() -> None:
        task = asyncio.ensure_future(kernels.launch(1))
        await asyncio.sleep(0)  # the task runs to its first wait: inside the kernel start
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run_sync(cancel_while_starting)()
    assert kernels.count == 0 and kernels.idle == []


def test_the_socket_folders_of_runs_that_are_gone_are_cleared(tmp_path):
    from helpers.report.run import SOCKETS_PREFIX, clear_stale_sockets

    gone_pid = _ended_pid()
    gone = tmp_path / f"{SOCKETS_PREFIX}{gone_pid}-abc"
    alive = tmp_path / f"{SOCKETS_PREFIX}{os.getpid()}-def"
    other = tmp_path / f"{SOCKETS_PREFIX}x-ghi"  # not a pid: not ours to judge
    for folder in (gone, alive, other):
        folder.mkdir()
        (folder / "k1-1").write_text("")
    assert clear_stale_sockets(tmp_path) == [gone]
    assert not gone.exists() and alive.exists() and other.exists()


def _ended_pid() -> int:
    """The pid of a process that has ended and been reaped."""
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid
