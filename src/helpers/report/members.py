"""Member profile pages: ``reports/members/<member>.html``, one self-contained page per member
(the site's layout and CSS, nothing loaded from elsewhere), every string from a report
escaped by the template."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from helpers.analysis.explore import (
    PeriodsArg,
    RootArg,
    Tables,
    _profile,
    _resolve,
    _root,
    _Who,
    load_all,
)
from helpers.periods import reports_dir
from helpers.report.pages import render_page
from helpers.tables.roles import board_role


def _slug(text: str) -> str:
    """File-name form of a name: `Barcelona (metropolitan area)` → `barcelona-metropolitan-area`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "member"


def _dates(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def _board_seats(t: Tables, member: str | None) -> list[str]:
    """``board: Oh Se-Hoon, Regional vice-presidency (2022-T1)``, one line per person and role
    representing ``member`` on the Board of Directors (roles worded by ``board_role``)."""
    board = t.board
    if member is None or board.empty:
        return []
    seats = board[board["member"] == member]
    periods: dict[tuple[str, str], list[str]] = {}
    for r in seats.itertuples(index=False):
        periods.setdefault((str(r.name), board_role(r.role)), []).append(str(r.period))
    return [
        f"board: {name}, {role} ({', '.join(dict.fromkeys(ps))})"
        for (name, role), ps in periods.items()
    ]


def _profile_page(t: Tables, who: _Who) -> str:
    df = _profile(t, who)
    a = df.attrs
    periods = ", ".join(a["periods"])
    n = a["activities"]
    facts = [
        a["region"] or "not a Metropolis member",
        f"{n} activit{'y' if n == 1 else 'ies'} in {periods}",
    ]
    if a["first_engagement"] is not None:
        facts.append(
            f"first engagement {_dates(a['first_engagement'], a['first_engagement'])}, "
            f"last {_dates(a['last_engagement'], a['last_engagement'])}"
        )
    facts.extend(_board_seats(t, a["member"]))
    notes = []
    if a["match"] not in ("exact", "participant"):
        notes.append(f"'{a['query']}' was matched to {a['name']} ({a['match']} match).")
    if (~df["in_period"]).any():
        notes.append("Rows in brown are dated outside their period in the report.")
    rows = [
        {
            "period": str(r.period),
            "start": f"{r.start_date:%Y-%m-%d}",
            "dates": _dates(r.start_date, r.end_date),
            "title": str(r.title),
            "line": "" if pd.isna(r.action_line) else str(r.action_line),
            "outcomes": str(r.outcomes),
            "challenges": str(r.challenges),
            "alliances": str(r.alliances),
            "in_period": bool(r.in_period),
        }
        for r in df.itertuples(index=False)
    ]
    used = {c for cell in df["challenges"] for c in cell.split(", ") if c}
    legend = t.challenges.drop_duplicates("code")
    legend = legend[legend["code"].isin(used)].sort_values("code")
    return render_page(
        "member.html.j2",
        name=a["name"],
        facts=facts,
        notes=notes,
        rows=rows,
        legend=list(zip(legend["code"], legend["title"], strict=True)),
        periods=periods,
        nav=[{"href": "../index.html", "title": "All periods", "current": False}],
        sortable=len(rows) > 1,
    )


def profile_html(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> str:
    """A small self-contained HTML page (no scripts, no external files) of the member's profile.

    Every string taken from a report is HTML-escaped.
    """
    r = _root(root)
    t = load_all(periods, root=r)
    return _profile_page(t, _resolve(name, t, r))


def write_profile(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> Path:
    """Write `reports/members/<member>.html` (e.g. `seoul.html`) and return its path."""
    r = _root(root)
    t = load_all(periods, root=r)
    who = _resolve(name, t, r)
    path = reports_dir(r) / "members" / f"{_slug(who.display)}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_profile_page(t, who), encoding="utf-8")
    return path
