"""The period a report says it covers, from its cover or running header
(`January —————> April 2022`, `May – August 2022`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.parse.dates import MONTHS
from helpers.parse.furniture import unmarked
from helpers.parse.text import Line
from helpers.periods import TERM_MONTHS

COVER_LINES = 60  # the cover and index sit within the report's first lines
_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_STATED = re.compile(
    rf"^\W*(?P<a>{_MONTH})\b[\s\W]*?(?:to\b|[-–—>→]+)[\s\W]*(?P<b>{_MONTH})\b\W*(?P<year>(?:19|20)\d\d)\W*$",
    re.IGNORECASE,
)
TERMS = {months: term for term, months in TERM_MONTHS.items()}  # (first, last month) → term


@dataclass(frozen=True)
class StatedPeriod:
    """The period a report states: its id, the line saying so and that line's text."""

    period: str
    line: int
    text: str


def stated_period(lines: list[Line]) -> StatedPeriod | None:
    """The first line among the report's first COVER_LINES naming a four-month term and a
    year, as its cover does; None when no such line is there."""
    for ln in lines[:COVER_LINES]:
        if ln.blank:
            continue
        text = unmarked(ln.text)
        m = _STATED.match(text)
        if m:
            term = TERMS.get((MONTHS[m["a"].lower()], MONTHS[m["b"].lower()]))
            if term:
                return StatedPeriod(f"{m['year']}-T{term}", ln.no, text.strip())
    return None
