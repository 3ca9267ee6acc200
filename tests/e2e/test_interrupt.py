"""A run killed with -9 or interrupted with Ctrl-C at any point of its work leaves what an
officer opens (reports/, data/processed/, data/interim/) wholly old or wholly new, never a
mix; Ctrl-C prints one line; no process of the run is left behind; the next run finishes.

Each case runs ``python -m helpers report`` as a user does, in its own session, and acts when
its progress shows a given point of the run. The report alternates between two versions
(a follower figure differs), so "old" and "new" are both known byte for byte: the pages are
deterministic (SOURCE_DATE_EPOCH fixes their date). The analysis notebooks are stand-ins
(tests/e2e/stand_ins.py) that show the period's follower figures: every kernel, page, table
and switch of a run is still there, at half the CPU; the real notebooks' pages are tested on
the shared built projects."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, new_project
from tests.e2e.stand_ins import stand_in_notebooks

# slow: each case runs the whole report once or twice
# build_worker_warm: a build run in this process forks its worker from it, warm
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("build_worker_warm")]

OUTPUTS = ("reports", "data/processed", "data/interim")
FIGURE = "465\n YouTube"  # the 2022-T1 report's YouTube followers, as the fixture sets them
VERSIONS = {"a": FIGURE, "b": FIGURE.replace("465", "466")}
# points of a run, as its progress shows them, from the first read to the publishing
POINTS = [
    "ingest 2022-T1: reading",
    "running 02_engagement",
    "wrote reports/2022-T1/",
    "wrote reports/members/",
    "reports/index.html",  # written, or up to date: the last step before publishing
    "==> published",  # the switch is done; the old generations are not yet cleared
]


def snapshot(root: Path) -> dict[str, str]:
    """SHA-256 of every file an officer can open, by path (an executed notebook without the
    run times papermill records in its metadata)."""
    out = {}
    for folder in OUTPUTS:
        base = root / folder
        for p in sorted(base.rglob("*")) if base.is_dir() else []:
            if p.is_file():
                data = p.read_bytes()
                if p.suffix == ".ipynb":
                    nb = json.loads(data)
                    nb["metadata"].pop("papermill", None)
                    for cell in nb["cells"]:
                        cell["metadata"].pop("papermill", None)
                        cell["metadata"].pop("execution", None)
                        cell.pop("id", None)  # papermill gives its parameters cell a new one
                    data = json.dumps(nb, sort_keys=True).encode()
                out[f"{folder}/{p.relative_to(base)}"] = hashlib.sha256(data).hexdigest()
    return out


def alive(marker: str) -> list[int]:
    """Processes whose environment carries ``marker`` (the run, its worker, its kernels)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker.encode() in (proc / "environ").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


