"""Every line of the README's explore example returns rows on the real 2022-T1 report."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"


def _example_lines() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    block = next(b for b in blocks if "find_activities(" in b)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_readme_example_is_found():
    calls = [line for line in _example_lines() if not line.startswith("from ")]
    assert len(calls) >= 6 and any(
        "filters combine" in line for line in README.read_text().splitlines()
    )


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    from helpers.ingest import ingest_period
    from tests.conftest import new_project

    root = new_project(tmp_path_factory.mktemp("readme"))
    ingest_period("2022-T1", root=root)
    return root


@pytest.mark.parametrize("line", [x for x in _example_lines() if not x.startswith("from ")])
def test_each_readme_example_returns_rows(line, ingested, monkeypatch):
    monkeypatch.setenv("METROPOLIS_ROOT", str(ingested))
    namespace: dict = {}
    exec(next(x for x in _example_lines() if x.startswith("from ")), namespace)
    result = eval(line, namespace)
    if isinstance(result, pd.DataFrame):
        assert len(result) > 0, line
    else:  # load_all(): the tables of every processed period
        assert len(result["activities"]) > 0 and len(result["members"]) > 0, line
