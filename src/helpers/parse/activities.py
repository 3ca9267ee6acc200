"""Activities of the ACTIVITIES section, read line by line: a date line, a title (upper case,
on the date's line or the lines after it), a body of prose and labelled values (Members,
Outcomes, Metropolitan challenges, Alliances). The section also holds action-line headers and
the "Metropolis in the media" pages, which are split off here.

Rules, tried in order on each line: action-line header, media heading, activity start (a
date followed by an upper-case title). Inside an activity each line is a label (with or
without its value on the same line), a value of the label above, a page number or prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from helpers.parse.dates import DateSpan, match_date, parse_span
from helpers.parse.listings import CHALLENGE_LINE_RE
from helpers.parse.text import (
    COLUMN_GAP,
    Line,
    clean,
    ends_open,
    fold,
    heading_key,
    is_page_number,
    is_upper,
    join_wrapped,
    split_outside_parens,
)

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
    + r")\b\s*(?P<colon1>:)?\s*(?P<close>\*\*|__)?\s*(?P<colon2>:)?\s*(?P<rest>.*)$",
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
    body: list[Line] = field(default_factory=list)
    labels: list[LabelValue] = field(default_factory=list)
    description: str = ""
    header_line: int | None = None  # action line from the section header it sits under
    page_numbers: list[int] = field(default_factory=list)  # bare numbers dropped from the body
    unread: list[Line] = field(default_factory=list)  # value-shaped lines outside any label
    titles: list[Line] = field(default_factory=list)  # title-shaped lines in its text

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
        out: list[tuple[str, int]] = []
        for lv in self.values("challenges"):
            for ln in lv.lines:
                found = [(f"{int(a)}.{int(b)}", ln.no) for a, b in CHALLENGE_RE.findall(ln.item)]
                if not found and by_title:
                    for part in ln.item.split(","):
                        code = by_title.get(fold(part))
                        if code:
                            found.append((code, ln.no))
                if not found and by_title:  # titles run together: `Climate resilience Basic …`
                    line = f" {fold(ln.item)} "
                    hits = sorted((line.find(f" {t} "), c) for t, c in by_title.items()
                                  if t and f" {t} " in line)  # fmt: skip
                    found = [(c, ln.no) for _, c in hits]
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
    media_lines: list[Line]
    stray_lines: list[Line]
    repeated_headers: list[int]


def only_codes(text: str) -> bool:
    """Outcome codes and separators, nothing else (`L1A3D1, L1A2D1`)."""
    return bool(OUTCOME_RE.search(text)) and not OUTCOME_RE.sub("", text).strip(" ,;.")


def value_shaped(text: str) -> bool:
    """A line that is never prose: outcome codes alone, a challenge line (`2.2 Economic
    resilience`; not `2.3 million inhabitants`), or a date alone (another activity's, whose
    start was not recognised)."""
    m = CHALLENGE_LINE_RE.match(text)
    return (
        only_codes(text) or bool(m and re.match(r"[A-Z][a-z]", m["title"]))
        or bool(match_date(text))
    )  # fmt: skip


def _inline_values(kind: str, rest: str) -> bool:
    """Whether text after a label with no colon or bold is that label's values
    (`Members Rabat, Tunis`, `Outcomes L1A3D1`), not a sentence (`Members of the Board met`)."""
    if kind == "outcomes":
        return only_codes(rest)
    if kind == "challenges" and CHALLENGE_RE.match(rest.lstrip("-•* ")):
        return True
    items = [p.strip() for p in split_outside_parens(rest.rstrip().rstrip(","))]  # `Amman,` wraps
    longest = 8 if kind == "alliances" else 6 if kind == "challenges" else 5  # long names
    return all(
        p and (p[0].isupper() or p[0].isdigit()) and len(p.split()) <= longest for p in items
    ) and not rest.rstrip().endswith((".", "!", "?"))


# labels that may carry their values on the same line with no colon or bold
INLINE_LABELS = {"members", "outcomes", "metropolitan challenges", "alliances"}


def _title_words(text: str) -> bool:
    """Words of a title in capitals (three or more; no outcome or challenge code, no list
    comma)."""
    codes = OUTCOME_RE.search(text) or re.search(r"\b\d+\.\d+\b", text)
    return is_upper(text) and len(text.split()) >= 3 and not codes and "," not in text


def label_of(line: Line, *, inline: bool = True) -> tuple[str, str] | None:
    """(kind, value on the same line) when the line is a label such as `**Members:**`,
    `Members` or (when `inline`) `Members Rabat, Tunis`."""
    m = _LABEL_RE.match(re.sub(r"^\s*#{1,6}\s+", "", line.raw).strip())  # `#### Members` too
    if not m:
        return None
    rest = m.group("rest").strip().strip("*_").strip()
    name = m.group("label")
    kind = _LABEL_OF[name.lower()]
    # bold marks a label when it closes right after it (`**Members**`), not a bold title
    # that starts with a label's word (`**MEMBER OF METROPOLIS**`)
    explicit = m.group("colon1") or m.group("colon2") or (m.group("open") and m.group("close"))
    if m.group("open") and not m.group("close") and _title_words(rest):
        return None  # `**CITIES: HOW CAN METROPOLISES …?**`: a bold title's line, not a label
    if rest and not explicit:
        if not (inline and name.lower() in INLINE_LABELS and name[0].isupper()):
            return None
        if not _inline_values(kind, rest):
            return None
    return kind, rest


def _date_start(line: Line) -> tuple[str, str] | None:
    """(date text, title on the same line) when the line holds a date (and maybe a title)."""
    text = line.text
    if match_date(text):
        return text, ""
    m = match_date(text, whole=False)
    if m:
        rest = text[m.end() :].strip().lstrip("|:–—-·•").strip()
        if rest and is_upper(rest) and len(rest.split()) >= 2:
            return m.group(0).strip(), rest
    return None


def _is_title_line(line: Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    return (
        len(letters) >= 3
        and is_upper(line.text)
        and label_of(line) is None
        and _date_start(line) is None
        and _action_header(line) is None
        and not _is_media_heading(line)
    )


def _repeats(line: str, title: str) -> bool:
    """A subtitle that repeats three or more words of the title (`BRINGING NATURE BACK …`)."""
    key = heading_key(line)
    return len(key.split()) >= 3 and f" {key} " in f" {heading_key(title)} "


def _marked_title_after_gap(lines: list[Line], j: int) -> bool:
    """A `#`-marked title line continued by another `#`-marked upper-case line after blank
    lines (exporters that mark every title line as a heading and space them out)."""
    if not lines[j].blank or not lines[j - 1].marked_heading:
        return False
    k = j
    while k < len(lines) and lines[k].blank:
        k += 1
    return k < len(lines) and lines[k].marked_heading and _is_title_line(lines[k])


def _title_rest(line: Line) -> bool:
    """A short wrapped end of a title with no lower-case letters (`#3`, `2022`)."""
    t = line.text
    return (
        bool(t)
        and len(t.split()) <= 2
        and not any(c.islower() for c in t)
        and not is_page_number(t)
        and _date_start(line) is None
        and not OUTCOME_RE.search(t)
    )


def activity_start(lines: list[Line], i: int) -> tuple[str, str, int] | None:
    """(date text, title, lines used) when lines[i] starts an activity: a date with an
    upper-case title on its line, or a date alone followed by upper-case title lines (a title
    wrapped over several lines is joined; a repeated subtitle right after it is skipped)."""
    start = _date_start(lines[i])
    if not start:
        return None
    date_text, title = start
    j = i + 1
    if not title:
        while j < len(lines) and lines[j].blank:
            j += 1
        if j >= len(lines) or not _is_title_line(lines[j]):
            return None
        parts = [lines[j].text]
        j += 1
        while j < len(lines) and (
            _is_title_line(lines[j]) or _title_rest(lines[j]) or _marked_title_after_gap(lines, j)
        ):
            while lines[j].blank:
                j += 1
            if _repeats(lines[j].text, " ".join(parts)):
                j += 1  # a subtitle repeating the title
                break
            parts.append(lines[j].text)
            j += 1
        title = join_wrapped(parts)
    return date_text, title, j - i


def _is_media_heading(line: Line) -> bool:
    return heading_key(line.text) in MEDIA_KEYS


def _wrapped_media_heading(lines: list[Line], i: int) -> bool:
    """The media heading set over two lines in a narrow column (`METROPOLIS IN` / `THE
    MEDIA`), each in capitals."""
    pair = lines[i : i + 2]
    return (
        len(pair) == 2
        and all(not ln.blank and is_upper(ln.text) for ln in pair)
        and heading_key(f"{pair[0].text} {pair[1].text}") in MEDIA_KEYS
    )


def _action_header(line: Line) -> tuple[int, str] | None:
    text = line.text
    m = ACTION_LINE_RE.match(text)
    if m and len(text.split()) <= 14:
        return int(m["n"]), text[m.end() :].strip(" :–-")
    m = LINE_TITLE_RE.match(text)  # "L2 Capacities for …" (never a code such as L2A1D3)
    if m and len(text.split()) <= 14 and not text.rstrip().endswith("."):
        return int(m["n"]), text
    return None


def _is_list_item(line: Line) -> bool:
    """A bullet, a pipe-table row or a row of space-aligned columns."""
    raw = line.raw.strip()
    return line.is_bullet or raw.startswith("|") or bool(COLUMN_GAP.search(raw))


# What a line of the ACTIVITIES section is: the first rule that matches decides. Each rule is a
# small function saying quickly matched or not (markdown-it-py's block rules); `prose` is last.
LINE_RULES: list[tuple[str, Callable[[Line], object]]] = [
    ("blank", lambda ln: ln.blank),
    ("page_number", lambda ln: is_page_number(ln.text)),
    ("action_header", _action_header),
    ("media_heading", _is_media_heading),
    ("date", _date_start),
    ("label", label_of),
    ("list_item", _is_list_item),
    ("prose", lambda ln: True),
]


def classify(line: Line) -> str:
    """The kind of a line: blank, page_number, action_header, media_heading, date, label,
    list_item or prose."""
    return next(kind for kind, rule in LINE_RULES if rule(line))


def split_activities(lines: list[Line]) -> ActivitiesSection:
    """Walk the ACTIVITIES section's lines, in order, applying the rules."""
    acts: list[Activity] = []
    headers: list[ActionHeader] = []
    media: list[Line] = []
    stray: list[Line] = []
    repeated: list[int] = []
    mode = "none"  # none | activity | media
    current_header: int | None = None
    i = 0
    while i < len(lines):
        ln = lines[i]
        kind = classify(ln)
        if kind == "action_header":
            number, title = _action_header(ln)  # type: ignore[misc]
            i += 1
            if acts and headers and any(h.number == number for h in headers) and mode == "activity":
                repeated.append(ln.no)  # a page header repeating the section name
                continue
            if headers and headers[-1].number == number and not title.startswith(("L", "l")):
                continue
            if headers and headers[-1].number == number and headers[-1].line >= ln.no - 12:
                headers[-1].title = headers[-1].title or title
                continue
            headers.append(ActionHeader(number, ln.no, title))
            current_header = number
            mode = "none"
            continue
        if kind == "media_heading" or _wrapped_media_heading(lines, i):
            mode = "media"
            i += 1 if kind == "media_heading" else 2
            continue
        start = activity_start(lines, i) if kind == "date" else None
        if start:
            date_text, title, used = start
            acts.append(Activity(ln.no, date_text, None, None, title, header_line=current_header))
            mode = "activity"
            i += used
            continue
        if mode == "activity":
            acts[-1].body.append(ln)
        elif mode == "media":
            media.append(ln)
        elif not ln.blank:
            stray.append(ln)
        i += 1
    return ActivitiesSection(acts, headers, media, stray, repeated)


