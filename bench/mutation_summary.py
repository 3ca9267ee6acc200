"""Killed/total mutants per module of the pure core, from mutmut's results in mutants/.

`make mutation` runs mutmut on the functions listed in SCOPE (``--globs`` prints them as
mutmut's name patterns), then this script prints one line per module and, last,
``killed K of N mutants (P%)``. A timed-out mutant counts as killed (the tests did not pass);
a mutant no selected test reaches counts as survived. ``--survivors`` lists the survivors.
See docs/mutation.md.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"

# module → functions in scope (None: every function of the module). Drawing code (matplotlib)
# and orchestration (subprocesses, notebooks) are left to the integration tests.
SCOPE: dict[str, list[str] | None] = {
    "helpers.tables.names": None,
    "helpers.tables.resolve": None,
    "helpers.parse.dates": None,
    "helpers.analysis.engagement": None,
    "helpers.analysis.coverage": None,
    "helpers.analysis.trends": [
        "periods",
        "activity_counts",
        "_engaged",
        "engagement_by_period",
        "newly_engaged_and_lapsed",
        "coverage_matrix",
        "never_addressed",
        "challenges_over_time",
        "interpret_engagement",
        "status",
        "interpret_changes",
        "interpret_never_addressed",
        "interpret_activity_counts",
        "interpret_challenges",
    ],
    "helpers.tables.storage": None,
    "helpers.build": ["_ingest_is_current", "ingest_if_needed"],
    "helpers.cache": None,
}

KILLED = {1, 3, 36, 24, -24, 152, 255}  # test failure, pytest internal error, timeouts
SEP = "\u01c1"  # mutmut writes a method as xǁClassǁmethod


def globs() -> list[str]:
    """mutmut name patterns for every mutant in SCOPE."""
    out = []
    for module, functions in SCOPE.items():
        if functions is None:
            out.append(f"{module}.*")
        else:
            out += [f"{module}.x_{f}__mutmut_*" for f in functions]
    return out


def split_key(key: str) -> tuple[str, str]:
    """`helpers.build.x_ingest_fingerprint__mutmut_3` → (`helpers.build`, `ingest_fingerprint`)."""
    name = key.rsplit("__mutmut_", 1)[0]
    for module in sorted(SCOPE, key=len, reverse=True):
        if name.startswith(module + "."):
            mangled = name[len(module) + 1 :]
            if mangled.startswith("x" + SEP):
                return module, ".".join(p for p in mangled[2:].split(SEP) if p)
            return module, mangled.removeprefix("x_")
    return "", name


def in_scope(module: str, function: str) -> bool:
    if module not in SCOPE:
        return False
    functions = SCOPE[module]
    return functions is None or function in functions


def results(mutants: Path = MUTANTS) -> dict[str, int | None]:
    """Exit code by mutant name, for every mutant in SCOPE."""
    out: dict[str, int | None] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for key, code in codes.items():
            if in_scope(*split_key(key)):
                out[key] = code
    return out


def floor_pct(killed: int, total: int) -> str:
    """Percentage rounded down to one decimal (89.96 % is not 90 %)."""
    return f"{math.floor(1000 * killed / total) / 10:.1f}" if total else "0.0"


def summary(codes: dict[str, int | None]) -> list[str]:
    total: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    for key, code in codes.items():
        module = split_key(key)[0]
        total[module] += 1
        killed[module] += code in KILLED
    lines = [f"  {'module':<24} {'killed':>6} {'total':>6} {'%':>6}"]
    for module in SCOPE:
        k, n = killed[module], total[module]
        lines.append(f"  {module:<24} {k:>6} {n:>6} {floor_pct(k, n):>6}")
    k, n = sum(killed.values()), sum(total.values())
    lines.append(f"killed {k} of {n} mutants ({floor_pct(k, n)}%)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--globs", action="store_true", help="print mutmut's name patterns")
    parser.add_argument("--survivors", action="store_true", help="list mutants not killed")
    args = parser.parse_args(argv)
    if args.globs:
        print(" ".join(globs()))
        return 0
    codes = results()
    if not codes:
        print("no mutmut results in mutants/: run `make mutation`", file=sys.stderr)
        return 1
    if args.survivors:
        for key, code in sorted(codes.items()):
            if code not in KILLED:
                print(f"{key}  (exit code {code})")
    if not any(code in KILLED for code in codes.values()):
        # every mutant survived: the tests imported src/, not the mutated copy in mutants/
        print("no mutant was killed: are the tests importing mutants/src?", file=sys.stderr)
        return 1
    print("\n".join(summary(codes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
