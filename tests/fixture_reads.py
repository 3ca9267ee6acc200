"""Committed fixture reports read once per test process: a PDF takes about a second to read
(by its layout, and its text layer for the second reading), and several tests parse the same
one. The same file always gives the same text (helpers.parse.extract; held to it by
tests/parse/test_layouts.py::test_the_pdf_text_is_byte_stable, which compares the shared
reading of a PDF with one made afresh), so a test that is about the tables of a report, not
about reading its file, shares one reading. A test of the reading itself (a damaged file, an
ingest's interim text) reads afresh, as before. The modules about a committed report's
tables, not its parsing's steps, also share its parse (``parsed_fixture``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from helpers.parse.extract import Extracted

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@cache
def _extracted(path: Path) -> Extracted:
    from helpers.parse.extract import extract_text

    return extract_text(path)


def extracted(path: Path) -> Extracted:
    """``extract_text`` of a committed fixture file, read once per test process (frozen: the
    same object for every test). Only files under tests/fixtures, which no test changes."""
    path = Path(path).resolve()
    if not path.is_relative_to(FIXTURES):
        raise ValueError(f"{path} is not a committed fixture: read it afresh")
    return _extracted(path)


def parse_fixture(path: Path, period: str) -> dict[str, pd.DataFrame]:
    """``helpers.ingest.parse_file`` of a committed fixture file, every step as it is but the
    file's text, read once per test process (``extracted``)."""
    from helpers import ingest

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ingest, "extract_text", extracted)
        return ingest.parse_file(path, period)


@cache
def _parsed(path: Path, period: str) -> dict[str, pd.DataFrame]:
    return parse_fixture(path, period)


def parsed_fixture(path: Path, period: str) -> dict[str, pd.DataFrame]:
    """``parse_fixture``, parsed once per test process for each file and period; every call
    gets its own copies of the tables (a test may change them). Parsing is pure (the same text
    gives the same tables, byte for byte once written: tests/tables/test_storage_cli.py), so
    the modules that check what a committed report's tables hold share one parse
    (tests/parse/test_layouts.py, fixture_accuracy, tests/tables/test_locations.py, the PDFs
    of tests/parse/layout/test_designed_pdfs.py and tests/parse/test_pdf_and_sections.py).
    Never for a test `make mutation` runs: a mutant must be parsed with, never answered from
    the unmutated code's tables."""
    path = Path(path).resolve()
    if not path.is_relative_to(FIXTURES):
        raise ValueError(f"{path} is not a committed fixture: parse it afresh")
    return {name: df.copy(deep=True) for name, df in _parsed(path, period).items()}
