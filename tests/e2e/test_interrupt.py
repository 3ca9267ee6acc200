"""A run killed with -9 or interrupted with Ctrl-C at any point of its work leaves what an
officer opens (reports/, data/processed/, data/interim/) wholly old or wholly new, never a
mix; Ctrl-C prints one line; no process of the run is left behind; the next run finishes.

Each case runs ``python -m helpers report`` as a user does, in its own session, and acts when
its progress shows a given point of the run. The report alternates between two versions
(a follower figure differs), so "old" and "new" are both known byte for byte: the pages are
deterministic (SOURCE_DATE_EPOCH fixes their date)."""

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

pytestmark = pytest.mark.slow  # each case runs the whole report once or twice

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
        snap = snapshot(self.root)
        self.snapshots.setdefault(self.version, snap)
        assert snap == self.snapshots[self.version]  # deterministic: the same bytes again


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    p = Project(new_project(tmp_path_factory.mktemp("interrupt"), notebooks=True))
    for version in ("b", "a"):  # both references; the project ends on version a
        p.use(version)
        p.finish()
    return p


def stop_at(project: Project, point: str, how: str) -> tuple[int, str]:
    """Switch the report to its other version, start the run and, when its progress shows
    ``point``, kill its main process (``kill``) or press Ctrl-C (SIGINT to its session)."""
    project.use("b" if project.version == "a" else "a")
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
    for _ in range(100):  # the worker and the kernels notice their parent is gone
        if not alive(marker):
            break
        time.sleep(0.1)
    assert alive(marker) == [], "a process of the run was left behind"
    return run.returncode, err


CASES = [("kill", point) for point in POINTS] + [
    ("ctrl-c", "ingest 2022-T1: reading"),
    ("ctrl-c", "running 02_engagement"),
    ("ctrl-c", "wrote reports/members/"),
]


def stopped_run_leaves_one_whole_generation(project: Project, how: str, point: str) -> None:
    old = project.version
    assert snapshot(project.root) == project.snapshots[old]
    code, err = stop_at(project, point, how)
    after = snapshot(project.root)
    assert after in (project.snapshots[old], project.snapshots[project.version]), (
        "a mix of two generations"
    )
    if point == "==> published":
        assert after == project.snapshots[project.version]
    if how == "ctrl-c":
        assert code in (130, 0)  # 0: the Ctrl-C came after the run had published
        if code == 130:
            assert err == "error: interrupted; the last good output is unchanged\n"
            assert after == project.snapshots[old]
        generations = [p for p in (project.root / ".site").iterdir()
                       if p.name not in (".lock", "current", "previous")]  # fmt: skip
        assert len(generations) <= 2  # nothing left aside: the current and previous ones
    project.finish()  # the next run finishes, and clears what a killed one left
    assert snapshot(project.root) == project.snapshots[project.version]
    kept = {p.name for p in (project.root / ".site").iterdir()}
    assert len(kept - {".lock", "current", "previous"}) == 2


def test_a_stopped_run_leaves_one_whole_generation(project: Project) -> None:
    """Every case on one project, one after another (each starts from the last one's end)."""
    for how, point in CASES:
        try:
            stopped_run_leaves_one_whole_generation(project, how, point)
        except AssertionError as exc:
            raise AssertionError(f"{how} at {point!r}: {exc}") from exc
