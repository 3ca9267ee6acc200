"""Member profile pages: ``reports/members/<member>.html``, one self-contained page per member
(no scripts, no external files), every string from a report escaped."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pandas as pd

from helpers.explore import PeriodsArg, RootArg, Tables, _profile, _resolve, _root, _Who, load_all
from helpers.periods import reports_dir


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


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:70rem;padding:0 1rem;color:#1d2733;line-height:1.45}
h1{margin-bottom:.2rem}.meta{color:#52606d;margin-top:0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #d9e2ec}
th{background:#f0f4f8}td.codes{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
tr.out td{color:#8a4b08}.note{color:#52606d;font-size:.88rem}
""".strip()


def _profile_page(t: Tables, who: _Who) -> str:
    df = _profile(t, who)
    a = df.attrs
    e = html.escape
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
    notes = []
    if a["match"] not in ("exact", "participant"):
        notes.append(f"'{a['query']}' was matched to {a['name']} ({a['match']} match).")
    if (~df["in_period"]).any():
        notes.append("Rows in brown are dated outside their period in the report.")
    rows = []
    for r in df.itertuples(index=False):
        cells = [
            e(str(r.period)),
            e(_dates(r.start_date, r.end_date)),
            e(str(r.title)),
            e("" if pd.isna(r.action_line) else str(r.action_line)),
            e(str(r.outcomes)),
            e(str(r.challenges)),
            e(str(r.alliances)),
        ]
        tds = "".join(
            f'<td class="codes">{c}</td>' if i in (4, 5) else f"<td>{c}</td>"
            for i, c in enumerate(cells)
        )
        attr = "" if r.in_period else ' class="out"'
        rows.append(f"<tr{attr}>{tds}</tr>")
    used = {c for cell in df["challenges"] for c in cell.split(", ") if c}
    legend = t.challenges.drop_duplicates("code")
    legend = legend[legend["code"].isin(used)].sort_values("code")
    head = "".join(
        f"<th>{h}</th>"
        for h in ("Period", "Dates", "Activity", "Line", "Outcomes", "Challenges", "Alliances")
    )
    body = "\n".join(rows) or '<tr><td colspan="7">No activity in these periods.</td></tr>'
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(a['name'])} — Metropolis member profile</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(a['name'])}</h1>",
        f'<p class="meta">{e(" · ".join(facts))}</p>',
        *[f'<p class="note">{e(n)}</p>' for n in notes],
        f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>",
    ]
    if len(legend):
        items = "".join(
            f"<li>{e(c)} {e(ti)}</li>"
            for c, ti in zip(legend["code"], legend["title"], strict=True)
        )
        parts.append(f'<h2>Metropolitan challenges</h2><ul class="note">{items}</ul>')
    parts.append(
        f'<p class="note">From the Metropolis progress reports of {e(periods)}, '
        "processed by the Metropolis workbench.</p></body></html>"
    )
    return "\n".join(parts) + "\n"


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
