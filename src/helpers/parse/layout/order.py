"""Reading order from the page geometry: a recursive XY cut.

A region is cut across (top to bottom) where a band of white space runs the whole width, and
down (left to right) where a gutter runs its whole height. Strips cut across that share a
gutter and sit close together are one set of columns (text in two columns has white space
between every pair of lines, but it is read column by column); strips further apart are read
in turn (cards in rows are read row by row). A region whose columns are a grid of short cells
or a narrow key column beside its values is a table, read row by row, cell by cell.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from helpers.parse.dates import match_date
from helpers.parse.layout.boxes import SLACK, Rect, contents, inner
from helpers.parse.layout.glyphs import Word
from helpers.parse.layout.spans import ALIGNED, Span, same_line
from helpers.parse.text import is_upper

GUTTER = 0.8  # ems: the narrowest white space between two columns
COLUMN_STRIP_GAP = 4.0  # ems: strips further apart than this are read one after the other
HEADING = 1.3  # a line this many times the body size or larger is a heading
KEY_WIDTH = 0.6  # a left column under this share of the right one's width is a key column
SIDE = 1.5  # a gutter this many times wider than the others sets a side column apart
CELL_GAP = 0.5  # ems: lines of one table column closer than this are one cell
ROW_ALIGN = 0.6  # ems: cells whose tops are this close are in one row
PITCH = 0.5  # ems: a grid's columns start this evenly spaced


@dataclass
class Block:
    """Spans read together: `text` lines in order, or a `table` of rows of cells (each cell
    its spans in order)."""

    kind: str
    spans: list[Span] = field(default_factory=list)
    rows: list[list[list[Span]]] = field(default_factory=list)
    right: float = math.inf  # where the text's column ends (a line wraps short of it)
    rights: list[float] = field(default_factory=list)  # the same for each column of a table
    # the first or last block of a box drawn on the page (its text read apart from around it)
    opens_box: bool = False
    closes_box: bool = False


def _sweep(spans: list[Span], axis: str, slack) -> list[list[Span]]:
    """Spans in runs along one axis (`y` top to bottom, `x` left to right): a span that starts
    before the run so far ends, plus `slack(span)` points, joins the run."""
    lo, hi = ("top", "bottom") if axis == "y" else ("x0", "x1")
    other = "x0" if axis == "y" else "top"
    runs: list[list[Span]] = []
    reach = float("-inf")
    for s in sorted(spans, key=lambda s: (getattr(s, lo), getattr(s, other))):
        if runs and getattr(s, lo) < reach + slack(s):
            runs[-1].append(s)
            reach = max(reach, getattr(s, hi))
        else:
            runs.append([s])
            reach = getattr(s, hi)
    return runs


def strips(spans: list[Span]) -> list[list[Span]]:
    """The region cut across wherever white space runs its whole width (top to bottom); lines
    overlapping by less than 0.15 of their size are apart."""
    return _sweep(spans, "y", lambda s: -0.15 * s.size)


def columns(spans: list[Span], em: float, *, edges: bool = True) -> list[list[Span]]:
    """The region cut down wherever a gutter runs its whole height: GUTTER ems of white
    space, or (`edges`) any space before an edge where ALIGNED spans or more start (a table
    column whose long wrapped name nearly touches the next one)."""
    if not edges:
        return _sweep(spans, "x", lambda s: GUTTER * em)
    starts = Counter(round(s.x0) for s in spans)
    aligned = {x for x in starts if sum(starts.get(x + d, 0) for d in (-1, 0, 1)) >= ALIGNED}
    return _sweep(spans, "x", lambda s: (0.0 if round(s.x0) in aligned else GUTTER) * em)


def _boxes_in(col: list[Span]) -> bool:
    return any(_box_of(w) is not None for s in col for w in s.words)


def side_cut(cols: list[list[Span]]) -> int | None:
    """Where a side column comes off first, as the index of the column after it: the one
    column at either end that holds boxes (cards of focal points beside the roster's table,
    whose columns hold none), or the one gutter SIDE times wider than every other."""
    if len(cols) >= 3:
        boxed = [_boxes_in(col) for col in cols]
        if boxed[-1] and not any(boxed[:-1]):
            return len(cols) - 1
        if boxed[0] and not any(boxed[1:]):
            return 1
    if len(cols) < 4:  # a side column beside a table of three columns or more
        return None
    gaps = [
        min(s.x0 for s in b) - max(s.x1 for s in a) for a, b in zip(cols, cols[1:], strict=False)
    ]
    widest = max(gaps)
    k = gaps.index(widest)
    if all(widest >= SIDE * g for i, g in enumerate(gaps) if i != k):
        return k + 1
    return None


def _gap(a: list[Span], b: list[Span]) -> float:
    return min(s.top for s in b) - max(s.bottom for s in a)


def is_heading(strip: list[Span], em: float) -> bool:
    """One line set HEADING times the body size or larger: a section's heading."""
    return len(same_line(strip)) == 1 and all(s.size >= HEADING * em for s in strip)


