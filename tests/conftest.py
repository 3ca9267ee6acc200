"""Shared fixtures: the real 2022-T1 report, parsed once, and a builder of small reports."""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared import made_once, made_result

# pytest rewrites the asserts of each test module as it imports it, and keeps the result in
# __pycache__ beside it unless bytecode writing is off (PYTHONDONTWRITEBYTECODE, set on this
# machine): then every run rewrites every test module again in each worker (about 6 s of the
# 8 s it takes to collect). The modules imported after this file are kept from the next run on.
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parents[1]  # the repository: code, notebooks, reference data
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The tests read reports only from here, never from the officer's data/raw/ (which may hold the
# PDF instead, or another period) nor from data/processed/ or reports/ of the working tree.
REPORTS = FIXTURES / "reports"
REPORT_2022T1 = REPORTS / "2022-T1" / "metropolis_progress_report_2022-T1.md"
PDF_2022T1 = FIXTURES / "pdf" / "2022-T1.pdf"


# A test process makes many short-lived objects (frames, parsed tables, hypothesis examples):
# collecting the youngest generation every 700 allocations took about 6% of the in-process CPU
# (3.6 of 60 CPU-s, measured with gc.callbacks), every 50,000 about 2% (1.3). Cycles are still
# collected; what the collection imported is frozen, never scanned again.
GC_THRESHOLDS = (50_000, 20, 100)


def pytest_configure(config: pytest.Config) -> None:
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


