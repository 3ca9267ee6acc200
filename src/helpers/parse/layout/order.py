"""Reading order from the page geometry: a recursive XY cut.

A region is cut across (top to bottom) where a band of white space runs the whole width, and
down (left to right) where a gutter runs its whole height. Strips cut across that share a
gutter and sit close together are one set of columns (text in two columns has white space
between every pair of lines, but it is read column by column); strips further apart are read
in turn (cards in rows are read row by row). A region whose columns are a grid of short cells
or a narrow key column beside its values is a table, read row by row, cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from helpers.parse.layout.spans import Span

GUTTER = 0.8  # ems: the narrowest white space between two columns
COLUMN_STRIP_GAP = 1.6  # ems: strips further apart than this are read one after the other
KEY_WIDTH = 0.6  # a left column under this share of the right one's width is a key column


@dataclass
class Block:
    """Spans read together: `text` lines in order, or a `table` of rows of cells (each cell
    its spans in order)."""

    kind: str
    spans: list[Span] = field(default_factory=list)
    rows: list[list[list[Span]]] = field(default_factory=list)


def strips(spans: list[Span]) -> list[list[Span]]:
    """The region cut across wherever white space runs its whole width (top to bottom)."""
    out: list[list[Span]] = []
    bottom = float("-inf")
    for s in sorted(spans, key=lambda s: (s.top, s.x0)):
        tol = 0.15 * s.size
        if out and s.top < bottom - tol:
            out[-1].append(s)
            bottom = max(bottom, s.bottom)
        else:
            out.append([s])
            bottom = s.bottom
    return out


def columns(spans: list[Span], em: float) -> list[list[Span]]:
    """The region cut down wherever a gutter of GUTTER ems runs its whole height."""
    out: list[list[Span]] = []
    right = float("-inf")
    for s in sorted(spans, key=lambda s: (s.x0, s.top)):
        if out and s.x0 < right + GUTTER * em:
            out[-1].append(s)
            right = max(right, s.x1)
        else:
            out.append([s])
            right = s.x1
    return out


def _gap(a: list[Span], b: list[Span]) -> float:
    return min(s.top for s in b) - max(s.bottom for s in a)


def column_groups(cut: list[list[Span]], em: float) -> list[list[Span]]:
    """Consecutive strips that keep a common gutter and sit within COLUMN_STRIP_GAP ems of
    each other, joined: they are one set of columns."""
    groups: list[list[Span]] = [list(cut[0])]
    for strip in cut[1:]:
        prev = groups[-1]
        joined = prev + strip
        if _gap(prev, strip) <= COLUMN_STRIP_GAP * em and len(columns(joined, em)) > 1:
            groups[-1] = joined
        else:
            groups.append(list(strip))
    return groups


def _width(col: list[Span]) -> float:
    return max(s.x1 for s in col) - min(s.x0 for s in col)


def is_table(cols: list[list[Span]], em: float) -> bool:
    """Columns that are a table: three or more of them (a grid), or a narrow key column of
    short cells (a code, a label, a figure) beside wider values."""
    if len(cols) >= 3:
        return True
    left, right = cols
    short = median(len(s.words) for s in left) <= 3
    return _width(left) < KEY_WIDTH * _width(right) and short


def table_rows(spans: list[Span], cols: list[list[Span]], em: float) -> list[list[list[Span]]]:
    """A table's rows, each a list of cells (one per column, each its spans top to bottom).
    A strip with fewer cells, each under a cell of the row above and closer than the rows
    are to each other, continues that row (a name wrapped inside its cell)."""
    col_of = {id(s): k for k, col in enumerate(cols) for s in col}
    raw_rows = strips(spans)
    gaps = [_gap(a, b) for a, b in zip(raw_rows, raw_rows[1:], strict=False)]
    row_gap = median(gaps) if gaps else 0.0
    out: list[list[list[Span]]] = []
    for i, strip in enumerate(raw_rows):
        cells: list[list[Span]] = [[] for _ in cols]
        for s in sorted(strip, key=lambda s: (s.top, s.x0)):
            cells[col_of[id(s)]].append(s)
        filled = [k for k, c in enumerate(cells) if c]
        if out and i and len(filled) < len(cols) and all(out[-1][k] for k in filled):
            gap = gaps[i - 1]
            lower = all(c[0].text[:1].islower() or c[0].text[:1] in "()" for c in cells if c)
            if gap < 0.75 * row_gap or lower:
                for k in filled:
                    out[-1][k] += cells[k]
                continue
        out.append(cells)
    return out


def reading_order(spans: list[Span], em: float) -> list[Block]:
    """The blocks of a region in reading order (recursive XY cut)."""
    if len(spans) <= 1:
        return [Block("text", list(spans))]
    cut = strips(spans)
    if len(cut) > 1:
        groups = column_groups(cut, em)
        if len(groups) > 1:
            return [b for g in groups for b in reading_order(g, em)]
    cols = columns(spans, em)
    if len(cols) > 1:
        if is_table(cols, em):
            return [Block("table", rows=table_rows(spans, cols, em))]
        return [b for col in cols for b in reading_order(col, em)]
    return [Block("text", sorted(spans, key=lambda s: (s.top, s.x0)))]
