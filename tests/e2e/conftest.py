"""Set-ups the end-to-end tests share: the browser (one per test process), a project of two
periods (the 2022-T1 and 2022-T2 fixture reports) built by the build once per test run
(tests/conftest.py), which the layout, brief and explorer tests only read, and a 2022-T1
project built with stand-in notebooks (tests/e2e/stand_ins.py) for the tests of what a failed
run leaves, which run the build again and again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import new_project
from tests.e2e.stand_ins import stand_in_notebooks
from tests.shared import made_once


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (tests/e2e/test_browser.py says when it is
    required), one per test process; the tests open their files in its :class:`Tab`."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.test_browser import CHROMIUM, FLAGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Tab:
    """The test process's one offline page, lent to each browser test that opens files one at
    a time (:func:`tab`). A new context per test cost a renderer process or three (about a
    third of a CPU-second each); a page navigated to a file holds a fresh document all the
    same. It records the page's script errors, dialogs (dismissed) and requests outside the
    files: ``errors``, ``dialogs``, ``outside``, and all three in ``problems``
    (``"error: …"``, ``"dialog: …"``, ``"request: …"``), also ``page.problems``."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(offline=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.problems: list[str] = []
        self.page.problems = self.problems
        self.page.on("pageerror", self._error)
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)

    def _error(self, error: Any) -> None:
        self.errors.append(str(error))
        self.problems.append(f"error: {error}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        if not request.url.startswith(("file:", "data:")):
            self.outside.append(request.url)
            self.problems.append(f"request: {request.url}")

    def ready(self, viewport: dict[str, int]) -> Any:
        """The page for the next test: a blank document at ``viewport`` on screen media, and
        nothing recorded (what the last test's document did is left with it)."""
        self.page.goto("about:blank")
        self.page.emulate_media(media="null")
        self.page.set_viewport_size(viewport)
        for record in (self.errors, self.dialogs, self.outside, self.problems):
            record.clear()
        return self.page


@contextmanager
def own_tab(browser: Any, viewport: dict[str, int]) -> Iterator[Tab]:
    """A :class:`Tab` of its own (its own offline context), ready at ``viewport``, closed
    after: for a page a module keeps open while its other tests use the shared one."""
    tab = Tab(browser)
    try:
        tab.ready(viewport)
        yield tab
    finally:
        tab.context.close()


@pytest.fixture(scope="session")
def shared_tab(browser) -> Iterator[Tab]:
    """The :class:`Tab` of this test process."""
    with own_tab(browser, {"width": 1366, "height": 900}) as tab:
        yield tab


@pytest.fixture
def tab(shared_tab: Tab) -> Iterator[Tab]:
    """The process's :class:`Tab`, made ready for this test (at 1366 × 900 px until the test
    asks for another viewport with ``tab.ready``) and left on a blank document after it."""
    shared_tab.ready({"width": 1366, "height": 900})
    yield shared_tab
    if not shared_tab.page.is_closed():
        shared_tab.page.goto("about:blank")


@pytest.fixture
def phone_page(tab: Tab) -> Any:
    """The offline page at a phone's viewport (390 × 844 px): each file it opens is a fresh
    document."""
    from tests.e2e.test_browser import PHONE

    return tab.ready(PHONE)


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
