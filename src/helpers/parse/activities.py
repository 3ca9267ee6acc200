"""Activities of the ACTIVITIES section: a date line, a title, a body and labelled blocks
(Members, Outcomes, Metropolitan challenges, Alliances). The section also holds
action-line headers and the "Metropolis in the media" pages, which are split off here.

Rules, tried in order on each block: action-line header, media heading, activity start
(a line that is only a date, or a date followed by an upper-case title). Inside an
activity each line is a label (with or without a value) or text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from helpers.parse.dates import DateSpan, match_date, parse_span
from helpers.parse.text import Line, heading_key, is_page_number, is_upper, joined

LABELS = {
    "members": [
        "members", "member", "participating members", "member cities", "members involved",
        "participants", "participating cities", "cities", "participating member cities",
    ],
    "outcomes": [
        "outcomes", "outcome", "sap outcomes", "strategic action plan outcomes",
        "sap outcome", "outcome codes",
    ],
    "challenges": [
        "metropolitan challenges", "metropolitan challenge", "challenges",
        "challenges addressed",
    ],
    "alliances": ["alliances", "alliance", "partner alliances", "partners", "in collaboration with"],
}  # fmt: skip
_LABEL_OF = {name: kind for kind, names in LABELS.items() for name in names}
_LABEL_RE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?P<open>\*\*|__)?\s*(?P<label>"
    + "|".join(sorted((re.escape(n) for n in _LABEL_OF), key=len, reverse=True))
    + r")\s*(?P<colon1>:)?\s*(?P<close>\*\*|__)?\s*(?P<colon2>:)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
ACTION_LINE_RE = re.compile(r"^ACTION\s+LINE\s*(?P<n>\d+)\b", re.IGNORECASE)
LINE_TITLE_RE = re.compile(r"^L(?P<n>\d+)\s+[A-Za-z]")
OUTCOME_RE = re.compile(r"\bL\d+(?:A\d+(?:D\d+)?)?\b", re.IGNORECASE)
CHALLENGE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d.]*\d)")
MEDIA_KEYS = {"METROPOLIS IN THE MEDIA", "IN THE MEDIA", "MEDIA"}


@dataclass
class LabelValue:
    kind: str
    line: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class Activity:
    """One activity as read from the report, before names and codes are resolved."""

    line: int
    date_text: str
    span: DateSpan | None
    date_error: str | None
    title: str
    body: list[list[Line]] = field(default_factory=list)
    labels: list[LabelValue] = field(default_factory=list)
    description: str = ""
    header_line: int | None = None  # action line from the section header it sits under

    def values(self, kind: str) -> list[LabelValue]:
        return [lv for lv in self.labels if lv.kind == kind]

    def outcome_codes(self) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for lv in self.values("outcomes"):
            for ln in lv.lines:
                out += [(m.group(0).upper(), ln.no) for m in OUTCOME_RE.finditer(ln.text)]
        return _dedupe(out)

    def challenge_codes(self, by_title: dict[str, str] | None = None) -> list[tuple[str, int]]:
        """Codes under the challenges label; a line with no code is looked up by its title
        in `by_title` (folded title → code, from the report's own challenge listing)."""
        from helpers.tables.names import fold

        out: list[tuple[str, int]] = []
        for lv in self.values("challenges"):
            for ln in lv.lines:
                found = [(f"{int(a)}.{int(b)}", ln.no) for a, b in CHALLENGE_RE.findall(ln.item)]
                if not found and by_title:
                    for part in ln.item.split(","):
                        code = by_title.get(fold(part))
                        if code:
                            found.append((code, ln.no))
                out += found
        return _dedupe(out)


def _dedupe(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: set[str] = set()
    out = []
    for code, no in pairs:
        if code not in seen:
            seen.add(code)
            out.append((code, no))
    return out


@dataclass
class ActionHeader:
    number: int
    line: int
    title: str


@dataclass
class ActivitiesSection:
    activities: list[Activity]
    headers: list[ActionHeader]
    media_blocks: list[list[Line]]
    stray_blocks: list[list[Line]]
    repeated_headers: list[int]


def label_of(line: Line) -> tuple[str, str] | None:
    """(kind, value on the same line) when the line is a label such as `**Members:**`."""
    m = _LABEL_RE.match(line.raw.strip())
    if not m:
        return None
    rest = m.group("rest").strip().strip("*_").strip()
    explicit = m.group("colon1") or m.group("colon2") or m.group("open")
    if rest and not explicit:
        return None
    return _LABEL_OF[m.group("label").lower()], rest


def _date_start(line: Line) -> tuple[str, str] | None:
    """(date text, title on the same line) when the line starts an activity."""
    text = line.text
    if match_date(text):
        return text, ""
    m = match_date(text, whole=False)
    if m:
        rest = text[m.end() :].strip().lstrip("|:–—-·•").strip()
        if rest and is_upper(rest) and len(rest.split()) >= 2:
            return m.group(0).strip(), rest
    return None


def _is_media_heading(block: list[Line]) -> bool:
    return len(block) <= 3 and heading_key(joined(block)) in MEDIA_KEYS


def _action_header(block: list[Line]) -> tuple[int, str] | None:
    text = joined(block)
    m = ACTION_LINE_RE.match(text)
    if m and len(text.split()) <= 14:
        return int(m["n"]), text[m.end() :].strip(" :–-")
    m = LINE_TITLE_RE.match(text)  # "L2 Capacities for …" (never a code such as L2A1D3)
    if m and len(block) <= 3 and len(text.split()) <= 14:
        return int(m["n"]), text
    return None


def split_activities(blocks: list[list[Line]]) -> ActivitiesSection:
    """Walk the ACTIVITIES section's blocks, in order, applying the rules."""
    acts: list[Activity] = []
    headers: list[ActionHeader] = []
    media: list[list[Line]] = []
    stray: list[list[Line]] = []
    repeated: list[int] = []
    mode = "none"  # none | activity | media
    current_header: int | None = None
    pending_title: Activity | None = None
    for block in blocks:
        if pending_title is not None:
            pending_title.title = joined(block) if is_upper(joined(block)) else block[0].text
            rest = block[1:] if not is_upper(joined(block)) else []
            if rest:
                pending_title.body.append(rest)
            pending_title = None
            continue
        head = _action_header(block)
        if head:
            number, title = head
            if acts and headers and any(h.number == number for h in headers) and mode == "activity":
                repeated.append(block[0].no)  # a page header repeating the section name
                continue
            if headers and headers[-1].number == number and not title.startswith(("L", "l")):
                continue
            if headers and headers[-1].number == number and headers[-1].line >= block[0].no - 12:
                headers[-1].title = headers[-1].title or title
                continue
            headers.append(ActionHeader(number, block[0].no, title))
            current_header = number
            mode = "none"
            continue
        if _is_media_heading(block):
            mode = "media"
            continue
        start = _date_start(block[0])
        if start:
            date_text, title = start
            act = Activity(block[0].no, date_text, None, None, title, header_line=current_header)
            acts.append(act)
            mode = "activity"
            rest = block[1:]
            if not title:
                if rest and is_upper(rest[0].text):
                    n = 1
                    while n < len(rest) and is_upper(rest[n].text) and not label_of(rest[n]):
                        n += 1
                    act.title = joined(rest[:n])
                    rest = rest[n:]
                elif rest:
                    act.title, rest = rest[0].text, rest[1:]
                else:
                    pending_title = act
            if rest:
                act.body.append(rest)
            continue
        if mode == "activity":
            acts[-1].body.append(block)
        elif mode == "media":
            media.append(block)
        else:
            stray.append(block)
    return ActivitiesSection(acts, headers, media, stray, repeated)


def _looks_like_values(kind: str, block: list[Line]) -> bool:
    """Whether a block after a blank line still belongs to the label above it."""
    text = joined(block)
    if kind == "outcomes":
        return bool(OUTCOME_RE.search(text)) and len(OUTCOME_RE.sub("", text).split()) <= 3
    if kind == "challenges":
        return all(CHALLENGE_RE.match(ln.item) for ln in block)
    words = len(text.split())
    items = max(1, text.count(",") + len(block))
    return words / items <= 6 and not text.rstrip().endswith((".", "!", "?"))


def read_body(act: Activity) -> None:
    """Fill an activity's labels and description from its body blocks."""
    desc: list[str] = []
    current: LabelValue | None = None
    fresh = False  # the label has no value block yet
    for block in act.body:
        if current is not None and not fresh and not label_of(block[0]):
            if not _looks_like_values(current.kind, block):
                current = None
        para: list[str] = []
        for ln in block:
            if is_page_number(ln.text):
                continue
            hit = label_of(ln)
            if hit:
                kind, rest = hit
                current = LabelValue(kind, ln.no)
                act.labels.append(current)
                fresh = True
                if rest:
                    current.lines.append(Line(ln.no, rest, rest))
                    fresh = False
                continue
            if current is not None:
                current.lines.append(ln)
                fresh = False
            else:
                para.append(ln.text)
        if para:
            text = " ".join(para)
            if not (desc == [] and is_upper(text) and heading_key(text) in heading_key(act.title)):
                desc.append(text)  # a repeated subtitle is not description
    act.description = "\n\n".join(desc)


def parse_activities(blocks: list[list[Line]], year: int) -> ActivitiesSection:
    """Split the section, read every activity's body and dates."""
    section = split_activities(blocks)
    for act in section.activities:
        read_body(act)
        try:
            act.span = parse_span(act.date_text, year)
        except ValueError as exc:
            act.date_error = str(exc)
    return section


def infer_action_lines(
    codes: list[list[str]], starts: list[date | None], lines: list[int]
) -> list[int | None]:
    """Action line of each activity when the headers do not sit between the activities.

    The report lists line 1's activities, then line 2's, then line 3's: choose the
    monotone split into consecutive runs that disagrees least with the activities'
    outcome codes; ties go to splits where the dates start again.
    """
    n, k = len(codes), len(lines)
    if n == 0 or k == 0:
        return [None] * n
    inf = float("inf")

    def cost(i: int, j: int) -> float:
        return sum(1 for c in codes[i] if not c.startswith(f"L{lines[j]}A") and c != f"L{lines[j]}")

    def reset(i: int) -> bool:
        a, b = starts[i - 1], starts[i]
        return a is not None and b is not None and b < a

    best = [[inf] * k for _ in range(n)]
    back = [[0] * k for _ in range(n)]
    for j in range(k):
        best[0][j] = cost(0, j) + 0.001 * j
    for i in range(1, n):
        for j in range(k):
            for p in range(j + 1):
                step = 0.0 if p == j else (0.0 if reset(i) else 0.01) + 0.001 * (j - p - 1)
                val = best[i - 1][p] + step
                if val < best[i][j]:
                    best[i][j], back[i][j] = val, p
            best[i][j] += cost(i, j)
    j = min(range(k), key=lambda x: (best[n - 1][x], x))
    out: list[int | None] = [None] * n
    for i in range(n - 1, -1, -1):
        out[i] = lines[j]
        j = back[i][j]
    return out
