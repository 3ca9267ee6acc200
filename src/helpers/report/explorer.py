"""``reports/explorer.html``: every activity of every processed period in one offline page,
filtered in the browser by free text, member, region, code, alliance and period, the filters
combining as ``helpers.find_activities``'s do.

The page holds its data as JSON (Jinja's ``tojson``: ``<``, ``>``, ``&`` and ``'`` escaped,
so no report text can close the script element) and ``templates/metropolis/explorer.js``
builds the table from it with text nodes only. Names, titles and alliances are folded here
with the ingest's own ``fold`` (accents, case, punctuation), so the page's script folds only
what an officer types. The page is rewritten only when a period's tables, the alias table,
the code or the templates changed (fingerprint in ``reports/explorer.json``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.files import write_text_atomic, writing
from helpers.periods import available_periods, processed_dir, project_root, reports_dir
from helpers.report.constants import EXPLORER_FILE, EXPLORER_TITLE, Progress, site_nav

STAMP = "explorer.json"
ALIASES = Path("data") / "reference" / "member_aliases.csv"

if TYPE_CHECKING:
    import pandas as pd

Tables = Mapping[str, "pd.DataFrame"]


def _fingerprint(base: Path) -> str | None:
    """Every processed period's tables, the alias table, the code and the templates (None
    when no period is processed)."""
    from helpers.cache import page_fingerprint, tables_sha256

    periods = available_periods(base, processed=True)
    if not periods:
        return None
    aliases = base / ALIASES
    inputs = {
        "tables": {p.id: tables_sha256(processed_dir(p, base)) for p in periods},
        "aliases": hashlib.sha256(aliases.read_bytes()).hexdigest() if aliases.is_file() else "",
    }
    return page_fingerprint({"page": EXPLORER_FILE, **inputs}, [], "")


def write_explorer(root: Path | None = None, *, progress: Progress = print) -> Path | None:
    """Write ``reports/explorer.html`` unless it is up to date; None when no period is
    processed."""
    base = root or project_root()
    out = reports_dir(base)
    path, stamp = out / EXPLORER_FILE, out / STAMP
    fingerprint = _fingerprint(base)
    if fingerprint is None:
        return None
    try:
        same = json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == fingerprint
    except (OSError, ValueError, AttributeError):
        same = False
    if same and path.is_file():
        return path
    writing()
    from helpers.analysis.explore import load_all
    from helpers.tables.names import load_aliases

    t = load_all(root=base)
    write_text_atomic(path, explorer_html(t, load_aliases(base)))
    write_text_atomic(stamp, json.dumps({"fingerprint": fingerprint}) + "\n")
    progress(f"    wrote reports/{EXPLORER_FILE} ({len(t['activities'])} activities)")
    return path


def _distinct(values: pd.Series) -> list[str]:
    import pandas as pd

    return list(dict.fromkeys(str(v) for v in values if pd.notna(v) and str(v).strip()))


def _folded(*texts: str) -> str:
    """The folded words of ``texts``, each once, in order of first appearance."""
    from helpers.tables.names import fold

    return " ".join(dict.fromkeys(w for t in texts for w in fold(t).split()))


def _spellings(names: list[str]) -> str:
    """Each spelling folded, once, joined with `|` (which no folded text holds)."""
    from helpers.tables.names import fold

    return "|".join(dict.fromkeys(fold(n) for n in names if fold(n)))


def _add(lists: dict[tuple[str, str], list[int]], key: tuple[str, str], index: int) -> None:
    """Append ``index`` to the list at ``key`` unless it is there already."""
    if index not in lists.setdefault(key, []):
        lists[key].append(index)


def _people(part: Any, aliases: Any) -> tuple[dict[tuple[str, str], int], list[list[Any]]]:
    """Everyone who took part, once per (name, region): their index by (name, region), and
    their rows ``[name, region index, spellings]`` (the report's and the alias table's)."""
    from helpers.tables.contract import REGIONS

    also: dict[str, list[str]] = {}
    for alias, member in zip(aliases.get("alias", []), aliases.get("member", []), strict=True):
        also.setdefault(str(member), []).append(str(alias))
    people: dict[tuple[str, str], int] = {}
    rows: list[list[Any]] = []
    for (person, region), g in part.groupby(["person", part["region"].astype(object).fillna("")],
                                             sort=True):  # fmt: skip
        people[(str(person), str(region))] = len(rows)
        spellings = [str(person), *_distinct(g["name_raw"]), *also.get(str(person), [])]
        index = REGIONS.index(region) if region in REGIONS else -1
        rows.append([str(person), index, _spellings(spellings)])
    return people, rows


def _alliances(links: Any) -> tuple[dict[str, int], dict[tuple[str, str], list[int]]]:
    """Each alliance's index, in the order first named, and the alliances of each (period,
    activity)."""
    names: dict[str, int] = {}
    by_activity: dict[tuple[str, str], list[int]] = {}
    links = links.dropna(subset=["alliance"])
    for p, a, name in zip(links["period"], links["activity_id"], links["alliance"], strict=True):
        _add(by_activity, (str(p), str(a)), names.setdefault(str(name), len(names)))
    return names, by_activity


def explorer_data(t: Tables, labels: Mapping[str, str], aliases: pd.DataFrame) -> dict[str, Any]:
    """The page's data: lookups (periods, regions, people, codes, alliances) and one row per
    activity, in period, start date and activity order (as ``find_activities`` lists them).

    A row is ``[period, start (ISO), dates, title, people, outcomes, challenges, alliances,
    in_period, words]`` with indexes into the lookups; ``words`` is its title and description
    folded. A person is ``[name, region, spellings]``: the roster spelling (or the name as written
    for a non-member), then every spelling the report used and the alias table's, folded.
    A code is ``[code, title, "o" (outcome) or "c" (challenge), title folded]``."""
    import pandas as pd

    from helpers.show.values import date_range
    from helpers.tables.contract import REGIONS

    acts = t["activities"].sort_values(["period", "start_date", "activity_id"], kind="stable")
    periods = sorted(set(acts["period"].astype(str)) | set(labels))
    part = t["participation"].assign(
        person=t["participation"]["member"].astype(object).fillna(t["participation"]["name_raw"])
    )
    part = part[part["person"].notna()]
    people, person_rows = _people(part, aliases)
    codes: dict[tuple[str, str, str], int] = {}
    code_rows: list[list[str]] = []

    def titled(kind: str, table: str, listing: pd.DataFrame) -> dict[tuple[str, str], list[int]]:
        """(period, activity_id) → indexes of its codes, each code with its period's title."""
        names = {(str(p), str(c)): str(x) for p, c, x in
                 zip(listing["period"], listing["code"], listing["title"], strict=True)}  # fmt: skip
        out: dict[tuple[str, str], list[int]] = {}
        links = t[table].drop_duplicates(["period", "activity_id", "code"])
        for p, a, c in zip(links["period"], links["activity_id"], links["code"], strict=True):
            title = names.get((str(p), str(c)), "")
            key = (kind, str(c), title)
            if key not in codes:
                codes[key] = len(code_rows)
                code_rows.append([str(c), title, kind, _folded(title)])
            out.setdefault((str(p), str(a)), []).append(codes[key])
        return out

    outcomes = titled("o", "activity_outcomes", t["strategic_plan"])
    challenges = titled("c", "activity_challenges", t["challenges"])
    alliance_names, by_activity = _alliances(t["activity_alliances"])
    who: dict[tuple[str, str], list[int]] = {}
    for p, a, person, region in zip(part["period"], part["activity_id"], part["person"],
                                    part["region"].astype(object).fillna(""), strict=True):  # fmt: skip
        _add(who, (str(p), str(a)), people[(str(person), str(region))])

    rows = []
    for r in acts.itertuples():
        key = (str(r.period), str(r.activity_id))
        start, end = pd.Timestamp(r.start_date), pd.Timestamp(r.end_date)
        rows.append([
            periods.index(str(r.period)), f"{start:%Y-%m-%d}", date_range(start, end), str(r.title),
            who.get(key, []), outcomes.get(key, []), challenges.get(key, []),
            by_activity.get(key, []), int(bool(r.in_period)),
            _folded(str(r.title), "" if pd.isna(r.description) else str(r.description)),
        ])  # fmt: skip
    return {
        "periods": [[p, labels.get(p, "")] for p in periods],
        "regions": list(REGIONS),
        "people": person_rows,
        "codes": code_rows,
        "alliances": [[name, _folded(name)] for name in alliance_names],
        "rows": rows,
    }


def explorer_html(t: Any, aliases: pd.DataFrame) -> str:
    """The explorer page over the stacked tables ``t`` (``helpers.load_all``)."""
    from helpers.report.templating import render_page

    labels = {p.id: p.label for p in t.periods}
    data = explorer_data(t, labels, aliases)
    nav = site_nav("", EXPLORER_TITLE)
    return render_page(
        "explorer.html.j2",
        page_data=data,
        total=len(data["rows"]),
        periods=data["periods"],
        regions=[
            r
            for r in data["regions"]
            if any(p[1] == data["regions"].index(r) for p in data["people"])
        ],  # fmt: skip
        nav=nav,
        scripts=["fold.js", "explorer.js"],
        sortable=True,
    )
