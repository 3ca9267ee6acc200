"""A make target whose workbench command fails ends with the workbench's own one line: make
adds nothing under it (no "make: *** [report] Error 2") and still ends with a failure status.

The real Makefile runs with real `make` in a project skeleton whose set-up is stamped (see
tests/test_makefile_variables.py); `.venv/bin/python` is a stand-in (a `sh` script) that fails
like the command line does on a user's mistake: one line on stderr, status 2."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.test_makefile_variables import make, project  # noqa: F401  (a fixture)

LINE = "error: no report for 2031-T1: put the progress report in data/raw/2031-T1/"
FAILING = f"""#!/bin/sh
printf '%s\\n' '==> ingest 2031-T1'
printf '%s\\n' '{LINE}' >&2
exit 2
"""  # a sh script, as the recording stand-in (tests/test_makefile_variables.py): it starts fast
PROC = Path("/proc/self/status")


def _failing(project: Path) -> None:  # noqa: F811
    python = project / ".venv" / "bin" / "python"
    python.write_text(FAILING, encoding="utf-8")
    python.chmod(0o755)


def _make(project: Path, *args: str) -> subprocess.CompletedProcess:  # noqa: F811
    """`make ARGS` as a terminal starts it: SIGINT at its default (a test runner's worker may
    ignore it, and an ignored SIGINT is inherited)."""
    return subprocess.run(
        ["make", *args], cwd=project, capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(project), "LC_ALL": "C.UTF-8"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip


@pytest.mark.skipif(not PROC.exists(), reason="make is stopped quietly where /proc is (Linux)")
@pytest.mark.parametrize(
    "goal",
    [("report", "PERIOD=2031-T1"), ("ingest", "PERIOD=2031-T1"), ("report-all",),
     ("new-period", "PERIOD=2031-T1"), ("profile", "MEMBER=Atlantis"), ("docs",)],
)  # fmt: skip
def test_a_failed_command_ends_with_its_own_line_alone(project, goal):  # noqa: F811
    _failing(project)
    for args in (goal, ("-s", *goal), ("-j2", *goal)):
        done = _make(project, *args)
        assert done.returncode != 0, args  # the failure is not lost
        assert done.stderr.strip().splitlines() == [LINE], (args, done.stderr)
        assert "make:" not in done.stdout + done.stderr and "Error 2" not in done.stderr
        assert done.stdout.strip().splitlines() == ["==> ingest 2031-T1"]


def test_make_not_catching_sigint_still_fails_with_its_own_line_last_but_one(project):  # noqa: F811
    """Started with SIGINT ignored (in the background of a script), make cannot be stopped
    quietly: the recipe fails as usual, and make's status and line say so."""
    _failing(project)
    done = subprocess.run(
        ["make", "report", "PERIOD=2031-T1"], cwd=project, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(project)}, check=False,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == LINE and "Error 2" in done.stderr


def test_a_command_that_succeeds_is_untouched(project):  # noqa: F811
    run = make(project, "report", "PERIOD=2022-T1")  # the recording stand-in: status 0
    assert run.returncode == 0 and run.calls == [["-m", "helpers", "report", "--period=2022-T1"]]
