"""Normalising an exported report's text and reading it as numbered lines.

`normalise_text` makes every exporter's text comparable (line ends, separators, page breaks,
Unicode forms, hyphens, ligatures, invisible characters); its output is the text that every
`source_line` refers to (kept in data/interim/<period>/report.txt). `read_lines` numbers it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from helpers.memo import memoized

_SPACES = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\u3000": " "}
_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2029": "\n\n", "\u2028": "\n", "\f": "\n", "\v": "\n",
           "\u0085": "\n"}  # fmt: skip
_CHARS = {"\u2010": "-", "\u2011": "-", "\u2212": "-", "\ufb00": "ff", "\ufb01": "fi",
          "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
          # Word's bullets come out of a PDF as Symbol/Wingdings private-use characters
          "\uf0b7": "•", "\uf0a7": "▪", "\uf076": "•", "\uf0d8": "•", "\uf0fc": "•"}  # fmt: skip
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters (NUL, ESC, DEL, the C1 range; a PDF's text can hold them), lone surrogates
# and the two noncharacters XML forbids: no writer can store them (openpyxl refuses them, a
# browser shows them as boxes), so they are removed where text is read. Tabs, line ends and
# page breaks are not among them (they become spaces and line ends).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
BULLET_RE = re.compile(r"^\s*(?:[-*•·▪◦●+]|\d+[.)])\s+")
_WS = re.compile(r"\s+")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")  # a markdown heading's `#` marks
_HEADING_PUNCT = re.compile(r"[-–—:.]")
# Each text is cleaned, folded or keyed once per process (`memoized`): a report's lines are
# cleaned again as headings are looked for, and the same names are folded many times.
_TEXTS_KEPT = 1 << 14
COLUMN_GAP = re.compile(r"\S(\s{2,})\S")


@dataclass(frozen=True)
class Line:
    """One line of the report: `no` is 1-based in the normalised text."""

    no: int
    raw: str
    text: str

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def bold(self) -> bool:
        return "**" in self.raw or "__" in self.raw

    @property
    def marked_heading(self) -> bool:
        """A markdown `#` heading."""
        return bool(re.match(r"^\s*#{1,6}\s", self.raw))

    @property
    def is_bullet(self) -> bool:
        return bool(BULLET_RE.match(self.raw.replace("**", "")))

    @property
    def item(self) -> str:
        """The text without a leading bullet marker."""
        return BULLET_RE.sub("", self.text).strip()


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)  # a line break inside a markdown table cell


def clean(raw: str) -> str:
    """Markdown emphasis, heading marks, links, `<br>` and escapes removed; spaces collapsed."""
    return _cleaned(raw)


def _clean(raw: str) -> str:
    return _WS.sub(" ", clean_keep_spaces(raw)).strip()


_cleaned = memoized(_clean, _TEXTS_KEPT)


def _line_ends(text: str) -> str:
    """LF line ends: CR, CR LF, U+2028, U+0085, form feeds and vertical tabs as one, U+2029 as
    two (a paragraph)."""
    for k, v in _BREAKS.items():
        text = text.replace(k, v)
    return text


def normalise_text(text: str) -> str:
    """One form for every exporter: LF line ends (CR, U+2028, form feeds and U+2029 too),
    control characters removed (see `control_characters`), NFC accents, plain spaces and
    hyphens, ligatures spelled out, invisible characters removed."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", _line_ends(text)))
    for k, v in {**_SPACES, **_CHARS}.items():
        text = text.replace(k, v)
    return _INVISIBLE.sub("", text)


