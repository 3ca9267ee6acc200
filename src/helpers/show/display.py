"""The only ways an analysis notebook shows data: every value is HTML-escaped.

Text read from a report is data, never markup: an activity titled
``<script>alert(1)</script>`` must reach the rendered report as those characters. DataFrame
reprs escape, but ``df.style``, ``IPython.display.Markdown`` and markdown cells do not, so the
notebooks show everything through these functions:

- :func:`show_table` — a table (class ``sortable``: the HTML report sorts it on a header click),
  dates as ``15 Feb 2022``, missing values as ``—``, optional highlighted rows;
- :func:`say` — a sentence or short paragraph from a trusted template whose ``{fields}`` are
  filled with escaped values (``**bold**``, ``*italic*``, `` `code` `` and ``- `` lists allowed
  in the template only);
- :func:`note` — the same, shown as a highlighted note;
- :func:`explain` — one sentence computed from the data (e.g. ``interpret_*``), escaped as is;
- :func:`show_figure` — a matplotlib figure as an embedded PNG with an escaped title and
  interpretation;
- :func:`show_map` — the roster on a world map (inline SVG, one member optionally highlighted);
- :func:`headline_cards` — a row of big figures;
- :func:`show_facts` — a two-column list of labels and values (e.g. provenance);
- :func:`show_findings` — quality findings grouped by what to do, each with the report's
  text around its line (:func:`excerpt_html`); :func:`show_info_findings` — the findings for
  information only, folded into one counted line;
- :func:`record` — no visible output: stores figures in the executed notebook for
  ``reports/<period>/summary.json`` and ``reports/index.html``.

Each ``show_*`` function displays its output and returns None; the ``*_html`` functions return
the HTML string (for tests and for other HTML builders).
"""

from __future__ import annotations

import base64
import io
import math
import re
import string
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from helpers.show.values import (
    NA_TEXT,
    Format,
    esc,
    format_value,
    is_bool,
    is_na,
    json_safe,
    sort_key,
)

# Inline layout for JupyterLab, where the report's stylesheet is absent (the report adds colour).
_STYLE_HIGHLIGHT = "background:#fff4d6"
_STYLE_CARDS = "display:flex;flex-wrap:wrap;gap:0.8rem;margin:0.8rem 0"
_STYLE_CARD = "flex:1 1 10rem;border:1px solid #d9dee5;border-radius:8px;padding:0.8rem 1rem"
_STYLE_VALUE = "font-size:1.8rem;font-weight:700;line-height:1.1"
_STYLE_NOTE = "background:#fff4d6;border-left:4px solid #e0b84c;padding:0.5rem 0.9rem"
_STYLE_MARK = "background:#fff4d6"
SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "For information"}
METADATA_KEY = "helpers"
# The smallest figure text a reader gets on a screen, in CSS px: 9 px is 6.75 pt seen from the
# CSS reference distance, the size of a printed footnote (see docs/assumptions.md).
MIN_TEXT_CSS_PX = 9.0
# A table of more rows scrolls downwards inside its own box (class long); a shorter one never
# does, so no short table is clipped by its box.
LONG_TABLE_ROWS = 25
# A column with a text this long keeps a readable width (class wide: 16rem at least) and the
# table scrolls sideways instead of wrapping it one word per line; one-word values this short
# at most stay on one line (class nw).
WIDE_COLUMN_CHARS = 60
ONE_WORD_CHARS = 24

__all__ = [
    "NA_TEXT",
    "MIN_TEXT_CSS_PX",
    "esc",
    "format_value",
    "table_html",
    "show_table",
    "say_html",
    "say",
    "note",
    "explain",
    "figure_html",
    "smallest_text_pt",
    "show_figure",
    "show_map",
    "cards_html",
    "headline_cards",
    "facts_html",
    "show_facts",
    "excerpt_html",
    "findings_html",
    "show_findings",
    "info_findings_html",
    "show_info_findings",
    "record",
    "json_safe",
]