# The longest test: one chain of a dozen report runs, each stopped or finished (about a minute).
LONGEST = ("tests/e2e/test_interrupt.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest test first, then the modules holding a slow test, the fast ones last, each
    module's tests together and in their order. pytest-xdist hands the tests out in this order
    as its workers free up (make test), so the long runs start at once, side by side, and the
    short tests fill in at the end instead of one worker finishing a long run alone. No test
    depends on the order."""
    slow = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("slow")}

    def rank(item: pytest.Item) -> int:
        module = item.nodeid.split("::")[0]
        return 0 if module in LONGEST else 1 if module in slow else 2

    items.sort(key=rank)  # stable: the collection's order within each rank


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Every cache of pure results (helpers.memo) emptied before each test and its fixtures:
    no test is answered from results another test computed, and under `make mutation` a mutant
    of a cached function is run, never answered from the unmutated code's results."""
    from helpers import memo

    memo.clear()


@pytest.fixture(scope="session", autouse=True)
def _no_working_tree_data(tmp_path_factory: pytest.TempPathFactory):
    """Code that defaults to the project root (helpers.periods.project_root) sees a tmp project
    holding only the reference data: a test that names no root reads nothing from the working
    tree's data/raw/, data/processed/ or reports/, and writes nothing there."""
    root = tmp_path_factory.mktemp("default_root")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METROPOLIS_ROOT", str(root))
        yield root


@pytest.fixture(scope="session")
def text_2022t1() -> str:
    return REPORT_2022T1.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def t1(text_2022t1):
    from helpers.ingest import parse_report

    return parse_report(text_2022t1, "2022-T1")


ROSTER = """WHO WE ARE

AFRICA

- Abidjan
- Cairo
- Johannesburg
- Rabat

Members of the Board of Directors

MEMBER
Asmaa Rhlalou
Mayor of Rabat

ASIA-PACIFIC

- Seoul
- Kathmandu
- Tehran

EUROPE

- Barcelona (city)
- Barcelona (metropolitan area)
- Brussels
- Greater Paris

NORTH AMERICA

- Mexico City
- Montréal
"""

PROGRESS = """PROGRESS

METROPOLITAN CHALLENGES

1.1 Combating inequalities and segregation

2.3 Climate resilience

IMPLEMENTATION OF THE STRATEGIC ACTION PLAN

L1 Strengthen global leadership

L1A2 Metropolitan perspective in global agendas

L1A2D4 Support metropolitan leaders

L2 Build adaptive capacities

L2A2 Support for governance structures

L2A2D3 Learning and capacity-building activities
"""


def mini_report(activities: str, *, progress: str = PROGRESS, roster: str = ROSTER) -> str:
    """A small but complete report around the given ACTIVITIES text."""
    return f"METROPOLIS PROGRESS REPORT.\n\nACTIVITIES\n\n{activities}\n\n{progress}\n\n{roster}\n"


def new_project(
    root: Path, periods: tuple[str, ...] = ("2022-T1",), *, notebooks: bool = False
) -> Path:
    """A project folder in ``root``: each period's committed fixture report (the markdown
    export) in data/raw/<period>/, the reference data, and the notebooks if asked."""
    for period in periods:
        raw = root / "data" / "raw" / period
        raw.mkdir(parents=True)
        for f in (REPORTS / period).glob("*.md"):
            shutil.copy(f, raw / f.name)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    if notebooks:
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
    if not (root / "pyproject.toml").exists():
        (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    return root


# What the build's worker process (helpers.build._worker: the ingest, the member pages, the
# board briefs and the explorer) imports, and the build's own process does not.
BUILD_WORKER_IMPORTS = (
    "helpers.ingest",
    "helpers.tables.activities",
    "helpers.tables.checks",
    "helpers.tables.listings",
    "helpers.tables.resolve",
    "helpers.tables.storage",
    "helpers.tables.validation",
    # imported by pandera's first validation, by pandas' first parquet, CSV and Excel writes
    "pandera.backends.pandas.register",
    "pandera.backends.pandas.builtin_checks",
    "pandera.backends.pandas.builtin_hypotheses",
    "pandera.accessors.pandas_accessor",
    "pyarrow.dataset",
    "pyarrow.parquet",
    "pandas.io.formats.csvs",
    "pandas.io.formats.excel",
    "openpyxl",
    # the member pages, the board briefs and the explorer
    "jinja2",
    "selectolax.lexbor",
    "helpers.show.basemap",
    "helpers.analysis.brief",
    "helpers.analysis.trends",
    "helpers.report.brief",
    "helpers.report.explorer",
    "helpers.report.member_pages",
    "helpers.report.pages",
)


@pytest.fixture(scope="session")
def build_worker_warm() -> None:
    """The modules of ``BUILD_WORKER_IMPORTS`` imported in this test process, and the pages'
    templates compiled (helpers.report.templating). A build run in the test process forks its
    worker from it, and the worker finds them ready instead of importing and compiling them
    again for each build (about 0.7 CPU-s a build from a cold process, measured): what the
    worker runs is unchanged. A build in a subprocess (tests/e2e/test_interrupt.py) still imports
    them itself, as a user's run does."""
    for name in BUILD_WORKER_IMPORTS:
        importlib.import_module(name)
    from helpers.report.constants import TEMPLATE_DIR
    from helpers.report.templating import environment

    for template in TEMPLATE_DIR.glob("*.j2"):  # the pages' templates, compiled once
        environment().get_template(template.name)


@pytest.fixture
def tmp_root(tmp_path: Path) -> Path:
    """A project root in a tmp folder with the 2022-T1 raw report and the reference data."""
    return new_project(tmp_path)


def _ingested_project(root: Path) -> None:
    from helpers.ingest import ingest_period

    new_project(root)
    ingest_period("2022-T1", root, progress=lambda s: None)


@pytest.fixture(scope="session")
def ingested_2022t1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the 2022-T1 fixture report ingested (data/processed, data/interim; no
    generations, no pages), made once per test run. Read only: a test copies it
    (:func:`copy_project`)."""
    return made_once(tmp_path_factory, "ingested_2022t1", _ingested_project)


@pytest.fixture(scope="session")
def built_2022t1(built_two_periods, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the real 2022-T1 report, the reference data and the notebooks, ingested
    and rendered by the build (pages, index, trends), made once per test run (``tests/shared.py``:
    the first test process to ask makes it, the others wait and read the same folder): a copy
    of :func:`built_two_periods` with 2022-T2 removed (``remove_period``), so the real 2022-T1
    notebooks are not run again. Its pages are byte for byte those of a build of 2022-T1 alone
    (checked by hand; the summaries' fingerprints name their own project, the executed
    notebooks their own run's times). Read only: a test that changes the project works on its
    own copy (:func:`copy_project`). The progress lines of the build that rendered its pages:
    :func:`built_2022t1_lines`."""
    from helpers.build import remove_period

    two, lines = built_two_periods

    def make(root: Path) -> list[str]:
        copy_project(two, root)
        remove_period("2022-T2", root, progress=lambda s: None)
        return lines

    return made_once(tmp_path_factory, "built_2022t1", make)


@pytest.fixture(scope="session")
def built_2022t1_lines(built_2022t1, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The progress lines of the build that rendered :func:`built_2022t1`'s pages (that of
    :func:`built_two_periods`)."""
    return made_result(tmp_path_factory, "built_2022t1")


def _build_two_periods(root: Path) -> list[str]:
    """The project of :func:`built_two_periods` made in ``root``; returns the progress lines."""
    from helpers.build import build_period

    new_project(root, ("2022-T1", "2022-T2"), notebooks=True)
    lines: list[str] = []
    build_period("2022-T2", root=root, progress=lines.append)
    return lines


@pytest.fixture(scope="session")
def built_two_periods(
    build_worker_warm, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[str]]:
    """(root, progress lines): a project with the 2022-T1 and 2022-T2 fixture reports and the
    notebooks, built by one ``build_period("2022-T2")`` (which brings 2022-T1 up too), made
    once per test run. Read only, as :func:`built_2022t1`."""
    root = made_once(tmp_path_factory, "built_two_periods", _build_two_periods)
    return root, made_result(tmp_path_factory, "built_two_periods")


def copy_project(src: Path, dst: Path) -> Path:
    """A copy of the project ``src`` at ``dst`` (which may be an empty folder) that a run finds
    up to date: files with their modification times, the output folders' links into ``.site/``
    kept as links."""
    shutil.copytree(src, dst, symlinks=True, dirs_exist_ok=True)
    return dst


def run_cli(*args: str, root: Path) -> subprocess.CompletedProcess:
    """``python -m helpers ARGS`` on the project in ``root``, in a subprocess."""
    env = {**os.environ, "METROPOLIS_ROOT": str(root), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip


def digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of every .parquet and .csv table in ``folder``, by file name."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.suffix in (".parquet", ".csv")
    }