def _continues(kind: str, prev: Line, line: Line, *, after_blank: bool = False) -> bool:
    """Whether a line after a label's value still belongs to it. A value left open (a trailing
    comma, `and`, an open bracket) goes on whatever the next line's case; after a blank line
    only a line shaped like the label's values does (a code, a bullet)."""
    text = line.item
    if kind == "outcomes":
        return bool(OUTCOME_RE.search(text)) and len(OUTCOME_RE.sub("", text).split()) <= 3
    if kind == "challenges" and CHALLENGE_RE.match(text):
        return True
    if ends_open(prev.text) and not prev.text.rstrip().endswith(("(", "–")):
        return True  # `Seoul, Tehran,` goes on, after a page break too
    if after_blank:
        return line.is_bullet and not text.endswith((".", "!", "?"))
    if kind == "challenges":
        if text[:1].islower():
            return True  # `1.1 Combating inequalities and` / `segregation`
        return len(text.split()) <= 6 and not text.endswith((".", "!", "?")) and text[:1].isupper()
    words = len(text.split())
    items = max(1, text.count(",") + 1)
    return words / items <= 6 and not text.rstrip().endswith((".", "!", "?", ":"))


def _ends_open_text(paragraphs: list[list[str]], line: Line) -> bool:
    """``line`` ends the description's last sentence, left open (no full stop) before the
    labels: a sentence's end, not a value (it has no comma and ends with a full stop)."""
    last = next((p[-1] for p in reversed(paragraphs) if p), "")
    text = line.item
    return (
        bool(last) and not last.rstrip().endswith((".", "!", "?", ":"))
        and text.endswith((".", "!", "?")) and "," not in text and not line.is_bullet
    )  # fmt: skip


