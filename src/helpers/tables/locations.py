"""Where each roster member is on the world map: the reference table
data/reference/member_locations.csv (member, latitude, longitude, source) joined with a
period's roster and activity counts. A member without a row is not an error: it is listed by
`missing_locations` (a `member_without_location` quality finding at ingest) and left off the map.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from helpers.errors import UserError
from helpers.parse.text import fold
from helpers.tables.contract import require as _table
from helpers.tables.names import per_content, reference_dir, reference_frame, tidy

FILE = "member_locations.csv"
COLUMNS = ("member", "latitude", "longitude", "source")

__all__ = ["FILE", "load_locations", "roster_locations", "missing_locations"]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {"member": pd.Series([], dtype=str), "latitude": pd.Series([], dtype=float),
         "longitude": pd.Series([], dtype=float), "source": pd.Series([], dtype=str)}
    )  # fmt: skip


def _degrees(name: str, line: int, column: str, text: str, limit: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > limit:
        raise UserError(
            f"{name} line {line}: {column} '{text}' is not a number of degrees between "
            f"-{limit:g} and {limit:g} (decimal degrees such as 41.39, with a dot)"
        )
    return value


def load_locations(root: Path | None = None) -> pd.DataFrame:
    """One row per member: member, latitude, longitude (floats, WGS84), source. Every row needs
    a member, coordinates in range and a source; a member listed twice is a UserError."""
    path = reference_dir(root) / FILE
    if not path.exists():
        return _empty()
    return per_content(_read, path).copy()


def _read(name: str, data: bytes) -> pd.DataFrame:
    df = reference_frame(name, data, COLUMNS)
    if df.empty:
        return _empty()
    rows = []
    seen: dict[str, int] = {}
    for line, rec in enumerate(df.to_dict("records"), 2):
        member, source = tidy(rec["member"]), str(rec["source"]).strip()
        if not member or not source:
            raise UserError(f"{name} line {line}: every row needs a member and a source")
        key = fold(member)
        if key in seen:
            raise UserError(f"{name} line {line}: '{member}' is already placed on line {seen[key]}")
        seen[key] = line
        lat = _degrees(name, line, "latitude", rec["latitude"].strip(), 90)
        lon = _degrees(name, line, "longitude", rec["longitude"].strip(), 180)
        rows.append({"member": member, "latitude": lat, "longitude": lon, "source": source})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _lookup(locations: pd.DataFrame) -> dict[str, tuple[float, float]]:
    return {
        fold(m): (float(lat), float(lon))
        for m, lat, lon in zip(
            locations["member"], locations["latitude"], locations["longitude"], strict=True
        )
    }


def missing_locations(members: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """Roster members (the `members` table) without coordinates: member, region, source_line."""
    placed = _lookup(locations)
    cols = [c for c in ("member", "region", "source_line") if c in members.columns]
    keep = ~members["member"].map(lambda m: fold(m) in placed).astype(bool)
    return members.loc[keep, cols].reset_index(drop=True)


def roster_locations(tables, locations: pd.DataFrame | None = None, *,
                     root: Path | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per roster member (first spelling wins when periods are stacked): member, region,
    latitude and longitude (NaN when the member has no row in member_locations.csv), in roster
    order."""
    locations = load_locations(root) if locations is None else locations
    roster = _table(tables, "members", ["member", "region"])
    roster = roster.loc[roster["member"].notna(), ["member", "region"]].astype(str)
    roster = roster.drop_duplicates("member").reset_index(drop=True)
    placed = _lookup(locations)
    where = [placed.get(fold(m), (math.nan, math.nan)) for m in roster["member"]]
    return roster.assign(latitude=[p[0] for p in where], longitude=[p[1] for p in where])
