"""Rerun and multi-period timings (prints figures; asserts nothing).

In a temporary project holding the real 2022-T1 report and the made-up 2022-T2 and 2022-T3
fixtures, times: a first `python -m helpers report` of one period, the same command again
with nothing changed, and `report-all --force` with 1 job (sequential) and with 2 (parallel).

    .venv/bin/python bench/bench_periods.py
"""

from __future__ import annotations

import os
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


def main() -> None:
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
        again = run(root, "report", "--period", "2022-T1")
        print(f"first report of one period:        {first:6.2f} s")
        print(
            f"unchanged rerun (whole command):   {again:6.2f} s  ({again / first:.1%} of the first run)"
        )
        seq = run(root, "report-all", "--jobs", "1", "--force")
        par = run(root, "report-all", "--jobs", "2", "--force")
        print(f"report-all, 3 periods, sequential: {seq:6.2f} s")
        print(
            f"report-all, 3 periods, 2 jobs:     {par:6.2f} s  (speed-up {seq / par:.2f}x on {os.cpu_count()} cores)"
        )
        unchanged_all = run(root, "report-all", "--jobs", "2")
        print(f"report-all, nothing changed:       {unchanged_all:6.2f} s")


if __name__ == "__main__":
    main()
