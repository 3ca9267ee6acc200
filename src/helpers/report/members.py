"""Member pages: ``reports/members/index.html`` (the directory of every roster member) and
``reports/members/<member>.html`` (one profile per member and per non-member who took part),
self-contained pages in the site's layout. Every string from a report is escaped by the
template; the figures come from :mod:`helpers.analysis.members`."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.analysis.explore import PeriodsArg, RootArg, Tables, _resolve, _root, load_all
from helpers.analysis.members import Profile, directory, profiles
from helpers.errors import UserError
from helpers.files import write_text_atomic
from helpers.periods import available_periods, processed_dir, project_root, reports_dir
from helpers.report.pages import Progress, render_page
from helpers.report.worldmap import RosterMap, map_figure, map_roster
from helpers.tables.names import fold

MEMBERS_DIR = "members"
STAMP = "members.json"


def _slug(text: str) -> str:
    """File-name form of a name: `Barcelona (metropolitan area)` → `barcelona-metropolitan-area`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "member"


def _filenames(people: list[Profile]) -> dict[str, str]:
    """Profile name → file name; a non-member whose slug a member already has gets a suffix."""
    out: dict[str, str] = {}
    used: set[str] = {"index"}
    for p in sorted(people, key=lambda p: (not p.is_member, p.name)):
        slug = _slug(p.name)
        while slug in used:
            slug += "-participant"
        used.add(slug)
        out[p.name] = f"{slug}.html"
    return out


