"""Membership engagement: who took part, how often, by region, against the whole roster.

Every function takes ``tables`` (table name → frame, columns as in ``helpers.tables.schemas``) and
returns a new object; nothing is read from or written to disk. A roster member "took part"
when at least one ``participation`` row resolves to it: the rule of
:mod:`helpers.analysis.participation` (every activity counts; first and last dates come from
those dated inside the period).

The ``interpret_*`` functions turn a result into one plain-English sentence for a figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from helpers.analysis import participation as _participation
from helpers.analysis.wording import join_names as _join
from helpers.analysis.wording import pct as _pct
from helpers.analysis.wording import plural as _plural
from helpers.tables.contract import require as _table
from helpers.tables.roles import board_role

Tables = Mapping[str, pd.DataFrame]

STATUS_BOTH = "both"
STATUS_NOT_LISTED = "took part but not listed"
STATUS_NOTHING = "listed but took part in nothing"
_STATUS_ORDER = {STATUS_NOT_LISTED: 0, STATUS_NOTHING: 1, STATUS_BOTH: 2}

__all__ = [
    "headline",
    "by_region",
    "per_member",
    "participation_distribution",
    "not_engaged",
    "board_participation",
    "alliances",
    "co_participation",
    "shared_pairs",
    "reconcile_engagement_list",
    "interpret_headline",
    "interpret_by_region",
    "interpret_per_member",
    "interpret_participation_distribution",
    "interpret_not_engaged",
    "interpret_board_participation",
    "interpret_alliances",
    "interpret_co_participation",
    "interpret_shared_pairs",
    "interpret_reconciliation",
]


# --------------------------------------------------------------------------- helpers


def _roster(tables: Tables) -> pd.DataFrame:
    """One row per roster member: member, region (first spelling wins on duplicates)."""
    return _participation.roster(tables)[["member", "region"]]


def _member_activity(tables: Tables) -> pd.DataFrame:
    """One row per (activity, roster member) that took part: activity_id, member."""
    return _participation.took_part(tables)[["activity_id", "member"]]


def _titles(tables: Tables) -> pd.Series:
    """Activity title by activity_id."""
    a = _table(tables, "activities", ["activity_id", "title"])
    return a.drop_duplicates("activity_id").set_index("activity_id")["title"]


def _activity_counts(tables: Tables) -> pd.Series:
    """Number of distinct activities per roster member (0 for members who took part in none)."""
    stats = _participation.member_stats(tables)
    return stats.set_index("member")["activities"].rename_axis("member")


# --------------------------------------------------------------------------- tables


def headline(tables: Tables) -> dict[str, Any]:
    """One figure per key for the period's headline box.

    activities / activities_in_period: count of activities (all / dated inside the period);
    members_engaged / roster_size / engagement_rate: distinct roster members with at least one
    participation, roster size and their ratio (0–1); non_member_participants: distinct
    ``name_raw`` of participants that are not members; alliances: distinct alliance names;
    board_members_engaged / board_members: board persons whose member took part / all board
    persons; board_cities_engaged / board_cities: the same counted by distinct member.
    """
    acts = _table(tables, "activities", ["activity_id", "in_period"])
    acts = acts.drop_duplicates("activity_id")
    roster = _roster(tables)
    engaged = set(_member_activity(tables)["member"])
    part = _table(tables, "participation", ["name_raw", "is_member"])
    non_members = part.loc[~part["is_member"].fillna(False).astype(bool), "name_raw"]
    alli = _table(tables, "activity_alliances", ["alliance"])["alliance"]
    board = _table(tables, "board", ["member"])
    board_cities = set(board["member"].dropna())
    roster_size = len(roster)
    return {
        "activities": int(len(acts)),
        "activities_in_period": int(acts["in_period"].fillna(False).astype(bool).sum()),
        "members_engaged": len(engaged),
        "roster_size": roster_size,
        "engagement_rate": (len(engaged) / roster_size) if roster_size else 0.0,
        "non_member_participants": int(non_members.dropna().nunique()),
        "alliances": int(alli.dropna().nunique()),
        "board_members_engaged": int(board["member"].isin(engaged).sum()),
        "board_members": int(len(board)),
        "board_cities_engaged": len(board_cities & engaged),
        "board_cities": len(board_cities),
    }


def by_region(tables: Tables) -> pd.DataFrame:
    """One row per roster region (also those with nobody engaged), sorted by region name.

    Columns: region, roster_size, engaged, not_engaged, engagement_rate (0–1).
    """
    roster = _roster(tables)
    counts = _activity_counts(tables)
    df = roster.assign(engaged=roster["member"].map(counts).gt(0))
    out = (
        df.groupby("region", sort=True)
        .agg(roster_size=("member", "size"), engaged=("engaged", "sum"))
        .reset_index()
    )
    out["roster_size"] = out["roster_size"].astype(int)
    out["engaged"] = out["engaged"].astype(int)
    out["not_engaged"] = out["roster_size"] - out["engaged"]
    out["engagement_rate"] = (out["engaged"] / out["roster_size"]).astype(float)
    return out[["region", "roster_size", "engaged", "not_engaged", "engagement_rate"]]


def per_member(tables: Tables) -> pd.DataFrame:
    """One row per roster member who took part, most active first (ties by name).

    Columns: member, region, activities (distinct activities, every one the report lists),
    first_activity and last_activity (earliest start and latest end of those dated inside
    the period; NaT when none is). The rule is :mod:`helpers.analysis.participation`'s.
    """
    stats = _participation.member_stats(tables)
    out = stats.loc[stats["activities"] > 0]
    out = out[["member", "region", "activities", "first_activity", "last_activity"]]
    out = out.sort_values(["activities", "member"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def participation_distribution(tables: Tables) -> pd.DataFrame:
    """One row per activity count from 0 to the maximum: activities, members (roster members
    with exactly that many activities; 0 = never engaged). Members sum to the roster size.
    """
    counts = _activity_counts(tables)
    top = int(counts.max()) if len(counts) else 0
    dist = counts.value_counts().reindex(range(top + 1), fill_value=0)
    return pd.DataFrame({"activities": list(range(top + 1)), "members": dist.astype(int).values})


def not_engaged(tables: Tables) -> pd.DataFrame:
    """One row per roster member who took part in no activity: member, region; by region, member."""
    roster = _roster(tables)
    counts = _activity_counts(tables)
    out = roster.loc[roster["member"].map(counts).eq(0).values, ["member", "region"]]
    return out.sort_values(["region", "member"], kind="stable").reset_index(drop=True)


def board_participation(tables: Tables) -> pd.DataFrame:
    """One row per board person, in board order: name, role (worded by :func:`board_role`),
    member, region, activities (distinct activities their member took part in; 0 when the
    member is missing), engaged (bool).
    """
    board = _table(tables, "board", ["name", "role", "member", "region"])
    counts = _member_activity(tables).groupby("member")["activity_id"].nunique()
    out = board[["name", "role", "member", "region"]].reset_index(drop=True).copy()
    # one wording on every page, even for a board table built by hand with the printed role
    out["role"] = out["role"].map(board_role).astype(out["role"].dtype)
    out["activities"] = out["member"].map(counts).fillna(0).astype(int)
    out["engaged"] = out["activities"].gt(0)
    return out


def alliances(tables: Tables) -> pd.DataFrame:
    """One row per alliance, most frequent first (ties by name): alliance, activities (distinct
    activities run with it), titles (their titles in activity order, joined with "; ").
    """
    a = _table(tables, "activity_alliances", ["activity_id", "alliance"])
    a = a.loc[a["alliance"].notna(), ["activity_id", "alliance"]].drop_duplicates()
    titles = _titles(tables)
    order = {aid: i for i, aid in enumerate(titles.index)}
    rows = []
    for name, grp in a.groupby("alliance", sort=False):
        ids = sorted(grp["activity_id"].unique(), key=lambda x: (order.get(x, len(order)), x))
        names = [str(titles.get(i, i)) for i in ids]
        rows.append({"alliance": name, "activities": len(ids), "titles": "; ".join(names)})
    out = pd.DataFrame(rows, columns=["alliance", "activities", "titles"])
    out["activities"] = out["activities"].astype(int)
    out = out.sort_values(["activities", "alliance"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def co_participation(tables: Tables, min_shared: int = 1) -> pd.DataFrame:
    """Square member × member matrix of shared activities; the diagonal is a member's own count.

    Rows and columns: roster members who took part and share at least ``min_shared`` activities
    with at least one other member (``min_shared=0`` keeps everyone who took part), ordered by
    own count descending then name. Cells are the true counts (not thresholded).
    """
    pairs = _member_activity(tables)
    if pairs.empty:
        return pd.DataFrame(
            index=pd.Index([], name="member", dtype=object),
            columns=pd.Index([], name="member", dtype=object),
            dtype=int,
        )
    incidence = pd.crosstab(pairs["activity_id"], pairs["member"]).clip(upper=1)
    matrix = incidence.T.dot(incidence).astype(int)
    own = pd.Series(np.diag(matrix.to_numpy()), index=matrix.index)
    off = matrix.to_numpy() * (1 - np.eye(len(matrix), dtype=int))
    shared = pd.Series(off.max(axis=1, initial=0), index=matrix.index)
    keep = shared.ge(min_shared) if min_shared > 0 else own.gt(0)
    order = (
        own[keep.values]
        .rename("n")
        .reset_index()
        .sort_values(["n", "member"], ascending=[False, True], kind="stable")["member"]
        .tolist()
    )
    out = matrix.loc[order, order]
    out.index.name = "member"
    out.columns.name = "member"
    return out


TOGETHER_MIN = 2  # shared activities that make a pair worth listing on the engagement page


def shared_pairs(tables: Tables, min_shared: int = 1) -> pd.DataFrame:
    """One row per pair of roster members that took part in at least ``min_shared`` of the
    same activities: the ranked list of who takes part together.

    Columns: member and with_member (the pair, in name order), shared_activities (how many),
    activities (their titles, in report order, joined with "; "). Most shared first, then by
    names. Counted by the one participation rule (activities dated outside the period too)."""
    took = _member_activity(tables).drop_duplicates()
    cols = ["member", "with_member", "shared_activities", "activities"]
    both = took.merge(took, on="activity_id", suffixes=("", "_other"))
    both = both[both["member"] < both["member_other"]]
    if both.empty:
        return pd.DataFrame({c: pd.Series([], dtype=object if c != "shared_activities" else int)
                             for c in cols})  # fmt: skip
    titles = _titles(tables)
    order = {aid: i for i, aid in enumerate(titles.index)}
    rows = []
    for (a, b), g in both.groupby(["member", "member_other"], sort=True):
        ids = sorted(set(g["activity_id"]), key=lambda i: (order.get(i, len(order)), i))
        rows.append((a, b, len(ids), "; ".join(str(titles.get(i, i)) for i in ids)))
    out = pd.DataFrame(rows, columns=cols)
    out = out[out["shared_activities"] >= min_shared]
    return out.sort_values(
        ["shared_activities", "member", "with_member"], ascending=[False, True, True],
        kind="stable",
    ).reset_index(drop=True)  # fmt: skip


def reconcile_engagement_list(tables: Tables) -> pd.DataFrame:
    """One row per name in the activities' participants or in the report's engagement list.

    Columns: member (roster spelling, or ``name_raw`` when unresolved), is_member,
    in_activities, in_list, status ("both", "took part but not listed", "listed but took part
    in nothing"). Discrepancies come first, then by name.
    """
    part = _table(tables, "participation", ["name_raw", "member", "is_member"])
    lst = _table(tables, "engagement_table", ["name_raw", "member"])

    def keys(df: pd.DataFrame) -> pd.DataFrame:
        resolved = df["member"].notna()
        return pd.DataFrame(
            {
                "member": df["member"].where(resolved, df["name_raw"]).astype(object).values,
                "is_member": resolved.values,
            }
        ).dropna(subset=["member"])

    pk, lk = keys(part), keys(lst)
    names = pd.concat([pk, lk]).groupby("member", sort=True)["is_member"].any()
    out = names.reset_index()
    out["in_activities"] = out["member"].isin(set(pk["member"]))
    out["in_list"] = out["member"].isin(set(lk["member"]))
    out["status"] = [
        STATUS_BOTH if a and b else (STATUS_NOT_LISTED if a else STATUS_NOTHING)
        for a, b in zip(out["in_activities"], out["in_list"], strict=True)
    ]
    out = out.assign(_o=out["status"].map(_STATUS_ORDER)).sort_values(
        ["_o", "member"], kind="stable"
    )
    cols = ["member", "is_member", "in_activities", "in_list", "status"]
    return out[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- interpretation


def interpret_headline(h: Mapping[str, Any]) -> str:
    """One sentence summarising :func:`headline`."""
    acts = h["activities"]
    outside = acts - h["activities_in_period"]
    when = f" ({outside} dated outside the period)" if outside else ""
    return (
        f"{_plural(acts, 'activity', 'activities')}{when} involved "
        f"{h['members_engaged']} of the {h['roster_size']} roster members "
        f"({_pct(h['engagement_rate'])}), "
        f"{_plural(h['non_member_participants'], 'non-member participant')} and "
        f"{_plural(h['alliances'], 'alliance')}; "
        f"{h['board_members_engaged']} of the {h['board_members']} board members "
        "represent a member that took part."
    )


def interpret_by_region(df: pd.DataFrame) -> str:
    """One sentence naming the most and least engaged regions (from :func:`by_region`)."""
    df = df.loc[df["roster_size"] > 0]
    if df.empty:
        return "The roster lists no members, so engagement by region cannot be read."
    if df["engaged"].sum() == 0:
        return "No roster member took part in any activity, in any region."
    ranked = df.sort_values(
        ["engagement_rate", "engaged", "region"], ascending=[False, False, True], kind="stable"
    )
    top, low = ranked.iloc[0], ranked.iloc[-1]
    best = ranked.loc[ranked["engagement_rate"] == top["engagement_rate"], "region"].tolist()
    worst = ranked.loc[ranked["engagement_rate"] == low["engagement_rate"], "region"].tolist()
    if len(best) > 1:
        lead = f"{_join(best)} are the most engaged regions: {_pct(top['engagement_rate'])} of "
        lead += "their members took part"
    else:
        lead = (
            f"{top['region']} is the most engaged region: {top['engaged']} of its "
            f"{top['roster_size']} members ({_pct(top['engagement_rate'])}) took part"
        )
    if len(df) == 1 or set(best) == set(worst):
        return lead + "."
    if len(worst) > 1:
        tail = f"{_join(worst)} the least ({_pct(low['engagement_rate'])} each)"
    else:
        tail = (
            f"{low['region']} the least: {low['engaged']} of {low['roster_size']} "
            f"({_pct(low['engagement_rate'])})"
        )
    return f"{lead}; {tail}."


def interpret_per_member(df: pd.DataFrame) -> str:
    """One sentence on the most active members and how many took part only once."""
    if df.empty:
        return "No roster member took part in any activity."
    most = int(df["activities"].max())
    leaders = df.loc[df["activities"] == most, "member"].tolist()
    once = int((df["activities"] == 1).sum())
    each = " each" if len(leaders) > 1 else ""
    return (
        f"{_join(leaders)} took part most often "
        f"({_plural(most, 'activity', 'activities')}{each}); "
        f"{once} of the {len(df)} engaged members took part in a single activity."
    )


def interpret_participation_distribution(df: pd.DataFrame) -> str:
    """One sentence on how participation is spread (from :func:`participation_distribution`)."""
    total = int(df["members"].sum())
    if total == 0:
        return "The roster lists no members."
    counts = dict(zip(df["activities"], df["members"], strict=True))
    none, one = int(counts.get(0, 0)), int(counts.get(1, 0))
    more = total - none - one
    top = int(df.loc[df["members"] > 0, "activities"].max())
    return (
        f"{none} of the {total} roster members ({_pct(none / total)}) took part in no activity, "
        f"{one} in exactly one and {more} in two or more; the most active took part in {top}."
    )


def interpret_not_engaged(df: pd.DataFrame) -> str:
    """One sentence on members never engaged and the region holding most of them."""
    if df.empty:
        return "Every roster member took part in at least one activity."
    by = df["region"].value_counts()
    region, n = by.index[0], int(by.iloc[0])
    return (
        f"{_plural(len(df), 'roster member')} took part in no activity; "
        f"{n} of them ({_pct(n / len(df))}) are in {region}."
    )


def interpret_board_participation(df: pd.DataFrame) -> str:
    """One sentence on board members whose city took part (from :func:`board_participation`)."""
    if df.empty:
        return "The report lists no board members."
    engaged = int(df["engaged"].sum())
    absent = df.loc[~df["engaged"]]
    text = f"{engaged} of the {len(df)} board members represent a member that took part"
    if absent.empty:
        return text + "."
    who = [
        f"{r.name} ({r.member})" if pd.notna(r.member) else f"{r.name} (member not identified)"
        for r in absent.itertuples()
    ]
    return f"{text}; not engaged: {_join(who)}."


def interpret_alliances(df: pd.DataFrame) -> str:
    """One sentence on the alliances worked with (from :func:`alliances`)."""
    if df.empty:
        return "No activity names a partner alliance."
    most = int(df["activities"].max())
    leaders = df.loc[df["activities"] == most, "alliance"].tolist()
    each = " each" if len(leaders) > 1 else ""
    return (
        f"Metropolis worked with {_plural(len(df), 'alliance')}; {_join(leaders)} most often "
        f"({_plural(most, 'activity', 'activities')}{each})."
    )


def interpret_co_participation(matrix: pd.DataFrame) -> str:
    """One sentence naming the pair of members that took part together most often."""
    names = list(matrix.index)
    best: tuple[int, str, str] | None = None
    ties = 0
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            n = int(matrix.loc[a, b])
            if best is None or n > best[0]:
                best, ties = (n, a, b), 0
            elif n == best[0]:
                ties += 1
    if best is None or best[0] == 0:
        return "No two members took part in the same activity."
    n, a, b = best
    tail = f", tied with {_plural(ties, 'other pair')}" if ties else ""
    return (
        f"{a} and {b} took part together most often "
        f"({_plural(n, 'shared activity', 'shared activities')}{tail})."
    )


def interpret_shared_pairs(pairs: pd.DataFrame) -> str:
    """One sentence on who takes part together (from every pair of :func:`shared_pairs`): the
    pair that did most often, and how many pairs shared TOGETHER_MIN activities or more."""
    if pairs.empty:
        return "No two members took part in the same activity."
    n = int(pairs["shared_activities"].max())
    top = pairs[pairs["shared_activities"] == n]
    a, b = top.iloc[0]["member"], top.iloc[0]["with_member"]
    tail = f", tied with {_plural(len(top) - 1, 'other pair')}" if len(top) > 1 else ""
    often = int((pairs["shared_activities"] >= TOGETHER_MIN).sum())
    return (
        f"{a} and {b} took part together most often "
        f"({_plural(n, 'shared activity', 'shared activities')}{tail}); "
        f"{_plural(often, 'pair')} of members took part together in {TOGETHER_MIN} activities "
        f"or more, {len(pairs) - often} more in one."
    )


def interpret_reconciliation(df: pd.DataFrame) -> str:
    """One sentence comparing activity participants with the report's engagement list."""

    def names(status: str) -> list[str]:
        rows = df.loc[df["status"] == status]
        return [
            m if is_member else f"{m} (not a member)"
            for m, is_member in zip(rows["member"], rows["is_member"], strict=True)
        ]

    both, not_listed, nothing = names(STATUS_BOTH), names(STATUS_NOT_LISTED), names(STATUS_NOTHING)
    if not not_listed and not nothing:
        return (
            f"The report's engagement list matches the activities exactly "
            f"({_plural(len(both), 'name')})."
        )
    parts = [f"{len(both)} names appear both in the activities and in the engagement list"]
    if not_listed:
        parts.append(f"{len(not_listed)} took part but are not listed ({_join(not_listed)})")
    if nothing:
        parts.append(f"{len(nothing)} are listed but took part in nothing ({_join(nothing)})")
    return "; ".join(parts) + "."