def _humanize(name: object) -> str:
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else text


def _display(html_text: str, meta: Mapping[str, Any] | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(html_text), metadata={METADATA_KEY: dict(meta or {})})


# --------------------------------------------------------------------------- tables


def _flatten_columns(df: pd.DataFrame) -> pd.DataFrame:
    if isinstance(df.columns, pd.MultiIndex):
        df = df.copy()
        df.columns = [" / ".join(str(p) for p in col if str(p) != "") for col in df.columns]
    return df


def _with_index(df: pd.DataFrame, index: bool | None) -> pd.DataFrame:
    """Move a meaningful index (named, or not a plain 0..n-1 range) into columns."""
    if index is None:
        index = not (isinstance(df.index, pd.RangeIndex) and df.index.name is None)
    if not index:
        return df
    names = []
    for name in df.index.names:
        label = "" if name is None else str(name)
        while label in df.columns or label in names:
            label += " "
        names.append(label)
    return df.reset_index(names=names)


def _mask(df: pd.DataFrame, highlight: object) -> list[bool]:
    if highlight is None:
        return [False] * len(df)
    if isinstance(highlight, str):
        values: Iterable[object] = df[highlight]
    elif callable(highlight):
        values = highlight(df)
    else:
        values = highlight  # type: ignore[assignment]
    flags = [bool(v) if not is_na(v) else False for v in values]
    if len(flags) != len(df):
        raise ValueError(f"highlight has {len(flags)} values for {len(df)} rows")
    return flags


def _one_word(text: str) -> bool:
    """A short value or header without a space (``2022-T2``, ``Asia-Pacific``): kept on one
    line, never broken at its hyphen."""
    return 0 < len(text) <= ONE_WORD_CHARS and not any(c.isspace() for c in text)


