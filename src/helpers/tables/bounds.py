"""Bounds on what a report may hold, far above any real one (the real reports have 143
roster members, about 20 activities and about 100 participations, in 30 pages): a report
past one is refused with one line before any work that grows with it (name resolution, the
quality table, the pages). See docs/assumptions.md, "Bounds"."""

from __future__ import annotations

from pathlib import Path

from helpers.errors import UserError
from helpers.parse.report import ReportRecords
from helpers.parse.text import split_items

MAX_REPORT_BYTES = 200 * 1024 * 1024  # a report file (the real PDF: about 5 MB)
MAX_TEXT_CHARS = 5_000_000  # the text read from it (the real one: about 110,000)
MAX_ROSTER = 2_000  # roster names
MAX_ACTIVITIES = 1_000
MAX_PARTICIPATIONS = 20_000  # names under all the activities' Members labels
MAX_LISTED = 5_000  # names in the engagement list, bilateral meetings and board
MAX_NAME_CHARS = 500  # one name as read (a long official name runs to about 300)


def _refuse(what: str, n: int, limit: int) -> UserError:
    return UserError(
        f"the report holds {n:,} {what}, more than the {limit:,} any real report comes near: "
        "it is not a Metropolis progress report, or it is damaged; nothing was read"
    )


def check_file(path: Path) -> None:
    """Refuse a report file over MAX_REPORT_BYTES before it is read."""
    if not path.is_file():
        return  # missing or a dangling link: the reader says so in its own words
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise _refuse("bytes", size, MAX_REPORT_BYTES)


def check_text(text: str) -> None:
    """Refuse a text over MAX_TEXT_CHARS before it is parsed."""
    if len(text) > MAX_TEXT_CHARS:
        raise _refuse("characters of text", len(text), MAX_TEXT_CHARS)


def check_records(rec: ReportRecords) -> None:
    """Refuse a report whose lists run past their bounds, or with a name past
    MAX_NAME_CHARS, before any name is resolved."""
    acts = rec.activities.activities
    if len(acts) > MAX_ACTIVITIES:
        raise _refuse("activities", len(acts), MAX_ACTIVITIES)
    if len(rec.roster) > MAX_ROSTER:
        raise _refuse("roster names", len(rec.roster), MAX_ROSTER)
    members = [it for a in acts for lv in a.values("members") for it in split_items(lv.lines)]
    if len(members) > MAX_PARTICIPATIONS:
        raise _refuse("names under the activities' Members", len(members), MAX_PARTICIPATIONS)
    listed = len(rec.engagement) + len(rec.bilateral) + len(rec.board)
    if listed > MAX_LISTED:
        raise _refuse("names in the engagement list, meetings and board", listed, MAX_LISTED)
    names = [n for _, n, _ in rec.roster] + [n for n, _ in members] + [n for n, _ in rec.engagement]
    long = max(names, key=len, default="")
    if len(long) > MAX_NAME_CHARS:
        raise UserError(
            f"a name of {len(long):,} characters ('{long[:40]}…'), more than the "
            f"{MAX_NAME_CHARS} any real name comes near: the report is damaged; nothing was read"
        )
