"""Member pages: ``reports/members/index.html`` (the directory of every roster member) and
``reports/members/<member>.html`` (one profile per member and per non-member who took part),
self-contained pages in the site's layout. This module decides when they are written (fast,
nothing heavy imported when they are up to date); :mod:`helpers.report.member_pages` makes
them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.files import write_text_atomic, writing
from helpers.periods import project_root, reports_dir

if TYPE_CHECKING:
    from helpers.analysis.explore import PeriodsArg, RootArg
    from helpers.report.constants import Progress

MEMBERS_DIR = "members"
STAMP = "members.json"


def write_members(root: Path | None = None, *, progress: Progress = print) -> int:
    """Write the directory and every profile under ``reports/members/`` from every processed
    period; a page whose bytes would not change is left alone, a profile of someone no longer
    in any period is removed. Skipped when no period's tables and no code changed. Returns the
    number of files written."""
    return publish_members(root, build_members(root), progress=progress)


@dataclass(frozen=True)
class MemberPages:
    """The member pages made from the tables as they are: ``pages`` (file name → HTML) is
    None when ``reports/members/`` already holds them (same ``fingerprint``)."""

    fingerprint: str
    pages: dict[str, str] | None


def build_members(root: Path | None = None) -> MemberPages:
    """Make every member page, unless ``reports/members/`` is up to date; writes nothing (a
    worker process can make them while the notebooks run, and the pages are published
    with the rest of the run)."""
    base = root or project_root()
    out = reports_dir(base) / MEMBERS_DIR
    from helpers.cache import members_fingerprint

    fingerprint = members_fingerprint(base)
    previous = _stamp(out)
    owned = [str(f) for f in previous.get("files", [])]
    if previous.get("fingerprint") == fingerprint and all((out / f).is_file() for f in owned):
        return MemberPages(fingerprint, None)
    writing()
    from helpers.analysis.explore import load_all
    from helpers.report.member_pages import member_pages

    return MemberPages(fingerprint, member_pages(load_all(root=base), base))


def _stamp(out: Path) -> dict:
    try:
        found = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def publish_members(root: Path | None, made: MemberPages, *, progress: Progress = print) -> int:
    """Write the pages of ``made`` whose bytes changed, remove profiles no longer made, and
    record the fingerprint; returns the number of files written."""
    if made.pages is None:
        progress("==> members: reports/members/ is up to date")
        return 0
    out = reports_dir(root or project_root()) / MEMBERS_DIR
    owned = [str(f) for f in _stamp(out).get("files", [])]
    written = 0
    for name, page in made.pages.items():
        path = out / name
        if not (path.is_file() and path.read_text(encoding="utf-8") == page):
            write_text_atomic(path, page)
            written += 1
    for name in owned:
        if name not in made.pages and (out / name).is_file():
            (out / name).unlink()
    record = {"fingerprint": made.fingerprint, "files": sorted(made.pages)}
    write_text_atomic(out / STAMP, json.dumps(record, indent=1) + "\n")
    progress(
        f"    wrote reports/members/ ({len(made.pages) - 1} profiles and the directory; "
        f"{written} file{'s' if written != 1 else ''} changed)"
    )
    return written


def profile_html(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> str:
    """The member's profile page (self-contained: no external files; only the site's sorter).

    Every string taken from a report is HTML-escaped.
    """
    from helpers.analysis.explore import _root, load_all
    from helpers.report.member_pages import _find, _Maps, _profile_page

    r = _root(root)
    t = load_all(periods, root=r)
    p, who = _find(t, name, r)
    return _profile_page(t, p, who.query, who.how, _Maps(t, r).figure(p))


def write_profile(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> Path:
    """Write `reports/members/<member>.html` (e.g. `seoul.html`) and return its path."""
    from helpers.analysis.explore import _root, load_all
    from helpers.analysis.members import profiles
    from helpers.report.member_pages import _filenames, _find, _Maps, _profile_page

    r = _root(root)
    t = load_all(periods, root=r)
    p, who = _find(t, name, r)
    files = _filenames(profiles(t))
    path = reports_dir(r) / MEMBERS_DIR / files[p.name]
    write_text_atomic(path, _profile_page(t, p, who.query, who.how, _Maps(t, r).figure(p)))
    return path
