"""helpers.show.display: every value a notebook shows is escaped, tables and figures are readable."""

from __future__ import annotations

import base64
import math
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest

from helpers.report.render import live_markup
from helpers.show import display as d

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b onclick=x>']


def _no_live(html_text: str) -> None:
    assert live_markup(html_text) == [], html_text
    assert "<script" not in html_text
    assert "<img src=x" not in html_text
    unquoted = re.sub(r'"[^"]*"', '""', html_text)  # escaped text inside attribute values is inert
    assert not re.search(r"<[^>]*\son\w+\s*=", unquoted)


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("payload", PAYLOADS)
def test_table_escapes_cells_headers_and_caption(payload: str) -> None:
    df = pd.DataFrame({payload: [payload, "ok"], "n": [1, 2]})
    out = d.table_html(
        df, caption=payload, note=payload, highlight=[True, False], highlight_label=payload
    )
    _no_live(out)
    assert d.esc(payload) in out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_index_values_are_escaped(payload: str) -> None:
    s = pd.Series([3], index=pd.Index([payload], name=payload), name="count")
    out = d.table_html(s)
    _no_live(out)
    assert out.count(d.esc(payload)) == 2


def test_long_cell_is_cut_with_escaped_tooltip() -> None:
    text = "<script>alert(1)</script>" + "x" * 400
    out = d.table_html(pd.DataFrame({"t": [text]}), max_chars=50)
    _no_live(out)
    assert "…" in out and 'title="&lt;script&gt;' in out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_say_escapes_values_but_keeps_template_formatting(payload: str) -> None:
    out = d.say_html("**{n}** members: {names}; {who}", n=3, names=["A", payload], who=payload)
    _no_live(out)
    assert out.startswith("<p><strong>3</strong> members: A, ")
    assert out.count(d.esc(payload)) == 2


def test_say_values_with_markdown_or_braces_stay_literal() -> None:
    out = d.say_html("Title: {t}", t="**not bold** {x} `y`")
    assert "<strong>" not in out and "<code>" not in out
    assert "**not bold** {x} `y`" in out


def test_say_escapes_the_template_too() -> None:
    out = d.say_html("<b onclick=alert(1)>hi</b> *em* and `code`\n\n- one\n- two")
    _no_live(out)
    assert "<em>em</em>" in out and "<code>code</code>" in out and "<ul><li>one</li>" in out


