"""Dates as the reports write them: `15–16 February`, `1-25 April`, `3 March–11 May`,
`19 – 21 July`, `October 4`, `28 November–2 December`, with the year from the period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?:19|20)\d\d)"
_TO = r"\s*(?:[-–—‐‑/]+|to|until|and|&)\s*"

_D, _M, _Y = rf"(?P<{{0}}>{_DAY})", rf"(?P<{{0}}>{_MONTH})", rf"(?P<{{0}}>{_YEAR})?"
_FORMS = [
    # 3 March–11 May, 30 June - 2 July 2022
    rf"{_D.format('d1')}\s+{_M.format('m1')}{_Y.format('y1')}{_TO}{_D.format('d2')}\s+{_M.format('m2')}{_Y.format('y2')}",
    # 15–16 February, 19 – 21 July
    rf"{_D.format('d1')}{_TO}{_D.format('d2')}\s+{_M.format('m2')}{_Y.format('y2')}",
    # 17 February
    rf"{_D.format('d1')}\s+{_M.format('m1')}{_Y.format('y1')}",
    # October 28 – November 2
    rf"{_M.format('m1')}\s+{_D.format('d1')}{_Y.format('y1')}{_TO}{_M.format('m2')}\s+{_D.format('d2')}{_Y.format('y2')}",
    # October 4–6
    rf"{_M.format('m1')}\s+{_D.format('d1')}{_TO}{_D.format('d2')}{_Y.format('y2')}",
    # October 4
    rf"{_M.format('m1')}\s+{_D.format('d1')}{_Y.format('y1')}",
]  # fmt: skip
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_PATTERNS = [re.compile(rf"(?:from\s+)?{_WEEKDAY}{f}", re.IGNORECASE) for f in _FORMS]


@dataclass(frozen=True)
class DateSpan:
    """A parsed date expression: first and last day, and the text as written."""

    text: str
    start: date
    end: date


def _num(s: str | None) -> int | None:
    return int(re.sub(r"\D", "", s)) if s else None


def _month(s: str | None) -> int | None:
    return MONTHS[s.lower().rstrip(".")] if s else None


def match_date(text: str, *, whole: bool = True) -> re.Match[str] | None:
    """The date expression at the start of text (the whole text when `whole`)."""
    s = text.strip()
    for pat in _PATTERNS:
        m = pat.fullmatch(s) if whole else pat.match(s)
        if m and (whole or m.end() == len(s) or not s[m.end()].isalnum()):
            return m
    return None


def parse_span(text: str, year: int) -> DateSpan:
    """Read a date expression; the year defaults to the period's. Raises ValueError."""
    m = match_date(text, whole=False)
    if not m:
        raise ValueError(f"not a date: {text!r}")
    g = m.groupdict()
    d1, d2 = _num(g.get("d1")), _num(g.get("d2"))
    m1, m2 = _month(g.get("m1")), _month(g.get("m2"))
    y1, y2 = _num(g.get("y1")), _num(g.get("y2"))
    m1 = m1 or m2
    m2 = m2 or m1
    d2 = d2 or d1
    # 28 December – 3 January rolls into the next year; 10 May – 2 April is reversed (a
    # wrapped span of six months or more is not what anyone writes without the years)
    wraps = m1 - m2 > 6
    if y1 is None:
        y1 = (y2 - 1 if wraps else y2) if y2 is not None else year
    if y2 is None:
        y2 = y1 + 1 if wraps else y1
    start, end = date(y1, m1, d1), date(y2, m2, d2)  # ValueError on 31 February
    if end < start:
        raise ValueError(f"date range ends before it starts: {text!r}")
    return DateSpan(m.group(0).strip(), start, end)
