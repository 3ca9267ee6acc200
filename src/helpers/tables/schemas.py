"""One pandera schema per table: validates frames before they are written and generates
the data dictionary (`docs/data_dictionary.md`). The table names here are the file names
in `data/processed/<period>/`.
"""

from __future__ import annotations

import functools

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from helpers.tables.contract import (
    ACTION_LINES,
    LEVELS,
    MATCHES,
    REGIONS,
    SEVERITIES,
    TABLES,
    require,
)
from helpers.tables.text_dtype import Text

__all__ = ["REGIONS", "SEVERITIES", "TABLES", "SCHEMAS", "require", "columns", "empty_frame",
           "dtypes", "is_empty_frame", "describe_columns"]  # fmt: skip

_SOURCE = "Line of the raw report (1-based) the row was read from; traces every cell back."


def _source_line() -> Series[int]:
    return pa.Field(ge=0, description=_SOURCE)  # type: ignore[return-value]


class _Base(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True
        ordered = True


class Activities(_Base):
    """One row per activity of the period, in report order."""

    activity_id: Series[Text] = pa.Field(
        unique=True, description="Stable id within the period: `<period>-<nn>` in report order."
    )
    period: Series[Text] = pa.Field(description="Four-month period id, e.g. `2022-T1`.")
    action_line: Series[Text] = pa.Field(
        nullable=True,
        isin=ACTION_LINES,
        description="Strategic Action Plan line of the section the activity sits in (missing if unknown).",
    )
    start_date: Series[pa.DateTime] = pa.Field(
        nullable=True, description="First day (year from the period); missing if unreadable."
    )
    end_date: Series[pa.DateTime] = pa.Field(
        nullable=True, description="Last day; equals start_date for one-day activities."
    )
    date_text: Series[Text] = pa.Field(description="The date exactly as written in the report.")
    title: Series[Text] = pa.Field(
        description="Activity title as printed (upper case in the report)."
    )
    description: Series[Text] = pa.Field(description="Body text of the activity, labels removed.")
    in_period: Series[bool] = pa.Field(description="True when the dates overlap the period.")
    source_line: Series[int] = _source_line()

    @pa.dataframe_check(description="end_date is not before start_date")
    def _dates_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["end_date"].isna() | (df["end_date"] >= df["start_date"])


class Participation(_Base):
    """One row per (activity, participant name) from the activity's Members label."""

    activity_id: Series[Text] = pa.Field(description="Activity the participant took part in.")
    name_raw: Series[Text] = pa.Field(
        description="The participant's name as written in the report."
    )
    member: Series[Text] = pa.Field(
        nullable=True, description="Roster spelling of the member; missing when not a member."
    )
    region: Series[Text] = pa.Field(
        nullable=True, isin=REGIONS, description="Roster region of the member."
    )
    is_member: Series[bool] = pa.Field(description="True when the name resolved to the roster.")
    match: Series[Text] = pa.Field(
        isin=MATCHES,
        description="How the name was resolved: exact, alias table, accent/case folding, "
        "close spelling (fuzzy, reported in quality), or none.",
    )
    source_line: Series[int] = _source_line()

    class Config(_Base.Config):
        unique = ["activity_id", "name_raw"]  # composite key: one row per pair


class ActivityOutcomes(_Base):
    """One row per (activity, Strategic Action Plan outcome code)."""

    activity_id: Series[Text] = pa.Field(description="Activity serving the outcome.")
    code: Series[Text] = pa.Field(
        str_matches=r"^L\d+(A\d+(D\d+)?)?$", description="SAP code, e.g. `L1A2D4`."
    )
    known: Series[bool] = pa.Field(
        description="True when the code is in the report's plan listing."
    )
    source_line: Series[int] = _source_line()

    class Config(_Base.Config):
        unique = ["activity_id", "code"]  # composite key: one row per pair


class ActivityChallenges(_Base):
    """One row per (activity, metropolitan challenge code)."""

    activity_id: Series[Text] = pa.Field(description="Activity addressing the challenge.")
    code: Series[Text] = pa.Field(
        str_matches=r"^\d+\.\d+$", description="Challenge code, e.g. `2.3`."
    )
    known: Series[bool] = pa.Field(
        description="True when the code is in the report's challenge listing."
    )
    source_line: Series[int] = _source_line()

    class Config(_Base.Config):
        unique = ["activity_id", "code"]  # composite key: one row per pair


class ActivityAlliances(_Base):
    """One row per (activity, partner alliance or organisation)."""

    activity_id: Series[Text] = pa.Field(description="Activity run with the alliance.")
    alliance: Series[Text] = pa.Field(
        description="Alliance name: the name data/reference/alliance_aliases.csv gives the "
        "spelling, else the report's most frequent of the spellings that differ only in case, "
        "accents, hyphens, dashes or spaces (`UCLG – MEWA`, `UCLG MEWA` → `UCLG-MEWA`)."
    )
    alliance_raw: Series[Text] = pa.Field(description="The name exactly as written.")
    source_line: Series[int] = _source_line()

    class Config(_Base.Config):
        unique = ["activity_id", "alliance"]  # composite key: one row per pair


class Members(_Base):
    """One row per member of the roster ("Who we are")."""

    member: Series[Text] = pa.Field(
        unique=True, description="Member name as spelled in the roster."
    )
    region: Series[Text] = pa.Field(isin=REGIONS, description="Metropolis region.")
    source_line: Series[int] = _source_line()


class StrategicPlan(_Base):
    """One row per line, action or deliverable of the Strategic Action Plan listing."""

    code: Series[Text] = pa.Field(
        unique=True, str_matches=r"^L\d+(A\d+(D\d+)?)?$", description="`L1`, `L1A2` or `L1A2D4`."
    )
    level: Series[Text] = pa.Field(isin=LEVELS, description="Depth of the code.")
    parent: Series[Text] = pa.Field(
        nullable=True, description="Code one level up (missing for lines)."
    )
    line: Series[Text] = pa.Field(description="Action line the code belongs to, e.g. `L2`.")
    title: Series[Text] = pa.Field(description="Title as listed in the report.")
    source_line: Series[int] = _source_line()


class Challenges(_Base):
    """One row per metropolitan challenge listed in the report."""

    code: Series[Text] = pa.Field(unique=True, str_matches=r"^\d+\.\d+$", description="e.g. `2.3`.")
    title: Series[Text] = pa.Field(description="e.g. `Climate resilience`.")
    source_line: Series[int] = _source_line()


class EngagementTable(_Base):
    """One row per name in the report's own "Membership engagement" list."""

    name_raw: Series[Text] = pa.Field(unique=True, description="Name as written in the list.")
    member: Series[Text] = pa.Field(
        nullable=True, description="Roster spelling; missing if not a member."
    )
    is_member: Series[bool] = pa.Field(description="True when the name resolved to the roster.")
    source_line: Series[int] = _source_line()


class BilateralMeetings(_Base):
    """One row per counterpart of a bilateral meeting."""

    name_raw: Series[Text] = pa.Field(
        description="Counterpart as written (members and other bodies)."
    )
    member: Series[Text] = pa.Field(
        nullable=True, description="Roster spelling; missing if not a member."
    )
    is_member: Series[bool] = pa.Field(description="True when the name resolved to the roster.")
    mode: Series[Text] = pa.Field(
        nullable=True, description="`On-site` / `Online` where the report says."
    )
    source_line: Series[int] = _source_line()


class Board(_Base):
    """One row per person listed under "Members of the Board of Directors" of a region."""

    name: Series[Text] = pa.Field(description="Person's name.")
    role: Series[Text] = pa.Field(
        description="Board role, one wording everywhere (`helpers.tables.roles.board_role`): "
        "`Presidency`, `Co-presidency`, `Regional vice-presidency`, `Treasury`, `Member`."
    )
    role_raw: Series[Text] = pa.Field(
        nullable=True,
        description="Role heading as printed, e.g. `REGIONAL VICE-PRESIDENCIES`; missing "
        "where no heading precedes the person.",
    )
    member: Series[Text] = pa.Field(nullable=True, description="Member city/region they represent.")
    region: Series[Text] = pa.Field(isin=REGIONS, description="Region list they appear in.")
    position: Series[Text] = pa.Field(description="Office as printed, e.g. `Mayor of Dakar`.")
    term: Series[Text] = pa.Field(nullable=True, description="`until …`/`since …` note, if any.")
    source_line: Series[int] = _source_line()


class MediaMentions(_Base):
    """One row per media mention listed under "Metropolis in the media"."""

    month: Series[Text] = pa.Field(
        description="Month heading the mention is listed under, e.g. `March`."
    )
    month_number: Series[int] = pa.Field(ge=1, le=12, description="1–12.")
    outlet: Series[Text] = pa.Field(description="Outlet or organisation.")
    item: Series[Text] = pa.Field(description="What was published or mentioned.")
    source_line: Series[int] = _source_line()


class SocialFollowers(_Base):
    """One row per social-media platform."""

    platform: Series[Text] = pa.Field(unique=True, description="e.g. `Twitter`.")
    followers: Series[int] = pa.Field(
        ge=0, description="Followers as an integer (`24.6K` → 24600)."
    )
    followers_text: Series[Text] = pa.Field(description="The figure as printed.")
    source_line: Series[int] = _source_line()


class Quality(_Base):
    """One row per finding about the input: nothing is dropped silently."""

    severity: Series[Text] = pa.Field(isin=SEVERITIES, description="`error`, `warning` or `info`.")
    kind: Series[Text] = pa.Field(
        description="Short machine-readable kind, e.g. `unknown_outcome_code`; its one "
        "severity, the action to take and a plain sentence are in "
        "src/helpers/tables/finding_kinds.csv."
    )
    activity_id: Series[Text] = pa.Field(nullable=True, description="Activity concerned, if any.")
    detail: Series[Text] = pa.Field(description="What was found, in words.")
    source_line: Series[int] = _source_line()


SCHEMAS: dict[str, type[_Base]] = {
    "activities": Activities,
    "participation": Participation,
    "activity_outcomes": ActivityOutcomes,
    "activity_challenges": ActivityChallenges,
    "activity_alliances": ActivityAlliances,
    "members": Members,
    "strategic_plan": StrategicPlan,
    "challenges": Challenges,
    "engagement_table": EngagementTable,
    "bilateral_meetings": BilateralMeetings,
    "board": Board,
    "media_mentions": MediaMentions,
    "social_followers": SocialFollowers,
    "quality": Quality,
}
if list(SCHEMAS) != TABLES:  # one list of tables: the contract's names are the schemas'
    raise RuntimeError("helpers.tables.contract.TABLES differs from the schemas")


def columns(table: str) -> list[str]:
    """Column names of a table, in schema order."""
    return list(SCHEMAS[table].to_schema().columns)


def empty_frame(table: str) -> pd.DataFrame:
    """A frame with the table's columns and no rows, already typed (a new frame each call)."""
    return _empty(table).copy()


@functools.cache
def _empty(table: str) -> pd.DataFrame:
    """The typed empty frame of a table, coerced once by its schema (about 3 ms a table; a
    validation, which finds nothing in a frame with no rows, would take twice as long)."""
    return SCHEMAS[table].to_schema().coerce_dtype(pd.DataFrame({c: [] for c in columns(table)}))


def dtypes(table: str) -> pd.Series:
    """The table's column types, indexed by column in schema order, as `empty_frame` has them."""
    return _empty(table).dtypes


def is_empty_frame(table: str, df: pd.DataFrame) -> bool:
    """True when `df` has no rows and the table's columns with their types, as `empty_frame`
    gives them: validating it would change nothing and find nothing."""
    typed = _empty(table)
    return (
        len(df) == 0 and list(df.columns) == list(typed.columns) and df.dtypes.equals(typed.dtypes)
    )


def describe_columns(table: str) -> pd.DataFrame:
    """One row per column of a table: name, type, nullable, description."""
    schema = SCHEMAS[table].to_schema()
    return pd.DataFrame(
        [
            {
                "column": name,
                "dtype": str(col.dtype),
                "nullable": bool(col.nullable),
                "description": col.description or "",
            }
            for name, col in schema.columns.items()
        ]
    )
