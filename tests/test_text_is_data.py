"""Report text is data everywhere: never math in a chart, never a formula in a spreadsheet."""

import io

from helpers.ingest import parse_report
from tests.conftest import mini_report

DOLLARS = """15–16 February

FUND RAISING RETREAT

Text.

Members
Seoul

Outcomes
L1A2D4

Alliances
cost: $2^$, budget $5 and $10, =HYPERLINK("http://x","y")
"""


def test_dollar_signs_in_chart_text_are_drawn_as_written():
    from helpers.show.plots import plot_alliances

    t = parse_report(mini_report(DOLLARS), "2022-T1")
    fig = plot_alliances(t)
    fig.savefig(io.BytesIO(), format="png")  # mathtext would raise on `$2^$`
    labels = [tx.get_text() for ax in fig.axes for tx in ax.get_yticklabels()]
    assert "budget $5 and $10" in labels and "cost: $2^$" in labels
    texts = [tx for ax in fig.axes for tx in ax.get_yticklabels()]
    assert not any(tx.get_parse_math() for tx in texts)


def test_spreadsheet_cells_are_never_formulas_and_the_workbook_is_byte_stable(tmp_root):
    import hashlib
    import json

    import openpyxl

    from helpers.ingest import ingest_period

    raw = next((tmp_root / "data" / "raw" / "2022-T1").glob("*.md"))
    text = raw.read_text(encoding="utf-8").replace(
        "Alliances\nUCLG – MEWA", 'Alliances\n=HYPERLINK("http://x","y"), UCLG – MEWA'
    )
    raw.write_text(text, encoding="utf-8")
    ingest_period("2022-T1", tmp_root, progress=lambda s: None)
    out = tmp_root / "data" / "processed" / "2022-T1"
    ws = openpyxl.load_workbook(out / "2022-T1.xlsx")["activity_alliances"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    csv = (out / "activity_alliances.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in csv and "\n2022-T1-01,=" not in csv
    first = hashlib.sha256((out / "2022-T1.xlsx").read_bytes()).hexdigest()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["2022-T1.xlsx"] == first
    assert set(manifest["files"]) >= {"activities.parquet", "activities.csv"}
    ingest_period("2022-T1", tmp_root, progress=lambda s: None)
    assert hashlib.sha256((out / "2022-T1.xlsx").read_bytes()).hexdigest() == first
