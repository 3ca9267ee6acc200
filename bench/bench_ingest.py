"""Median time to parse, validate and write one report (prints figures; asserts nothing).
The report is the period's committed fixture (tests/fixtures/reports/), not data/raw/.

.venv/bin/python bench/bench_ingest.py [--period 2022-T1] [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fixture_project import project

from helpers.ingest import parse_report, read_report_text
from helpers.periods import find_report, parse_period


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--period", default="2022-T1")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    per = parse_period(args.period)
    parse_s, write_s = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), (per.id,), notebooks=False)  # a period without a fixture stops
        # imported here, so a stopped run imports no pandas, and before the timing: the table
        # builders parse_report imports on its first call are not counted in its first run
        import helpers.tables.activities
        import helpers.tables.alliances
        import helpers.tables.checks
        import helpers.tables.listings
        import helpers.tables.locations
        import helpers.tables.names
        import helpers.tables.schemas  # noqa: F401
        from helpers.tables.storage import write_tables

        path = find_report(per, root)
        size = path.stat().st_size
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            tables = parse_report(read_report_text(path), per.id, root=root)  # parse + validate
            t1 = time.perf_counter()
            write_tables(tables, per, path, root)
            t2 = time.perf_counter()
            parse_s.append(t1 - t0)
            write_s.append(t2 - t1)
    total = [a + b for a, b in zip(parse_s, write_s, strict=True)]
    print(f"report: fixture {path.name} ({size / 1024:.0f} KiB), {args.repeat} runs")
    print(f"parse+validate median: {statistics.median(parse_s) * 1000:.0f} ms")
    print(f"write (parquet, csv, xlsx) median: {statistics.median(write_s) * 1000:.0f} ms")
    print(f"total median: {statistics.median(total) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
