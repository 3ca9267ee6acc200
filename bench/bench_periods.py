"""Rerun and multi-period timings, each beside its bar (prints figures; asserts nothing).

In a temporary project holding the real 2022-T1 report and the made-up 2022-T2 and 2022-T3
fixtures, times: a first `python -m helpers report` of one period, the same command again
with nothing changed (bar 0.3 s), and `report-all --force` over 3 periods. Then, in a project
of 30 periods (the same three reports with every year shifted, 2013-T1 … 2022-T3), a forced
`report-all` (bar 90 s on 2 cores) and an unchanged one.

    .venv/bin/python bench/bench_periods.py [--skip-30]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(root: Path, *args: str) -> float:
    env = {**os.environ, "METROPOLIS_ROOT": str(root)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "helpers", *args], check=True, env=env,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - t0


SOURCES = {
    "T1": ROOT / "data" / "raw" / "2022-T1" / "metropolis_progress_report_2022-T1.md",
    "T2": ROOT / "tests/fixtures/reports/2022-T2/metropolis_progress_report_2022-T2.md",
    "T3": ROOT / "tests/fixtures/reports/2022-T3/metropolis_progress_report_2022-T3.md",
}
YEAR = re.compile(r"\b20(1[0-9]|2[0-9])\b")


def thirty_periods(root: Path) -> list[str]:
    """2013-T1 … 2022-T3: the three reports with every year shifted by the same amount."""
    made = []
    for year in range(2013, 2023):
        shift = year - 2022
        for term, src in SOURCES.items():
            period = f"{year}-{term}"
            text = YEAR.sub(lambda m, d=shift: str(int(m.group(0)) + d), src.read_text("utf-8"))
            (root / "data" / "raw" / period).mkdir(parents=True)
            (root / "data" / "raw" / period / f"report_{period}.md").write_text(text, "utf-8")
            made.append(period)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-30", action="store_true", help="only the 3-period figures")
    args = parser.parse_args()
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "data" / "raw" / "2022-T1", root / "data" / "raw" / "2022-T1")
        for period in ("2022-T2", "2022-T3"):
            src = ROOT / "tests" / "fixtures" / "reports" / period
            (root / "data" / "raw" / period).mkdir(parents=True)
            shutil.copy(next(src.glob("*.md")), root / "data" / "raw" / period)
        shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
        first = run(root, "report", "--period", "2022-T1")
        again = min(run(root, "report", "--period", "2022-T1") for _ in range(3))
        print(f"first report of one period:          {first:6.2f} s")
        print(f"unchanged rerun (best of 3):         {again:6.2f} s  (bar 0.30 s: "
              f"{'ok' if again <= 0.3 else 'over the bar'})")  # fmt: skip
        three = run(root, "report-all", "--force")
        print(f"report-all --force, 3 periods:       {three:6.2f} s")
    if args.skip_30:
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        periods = thirty_periods(root)
        full = run(root, "report-all", "--force")
        print(f"report-all --force, {len(periods)} periods:      {full:6.2f} s  (bar 90 s on 2 cores,"
              f" here {cores}: {'ok' if full <= 90 else 'over the bar'})")  # fmt: skip
        unchanged = run(root, "report-all")
        print(f"report-all, {len(periods)} periods, unchanged:   {unchanged:6.2f} s")


if __name__ == "__main__":
    main()