class Project:
    """A project whose report can be switched between two versions and run as a user does."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.raw = next((root / "data" / "raw" / "2022-T1").glob("*.md"))
        self.text = self.raw.read_text(encoding="utf-8")
        assert FIGURE in self.text
        self.version = ""
        self.snapshots: dict[str, dict[str, str]] = {}

    def use(self, version: str) -> None:
        self.raw.write_text(self.text.replace(FIGURE, VERSIONS[version]), encoding="utf-8")
        os.utime(self.raw, ns=(10**18, 10**18 + {"a": 0, "b": 1}[version]))
        self.version = version

    def start(self, marker: str) -> subprocess.Popen:
        env = {**os.environ, "METROPOLIS_ROOT": str(self.root), "PYTHONUNBUFFERED": "1",
               "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1650000000",
               "RUN_MARKER": marker}  # fmt: skip
        return subprocess.Popen(
            [sys.executable, "-m", "helpers", "report", "--period", "2022-T1"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )  # fmt: skip

    def finish(self) -> None:
        """Run to the end; the first finished run of a version is its reference snapshot."""
        run = self.start("finish")
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        self.keep()

    def finish_here(self) -> None:
        """:meth:`finish` by the build's own function in this process, with the root and
        the date :meth:`start` gives a run: what a run imports is imported once for every
        reference, not once per run. The stopped runs and the last run are the command's,
        and the last one is compared with a reference made here, byte for byte."""
        from helpers.build import build_period

        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("METROPOLIS_ROOT", str(self.root))
            mp.setenv("SOURCE_DATE_EPOCH", "1650000000")
            build_period("2022-T1", root=self.root, progress=lambda s: None)
        self.keep()

    def keep(self) -> None:
        """The first finished run of a version is its reference snapshot; a later one must
        give the same bytes (deterministic)."""
        snap = snapshot(self.root)
        self.snapshots.setdefault(self.version, snap)
        assert snap == self.snapshots[self.version]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    root = new_project(tmp_path_factory.mktemp("interrupt"))
    stand_in_notebooks(root)
    p = Project(root)
    for version in ("b", "a"):  # both references; the project ends on version a
        p.use(version)
        p.finish_here()
    return p


def published_version(project: Project) -> str:
    """The version whose pages and tables the site shows, whole (never a mix of two)."""
    snap = snapshot(project.root)
    found = [v for v, ref in project.snapshots.items() if snap == ref]
    assert found, "a mix of two generations"
    return found[0]


def leftovers(root: Path) -> list[str]:
    """What ``.site/`` holds besides the lock, the published generation and the one before."""
    folder = root / ".site"
    kept = {".lock", "current", "previous"}
    kept |= {os.readlink(folder / n) for n in ("current", "previous") if (folder / n).is_symlink()}
    return sorted(p.name for p in folder.iterdir() if p.name not in kept)


def stop_at(project: Project, point: str, how: str) -> tuple[int, str, int]:
    """Start the run and, when its progress shows ``point``, kill its main process (``kill``)
    or press Ctrl-C (SIGINT to its session). Returns its exit status, its error output and
    its process id, once no process of the run is left."""
    marker = f"{how}-{point}-{time.time_ns()}"
    run = project.start(marker)
    assert run.stdout is not None
    for line in run.stdout:
        if point in line:
            if how == "kill":
                os.kill(run.pid, signal.SIGKILL)
            else:
                os.killpg(run.pid, signal.SIGINT)
            break
    else:
        pytest.fail(f"the run never showed {point!r}")
    _, err = run.communicate(timeout=120)
    for _ in range(600):  # the worker and the kernels are killed with their parent (on Linux:
        # helpers.lifeline; elsewhere they poll for it), and a loaded machine may end them late
        if not alive(marker):
            break
        time.sleep(0.1)
    assert alive(marker) == [], "a process of the run was left behind"
    return run.returncode, err, run.pid


CASES = [("kill", point) for point in POINTS] + [
    ("ctrl-c", "ingest 2022-T1: reading"),
    ("ctrl-c", "running 02_engagement"),
    ("ctrl-c", "wrote reports/members/"),
]


def stopped_run_leaves_one_whole_generation(project: Project, how: str, point: str) -> None:
    """One case, on the project as the case before left it: the report is switched to the
    version the site does not show, and the run is stopped at ``point``."""
    old = published_version(project)
    new = "b" if old == "a" else "a"
    project.use(new)
    code, err, pid = stop_at(project, point, how)
    now = published_version(project)  # whole, old or new
    if point == "==> published":
        assert now == new
    if how == "ctrl-c":
        assert code in (130, 0)  # 0: the Ctrl-C came once the run was publishing
        if code == 130:
            assert err == "error: interrupted; the last good output is unchanged\n"
            assert now == old
        else:
            assert now == new
    # What the stopped runs before this one left was cleared as this run began: only this
    # run's own generation may be left, by a kill -9; a Ctrl-C leaves nothing.
    left = leftovers(project.root)
    assert all(f"-{pid}-" in name for name in left), left
    if how == "ctrl-c":
        assert left == []


def test_a_stopped_run_leaves_one_whole_generation(project: Project) -> None:
    """Every case on one project, one after another (each starts where the last one ended),
    then a run that finishes: it publishes the version the report is at, byte for byte as
    before, and clears what the last stopped run left."""
    for how, point in CASES:
        try:
            stopped_run_leaves_one_whole_generation(project, how, point)
        except AssertionError as exc:
            raise AssertionError(f"{how} at {point!r}: {exc}") from exc
    project.use("b" if published_version(project) == "a" else "a")
    project.finish()
    assert published_version(project) == project.version
    assert leftovers(project.root) == []