def test_say_format_specs_and_missing_values() -> None:
    assert "32%" in d.say_html("{r:.0%}", r=0.3217)
    assert d.NA_TEXT in d.say_html("{x}", x=None)
    assert "1,234" in d.say_html("{n}", n=1234)
    with pytest.raises(KeyError):
        d.say_html("{missing}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cards_facts_and_figure_captions_are_escaped(payload: str) -> None:
    _no_live(d.cards_html({payload: payload}, notes={payload: payload}))
    _no_live(d.facts_html({payload: {payload: payload}}, caption=payload))
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([1, 2], [1, 2])
    out = d.figure_html(fig, payload, interpretation=payload)
    assert out.count(d.esc(payload)) == 3  # alt, title, interpretation
    assert 'src="data:image/png;base64,' in out
    _no_live(out)


# --------------------------------------------------------------------------- formatting


def test_table_formats_dates_na_numbers_rates_and_booleans() -> None:
    df = pd.DataFrame(
        {
            "start_date": [pd.Timestamp("2022-02-15"), pd.NaT],
            "engagement_rate": [0.5, np.nan],
            "activities": pd.array([1200, None], dtype="Int64"),
            "covered": [True, False],
            "member": ["Seoul", None],
        }
    )
    out = d.table_html(df)
    assert "15 Feb 2022" in out and 'data-sort="2022-02-15T00:00:00"' in out
    assert "50%" in out and "1,200" in out
    assert ">yes<" in out and ">no<" in out
    assert out.count(f'<td class="na">{d.NA_TEXT}</td>') == 4
    assert 'class="dataframe helpers sortable"' in out
    assert '<th scope="col">Engagement rate</th>' in out


def test_table_labels_formats_max_rows_and_highlight() -> None:
    df = pd.DataFrame({"code": list("abcde"), "rate": [0.1, 0.2, 0.3, 0.4, 0.5]})
    out = d.table_html(
        df,
        labels={"code": "Code"},
        formats={"rate": "{:.1%}"},
        max_rows=3,
        highlight=df["rate"] > 0.15,
        highlight_label="above 15%",
    )
    assert out.count("<tr") == 4  # header + 3 rows
    assert "10.0%" in out and "Showing the first 3 of 5 rows." in out
    assert out.count('<tr class="highlight"') == 2
    assert "Highlighted rows: above 15%." in out


def test_empty_table_says_so() -> None:
    out = d.table_html(pd.DataFrame({"a": []}), caption="Codes", empty="None found.")
    assert "<table" not in out and "None found." in out and "Codes" in out


def test_matrix_keeps_row_labels_and_column_codes() -> None:
    m = pd.DataFrame(
        [[1, 0], [0, 2]],
        index=pd.Index(["L1", "L2"], name="line"),
        columns=pd.Index(["1.1", "2.3"], name="challenge"),
    )
    out = d.table_html(m)
    assert '<th scope="col" class="nw">Line</th><th scope="col" class="nw">1.1</th>' in out
    assert ">L2<" in out


def test_one_word_values_and_headers_stay_on_one_line() -> None:
    """2022-T2 and Asia-Pacific are never broken at their hyphen (class nw); a value with a
    space may wrap, and a number is right-aligned as before."""
    df = pd.DataFrame({"period": ["2022-T2"], "region": ["Asia-Pacific"],
                       "member": ["Latin America and the Caribbean"], "n": [3]})  # fmt: skip
    out = d.table_html(df)
    assert '<th scope="col" class="nw">Period</th>' in out
    assert '<td class="nw">2022-T2</td><td class="nw">Asia-Pacific</td>' in out
    assert "<td>Latin America and the Caribbean</td>" in out
    assert '<td class="num" data-sort="3.0">3</td>' in out


def test_a_column_of_long_texts_keeps_a_readable_width() -> None:
    """A column with a text of 60 characters or more gets class wide (the stylesheet gives it
    16rem at least, so a phone scrolls the table instead of stacking one word per line)."""
    titles = "CITY MANAGERS COMMUNITY 2021: FINAL REPORT; PUBLIC SPACE CAMPAIGN"  # 65 characters
    df = pd.DataFrame({"alliance": ["UCLG", "UN-Habitat"], "titles": [titles, "8M CAMPAIGN"]})
    out = d.table_html(df)
    assert '<th scope="col" class="nw wide">Titles</th>' in out
    assert '<th scope="col" class="nw">Alliance</th>' in out
    assert "wide" not in d.table_html(df.assign(titles=["short", "texts"]))


def test_only_a_long_table_scrolls_downwards_in_its_box() -> None:
    """Up to 25 rows a table is shown whole; more rows, and its box is class long."""
    rows = pd.DataFrame({"n": range(26)})
    assert d.table_html(rows.head(25)).startswith('<div class="helpers-table">')
    assert d.table_html(rows).startswith('<div class="helpers-table long">')
    assert d.table_html(rows, max_rows=10).startswith('<div class="helpers-table">')


def test_figure_png_is_valid_and_pyplot_figure_is_closed() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar([1, 2], [3, 4])
    out = d.figure_html(fig, "Bars")
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", out).group(1)
    assert base64.b64decode(data).startswith(b"\x89PNG")
    assert not plt.fignum_exists(fig.number)


def test_figures_are_palette_pngs_with_their_colours_kept() -> None:
    import io

    from matplotlib.figure import Figure
    from PIL import Image

    fig = Figure(figsize=(4, 3), layout="constrained")
    ax = fig.subplots()
    ax.bar([1, 2], [3, 4], color=["#e69f00", "#56b4e9"])
    out = d.figure_html(fig, "Bars")
    png = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", out).group(1))
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "P"  # 256 colours, not RGBA
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=256)}
    assert (0xE6, 0x9F, 0x00) in colours and (0x56, 0xB4, 0xE9) in colours  # bars unchanged
    assert d.figure_html(fig, "Bars") == out  # the same figure gives the same bytes


