"""Page furniture a PDF export leaves among the report's lines: page numbers on their own
lines and running headers or footers (`Metropolis Progress Report · 7`). Found by their shape
across the whole text, so they are recognised anywhere: inside a list, between a date and its
title, right above a heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.parse.dates import match_date
from helpers.parse.text import Line, is_page_number

_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,]*\d)")
MAX_STEP = 3  # page numbers may skip a page or two (a full-page picture without a number)


@dataclass(frozen=True)
class Furniture:
    line: int
    kind: str  # page_number | running_header
    text: str
    index: int = -1  # position in the list of lines (a split line shares its line number)


# furniture the layout reader found by its place on the page, written as a comment line
MARKED = re.compile(r"^<!-- page \d+ (?P<band>header|footer): (?P<text>.*) -->$", re.MULTILINE)


def furniture_mark(page: int, band: str, text: str) -> str:
    """The line standing for a page's header or footer in the layout reader's text."""
    return f"<!-- page {page} {band}: {text.replace('-->', '−->')} -->"


def unmarked(text: str) -> str:
    """The text with each furniture line reduced to the furniture's own words."""
    return MARKED.sub(r"\g<text>", text)


_SEPARATED = re.compile(r"^#\s*[·|•–—/-]|[·|•–—/-]\s*#$")
_PAGE_WORDS = {"page", "report", "progress"}


def _template(text: str) -> tuple[str, int] | None:
    """(text with its page number replaced by #, the number) for a line shaped like a running
    header or footer: a page number at one end, set off by a separator (`… Report · 7`,
    `7 | …`) or next to a word such as "page" or "report"; never a heading such as
    `ACTION LINE 2` or a date."""
    numbers = _NUMBER.findall(text)
    if len(set(numbers)) != 1 or match_date(text, whole=False) or len(text) > 80:
        return None
    template = re.sub(r"#(?:\s+#)+", "#", _NUMBER.sub("#", text)).strip()  # `· 4 4` is `· 4`
    if template.count("#") != 1 or not (template.startswith("#") or template.endswith("#")):
        return None
    words = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", text)}
    if not (_SEPARATED.search(template) and len(words) >= 2) and not words & _PAGE_WORDS:
        return None
    return template.casefold(), int(numbers[0])


def _increasing(values: list[tuple[int, int]], min_step: int = 1) -> set[int]:
    """Keys (line positions) of the longest chain of numbers rising by min_step..MAX_STEP (page numbers
    in order; a header and a footer on one page share a number, hence min_step 0 for them)."""
    n = len(values)
    best, back = [1] * n, [-1] * n
    for i in range(n):
        for j in range(i):
            if min_step <= values[i][1] - values[j][1] <= MAX_STEP and best[j] + 1 > best[i]:
                best[i], back[i] = best[j] + 1, j
    if not n:
        return set()
    i = max(range(n), key=lambda k: (best[k], -k))
    chain = set()
    while i >= 0:
        chain.add(values[i][0])
        i = back[i]
    return chain if len(chain) >= 2 else set()


def find_furniture(
    lines: list[Line], is_heading=lambda ln: False, states_period=lambda ln: False
) -> list[Furniture]:
    """Page numbers (bare numbers rising through the text, or one right above a heading) and
    running headers (a line repeated with its page number changing, in rising order, or the
    period the cover states, `May —> August 2022`, again after the cover)."""
    out: dict[int, str] = {}  # the kind of furniture, by index in `lines`
    stated = [i for i, ln in enumerate(lines) if not ln.blank and states_period(ln)]
    for i in stated[1:]:
        out[i] = "running_header"
    for i, ln in enumerate(lines):
        if MARKED.match(ln.raw.strip()):
            out[i] = "running_header"
    groups: dict[str, list[tuple[int, int]]] = {}
    for i, ln in enumerate(lines):
        t = None if i in out else _template(ln.text)
        if t:
            groups.setdefault(t[0], []).append((i, t[1]))
    for members in groups.values():
        if len(members) >= 2:
            for i in _increasing(members, min_step=0):
                out[i] = "running_header"
    bare = [(i, ln) for i, ln in enumerate(lines) if is_page_number(ln.text)]
    chain = _increasing([(i, int(ln.text)) for i, ln in bare])
    for i, _ in bare:
        nxt = next((x for x in lines[i + 1 :] if not x.blank), None)
        if i in chain or (nxt is not None and is_heading(nxt)):
            out[i] = "page_number"
    for i in _beside_page_numbers(lines, out, is_heading):
        out[i] = "running_header"
    return [Furniture(lines[i].no, kind, lines[i].text, i) for i, kind in sorted(out.items())]


MIN_REPEATS = 3  # a line written beside this many page numbers is a running header or footer


def _beside_page_numbers(lines: list[Line], found: dict[int, str], is_heading) -> list[int]:
    """Positions of a line with no page number of its own (`Metropolis · Progress report`,
    the page number on a line of its own next to it) written, word for word, right before or
    after the page numbers found most times it is written (:func:`_mostly`): each place it is
    written. Never a top heading."""
    numbers = {i for i, kind in found.items() if kind == "page_number"}

    def beside(i: int) -> bool:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and lines[j].blank:
                j += step
            if j in numbers:
                return True
        return False

    same: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        if not ln.blank and i not in found and len(ln.text) <= 80 and not is_heading(ln):
            same.setdefault(ln.text.casefold(), []).append(i)
    # every place such a line is written: its page number may sit elsewhere on a page
    pages = len(numbers)
    return sorted(i for idxs in same.values()
                  if _mostly(sum(map(beside, idxs)), len(idxs), pages) for i in idxs)  # fmt: skip


def _mostly(beside: int, written: int, pages: int) -> bool:
    """A footer is written beside the page number on most pages: at least MIN_REPEATS times,
    beside at least half the page numbers, and beside one at least half the times it is
    written (a role such as `CO-PRESIDENCY`, written on several Board cards, is beside a page
    number now and then)."""
    return beside >= MIN_REPEATS and 2 * beside >= pages and 2 * beside >= written
