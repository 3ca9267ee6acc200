"""A forced full `make report` against the floor, in one run. Prints both, their ratio (bar
1.0×, aim 0.8×) and the weight of every page (bar 400 KB).

    .venv/bin/python bench/bench_report.py [--period 2022-T1] [--repeat 3]

- report: `python -m helpers report --period P --force` in a temporary project made from the
  period's committed fixture report (tests/fixtures/reports/), the reference data and the
  notebooks (ingest, the period's notebooks, the trends page and the index), timed as a whole
  command.
- floor: the same number of notebooks (the period's plus trends), each a minimal chart
  notebook (import matplotlib, draw one bar chart), run with papermill and exported with
  nbconvert's HTMLExporter one after the other in one fresh Python process, timed from before
  its imports to the last file written.

Both are fresh processes measured the same way, interleaved, so drifting load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fixture_project import project

BAR, AIM, PAGE_KB = 1.0, 0.8, 400

CHART = """import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from IPython.display import display
fig, ax = plt.subplots(figsize=(6, 3))
ax.bar(["a", "b", "c"], [3, 1, 2])
ax.set_title(period)
display(fig)
plt.close(fig)
"""


def _floor(work: Path, count: int, kernel: str) -> dict[str, float]:
    t0 = time.perf_counter()
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    exporter = HTMLExporter()
    for i in range(count):
        nb = nbformat.v4.new_notebook(
            metadata={"kernelspec": {"name": kernel, "display_name": kernel, "language": "python"}}
        )
        params = nbformat.v4.new_code_cell('period = "2022-T1"')
        params.metadata["tags"] = ["parameters"]
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# Minimal chart {i}"),
            params,
            nbformat.v4.new_code_cell(CHART),
        ]
        src = work / f"minimal_{i}.ipynb"
        nbformat.write(nb, src)
        executed = pm.execute_notebook(
            str(src),
            str(work / f"minimal_{i}.out.ipynb"),
            parameters={"period": "2022-T1"},
            kernel_name=kernel,
            progress_bar=False,
        )
        body, _ = exporter.from_notebook_node(executed)
        (work / f"minimal_{i}.html").write_text(body, encoding="utf-8")
    return {"seconds": time.perf_counter() - t0}


def _report(period: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        root = project(Path(tmp), (period,))
        env = {**os.environ, "METROPOLIS_ROOT": str(root)}
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "helpers", "report", "--period", period, "--force"],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        seconds = time.perf_counter() - t0
        pages = {
            str(p.relative_to(root / "reports")): p.stat().st_size
            for p in sorted((root / "reports").rglob("*.html"))
        }
    return {"seconds": seconds, "pages": pages}


def _run_floor(count: int, kernel: str) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--floor", str(count), "--kernel", kernel]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"floor run failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2022-T1")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--floor", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--kernel", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
            print(json.dumps(_floor(Path(tmp), args.floor, args.kernel)))
        return

    from helpers.periods import parse_period
    from helpers.report.render import ANALYSIS_NOTEBOOKS, kernel_name

    period = parse_period(args.period).id
    kernel = kernel_name()
    count = len(ANALYSIS_NOTEBOOKS) + 1  # the period's notebooks and the trends page
    report, floor, loads = [], [], [os.getloadavg()[0]]
    for _ in range(args.repeat):
        report.append(_report(period))
        loads.append(os.getloadavg()[0])
        floor.append(_run_floor(count, kernel))
        loads.append(os.getloadavg()[0])
    r = statistics.median(x["seconds"] for x in report)
    f = statistics.median(x["seconds"] for x in floor)
    print(f"forced full report of {period} (`python -m helpers report --force`): {r:6.2f} s")
    print(f"floor: {count} minimal chart notebooks, papermill + nbconvert: {f:6.2f} s")
    verdict = "ok" if r / f <= BAR else "over the bar"
    print(f"ratio: {r / f:.2f}× the floor (bar {BAR}×, aim {AIM}×: {verdict}); "
          f"median of {args.repeat}, kernel {kernel}, {os.cpu_count()} cores")  # fmt: skip
    print("  report runs: " + ", ".join(f"{x['seconds']:.2f}" for x in report))
    print("  floor runs:  " + ", ".join(f"{x['seconds']:.2f}" for x in floor))
    print("  load average (1 min) between runs: " + ", ".join(f"{x:.1f}" for x in loads))
    print(f"page weights (bar {PAGE_KB} KB):")
    for name, size in report[-1]["pages"].items():
        kb = size / 1024
        print(f"  {name:<28} {kb:7.1f} KB  {'ok' if kb <= PAGE_KB else 'over the bar'}")


if __name__ == "__main__":
    main()
