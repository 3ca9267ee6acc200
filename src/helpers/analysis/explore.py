"""Load the processed tables of a period and answer the questions officers ask of them.

`load("2022-T1")` gives every table of a period, `load_all()` every processed period stacked.
`member_profile`, `find_activities` and `not_engaged` answer "what has Seoul done with us?",
"which activities touched climate resilience?" and "who in Africa have we not reached?";
`write_profile` turns a member's profile into a small self-contained HTML page.

Loaded types: dates are datetime64, codes and names `str`, flags bool; every column the
schema restricts to a fixed list (region, severity, action_line, level, match) is a pandas
category, ordered for severity (error < warning < info), action_line and level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.analysis.participation import first_last
from helpers.errors import UserError
from helpers.periods import (
    Period,
    available_periods,
    parse_period,
    processed_dir,
    raw_dir,
)
from helpers.tables.alliances import across_periods
from helpers.tables.contract import ALLOWED, REGIONS, TABLES
from helpers.tables.finding_kinds import severity
from helpers.tables.names import NameResolver, close_names, fold, load_affixes, load_aliases

__all__ = [
    "Tables",
    "load",
    "load_all",
    "member_profile",
    "member_summary",
    "find_activities",
    "not_engaged",
]

PeriodsArg = str | Period | Iterable[str | Period] | None
RootArg = Path | str | None

ORDERED_COLUMNS = {"severity", "action_line", "level"}
KEYS = ["period", "activity_id"]
PROFILE_COLUMNS = [
    *KEYS,
    "start_date",
    "end_date",
    "title",
    "action_line",
    "outcomes",
    "challenges",
    "alliances",
    "in_period",
    "name_raw",
]
FIND_COLUMNS = [
    *KEYS,
    "start_date",
    "end_date",
    "title",
    "action_line",
    "outcomes",
    "challenges",
    "members",
    "alliances",
    "in_period",
]
OUTCOME_RE = re.compile(r"^L\d+(A\d+(D\d+)?)?$")
CHALLENGE_RE = re.compile(r"^(\d+\.\d+)\b")


def _category_dtypes(table: str) -> dict[str, pd.CategoricalDtype]:
    """The columns of a table that take one of a few values, as categorical dtypes (the
    contract's values, in its order; the schemas check the same lists)."""
    return {
        name: pd.CategoricalDtype(list(allowed), ordered=name in ORDERED_COLUMNS)
        for name, allowed in ALLOWED.get(table, {}).items()
    }


CATEGORIES: dict[str, dict[str, pd.CategoricalDtype]] = {t: _category_dtypes(t) for t in TABLES}


# --------------------------------------------------------------------------------------------
# Loading


def _root(root: RootArg) -> Path | None:
    return Path(root) if root is not None else None


def _how_to_ingest(period: Period) -> str:
    return f"`make report PERIOD={period}` or `python -m helpers ingest --period {period}`"


class Tables:
    """Every table of one period, or of several periods stacked with a `period` column.

    Attribute or key access (`t.activities`, `t["participation"]`); `t.describe_columns()`
    says what each column means. The table names are those of `helpers.tables.schemas.TABLES`.
    """

    activities: pd.DataFrame
    participation: pd.DataFrame
    activity_outcomes: pd.DataFrame
    activity_challenges: pd.DataFrame
    activity_alliances: pd.DataFrame
    members: pd.DataFrame
    strategic_plan: pd.DataFrame
    challenges: pd.DataFrame
    engagement_table: pd.DataFrame
    bilateral_meetings: pd.DataFrame
    board: pd.DataFrame
    media_mentions: pd.DataFrame
    social_followers: pd.DataFrame
    quality: pd.DataFrame

    def __init__(
        self, frames: dict[str, pd.DataFrame], periods: list[Period], source: Path, stacked: bool
    ) -> None:
        self.tables: list[str] = list(frames)
        self.periods: list[Period] = periods
        self.source = source
        self.stacked = stacked
        for name, df in frames.items():
            setattr(self, name, df)

    def __getitem__(self, table: str) -> pd.DataFrame:
        if table not in self.tables:
            raise KeyError(f"no table {table!r}; tables: {', '.join(self.tables)}")
        return getattr(self, table)

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def __contains__(self, table: object) -> bool:
        return table in self.tables

    def keys(self) -> list[str]:
        return list(self.tables)

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, self[name]) for name in self.tables]

    def __repr__(self) -> str:
        if self.stacked:
            head = f"Metropolis tables of {', '.join(map(str, self.periods))} (stacked, with a "
            head += f"`period` column) from {self.source}"
        else:
            p = self.periods[0]
            head = f"Metropolis tables of {p} ({p.label}) from {self.source}"
        width = max(len(n) for n in self.tables)
        lines = [head]
        lines += [f"  {n:<{width}}  {len(self[n]):>6,} rows" for n in self.tables]
        lines.append('Use t.activities or t["activities"]; t.describe_columns("activities") says')
        lines.append("what each column means.")
        return "\n".join(lines)

    def describe_columns(self, table: str | None = None) -> pd.DataFrame:
        """One row per column of `table` (or of every table, with a `table` column first).

        Columns: column, dtype (schema), nullable, description, loaded_dtype (as loaded here).
        """
        if table is None:
            parts = [self.describe_columns(n).assign(table=n) for n in self.tables]
            out = pd.concat(parts, ignore_index=True)
            return out[["table", *[c for c in out.columns if c != "table"]]]
        if table not in self.tables:
            raise UserError(f"no table '{table}': tables are {', '.join(self.tables)}")
        from helpers.tables.schemas import describe_columns as _schema_columns

        desc = _schema_columns(table)
        df = self[table]
        if "period" in df.columns and "period" not in set(desc["column"]):
            extra = {
                "column": "period",
                "dtype": "str",
                "nullable": False,
                "description": "Period the row comes from (added when periods are stacked).",
            }
            desc = pd.concat([pd.DataFrame([extra]), desc], ignore_index=True)
        desc["loaded_dtype"] = [str(df[c].dtype) if c in df.columns else "" for c in desc["column"]]
        return desc


