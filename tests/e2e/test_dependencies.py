"""Every dependency of the incremental build, each shown to rerun exactly what depends on it
(docs/assumptions.md, "What reruns"): a period's tables on its raw report (bytes and
modification time), the reference tables and the code; each notebook's page on the tables,
the code, the template (and its CSS) and that notebook; the trends page on every period's
tables, the code, the template and its notebook, and it is redrawn whenever a period's pages
are (build.build_period).

Each case starts from its own copy of one project built once per test run (its notebooks
stand-ins, really executed), and from its own copy of the package's code and template, so no case sees another's
change. Within a case a notebook's execution is stood in for by its executed copy from that
build (no kernel: the decisions are what is tested, and test_build re-executes for real); the
stand-in records which notebooks the build asked to execute."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import helpers.build
import helpers.cache
import helpers.report.export
import helpers.report.period
import helpers.report.render
import helpers.report.templating
import helpers.report.trends_page
from helpers.build import build_period
from tests.conftest import ROOT

# slow: builds a project and reruns it
# build_worker_warm: a build run in this process forks its worker from it, warm
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("build_worker_warm")]

PACKAGE = ROOT / "src" / "helpers"
ALL = ["02_engagement.ipynb", "03_coverage.ipynb", "04_quality.ipynb"]
QUIET = {"progress": lambda s: None}


@pytest.fixture(scope="module")
def built(built_stand_ins) -> Path:
    """The 2022-T1 project built once with stand-in notebooks (tests/e2e/stand_ins.py): what
    reruns is decided on files and fingerprints, not on what a notebook computes."""
    return built_stand_ins  # read only: each case copies it


class _NoKernels:
    """Stands in for the kernel pool: nothing is started."""

    idle: list = []
    size = 2

    def __init__(self, *a, **k) -> None:
        pass

    def want(self, imports) -> None:
        pass

    def start(self, n: int = 1) -> None:
        pass

    async def launch(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def executed(built, monkeypatch) -> list[str]:
    """Notebooks the build executes, in order; each returns its executed copy from `built`."""
    import nbformat

    calls: list[str] = []

    async def run_notebooks_async(jobs, kernels, label, done=None):
        out = []
        calls.extend(nb.path.name for nb, _ in jobs)  # asked for at once, as the pool is
        for nb, parameters in jobs:
            folder = built / "reports" / parameters["period"] if parameters else built / "reports"
            executed = nbformat.read(folder / f"{nb.name}.ipynb", as_version=4)
            if done is not None:
                result = done(nb, executed)
                if result is not None:
                    await result
            out.append(executed)
        return out

    monkeypatch.setattr(helpers.report.render, "Kernels", _NoKernels)
    monkeypatch.setattr(helpers.report.render, "trends_kernels", lambda *a, **k: _NoKernels())
    monkeypatch.setattr(helpers.report.period, "run_notebooks_async", run_notebooks_async)
    monkeypatch.setattr(helpers.report.trends_page, "run_notebooks_async", run_notebooks_async)
    return calls


@pytest.fixture
def project(built, tmp_path, monkeypatch, executed) -> tuple[Path, Path]:
    """(project root, package folder): copies of the built project and of src/helpers; the
    build fingerprints and the page templates use the package copy."""
    root = tmp_path / "project"
    shutil.copytree(built, root)  # modification times kept: the copy is up to date
    pkg = tmp_path / "src" / "helpers"
    shutil.copytree(PACKAGE, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    templates = pkg / "report" / "templates"
    monkeypatch.setattr(helpers.cache, "PACKAGE", pkg)
    monkeypatch.setattr(helpers.cache, "TEMPLATE_DIR", templates)
    monkeypatch.setattr(helpers.report.export, "TEMPLATE_DIR", templates)
    monkeypatch.setattr(helpers.report.export, "_EXPORTER", None)  # built again from the copy
    monkeypatch.setattr(helpers.report.templating, "TEMPLATE_DIR", templates)
    monkeypatch.setattr(helpers.report.templating, "_ENV", None)
    return root, pkg


def _raw(root: Path) -> Path:
    return next((root / "data" / "raw" / "2022-T1").glob("*.md"))


def _later(path: Path) -> None:
    """Modification time a minute later, bytes unchanged (as `touch` does)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 60 * 10**9))


