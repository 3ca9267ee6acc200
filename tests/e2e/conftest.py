"""Set-ups the end-to-end tests share: the browser (one per test process), and a project of
two periods (the 2022-T1 and 2022-T2 fixture reports) built by the build once per test run
(tests/conftest.py), which the layout, brief and explorer tests only read."""

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
def two_period_reports(built_two_periods) -> Path:
    """reports/ of the project with 2022-T1 and 2022-T2 built (tests/conftest.py). Read only:
    a test that changes a page writes its copy in its own tmp_path."""
    return built_two_periods[0] / "reports"
