"""Time to read a report: a text export, its PDF, and the PDF's text extraction alone (the
floor a PDF parse cannot go under). Prints medians side by side; asserts nothing. Both are
the committed fixtures of 2022-T1 (tests/fixtures/reports/ and tests/fixtures/pdf/).

.venv/bin/python bench/bench_parse.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from fixture_project import ROOT, report

from helpers.ingest import parse_file
from helpers.parse.extract import extract_text

TEXT = report("2022-T1")
PDF = ROOT / "tests" / "fixtures" / "pdf" / "2022-T1.pdf"


def median_ms(job: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(min, median, max) wall time of `job` in ms over `repeat` runs, after one warm-up."""
    job()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        job()
        runs.append((time.perf_counter() - t0) * 1000)
    return min(runs), statistics.median(runs), max(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    rows = [
        ("extract the PDF's text only (floor)", lambda: extract_text(PDF)),
        ("parse the PDF (extract + parse + validate)", lambda: parse_file(PDF, "2022-T1")),
        ("parse the markdown export", lambda: parse_file(TEXT, "2022-T1")),
    ]
    results = {name: median_ms(job, args.repeat) for name, job in rows}
    floor = results[rows[0][0]][1]
    print(f"2022-T1: {_size(PDF)} PDF, {_size(TEXT)} markdown; {args.repeat} runs each (ms)")
    print(f"{'':46} {'min':>7} {'median':>7} {'max':>7}  vs floor")
    for name, (lo, mid, hi) in results.items():
        print(f"{name:46} {lo:7.0f} {mid:7.0f} {hi:7.0f}  {mid / floor:5.2f}x")
    pdf, text = results[rows[1][0]][1], results[rows[2][0]][1]
    print(f"parsing the PDF costs extraction + {pdf - floor:.0f} ms; the text export {text:.0f} ms")


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} KiB"


if __name__ == "__main__":
    main()
