"""The activity explorer's page weight over 30 periods, beside its 400 KB bar (prints figures;
asserts nothing).

The 30 periods are the three fixture reports (2022-T1, and the made-up 2022-T2 and 2022-T3)
with every year shifted, 2013-T1 … 2022-T3, as bench_periods.py makes them; each is parsed in
memory (no project, no notebooks) and the explorer page is made from the stacked tables, as
``reports/explorer.html`` is. The page's script is measured beside the smallest table
library considered (docs/rendering.md).

    .venv/bin/python bench/bench_explorer.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

REPORTS = ROOT / "tests" / "fixtures" / "reports"
SOURCES = {term: next((REPORTS / f"2022-{term}").glob("*.md")) for term in ("T1", "T2", "T3")}
YEAR = re.compile(r"\b20(1[0-9]|2[0-9])\b")
BAR_KB = 400
LIST_JS_KB = 19.0  # list.js 2.3.1, dist/list.min.js (19,487 bytes), the smallest considered


def thirty_periods() -> dict[str, str]:
    """Period id → report text: the three reports with every year shifted by the same amount."""
    texts = {}
    for year in range(2013, 2023):
        for term, src in SOURCES.items():
            text = YEAR.sub(lambda m, d=year - 2022: str(int(m[0]) + d), src.read_text("utf-8"))
            texts[f"{year}-{term}"] = text
    return texts


def stacked(texts: dict[str, str]):
    """The tables of every period, stacked with a period column, as helpers.load_all gives."""
    import pandas as pd

    from helpers.analysis.explore import Tables
    from helpers.ingest import parse_report
    from helpers.periods import parse_period

    parts: dict[str, list[pd.DataFrame]] = {}
    for period, text in texts.items():
        for name, df in parse_report(text, period).items():
            df = df if "period" in df.columns else df.assign(period=period)
            parts.setdefault(name, []).append(df.assign(period=period))
    frames = {name: pd.concat(dfs, ignore_index=True) for name, dfs in parts.items()}
    periods = [parse_period(p) for p in texts]
    return Tables(frames, periods, ROOT, stacked=True)


def main() -> None:
    from helpers.report.constants import TEMPLATE_DIR
    from helpers.report.explorer import explorer_html
    from helpers.tables.names import load_aliases

    texts = thirty_periods()
    t0 = time.perf_counter()
    t = stacked(texts)
    parsed = time.perf_counter() - t0
    t0 = time.perf_counter()
    page = explorer_html(t, load_aliases(ROOT))
    made = time.perf_counter() - t0
    size = len(page.encode("utf-8")) / 1024
    data = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.S)
    data_kb = len(data[1].encode("utf-8")) / 1024 if data else float("nan")
    script = sum(
        (TEMPLATE_DIR / "metropolis" / f).stat().st_size for f in ("fold.js", "explorer.js")
    )
    print(f"explorer, 30 periods ({len(t['activities'])} activities; parsed in {parsed:.1f} s, "
          f"page made in {made:.2f} s)")  # fmt: skip
    print(f"  page {size:.1f} KB (bar {BAR_KB} KB): {'under' if size < BAR_KB else 'OVER'} the bar")
    print(f"  of which the data {data_kb:.1f} KB, the filter script {script / 1024:.1f} KB "
          f"(list.js alone: {LIST_JS_KB:.1f} KB minified)")  # fmt: skip


if __name__ == "__main__":
    main()
