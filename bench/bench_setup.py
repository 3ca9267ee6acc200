"""`make setup` from a fresh clone (bar 15 s with a warm uv cache), then the first `make report`
after it against a second, forced one (bar: the first is not slower, i.e. setup compiled the
bytecode the report needs). Prints each figure with the load average and CPU seconds.

    .venv/bin/python bench/bench_setup.py [--keep]

The clone is of this checkout's HEAD (commit first), its data/raw/2022-T1/ replaced by the
committed fixture report (tests/fixtures/reports/), so the figure is for the same report
whatever the officer keeps in data/raw/. uv's package cache and the uv bootstrap
cache (~/.cache/metropolis-workbench) are used as they are: run it twice for the warm figure.
PYTHONDONTWRITEBYTECODE is unset for the commands, so a module setup did not compile would be
compiled (and written) by the first report and make it the slower one.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from fixture_project import ROOT, put_report

BAR = 15.0


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, highest 1-min load average) of one command."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("METROPOLIS_ROOT", None)
    load, cpu, t0 = os.getloadavg()[0], _cpu(), time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0, _cpu() - cpu, max(load, os.getloadavg()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone (its path printed)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-setup-"))
    try:
        clone = tmp / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        put_report(clone, "2022-T1")
        wall, cpu, load = timed(["make", "setup"], clone)
        verdict = "ok" if wall <= BAR else "over the bar"
        print(f"make setup, fresh clone:     {wall:6.2f} s  (bar {BAR:.0f} s: {verdict}) "
              f"[load {load:.1f}, {cpu:.1f} s CPU]")  # fmt: skip
        first = timed(["make", "report", "PERIOD=2022-T1"], clone)
        second = timed(["make", "report", "PERIOD=2022-T1", "FORCE=1"], clone)
        for name, (w, c, ld) in (("first make report", first), ("then FORCE=1", second)):
            print(f"{name + ':':<28} {w:6.2f} s  [load {ld:.1f}, {c:.1f} s CPU]")
        ratio = first[1] / second[1] if second[1] else float("nan")
        print(f"first report / forced rerun, CPU seconds: {ratio:.2f} (bar: about 1, not slower)")
        if args.keep:
            print(f"clone kept in {clone}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