_CACHE: dict[Path, tuple[tuple[int, int], pd.DataFrame]] = {}


def _read_table(folder: Path, table: str, period: Period, *, trusted: bool = False) -> pd.DataFrame:
    """One table file of a period, validated against its schema and typed for analysis.

    A `trusted` file has the bytes the manifest recorded when ingest wrote it, after
    validating it: it is not validated again. Kept in memory until the file changes, so
    repeated questions do not re-read it.
    """
    path = folder / f"{table}.parquet"
    redo = f"re-ingest it with {_how_to_ingest(period)}"
    if not path.exists():
        raise UserError(f"{path} is missing (the period was ingested partly): {redo}")
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1].copy()
    df = _validated(path, table, redo, trusted=trusted)
    _CACHE[path] = (stamp, df)
    return df.copy()


def _validated(path: Path, table: str, redo: str, *, trusted: bool = False) -> pd.DataFrame:
    try:
        df = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise UserError(f"cannot read {path} (the file is damaged or cut short): {redo}") from exc
    if trusted:
        return df.astype(CATEGORIES[table]) if CATEGORIES[table] else df
    import pandera.errors

    from helpers.tables.schemas import SCHEMAS

    try:
        df = SCHEMAS[table].validate(df)
    except pandera.errors.SchemaError as exc:
        first = str(exc).splitlines()[0]
        raise UserError(f"{path} does not match the {table} schema ({first}): {redo}") from exc
    return df.astype(CATEGORIES[table]) if CATEGORIES[table] else df


def load(period: str | Period, *, root: RootArg = None) -> Tables:
    """Every table of one processed period (`load("2022-T1")`), typed as the schemas say.

    A malformed period id or a period not yet ingested is a UserError saying what to run.
    """
    p = period if isinstance(period, Period) else parse_period(period)
    folder = processed_dir(p, _root(root))
    if not (folder / "activities.parquet").exists():
        hint = ""
        if not raw_dir(p, _root(root)).is_dir():
            hint = f" (first put its report in data/raw/{p}/: make new-period PERIOD={p})"
        raise UserError(
            f"{p} has not been ingested (no tables in {folder}): run {_how_to_ingest(p)}{hint}"
        )
    intact = _repair_if_damaged(p, _root(root))
    frames = {t: _read_table(folder, t, p, trusted=f"{t}.parquet" in intact) for t in TABLES}
    return Tables(frames, [p], folder, stacked=False)


def _repair_if_damaged(p: Period, root: Path | None) -> set[str]:
    """Tables whose bytes differ from the manifest are re-ingested from the raw report first
    (one line says so): a damaged table is never read as if it were the report. Returns the
    files that match the manifest (after any repair)."""
    from helpers.files import check_files

    folder = processed_dir(p, root)
    intact, damaged = check_files(folder)
    if damaged:
        from helpers.ingest import ingest_period  # the ingest's stack only when needed

        print(f"{p}: {', '.join(damaged)} missing or damaged: re-ingesting from the raw report")
        ingest_period(p.id, root, progress=lambda s: None)
        intact, _ = check_files(folder)
    return intact