def table_html(
    data: pd.DataFrame | pd.Series,
    caption: str | None = None,
    *,
    max_rows: int | None = 50,
    index: bool | None = None,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, Format] | None = None,
    highlight: str | Sequence[bool] | pd.Series | Callable[[pd.DataFrame], Any] | None = None,
    highlight_label: str | None = None,
    note: str | None = None,
    empty: str = "Nothing to show.",
    max_chars: int = 240,
    sortable: bool = True,
) -> str:
    """An escaped HTML table (see :func:`show_table`)."""
    df = data.to_frame() if isinstance(data, pd.Series) else data
    df = _with_index(_flatten_columns(df), index)
    labels = dict(labels or {})
    formats = dict(formats or {})
    flags = _mask(df, highlight)
    total = len(df)
    shown = df if max_rows is None or total <= max_rows else df.iloc[:max_rows]

    long = " long" if len(shown) > LONG_TABLE_ROWS else ""
    parts = [f'<div class="helpers-table{long}">']
    classes = "dataframe helpers" + (" sortable" if sortable and total > 1 else "")
    if total == 0:
        if caption:
            parts.append(f'<p class="caption">{esc(caption)}</p>')
        parts.append(f'<p class="empty">{esc(empty)}</p>')
    else:
        parts.append(f'<table class="{classes}">')
        if caption:
            parts.append(f"<caption>{esc(caption)}</caption>")
        columns = list(shown.columns)
        numeric = {c: pd.api.types.is_numeric_dtype(shown[c].dtype) for c in columns}
        texts = [
            [
                format_value(value, formats.get(col), name=col)
                for col, value in zip(columns, row, strict=True)
            ]
            for row in shown.itertuples(index=False, name=None)
        ]
        heads = [_header_cell(col, labels, [r[i] for r in texts])
                 for i, col in enumerate(columns)]  # fmt: skip
        parts.append("<thead><tr>" + "".join(heads) + "</tr></thead><tbody>")
        for pos, row in enumerate(shown.itertuples(index=False, name=None)):
            row_class = f' class="highlight" style="{_STYLE_HIGHLIGHT}"' if flags[pos] else ""
            cells = [_body_cell(value, text, numeric[col], max_chars)
                     for col, value, text in zip(columns, row, texts[pos], strict=True)]  # fmt: skip
            parts.append(f"<tr{row_class}>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    notes = _table_notes(len(shown), total, highlight is not None and any(flags),
                         highlight_label, note)  # fmt: skip
    if notes:
        parts.append(f'<p class="table-note">{esc(notes)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _header_cell(col: object, labels: Mapping[str, str], texts: list[str]) -> str:
    """A column's header: its label (``labels`` or humanized), kept on one line when it is
    one word, the column kept wide when a cell is long."""
    label = labels.get(col, _humanize(col) if isinstance(col, str) else str(col))
    longest = max((len(t) for t in texts), default=0)
    kinds = ["nw"] * _one_word(label) + ["wide"] * (longest >= WIDE_COLUMN_CHARS)
    cls = f' class="{" ".join(kinds)}"' if kinds else ""
    return f'<th scope="col"{cls}>{esc(label)}</th>'


def _body_cell(value: object, text: str, numeric: bool, max_chars: int) -> str:
    """One cell: its kind (missing, a number, one word), its sort key, and its text cut past
    ``max_chars`` with the whole text as the tooltip."""
    attrs = []
    if is_na(value):
        attrs.append('class="na"')
    elif numeric and not is_bool(value):
        attrs.append('class="num"')
    elif _one_word(text):
        attrs.append('class="nw"')
    key = sort_key(value)
    if key is not None:
        attrs.append(f'data-sort="{esc(key)}"')
    if len(text) > max_chars:
        attrs.append(f'title="{esc(text)}"')
        text = text[: max_chars - 1].rstrip() + "…"
    attr = (" " + " ".join(attrs)) if attrs else ""
    return f"<td{attr}>{esc(text)}</td>"


def _table_notes(
    shown: int, total: int, highlighted: bool, highlight_label: str | None, note: str | None
) -> str:
    """What is said under a table: rows left out, what highlighted rows mean, the note."""
    notes = []
    if shown < total:
        notes.append(f"Showing the first {shown:,} of {total:,} rows.")
    if highlighted and highlight_label:
        notes.append(f"Highlighted rows: {highlight_label}.")
    if note:
        notes.append(note)
    return " ".join(notes)


def show_table(
    data: pd.DataFrame | pd.Series,
    caption: str | None = None,
    *,
    max_rows: int | None = 50,
    index: bool | None = None,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, Format] | None = None,
    highlight: str | Sequence[bool] | pd.Series | Callable[[pd.DataFrame], Any] | None = None,
    highlight_label: str | None = None,
    note: str | None = None,
    empty: str = "Nothing to show.",
    max_chars: int = 240,
) -> None:
    """Show a table with every header and cell escaped.

    ``max_rows`` rows at most (None: all; a note says how many were left out). A named or
    non-default index becomes the first column(s). Column headers are humanized
    (``roster_size`` → ``Roster size``) unless ``labels`` names them. ``formats`` maps a column
    to a ``str.format`` pattern or callable. ``highlight`` is a bool column name, a mask or a
    function of the frame; ``highlight_label`` says in words what highlighted rows mean. An
    empty frame shows ``empty`` instead of a table. Cells longer than ``max_chars`` are cut
    (the full text is the cell's tooltip).
    """
    _display(
        table_html(
            data,
            caption,
            max_rows=max_rows,
            index=index,
            labels=labels,
            formats=formats,
            highlight=highlight,
            highlight_label=highlight_label,
            note=note,
            empty=empty,
            max_chars=max_chars,
        ),
        {"kind": "table"},
    )


# --------------------------------------------------------------------------- text

