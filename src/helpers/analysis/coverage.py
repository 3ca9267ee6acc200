"""Outcome coverage: which Strategic Action Plan deliverables and metropolitan challenges the
period's activities served, which none did, and codes the report's listings do not hold.

Every function takes ``tables`` (table name → frame, columns as in ``helpers.tables.schemas``) and
returns a new object; nothing is read from or written to disk. All activities of the report
count, including any dated outside the period. The ``interpret_*`` functions turn a result into
one plain-English sentence for a figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

import pandas as pd

from helpers.analysis.wording import join_names as _join
from helpers.analysis.wording import plural as _plural
from helpers.tables.contract import require as _table

Tables = Mapping[str, pd.DataFrame]

NO_LINE = "(no line)"
_LINE_RE = re.compile(r"^(L\d+)")
_ACTION_RE = re.compile(r"^(L\d+A\d+)")

__all__ = [
    "NO_LINE",
    "headline",
    "deliverables",
    "coverage_rate",
    "challenge_coverage",
    "line_challenge_matrix",
    "unknown_codes",
    "without_outcomes",
    "interpret_deliverables",
    "interpret_coverage_rate",
    "interpret_challenge_coverage",
    "interpret_line_challenge_matrix",
    "challenges_by_line",
    "line_titles",
    "interpret_unknown_codes",
    "interpret_without_outcomes",
]


# --------------------------------------------------------------------------- helpers


def _code_key(code: str) -> tuple:
    """Sort key that orders `L2` before `L10` and `1.2` before `1.10`."""
    return tuple(int(n) for n in re.findall(r"\d+", str(code))) + (str(code),)


def _prefix(code: str, pattern: re.Pattern[str]) -> str | None:
    m = pattern.match(str(code))
    return m.group(1) if m else None


def _plan(tables: Tables) -> pd.DataFrame:
    plan = _table(tables, "strategic_plan", ["code", "level", "title"])
    return plan.loc[plan["code"].notna()].drop_duplicates("code").reset_index(drop=True)


def _listed_challenges(tables: Tables) -> pd.DataFrame:
    ch = _table(tables, "challenges", ["code", "title"])
    return ch.loc[ch["code"].notna()].drop_duplicates("code").reset_index(drop=True)


def _activities(tables: Tables) -> pd.DataFrame:
    a = _table(tables, "activities", ["activity_id", "title", "start_date", "action_line"])
    return a.drop_duplicates("activity_id").reset_index(drop=True)


def _count_by_code(links: pd.DataFrame) -> pd.Series:
    """Distinct activities per code of an (activity_id, code) link table."""
    links = links.loc[links["code"].notna(), ["activity_id", "code"]].drop_duplicates()
    return links.groupby("code")["activity_id"].nunique()


# --------------------------------------------------------------------------- tables


def deliverables(tables: Tables) -> pd.DataFrame:
    """One row per deliverable of the plan listing, in listing order.

    Columns: code, line, action, title, activities (distinct activities whose outcome code equals
    the deliverable's), covered (activities > 0). ``line``/``action`` are read from the code.
    """
    plan = _plan(tables)
    d = plan.loc[plan["level"] == "deliverable", ["code", "title"]].reset_index(drop=True)
    counts = _count_by_code(_table(tables, "activity_outcomes", ["activity_id", "code"]))
    out = pd.DataFrame(
        {
            "code": d["code"].astype(object),
            "line": [_prefix(c, _LINE_RE) for c in d["code"]],
            "action": [_prefix(c, _ACTION_RE) for c in d["code"]],
            "title": d["title"].astype(object),
        }
    )
    out["activities"] = out["code"].map(counts).fillna(0).astype(int)
    out["covered"] = out["activities"].gt(0)
    return out


def headline(tables: Tables) -> dict[str, int]:
    """The period's coverage figures (the coverage page's cards, the index, the board brief):
    deliverables_covered / deliverables (of the plan listing, served by at least one
    activity), challenges_covered / challenges (of the challenge listing, addressed)."""
    d, c = deliverables(tables), challenge_coverage(tables)
    return {
        "deliverables_covered": int(d["covered"].sum()),
        "deliverables": len(d),
        "challenges_covered": int(c["covered"].sum()),
        "challenges": len(c),
    }


def coverage_rate(tables: Tables, level: Literal["line", "action"] = "line") -> pd.DataFrame:
    """One row per line (or action) of the plan, in listing order.

    Columns: ``line`` (or ``action``), title, deliverables (listed under it), covered
    (deliverables with at least one activity), rate (covered / deliverables; NaN when the
    listing shows no deliverable under it).
    """
    if level not in ("line", "action"):
        raise ValueError(f"level must be 'line' or 'action', not {level!r}")
    plan = _plan(tables)
    d = deliverables(tables)
    groups = plan.loc[plan["level"] == level, ["code", "title"]]
    keys = list(groups["code"])
    extra = sorted(set(d[level].dropna()) - set(keys), key=_code_key)
    titles = dict(zip(groups["code"], groups["title"], strict=True))
    agg = d.groupby(level).agg(deliverables=("code", "size"), covered=("covered", "sum"))
    out = pd.DataFrame({level: keys + extra})
    out["title"] = out[level].map(titles).astype(object)
    out["deliverables"] = out[level].map(agg["deliverables"]).fillna(0).astype(int)
    out["covered"] = out[level].map(agg["covered"]).fillna(0).astype(int)
    rate = out["covered"] / out["deliverables"].where(out["deliverables"] > 0)
    out["rate"] = rate.astype(float)
    return out


def challenge_coverage(tables: Tables) -> pd.DataFrame:
    """One row per listed challenge, in listing order: code, title, activities (distinct
    activities addressing it), covered (activities > 0).
    """
    ch = _listed_challenges(tables)
    counts = _count_by_code(_table(tables, "activity_challenges", ["activity_id", "code"]))
    out = pd.DataFrame({"code": ch["code"].astype(object), "title": ch["title"].astype(object)})
    out["activities"] = out["code"].map(counts).fillna(0).astype(int)
    out["covered"] = out["activities"].gt(0)
    return out


def _activity_lines(tables: Tables, line_from: Literal["activity", "outcomes"]) -> pd.DataFrame:
    """(activity_id, line) pairs; activities with no line get NO_LINE."""
    acts = _activities(tables)
    if line_from == "activity":
        line = acts["action_line"].astype(object).where(acts["action_line"].notna(), NO_LINE)
        return pd.DataFrame({"activity_id": acts["activity_id"], "line": line})
    if line_from != "outcomes":
        raise ValueError(f"line_from must be 'activity' or 'outcomes', not {line_from!r}")
    oc = _table(tables, "activity_outcomes", ["activity_id", "code"])
    pairs = pd.DataFrame(
        {"activity_id": oc["activity_id"], "line": [_prefix(c, _LINE_RE) for c in oc["code"]]}
    ).dropna()
    missing = acts.loc[~acts["activity_id"].isin(pairs["activity_id"]), ["activity_id"]]
    pairs = pd.concat([pairs, missing.assign(line=NO_LINE)], ignore_index=True)
    return pairs.drop_duplicates()


def line_challenge_matrix(
    tables: Tables, line_from: Literal["activity", "outcomes"] = "activity"
) -> pd.DataFrame:
    """Action line × challenge code: number of distinct activities of the line addressing it.

    Rows: every line of the plan (``L1``…``Ln``), then lines that only activities name, then
    ``"(no line)"`` when an activity with a challenge has no line. Columns: every listed
    challenge in listing order, then unlisted codes activities use. ``line_from="activity"``
    takes ``activities.action_line``; ``"outcomes"`` takes the lines of the activity's outcome
    codes (an activity then counts once per distinct line it serves).
    """
    plan = _plan(tables)
    plan_lines = sorted({_prefix(c, _LINE_RE) for c in plan["code"]} - {None}, key=_code_key)
    listed = list(_listed_challenges(tables)["code"])
    ac = _table(tables, "activity_challenges", ["activity_id", "code"])
    ac = ac.loc[ac["code"].notna(), ["activity_id", "code"]].drop_duplicates()
    links = ac.merge(_activity_lines(tables, line_from), on="activity_id", how="left")
    links["line"] = links["line"].fillna(NO_LINE)
    counts = links.groupby(["line", "code"])["activity_id"].nunique()
    seen_lines = set(links["line"])
    extra_lines = sorted(seen_lines - set(plan_lines) - {NO_LINE}, key=_code_key)
    rows = plan_lines + extra_lines + ([NO_LINE] if NO_LINE in seen_lines else [])
    cols = listed + sorted(set(links["code"]) - set(listed), key=_code_key)
    matrix = counts.unstack("code").reindex(index=rows, columns=cols) if len(counts) else None
    if matrix is None:
        matrix = pd.DataFrame(0, index=rows, columns=cols)
    matrix = matrix.fillna(0).astype(int)
    matrix.index = pd.Index(rows, name="line", dtype=object)
    matrix.columns = pd.Index(cols, name="challenge", dtype=object)
    return matrix


def unknown_codes(tables: Tables) -> pd.DataFrame:
    """One row per code an activity uses that the report's listings lack (``known`` False).

    Columns: code, kind ("outcome" or "challenge"), activities (distinct), titles (joined with
    "; " in activity order). Outcomes first, then by code.
    """
    acts = _activities(tables)
    titles = acts.set_index("activity_id")["title"]
    order = {aid: i for i, aid in enumerate(acts["activity_id"])}
    rows = []
    for kind, name in (("outcome", "activity_outcomes"), ("challenge", "activity_challenges")):
        t = _table(tables, name, ["activity_id", "code", "known"])
        t = t.loc[~t["known"].fillna(False).astype(bool) & t["code"].notna()]
        for code in sorted(set(t["code"]), key=_code_key):
            ids = sorted(
                set(t.loc[t["code"] == code, "activity_id"]),
                key=lambda x: (order.get(x, len(order)), x),
            )
            rows.append(
                {
                    "code": code,
                    "kind": kind,
                    "activities": len(ids),
                    "titles": "; ".join(str(titles.get(i, i)) for i in ids),
                }
            )
    out = pd.DataFrame(rows, columns=["code", "kind", "activities", "titles"])
    out["activities"] = out["activities"].astype(int)
    return out


def without_outcomes(tables: Tables) -> pd.DataFrame:
    """One row per activity with no ``activity_outcomes`` row, in activity order:
    activity_id, title, start_date.
    """
    acts = _activities(tables)
    oc = _table(tables, "activity_outcomes", ["activity_id"])
    out = acts.loc[~acts["activity_id"].isin(oc["activity_id"]), ["activity_id", "title"]]
    out = out.assign(start_date=pd.to_datetime(acts.loc[out.index, "start_date"]))
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- interpretation


def interpret_deliverables(df: pd.DataFrame) -> str:
    """One sentence on deliverable coverage (from :func:`deliverables`)."""
    if df.empty:
        return "The report lists no Strategic Action Plan deliverables."
    covered = int(df["covered"].sum())
    text = (
        f"{covered} of the {len(df)} deliverables ({covered / len(df):.0%}) were served by at "
        "least one activity"
    )
    gaps = df.loc[~df["covered"]]
    if gaps.empty:
        return text + "."
    names = [f"{r.code} ({r.title})" for r in gaps.itertuples()]
    return f"{text}; none served {_join(names, limit=4, conj='or')}."


def interpret_coverage_rate(df: pd.DataFrame) -> str:
    """One sentence naming the best and least covered line or action (from
    :func:`coverage_rate`)."""
    key = "line" if "line" in df.columns else "action"
    d = df.loc[df["deliverables"] > 0]
    if d.empty:
        return f"No {key} of the plan lists a deliverable."
    ranked = d.sort_values(["rate", "deliverables"], ascending=[False, False], kind="stable")
    top, low = ranked.iloc[0], ranked.iloc[-1]
    full = d.loc[d["rate"] == 1.0, key].tolist()
    if full and len(full) == len(d):
        return f"Every {key} has all its deliverables served by at least one activity."
    if full:
        verb = "has" if len(full) == 1 else "have"
        lead = f"{_join(full, limit=10)} {verb} every deliverable covered"
    else:
        best = d.loc[d["rate"] == top["rate"], key].tolist()
        if len(best) > 1:
            lead = (
                f"{_join(best, limit=10)} tie as the best covered {key}s ({top['rate']:.0%} each)"
            )
        else:
            lead = (
                f"{top[key]} is the best covered {key}: {top['covered']} of "
                f"{top['deliverables']} deliverables ({top['rate']:.0%})"
            )
    worst = d.loc[d["rate"] == low["rate"], key].tolist()
    if len(worst) > 1:
        return f"{lead}; {_join(worst, limit=10)} tie as the least ({low['rate']:.0%} each)."
    return (
        f"{lead}; {low[key]} the least: {low['covered']} of {low['deliverables']} "
        f"({low['rate']:.0%})."
    )


def interpret_challenge_coverage(df: pd.DataFrame) -> str:
    """One sentence on challenge coverage (from :func:`challenge_coverage`)."""
    if df.empty:
        return "The report lists no metropolitan challenges."
    covered = int(df["covered"].sum())
    most = int(df["activities"].max())
    leaders = [f"{r.code} {r.title}" for r in df.loc[df["activities"] == most].itertuples()]
    text = f"{covered} of the {len(df)} challenges were addressed by at least one activity"
    gaps = [f"{r.code} {r.title}" for r in df.loc[~df["covered"]].itertuples()]
    if gaps:
        text += f" ({_join(gaps)}: none)"
    if most == 0:
        return text + "."
    each = " each" if len(leaders) > 1 else ""
    return (
        f"{text}; the most addressed: {_join(leaders)} "
        f"({_plural(most, 'activity', 'activities')}{each})."
    )


NOT_LISTED = "(not in the challenge listing)"


def challenges_by_line(
    tables: Tables, line_from: Literal["activity", "outcomes"] = "activity"
) -> pd.DataFrame:
    """One row per challenge: :func:`line_challenge_matrix` turned to read down the challenges,
    each with its title, so that no code is shown without it.

    Columns: code, title (the report's listing; ``NOT_LISTED`` for a code only activities
    use), then one column per action line (as the matrix's rows) with the activities of that
    line addressing the challenge. Rows in the matrix's column order: listed challenges in
    listing order, then unlisted codes."""
    matrix = line_challenge_matrix(tables, line_from=line_from)
    titles = _listed_challenges(tables).set_index("code")["title"]
    out = matrix.T.reset_index(names="code")
    out.columns.name = None
    out.insert(1, "title", [str(titles.get(c, NOT_LISTED)) for c in out["code"]])
    return out


def line_titles(tables: Tables) -> dict[str, str]:
    """Each action line's title in the report's plan listing: ``{"L1": "Strengthen …"}``."""
    plan = _plan(tables)
    lines = plan[plan["code"].map(lambda c: _prefix(c, _LINE_RE) == c)]
    return dict(zip(lines["code"], lines["title"].astype(str), strict=True))


def interpret_line_challenge_matrix(matrix: pd.DataFrame) -> str:
    """One sentence naming the strongest line–challenge link (from
    :func:`line_challenge_matrix`)."""
    if matrix.size == 0 or int(matrix.to_numpy().max()) == 0:
        return "No activity links an action line to a challenge."
    stacked = matrix.stack()
    best = int(stacked.max())
    top = [f"{line} with challenge {code}" for (line, code), n in stacked.items() if n == best]
    if len(top) == 1:
        text = f"The strongest link is {top[0]} ({_plural(best, 'activity', 'activities')})"
    else:
        text = (
            f"The strongest links are {_join(top, limit=3)} "
            f"({_plural(best, 'activity', 'activities')} each)"
        )
    if NO_LINE in matrix.index and int(matrix.loc[NO_LINE].sum()) > 0:
        n = int(matrix.loc[NO_LINE].sum())
        verb = "comes" if n == 1 else "come"
        text += f"; {_plural(n, 'link')} {verb} from activities with no line"
    return text + "."


def interpret_unknown_codes(df: pd.DataFrame) -> str:
    """One sentence on codes missing from the report's own listings (from
    :func:`unknown_codes`)."""
    if df.empty:
        return "Every outcome and challenge code the activities use is in the report's listings."
    parts = []
    for kind in ("outcome", "challenge"):
        codes = df.loc[df["kind"] == kind, "code"].tolist()
        if codes:
            parts.append(f"{_plural(len(codes), kind + ' code')} ({_join(codes)})")
    return f"The activities use {' and '.join(parts)} absent from the report's listings."


def interpret_without_outcomes(df: pd.DataFrame) -> str:
    """One sentence on activities that name no outcome (from :func:`without_outcomes`)."""
    if df.empty:
        return "Every activity names at least one Strategic Action Plan outcome."
    names = [str(t) for t in df["title"]]
    verb = "names" if len(df) == 1 else "name"
    return f"{_plural(len(df), 'activity', 'activities')} {verb} no outcome: {_join(names)}."