def read_body(act: Activity) -> None:
    """Fill an activity's labels and description from its body lines."""
    paragraphs: list[list[str]] = [[]]
    current: LabelValue | None = None
    fresh = False  # the label has no value line yet
    blank = False  # a blank line since the label's last value
    for ln in act.body:
        kind = classify(ln)
        if kind == "blank":
            if paragraphs[-1]:
                paragraphs.append([])
            blank = True
            continue
        if kind == "page_number":
            act.page_numbers.append(ln.no)
            continue
        # a label's first value line may itself read like `Cities Coalition …`: inline labels
        # are only looked for where no value is awaited
        hit = label_of(ln, inline=not (current is not None and fresh)) if kind == "label" else None
        if hit:
            kind, rest = hit
            current = LabelValue(kind, ln.no)
            act.labels.append(current)
            fresh, blank = not rest, False
            if rest:
                current.lines.append(Line(ln.no, rest, rest))
            continue
        if current is not None and not fresh and blank and _ends_open_text(paragraphs, ln):
            # a table row split by a page break: the description's cell goes on at the top of
            # the next page (`… to prepare the 2023` / `General Assembly.`), then the labels'
            next(p for p in reversed(paragraphs) if p).append(ln.item)
            continue
        if current is not None and (
            fresh or _continues(current.kind, current.lines[-1], ln, after_blank=blank)
        ):
            current.lines.append(ln)
            fresh = blank = False
            continue
        current = None
        text = ln.item
        if value_shaped(text):
            act.unread.append(ln)  # `2.2 Economic resilience`, `L1A2D4, L1A3D1` in the prose
        started = any(paragraphs)
        if not started and is_upper(text) and _repeats(text, act.title):
            continue  # a repeated subtitle is not description
        if _BOLD_LINE.match(ln.raw.strip()) and _title_words(text):
            act.titles.append(ln)  # `**CITY MANAGERS COMMUNITY 2023: KICK-OFF …**` in the text
        paragraphs[-1].append(text)
    act.description = "\n\n".join(join_wrapped(p) for p in paragraphs if p)