_SENTINEL = "\x00{}\x00"
_SENTINEL_RE = re.compile("\x00(\\d+)\x00")
_INLINE = [
    (re.compile(r"`([^`\n]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S), r"<strong>\1</strong>"),
    (re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])", re.S), r"<em>\1</em>"),
]


def _inline(text: str) -> str:
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


def _blocks(text: str) -> str:
    """Paragraphs (blank-line separated) and ``- `` bullet lists of already-escaped text."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if lines and all(ln.startswith(("- ", "* ")) for ln in lines):
            items = "".join(f"<li>{_inline(ln[2:].strip())}</li>" for ln in lines)
            out.append(f"<ul>{items}</ul>")
        elif lines:
            out.append(f"<p>{_inline(' '.join(lines))}</p>")
    return "".join(out)


def say_html(template: str, /, **values: Any) -> str:
    """HTML for a trusted ``template`` with escaped ``{field}`` values (see :func:`say`)."""
    formatter = string.Formatter()
    pieces: list[str] = []
    filled: list[str] = []
    for literal, field, spec, conversion in formatter.parse(template):
        pieces.append(literal)
        if field is None:
            continue
        if field == "":
            raise ValueError("say() needs named fields such as {members}, not {}")
        obj, _ = formatter.get_field(field, (), values)
        obj = formatter.convert_field(obj, conversion)
        text = format(obj, spec) if spec and not is_na(obj) else format_value(obj, name=field)
        pieces.append(_SENTINEL.format(len(filled)))
        filled.append(esc(text))
    body = _blocks(esc("".join(pieces)))
    return _SENTINEL_RE.sub(lambda m: filled[int(m.group(1))], body)


def say(template: str, /, **values: Any) -> None:
    """Show a short text: ``say("**{n}** members took part.", n=42)``.

    The template is written by the notebook author (``**bold**``, ``*italic*``, `` `code` ``,
    blank-line paragraphs and ``- `` bullet lists); every ``{field}`` is formatted (format
    specs such as ``{rate:.0%}`` work; lists are joined with commas; missing values show as
    ``—``) and escaped, so a value can never become markup.
    """
    _display(f'<div class="say">{say_html(template, **values)}</div>', {"kind": "text"})


def note(template: str, /, **values: Any) -> None:
    """Like :func:`say`, shown as a highlighted note (a caveat or a finding to act on)."""
    body = say_html(template, **values)
    _display(f'<div class="say note" style="{_STYLE_NOTE}">{body}</div>', {"kind": "note"})


def explain(sentence: object) -> None:
    """Show one sentence of interpretation (e.g. from ``engagement.interpret_*``) as plain,
    escaped text: no field or markdown processing, so braces and asterisks stay as they are."""
    _display(f'<p class="explain">{esc(sentence)}</p>', {"kind": "text"})


# --------------------------------------------------------------------------- figures


def _figure_of(fig: Any) -> Any:
    """The matplotlib Figure of a figure, seaborn grid or axes."""
    return getattr(fig, "figure", None) or getattr(fig, "fig", None) or fig


def _png(fig: Any, dpi: int) -> bytes:
    """The figure as a palette PNG at ``dpi``, drawn once.

    A figure with a layout engine (every figure of :mod:`helpers.show.plots`) is drawn by
    matplotlib's Agg canvas (``FigureCanvasAgg.draw``: the layout runs once, inside that
    draw) and its RGBA buffer goes straight to Pillow; ``savefig`` would lay it out twice
    (a dry draw, then the real one) and encode a PNG only for Pillow to decode it. The pixels
    are the same (tests/show/test_display.py). A figure without one is cropped to its labels by
    ``savefig(bbox_inches="tight")``."""
    figure = _figure_of(fig)
    engine = getattr(figure, "get_layout_engine", lambda: None)()
    try:
        if engine is None:
            buf = io.BytesIO()
            figure.savefig(buf, format="png", dpi=dpi, bbox_inches="tight",
                           pil_kwargs={"compress_level": 0})  # fmt: skip
            image = _decoded(buf.getvalue())
        else:
            image = _drawn(figure, dpi)
    finally:
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:  # a pyplot figure would be shown again by the inline backend
            pyplot.close(figure)
    return _palette_png(image)


def _drawn(figure: Any, dpi: int) -> Any:
    """``figure`` drawn once at ``dpi`` by an Agg canvas, as an RGB Pillow image."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):  # a bare Figure has no drawing canvas yet
        canvas = FigureCanvasAgg(figure)
    shown_dpi = figure.get_dpi()
    figure.set_dpi(dpi)
    try:
        canvas.draw()
        size = canvas.get_width_height(physical=True)
        rgba = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        return rgba.convert("RGB")
    finally:
        figure.set_dpi(shown_dpi)


