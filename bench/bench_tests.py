"""Where the CPU of one ``make test`` goes, beside the 90-second aim (prints figures; asserts
nothing).

Runs the suite once as ``make test`` runs it (``pytest -n 2``), reads /proc every 100 ms for
the CPU of every process the run starts, and prints: the wall time; the machine's busy and
idle core-seconds over the run (/proc/stat); the least wall time that much CPU allows on
this machine's cores; and the CPU by kind of process (the test processes themselves, the
builds' forked workers, Jupyter kernels, ``python -m helpers`` runs, Chromium, the rest).
Linux only (/proc).

    .venv/bin/python bench/bench_tests.py [-- extra pytest arguments]
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AIM_S = 90.0
TICK = os.sysconf("SC_CLK_TCK")


def busy_idle() -> tuple[float, float]:
    """(busy, idle) core-seconds since boot, from the first line of /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / TICK, idle / TICK


def kind(cmd: str, parent_cmd: str) -> str:
    """What a process is, by its command line (and its parent's, for a forked worker, which
    keeps its parent's)."""
    if "ipykernel" in cmd:
        return "Jupyter kernels"
    if "chrom" in cmd or "playwright" in cmd:
        return "Chromium and Playwright"
    if cmd == parent_cmd and ("pytest" in cmd or "helpers" in cmd):
        return "build workers (forked)"
    if "-m helpers" in cmd:
        return "python -m helpers runs"
    if "pytest" in cmd or "execnet" in cmd or "sys.stdin.readline" in cmd:
        return "test processes"
    return "other"


class Sampler(threading.Thread):
    """The CPU last seen of every process below ``root`` (pid, start time), with its command
    line and its parent's."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.stop = root, threading.Event()
        self.seen: dict[tuple[int, str], list] = {}
        self.cpu = 0.0

    def run(self) -> None:
        while not self.stop.is_set():
            procs = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        stat = Path(f"/proc/{entry}/stat").read_text()
                    except OSError:
                        continue
                    rest = stat[stat.rindex(")") + 2 :].split()
                    cpu = (int(rest[11]) + int(rest[12])) / TICK
                    procs[int(entry)] = (int(rest[1]), rest[19], cpu)
            below = {self.root}
            for pid in sorted(procs):  # parents before children, nearly always
                if procs[pid][0] in below:
                    below.add(pid)
            for pid in below - {self.root}:
                if pid not in procs:
                    continue
                ppid, start, cpu = procs[pid]
                key = (pid, start)
                if key not in self.seen:
                    self.seen[key] = [cpu, _cmd(pid), _cmd(ppid)]
                self.seen[key][0] = cpu
            time.sleep(0.1)
        self.cpu = time.thread_time()  # what the sampling itself cost


def _cmd(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def main() -> None:
    extra = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else []
    cmd = [str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "-n", "2",
           "-p", "no:cacheprovider", *extra]  # fmt: skip
    busy0, idle0 = busy_idle()
    start = time.monotonic()
    run = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)  # fmt: skip
    sampler = Sampler(run.pid)
    sampler.start()
    out, _ = run.communicate()
    wall = time.monotonic() - start
    sampler.stop.set()
    sampler.join()
    busy1, idle1 = busy_idle()
    busy, idle = busy1 - busy0, idle1 - idle0
    cores = os.cpu_count() or 1
    print(out.strip().splitlines()[-1] if out.strip() else "(no output)")
    print(f"wall {wall:.1f} s (aim {AIM_S:.0f} s; {wall / AIM_S:.2f}x the aim)")
    print(f"machine busy {busy:.1f} core-s, idle {idle:.1f} core-s over the run ({cores} cores)")
    print(f"least wall time that CPU allows: {busy / cores:.1f} s; "
          f"the aim allows {AIM_S * cores:.0f} core-s, {busy - AIM_S * cores:+.1f} to go")  # fmt: skip
    by_kind, count = Counter(), Counter()
    for cpu, cmdline, parent in sampler.seen.values():
        k = kind(cmdline, parent)
        by_kind[k] += cpu
        count[k] += 1
    print(f"CPU by kind of process (sampled every 100 ms, which itself took {sampler.cpu:.1f} "
          "core-s of the busy figure; a process shorter than that is missed):")  # fmt: skip
    for k, cpu in by_kind.most_common():
        print(f"  {cpu:7.1f} core-s  {count[k]:4d} processes  {k}")
    if run.returncode:
        sys.exit(run.returncode)


if __name__ == "__main__":
    main()
