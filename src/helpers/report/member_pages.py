"""The member pages' HTML: the directory and each profile, in the site's layout (every string
from a report escaped by the templates), with the figures of :mod:`helpers.analysis.members`
and each profile's world map, and their file names (`profile_file_names`).
:mod:`helpers.report.members` decides when to write them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.analysis.explore import Tables, _resolve
from helpers.analysis.members import Profile, directory, profiles
from helpers.errors import UserError
from helpers.report.constants import site_nav
from helpers.report.templating import render_page
from helpers.show.display import LONG_TABLE_ROWS
from helpers.show.values import date_range, format_value
from helpers.show.worldmap import RosterMap, map_figure, map_roster
from helpers.tables.names import fold, load_aliases

MAX_SLUG = 80  # characters of a name kept in its profile's file name (then a hash: 94 in all)
RESERVED = frozenset({"index"})  # the directory's own page


def _slug(text: str) -> str:
    """File-name form of a name: `Barcelona (metropolitan area)` → `barcelona-metropolitan-area`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "member"


def _hashed(name: str, slug: str) -> str:
    """The slug cut to `MAX_SLUG` characters and marked with 8 hex digits of the name's
    SHA-256: the same name always gets the same mark."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug[:MAX_SLUG].rstrip('-')}-{digest}"


def profile_file_names(names: Iterable[str]) -> dict[str, str]:
    """Name → its profile's file name under ``reports/members/``: every page and link takes it
    from here. ``names`` come in order of precedence (members first): a name gets its plain
    slug (`Seoul` → `seoul.html`) when that is at most `MAX_SLUG` characters and no earlier
    name has it; otherwise the slug cut short with a hash of the name (`…-1a2b3c4d.html`), so
    names that slug alike, or alike in their first 80 characters, get files of their own and
    no file name is over 100 characters."""
    out: dict[str, str] = {}
    used = set(RESERVED)
    for name in names:
        if name in out:
            continue
        slug = _slug(name)
        stem = slug if len(slug) <= MAX_SLUG and slug not in used else _hashed(name, slug)
        base, n = stem, 1
        while stem in used:  # a hash alike (or a name spelled like another's hashed stem)
            n += 1
            stem = f"{base}-{n}"
        used.add(stem)
        out[name] = f"{stem}.html"
    return out


def _filenames(people: list[Profile]) -> dict[str, str]:
    """Profile name → file name (`profile_file_names`), members first: a non-member whose
    name slugs like a member's gets the hashed form."""
    ordered = sorted(people, key=lambda p: (not p.is_member, p.name))
    return profile_file_names(p.name for p in ordered)


def _day(value: Any) -> str:
    """A date as every page writes it (``7 Feb 2022``); empty when missing."""
    return "" if value is None or pd.isna(value) else format_value(value)


def _nav(current: str) -> list[dict[str, Any]]:
    return [{**item, "href": item["href"].replace("../members/", "")}
            for item in site_nav("../", current)]  # fmt: skip


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
                          title=f"The {label} roster on the world map",
                          absent=None if p.is_member else p.name)  # fmt: skip


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
        {**r, "start_iso": f"{r['start']:%Y-%m-%d}", "dates": date_range(r["start"], r["end"])}
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
        long_rows=LONG_TABLE_ROWS,
        nav=_nav(""),
        sortable=len(rows) > 1,
    )


def _search_keys(t: Tables, aliases: pd.DataFrame) -> dict[str, str]:
    """Member → what the directory's search box matches: its name, region, every spelling
    the reports used and the alias table's, folded (as names are matched when read)."""
    spellings: dict[str, list[str]] = {}
    part = t["participation"].dropna(subset=["member"])
    for member, raw in zip(part["member"], part["name_raw"], strict=True):
        spellings.setdefault(str(member), []).append(str(raw))
    for alias, member in zip(aliases["alias"], aliases["member"], strict=True):
        spellings.setdefault(str(member), []).append(str(alias))
    roster = t["members"].drop_duplicates("member", keep="last")
    return {
        str(m): " | ".join(dict.fromkeys(fold(s) for s in [str(m), str(r), *spellings.get(str(m), [])]))
        for m, r in zip(roster["member"], roster["region"], strict=True)
    }  # fmt: skip


def _directory_page(
    t: Tables, people: list[Profile], files: dict[str, str], root: Path | None = None
) -> str:
    d = directory(t)
    keys = _search_keys(t, load_aliases(root))
    ps = [p.id for p in t.periods]
    labels = _labels(t)
    rows = [
        {
            "member": r["member"], "href": files[r["member"]], "region": r["region"],
            "periods": [None if pd.isna(r[p]) else int(r[p]) for p in ps],
            "activities": int(r["activities"]), "periods_engaged": int(r["periods_engaged"]),
            "last": _day(r["last_engagement"]),
            "last_iso": "" if pd.isna(r["last_engagement"]) else f"{r['last_engagement']:%Y-%m-%d}",
            "board": r["board_seat"], "search": keys.get(str(r["member"]), fold(r["member"])),
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
        long_rows=LONG_TABLE_ROWS,
        periods=[(p, labels[p]) for p in ps],
        others=others,
        nav=_nav("Members"),
        sortable=True,
        scripts=["fold.js", "rowfilter.js"],
    )


def member_pages(t: Tables, root: Path | None = None) -> dict[str, str]:
    """File name → page: the directory (``index.html``) and every profile."""
    people = profiles(t)
    files = _filenames(people)
    maps = _Maps(t, root)
    pages = {"index.html": _directory_page(t, people, files, root)}
    for p in people:
        pages[files[p.name]] = _profile_page(t, p, worldmap=maps.figure(p))
    return pages


def _find(t: Tables, name: str, root: Path | None) -> tuple[Profile, Any]:
    """The profile of the member or participant an officer's spelling designates."""
    who = _resolve(name, t, root)
    for p in profiles(t):
        if who.member is not None and p.member == who.member:
            return p, who
        if who.member is None and p.member is None and fold(p.name) == fold(who.display):
            return p, who
    raise UserError(f"no profile for {who.display} in the periods read")
