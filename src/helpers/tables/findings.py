"""Findings about the input: every one becomes a row of the `quality` table.

pandas and the schemas are imported when a frame is made, not with this module: a report
refused before its tables are built (`python -m helpers ingest` on an empty file) costs no
pandas import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from helpers.tables.finding_kinds import severity

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Findings:
    """Collects quality findings; every one keeps the source line it is about."""

    rows: list[dict] = field(default_factory=list)

    def add(self, kind: str, detail: str, line: int = 0, activity: str | None = None) -> None:
        """Record one finding; its severity is the kind's (finding_kinds.csv: KeyError for a
        kind the table lacks)."""
        self.rows.append(
            {"severity": severity(kind), "kind": kind, "activity_id": activity, "detail": detail,
             "source_line": int(line)}
        )  # fmt: skip

    def frame(self) -> pd.DataFrame:
        """One row per finding, ordered by source line, severity, kind and detail (findings
        equal in all four in the order they were found), each finding once."""
        import pandas as pd

        from helpers.tables import schemas

        cols = schemas.columns("quality")
        order = {s: i for i, s in enumerate(schemas.SEVERITIES)}
        ranked = sorted(
            self.rows,
            key=lambda r: (r["source_line"], order[r["severity"]], r["kind"], r["detail"]),
        )  # sorted() is stable
        seen: set[tuple] = set()
        unique = []
        for row in ranked:
            values = tuple(row[c] for c in cols)
            if values not in seen:  # a repeated finding is kept once, where it first sorts
                seen.add(values)
                unique.append(row)
        return pd.DataFrame(unique, columns=cols)


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows as a frame with the table's columns (typed and empty when there are none)."""
    import pandas as pd

    from helpers.tables import schemas

    cols = schemas.columns(table)
    return pd.DataFrame(rows, columns=cols) if rows else schemas.empty_frame(table)
