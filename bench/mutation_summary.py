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

SRC = ROOT / "src"


def module_of(file_name: str) -> str:
    """The dotted name of the one module of src/helpers/ with this file name, wherever it sits
    (display.py may move to a presentation subpackage: the scope follows it)."""
    found = sorted((SRC / "helpers").rglob(file_name))
    if len(found) != 1:
        sys.exit(f"mutation scope: {len(found)} files named {file_name} under src/helpers/")
    return ".".join(found[0].relative_to(SRC).with_suffix("").parts)


DISPLAY = module_of("display.py")

# module → functions in scope (None: every function of the module; a method as Class.method).
# Drawing code (matplotlib pixels), orchestration (subprocesses, notebooks) and what reads a
# PDF file are left to the integration tests.
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
    # the text parser: a report's text to records
    "helpers.parse.text": None,
    "helpers.parse.sections": None,
    "helpers.parse.listings": None,
    "helpers.parse.activities": None,
    "helpers.parse.cover": None,
    "helpers.parse.furniture": None,
    "helpers.parse.report": None,
    # the PDF layout reader, on words and boxes placed by hand (not what opens a PDF file:
    # glyphs.glyphs, glyphs._style, glyphs.page_words, glyphs.read_pages,
    # glyphs.read_pages_and_text, glyphs.read_stored_text, glyphs._read, boxes.filled_rects)
    "helpers.parse.layout": ["body_size"],
    "helpers.parse.layout.glyphs": ["is_bold", "Word.middle", "words_of", "_word"],
    "helpers.parse.layout.spans": None,
    "helpers.parse.layout.boxes": ["Rect.area", "Rect.holds", "contents", "inner"],
    "helpers.parse.layout.hyphens": None,
    "helpers.parse.layout.write": None,
    "helpers.parse.layout.furniture": None,
    "helpers.parse.layout.compare": None,
    "helpers.parse.layout.order": None,
    # the table builders and checks
    "helpers.tables.activities": None,
    "helpers.tables.listings": None,
    "helpers.tables.checks": None,
    "helpers.tables.bounds": None,
    "helpers.tables.findings": None,
    "helpers.tables.alliances": None,
    "helpers.tables.roles": None,
    # what a page shows: the safety check, the member pages' decisions, display, the charts
    "helpers.report.safety": None,
    "helpers.report.members": [  # not profile_html, write_profile: load processed tables
        "write_members",
        "build_members",
        "_stamp",
        "publish_members",
    ],
    "helpers.report.member_pages": ["_slug", "_hashed", "profile_file_names"],
    "helpers.show.values": None,  # how each value is written
    DISPLAY: [  # not _png, _drawn, _decoded, _palette_png: the pixels (tests/show/test_display.py)
        "_humanize",
        "_display",
        "_flatten_columns",
        "_with_index",
        "_mask",
        "_one_word",
        "table_html",
        "_header_cell",
        "_body_cell",
        "_table_notes",
        "show_table",
        "_inline",
        "_blocks",
        "say_html",
        "say",
        "note",
        "explain",
        "_figure_of",
        "smallest_text_pt",
        "_png_size",
        "figure_html",
        "show_figure",
        "show_map",
        "cards_html",
        "headline_cards",
        "facts_html",
        "show_facts",
        "excerpt_html",
        "_slug",
        "_finding_html",
        "findings_html",
        "info_findings_html",
        "show_info_findings",
        "show_findings",
        "record",
    ],
    "helpers.show.plots": None,  # the charts' labels, numbers and colours
}

KILLED = {1, 3, 36, 24, -24, 152, 255}  # test failure, pytest internal error, timeouts
SEP = "\u01c1"  # mutmut writes a method as xǁClassǁmethod


def _mangled(function: str) -> str:
    """mutmut's name of a function (`x_name`) or a method (`xǁClassǁmethod`)."""
    if "." in function:
        cls, method = function.split(".")
        return f"x{SEP}{cls}{SEP}{method}"
    return f"x_{function}"


def globs() -> list[str]:
    """mutmut name patterns for every mutant in SCOPE."""
    out = []
    for module, functions in SCOPE.items():
        if functions is None:
            out.append(f"{module}.*")
        else:
            out += [f"{module}.{_mangled(f)}__mutmut_*" for f in functions]
    return out


def config_problems() -> list[str]:
    """What in ``[tool.mutmut]`` of pyproject.toml no longer matches the code: a selected test
    file that is gone, a module of SCOPE that mutmut does not mutate (moved or renamed)."""
    import fnmatch
    import tomllib

    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    problems = [
        f"the test selection names {entry}, which does not exist"
        for entry in cfg["pytest_add_cli_args_test_selection"]
        if not (ROOT / entry.split("::")[0]).exists()
    ]
    for module in SCOPE:
        parts = module.split(".")
        files = [SRC.joinpath(*parts).with_suffix(".py"), SRC.joinpath(*parts, "__init__.py")]
        path = next((f for f in files if f.is_file()), None)
        if path is None:
            problems.append(f"SCOPE names {module}, which has no file under src/")
        elif not any(fnmatch.fnmatch(str(path.relative_to(ROOT)), p) for p in cfg["only_mutate"]):
            problems.append(f"only_mutate leaves out {path.relative_to(ROOT)} ({module})")
    return problems


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
        try:
            codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        except (ValueError, KeyError):  # a run killed while mutmut wrote it: not run
            print(
                f"{meta.relative_to(mutants)}: unreadable (a run killed while writing it); "
                "its mutants count as not run",
                file=sys.stderr,
            )
            continue
        for key, code in codes.items():
            if in_scope(*split_key(key)):
                out[key] = code
    return out


def floor_pct(killed: int, total: int) -> str:
    """Percentage rounded down to one decimal (89.96 % is not 90 %)."""
    return f"{math.floor(1000 * killed / total) / 10:.1f}" if total else "0.0"


def summary(codes: dict[str, int | None]) -> list[str]:
    """Killed of all per module (a mutant not run counts as not killed), and, when a run was
    stopped before its end, how many were not run and the share killed of those run."""
    total: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    unrun: Counter[str] = Counter()
    for key, code in codes.items():
        module = split_key(key)[0]
        total[module] += 1
        killed[module] += code in KILLED
        unrun[module] += code is None
    width = max(len(m) for m in SCOPE)
    stopped = sum(unrun.values()) > 0
    extra = f" {'not run':>7} {'% of run':>8}" if stopped else ""
    lines = [f"  {'module':<{width}} {'killed':>6} {'total':>6} {'%':>6}{extra}"]
    for module in SCOPE:
        k, n, u = killed[module], total[module], unrun[module]
        more = f" {u:>7} {floor_pct(k, n - u):>8}" if stopped else ""
        lines.append(f"  {module:<{width}} {k:>6} {n:>6} {floor_pct(k, n):>6}{more}")
    k, n, u = sum(killed.values()), sum(total.values()), sum(unrun.values())
    tail = f"; {u} not run: the run was stopped before its end" if u else ""
    lines.append(f"killed {k} of {n} mutants ({floor_pct(k, n)}%){tail}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--globs", action="store_true", help="print mutmut's name patterns")
    parser.add_argument("--survivors", action="store_true", help="list mutants not killed")
    args = parser.parse_args(argv)
    if args.globs:
        problems = config_problems()
        if problems:  # a module or test file moved: say so in one line, before mutmut runs
            print(f"make mutation: {'; '.join(problems)} (pyproject.toml [tool.mutmut], "
                  "bench/mutation_summary.py SCOPE)", file=sys.stderr)  # fmt: skip
            return 1
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