def _period_list(periods: PeriodsArg, root: Path | None) -> list[Period]:
    if periods is None:
        found = available_periods(root, processed=True)
        if not found:
            base = processed_dir("2000-T1", root).parent
            raise UserError(
                f"no processed period in {base}: ingest one with `make report PERIOD=2022-T1` "
                "or `python -m helpers ingest --period 2022-T1`"
            )
        return found
    if isinstance(periods, str | Period):
        periods = [periods]
    out = [p if isinstance(p, Period) else parse_period(p) for p in periods]
    if not out:
        raise UserError("no period given: pass a period id such as 2022-T1, or None for all")
    return sorted(set(out))


def load_all(periods: PeriodsArg = None, *, root: RootArg = None) -> Tables:
    """Every table of every processed period (or of `periods`), stacked with a `period` column.

    Rows keep their period's order; `period` is the first column of every table. An alliance
    that two periods spell differently (case, hyphens, dashes, spacing) is named as the earliest
    period names it, and each renamed row is an `alliance_merged` finding in `quality`.
    """
    r = _root(root)
    plist = _period_list(periods, r)
    loaded = [load(p, root=r) for p in plist]
    frames = {}
    for name in TABLES:
        parts = []
        for p, t in zip(plist, loaded, strict=True):
            df = t[name]
            if "period" not in df.columns:
                df = df.assign(period=p.id)[["period", *df.columns]]
            parts.append(df)
        frames[name] = pd.concat(parts, ignore_index=True)
        # the tag column is plain str; concat keeps categories since they are fixed per column
        frames[name]["period"] = frames[name]["period"].astype("str")
    _one_name_per_alliance(frames, [p.id for p in plist])
    return Tables(frames, plist, processed_dir(plist[0], r).parent, stacked=True)


def _one_name_per_alliance(frames: dict[str, pd.DataFrame], periods: list[str]) -> None:
    """An alliance spelled differently in two periods (``UCLG MEWA``, ``UCLG-MEWA``) takes the
    earliest period's name (:func:`helpers.tables.alliances.across_periods`); each renamed row
    is an ``alliance_merged`` finding in the stacked ``quality``, in its own period."""
    alliances, found = across_periods(frames["activity_alliances"])
    frames["activity_alliances"] = alliances
    if not found:
        return
    quality = frames["quality"]
    extra = pd.DataFrame(
        [{"severity": severity("alliance_merged"), "kind": "alliance_merged", **f} for f in found]
    )[list(quality.columns)].astype(quality.dtypes.to_dict())
    both = pd.concat([quality, extra], ignore_index=True)
    rank = both["period"].map({p: i for i, p in enumerate(periods)})
    frames["quality"] = both.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Names


@dataclass(frozen=True)
class _Who:
    """Whom a name given by an officer designates: a roster member or a non-member participant."""

    query: str
    member: str | None
    region: str | None
    how: str
    name_raw: str | None = None

    @property
    def display(self) -> str:
        return self.member or self.name_raw or self.query


def _resolve(name: str, t: Tables, root: Path | None) -> _Who:
    """Resolve an officer's spelling as ingestion does; unknown names raise with suggestions."""
    if not str(name).strip():
        raise UserError("no name given: pass a member name such as 'Seoul'")
    roster = t.members.drop_duplicates("member", keep="last")[["member", "region"]]
    roster = roster.astype({"region": "str"}).reset_index(drop=True)
    aliases = load_aliases(root)
    match = NameResolver(roster, aliases, load_affixes(root)).resolve(name)
    if match.member is not None and match.how != "fuzzy":
        return _Who(name, match.member, _str_or_none(match.region), match.how)
    others = t.participation.loc[t.participation["member"].isna(), "name_raw"].drop_duplicates()
    same = others[others.map(fold) == fold(name)]
    if len(same):
        return _Who(name, None, None, "participant", name_raw=str(same.iloc[0]))
    if match.member is not None:
        return _Who(name, match.member, _str_or_none(match.region), match.how)
    raise UserError(_unknown_name_message(name, roster, aliases, others, t.periods))