def test_a_figure_is_drawn_once_with_the_pixels_of_savefig() -> None:
    """A figure with a layout engine is drawn once by the Agg canvas (savefig draws it twice:
    a dry run for the layout, then the picture); the pixels, so the page's bytes, are those
    of matplotlib's usual PNG."""
    import io

    from matplotlib.figure import Figure

    def bars() -> Figure:
        fig = Figure(figsize=(4, 3), layout="constrained")
        ax = fig.subplots()
        ax.barh(["a", "b"], [3, 4], color=["#e69f00", "#56b4e9"])
        ax.set_title("Über ✓ text")
        return fig

    usual, drawn = bars(), bars()
    draws = {"savefig": 0, "page": 0}
    usual.canvas.mpl_connect(
        "draw_event", lambda _: draws.__setitem__("savefig", draws["savefig"] + 1)
    )
    drawn.canvas.mpl_connect("draw_event", lambda _: draws.__setitem__("page", draws["page"] + 1))
    png = io.BytesIO()
    usual.savefig(png, format="png", dpi=110, metadata={"Software": None})
    assert d._png(drawn, 110) == d._palette_png(png.getvalue())
    assert draws == {"savefig": 2, "page": 1}
    assert drawn.get_dpi() == usual.get_dpi()  # the figure keeps its own dpi


# --------------------------------------------------------------------------- display calls


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    import IPython.display

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: calls.append((obj, kw)))
    return calls


def test_show_functions_display_html_with_metadata(shown: list) -> None:
    d.show_table(pd.DataFrame({"a": ["<script>x</script>"]}), "T")
    d.say("{x}", x="<b>")
    d.note("careful {x}", x="<i>")
    d.explain("{braces} and <b>")
    d.headline_cards({"n": 1})
    d.show_facts({"a": 1})
    kinds = [kw["metadata"]["helpers"]["kind"] for _, kw in shown]
    assert kinds == ["table", "text", "note", "text", "cards", "facts"]
    for obj, _ in shown:
        _no_live(obj.data)
    assert "{braces} and &lt;b&gt;" in shown[3][0].data


def test_record_is_hidden_and_json_safe(shown: list) -> None:
    d.record("engagement", {"activities": np.int64(21), "rate": np.float64(0.32)})
    obj, kw = shown[0]
    assert kw["raw"] is True and obj == {"text/plain": ""}
    meta = kw["metadata"]["helpers"]
    assert meta["hidden"] is True
    assert meta["record"] == {"engagement": {"activities": 21, "rate": 0.32}}


def test_figure_says_its_smallest_text_and_the_width_that_keeps_it_legible() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3), layout="constrained")  # 440 px wide at dpi 110
    ax = fig.subplots()
    ax.bar([1, 2], [3, 4])
    ax.text(1, 3, "small note", fontsize=6)  # the smallest text: ticks are 10 pt
    ax.text(2, 4, "", fontsize=2)  # empty and hidden texts do not count
    ax.text(2, 4, "hidden", fontsize=3).set_visible(False)
    assert d.smallest_text_pt(fig) == 6
    out = d.figure_html(fig, "Bars", dpi=110)
    assert 'width="440" height="330"' in out
    text_px = 6 * 110 / 72  # 9.17 picture pixels
    assert f'data-text-px="{text_px:.2f}"' in out
    # shown 432 CSS px wide, the 6 pt note is 9 CSS px high: the figure never gets narrower
    assert f"--chart-min:{math.ceil(d.MIN_TEXT_CSS_PX * 440 / text_px)}px" in out
    assert "--chart-min:432px" in out
    assert '<div class="chart-scroll"><img' in out


def test_a_figure_of_big_text_needs_no_min_width_beyond_its_own() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1), layout="constrained")
    fig.text(0.5, 0.5, "3", fontsize=4)  # 4 pt at dpi 110 is 6.1 px: only its full width helps
    assert "--chart-min:220px" in d.figure_html(fig, "Tiny")
    empty = Figure(figsize=(2, 1))
    assert "data-text-px" not in d.figure_html(empty, "Nothing written")
