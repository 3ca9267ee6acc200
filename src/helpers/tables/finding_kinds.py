"""What each kind of finding means, as data: `finding_kinds.csv` beside this module gives every
kind its one severity, the action an officer takes and a plain sentence saying what was found.

`Findings.add` takes a finding's severity from here, so a kind missing from the table fails
at once (KeyError) and no kind can carry two severities."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpers.tables.contract import SEVERITIES

TABLE = Path(__file__).resolve().parent / "finding_kinds.csv"
# What to do about a finding, in the order the quality page shows them when severities tie.
ACTIONS = (
    "Tell the report's editors",
    "Check a date",
    "Add an alias",
    "Add a location",
    "Nothing to do",
)


@dataclass(frozen=True)
class Kind:
    """One row of the table: a kind of finding and what it means to an officer."""

    kind: str
    severity: str
    action: str
    sentence: str


@cache
def kinds() -> dict[str, Kind]:
    """Every kind of finding by its id, read once from `finding_kinds.csv` and checked: one
    row per kind, a known severity and action, a sentence that is not the id."""
    with TABLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out: dict[str, Kind] = {}
    for no, row in enumerate(rows, 2):
        k = Kind(row["kind"].strip(), row["severity"].strip(), row["action"].strip(),
                 row["sentence"].strip())  # fmt: skip
        problem = (
            "is listed twice" if k.kind in out
            else f"has severity {k.severity!r}" if k.severity not in SEVERITIES
            else f"has action {k.action!r}" if k.action not in ACTIONS
            else "has no sentence" if not k.sentence or k.sentence == k.kind
            else None
        )  # fmt: skip
        if not k.kind or problem:
            raise ValueError(f"{TABLE.name} line {no}: kind {k.kind!r} {problem or 'is empty'}")
        out[k.kind] = k
    return out


def lookup(kind: str) -> Kind:
    """The row of one kind; a kind the table lacks is a KeyError naming the table."""
    try:
        return kinds()[kind]
    except KeyError:
        raise KeyError(f"finding kind {kind!r} is not in {TABLE.name}: add a row for it") from None


def severity(kind: str) -> str:
    """The one severity of a kind of finding."""
    return lookup(kind).severity