def _str_or_none(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _unknown_name_message(
    name: str,
    roster: pd.DataFrame,
    aliases: pd.DataFrame,
    others: pd.Series,
    periods: list[Period],
) -> str:
    choices: dict[str, str] = {}  # folded spelling -> name to suggest
    for m in roster["member"]:
        choices.setdefault(fold(m), str(m))
    if {"alias", "member"} <= set(aliases.columns):
        for a, m in zip(aliases["alias"], aliases["member"], strict=True):
            choices.setdefault(fold(a), str(m))
    for o in others:
        choices.setdefault(fold(o), str(o))
    close = close_names(name, choices)
    where = ", ".join(map(str, periods))
    msg = f"'{name}' is neither a roster member nor a participant in {where}"
    if close:
        return msg + f": did you mean {', '.join(close)}?"
    return msg + (
        ": check its spelling in the member directory (reports/members/index.html), or add "
        "the spelling to data/reference/member_aliases.csv"
    )


# --------------------------------------------------------------------------------------------
# Questions


def _joined(frame: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    """One row per activity with a value: the distinct values of `column`, comma-joined in order."""
    values = frame[[*KEYS, column]].dropna().drop_duplicates()
    values[column] = values[column].astype("str")
    out = values.groupby(KEYS, sort=False, observed=True)[column].agg(", ".join)
    return out.rename(name).reset_index()


def _activity_overview(t: Tables) -> pd.DataFrame:
    """One row per activity of `t` (stacked): dates, title, line, joined codes and participants."""
    acts = t.activities[
        [*KEYS, "start_date", "end_date", "title", "action_line", "in_period", "description"]
    ]
    part = t.participation.assign(
        participant=t.participation["member"].fillna(t.participation["name_raw"])
    )
    out = acts
    for frame, column, name in [
        (t.activity_outcomes, "code", "outcomes"),
        (t.activity_challenges, "code", "challenges"),
        (part, "participant", "members"),
        (t.activity_alliances, "alliance", "alliances"),
    ]:
        out = out.merge(_joined(frame, column, name), on=KEYS, how="left")
        out[name] = out[name].fillna("").astype("str")
    return out


def _has_key(frame: pd.DataFrame, hits: pd.DataFrame) -> pd.Series:
    """Per row of `frame`: does its (period, activity_id) occur in `hits`?"""
    index = pd.MultiIndex.from_frame(frame[KEYS].astype("str"))
    wanted = pd.MultiIndex.from_frame(hits[KEYS].astype("str"))
    return pd.Series(index.isin(wanted), index=frame.index)


def _participations(t: Tables, who: _Who) -> pd.DataFrame:
    """One row per (activity, participation row) of the person `who` designates."""
    part = t.participation
    if who.member is not None:
        return part[part["member"] == who.member]
    return part[part["member"].isna() & (part["name_raw"].map(fold) == fold(who.query))]


def _profile(t: Tables, who: _Who) -> pd.DataFrame:
    rows = _participations(t, who).drop_duplicates(KEYS)[[*KEYS, "name_raw"]]
    df = rows.merge(_activity_overview(t), on=KEYS, how="inner")
    df = df.sort_values(["period", "start_date", "activity_id"], kind="stable")
    df = df[PROFILE_COLUMNS].reset_index(drop=True)
    inside = df[df["in_period"]]
    first, last = first_last(df)
    df.attrs = {
        "query": who.query,
        "member": who.member,
        "name": who.display,
        "region": who.region,
        "match": who.how,
        "periods": [p.id for p in t.periods],
        "activities": len(df),
        "activities_in_period": len(inside),
        "first_engagement": first,
        "last_engagement": last,
    }
    return df


def member_profile(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> pd.DataFrame:
    """One row per activity the member took part in, over every processed period (or `periods`).

    Columns: period, activity_id, start_date, end_date, title, action_line, outcomes,
    challenges, alliances (comma-joined), in_period, name_raw (how the report wrote the name).
    The name is resolved as in ingestion (`Bruxelles` finds Brussels); a participant who is not
    a member (`Kigali`) is found by spelling (match "participant"). `df.attrs` holds member,
    region, match, first_engagement and last_engagement (earliest start and latest end of the
    activities dated inside their period).
    """
    r = _root(root)
    t = load_all(periods, root=r)
    return _profile(t, _resolve(name, t, r))


def member_summary(name: str, periods: PeriodsArg = None, *, root: RootArg = None) -> pd.DataFrame:
    """One row: the member's engagement at a glance (activities, periods, first and last date)."""
    prof = member_profile(name, periods, root=root)
    a = prof.attrs
    row = {
        "member": a["name"],
        "region": a["region"],
        "match": a["match"],
        "activities": a["activities"],
        "activities_in_period": a["activities_in_period"],
        "periods_engaged": prof["period"].nunique(),
        "first_engagement": a["first_engagement"],
        "last_engagement": a["last_engagement"],
    }
    out = pd.DataFrame([row])
    for col in ("first_engagement", "last_engagement"):
        out[col] = pd.to_datetime(out[col])
    return out


def _challenge_codes(challenge: object, t: Tables) -> list[str]:
    """Challenge codes an officer means: a code (`2.3`, `2.3 Climate resilience`) or title words."""
    text = str(challenge).strip()
    known = sorted(set(t.challenges["code"]) | set(t.activity_challenges["code"]))
    m = CHALLENGE_RE.match(text)
    if m:
        if m[1] not in known:
            raise UserError(f"challenge {m[1]} is not listed; known codes: {', '.join(known)}")
        return [m[1]]
    titles = t.challenges.drop_duplicates("code")
    hit = titles[titles["title"].str.contains(text, case=False, regex=False)]
    if hit.empty:
        raise UserError(
            f"no challenge code or title matches '{text}'; known codes: {', '.join(known)}"
        )
    return sorted(hit["code"])


def _outcome_prefix(outcome: object, t: Tables) -> str:
    code = str(outcome).strip().upper()
    if not OUTCOME_RE.match(code):
        raise UserError(f"'{outcome}' is not an outcome code: use L1, L1A2 or L1A2D4")
    known = set(t.strategic_plan["code"]) | set(t.activity_outcomes["code"])
    if not any(re.match(rf"{code}(?!\d)", k) for k in known):
        lines = sorted({k for k in known if re.fullmatch(r"L\d+", k)})
        raise UserError(f"no outcome code starts with {code}; lines listed: {', '.join(lines)}")
    return code


def _region(region: str) -> str:
    """The region an officer means: exact, any case, or a unique part (`latin america`)."""
    folded = fold(region)
    exact = [r for r in REGIONS if fold(r) == folded]
    partial = [r for r in REGIONS if folded and folded in fold(r)]
    if exact or len(partial) == 1:
        return (exact or partial)[0]
    raise UserError(f"'{region}' is not a region: use one of {', '.join(REGIONS)}")


def find_activities(
    challenge: str | float | None = None,
    outcome: str | None = None,
    member: str | None = None,
    region: str | None = None,
    text: str | None = None,
    period: PeriodsArg = None,
    *,
    root: RootArg = None,
) -> pd.DataFrame:
    """One row per activity matching ALL the given filters, over every processed period.

    challenge: code, exact (`2.3`), or words of a challenge title (`climate`);
    outcome: code prefix (`L2A2` matches L2A2D3, not L2A21); member: a name resolved as in
    ingestion; region: region of any participant; text: case-insensitive words in the title
    or description; period: one id or several (default every processed period).
    """
    r = _root(root)
    t = load_all(period, root=r)
    acts = _activity_overview(t)
    keep = pd.Series(True, index=acts.index)
    if challenge is not None:
        codes = _challenge_codes(challenge, t)
        ch = t.activity_challenges
        keep &= _has_key(acts, ch[ch["code"].isin(codes)])
    if outcome is not None:
        prefix = _outcome_prefix(outcome, t)
        oc = t.activity_outcomes
        keep &= _has_key(acts, oc[oc["code"].str.match(rf"{prefix}(?!\d)")])
    if member is not None:
        keep &= _has_key(acts, _participations(t, _resolve(member, t, r)))
    if region is not None:
        part = t.participation
        keep &= _has_key(acts, part[part["region"] == _region(region)])
    if text is not None:
        words = str(text).strip()
        in_title = acts["title"].str.contains(words, case=False, regex=False)
        in_body = acts["description"].str.contains(words, case=False, regex=False)
        keep &= in_title | in_body
    out = acts[keep].sort_values(["period", "start_date", "activity_id"], kind="stable")
    return out[FIND_COLUMNS].reset_index(drop=True)


def not_engaged(
    period: str | Period, region: str | None = None, *, root: RootArg = None
) -> pd.DataFrame:
    """One row per roster member of the period who took part in none of its activities.

    Roster order. Columns: member, region, is_in_engagement_list (the report's own
    "Membership engagement" list names them), is_in_bilateral_meetings. Every activity the
    report lists counts, including those dated outside the period.
    """
    t = load(period, root=root)
    roster = t.members
    engaged = set(t.participation["member"].dropna())
    out = roster.loc[~roster["member"].isin(engaged), ["member", "region"]]
    if region is not None:
        out = out[out["region"] == _region(region)]
    out = out.assign(
        is_in_engagement_list=out["member"].isin(set(t.engagement_table["member"].dropna())),
        is_in_bilateral_meetings=out["member"].isin(set(t.bilateral_meetings["member"].dropna())),
    )
    return out.reset_index(drop=True)
