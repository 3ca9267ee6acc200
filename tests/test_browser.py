"""The rendered report in a real browser (Debian's headless Chromium): the page loads offline,
its figures decode, and the table sorter ran. Skipped where Chromium is not installed
(`apt-get install chromium`); the rest of the suite checks the HTML itself."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.ingest import ingest_period
from helpers.render import render_period

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    from tests.conftest import REPORT_2022T1, ROOT

    root = tmp_path_factory.mktemp("browser")
    (root / "data" / "raw" / "2022-T1").mkdir(parents=True)
    shutil.copy(REPORT_2022T1, root / "data" / "raw" / "2022-T1")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    ingest_period("2022-T1", root, progress=lambda s: None)
    out = render_period(
        "2022-T1", root=root, progress=lambda s: None, notebooks_dir=ROOT / "notebooks"
    )
    return out / "02_engagement.html"


def chromium(*args: str, tmp: Path) -> str:
    profile = tmp / "profile"
    r = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                       capture_output=True, text=True, timeout=120)  # fmt: skip
    return r.stdout


def test_page_renders_with_figures_and_sortable_tables(page, tmp_path):
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", page.as_uri(), tmp=tmp_path)
    assert "<h1" in dom and "Membership engagement" in dom
    figures = re.findall(r'<img src="data:image/png;base64,', dom)
    assert len(figures) >= 5
    assert 'class="sort-header"' in dom or "sort-header" in dom  # the inline sorter ran


def test_screenshot_is_not_blank(page, tmp_path):
    shot = tmp_path / "page.png"
    chromium("--window-size=1300,2400", f"--screenshot={shot}", page.as_uri(), tmp=tmp_path)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes
