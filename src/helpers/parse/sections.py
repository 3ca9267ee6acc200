"""Finding the report's sections from its lines: top-level headings in their fixed order and
the sub-headings inside each, wherever they sit (glued to the text above or below, wrapped
over several lines, upper case, `#` marked or alone on their line).

A top heading seen again is a repeated page header; a top heading of an earlier section
means the report's sections appear twice (the same report pasted twice): everything from
there is set aside and the repeat is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.parse.text import Line, heading_key, is_upper

TOP = [
    "NOTE FROM THE SECRETARY GENERAL",
    "ACTIVITIES",
    "ACTIVE LISTENING",
    "PROGRESS",
    "WHO WE ARE",
]
REPEATED = "REPEATED"  # the segment holding a second copy of the report
REGIONS = {
    "AFRICA": "Africa",
    "ASIA PACIFIC": "Asia-Pacific",
    "EUROPE": "Europe",
    "LATIN AMERICA AND THE CARIBBEAN": "Latin America and the Caribbean",
    "LATIN AMERICA AND CARIBBEAN": "Latin America and the Caribbean",
    "LATIN AMERICA": "Latin America and the Caribbean",
    "NORTH AMERICA": "North America",
}
SUBS = {
    "ACTIVE LISTENING": [
        "MEMBERSHIP ENGAGEMENT",
        "COLLABORATION WITH ALLIANCES",
        "BILATERAL MEETINGS",
    ],
    "PROGRESS": [
        "MAIN RESULTS",
        "METROPOLITAN CHALLENGES",
        "IMPLEMENTATION OF THE STRATEGIC ACTION PLAN",
        "STRATEGIC ACTION PLAN",
    ],
    "WHO WE ARE": [*REGIONS, "SECRETARIAT GENERAL"],
}
FOCAL_RE = re.compile(r"^focal points?\b", re.IGNORECASE)
BOARD_RE = re.compile(r"^(?:members of the )?board of directors\b", re.IGNORECASE)
# a focal point's role is also a heading's name: inside "Focal Points" it is the role
ROLE_IN_FOCAL_POINTS = {"SECRETARIAT GENERAL"}
MAX_HEADING_LINES = 4


@dataclass
class Segment:
    """Lines under one occurrence of a heading (`sub` None: directly under the top heading)."""

    top: str | None
    sub: str | None
    line: int
    lines: list[Line] = field(default_factory=list)

    @property
    def content(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.blank]


@dataclass
class Layout:
    segments: list[Segment]
    page_headers: list[int]  # line numbers of repeated headings dropped as page headers
    repeated: list[int] = field(default_factory=list)  # where an earlier section starts again

    def top(self, name: str) -> list[Segment]:
        return [s for s in self.segments if s.top == name]

    def sub(self, top: str, sub: str) -> list[Segment]:
        return [s for s in self.segments if s.top == top and s.sub == sub]

    def found(self, top: str) -> bool:
        return any(s.top == top for s in self.segments)

    def lines(self, top: str, sub: str | None = None) -> list[Line]:
        segs = self.top(top) if sub is None else self.sub(top, sub)
        return [ln for s in segs for ln in s.lines]


def heading_at(
    lines: list[Line], i: int, candidates: list[str], *, need_upper: bool
) -> tuple[str, int] | None:
    """(heading, lines used) when lines[i] starts one of the candidate headings: one line, or
    up to four consecutive upper-case lines (`LATIN AMERICA` / `AND THE` / `CARIBBEAN`)."""
    run: list[Line] = []
    for ln in lines[i : i + MAX_HEADING_LINES]:
        if ln.blank:
            break
        run.append(ln)
    capitals = 0  # how many of the run's first lines are in capitals
    while capitals < len(run) and is_upper(run[capitals].text):
        capitals += 1
    for k in range(len(run), 0, -1):
        if k > 1 and k > capitals:
            continue  # asked first: it is cheaper than keying the lines
        text = " ".join(ln.text for ln in run[:k])
        key = heading_key(text)
        if key not in candidates:
            continue
        if need_upper and not (is_upper(text) or run[0].marked_heading or k == 1):
            continue
        return key, k
    return None


_SUB_HEADINGS = frozenset(s for subs in SUBS.values() for s in subs)


def is_top_heading(line: Line) -> bool:
    """A line that is a top heading by itself (used to spot a page number right above one)."""
    key = heading_key(line.text)
    return key in TOP or key in _SUB_HEADINGS


def find_sections(lines: list[Line], skip: set[int] | None = None) -> Layout:
    """Split the report into segments under top headings and their sub-headings; the lines at
    the positions in `skip` (page furniture) are left out."""
    content = [ln for i, ln in enumerate(lines) if i not in (skip or set())]
    segments = [Segment(None, None, 1)]
    dropped: list[int] = []
    repeated: list[int] = []
    current = -1
    in_focal = False
    i = 0
    while i < len(content):
        ln = content[i]
        if segments[-1].top == REPEATED or ln.blank:
            segments[-1].lines.append(ln)
            i += 1
            continue
        hit = heading_at(content, i, TOP, need_upper=True)
        if hit and (is_upper(ln.text) or ln.marked_heading or TOP.index(hit[0]) > current):
            key, used = hit
            idx = TOP.index(key)
            if idx < current:
                repeated.append(ln.no)
                segments.append(Segment(REPEATED, None, ln.no))
            elif idx == current:
                dropped.append(ln.no)
            else:
                current = idx
                segments.append(Segment(key, None, ln.no))
                in_focal = False
            i += used
            continue
        top = segments[-1].top
        if top == "WHO WE ARE":
            if FOCAL_RE.match(ln.text):
                in_focal = True
            elif BOARD_RE.match(ln.text):
                in_focal = False
        subs = SUBS.get(top or "", [])
        hit = heading_at(content, i, subs, need_upper=False) if subs else None
        if hit and not (in_focal and hit[0] in ROLE_IN_FOCAL_POINTS):
            key, used = hit
            segments.append(Segment(top, key, ln.no))
            in_focal = False
            i += used
            continue
        segments[-1].lines.append(ln)
        i += 1
    return Layout(segments, dropped, repeated)
