"""The Jupyter kernel `make setup` registers runs the project's Python and imports `helpers`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

KERNEL = "metropolis-workbench"
SETUP = f"the '{KERNEL}' Jupyter kernel is not installed for {sys.prefix}: run `make setup`"


def _spec():  # -> jupyter_client.kernelspec.KernelSpec
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        return KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pass
    pytest.fail(SETUP, pytrace=False)


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def test_kernelspec_runs_the_venv_python() -> None:
    """One kernelspec: its interpreter is this environment's python, not a system one."""
    spec = _spec()
    argv0 = Path(spec.argv[0])
    here = Path(sys.executable)
    # a kernelspec in the user's folder shadows the environment's one: say where it is
    fix = (
        f"the kernelspec in {spec.resource_dir} runs {argv0}, the tests run {here}: "
        f"remove it (jupyter kernelspec remove {KERNEL}) and run `make setup`"
    )
    assert argv0.is_absolute(), fix
    # a venv's python is a symlink to the base interpreter: compare the folder and the target
    assert _same_file(argv0.parent, here.parent), fix
    assert argv0.resolve() == here.resolve(), fix


@pytest.mark.slow
def test_kernel_imports_helpers() -> None:
    """Start the kernel and check it sees this environment and this checkout's `helpers`."""
    from jupyter_client.manager import start_new_kernel

    import helpers

    _spec()
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
    lines: list[str] = []
    try:
        reply = kc.execute_interactive(
            "import sys, helpers; print(sys.prefix); print(helpers.__file__)",
            timeout=60,
            output_hook=lambda msg: lines.extend(
                msg["content"]["text"].splitlines() if msg["msg_type"] == "stream" else []
            ),
        )
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok", reply["content"].get("evalue")
    prefix, module = lines[-2:]
    assert _same_file(prefix, sys.prefix), f"kernel uses {prefix}, tests use {sys.prefix}"
    assert _same_file(module, helpers.__file__), f"kernel imports {module}, not {helpers.__file__}"
