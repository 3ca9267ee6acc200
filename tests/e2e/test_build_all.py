"""`make report-all` (helpers.build.build_all): the notebooks of several periods share one
pool of kernels at once; each period's folder is still swapped into place whole, and a period
that fails keeps its last good report, marked on the index, while the others finish.

The project holds three real raw reports (ingested for real) and small stand-in notebooks
that record when and where they ran, so that the scheduling, not the analysis, is tested."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from helpers.build import build_all
from helpers.errors import UserError
from tests.conftest import copy_project, new_project
from tests.e2e.stand_ins import stand_in_notebooks
from tests.shared import made_once, made_result

# slow: ingests three periods and runs their notebooks
# build_worker_warm: a build run in this process forks its worker from it, warm
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("build_worker_warm")]

PERIODS = ("2022-T1", "2022-T2", "2022-T3")
PAGES = ("02_engagement", "03_coverage", "04_quality")

RECORD = """import json, os, time
from pathlib import Path
marks = Path(os.environ["MARKS"])
(marks / f"{period}-{NAME}").touch()
saw_next = False
if period == "2022-T1" and NAME == "04_quality":  # the last page of the first period waits
    for _ in range(6000):  # for a page of the next period to start (ten minutes at most, so
        # that pages run one after the other fail instead of hanging; a slow kernel is no fail)
        saw_next = any(marks.glob("2022-T2-*"))
        if saw_next:
            break
        time.sleep(0.1)
if period == os.environ.get("FAIL_PERIOD") and NAME == os.environ.get("FAIL_PAGE"):
    raise RuntimeError("this period's page is broken")
print(json.dumps({"period": period, "page": NAME, "pid": os.getpid(), "saw_next": saw_next}))
"""


def _build_three(root: Path) -> list[str]:
    """Three periods with raw reports, the reference data and stand-in notebooks (their marks
    in ``root/marks``), built by one ``build_all`` from nothing; returns its progress lines."""
    new_project(root, PERIODS)
    stand_in_notebooks(root, RECORD)
    (root / "marks").mkdir()
    lines: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METROPOLIS_ROOT", str(root))
        mp.setenv("MARKS", str(root / "marks"))
        build_all(jobs=2, root=root, progress=lines.append)
    return lines


@pytest.fixture(scope="session")
def built_three(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """(root, progress lines) of :func:`_build_three`, made once per test run (both tests
    start from that build). Read only: each test works on its own copy."""
    root = made_once(tmp_path_factory, "built_three_recorded", _build_three)
    return root, made_result(tmp_path_factory, "built_three_recorded")


@pytest.fixture
def project(built_three: tuple[Path, list[str]], tmp_path: Path, monkeypatch) -> Path:
    """A copy of the three periods as the first ``build_all`` left them (the stand-ins'
    marks of that build with them), the environment pointing at it."""
    root = copy_project(built_three[0], tmp_path / "project")
    monkeypatch.setenv("METROPOLIS_ROOT", str(root))
    monkeypatch.setenv("MARKS", str(root / "marks"))
    return root


def _runs(root: Path) -> list[dict]:
    """What each period's stand-in notebooks printed (period, page, kernel pid, times)."""
    out = []
    for period in PERIODS:
        for page in PAGES:
            executed = nbformat.read(root / "reports" / period / f"{page}.ipynb", as_version=4)
            out.append(json.loads(executed.cells[-1].outputs[0]["text"]))
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def test_periods_share_the_pool_at_once_and_each_is_swapped_in_whole(built_three, project):
    lines = list(built_three[1])  # the first build_all's, from nothing (its pages are copied)
    runs = _runs(project)
    assert len({r["pid"] for r in runs}) <= 2  # one pool of two kernels, reused
    # a page of 2022-T2 started while the last page of 2022-T1 was still running
    assert [r["saw_next"] for r in runs if r["page"] == "04_quality"] == [True, False, False]
    for period in PERIODS:
        folder = project / "reports" / period
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        assert summary["executed"] == list(PAGES)
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [f"{page}{ext}" for page in PAGES for ext in (".html", ".ipynb")]
            + ["summary.json", "brief.html", "brief.json"]  # the board brief, its fingerprint
        )
    assert not list((project / "reports").glob(".*partial"))
    assert (project / "reports" / "trends.html").is_file()
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert all(f"{period}/02_engagement.html" in index for period in PERIODS)
    assert sum("wrote reports/index.html" in ln for ln in lines) == 1  # once, at the end
    lines.clear()
    build_all(jobs=2, root=project, progress=lines.append)  # nothing changed: nothing runs
    assert not any("running " in ln for ln in lines)


def test_a_failing_period_keeps_its_last_good_output_marked_and_the_others_finish(
    project, monkeypatch
):
    before = _snapshot(project / "reports")  # as the first build_all left them
    tables = _snapshot(project / "data" / "processed" / "2022-T2")
    monkeypatch.setenv("FAIL_PERIOD", "2022-T2")
    monkeypatch.setenv("FAIL_PAGE", "03_coverage")
    lines: list[str] = []
    with pytest.raises(UserError) as caught:
        build_all(jobs=2, force=True, root=project, progress=lines.append)
    message = str(caught.value)
    assert "\n" not in message
    assert message == "not updated: 2022-T2 (see above); the other 2 periods are published"
    named = [ln for ln in lines if ln.startswith("error: ")]
    assert len(named) == 1 and named[0].startswith("error: 2022-T2: 03_coverage.ipynb failed at")
    assert "2022-T2: 2022-T2" not in named[0]
    after = _snapshot(project / "reports")
    # 2022-T2 keeps its last good pages and tables, whole
    for name, data in before.items():
        if name.startswith("2022-T2/"):
            assert after[name] == data, name
    assert _snapshot(project / "data" / "processed" / "2022-T2") == tables
    # the other periods finished: every page of theirs is new (FORCE ran them again)
    for period in ("2022-T1", "2022-T3"):
        pages = [k for k in after if k.startswith(f"{period}/") and k.endswith(".ipynb")]
        assert len(pages) == 3 and all(after[k] != before[k] for k in pages)
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Not updated: 1 period(s)" in index
    assert "<li>2022-T2: 03_coverage.ipynb failed at cell" in index
    assert index.count("not updated: see the note above") == 1
    assert not list((project / "reports").glob(".*partial"))
    # fixed: the next run brings 2022-T2 up to date and the mark goes
    monkeypatch.delenv("FAIL_PERIOD")
    build_all(jobs=2, root=project, progress=lambda s: None)
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Not updated" not in index and "not updated:" not in index