def _bold_line(strip: list[Span]) -> bool:
    """A strip that is one bold span: a heading or a label."""
    return len(strip) == 1 and strip[0].bold


def column_groups(cut: list[list[Span]], em: float) -> list[list[Span]]:
    """Consecutive strips that are one set of columns, joined (read column by column even
    where both columns leave white space at one height): within COLUMN_STRIP_GAP ems of each
    other, neither a heading (a heading ends the columns above it), and together keeping
    the columns of both (none merged: no line crosses a gutter of the other). A bold line
    last joined to columns that the next strip does not continue heads that strip instead
    (`Focal Points` under a roster's table, over its own cards); a line that heads a strip so
    is not taken from it again."""
    groups: list[list[list[Span]]] = [[cut[0]]]
    prev = list(cut[0])  # the spans of the last group so far, in order
    prev_cols = columns(prev, em)
    continued = False  # whether the last strip was joined to the columns above it
    for strip in cut[1:]:
        joined, strip_cols = columns(prev + strip, em), columns(strip, em)
        fits = (
            len(joined) == max(len(prev_cols), len(strip_cols)) > 1
            and _gap(prev, strip) <= COLUMN_STRIP_GAP * em
            and not merges(joined, prev_cols, strip_cols)
            and not _apart(groups[-1][-1], prev, strip, em)
        )
        if fits:
            groups[-1].append(strip)
            prev, prev_cols = prev + strip, joined  # the columns of the group as it now is
            continued = True
            continue
        if continued and _bold_line(groups[-1][-1]):
            groups.append([groups[-1].pop(), strip])
            prev = [s for st in groups[-1] for s in st]
            prev_cols = columns(prev, em)
        else:
            groups.append([strip])
            prev, prev_cols = list(strip), strip_cols
        continued = False
    return [[s for st in g for s in st] for g in groups]


def _apart(last: list[Span], prev: list[Span], strip: list[Span], em: float) -> bool:
    """Whether `strip` is read apart from the columns above it (`prev`, whose last strip is
    `last`) though their columns fit: see ``column_groups``."""
    return (
        is_heading(prev, em) or is_heading(strip, em) or _aside_ends(last, prev)
        or (_bold_line(strip) and _cards(last))  # a heading over the next cards
        or card_rows(last, strip, em)  # a grid of cards: row after row
        # rows of shaded keys and their values are a table of their own, not columns
        # with the prose above (a paragraph's short last line fits in the key column)
        or (_keyed_row(strip) is None) != (_keyed_row(last) is None)
    )  # fmt: skip


def merges(joined: list[list[Span]], *parts: list[list[Span]]) -> bool:
    """Whether a column of `joined` (the columns of several regions together) holds spans of
    two columns of one region: a line of one runs across a gutter of the other."""
    for cols in parts:
        col_of = {id(s): k for k, col in enumerate(cols) for s in col}
        if any(len({col_of[id(s)] for s in col if id(s) in col_of}) > 1 for col in joined):
            return True
    return False