def _decoded(png: bytes) -> Any:
    """A PNG file's picture as an RGB Pillow image."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGB")


def smallest_text_pt(fig: Any) -> float | None:
    """The font size (points) of the smallest visible, non-empty text of a drawn figure (tick
    labels, annotations, legend, titles), or None when it shows no text."""
    from matplotlib.text import Text

    sizes = [
        float(t.get_fontsize())
        for t in _figure_of(fig).findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    return min(sizes) if sizes else None


def _png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _palette_png(picture: Any) -> bytes:
    """The picture (RGB Pillow image, or PNG bytes) as a 256-colour palette PNG: a chart has a
    few flat colours plus the anti-aliased edges of its text, so this is about a third of the
    RGBA file's size with no visible change (the page weights: bench/bench_report.py)."""
    from PIL import Image

    rgb = _decoded(picture) if isinstance(picture, bytes) else picture
    palette = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def figure_html(
    fig: Any,
    caption: str,
    *,
    interpretation: str | None = None,
    alt: str | None = None,
    dpi: int = 110,
) -> str:
    """An embedded PNG (``data:image/png;base64``) with an escaped title and interpretation.

    The picture sits in a ``chart-scroll`` box and carries what the page needs to keep its
    text legible: ``data-text-px``, the smallest text's height in picture pixels (from the
    matplotlib font sizes and ``dpi``), and ``--chart-min``, the narrowest width in CSS px at
    which that text is still :data:`MIN_TEXT_CSS_PX` high. The report's stylesheet never
    shrinks the figure below that width on a screen (a narrow one scrolls the figure sideways)
    and ignores it in print, where the figure fits the page.
    """
    png = _png(fig, dpi)
    width, height = _png_size(png)
    data = base64.b64encode(png).decode("ascii")
    alt_text = alt or caption
    smallest = smallest_text_pt(fig)
    legible = ""
    if smallest is not None:
        text_px = smallest * dpi / 72
        min_width = min(width, math.ceil(MIN_TEXT_CSS_PX * width / text_px))
        legible = f' data-text-px="{text_px:.2f}" style="--chart-min:{min_width}px"'
    parts = [
        '<figure class="chart"><div class="chart-scroll">',
        f'<img src="data:image/png;base64,{data}" alt="{esc(alt_text)}" '
        f'width="{width}" height="{height}"{legible}></div>',
        f'<figcaption><span class="fig-title">{esc(caption)}</span>',
    ]
    if interpretation:
        parts.append(f' <span class="fig-note">{esc(interpretation)}</span>')
    parts.append("</figcaption></figure>")
    return "".join(parts)


def show_figure(
    fig: Any,
    caption: str,
    *,
    interpretation: str | None = None,
    alt: str | None = None,
    dpi: int = 110,
) -> None:
    """Show a matplotlib figure (or seaborn grid/axes) as an embedded PNG with its title
    (``caption``) and one sentence saying what it shows (``interpretation``), both escaped.
    The figure is closed afterwards so it is not shown twice.
    """
    _display(
        figure_html(fig, caption, interpretation=interpretation, alt=alt, dpi=dpi),
        {"kind": "figure"},
    )


