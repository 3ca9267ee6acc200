"""The same report in every layout this project supports gives the same tables.

- 2022-T1: the real markdown export, its PDF (tests/fixtures/pdf, made by make_pdfs.py) and
  every layout variant (tests/fixtures/layouts, made by make_variants.py) give identical
  tables, source lines aside (they point into each layout's own text). The markdown's
  tables are held to what a person reads in the report by tests/tables/test_ingest_2022t1.py
  (counts, names, codes and dates read by hand), so a bug that hits every layout the same
  way fails there.
- The made-up periods: each variant and PDF scores 100% on every field of the hand-written
  expectations (expected.json).
"""

import pandas as pd
import pytest

from tests.conftest import FIXTURES, REPORT_2022T1
from tests.fixture_reads import extracted, parsed_fixture
from tests.parse.fixture_accuracy import score

VARIANTS = sorted(p.stem for p in (FIXTURES / "layouts" / "2022-T1").glob("*.txt"))
# the order of roster names read from a column-major grid cannot be recovered
ORDER_FREE = {"columns": {"members"}}


@pytest.fixture(scope="module")
def md_tables():
    """The markdown export's tables (``parse_file``, parsed once per test process)."""
    return parsed_fixture(REPORT_2022T1, "2022-T1")


def _comparable(df: pd.DataFrame, name: str, order_free: set[str]) -> pd.DataFrame:
    df = df.drop(columns=["source_line"], errors="ignore").reset_index(drop=True)
    if name == "activities":  # paragraph breaks exist only where the layout has blank lines
        df = df.assign(description=df["description"].str.split().str.join(" "))
    if name in order_free:
        df = df.sort_values(list(df.columns)).reset_index(drop=True)
    return df


PDF = pytest.param("pdf", marks=pytest.mark.slow)  # reading a PDF takes seconds


@pytest.mark.parametrize("layout", [PDF, *VARIANTS])
def test_2022t1_every_layout_gives_identical_tables(md_tables, layout):
    path = (
        FIXTURES / "pdf" / "2022-T1.pdf"
        if layout == "pdf"
        else FIXTURES / "layouts" / "2022-T1" / f"{layout}.txt"
    )
    got = parsed_fixture(path, "2022-T1")
    free = ORDER_FREE.get(layout, set())
    for name, df in md_tables.items():
        if name == "quality":
            continue
        pd.testing.assert_frame_equal(
            _comparable(got[name], name, free), _comparable(df, name, free), obj=name
        )


@pytest.mark.parametrize("period", ["2022-T2", "2022-T3", "2023-T1"])
@pytest.mark.parametrize("layout", [PDF, *VARIANTS])
def test_made_up_periods_score_100_percent_in_every_layout(period, layout):
    path = (
        FIXTURES / "pdf" / f"{period}.pdf"
        if layout == "pdf"
        else FIXTURES / "layouts" / period / f"{layout}.txt"
    )
    accuracy = score(period, path)
    low = {k: round(v, 3) for k, v in accuracy.items() if v < 1}
    assert not low, f"{period} {layout}: {low}"
    assert len(accuracy) >= 20


@pytest.mark.slow  # reads the PDF (twice when no test of this process has read it yet)
def test_the_pdf_text_is_byte_stable():
    """Two readings of the PDF in one process give the same text: the one this process made
    first (tests/fixture_reads.py; made here when no test read the PDF before) and one made
    afresh now."""
    from helpers.parse.extract import extract_text

    pdf = FIXTURES / "pdf" / "2022-T1.pdf"
    first, second = extracted(pdf), extract_text(pdf)
    assert first is not second  # two readings, never one object compared with itself
    assert first == second and first.extractor == "layout" and first.version
