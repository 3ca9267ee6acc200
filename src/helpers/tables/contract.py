"""The table contract's names, without pandera: the tables of a processed period (in file
order), the values a few columns may take (regions, severities, …), and ``require`` to read a table with the
columns an analysis needs. The schemas (:mod:`helpers.tables.schemas`) validate against the
same names; analysis and page code import this module, so they do not load pandera.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

REGIONS = [
    "Africa",
    "Asia-Pacific",
    "Europe",
    "Latin America and the Caribbean",
    "North America",
]
SEVERITIES = ["error", "warning", "info"]
ACTION_LINES = ["L1", "L2", "L3", "L4", "L5"]
MATCHES = ["exact", "alias", "folded", "fuzzy", "none"]  # how a participant's name was matched
LEVELS = ["line", "action", "deliverable"]  # depth of a Strategic Action Plan code
# the files of data/processed/<period>/, in the order of the data dictionary
TABLES = [
    "activities",
    "participation",
    "activity_outcomes",
    "activity_challenges",
    "activity_alliances",
    "members",
    "strategic_plan",
    "challenges",
    "engagement_table",
    "bilateral_meetings",
    "board",
    "media_mentions",
    "social_followers",
    "quality",
]
# the columns that take one of a few values (pandera ``isin`` checks; categorical when loaded)
ALLOWED: dict[str, dict[str, list[str]]] = {
    "activities": {"action_line": ACTION_LINES},
    "participation": {"region": REGIONS, "match": MATCHES},
    "members": {"region": REGIONS},
    "strategic_plan": {"level": LEVELS},
    "board": {"region": REGIONS},
    "quality": {"severity": SEVERITIES},
}


def require(tables: Mapping[str, Any], name: str, cols: Iterable[str]) -> Any:
    """Table `name` of a mapping of tables, checked to hold `cols` (a clear KeyError otherwise)."""
    try:
        df = tables[name]
    except KeyError:
        raise KeyError(
            f"table '{name}' is missing (expected the tables of helpers.ingest.parse_report)"
        ) from None
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(f"table '{name}' lacks column(s): {', '.join(missing)}")
    return df
