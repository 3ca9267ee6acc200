"""Time a full report render against the floor: the same number of minimal notebooks run through
papermill + nbconvert in one process. Prints both and their ratio (target: at most 1.2×).

    PYTHONPATH=src .venv/bin/python bench/bench_report.py [--period 2022-T1] [--repeat 3]

Each measurement is a fresh Python process timed from before its imports to the last file
written, so both sides pay the same start-up costs. The report side renders into a temporary
copy of the project (your reports/ folder is not touched); the period must have been ingested.
Both sides skip the same slow optional import (see helpers.report.render._skip_slow_optional_import).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.2


def _report(period: str, work: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    from helpers.periods import processed_dir, raw_dir
    from helpers.report.render import ANALYSIS_NOTEBOOKS, render_period

    root = work / "project"
    for src in (processed_dir(period, ROOT), raw_dir(period, ROOT)):
        if src.is_dir():
            shutil.copytree(src, root / src.relative_to(ROOT))
    (root / "pyproject.toml").write_text("[project]\nname = 'bench'\n")
    out = render_period(
        period, progress=lambda _: None, root=root, notebooks_dir=ROOT / "notebooks"
    ).path
    seconds = time.perf_counter() - t0
    cells = 0.0  # time the notebooks' own cells took (analyses, figures), from papermill
    for name in ANALYSIS_NOTEBOOKS:
        nb = json.loads((out / f"{name}.ipynb").read_text(encoding="utf-8"))
        cells += sum(c["metadata"].get("papermill", {}).get("duration") or 0 for c in nb["cells"])
    return {"seconds": seconds, "cells": cells, "notebooks": len(ANALYSIS_NOTEBOOKS)}


def _minimal(period: str, work: Path, count: int, kernel: str) -> dict[str, float]:
    t0 = time.perf_counter()
    from helpers.report.run import _skip_slow_optional_import

    _skip_slow_optional_import()
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
            nbformat.v4.new_markdown_cell(f"# Minimal {i}"),
            params,
            nbformat.v4.new_code_cell("print(period)"),
        ]
        src = work / f"minimal_{i}.ipynb"
        nbformat.write(nb, src)
        out = work / f"minimal_{i}.out.ipynb"
        executed = pm.execute_notebook(
            str(src),
            str(out),
            parameters={"period": period},
            kernel_name=kernel,
            progress_bar=False,
        )
        body, _ = exporter.from_notebook_node(executed)
        (work / f"minimal_{i}.html").write_text(body, encoding="utf-8")
    return {"seconds": time.perf_counter() - t0, "notebooks": count}


def _child(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        if args.scenario == "report":
            result = _report(args.period, Path(tmp))
        else:
            result = _minimal(args.period, Path(tmp), args.count, args.kernel)
    print(json.dumps(result))


def _run(scenario: str, period: str, count: int, kernel: str) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", scenario, "--period", period]
    cmd += ["--count", str(count), "--kernel", kernel]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{scenario} run failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2022-T1")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", dest="scenario", choices=["report", "minimal"])
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--kernel", default="")
    args = parser.parse_args()
    if args.scenario:
        _child(args)
        return

    from helpers.periods import parse_period, processed_dir
    from helpers.report.render import ANALYSIS_NOTEBOOKS, kernel_name

    period = parse_period(args.period).id
    if not (processed_dir(period, ROOT) / "activities.parquet").is_file():
        sys.exit(
            f"{period} is not ingested: run `python -m helpers ingest --period {period}` first"
        )
    kernel = kernel_name()
    count = len(ANALYSIS_NOTEBOOKS)
    report, minimal = [], []
    for _ in range(args.repeat):  # interleaved, so drifting machine load hits both alike
        report.append(_run("report", period, count, kernel))
        minimal.append(_run("minimal", period, count, kernel))
    r = statistics.median(x["seconds"] for x in report)
    m = statistics.median(x["seconds"] for x in minimal)
    cells = statistics.median(x["cells"] for x in report)
    runs = f"median of {args.repeat}, kernel {kernel}"
    print(f"report render, {count} notebooks of {period}:     {r:6.2f} s  ({runs})")
    print(f"{count} minimal notebooks, papermill + nbconvert: {m:6.2f} s  (same process model)")
    verdict = "ok" if r / m <= TARGET else "over target"
    print(f"ratio: {r / m:.2f}× (target ≤ {TARGET}×: {verdict})")
    print(
        f"  of the report's {r:.2f} s, {cells:.2f} s is the notebooks' own cells (loading tables,"
        f" analyses, figures);\n  the rest, {r - cells:.2f} s ({(r - cells) / m:.2f}× the minimal"
        " run), is imports, kernels and HTML export"
    )
    print("  report runs:  " + ", ".join(f"{x['seconds']:.2f}" for x in report))
    print("  minimal runs: " + ", ".join(f"{x['seconds']:.2f}" for x in minimal))
    full = _full_command(period)
    print(
        f"full `make report FORCE=1` command (ingest + render + trends + index): {full:.2f} s, "
        f"{full / m:.2f}× the floor"
    )


def _full_command(period: str) -> float:
    """The whole command an officer types, in a temporary copy of the project."""
    import os

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "data" / "raw" / period, root / "data" / "raw" / period)
        shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
        env = {**os.environ, "METROPOLIS_ROOT": str(root)}
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "helpers", "report", "--period", period, "--force"],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return time.perf_counter() - t0


if __name__ == "__main__":
    main()
