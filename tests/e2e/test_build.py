"""The whole chain for two periods: the real 2022-T1 report and the made-up 2022-T2 one,
incremental reruns, and the trends page. The pages are read on the project built with the
real notebooks once per test run; the reruns (what runs again, what a damaged or removed
period leaves) work on a copy of the same two periods built with stand-in notebooks
(tests/e2e/stand_ins.py), whose pages are written as the real ones are."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers.build import build_period
from tests.e2e.stand_ins import STAND_IN_TEXT

# slow: builds two periods: notebooks, pages, trends
# build_worker_warm: a build run in this process forks its worker from it, warm
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("build_worker_warm")]


@pytest.fixture(scope="module")
def built(built_two_periods) -> tuple[Path, list[str]]:
    """A project root with both periods built once (read only: each case copies it); returns
    it and the progress lines."""
    return built_two_periods


@pytest.fixture
def project(built, tmp_path) -> tuple[Path, list[str]]:
    """A fresh copy of the built project for each test (modification times kept), so no test
    depends on what another one touched or on the order they run in."""
    root, lines = built
    copy = tmp_path / "project"
    shutil.copytree(root, copy)
    return copy, list(lines)


@pytest.fixture
def rerun(built_two_stand_ins, tmp_path) -> tuple[Path, list[str]]:
    """A fresh copy of the two periods built with stand-in notebooks, for each test."""
    return shutil.copytree(built_two_stand_ins, tmp_path / "project"), []


def ran(lines: list[str]) -> list[str]:
    return [ln.split("running ")[1] for ln in lines if "running " in ln]


def test_second_period_runs_through_the_whole_chain(project):
    root, lines = project
    rep = root / "reports"
    for period in ("2022-T1", "2022-T2"):
        for page in ("02_engagement", "03_coverage", "04_quality"):
            assert (rep / period / f"{page}.html").is_file()
    index = (rep / "index.html").read_text(encoding="utf-8")
    assert "2022-T1/02_engagement.html" in index and "2022-T2/02_engagement.html" in index
    assert 'href="trends.html"' in index
    trends = (rep / "trends.html").read_text(encoding="utf-8")
    assert "2022-T1" in trends and "2022-T2" in trends
    assert "Kocaeli" in trends  # joined the roster in 2022-T2 and took part
    assert ran(lines).count("02_engagement.ipynb") == 2


def test_index_trends_and_directory_agree_and_link(project):
    import re

    root, _ = project
    rep = root / "reports"
    index = (rep / "index.html").read_text(encoding="utf-8")
    trends = (rep / "trends.html").read_text(encoding="utf-8")
    directory = (rep / "members" / "index.html").read_text(encoding="utf-8")
    assert 'href="members/index.html"' in index and 'href="../index.html"' in directory
    # the rosters: 143 members in January–April, 74 in the May–August fixture
    assert "42 of 74" in index and "46 of 143" in index
    assert "2022-T2: 42 of 74 (57%)" in trends and "2022-T1: 46 of 143 (32%)" in trends
    assert "the roster shrank from 143 to 74 members" in trends
    assert "On the " in trends and "members on both rosters" in trends
    cells = re.findall(r"<tr[^>]*>\n<td><a href=[^>]+>[^<]+</a></td>\n<td>[^<]*</td>\n"
                       r'<td class="num" data-sort="(-?\d+)">[^<]*</td>\n'
                       r'<td class="num" data-sort="(-?\d+)">', directory)  # fmt: skip
    assert sum(1 for a, b in cells if int(b) > 0) == 42  # took part in 2022-T2
    assert sum(1 for a, b in cells if int(a) > 0) == 46  # took part in 2022-T1
    assert sum(1 for a, b in cells if int(b) >= 0) == 74  # on the 2022-T2 roster
    # Shiraz left the roster after 2022-T1: a roster change, not "lapsed"
    changes = trends.split('id="Joined-and-left-the-roster"')[1]
    lapsed = trends.split('id="Newly-engaged-and-lapsed-members"')[1].split(
        'id="Joined-and-left-the-roster"'
    )[0]
    assert "Shiraz" in changes and "Shiraz" not in lapsed
    # challenges, counted by hand: 1.1 in 6 + 4 activities, 1.4 in 7 + 3 (a tie); 2.2 in 2
    # January–April activities and not listed (nor used) in May–August
    words = " ".join(re.sub(r"<[^>]+>", " ", trends).split())
    assert "Challenges 1.1 and 1.4 tie as the most addressed (10 activities each" in words
    assert re.search(r"\b2\.2 2 — ", words)


def test_unchanged_rerun_executes_nothing(rerun):
    root, _ = rerun
    lines: list[str] = []
    build_period("2022-T2", root=root, progress=lines.append)
    assert ran(lines) == []
    assert any("up to date" in ln for ln in lines)
    assert not any("ingest 2022-T2: reading" in ln for ln in lines)


def test_touching_the_raw_report_reexecutes_that_period_only(rerun):
    root, _ = rerun
    raw = next((root / "data" / "raw" / "2022-T1").glob("*.md"))
    os.utime(raw)
    lines: list[str] = []
    build_period("2022-T1", root=root, progress=lines.append)
    assert any("ingest 2022-T1: reading" in ln for ln in lines)
    assert ran(lines) == ["02_engagement.ipynb", "03_coverage.ipynb", "04_quality.ipynb"]
    assert any("rendering reports/trends.html" in ln for ln in lines)
    lines = []
    build_period("2022-T2", root=root, progress=lines.append)
    assert ran(lines) == []


def test_a_changed_notebook_reexecutes_only_that_notebook(rerun):
    root, _ = rerun
    nb = root / "notebooks" / "04_quality.ipynb"
    text = nb.read_text(encoding="utf-8")
    assert STAND_IN_TEXT in text  # the edit below changes the notebook, not its title
    nb.write_text(text.replace(STAND_IN_TEXT, "Changed.", 1), encoding="utf-8")
    lines: list[str] = []
    build_period("2022-T2", root=root, progress=lines.append)
    assert ran(lines) == ["04_quality.ipynb", "04_quality.ipynb"]  # in each period, nothing else
    assert (root / "reports" / "2022-T2" / "02_engagement.html").is_file()


def test_force_reexecutes_everything(rerun):
    root, _ = rerun
    lines: list[str] = []
    build_period("2022-T2", root=root, progress=lines.append, force=True)
    assert ran(lines) == ["02_engagement.ipynb", "03_coverage.ipynb", "04_quality.ipynb"]
    assert any("rendering reports/trends.html" in ln for ln in lines)
    assert any("ingest 2022-T2: reading" in ln for ln in lines)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def _damage(root: Path, period: str) -> None:
    """The period's raw report replaced by one whose cover names no period (the ingest stops)."""
    raw = next((root / "data" / "raw" / period).glob("*.md"))
    raw.write_text("# Progress report\n\nNothing was read.\n", encoding="utf-8")


