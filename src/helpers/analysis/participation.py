"""Who took part in what: the one definition behind every per-member figure.

The rule (docs/assumptions.md, "Engagement"): a roster member *took part* in an activity when a
``participation`` row of that activity resolves to it. Every activity the report lists counts,
including those dated outside the period, for "took part" and for activity counts. The first
and last activity dates are read from the activities dated inside the period only (earliest
start, latest end), so a study announced for September does not become a January–April
report's "last activity".

The functions take one period's tables or several periods stacked (``helpers.load_all``); the
result always has a ``period`` column. The engagement and trends analyses, the explore
functions, the member directory and the profiles all count through here.
"""

from __future__ import annotations

import functools
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Mapping

import pandas as pd

from helpers.tables.contract import require as _table

Tables = Mapping[str, pd.DataFrame]

__all__ = [
    "with_period",
    "periods",
    "roster",
    "took_part",
    "member_activities",
    "member_stats",
    "first_last",
]


# What each step reads (the steps ask for exactly these columns): a result is reused while
# those columns hold the same values.
READS = {
    "roster": {"members": ["member", "region"]},
    "took_part": {"members": ["member", "region"], "participation": ["activity_id", "member"]},
    "activities": {"activities": ["activity_id", "start_date", "end_date", "in_period"]},
}
_KEPT = 16  # results kept (a report page asks for a few periods' tables, many times)
_RESULTS: OrderedDict[tuple, pd.DataFrame] = OrderedDict()


def _content_key(tables: Tables, step: str, reads: dict[str, list[str]]) -> tuple:
    """A key that changes whenever a column ``step`` reads (or the period) changes: the
    SHA-256 of pandas' row hashes of those columns, table by table."""
    parts: list[object] = [step, _period_of(tables)]
    for name, columns in reads.items():
        df = _table(tables, name, columns)
        cols = [c for c in [*columns, "period"] if c in df.columns]
        rows = pd.util.hash_pandas_object(df[cols], index=False).to_numpy()
        parts.append((name, tuple(cols), hashlib.sha256(rows.tobytes()).hexdigest()))
    return tuple(parts)


def _reused(*steps: str) -> Callable[[Callable[[Tables], pd.DataFrame]], Callable]:
    """Compute a step once per content of the columns it reads (``READS``); callers get a
    copy, so changing a result never changes the next one."""
    reads = {name: cols for step in steps for name, cols in READS[step].items()}

    def wrap(fn: Callable[[Tables], pd.DataFrame]) -> Callable[[Tables], pd.DataFrame]:
        @functools.wraps(fn)
        def reused(tables: Tables) -> pd.DataFrame:
            key = _content_key(tables, fn.__name__, reads)
            if key not in _RESULTS:
                _RESULTS[key] = fn(tables)
                if len(_RESULTS) > _KEPT:
                    _RESULTS.popitem(last=False)
            _RESULTS.move_to_end(key)
            return _RESULTS[key].copy()

        return reused

    return wrap


def _period_of(tables: Tables) -> str | None:
    """The single period of unstacked tables (None when no table says)."""
    for name in ("activities", "members"):
        df = tables[name]
        if "period" in df.columns and df["period"].notna().any():
            return str(df["period"].dropna().iloc[0])
    return None


def with_period(df: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """`df` with a `period` column (unstacked tables: the period of their activities)."""
    if "period" in df.columns:
        return df.assign(period=df["period"].astype("str"))
    return df.assign(period=_period_of(tables) or "")


def periods(tables: Tables) -> list[str]:
    """Period ids with activities or a roster, in time order."""
    acts = with_period(tables["activities"], tables)
    mem = with_period(tables["members"], tables)
    return sorted(set(acts["period"]) | set(mem["period"]))


@_reused("roster")
def roster(tables: Tables) -> pd.DataFrame:
    """One row per (period, roster member): period, member, region (first spelling wins)."""
    m = with_period(_table(tables, "members", READS["roster"]["members"]), tables)
    m = m.loc[m["member"].notna(), ["period", "member", "region"]]
    m = m.assign(member=m["member"].astype("str"))
    return m.drop_duplicates(["period", "member"]).reset_index(drop=True)


@_reused("took_part")
def took_part(tables: Tables) -> pd.DataFrame:
    """One row per (period, activity, roster member who took part), in participation order:
    period, activity_id, member. Only members on that period's roster count; a repeated name
    counts once. Every activity the report lists counts, whatever its dates."""
    part = with_period(_table(tables, "participation", READS["took_part"]["participation"]), tables)
    part = part.loc[part["member"].notna(), ["period", "activity_id", "member"]]
    part = part.assign(member=part["member"].astype("str"))
    on_roster = part.merge(roster(tables)[["period", "member"]], on=["period", "member"])
    return on_roster.drop_duplicates().reset_index(drop=True)


@_reused("took_part", "activities")
def member_activities(tables: Tables) -> pd.DataFrame:
    """:func:`took_part` with each activity's dates: period, activity_id, member, start_date,
    end_date (the start when missing), in_period."""
    acts = with_period(_table(tables, "activities", READS["activities"]["activities"]), tables)
    acts = acts.drop_duplicates(["period", "activity_id"])[
        ["period", "activity_id", "start_date", "end_date", "in_period"]
    ]
    out = took_part(tables).merge(acts, on=["period", "activity_id"], how="left")
    out["start_date"] = pd.to_datetime(out["start_date"])
    out["end_date"] = pd.to_datetime(out["end_date"]).fillna(out["start_date"])
    out["in_period"] = out["in_period"].fillna(False).astype(bool)
    return out.reset_index(drop=True)


def first_last(activities: pd.DataFrame) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last activity dates of a frame with start_date, end_date and in_period: the
    earliest start and the latest end of the activities dated inside their period."""
    inside = activities.loc[activities["in_period"].fillna(False).astype(bool)]
    if inside.empty:
        return None, None
    start = pd.to_datetime(inside["start_date"])
    end = pd.to_datetime(inside["end_date"]).fillna(start)
    return start.min(), end.max()


@_reused("took_part", "activities")
def member_stats(tables: Tables) -> pd.DataFrame:
    """One row per (period, roster member), members who took part in nothing included.

    Columns: period, member, region, activities (distinct activities, every one the report
    lists), activities_in_period (those dated inside the period), first_activity and
    last_activity (see :func:`first_last`; NaT when none is dated inside the period).
    """
    base = roster(tables)
    pairs = member_activities(tables)
    inside = pairs.loc[pairs["in_period"]]
    keys = ["period", "member"]
    agg = pairs.groupby(keys).agg(activities=("activity_id", "nunique"))
    agg_in = inside.groupby(keys).agg(
        activities_in_period=("activity_id", "nunique"),
        first_activity=("start_date", "min"),
        last_activity=("end_date", "max"),
    )
    out = base.merge(agg, on=keys, how="left").merge(agg_in, on=keys, how="left")
    for col in ("activities", "activities_in_period"):
        out[col] = out[col].fillna(0).astype(int)
    for col in ("first_activity", "last_activity"):
        out[col] = pd.to_datetime(out[col])
    return out
