"""Comparing periods. Every function takes the stacked tables of several periods (as
`helpers.load_all()` returns them: each table has a `period` column) and measures each
period against its own roster and plan listing."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.analysis.participation import periods as participation_periods
from helpers.analysis.participation import roster, took_part
from helpers.analysis.wording import join_names as _join
from helpers.analysis.wording import plural as _plural

Tables = Mapping[str, pd.DataFrame]


def periods(t: Tables) -> list[str]:
    """Period ids present, in time order."""
    return participation_periods(t)


def activity_counts(t: Tables) -> pd.DataFrame:
    """One row per period: activities listed and those dated inside the period."""
    a = t["activities"]
    out = a.groupby("period").agg(
        activities=("activity_id", "size"), in_period=("in_period", "sum")
    )
    return out.reindex(periods(t), fill_value=0).rename_axis("period").reset_index()


def _engaged(t: Tables) -> pd.DataFrame:
    """(period, member) of every roster member who took part (the participation rule)."""
    return took_part(t)[["period", "member"]].drop_duplicates()


def _rosters(t: Tables) -> dict[str, set[str]]:
    r = roster(t)
    return {p: set(r.loc[r["period"] == p, "member"]) for p in periods(t)}


def _regions(t: Tables) -> pd.Series:
    return t["members"].drop_duplicates("member", keep="last").set_index("member")["region"]


def _pairs(t: Tables) -> list[tuple[str, str]]:
    """(previous, current) for each period after the first."""
    ps = periods(t)
    return list(zip(ps, ps[1:], strict=False))


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
    """One row per (period, member) on the rosters of both this period and the previous processed
    one whose status changed: `newly engaged` (took part now, not before) or `lapsed` (took
    part before, not now). Members who joined or left the roster are in :func:`roster_changes`
    instead. `compared_with` names the earlier period; the first period has no rows."""
    engaged = _engaged(t)
    rosters = _rosters(t)
    rows = []
    for prev, cur in _pairs(t):
        both = rosters[prev] & rosters[cur]
        before = set(engaged.loc[engaged["period"] == prev, "member"]) & both
        now = set(engaged.loc[engaged["period"] == cur, "member"]) & both
        rows += [(cur, prev, m, "newly engaged") for m in sorted(now - before)]
        rows += [(cur, prev, m, "lapsed") for m in sorted(before - now)]
    out = pd.DataFrame(rows, columns=["period", "compared_with", "member", "status"])
    out.insert(3, "region", out["member"].map(_regions(t)).astype("str"))
    return out


JOINED = "joined the roster"
LEFT = "left the roster"


def roster_changes(t: Tables) -> pd.DataFrame:
    """One row per member who joined or left the roster against the previous processed period.

    Columns: period, compared_with, member, region, change (`joined the roster` / `left the
    roster`), took_part (took part in the period it is on the roster of: the new period for
    a member who joined, the earlier one for a member who left). Joined first, then by name."""
    engaged = _engaged(t)
    rosters = _rosters(t)
    rows = []
    for prev, cur in _pairs(t):
        took = {p: set(engaged.loc[engaged["period"] == p, "member"]) for p in (prev, cur)}
        rows += [
            (cur, prev, m, JOINED, m in took[cur]) for m in sorted(rosters[cur] - rosters[prev])
        ]
        rows += [
            (cur, prev, m, LEFT, m in took[prev]) for m in sorted(rosters[prev] - rosters[cur])
        ]
    out = pd.DataFrame(rows, columns=["period", "compared_with", "member", "change", "took_part"])
    out.insert(3, "region", out["member"].map(_regions(t)).astype("str"))
    out["took_part"] = out["took_part"].astype(bool)
    return out


ROSTER_CHANGE_LIMIT = 0.10


def engagement_change(t: Tables) -> pd.DataFrame:
    """One row per period after the first: the engagement rate against the previous period, on
    each period's whole roster and on the members common to both rosters.

    Columns, the rates first: period, compared_with, before_rate, after_rate (whole rosters),
    common_before_rate, common_after_rate (common members only), roster_before, roster_after,
    common (members on both), one_roster_share (members on one roster only, as a share of those
    on either), rosters_differ (one_roster_share above ROSTER_CHANGE_LIMIT, 10%)."""
    engaged = _engaged(t)
    rosters = _rosters(t)
    rows = []
    for prev, cur in _pairs(t):
        took = {p: set(engaged.loc[engaged["period"] == p, "member"]) for p in (prev, cur)}
        before, after = rosters[prev], rosters[cur]
        common = before & after
        either = before | after
        change = len(either - common) / len(either) if either else 0.0
        rows.append({
            "period": cur, "compared_with": prev,
            "roster_before": len(before), "roster_after": len(after), "common": len(common),
            "one_roster_share": change,
            "before_rate": _rate(took[prev] & before, before),
            "after_rate": _rate(took[cur] & after, after),
            "common_before_rate": _rate(took[prev] & common, common),
            "common_after_rate": _rate(took[cur] & common, common),
            "rosters_differ": change > ROSTER_CHANGE_LIMIT,
        })  # fmt: skip
    cols = ["period", "compared_with", "before_rate", "after_rate", "common_before_rate",
            "common_after_rate", "roster_before", "roster_after", "common", "one_roster_share",
            "rosters_differ"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _rate(engaged: set[str], members: set[str]) -> float:
    return len(engaged) / len(members) if members else float("nan")


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
    """Challenge × period: activities addressing each challenge of any period's listing.
    A challenge a period's report does not list is missing (NaN) there, not 0, even when an
    activity uses its code (an unknown code, shown on that period's coverage page)."""
    c = t["activity_challenges"]
    listed = t["challenges"][["period", "code"]].dropna()
    codes = sorted(set(listed["code"]), key=lambda s: tuple(map(int, s.split("."))))
    counts = c.groupby(["code", "period"])["activity_id"].nunique()
    on = set(zip(listed["code"], listed["period"], strict=True))
    ps = periods(t)
    out = pd.DataFrame(index=pd.Index(codes, name="code"), columns=ps, dtype="float")
    for code in codes:
        for p in ps:
            if (code, p) in on:
                out.loc[code, p] = float(counts.get((code, p), 0))
    return out


def interpret_engagement(df: pd.DataFrame, change: pd.DataFrame | None = None) -> str:
    """Sentences on the overall engagement rate across periods (from engagement_by_period);
    with `change` (from engagement_change), the roster sizes are named and, where the rosters
    differ by more than 10%, the rate on the members common to both is given and explained."""
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
    text = (
        f"The share of members taking part {_trend(first.engagement_rate, last.engagement_rate)} "
        f"from {first.engagement_rate:.0%} to {last.engagement_rate:.0%} ({'; '.join(parts)})."
    )
    if change is None or change.empty:
        return text
    for r in change.itertuples():
        if not r.rosters_differ:
            continue
        shrank = "shrank" if r.roster_after < r.roster_before else "grew"
        text += (
            f" Between {r.compared_with} and {r.period} the roster {shrank} from "
            f"{r.roster_before} to {r.roster_after} members ({r.one_roster_share:.0%} of the members "
            f"are on one roster only), so the two rates are not measured on the same members. "
            f"On the {r.common} members on both rosters, the share "
            f"{_trend(r.common_before_rate, r.common_after_rate)} from "
            f"{r.common_before_rate:.0%} to {r.common_after_rate:.0%}."
        )
    return text


def _trend(before: float, after: float) -> str:
    change = after - before
    return "rose" if change > 0.005 else "fell" if change < -0.005 else "held steady"


def status(t: Tables) -> str:
    """A plain sentence on what the trends can show (one period: says so)."""
    ps = periods(t)
    if not ps:
        return "No period has been processed yet: run `make report PERIOD=2022-T1`."
    if len(ps) == 1:
        return (
            f"Only one period ({ps[0]}) has been processed so far, so there is no trend yet: "
            "the figures below show that period alone. Add the next report to "
            "data/raw/<period>/ and run `make report PERIOD=<period>`."
        )
    return f"Trends over {len(ps)} periods: {', '.join(ps)}. Each period is measured against its own roster and plan."


def interpret_changes(df: pd.DataFrame) -> str:
    """One sentence on newly engaged and lapsed members (from newly_engaged_and_lapsed)."""
    if df.empty:
        return "No comparison yet, or no member on both rosters changed: newly engaged and lapsed members need two periods."
    parts = []
    for (period, prev), grp in df.groupby(["period", "compared_with"], sort=True):
        new = int((grp["status"] == "newly engaged").sum())
        lapsed = int((grp["status"] == "lapsed").sum())
        parts.append(f"{period} against {prev}: {new} newly engaged, {lapsed} lapsed")
    return "; ".join(parts) + "."


def interpret_roster_changes(df: pd.DataFrame) -> str:
    """One sentence on members who joined or left the roster (from roster_changes)."""
    if df.empty:
        return "The rosters are the same: no member joined or left."
    parts = []
    for (period, prev), grp in df.groupby(["period", "compared_with"], sort=True):
        joined = grp[grp["change"] == JOINED]
        left = grp[grp["change"] == LEFT]
        parts.append(
            f"{period} against {prev}: {len(joined)} joined the roster "
            f"({int(joined['took_part'].sum())} of them took part), {len(left)} left it "
            f"({int(left['took_part'].sum())} had taken part before leaving)"
        )
    return "; ".join(parts) + "."


def interpret_never_addressed(codes: list[str]) -> str:
    if not codes:
        return "Every deliverable listed in the plan was served by at least one activity in some period."
    return f"{len(codes)} deliverable{'s' if len(codes) != 1 else ''} never addressed in any period: {', '.join(codes)}."


def interpret_activity_counts(counts: pd.DataFrame) -> str:
    """One sentence on activities per period (from activity_counts)."""
    if counts.empty:
        return "No period has activities yet."
    parts = [f"{r.period}: {r.activities} ({r.activities - r.in_period} dated outside the period)"
             if r.activities != r.in_period else f"{r.period}: {r.activities}"
             for r in counts.itertuples()]  # fmt: skip
    return "Activities listed per report — " + "; ".join(parts) + "."


def interpret_challenges(matrix: pd.DataFrame) -> str:
    """One sentence on the most and least addressed challenges (from challenges_over_time),
    counting each period only where it lists the challenge; ties are named as ties."""
    if matrix.empty:
        return "No challenge is listed yet."
    totals = matrix.sum(axis=1, min_count=1).dropna()
    top = int(totals.max())
    leaders = [str(c) for c, v in totals.items() if v == top]
    if len(leaders) > 1:
        text = (
            f"Challenges {_join(leaders)} tie as the most addressed "
            f"({_plural(top, 'activity', 'activities')} each over the periods that list them)"
        )
    else:
        text = (
            f"Challenge {leaders[0]} was addressed most often "
            f"({_plural(top, 'activity', 'activities')} over the periods that list it)"
        )
    none = [str(c) for c, v in totals.items() if v == 0]
    if none and top > 0:
        text += f"; {_join(none)} by no activity in any period that lists {'them' if len(none) > 1 else 'it'}"
    return text + "."
