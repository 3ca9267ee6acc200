"""Words → spans: the words of one baseline that sit together, split where a gap wider than
a column gutter or a table cell's padding separates them (`Abidjan   Busan` are two spans)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from helpers.memo import once
from helpers.parse.layout.glyphs import Word

MARKERS = {"•", "▪", "◦", "●", "-", "–", "*", "\uf0b7", "\uf0a7"}  # a list item's bullet
SPAN_GAP = 0.9  # ems: a wider gap between two words on one baseline separates two spans
SAME_LINE = 0.35  # ems: words whose middles are this close sit on one baseline


@dataclass(frozen=True)
class Span:
    """Words on one baseline, left to right, with no wide gap between them (its box, size
    and text are computed once: the reading order asks for them many times)."""

    words: tuple[Word, ...]

    @once
    def x0(self) -> float:
        return self.words[0].x0

    @once
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @once
    def top(self) -> float:
        return min(w.top for w in self.words)

    @once
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @once
    def size(self) -> float:
        return median(w.size for w in self.words)

    @once
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @once
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @once
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def same_line(items: list) -> list[list]:
    """Words or spans grouped by baseline (top to bottom: middles within SAME_LINE ems of the
    median middle of the group so far), each group left to right."""
    out: list[list] = []
    middles: list[float] = []  # the last group's middles, in ascending order as they come
    for w in sorted(items, key=lambda w: (w.middle, w.x0)):
        m = w.middle
        if out and abs(m - _median_of_sorted(middles)) <= SAME_LINE * max(w.size, out[-1][0].size):
            out[-1].append(w)
            middles.append(m)
        else:
            out.append([w])
            middles = [m]
    return [sorted(r, key=lambda w: w.x0) for r in out]


def _median_of_sorted(values: list[float]) -> float:
    """statistics.median of values already in ascending order, without sorting them again."""
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped by baseline (top to bottom), each row left to right."""
    return same_line(words)


def _stretched(gaps: list[float], i: int, size: float) -> bool:
    """Gap i is a justified line's stretched space: narrower than WIDE ems and within 30% of
    the gap before or after it (a justified line stretches every space alike; a table's or
    two columns' gutters stand out among ordinary spaces)."""
    near = [gaps[j] for j in (i - 1, i + 1) if 0 <= j < len(gaps)]
    return gaps[i] < WIDE * size and any(abs(g - gaps[i]) <= 0.3 * gaps[i] for g in near)


_NUMBER = re.compile(r"\d{1,2}[.)]")  # a numbered list's number: `3.`, `12)`


def _opens(word: Word, span: list[Word]) -> bool:
    """A list's bullet or number that opens its span, alone in it so far: `• Rabat`, not
    `México -`."""
    return (word.text in MARKERS or bool(_NUMBER.fullmatch(word.text))) and span == [word]


def split_row(row: list[Word], cuts: Sequence[float] = ()) -> list[Span]:
    """One row's spans: a new span where the gap between two words is wider than SPAN_GAP
    ems (but for a justified line's stretched spaces, or after a list's bullet or number set
    in its hanging indent), or where a box's edge (an x in `cuts`) runs between them."""
    gaps = [w.x0 - prev.x1 for prev, w in zip(row, row[1:], strict=False)]
    spans: list[list[Word]] = [[row[0]]]
    for i, (prev, w) in enumerate(zip(row, row[1:], strict=False)):
        size = max(prev.size, w.size)
        same = prev.bold == w.bold and abs(prev.size - w.size) < 0.5
        wide = (
            gaps[i] > SPAN_GAP * size
            and not (same and _stretched(gaps, i, size))
            and not _opens(prev, spans[-1])
        )
        if wide or any(prev.x1 <= x <= w.x0 for x in cuts):
            spans.append([w])
        else:
            spans[-1].append(w)
    return [Span(tuple(s)) for s in spans]


