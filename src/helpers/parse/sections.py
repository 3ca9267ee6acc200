"""Finding the report's sections: top-level page headings in their fixed order, and the
sub-headings inside each. A top heading seen again later is a repeated page header and
is dropped. One row of the result per occurrence of a heading, with the blocks under it."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpers.parse.text import Line, blocks, heading_key, is_upper, joined

TOP = [
    "NOTE FROM THE SECRETARY GENERAL",
    "ACTIVITIES",
    "ACTIVE LISTENING",
    "PROGRESS",
    "WHO WE ARE",
]
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
# headings that also start ordinary blocks (a focal point's role): only a whole block counts
WHOLE_BLOCK_ONLY = {"SECRETARIAT GENERAL"}


@dataclass
class Segment:
    """Blocks under one occurrence of a heading (`sub` None: directly under the top heading)."""

    top: str | None
    sub: str | None
    line: int
    blocks: list[list[Line]] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [ln for b in self.blocks for ln in b]


@dataclass
class Layout:
    segments: list[Segment]
    page_headers: list[int]  # line numbers of repeated headings dropped as page headers

    def top(self, name: str) -> list[Segment]:
        return [s for s in self.segments if s.top == name]

    def sub(self, top: str, sub: str) -> list[Segment]:
        return [s for s in self.segments if s.top == top and s.sub == sub]

    def found(self, top: str) -> bool:
        return any(s.top == top for s in self.segments)


def _heading(
    block: list[Line], candidates: list[str], *, need_upper: bool
) -> tuple[str, int] | None:
    """(heading, lines used) if the block is, or starts with, one of the candidate headings."""
    sizes = [len(block)] if len(block) <= 4 else []
    sizes += [k for k in (3, 2, 1) if k < len(block)]
    for k in sizes:
        text = joined(block[:k])
        marked = block[0].raw.lstrip().startswith("#")
        alone = k == len(block) <= 2  # a short block of its own, e.g. "Who we are"
        if need_upper and not (is_upper(text) or marked or alone):
            continue
        key = heading_key(text)
        if key in candidates and (k == len(block) or key not in WHOLE_BLOCK_ONLY):
            return key, k
    return None


def find_sections(lines: list[Line]) -> Layout:
    """Split the report into segments under top headings and their sub-headings."""
    segments = [Segment(None, None, 1)]
    dropped: list[int] = []
    current = -1
    for block in blocks(lines):
        hit = _heading(block, TOP, need_upper=True)
        if hit:
            key, used = hit
            idx = TOP.index(key)
            if idx <= current:
                dropped.append(block[0].no)
            else:
                current = idx
                segments.append(Segment(key, None, block[0].no))
            if used < len(block):
                segments[-1].blocks.append(block[used:])
            continue
        top = segments[-1].top
        subs = SUBS.get(top or "", [])
        hit = _heading(block, subs, need_upper=False) if subs else None
        if hit:
            key, used = hit
            segments.append(Segment(top, key, block[0].no))
            if used < len(block):
                segments[-1].blocks.append(block[used:])
            continue
        segments[-1].blocks.append(block)
    return Layout(segments, dropped)