def _append(path: Path, text: str, *, keep_mtime: bool = False) -> None:
    st = path.stat()
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _edit_notebook(path: Path) -> None:
    """A markdown cell's text changed (the notebook stays valid)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += "\n\nEdited."
    nbformat.write(nb, path)


Touch = Callable[[Path, Path], None]

# what is touched → (the ingest reruns, the period's notebooks that re-execute, trends redrawn)
CASES: dict[str, tuple[Touch, bool, list[str], bool]] = {
    "nothing": (lambda root, pkg: None, False, [], False),
    "raw report touched": (lambda root, pkg: _later(_raw(root)), True, ALL, True),
    "raw report bytes (same mtime)": (
        lambda root, pkg: _append(_raw(root), "\n", keep_mtime=True), True, ALL, True),
    "alias table": (
        lambda root, pkg: _append(root / "data/reference/member_aliases.csv",
                                  "Seoul Metropolitan Government,Seoul,test\n"), True, ALL, True),
    "alias table touched, bytes unchanged": (
        lambda root, pkg: _later(root / "data/reference/member_aliases.csv"), False, [], False),
    "affix table": (
        lambda root, pkg: _append(root / "data/reference/name_affixes.csv",
                                  "suffix,metropolitan government,test\n"), True, ALL, True),
    "code in src/helpers": (
        lambda root, pkg: _append(pkg / "analysis" / "engagement.py", "\n# edited\n"), True, ALL, True),
    "notebook 02_engagement": (
        lambda root, pkg: _edit_notebook(root / "notebooks/02_engagement.ipynb"),
        False, ["02_engagement.ipynb"], True),
    "notebook 03_coverage": (
        lambda root, pkg: _edit_notebook(root / "notebooks/03_coverage.ipynb"),
        False, ["03_coverage.ipynb"], True),
    "notebook 04_quality": (
        lambda root, pkg: _edit_notebook(root / "notebooks/04_quality.ipynb"),
        False, ["04_quality.ipynb"], True),
    "notebook trends": (
        lambda root, pkg: _edit_notebook(root / "notebooks/trends.ipynb"), False, [], True),
    "notebook explore (not rendered)": (
        lambda root, pkg: _edit_notebook(root / "notebooks/explore.ipynb"), False, [], False),
    "nbconvert template": (
        lambda root, pkg: _append(pkg / "report/templates/metropolis/index.html.j2",
                                  "\n{#- edited -#}\n"), False, ALL, True),
    "CSS": (
        lambda root, pkg: _append(pkg / "report/templates/metropolis/style.css",
                                  "\n.dependency-test-mark { color: red; }\n"), False, ALL, True),
}  # fmt: skip


def what_ran(lines: list[str], executed: list[str]) -> tuple[bool, list[str], bool]:
    ingest = any("ingest 2022-T1: reading" in ln for ln in lines)
    notebooks = [ln.split("running ")[1] for ln in lines if "running " in ln]
    trends = any("rendering reports/trends.html" in ln for ln in lines)
    assert executed == notebooks + (["trends.ipynb"] if trends else [])
    executed.clear()
    return ingest, notebooks, trends


@pytest.mark.parametrize("case", list(CASES))
def test_each_dependency_reruns_exactly_what_depends_on_it(project, executed, case):
    root, pkg = project
    touch, ingest, notebooks, trends = CASES[case]
    touch(root, pkg)
    lines: list[str] = []
    build_period("2022-T1", root=root, progress=lines.append)
    assert what_ran(lines, executed) == (ingest, notebooks, trends)
    lines.clear()
    build_period("2022-T1", root=root, progress=lines.append)
    assert what_ran(lines, executed) == (False, [], False)  # and then it is up to date again
    if case == "CSS":  # the page carries the new stylesheet
        page = (root / "reports" / "2022-T1" / "02_engagement.html").read_text(encoding="utf-8")
        assert ".dependency-test-mark" in page
