"""The bench scripts time the committed fixtures, not the officer's data: run from a copy of
the project that has no data/raw/ at all, they still print their figures (issue 19)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture
def no_raw(tmp_path: Path) -> Path:
    """bench/, the fixture reports and PDF and the reference data; no data/raw/, no
    data/processed/."""
    shutil.copytree(ROOT / "bench", tmp_path / "bench")
    shutil.copytree(ROOT / "tests" / "fixtures" / "reports", tmp_path / "tests/fixtures/reports")
    (tmp_path / "tests/fixtures/pdf").mkdir()
    shutil.copy(ROOT / "tests/fixtures/pdf/2022-T1.pdf", tmp_path / "tests/fixtures/pdf")
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "data" / "reference")
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    return tmp_path


def bench(root: Path, script: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "METROPOLIS_ROOT": str(root)}
    done = subprocess.run([sys.executable, str(root / "bench" / script), *args], cwd=root,
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow  # subprocesses, a PDF read
def test_bench_scripts_read_the_fixtures_without_data_raw(no_raw):
    out = bench(no_raw, "bench_ingest.py", "--repeat", "1")
    assert "report: fixture metropolis_progress_report_2022-T1.md" in out
    out = bench(no_raw, "bench_parse.py", "--repeat", "1")
    assert "extract the PDF's text only (floor)" in out and "parse the markdown export" in out
    assert not (no_raw / "data" / "raw").exists()


@pytest.mark.slow  # a subprocess
def test_a_period_without_a_fixture_is_one_line(no_raw):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, str(no_raw / "bench" / "bench_ingest.py"), "--period",
                           "2031-T1"], env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"no fixture report for 2031-T1 in {no_raw / 'tests/fixtures/reports'}: choose one of "
        "2022-T1, 2022-T2, 2022-T3, 2023-T1"
    ]


def _mutation_summary():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "mutation_summary", ROOT / "bench/mutation_summary.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_mutation_runs_scope_and_tests_match_the_code():
    # a module moved (display.py into a subpackage) or a test file renamed is caught here,
    # not hours into `make mutation`
    m = _mutation_summary()
    assert m.config_problems() == []
    assert m.DISPLAY == "helpers.show.display"
    key = "helpers.parse.layout.boxes.x\u01c1Rect\u01c1holds__mutmut_3"
    assert m.split_key(key) == ("helpers.parse.layout.boxes", "Rect.holds")
    assert "helpers.parse.layout.boxes.x\u01c1Rect\u01c1holds__mutmut_*" in m.globs()
    assert m.in_scope("helpers.parse.layout", "body_size")
    assert m.in_scope(*m.split_key("helpers.parse.layout.order.x__cut__mutmut_1"))
    # what opens a PDF file is left to the integration tests
    assert not m.in_scope(*m.split_key("helpers.parse.layout.glyphs.x_page_words__mutmut_1"))


def test_the_mutation_summary_counts_killed_of_all_and_says_what_was_not_run():
    m = _mutation_summary()
    key = "helpers.build.x__ingest_is_current__mutmut_{}"
    full = {key.format(1): 1, key.format(2): 0, key.format(3): 36, key.format(4): 0}
    lines = m.summary(full)
    assert "not run" not in lines[0]
    assert lines[-1] == "killed 2 of 4 mutants (50.0%)"
    stopped = {**full, key.format(5): None, key.format(6): None}
    lines = m.summary(stopped)
    build = next(line for line in lines if line.strip().startswith("helpers.build "))
    assert build.split() == ["helpers.build", "2", "6", "33.3", "2", "50.0"]
    assert lines[-1] == (
        "killed 2 of 6 mutants (33.3%); 2 not run: the run was stopped before its end"
    )
