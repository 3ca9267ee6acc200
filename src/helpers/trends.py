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
        return "No comparison yet: newly engaged and lapsed members need two periods."
    parts = []
    for (period, prev), grp in df.groupby(["period", "compared_with"], sort=True):
        new = int((grp["status"] == "newly engaged").sum())
        lapsed = int((grp["status"] == "lapsed").sum())
        parts.append(f"{period} against {prev}: {new} newly engaged, {lapsed} lapsed")
    return "; ".join(parts) + "."


def interpret_never_addressed(codes: list[str]) -> str:
    if not codes:
        return "Every deliverable listed in the plan was served by at least one activity in some period."
    return f"{len(codes)} deliverable{'s' if len(codes) != 1 else ''} never addressed in any period: {', '.join(codes)}."


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def plot_engagement_over_time(df: pd.DataFrame):
    """Engagement rate per period, one line per region and a thick line for all regions."""
    from helpers.plots import REGION_COLORS

    fig, ax = _figure(8, 4)
    for region, grp in df.groupby("region", sort=True):
        grp = grp.sort_values("period")
        total = region == "All regions"
        ax.plot(grp["period"], grp["engagement_rate"] * 100, marker="o",
                linewidth=3 if total else 1.5, color="black" if total else REGION_COLORS.get(region),
                label=region)  # fmt: skip
    ax.set_ylabel("members taking part (% of roster)")
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    ax.grid(axis="y", alpha=0.3)
    return fig


def plot_activities_over_time(counts: pd.DataFrame):
    """Activities per period (in-period and dated outside it)."""
    fig, ax = _figure(6, 3)
    inside = counts["in_period"]
    outside = counts["activities"] - counts["in_period"]
    ax.bar(counts["period"], inside, color="#0072B2", label="dated in the period")
    ax.bar(counts["period"], outside, bottom=inside, color="#D9D9D9", label="dated outside it")
    ax.set_ylabel("activities")
    ax.legend(fontsize=8)
    return fig


def _heatmap(matrix: pd.DataFrame, title: str, *, missing_note: str | None = None):
    import numpy as np

    fig, ax = _figure(max(4, 1.2 * len(matrix.columns) + 2), max(3, 0.28 * len(matrix) + 1))
    values = matrix.to_numpy(dtype=float)
    masked = np.ma.masked_invalid(values)
    cmap = __import__("matplotlib").colormaps["Blues"].copy()
    cmap.set_bad("#EEEEEE")
    ax.imshow(
        masked,
        aspect="auto",
        cmap=cmap,
        vmin=0,
        vmax=max(
            1.0, float(np.nanmax(values)) if values.size and not np.isnan(values).all() else 1.0
        ),
    )
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns))
    ax.set_yticks(range(len(matrix.index)), list(matrix.index), fontsize=8)
    for (i, j), v in np.ndenumerate(values):
        text = "–" if np.isnan(v) else str(int(v))
        ax.text(j, i, text, ha="center", va="center", fontsize=7,
                color="#C0392B" if v == 0 else "black", fontweight="bold" if v == 0 else None)  # fmt: skip
    ax.set_title(title + (f"\n{missing_note}" if missing_note else ""), fontsize=9)
    return fig


def plot_coverage_matrix(matrix: pd.DataFrame):
    """Deliverable × period heatmap; 0 in red, `–` where the period's plan does not list it."""
    return _heatmap(matrix, "Activities per deliverable and period",
                    missing_note="– = not in that period's plan listing; red 0 = listed, no activity")  # fmt: skip


def plot_challenges_over_time(matrix: pd.DataFrame):
    """Challenge × period heatmap of activities."""
    return _heatmap(matrix, "Activities per metropolitan challenge and period")