def show_map(tables: Any, highlight: str | None = None) -> None:
    """Show the roster on a world map (inline SVG, see :mod:`helpers.show.worldmap`): circles
    sized by activities and coloured by region; ``highlight`` (a member's name) is drawn
    larger, with a dark ring and its name. Members without coordinates are named under it."""
    from helpers.show.worldmap import map_html

    _display(map_html(tables, highlight), {"kind": "figure"})


# --------------------------------------------------------------------------- cards and facts


def cards_html(
    figures: Mapping[str, Any],
    *,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, Format] | None = None,
    notes: Mapping[str, str] | None = None,
) -> str:
    """A row of headline cards (see :func:`headline_cards`)."""
    keys = list(labels) if labels else list(figures)
    formats = dict(formats or {})
    notes = dict(notes or {})
    cards = []
    for key in keys:
        if key not in figures:
            continue
        value = format_value(figures[key], formats.get(key), name=key)
        label = (labels or {}).get(key, _humanize(key))
        note = f'<div class="card-note">{esc(notes[key])}</div>' if key in notes else ""
        cards.append(
            f'<div class="card" style="{_STYLE_CARD}">'
            f'<div class="card-value" style="{_STYLE_VALUE}">{esc(value)}</div>'
            f'<div class="card-label">{esc(label)}</div>{note}</div>'
        )
    return f'<div class="cards" style="{_STYLE_CARDS}">' + "".join(cards) + "</div>"


def headline_cards(
    figures: Mapping[str, Any],
    *,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, Format] | None = None,
    notes: Mapping[str, str] | None = None,
) -> None:
    """Show big figures as cards: ``headline_cards(h, labels={"activities": "Activities"})``.

    ``labels`` picks and orders the keys shown (default: all, humanized); ``formats`` and
    ``notes`` (a small line under the label, e.g. "of 140 roster members") are per key.
    """
    _display(cards_html(figures, labels=labels, formats=formats, notes=notes), {"kind": "cards"})