def _day(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{value.day} {value:%b %Y}"


def _dates(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def _nav(current: str) -> list[dict[str, Any]]:
    items = [("../index.html", "All periods"), ("../trends.html", "Trends"),
             ("index.html", "Members")]  # fmt: skip
    return [{"href": h, "title": t, "current": t == current} for h, t in items]


def _labels(t: Tables) -> dict[str, str]:
    return {p.id: p.label for p in t.periods}


def _period_tables(t: Tables, period: str) -> dict[str, pd.DataFrame]:
    """One period's tables out of stacked ones."""
    return {name: t[name][t[name]["period"].astype("str") == period] for name in t.tables}


class _Maps:
    """Each period's roster placed once; a profile's map highlights its member on the roster
    of the latest period it is on (the latest period read, for a non-member)."""

    def __init__(self, t: Tables, root: Path | None) -> None:
        self.t, self.root = t, root
        self._maps: dict[str, RosterMap] = {}

    def figure(self, p: Profile) -> str:
        on = [q["period"] for q in p.periods if q["on_roster"]] or [q["period"] for q in p.periods]
        if not on:
            return ""
        period = on[-1]
        if period not in self._maps:
            self._maps[period] = RosterMap(
                map_roster(_period_tables(self.t, period), root=self.root)
            )
        label = _labels(self.t).get(period, period)
        return map_figure(self._maps[period], p.name if p.is_member else None,
                          title=f"The {label} roster on the world map")  # fmt: skip


def _profile_page(
    t: Tables, p: Profile, query: str | None = None, how: str = "exact", worldmap: str = ""
) -> str:
    labels = _labels(t)
    n = len(p.activities)
    read = ", ".join(labels) or "no period"
    if p.is_member:
        on = [q["period"] for q in p.periods if q["on_roster"]]
        facts = [p.region, f"on the roster of {', '.join(on)}",
                 f"{n} activit{'y' if n == 1 else 'ies'} in {read}"]  # fmt: skip
    else:
        facts = ["not a Metropolis member: on no roster of the periods read",
                 f"took part in {n} activit{'y' if n == 1 else 'ies'}"]  # fmt: skip
    notes = []
    if query is not None and how not in ("exact", "participant"):
        notes.append(f"'{query}' was matched to {p.name} ({how} match).")
    if any(not r["in_period"] for r in p.activities):
        notes.append(
            "Rows in brown are dated outside their period in the report: they count as "
            "activities, not for the first and last activity dates."
        )
    periods = [
        {**q, "label": labels.get(q["period"], ""), "first": _day(q.get("first")),
         "last": _day(q.get("last"))}
        for q in p.periods
    ]  # fmt: skip
    rows = [
        {**r, "start_iso": f"{r['start']:%Y-%m-%d}", "dates": _dates(r["start"], r["end"])}
        for r in p.activities
    ]
    return render_page(
        "member.html.j2",
        p=p,
        facts=facts,
        notes=notes,
        periods=periods,
        rows=rows,
        read=read,
        worldmap=worldmap,
        nav=_nav(""),
        sortable=len(rows) > 1,
    )


def _directory_page(t: Tables, people: list[Profile], files: dict[str, str]) -> str:
    d = directory(t)
    ps = [p.id for p in t.periods]
    labels = _labels(t)
    rows = [
        {
            "member": r["member"], "href": files[r["member"]], "region": r["region"],
            "periods": [None if pd.isna(r[p]) else int(r[p]) for p in ps],
            "activities": int(r["activities"]), "periods_engaged": int(r["periods_engaged"]),
            "last": _day(r["last_engagement"]),
            "last_iso": "" if pd.isna(r["last_engagement"]) else f"{r['last_engagement']:%Y-%m-%d}",
            "board": r["board_seat"],
        }
        for r in d.to_dict("records")
    ]  # fmt: skip
    others = [
        {"name": p.name, "href": files[p.name], "activities": len(p.activities)}
        for p in people
        if not p.is_member
    ]
    return render_page(
        "members_index.html.j2",
        rows=rows,
        periods=[(p, labels[p]) for p in ps],
        others=others,
        nav=_nav("Members"),
        sortable=True,
    )


def member_pages(t: Tables, root: Path | None = None) -> dict[str, str]:
    """File name → page: the directory (``index.html``) and every profile."""
    people = profiles(t)
    files = _filenames(people)
    maps = _Maps(t, root)
    pages = {"index.html": _directory_page(t, people, files)}
    for p in people:
        pages[files[p.name]] = _profile_page(t, p, worldmap=maps.figure(p))
    return pages


def _fingerprint(base: Path) -> str:
    """Every processed period's tables and what they were made from (the ingest fingerprint
    covers the reference data, member_locations.csv included), the code and the templates."""
    from helpers.cache import members_fingerprint
    from helpers.cache import tables_sha256 as sha

    inputs: dict[str, str | None] = {}
    for p in available_periods(base, processed=True):
        folder = processed_dir(p, base)
        try:
            made_from = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            made_from = made_from.get("inputs")
        except (OSError, ValueError):
            made_from = None
        inputs[p.id] = f"{sha(folder)} {json.dumps(made_from, sort_keys=True)}"
    return members_fingerprint(inputs)


def write_members(root: Path | None = None, *, progress: Progress = print) -> int:
    """Write the directory and every profile under ``reports/members/`` from every processed
    period; a page whose bytes would not change is left alone, a profile of someone no longer
    in any period is removed. Skipped when no period's tables and no code changed. Returns the
    number of files written."""
    base = root or project_root()
    out = reports_dir(base) / MEMBERS_DIR
    stamp = out / STAMP
    fingerprint = _fingerprint(base)
    try:
        previous = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    owned = [str(f) for f in previous.get("files", [])]
    if previous.get("fingerprint") == fingerprint and all((out / f).is_file() for f in owned):
        progress("==> members: reports/members/ is up to date")
        return 0
    t = load_all(root=base)
    pages = member_pages(t, base)
    written = 0
    for name, page in pages.items():
        path = out / name
        if not (path.is_file() and path.read_text(encoding="utf-8") == page):
            write_text_atomic(path, page)
            written += 1
    for name in owned:
        if name not in pages and (out / name).is_file():
            (out / name).unlink()
    write_text_atomic(
        stamp, json.dumps({"fingerprint": fingerprint, "files": sorted(pages)}, indent=1) + "\n"
    )
    progress(
        f"    wrote reports/members/ ({len(pages) - 1} profiles and the directory; "
        f"{written} file{'s' if written != 1 else ''} changed)"
    )
    return written


def _find(t: Tables, name: str, root: Path | None) -> tuple[Profile, Any]:
    """The profile of the member or participant an officer's spelling designates."""
    who = _resolve(name, t, root)
    for p in profiles(t):
        if who.member is not None and p.member == who.member:
            return p, who
        if who.member is None and p.member is None and fold(p.name) == fold(who.display):
            return p, who
    raise UserError(f"no profile for {who.display} in the periods read")


def profile_html(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> str:
    """The member's profile page (self-contained: no external files; only the site's sorter).

    Every string taken from a report is HTML-escaped.
    """
    r = _root(root)
    t = load_all(periods, root=r)
    p, who = _find(t, name, r)
    return _profile_page(t, p, who.query, who.how, _Maps(t, r).figure(p))


def write_profile(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> Path:
    """Write `reports/members/<member>.html` (e.g. `seoul.html`) and return its path."""
    r = _root(root)
    t = load_all(periods, root=r)
    p, who = _find(t, name, r)
    files = _filenames(profiles(t))
    path = reports_dir(r) / MEMBERS_DIR / files[p.name]
    write_text_atomic(path, _profile_page(t, p, who.query, who.how, _Maps(t, r).figure(p)))
    return path
