"""Time to read a PDF by its layout, beside the plain text extraction (pypdf) and the parse
of the markdown export, in one run; scaled to 30 pages (the aim: at most 1 s).

    .venv/bin/python bench/bench_layout.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from helpers.ingest import parse_report
from helpers.parse.extract import pdf_text
from helpers.parse.layout import read_layout

ROOT = Path(__file__).resolve().parents[1]
PDFS = [
    ROOT / "tests/fixtures/pdf/2022-T1.pdf",
    *sorted((ROOT / "tests/fixtures/designed").glob("*/2022-T1.pdf")),
]
MARKDOWN = next((ROOT / "tests/fixtures/reports/2022-T1").glob("*.md"))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    md = MARKDOWN.read_text(encoding="utf-8")
    parse_md = best(lambda: parse_report(md, "2022-T1"), args.repeat)
    print(f"{'2022-T1 PDF':40s} {'pages':>5s} {'layout s':>9s} {'per 30 p':>9s} {'pypdf s':>8s}")
    for pdf in PDFS:
        pages = read_layout(pdf).pages
        lay = best(lambda p=pdf: read_layout(p), args.repeat)
        plain = best(lambda p=pdf: pdf_text(p), args.repeat)
        name = str(pdf.relative_to(ROOT / "tests/fixtures"))
        print(f"{name:40s} {pages:5d} {lay:9.3f} {lay * 30 / pages:9.3f} {plain:8.3f}")
    print(f"parse of the markdown export (2022-T1): {parse_md:.3f} s")


if __name__ == "__main__":
    main()