def _width(col: list[Span]) -> float:
    return max(s.x1 for s in col) - min(s.x0 for s in col)


def is_table(cols: list[list[Span]]) -> bool:
    """Columns that are a table: two lines or more with a cell in two columns or more, and
    three columns or more (a grid) or a narrow key column of short cells (a code, a label, a
    figure) beside wider values. (One line whose justified spaces look like gutters is not.)"""
    if len(cols) == 2 and len(cols[0]) >= 2 and all(_boxes_in([s]) for s in cols[0]):
        # shaded key cells, each with its value starting level with its top
        return all(any(k.top <= v.top < k.bottom for v in cols[1]) for k in cols[0])
    col_of = {id(s): k for k, col in enumerate(cols) for s in col}
    lines = same_line([s for col in cols for s in col])
    if sum(len({col_of[id(s)] for s in line}) >= 2 for line in lines) < 2:
        return False
    if len(cols) >= 3:
        return True
    left, right = cols
    short = median(len(s.words) for s in left) <= 3
    return _width(left) < KEY_WIDTH * _width(right) and short


def cells(col: list[Span], em: float) -> list[list[Span]]:
    """A table column's cells: runs of lines closer than CELL_GAP ems (a name wrapped in its
    cell, a card's role, name and office), top to bottom."""
    out: list[list[Span]] = []
    for s in sorted(col, key=lambda s: (s.top, s.x0)):
        if out and _boxes_in([s, *out[-1]]):  # a box is a cell of its own, touching or not
            out.append([s])
        elif out and s.top - max(x.bottom for x in out[-1]) <= CELL_GAP * em:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def table_rows(cols: list[list[Span]], em: float) -> list[list[list[Span]]]:
    """A table's rows: cells whose tops are level (within ROW_ALIGN ems) share a row; each row
    holds one cell per column (empty where the column has none), rows top to bottom."""
    by_col = [cells(col, em) for col in cols]
    # a box's top (a shaded key cell) starts a row in every column: a value cell that runs
    # over it is two cells
    edges = sorted(c[0].top for col in by_col for c in col if _boxes_in(c))
    found = sorted(
        ((c[0].top, k, c) for k, col in enumerate(by_col) for cell in col
         for c in _split_cell(cell, edges, em)),
        key=lambda t: (t[0], t[1]),
    )  # fmt: skip
    out: list[list[list[Span]]] = []
    row_top = float("-inf")
    for top, k, cell in found:
        if not out or top - row_top > ROW_ALIGN * em or out[-1][k]:
            out.append([[] for _ in cols])
            row_top = top
        out[-1][k] = cell
    return out


def flows(rows: list[list[list[Span]]]) -> bool:
    """Whether a grid's columns are text flowing down each column (CSS columns: a month's
    heading and its items, each item as tall as its text), not rows of cells: three columns
    or more, and a row with one cell only that a row below it with a cell in another column
    follows (a row of a table holds a cell in each column that has one, but its last)."""
    if not rows or len(rows[0]) < 3:
        return False
    alone = [i for i, row in enumerate(rows) if sum(bool(c) for c in row) == 1]
    return any(
        sum(bool(c) for c in below) >= 1
        and any(c and not rows[i][k] for k, c in enumerate(below))
        for i in alone for below in rows[i + 1 :]
    )  # fmt: skip


def _split_cell(cell: list[Span], edges: list[float], em: float) -> list[list[Span]]:
    """A cell cut before each line that starts at or below a row edge its line above is
    above (ROW_ALIGN ems of slack)."""
    out = [[cell[0]]]
    for prev, s in zip(cell, cell[1:], strict=False):
        if any(prev.top + ROW_ALIGN * em < e <= s.top + ROW_ALIGN * em for e in edges):
            out.append([s])
        else:
            out[-1].append(s)
    return out


def _moved(span: Span, x0: float, bottom: float) -> Span:
    """The span's words moved so that it starts at x0 and ends just above `bottom`."""
    dx, dy = x0 - span.x0, bottom - span.bottom
    return Span(
        tuple(
            Word(w.text, w.x0 + dx, w.top + dy, w.x1 + dx, w.bottom + dy, w.size, w.bold)
            for w in span.words
        )
    )


