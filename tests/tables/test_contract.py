"""The table contract's names (helpers.tables.contract) are the schemas', and the modules the
report pages and kernels import do not load pandera or matplotlib for them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.tables import contract, schemas


def test_the_contract_lists_the_schemas_tables_in_their_order():
    assert list(schemas.SCHEMAS) == contract.TABLES


def test_the_allowed_values_are_those_the_schemas_check():
    for table, model in schemas.SCHEMAS.items():
        checked = {
            name: list(check.statistics["allowed_values"])
            for name, column in model.to_schema().columns.items()
            for check in column.checks
            if check.name == "isin"
        }
        assert checked == contract.ALLOWED.get(table, {}), table


def test_loaded_tables_are_categorical_with_the_contract_values():
    from helpers.analysis.explore import CATEGORIES

    assert list(CATEGORIES["quality"]["severity"].categories) == ["error", "warning", "info"]
    assert CATEGORIES["quality"]["severity"].ordered  # errors sort first
    assert list(CATEGORIES["members"]["region"].categories) == contract.REGIONS
    assert not CATEGORIES["members"]["region"].ordered


def _loaded(*modules: str) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.slow  # a subprocess
def test_member_pages_and_analysis_load_neither_pandera_nor_matplotlib():
    loaded = _loaded(
        "helpers.report.member_pages",
        "helpers.analysis.engagement",
        "helpers.analysis.coverage",
        "helpers.analysis.explore",
        "helpers.analysis.trends",  # its figures are drawn by helpers.show.trend_plots
        "helpers.analysis.brief",
        "helpers.analysis.members",
        "helpers.analysis.quality",
    )
    assert "pandas" in loaded  # the check sees what was imported
    assert not loaded & {"pandera", "matplotlib", "seaborn"}