def facts_html(facts: Mapping[str, Any], caption: str | None = None) -> str:
    """A two-column label/value table; nested mappings become ``parent · child`` rows."""
    rows: list[tuple[str, Any]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for k, v in value.items():
                walk(f"{prefix} · {k}" if prefix else str(k), v)
        else:
            rows.append((prefix, value))

    walk("", facts)
    body = "".join(
        f'<tr><th scope="row">{esc(_humanize(k))}</th><td>{esc(format_value(v))}</td></tr>'
        for k, v in rows
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<table class="facts">{cap}<tbody>{body}</tbody></table>'


def show_facts(facts: Mapping[str, Any], caption: str | None = None) -> None:
    """Show labels and values as a two-column table (values escaped)."""
    _display(facts_html(facts, caption), {"kind": "facts"})


# --------------------------------------------------------------------------- findings


def excerpt_html(
    excerpt: Sequence[tuple[int, str]], mark: int | None = None, *, max_chars: int = 200
) -> str:
    """Numbered lines of the report (``(line number, text)``), escaped, in a ``<details>``
    block that opens on a click; line ``mark`` is highlighted. Lines longer than
    ``max_chars`` are cut with ``…``. No lines: an empty string."""
    if not excerpt:
        return ""
    width = len(str(excerpt[-1][0]))
    rows = []
    for no, text in excerpt:
        shown = text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"
        row = f'<span class="ln">{no:>{width}}</span> {esc(shown)}'
        rows.append(f'<mark style="{_STYLE_MARK}">{row}</mark>' if no == mark else row)
    summary = f"The report's text around line {mark}" if mark else "The report's text"
    return (
        f'<details class="excerpt"><summary>{esc(summary)}</summary>'
        f'<pre class="excerpt">{chr(10).join(rows)}</pre></details>'
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _finding_html(row: Mapping[str, Any]) -> str:
    line = int(row["source_line"])
    where = [f"line {line}" if line > 0 else "the whole report"]
    if not is_na(row.get("activity_id")):
        where.append(f"activity {row['activity_id']}")
    return (
        f'<li><span class="detail">{esc(row["detail"])}</span> '
        f'<span class="where">({esc(", ".join(where))})</span>'
        f"{excerpt_html(row.get('context') or [], line)}</li>"
    )


def findings_html(groups: Sequence[tuple[str, pd.DataFrame]]) -> str:
    """One section per action (an ``h3`` the page's contents list), and in it one block per
    kind: its severity and plain sentence, then each finding's detail, line, activity and
    the report's text around it. Columns used: action groups of ``kind``, ``severity``,
    ``sentence``, ``detail``, ``source_line``, ``activity_id`` and ``context`` (see
    helpers.analysis.quality). Every value is escaped."""
    parts = ['<div class="findings">']
    for action, df in groups:
        parts.append(
            f'<h3 id="todo-{_slug(action)}">{esc(action)} '
            f'<span class="count">({esc(f"{len(df):,}")})</span></h3>'
        )
        for _, g in df.groupby("kind", sort=False):
            first = g.iloc[0]
            severity = str(first["severity"])
            parts.append(
                f'<div class="finding-kind {esc(severity)}"><p class="sentence">'
                f'<span class="severity">{esc(SEVERITY_WORDS.get(severity, severity))}</span> '
                f"{esc(first['sentence'])}</p><ul>"
            )
            parts += [_finding_html(row) for row in g.to_dict("records")]
            parts.append("</ul></div>")
    parts.append("</div>")
    return "".join(parts)


def info_findings_html(info: pd.DataFrame) -> str:
    """Findings for information only (nothing to do) folded into one counted line, a
    ``<details>`` that opens on a click: in it one block per kind, with its count, its
    sentence and each finding (as :func:`findings_html`). No findings: an empty string.
    Columns used: ``kind``, ``sentence``, ``detail``, ``source_line``, ``activity_id`` and
    ``context``; ordered as given (helpers.analysis.quality.for_information)."""
    if info.empty:
        return ""
    n = len(info)
    kinds = info["kind"].nunique()
    parts = [
        '<details class="findings info-findings"><summary class="counted">'
        f'<span class="severity">{esc(SEVERITY_WORDS["info"])}</span> '
        f"Nothing to do: {esc(f'{n:,}')} finding{'s' if n != 1 else ''}"
        f"{f' of {kinds} kinds' if kinds > 1 else ''}, listed here for the record</summary>"
    ]
    for _, g in info.groupby("kind", sort=False):
        parts.append(
            '<div class="finding-kind info"><p class="sentence">'
            f'{esc(g.iloc[0]["sentence"])} <span class="count">({esc(f"{len(g):,}")})</span>'
            "</p><ul>"
        )
        parts += [_finding_html(row) for row in g.to_dict("records")]
        parts.append("</ul></div>")
    parts.append("</details>")
    return "".join(parts)


def show_info_findings(info: pd.DataFrame) -> None:
    """Show the findings for information only as one counted line that opens on a click
    (see :func:`info_findings_html`); nothing when there are none."""
    if not info.empty:
        _display(info_findings_html(info), {"kind": "findings"})


def show_findings(groups: Sequence[tuple[str, pd.DataFrame]], empty: str = "No findings.") -> None:
    """Show findings grouped by what to do (see :func:`findings_html`), or ``empty``."""
    body = findings_html(groups) if groups else f'<p class="empty">{esc(empty)}</p>'
    _display(body, {"kind": "findings"})


def record(name: str, figures: Mapping[str, Any]) -> None:
    """Store ``figures`` (JSON-safe copy) in the executed notebook, shown nowhere.

    The report run gathers every ``record`` into ``reports/<period>/summary.json`` and shows
    the headline figures in ``reports/index.html``.
    """
    from IPython.display import display

    display(
        {"text/plain": ""},
        raw=True,
        metadata={
            METADATA_KEY: {"kind": "record", "hidden": True, "record": {name: json_safe(figures)}}
        },
    )
