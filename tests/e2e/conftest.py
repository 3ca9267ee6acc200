"""Set-ups the end-to-end tests share: the browser (one per test process), a project of two
periods (the 2022-T1 and 2022-T2 fixture reports) built by the build once per test run
(tests/conftest.py), which the layout, brief and explorer tests only read, and a 2022-T1
project built with stand-in notebooks (tests/e2e/stand_ins.py) for the tests of what a failed
run leaves, which run the build again and again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import new_project
from tests.e2e.stand_ins import stand_in_notebooks
from tests.shared import made_once


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (tests/e2e/test_browser.py says when it is
    required); each test opens its own offline context, but for the pages only read
    (:func:`phone_page`, the engagement page of tests/e2e/test_browser.py)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.test_browser import CHROMIUM, FLAGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def phone_page(browser) -> Iterator[object]:
    """One offline page at a phone's viewport (390 × 844 px) for the tests that only read
    pages (no click, no key): each navigates it, and each file is a fresh document."""
    from tests.e2e.test_browser import PHONE

    context = browser.new_context(offline=True, viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def two_period_reports(built_two_periods) -> Path:
    """reports/ of the project with 2022-T1 and 2022-T2 built (tests/conftest.py). Read only:
    a test that changes a page writes its copy in its own tmp_path."""
    return built_two_periods[0] / "reports"


def _build_stand_ins(root: Path, periods: tuple[str, ...] = ("2022-T1",)) -> list[str]:
    """The fixture reports of `periods` built in `root` with stand-in notebooks, by one build
    of the last period (which brings the others up too); returns the progress lines."""
    from helpers.build import build_period

    new_project(root, periods)
    stand_in_notebooks(root)
    lines: list[str] = []
    build_period(periods[-1], root=root, progress=lines.append)
    return lines


@pytest.fixture(scope="session")
def built_stand_ins(build_worker_warm, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2022-T1 fixture report ingested and built (pages, member pages, index, trends) with
    stand-in notebooks, once per test run. Read only: a test copies it
    (tests.conftest.copy_project)."""
    return made_once(tmp_path_factory, "built_stand_ins", _build_stand_ins)


@pytest.fixture(scope="session")
def built_two_stand_ins(build_worker_warm, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As :func:`built_stand_ins`, with the 2022-T1 and 2022-T2 fixture reports, built by one
    build of 2022-T2. Read only."""
    return made_once(tmp_path_factory, "built_two_stand_ins",
                     lambda root: _build_stand_ins(root, ("2022-T1", "2022-T2")))  # fmt: skip
