"""Comparing periods. Every function takes the stacked tables of several periods (as
`helpers.load_all()` returns them: each table has a `period` column) and measures each
period against its own roster and plan listing."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

Tables = Mapping[str, pd.DataFrame]


def periods(t: Tables) -> list[str]:
    """Period ids present, in time order."""
    return sorted(set(t["activities"]["period"]) | set(t["members"]["period"]))


def activity_counts(t: Tables) -> pd.DataFrame:
    """One row per period: activities listed and those dated inside the period."""
    a = t["activities"]
    out = a.groupby("period").agg(
        activities=("activity_id", "size"), in_period=("in_period", "sum")
    )
    return out.reindex(periods(t), fill_value=0).rename_axis("period").reset_index()


def _engaged(t: Tables) -> pd.DataFrame:
    p = t["participation"]
    return p.loc[p["is_member"], ["period", "member"]].drop_duplicates()


def engagement_by_period(t: Tables) -> pd.DataFrame:
    """One row per (period, region) plus an `All regions` row per period: roster size,
    members engaged, engagement rate (each period against its own roster)."""
    roster = t["members"][["period", "member", "region"]]
    engaged = _engaged(t).assign(engaged=True)
    m = roster.merge(engaged, on=["period", "member"], how="left")
    m["engaged"] = m["engaged"].fillna(False).astype(bool)
    by_region = m.groupby(["period", "region"], observed=True).agg(
        roster_size=("member", "size"), engaged=("engaged", "sum")
    )
    total = m.groupby("period").agg(roster_size=("member", "size"), engaged=("engaged", "sum"))
    total = total.assign(region="All regions").set_index("region", append=True)
    out = pd.concat([by_region, total]).reset_index()
    out["engagement_rate"] = out["engaged"] / out["roster_size"]
    return out.sort_values(["period", "region"], kind="stable").reset_index(drop=True)


def newly_engaged_and_lapsed(t: Tables) -> pd.DataFrame:
    """One row per (period, member) whose status changed against the previous processed
    period: `newly engaged` (took part now, not before) or `lapsed` (took part before, not
    now). `compared_with` names the earlier period; the first period has no rows."""
    engaged = _engaged(t)
    regions = t["members"].drop_duplicates("member", keep="last").set_index("member")["region"]
    ps = periods(t)
    rows = []
    for prev, cur in zip(ps, ps[1:], strict=False):
        before = set(engaged.loc[engaged["period"] == prev, "member"])
        now = set(engaged.loc[engaged["period"] == cur, "member"])
        rows += [(cur, prev, m, "newly engaged") for m in sorted(now - before)]
        rows += [(cur, prev, m, "lapsed") for m in sorted(before - now)]
    out = pd.DataFrame(rows, columns=["period", "compared_with", "member", "status"])
    out.insert(3, "region", out["member"].map(regions).astype("str"))
    return out


def coverage_matrix(t: Tables) -> pd.DataFrame:
    """Deliverable × period: activities serving each deliverable listed in any period's plan.
    A deliverable not in a period's plan listing is missing (NaN) for that period, not 0."""
    plan = t["strategic_plan"]
    deliv = plan.loc[plan["level"] == "deliverable", ["period", "code"]]
    o = t["activity_outcomes"]
    counts = o.groupby(["code", "period"])["activity_id"].nunique()
    ps = periods(t)
    codes = sorted(set(deliv["code"]))
    out = pd.DataFrame(index=pd.Index(codes, name="code"), columns=ps, dtype="float")
    listed = set(zip(deliv["code"], deliv["period"], strict=True))
    for code in codes:
        for p in ps:
            if (code, p) in listed:
                out.loc[code, p] = float(counts.get((code, p), 0))
    return out


def never_addressed(t: Tables) -> list[str]:
    """Deliverables listed in some period's plan that no activity served in any period."""
    m = coverage_matrix(t)
    return [c for c in m.index if m.loc[c].fillna(0).sum() == 0]


def challenges_over_time(t: Tables) -> pd.DataFrame:
    """Challenge × period: activities addressing each challenge (listed or used)."""
    c = t["activity_challenges"]
    listed = t["challenges"][["period", "code"]]
    codes = sorted(
        set(listed["code"]) | set(c["code"]), key=lambda s: tuple(map(int, s.split(".")))
    )
    counts = c.groupby(["code", "period"])["activity_id"].nunique()
    ps = periods(t)
    return pd.DataFrame(
        [[int(counts.get((code, p), 0)) for p in ps] for code in codes],
        index=pd.Index(codes, name="code"),
        columns=ps,
    )


def interpret_engagement(df: pd.DataFrame) -> str:
    """One sentence on the overall engagement rate across periods."""
    total = df[df["region"] == "All regions"].sort_values("period")
    if total.empty:
        return "No period has engagement figures yet."
    parts = [
        f"{r.period}: {r.engaged} of {r.roster_size} ({r.engagement_rate:.0%})"
        for r in total.itertuples()
    ]
    if len(total) == 1:
        return f"Members taking part — {parts[0]}. Trends need a second period."
    first, last = total.iloc[0], total.iloc[-1]
    change = last.engagement_rate - first.engagement_rate
    trend = "rose" if change > 0.005 else "fell" if change < -0.005 else "held steady"
    return f"The share of members taking part {trend} from {first.engagement_rate:.0%} to {last.engagement_rate:.0%} ({'; '.join(parts)})."
