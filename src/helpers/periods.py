"""Four-month periods (`2022-T1` = January–April 2022) and where their files live."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpers.errors import UserError

PERIOD_RE = re.compile(r"^(?P<year>(?:19|20)\d\d)-T(?P<term>[123])$")
TERM_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def project_root() -> Path:
    """The folder holding `data/`, `notebooks/` and `reports/` (override with METROPOLIS_ROOT)."""
    import os

    env = os.environ.get("METROPOLIS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "data").is_dir():
            return parent
    return Path.cwd().resolve()


@dataclass(frozen=True, order=True)
class Period:
    """A four-month term of one year."""

    year: int
    term: int

    @property
    def id(self) -> str:
        return f"{self.year}-T{self.term}"

    @property
    def start(self) -> date:
        return date(self.year, TERM_MONTHS[self.term][0], 1)

    @property
    def end(self) -> date:
        last = TERM_MONTHS[self.term][1]
        nxt = date(self.year + 1, 1, 1) if last == 12 else date(self.year, last + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    @property
    def months(self) -> list[int]:
        first, last = TERM_MONTHS[self.term]
        return list(range(first, last + 1))

    @property
    def label(self) -> str:
        first, last = TERM_MONTHS[self.term]
        return f"{MONTH_NAMES[first - 1]}–{MONTH_NAMES[last - 1]} {self.year}"

    def previous(self) -> Period:
        return Period(self.year - 1, 3) if self.term == 1 else Period(self.year, self.term - 1)

    def __str__(self) -> str:
        return self.id


def parse_period(text: str) -> Period:
    """Read a period id such as `2022-T1`; a malformed one is a UserError."""
    m = PERIOD_RE.match(str(text).strip())
    if not m:
        raise UserError(
            f"'{text}' is not a period id: use YEAR-T1 (Jan–Apr), YEAR-T2 (May–Aug) "
            "or YEAR-T3 (Sep–Dec), e.g. 2022-T1"
        )
    return Period(int(m["year"]), int(m["term"]))


def raw_dir(period: Period | str, root: Path | None = None) -> Path:
    p = period if isinstance(period, Period) else parse_period(period)
    return (root or project_root()) / "data" / "raw" / p.id


def processed_dir(period: Period | str, root: Path | None = None) -> Path:
    p = period if isinstance(period, Period) else parse_period(period)
    return (root or project_root()) / "data" / "processed" / p.id


def reports_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "reports"


def interim_path(per: Period, root: Path | None = None) -> Path:
    """data/interim/<period>/report.txt: the text every source_line refers to."""
    return (root or project_root()) / "data" / "interim" / per.id / "report.txt"


REPORT_SUFFIXES = (".pdf", ".md", ".txt")


def report_candidates(folder: Path) -> list[Path]:
    """Files in a raw folder that can be the report: .pdf, .md or .txt in any case (not README)."""
    if not folder.is_dir():
        return []
    return sorted(
        f
        for f in folder.iterdir()
        if f.suffix.lower() in REPORT_SUFFIXES
        and f.stem.lower() != "readme"
        and not f.name.startswith(".")
        and (f.is_file() or f.is_symlink())
    )


def find_report(period: Period | str, root: Path | None = None) -> Path:
    """The one report of a period (the PDF as published, or a .md/.txt export of it); a
    missing folder or file, or two candidates, is a UserError."""
    p = period if isinstance(period, Period) else parse_period(period)
    files = report_candidates(raw_dir(p, root))
    if not files:
        raise UserError(
            f"no report for {p.id}: put the progress report (the PDF as published, or a .md or "
            f".txt export of it) in data/raw/{p.id}/ (try: make new-period PERIOD={p.id})"
        )
    if len(files) > 1:
        names = ", ".join(f.name for f in files)
        raise UserError(
            f"data/raw/{p.id}/ holds several reports ({names}): keep exactly one "
            "(.pdf, .md or .txt) and move the others out"
        )
    return files[0]


def available_periods(root: Path | None = None, *, processed: bool = False) -> list[Period]:
    """Periods with a raw report (or, with processed=True, with processed tables), in order."""
    base = (root or project_root()) / "data" / ("processed" if processed else "raw")
    out = []
    for d in sorted(base.glob("*")) if base.is_dir() else []:
        if d.is_dir() and PERIOD_RE.match(d.name):
            if processed and not (d / "activities.parquet").exists():
                continue
            if not processed and not report_candidates(d):
                continue
            out.append(parse_period(d.name))
    return sorted(out)
