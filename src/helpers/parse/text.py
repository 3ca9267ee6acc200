"""Reading an exported report: normalised lines that keep their source line number,
blocks (runs of non-blank lines) and list items (bullets, pipe tables, comma lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\u3000": " "}
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦+]|\d+[.)])\s+")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Line:
    """One line of the report: `no` is 1-based in the original file."""

    no: int
    raw: str
    text: str

    @property
    def bold(self) -> bool:
        return "**" in self.raw or "__" in self.raw

    @property
    def is_bullet(self) -> bool:
        return bool(_BULLET.match(self.raw.replace("**", "")))

    @property
    def item(self) -> str:
        """The text without a leading bullet marker."""
        return _BULLET.sub("", self.text).strip()


def clean(raw: str) -> str:
    """Markdown emphasis, heading marks, links and escapes removed; spaces collapsed."""
    s = _LINK.sub(r"\1", raw)
    s = re.sub(r"^\s*#{1,6}\s+", "", s)
    s = _EMPHASIS.sub("", s).replace("\\", "")
    return _WS.sub(" ", s).strip()


def normalise_text(text: str) -> str:
    """CRLF/CR to LF, exotic spaces to plain ones, invisible characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for k, v in _SPACES.items():
        text = text.replace(k, v)
    return _INVISIBLE.sub("", text)


def read_lines(text: str) -> list[Line]:
    """Every line of the report, normalised, numbered from 1."""
    return [
        Line(i, raw.rstrip(), clean(raw))
        for i, raw in enumerate(normalise_text(text).split("\n"), 1)
    ]


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines (a line with only markup or spaces is blank)."""
    out: list[list[Line]] = []
    cur: list[Line] = []
    for line in lines:
        if cur and line.no != cur[-1].no + 1:  # a gap: blank lines were dropped upstream
            out.append(cur)
            cur = []
        if line.text:
            cur.append(line)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def joined(block: list[Line]) -> str:
    return " ".join(line.text for line in block).strip()


def heading_key(text: str) -> str:
    """Comparable form of a heading: upper case, `&` → AND, hyphens and colons dropped."""
    s = clean(text).upper().replace("&", " AND ")
    s = re.sub(r"[-–—:.]", " ", s)
    return _WS.sub(" ", s).strip()


def is_upper(text: str) -> bool:
    """True when every letter is upper case (and there is at least one)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_page_number(text: str) -> bool:
    """A line holding only a short number: a page number left by the PDF export."""
    return text.strip().isdigit() and len(text.strip()) <= 3


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


def split_items(lines: list[Line]) -> list[tuple[str, int]]:
    """List items with their source line: bullets, pipe-table cells or comma lists."""
    out: list[tuple[str, int]] = []
    for line in lines:
        text = line.item
        if "|" in text:
            cells = [c for c in text.split("|")]
            if all(re.fullmatch(r"\s*:?-{2,}:?\s*", c) or not c.strip() for c in cells):
                continue  # |---|---| separator row
            pieces = cells
        else:
            pieces = split_outside_parens(text)
        for piece in pieces:
            item = _WS.sub(" ", piece).strip().strip(" ,;.·•*").strip()
            item = _BULLET.sub("", item).strip()
            if item and item not in {"-", "–", "—"} and any(c.isalpha() for c in item):
                out.append((item, line.no))  # a bare number is a page number, not a name
    return out