WIDE = 3.0  # ems: a gap this wide is never a justified line's stretched space
ALIGNED = 3  # spans starting at one x after a wide gap in this many rows mark a table column
NEAR = 4  # rows above and below a row that show its table's column edges


def column_starts(spans_by_row: list[list[Span]]) -> list[float]:
    """The x where ALIGNED or more rows start a span after a wide gap: a table column's edge
    (its cells are left-aligned even where a long name leaves a narrow gap before it)."""
    counts: dict[int, int] = {}
    for row in spans_by_row:
        for s in row[1:]:
            counts[round(s.x0)] = counts.get(round(s.x0), 0) + 1
    return sorted(x for x in counts if sum(counts.get(x + d, 0) for d in (-1, 0, 1)) >= ALIGNED)


def _split_at(span: Span, starts: list[float]) -> list[Span]:
    """A span cut before each word that starts at a table column's edge."""
    out: list[list[Word]] = [[span.words[0]]]
    for prev, w in zip(span.words, span.words[1:], strict=False):
        at_edge = any(abs(w.x0 - x) <= 1.0 for x in starts)
        if at_edge and w.x0 - prev.x1 >= 0.15 * w.size:
            out.append([w])
        else:
            out[-1].append(w)
    return [Span(tuple(ws)) for ws in out]


def page_spans(words: list[Word], rects: Sequence = ()) -> list[Span]:
    """Every span of a page: split at wide gaps (but for a justified line's stretched spaces)
    and at the edges of the boxes drawn across the row (`rects`: evenly set figures in a row of
    cards are not one justified line), then, in rows that a wide gap splits (table rows), at
    the edges of table columns."""
    by_row = []
    for r in rows(words):
        middle = median(w.middle for w in r)
        edges = [x for b in rects if b.top <= middle <= b.bottom for x in (b.x0, b.x1)]
        by_row.append(split_row(r, edges))
    out: list[Span] = []
    for i, row in enumerate(by_row):
        around = by_row[max(0, i - NEAR) : i + NEAR + 1]
        if len(row) == 1:
            others = by_row[max(0, i - NEAR) : i] + by_row[i + 1 : i + NEAR + 1]
            out += _split_at_gutter(row[0], others)
            continue
        # the table's own edges: aligned in the rows around, not anywhere on the page (the
        # next card's left edge under a table does not cut `Buenos Aires` in two)
        starts = column_starts(around)
        out += [piece for s in row for piece in _split_at(s, starts)]
    return out


def _split_at_gutter(span: Span, around: list[list[Span]]) -> list[Span]:
    """A span cut where it crosses a gutter of the rows `around` it (not its own): before a word that starts
    a column there (column_starts), after a gap that holds the whole white band every row
    around leaves between that column and the one before (two columns of justified text
    whose left line stretches its spaces as wide as the gutter: `… Metropolis in its` /
    `The 8th Cohesion Forum …`). A line across the columns has words in that band."""
    starts = column_starts(around)
    if not starts:
        return [span]
    out: list[list[Word]] = [[span.words[0]]]
    for prev, w in zip(span.words, span.words[1:], strict=False):
        x = next((x for x in starts if abs(w.x0 - x) <= 1.0), None)
        if x is not None and _white_band(around, prev.x1, w.x0, x):
            out.append([w])
        else:
            out[-1].append(w)
    return [Span(tuple(ws)) for ws in out]


def _white_band(around: list[list[Span]], lo: float, hi: float, start: float) -> bool:
    """Whether the gap (lo, hi) holds the gutter of the rows around: ALIGNED of them or more
    start a span at `start`, none has a span across the white band before it, and the gap
    opens where their spans before the band end (at most 1.5 pt further right)."""
    split = [r for r in around if any(abs(s.x0 - start) <= 1.0 for s in r)]
    if len(split) < ALIGNED or any(s.x0 < start - 1.0 < s.x1 for r in around for s in r):
        return False
    edge = max((s.x1 for r in split for s in r if s.x1 <= start), default=None)
    return edge is not None and lo <= edge + 1.5 and hi - edge > 3.0
