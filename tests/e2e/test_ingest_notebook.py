"""notebooks/01_ingest.ipynb runs top to bottom with papermill (in a temporary project)."""

import json

import pytest

from helpers.ingest import table_summary
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "01_ingest.ipynb"


def test_table_summary_names_every_table_and_its_grain(t1):
    s = table_summary(t1).set_index("table")
    assert s.loc["activities", "rows"] == 21
    assert (
        s.loc["participation", "one row per"]
        == "(activity, participant name) from the activity's Members label"
    )


def test_notebook_is_thin_and_saved_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert not any("def " in "".join(c["source"]) for c in code)


@pytest.mark.slow
def test_notebook_runs_with_papermill(tmp_root, monkeypatch):
    import papermill as pm

    from helpers.report.render import kernel_name

    monkeypatch.setenv("METROPOLIS_ROOT", str(tmp_root))  # the kernel inherits it
    out = pm.execute_notebook(str(NOTEBOOK), str(tmp_root / "out.ipynb"), parameters={"period": "2022-T1"},
                              kernel_name=kernel_name(), progress_bar=False, cwd=str(tmp_root))  # fmt: skip
    assert (tmp_root / "data" / "processed" / "2022-T1" / "activities.parquet").is_file()
    html = "".join(
        o.get("data", {}).get("text/html", "") for c in out.cells for o in c.get("outputs", [])
    )
    assert "Tables written for 2022-T1" in html and "participation" in html
