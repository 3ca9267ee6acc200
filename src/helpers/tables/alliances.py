"""One name per partner alliance, however a report spells it.

Order: the alias table (`data/reference/alliance_aliases.csv`, `alias` → `alliance`, matched
with case, accents, hyphens, dashes and spacing folded) → spellings that are equal once folded
share the report's most frequent spelling (ties: the first written) → across periods
(:func:`across_periods`), a name folded equal to an earlier period's takes the earliest
period's spelling. Every spelling changed on the way is a merge the caller reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.errors import UserError
from helpers.parse.text import fold
from helpers.tables.names import per_content, reference_dir, reference_frame, tidy

ALIAS_FILE = "alliance_aliases.csv"
FOLDED = "spellings that differ only in case, accents, hyphens, dashes or spacing are one alliance"


def alliance_key(name: str) -> str:
    """The form two spellings of one alliance share: case, accents, hyphens, dashes, other
    punctuation and spacing folded (``UCLG – MEWA``, ``UCLG-MEWA``, ``uclg mewa``)."""
    return fold(name)


def load_alliance_aliases(root: Path | None = None) -> pd.DataFrame:
    """One row per alias: alias, alliance (the name to count it under). Validated: no blanks,
    and no folded spelling (an alias or an alliance) standing for two alliances."""
    path = reference_dir(root) / ALIAS_FILE
    if not path.exists():
        return pd.DataFrame(
            {"alias": pd.Series([], dtype=str), "alliance": pd.Series([], dtype=str)}
        )
    return per_content(_alliance_aliases, path).copy()


def _alliance_aliases(name: str, data: bytes) -> pd.DataFrame:
    df = reference_frame(name, data, ("alias", "alliance"))
    df = df.assign(alias=df["alias"].map(tidy), alliance=df["alliance"].map(tidy))
    if (df["alias"] == "").any() or (df["alliance"] == "").any():
        raise UserError(f"{name}: every row needs both an alias and an alliance")
    AllianceNames(df, source=name)  # a spelling standing for two alliances fails here
    return df[["alias", "alliance"]].drop_duplicates().reset_index(drop=True)


class AllianceNames:
    """The alias table as folded spelling → alliance; each row's alliance stands for itself."""

    def __init__(self, aliases: pd.DataFrame | None = None, source: str = ALIAS_FILE) -> None:
        self._listed: dict[str, str] = {}
        if aliases is None:
            return
        for alias, alliance in zip(aliases["alias"], aliases["alliance"], strict=True):
            for spelling in (alliance, alias):
                key = alliance_key(spelling)
                if self._listed.setdefault(key, alliance) != alliance:
                    raise UserError(
                        f"{source}: '{spelling}' stands for two alliances "
                        f"('{self._listed[key]}' and '{alliance}'); keep one"
                    )

    def listed(self, name: str) -> str | None:
        """The alliance the table counts ``name`` under (folded match), or None."""
        return self._listed.get(alliance_key(name))


@dataclass(frozen=True)
class Merge:
    """A spelling counted under another name, and why (``alias`` or ``folded``)."""

    written: str
    alliance: str
    how: str

    def detail(self) -> str:
        """The finding's words: what was written, the name it counts under, and why."""
        why = (
            f"as data/reference/{ALIAS_FILE} names it" if self.how == "alias"
            else f"the report's most frequent spelling ({FOLDED})"
        )  # fmt: skip
        return f"alliance '{self.written}' counted as '{self.alliance}', {why}"


def canonical_names(written: list[str], names: AllianceNames) -> dict[str, Merge]:
    """Spelling as written → the name it counts under, from one period's spellings in report
    order (``written`` has one entry per occurrence): the alias table's alliance, else the most
    frequent spelling folded equal to it (ties: the first written)."""
    counts = Counter(written)
    best: dict[str, str] = {}
    for name in written:
        key = alliance_key(name)
        if key not in best or counts[name] > counts[best[key]]:
            best[key] = name
    out: dict[str, Merge] = {}
    for name in written:
        listed = names.listed(name)
        alliance = listed or best[alliance_key(name)]
        out[name] = Merge(name, alliance, "alias" if listed else "folded")
    return out


def across_periods(stacked: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Stacked ``activity_alliances`` (a ``period`` column, periods in order) with each
    alliance named as the earliest period names it, and one finding row (period,
    activity_id, detail, source_line) per row renamed. A period's own choice (the alias
    table, its most frequent spelling) stands when no earlier period names the alliance."""
    if stacked.empty:
        return stacked, []
    first: dict[str, tuple[str, str]] = {}  # key → (alliance, period)
    names = stacked["alliance"].astype("str").tolist()
    periods = stacked["period"].astype("str").tolist()
    for name, period in zip(names, periods, strict=True):
        first.setdefault(alliance_key(name), (name, period))
    renamed = [first[alliance_key(n)][0] for n in names]
    findings = [
        {"period": period, "activity_id": aid, "source_line": int(line),
         "detail": f"alliance '{name}' counted as '{new}', as {first[alliance_key(name)][1]} "
                   f"writes it ({FOLDED} across periods)"}
        for name, new, period, aid, line in zip(
            names, renamed, periods, stacked["activity_id"].astype("str"),
            stacked["source_line"], strict=True)
        if new != name
    ]  # fmt: skip
    out = stacked.copy()
    out["alliance"] = pd.Series(renamed, index=stacked.index, dtype=stacked["alliance"].dtype)
    return out, findings
