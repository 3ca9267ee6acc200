"""Set-ups the end-to-end tests share, made once per test process: the browser, and a
project of two periods (the 2022-T1 and 2022-T2 fixture reports) built by the build, which
the layout, brief and explorer tests only read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (tests/e2e/test_browser.py says when it is
    required); each test opens its own offline context."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.test_browser import CHROMIUM, FLAGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def two_period_reports(tmp_path_factory) -> Path:
    """reports/ of a project with 2022-T1 and 2022-T2 built (2022-T2's run brings 2022-T1 up
    too). Read only: a test that changes a page writes its copy in its own tmp_path."""
    from helpers.build import build_period
    from tests.conftest import new_project

    root = new_project(tmp_path_factory.mktemp("two_periods"), ("2022-T1", "2022-T2"),
                       notebooks=True)  # fmt: skip
    build_period("2022-T2", root=root, progress=lambda s: None)
    return root / "reports"