def test_a_damaged_other_period_keeps_its_last_good_output_marked(rerun):
    root, _ = rerun
    before = {out: _files(root / out / "2022-T1")
              for out in ("reports", "data/processed", "data/interim")}  # fmt: skip
    _damage(root, "2022-T1")
    lines: list[str] = []
    build_period("2022-T2", root=root, progress=lines.append)  # 2022-T2 itself is fine
    warned = [ln for ln in lines if "warning: 2022-T1:" in ln]
    assert len(warned) == 1 and "its last good pages stay, marked" in warned[0]
    for out, files in before.items():
        assert _files(root / out / "2022-T1") == files, out
    index = (root / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Not updated: 1 period(s)" in index and "<li>2022-T1: " in index


def test_report_all_finishes_the_good_periods_and_names_the_damaged_one(rerun):
    from helpers.build import build_all
    from helpers.errors import UserError

    root, _ = rerun
    before = _files(root / "reports" / "2022-T1")
    _damage(root, "2022-T1")
    nb = root / "notebooks" / "04_quality.ipynb"  # a change every period's page depends on
    text = nb.read_text(encoding="utf-8")
    assert STAND_IN_TEXT in text  # the edit below changes the notebook, not its title
    nb.write_text(text.replace(STAND_IN_TEXT, "Changed now.", 1), encoding="utf-8")
    lines: list[str] = []
    with pytest.raises(UserError, match=r"^not updated: 2022-T1 \(see above\); the other 1 "):
        build_all(jobs=2, root=root, progress=lines.append)
    assert sum(ln.startswith("error: 2022-T1: ") for ln in lines) == 1
    assert _files(root / "reports" / "2022-T1") == before
    quality = (root / "reports" / "2022-T2" / "04_quality.html").read_text(encoding="utf-8")
    assert "Changed now." in quality  # 2022-T2 finished with the new notebook
    index = (root / "reports" / "index.html").read_text(encoding="utf-8")
    assert "<li>2022-T1: " in index


def _shown(page: Path) -> str:
    """A page without its stylesheet and scripts (their comments may name a period)."""
    import re

    text = page.read_text(encoding="utf-8")
    return re.sub(r"<(style|script)>.*?</\1>", "", text, flags=re.S)  # the JSON data stays


def test_a_period_whose_raw_folder_is_gone_is_taken_off_every_page(rerun):
    root, _ = rerun
    shutil.rmtree(root / "data" / "raw" / "2022-T2")
    lines: list[str] = []
    build_period("2022-T1", root=root, progress=lines.append)
    said = [ln for ln in lines if "2022-T2: its raw report is gone" in ln]
    assert len(said) == 1 and "data/removed/2022-T2-" in said[0]
    for out in ("reports", "data/processed", "data/interim"):
        assert not (root / out / "2022-T2").exists(), out
    rep = root / "reports"
    for page in ("index.html", "trends.html", "members/index.html", "explorer.html"):
        assert "2022-T2" not in _shown(rep / page), page
    # Kocaeli joined the roster in 2022-T2 (not on the 2022-T1 roster): no profile left
    assert not list((rep / "members").glob("kocaeli*.html"))
    copy = next((root / "data" / "removed").glob("2022-T2-*"))
    assert (copy / "reports" / "02_engagement.html").is_file()
    assert (copy / "data-processed" / "activities.parquet").is_file()


def test_remove_period_keeps_a_copy_that_restores_it(rerun):
    from helpers.build import remove_period

    root, _ = rerun
    assert "2022-T2" in _shown(root / "reports" / "index.html")
    lines: list[str] = []
    where = remove_period("2022-T2", root, progress=lines.append)
    assert not (root / "data" / "raw" / "2022-T2").exists()
    assert "2022-T2" not in _shown(root / "reports" / "index.html")
    assert lines[-1] == (f"==> 2022-T2 removed; to restore it: move {where}/raw back to "
                         "data/raw/2022-T2 and run make report PERIOD=2022-T2")  # fmt: skip
    assert sorted(p.name for p in (root / where).iterdir()) == [
        "data-interim", "data-processed", "raw", "reports"]  # fmt: skip
    (root / where / "raw").rename(root / "data" / "raw" / "2022-T2")  # as the message says
    build_period("2022-T2", root=root, progress=lambda s: None)
    assert "2022-T2/02_engagement.html" in (root / "reports" / "index.html").read_text(
        encoding="utf-8"
    )


def test_remove_period_of_an_unknown_period_is_one_line(rerun):
    from helpers.build import remove_period
    from helpers.errors import UserError

    root, _ = rerun
    with pytest.raises(UserError, match="^2019-T1 is not a period of this project"):
        remove_period("2019-T1", root)