_TRAILING_DATE = re.compile(
    r"\s(?=[0-3]?\d(?:st|nd|rd|th)?(?:\s*[-–—]\s*[0-3]?\d)?\s+[A-Z][a-z]+\.?$)"
)


def split_trailing_dates(lines: list[Line]) -> list[Line]:
    """An exporter that merges lines can glue an activity's date to the end of the line above
    (`… UCLG CCRE / CEMR 21 March`, then the title): the date goes back on a line of its own
    (same line number) when an upper-case title follows."""
    out: list[Line] = []
    for i, ln in enumerate(lines):
        m = None if ln.blank or match_date(ln.text) else _TRAILING_DATE.search(ln.text)
        nxt = next((x for x in lines[i + 1 :] if not x.blank), None)
        if m and match_date(ln.text[m.end() :]) and nxt is not None and _is_title_line(nxt):
            head, date_text = ln.text[: m.start()].rstrip(), ln.text[m.end() :]
            out += [Line(ln.no, head, head), Line(ln.no, date_text, date_text)]
        else:
            out.append(ln)
    return out


_BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*$")


def join_split_labels(lines: list[Line]) -> list[Line]:
    """A bold label wrapped in a narrow cell (`**Metropolitan**` / `**challenges:**`) is one
    label line again (the first line's number), when the first is no label alone."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        a = _BOLD_LINE.match(prev.raw.strip()) if prev is not None else None
        b = _BOLD_LINE.match(ln.raw.strip())
        if a and b and not label_of(prev):
            raw = f"**{a.group(1).strip()} {b.group(1).strip()}**"
            joined = Line(prev.no, raw, clean(raw))
            if label_of(joined):
                out[-1] = joined
                continue
        out.append(ln)
    return out


def parse_activities(lines: list[Line], year: int) -> ActivitiesSection:
    """Split the section, read every activity's body and dates."""
    section = split_activities(split_trailing_dates(join_split_labels(lines)))
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