def _below(span: Span, spans: list[Span]) -> Span | None:
    """The nearest span under `span` that shares some of its width, within two lines."""
    under = [
        t
        for t in spans
        if t.top >= span.bottom - 0.1 * span.size
        and t.top - span.bottom <= 2 * span.size
        and t.x0 < span.x1
        and t.x1 > span.x0
    ]
    return min(under, key=lambda t: t.top) if under else None


def _stacked(span: Span, spans: list[Span]) -> Span | None:
    """The line right under `span` (within half a line), centred under it: a badge's date
    broken over two lines (`21` / `September`), else None."""
    under = _below(span, spans)
    if under is None or under.top - span.bottom > 0.5 * span.size:
        return None
    centred = abs((under.x0 + under.x1) / 2 - (span.x0 + span.x1) / 2) <= 0.5 * span.size
    return under if centred else None


_DATE_START = re.compile(r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


def _may_start_date(span: Span) -> bool:
    """Whether `span` could be the first line of a date broken over two (a few words, with a
    day or a month in them): only then is the line under it looked for."""
    return len(span.words) <= 4 and bool(_DATE_START.search(span.text))


def _one_line(words: list[Word], x0: float, bottom: float) -> Span:
    """The words set on one line from x0, ending just above `bottom`, a space apart."""
    out: list[Word] = []
    for w in words:
        left = out[-1].x1 + 0.25 * w.size if out else x0
        top = bottom - (w.bottom - w.top)
        out.append(Word(w.text, left, top, left + w.x1 - w.x0, bottom, w.size, w.bold))
    return Span(tuple(out))


def badges_first(spans: list[Span]) -> list[Span]:
    """A date set as a badge level with a title, to its right (`UCLG-MEWA RETREAT  15–16
    February`, or over two lines centred one over the other, `21` / `September`), is read
    before the title, as a date line above it would be. A date with an upper-case title under
    it, flush with it, starts an activity of its own column (two-column text) and stays where
    it is."""
    out: list[Span | None] = list(spans)
    for i, first in enumerate(spans):
        if out[i] is None:
            continue
        second = (
            None
            if match_date(first.text) or not _may_start_date(first)
            else (_stacked(first, spans))
        )
        badge = first if second is None else Span(first.words + second.words)
        if len(badge.words) > 5 or not match_date(badge.text):
            continue
        last = second or first
        x0 = min(first.x0, last.x0)
        middle = (first.top + last.bottom) / 2
        under = _below(last, spans)
        if under is not None and is_upper(under.text) and abs(under.x0 - x0) <= badge.size:
            continue  # the date heads the title set under it, flush with it
        level = [
            t
            for t in spans
            if t is not first
            and t is not second
            and t.x1 <= x0
            and t.top - 0.5 * t.size <= middle <= t.bottom + 0.5 * t.size
            and not match_date(t.text, whole=False)
            and (t.bold or is_upper(t.text))  # a title, not the other column's prose
        ]
        if level:
            # the title nearest on its left (not a bold label of the column before)
            title = max(level, key=lambda t: (t.x1, -t.top))
            if second is None:
                out[i] = _moved(badge, title.x0, title.top - 0.05 * title.size)
            else:
                out[i] = _one_line(list(badge.words), title.x0, title.top - 0.05 * title.size)
                out[next(j for j, t in enumerate(spans) if t is second)] = None
    return [s for s in out if s is not None]


def _cards(strip: list[Span]) -> bool:
    """A strip that is a row of boxes of several lines each (cards, not one-line bands)."""
    return all(_box_of(s.words[0]) is not None and s.bottom - s.top >= 2.5 * s.size for s in strip)


def card_rows(above: list[Span], strip: list[Span], em: float) -> bool:
    """Two strips that are rows of one grid of cards, read row by row: above, two cards or
    more side by side, level (tops within ROW_ALIGN ems); under them, cards level with one
    another, each starting where a card above does (a last row may hold one card)."""

    def level(row: list[Span]) -> bool:
        return _cards(row) and max(s.top for s in row) - min(s.top for s in row) <= ROW_ALIGN * em

    if len(above) < 2 or not level(above) or not level(strip):
        return False
    return all(any(abs(s.x0 - a.x0) <= SLACK for a in above) for s in strip)


def _aside_ends(strip: list[Span], above: Sequence[Span] = ()) -> bool:
    """A strip of text with a box beside it (an activity's labels beside its description):
    the text and its box are read together, and the strips below are not their columns. A
    box under text of its own column (`above`: the strips joined so far; two-column text
    whose right column ends its activity with a box level with the left one's prose) is
    not beside the text but in a column of its own."""
    boxes = [s for s in strip if _box_of(s.words[0]) is not None]
    text = [s for s in strip if s not in boxes]
    if not text or len(_sweep(text, "x", lambda s: 0)) != 1:
        return False  # one column of prose, not a table's rows beside cards
    top = min(s.top for s in text)
    # a box of lines (not a one-line heading's band) that starts level with the text (one
    # row of a table), not half-way down the other column
    return any(
        _beside_text(b, text) and abs(b.top - top) <= 1.5 * b.size
        and b.bottom - b.top >= 2.5 * b.size and not _text_over(b, above)
        for b in boxes
    )  # fmt: skip


def _text_over(box: Span, spans: Sequence[Span]) -> bool:
    """Whether a line of text (not a box) sits over `box` within its width: the box ends a
    column of text."""
    return any(
        _box_of(s.words[0]) is None and s.bottom <= box.top and s.x0 < box.x1 and s.x1 > box.x0
        for s in spans
    )


def lines_of(spans: list[Span]) -> list[Span]:
    """A region no gutter cuts, as its lines top to bottom: the spans of one baseline (a wide
    gap or a taller glyph between them, `PAGE 4  →  ACTIVITIES`) are one line."""
    return [Span(tuple(w for s in row for w in s.words)) for row in same_line(spans)]


def _rights(
    cols: list[list[Span]], right: float, em: float | None = None, *, flowing: bool = False
) -> list[float]:
    """Where each of side-by-side columns ends: at the next one's start, the last at `right`;
    for text columns (`em` given), at the edge three lines or more run to, where they do (a
    column of prose ends a gutter short of the next one); for columns that text flows down
    (`flowing`), in any case a gutter short of the next one: the narrowest white between two
    of them (the tightest column's longest line ends at its edge)."""
    out = [min(s.x0 for s in nxt) for nxt in cols[1:]] + [right]
    if flowing:
        gutter = min(out[k] - max(s.x1 for s in col) for k, col in enumerate(cols[:-1]))
        out[:-1] = [x - gutter + 0.2 * (em or 0.0) for x in out[:-1]]
    if em is not None:
        for k, col in enumerate(cols):
            edge = max(s.x1 for s in col)
            if sum(s.x1 >= edge - 0.5 * em for s in col) >= 3:
                out[k] = min(out[k], edge + 0.2 * em)
    return out


def reading_order(
    spans: list[Span],
    em: float,
    right: float | None = None,
    rects: Sequence[Rect] = (),
    *,
    boxed: bool = False,
) -> list[Block]:
    """The blocks of a region in reading order (recursive XY cut); `right` is where the
    region's text may run to (the page's text edge at the top). The text inside each of the
    boxes `rects` drawn on the page is read as one piece: the cut goes round the box (see
    helpers.parse.layout.boxes), and its text comes in its place. Inside a box (`boxed`: a
    card), a box beside the card's text is an aside, read after all of that text."""
    units = contents(spans, list(rects))
    # a box around the whole region: the region is a card
    boxed = boxed or any(all(r.holds(s) for s in spans) for r in rects)
    if not units:
        return _cut(spans, em, right)
    inside = {id(s) for _, held in units for s in held}
    loose = [s for s in spans if id(s) not in inside]
    stand_ins = [_stand_in(k, rect, held) for k, (rect, held) in enumerate(units)]
    aside = [s for s in stand_ins if boxed and _beside_text(s, loose)]
    rest = [s for s in stand_ins if s not in aside]
    blocks = _cut(loose + rest, em, right) + [b for s in aside for b in _cut([s], em, right)]
    read = [
        reading_order(held, em, rect.x1 - (min(s.x0 for s in held) - rect.x0),
                      inner(rect, rects), boxed=True)
        for rect, held in units
    ]  # fmt: skip
    return _expand(blocks, read)


def _beside_text(box: Span, spans: list[Span]) -> bool:
    """A box set to the right of text level with it: an aside (an activity card's labels
    beside its description, which may go on under the box), read after the text."""
    return any(s.x1 <= box.x0 and s.top < box.bottom and s.bottom > box.top for s in spans)


BOX = "\x00box"  # a stand-in word for a box's text while the page around it is cut


def _stand_in(k: int, rect: Rect, held: list[Span]) -> Span:
    """One word covering box `k`, the size of the text inside."""
    return Span((Word(f"{BOX}{k}", rect.x0, rect.top, rect.x1, rect.bottom,
                      median(s.size for s in held)),))  # fmt: skip


def _box_of(w: Word) -> int | None:
    return int(w.text[len(BOX) :]) if w.text.startswith(BOX) else None


def _pieces(span: Span, read: list[list[Block]]) -> list[Span | list[Block]]:
    """A line split at the stand-ins it holds: its words before, a box's blocks, after (a
    box of one line stays in the line)."""
    out: list[Span | list[Block]] = []
    run: list[Word] = []
    for w in span.words:
        k = _box_of(w)
        if k is None:
            run.append(w)
            continue
        if _key_cell(span, w, read[k]):
            run += read[k][0].spans[0].words
            continue
        if run:
            out.append(Span(tuple(run)))
            run = []
        out.append(read[k])
    if run:
        out.append(Span(tuple(run)))
    return out


def _key_cell(line: Span, w: Word, blocks: list[Block]) -> bool:
    """A box that opens a line with a short key of one line (`1.1`, a shaded key cell): it
    stays in the line, before the value."""
    one = len(blocks) == 1 and len(blocks[0].spans) == 1
    return one and line.words[0] is w and len(line.words) > 1 and len(blocks[0].spans[0].words) <= 2


def _lines(blocks: list[Block]) -> list[Span]:
    """A box's lines in order (its tables' cells row by row), for a table cell."""
    return [s for b in blocks for s in (b.spans or [x for row in b.rows for c in row for x in c])]


def _expand(blocks: list[Block], read: list[list[Block]]) -> list[Block]:
    """``blocks`` with each stand-in replaced by its box's blocks (the first and last marked,
    see ``Block``): in a
    text block, the lines around it become blocks of their own; in a table cell, the box's
    lines take its place."""
    out: list[Block] = []
    for b in blocks:
        if b.kind == "table":
            b.rows = [[[x for s in cell for p in _pieces(s, read)
                        for x in ([p] if isinstance(p, Span) else _lines(p))] for cell in row]
                      for row in b.rows]  # fmt: skip
            out.append(b)
            continue
        cur = Block("text", right=b.right)
        for s in b.spans:
            for p in _pieces(s, read):
                if isinstance(p, Span):
                    cur.spans.append(p)
                    continue
                if cur.spans:
                    out.append(cur)
                    cur = Block("text", right=b.right)
                if p:
                    p[0].opens_box = p[-1].closes_box = True
                out += p
        if cur.spans:
            out.append(cur)
    return out


def _cut(spans: list[Span], em: float, right: float | None = None) -> list[Block]:
    """``reading_order`` of a region with no box in it."""
    if right is None:
        right = max((s.x1 for s in spans), default=math.inf)
    if len(spans) <= 1:
        return [Block("text", list(spans), right=right)]
    cols = columns(spans, em, edges=False)
    # a grid of cards under their headings: not two frames of text
    cards = all(_cards([s]) or s.bold for s in spans)
    aside = len(cols) > 1 and boxes_aside(spans, cols)
    if aside:
        # the text beside a column of side boxes ends where its lines do (a wrapped line
        # there goes on), not past the boxes
        right = min(right, _rights(cols, right, em)[-2])
    elif (
        len(cols) > 1
        and len(same_line(spans)) > 1
        and not cards
        and not any(is_table(c) for c in (cols, columns(spans, em)))
        and not grid_across(spans, cols, em)
    ):
        # a white gutter through the whole region (two frames of text): cut there first, so
        # that a table inside one column is not read across the other
        return [b for col, r in zip(cols, _rights(cols, right, em), strict=True)
                for b in reading_order(col, em, r)]  # fmt: skip
    cut = strips(spans)
    if len(cut) > 1:
        groups = column_groups(cut, em)
        if len(groups) > 1:
            return [b for g in groups for b in reading_order(g, em, right)]
    cols = columns(spans, em)
    side = side_cut(cols)
    if side is not None:
        parts = [[s for col in part for s in col] for part in (cols[:side], cols[side:])]
        return [b for part, r in zip(parts, _rights(parts, right), strict=True)
                for b in reading_order(part, em, r)]  # fmt: skip
    if len(cols) > 1 and len(same_line(spans)) > 1:  # one line is never a table (justified words)
        flowing = False
        if is_table(cols):
            rows = table_rows(cols, em)
            flowing = flows(rows)
            if not flowing:
                return [Block("table", rows=rows, rights=_rights(cols, right))]
        return [b for col, r in zip(cols, _rights(cols, right, em, flowing=flowing), strict=True)
                for b in reading_order(col, em, r)]  # fmt: skip
    keyed = _keyed_row(spans)
    if keyed is not None:
        return [Block("table", rows=[keyed], rights=[keyed[1][0].x0, right])]
    return [Block("text", lines_of(spans), right=right)]


def grid_across(spans: list[Span], cols: list[list[Span]], em: float) -> bool:
    """Whether two lines or more (or one row of boxes, tiles that hold lines of their own) are
    rows of one grid that runs across the gutters of `cols`: three cells or more, in two of
    the columns or more, starting at evenly spaced x (PITCH ems apart at most from the median
    step: a roster of equal columns, whose gaps between names leave a gutter that two frames
    of text would leave too)."""
    col_of = {id(s): k for k, col in enumerate(cols) for s in col}
    found = 0
    for line in same_line(spans):
        if len(line) < 3 or len({col_of[id(s)] for s in line}) < 2:
            continue
        steps = [b.x0 - a.x0 for a, b in zip(line, line[1:], strict=False)]
        mid = median(steps)
        if all(abs(step - mid) <= PITCH * em for step in steps):
            found += 2 if all(_box_of(s.words[0]) is not None for s in line) else 1
    return found >= 2


def boxes_aside(spans: list[Span], cols: list[list[Span]]) -> bool:
    """Whether the last of `cols` holds boxes only, and a white band runs across the whole
    region outside them: side boxes, each beside the text it goes with (an activity's labels
    beside its description), not a frame of its own read after all the text."""
    return all(_box_of(s.words[0]) is not None for s in cols[-1]) and len(strips(spans)) > 1


def _keyed_row(spans: list[Span]) -> list[list[Span]] | None:
    """A box with text beside it on its right, starting within it (a shaded key cell of
    several lines, `Metropolitan` / `challenges:`, and its value): one table row, key and
    value, else None."""
    boxes = [s for s in spans if _box_of(s.words[0]) is not None]
    if len(boxes) != 1:
        return None
    key = boxes[0]
    rest = [s for s in spans if s is not key]
    near = key.x1 + 2 * key.size  # the value's cell is the next one, not the next column
    if not rest or not all(key.x1 <= s.x0 <= near and key.top <= s.top < key.bottom for s in rest):
        return None
    return [[key], sorted(rest, key=lambda s: (s.top, s.x0))]