def control_characters(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` holding characters `normalise_text` removes as no writer can
    store them (NUL, ESC, DEL, C1 controls, lone surrogates, U+FFFE/U+FFFF): each as its
    number in the normalised text and the characters it held (``U+0000 ×2, U+001B``)."""
    text = _line_ends(text)
    if not _CONTROL.search(text):
        return []
    found = []
    for no, line in enumerate(text.split("\n"), 1):
        counts = Counter(_CONTROL.findall(line))
        if counts:
            named = (f"U+{ord(c):04X}" + (f" ×{n}" if n > 1 else "") for c, n in counts.items())
            found.append((no, ", ".join(named)))
    return found


def read_lines(text: str) -> list[Line]:
    """Every line of the (normalised) report, numbered from 1."""
    return [
        Line(i, raw.rstrip(), clean(raw))
        for i, raw in enumerate(normalise_text(text).split("\n"), 1)
    ]


_FOLD_PUNCT = re.compile(r"[^\w()' ]+")


def fold(name: str) -> str:
    """Lower-case, accent-free, punctuation-light form used for comparisons."""
    return _folded(str(name))


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = _FOLD_PUNCT.sub(" ", text.replace("-", " ").replace("&", " and "))
    return _WS.sub(" ", text).strip()


_folded = memoized(_fold, _TEXTS_KEPT)


def heading_key(text: str) -> str:
    """Comparable form of a heading: upper case, `&` → AND, hyphens and colons dropped."""
    return _keyed(text)


def _heading_key(text: str) -> str:
    s = clean(text).upper().replace("&", " AND ")
    s = _HEADING_PUNCT.sub(" ", s)
    return _WS.sub(" ", s).strip()


_keyed = memoized(_heading_key, _TEXTS_KEPT)


def is_upper(text: str) -> bool:
    """True when every letter is upper case (and there is at least one)."""
    letters = (c for c in text if c.isalpha())  # read up to the first lower-case letter only
    first = next(letters, None)
    return first is not None and first.isupper() and all(c.isupper() for c in letters)


def is_page_number(text: str) -> bool:
    """A line holding only a short number: a page number left by the PDF export."""
    return bool(re.fullmatch(r"[0-9]{1,3}", text.strip()))  # ASCII digits (not `²`)


def ends_open(text: str) -> bool:
    """The line cannot end here: a wrapped name or list goes on on the next line."""
    t = text.rstrip()
    return (
        t.endswith((",", "/", "&", "-", "(", "–"))
        or t.count("(") > t.count(")")
        or bool(re.search(r"\b(?:and|of|the|de|del|la|du|des)$", t, re.IGNORECASE))
    )


def join_wrapped(parts: list[str]) -> str:
    """Join hard-wrapped pieces of one paragraph: `organi-` + `sation` → `organisation`
    (lower-case letters on both sides), `UCLG-` + `MEWA` → `UCLG-MEWA`, else a space."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[0].isalpha():
            if out[-2].islower() and part[0].islower():
                out = out[:-1] + part
            else:
                out += part
        else:
            out = f"{out} {part}" if out else part
    return out


def split_outside_parens(text: str, seps: str = ",;") -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


_INLINE_BULLETS = re.compile(r"\s+[•▪◦●]\s+")
_BULLET_OPEN = re.compile(r"^\s*[•▪◦●]\s+")


def split_inline_bullets(lines: list[Line]) -> list[Line]:
    """A line holding several bulleted items (`AFRICA • Abidjan • Accra`, as some PDF engines
    give a list) becomes one line per item, each with the original line number."""
    out: list[Line] = []
    for ln in lines:
        parts = _INLINE_BULLETS.split(ln.raw)
        if len(parts) < 3:
            out.append(ln)
            continue
        first, *items = parts
        if _BULLET_OPEN.match(first):  # `• Belo Horizonte • Bogotá`: the first is an item too
            items = [_BULLET_OPEN.sub("", first), *items]
        elif first.strip(" •"):
            out.append(Line(ln.no, first.strip(" •"), clean(first.strip(" •"))))
        out += [Line(ln.no, f"• {it.strip()}", clean(f"• {it.strip()}")) for it in items]
    return out


def _kind(line: Line) -> str:
    """How a list line separates its items: `pipe`, `columns` or `comma`."""
    raw = BULLET_RE.sub("", clean_keep_spaces(line.raw)).strip()
    return "pipe" if "|" in raw else "columns" if COLUMN_GAP.search(raw) else "comma"


def _cells(line: Line) -> list[str]:
    """A list line's pieces: pipe-table cells, space-aligned columns, or comma-separated."""
    raw = BULLET_RE.sub("", clean_keep_spaces(line.raw))
    if "|" in raw:
        cells = raw.split("|")
        if all(re.fullmatch(r"\s*:?-{2,}:?\s*", c) or not c.strip() for c in cells):
            return []  # |---|---| separator row
        return cells
    if COLUMN_GAP.search(raw.strip()):
        return [p for col in re.split(r"\s{2,}", raw.strip()) for p in split_outside_parens(col)]
    if _INLINE_BULLETS.search(line.item):  # `Abidjan • Accra • Addis Ababa` on one line
        return [p for part in _INLINE_BULLETS.split(line.item) for p in split_outside_parens(part)]
    return split_outside_parens(line.item)


def clean_keep_spaces(raw: str) -> str:
    """Markup removed as in `clean`, but runs of spaces (column gaps) kept."""
    return _cleaned_keep_spaces(raw)


def _clean_keep_spaces(raw: str) -> str:
    s = _LINK.sub(r"\1", _BR.sub(" ", raw))
    s = _HEADING_MARK.sub("", s)
    s = _EMPHASIS.sub("", s).replace("\\", "")
    return _HEADING_MARK.sub("", s)  # `**## ACTION LINE 2**`: the mark inside bold


_cleaned_keep_spaces = memoized(_clean_keep_spaces, _TEXTS_KEPT)


def split_items(lines: list[Line]) -> list[tuple[str, int]]:
    """List items with their source line: bullets, pipe-table cells, space-aligned columns or
    comma lists. An item left open at a line end, or followed by a line that starts in lower
    case or with a bracket, goes on on the next line (`Barcelona (metropolitan` / `area)`,
    `UCLG CCRE /` / `CEMR`, `Barcelona` / `(ciudad)`); a name broken between two plain words
    (`Grand` / `Paris`) can only be told by the roster (see helpers.tables.resolve)."""
    out: list[tuple[str, int]] = []
    pending: tuple[str, int] | None = None
    content = [ln for ln in lines if not ln.blank and not is_page_number(ln.text)]
    kinds = [_kind(ln) for ln in content]
    if kinds.count("columns") >= 2 and "pipe" not in kinds:
        return _grid_items(content)
    blanks = [ln.no for ln in lines if ln.blank]
    for i, line in enumerate(content):
        pieces = [_WS.sub(" ", p).strip() for p in _cells(line)]
        for k, item in enumerate(pieces):
            no = line.no
            if pending is not None and k == 0:
                item, no, pending = join_wrapped([pending[0], item]), pending[1], None
            nxt = content[i + 1] if i + 1 < len(content) else None
            more = (
                nxt is not None
                and not nxt.is_bullet
                and not any(line.no < b < nxt.no for b in blanks)
            )
            goes_on = nxt is not None and (nxt.item[:1].islower() or nxt.item[:1] == "(")
            if k == len(pieces) - 1 and more and item and (ends_open(item) or goes_on):
                pending = (item, no)
                continue
            _keep(out, item, no)
    if pending is not None:
        _keep(out, pending[0], pending[1])
    return out


_CELL = re.compile(r"\S+(?: \S+)*")  # a run of words with single spaces: one grid cell


def _grid_items(content: list[Line]) -> list[tuple[str, int]]:
    """Cells of a space-aligned grid (`pdftotext -layout`), row by row. A row with at most
    half as many cells as the widest row, each under a cell of the row above, continues those
    cells (a name wrapped inside its cell: `Barcelona (metropolitan` / `area)`)."""
    rows = []
    for ln in content:
        raw = clean_keep_spaces(ln.raw)
        rows.append((ln.no, [(m.start(), m.group(0)) for m in _CELL.finditer(raw)]))
    width = max(len(cells) for _, cells in rows)
    ordered: list[list[tuple[str, int]]] = []
    above: list[tuple[int, int, list[tuple[str, int]]]] = []  # (start, end, pieces)

    def under(pos: int) -> list[tuple[str, int]] | None:
        for start, end, pieces in above:
            if start - 2 <= pos <= end:
                return pieces
        return None

    for no, cells in rows:
        if above and len(cells) <= width // 2 and all(under(p) is not None for p, _ in cells):
            for p, text in cells:
                under(p).append((text, no))  # type: ignore[union-attr]
            continue
        above = []
        for p, text in cells:
            pieces = [(text, no)]
            above.append((p, p + len(text), pieces))
            ordered.append(pieces)
    out: list[tuple[str, int]] = []
    for pieces in ordered:
        text, no = pieces[0]
        for more, more_no in pieces[1:]:
            if ends_open(text) or more[:1].islower() or more[:1] in "()":
                text = join_wrapped([text, more])
            else:  # two names, or one the roster can join (helpers.tables.resolve)
                _keep(out, text, no)
                text, no = more, more_no
        _keep(out, text, no)
    return out


def letterless_items(lines: list[Line]) -> list[tuple[str, int]]:
    """List pieces with no letters (`—`, `***`, `2022`) that `split_items` leaves out, with
    their line, so they are reported rather than silently dropped (page numbers aside)."""
    out: list[tuple[str, int]] = []
    for ln in lines:
        if ln.blank or is_page_number(ln.text):
            continue
        for piece in _cells(ln):
            text = piece.strip()
            if text and not any(c.isalpha() for c in text):
                out.append((text, ln.no))
    return out


def _keep(out: list[tuple[str, int]], item: str, no: int) -> None:
    item = BULLET_RE.sub("", item.strip(" ,;.·•*").strip()).strip()
    if item and item not in {"-", "–", "—"} and any(c.isalpha() for c in item):
        out.append((item, no))  # a bare number is a page number, not a name
