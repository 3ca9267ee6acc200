"""Rerun and multi-period timings, each beside its bar (prints figures; asserts nothing).

In a temporary project holding the committed fixture reports (tests/fixtures/reports/) of
2022-T1 (the real report's markdown export), 2022-T2 and 2022-T3 (made up), times: a first
`python -m helpers report` of one period, the same command again with nothing changed (bar
0.3 s), and `report-all --force` over 3 periods. Then, in a project of 30 periods (the same
three reports with every year shifted, 2013-T1 … 2022-T3), a forced `report-all` (bar 90 s on
2 cores), an unchanged one, and an unchanged `report` of the last period (bar 0.3 s).

Other work on the machine slows everything down, so each figure is printed with the load
average at the time and the CPU seconds the command and its kernels used, and the 30-period
run also beside the floor of bench_report.py (4 minimal chart notebooks, papermill + nbconvert,
one process) measured just before and after it: on a quiet 2-core machine that floor is about
7.7 s, so the 90 s bar is about 11.7 floors.

    .venv/bin/python bench/bench_periods.py [--skip-30]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fixture_project import project, report

QUIET_FLOOR = 7.66  # s: bench_report.py's floor on a quiet 2-core machine
BAR_30 = 90.0


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def run(root: Path, *args: str) -> float:
    """Wall seconds of `python -m helpers *args` in project `root`; sets LAST (load, CPU s)."""
    env = {**os.environ, "METROPOLIS_ROOT": str(root)}
    load, cpu = os.getloadavg()[0], _cpu()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "helpers", *args], check=True, env=env,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    took = time.perf_counter() - t0
    LAST[:] = [max(load, os.getloadavg()[0]), _cpu() - cpu]
    return took


LAST: list[float] = [0.0, 0.0]


def where() -> str:
    """The load average (1 min, the higher of before and after) and CPU seconds of the last run."""
    return f"[load {LAST[0]:.1f}, {LAST[1]:.1f} s CPU]"


def floor() -> float:
    """bench_report.py's floor (4 minimal chart notebooks), in a fresh process."""
    from bench_report import _run_floor

    from helpers.report.render import kernel_name

    return _run_floor(4, kernel_name())["seconds"]


SOURCES = {term: report(f"2022-{term}") for term in ("T1", "T2", "T3")}
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
    project(root, ())  # the reference data and the notebooks
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-30", action="store_true", help="only the 3-period figures")
    args = parser.parse_args()
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), ("2022-T1", "2022-T2", "2022-T3"))
        first = run(root, "report", "--period", "2022-T1")
        print(f"first report of one period:          {first:6.2f} s  {where()}")
        again = []
        for _ in range(3):
            again.append(run(root, "report", "--period", "2022-T1"))
        best = min(again)
        print(f"unchanged rerun (best of 3):         {best:6.2f} s  (bar 0.30 s: "
              f"{'ok' if best <= 0.3 else 'over the bar'}) {where()}")  # fmt: skip
        three = run(root, "report-all", "--force")
        print(f"report-all --force, 3 periods:       {three:6.2f} s  {where()}")
    if args.skip_30:
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        periods = thirty_periods(root)
        before = floor()
        full = run(root, "report-all", "--force")
        load, cpu = LAST
        after = floor()
        f = (before + after) / 2
        print(f"report-all --force, {len(periods)} periods:      {full:6.2f} s  (bar {BAR_30:.0f} s on 2 "
              f"cores, here {cores}: {'ok' if full <= BAR_30 else 'over the bar'}) "
              f"[load {load:.1f}, {cpu:.1f} s CPU]")  # fmt: skip
        print(
            f"  beside the floor (4 minimal notebooks) {before:.2f} s before, {after:.2f} s "
            f"after: {full / f:.1f} floors (bar {BAR_30 / QUIET_FLOOR:.1f} floors = "
            f"{BAR_30:.0f} s / {QUIET_FLOOR} s quiet floor: "
            f"{'ok' if full / f <= BAR_30 / QUIET_FLOOR else 'over the bar'}); "
            f"CPU {cpu:.0f} s / {cores} cores = {cpu / (cores or 1):.0f} s if the cores were ours"
        )
        unchanged = run(root, "report-all")
        print(f"report-all, {len(periods)} periods, unchanged:   {unchanged:6.2f} s  {where()}")
        last = periods[-1]
        again = min(run(root, "report", "--period", last) for _ in range(3))
        print(f"report {last}, {len(periods)} periods, unchanged (best of 3): {again:6.2f} s  "
              f"(bar 0.30 s: {'ok' if again <= 0.3 else 'over the bar'}) {where()}")  # fmt: skip


if __name__ == "__main__":
    main()
