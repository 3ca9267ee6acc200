"""helpers.show.display: every value a notebook shows is escaped, tables and figures are readable."""

from __future__ import annotations

import base64
import math
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest

from helpers.report.render import live_markup
from helpers.show import display as d
from helpers.show import values as v

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
def test_cards_facts_and_chart_captions_are_escaped(payload: str) -> None:
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
    assert meta["hidden"] is True and meta["kind"] == "record"
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


# --------------------------------------------------------------------------------------------
# Each rule of what a page shows, on values and frames written here, against the exact HTML a
# reader's browser gets (docs/mutation.md). Test names avoid the word for drawings: the
# mutation run leaves out the tests that draw.


def test_esc_escapes_the_five_characters():
    assert d.esc("<a href='x'>&\"") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&quot;"
    assert d.esc(3) == "3"


@pytest.mark.parametrize(
    "value", [None, pd.NA, pd.NaT, np.nan, float("nan"), np.datetime64("NaT"), np.float32("nan")]
)
def test_missing_values(value):
    assert v.is_na(value) and d.format_value(value) == d.NA_TEXT


@pytest.mark.parametrize(
    "value", ["", "nan", b"", [], (), set(), frozenset(), {}, 0, 0.0, False, np.array([np.nan]),
              pd.Series([np.nan]), object()],
)  # fmt: skip
def test_values_that_are_not_missing(value):
    assert not v.is_na(value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2022, 2, 5), "5 Feb 2022"),
        (datetime(2022, 2, 5, 0, 0), "5 Feb 2022"),
        (datetime(2022, 2, 5, 14, 30), "5 Feb 2022 14:30"),
        (datetime(2022, 2, 5, 0, 0, 5), "5 Feb 2022 00:00"),
        (datetime(2022, 2, 5, 0, 7), "5 Feb 2022 00:07"),
        (datetime(2022, 2, 5, 9, 0), "5 Feb 2022 09:00"),
        (pd.Timestamp("2022-12-25 09:05"), "25 Dec 2022 09:05"),
        (True, "yes"), (np.bool_(False), "no"),
        (np.int64(1234567), "1,234,567"), (-3, "-3"),
        (1234567.0, "1,234,567"), (-3.0, "-3"), (1e15, "1,000,000,000,000,000.00"),
        (1234.5678, "1,234.57"), (np.float32(2.5), "2.50"), (float("inf"), "inf"),
        ([3, "b", None], "3, b, —"), (("z", "a"), "z, a"), ({"b", "a", 3}, "3, a, b"),
        ("Seoul", "Seoul"),
    ],
)  # fmt: skip
def test_format_value_cases(value, text):
    assert d.format_value(value) == text


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [("rate", 0.126, "13%"), ("RATE", 0.5, "50%"), ("coverage_rate", 1.0, "100%"),
     ("member_share", 0.25, "25%"), ("rates", 0.5, "0.50"), ("share", 0.5, "0.50"),
     ("ratings", 2.0, "2"), (None, 0.5, "0.50"), ("coverage_rate", 3, "3")],
)  # fmt: skip
def test_rates_by_their_column_name_as_percentages(name, value, text):
    assert d.format_value(value, name=name) == text


def test_a_format_pattern_or_function_applies_to_values_not_to_missing_ones():
    assert d.format_value(0.5, "{:.1%}") == "50.0%"
    assert d.format_value(7, lambda v: f"#{v}") == "#7"
    assert d.format_value(None, "{:.1%}") == d.NA_TEXT
    assert d.format_value(np.nan, lambda v: "never") == d.NA_TEXT


@pytest.mark.parametrize(
    ("value", "key"),
    [(np.nan, None), (True, None), (date(2022, 2, 5), "2022-02-05"),
     (datetime(2022, 2, 5, 9, 30), "2022-02-05T09:30:00"), (3, "3.0"), (np.int64(5), "5.0"),
     (0.25, "0.25"), ("Seoul", None)],
)  # fmt: skip
def test_sort_keys(value, key):
    assert v.sort_key(value) == key


def test_json_safe_every_kind_of_value():
    from pathlib import Path

    value = {1: (np.int64(2), {"x": pd.NaT}), "d": date(2022, 1, 2), "t": {np.bool_(True)},
             "f": np.float32(0.5), "o": Path("a"), "n": [None, "s"]}  # fmt: skip
    assert d.json_safe(value) == {
        "1": [2, {"x": None}], "d": "2022-01-02", "t": [True], "f": 0.5, "o": "a",
        "n": [None, "s"]}  # fmt: skip
    assert type(d.json_safe(np.float32(0.5))) is float and type(d.json_safe(True)) is bool


@pytest.mark.parametrize(
    ("name", "text"), [("roster_size", "Roster size"), ("_x_", "X"), ("", ""), (42, "42")]
)
def test_humanize(name, text):
    assert d._humanize(name) == text


def test_columns_of_two_levels_are_joined():
    df = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("b", "")]))
    assert list(d._flatten_columns(df).columns) == ["a / x", "b"]
    plain = pd.DataFrame({"a": [1]})
    assert d._flatten_columns(plain) is plain


def test_an_index_becomes_columns_when_it_means_something():
    df = pd.DataFrame({"n": [1, 2]})
    assert list(d._with_index(df, None).columns) == ["n"]
    assert list(d._with_index(df, True).columns) == ["", "n"]
    named = df.rename_axis("member")
    assert list(d._with_index(named, None).columns) == ["member", "n"]
    assert list(d._with_index(named, False).columns) == ["n"]
    labelled = pd.DataFrame({"n": [1], "": [2]}, index=pd.Index(["a"]))
    assert list(d._with_index(labelled, None).columns) == [" ", "n", ""]
    two = pd.DataFrame({"n": [1]}, index=pd.MultiIndex.from_tuples([("a", "b")]))
    assert list(d._with_index(two, None).columns) == ["", " ", "n"]
    clash = pd.DataFrame({"n": [1]}, index=pd.Index(["a"], name="n"))
    assert list(d._with_index(clash, None).columns) == ["n ", "n"]


def test_highlight_by_column_function_or_mask():
    df = pd.DataFrame({"flag": [True, None, False], "n": [1, 2, 3]})
    assert d._mask(df, None) == [False, False, False]
    assert d._mask(df, "flag") == [True, False, False]
    assert d._mask(df, lambda f: f["n"] > 1) == [False, True, True]
    assert d._mask(df, [1, 0, np.nan]) == [True, False, False]
    with pytest.raises(ValueError, match="highlight has 2 values for 3 rows"):
        d._mask(df, [True, False])


def test_a_small_table_as_the_browser_gets_it():
    df = pd.DataFrame({"member": ["Seoul", None], "activities": [3, 1200]})
    assert d.table_html(df, "Members") == (
        '<div class="helpers-table"><table class="dataframe helpers sortable">'
        "<caption>Members</caption>"
        '<thead><tr><th scope="col" class="nw">Member</th>'
        '<th scope="col" class="nw">Activities</th></tr></thead>'
        '<tbody><tr><td class="nw">Seoul</td><td class="num" data-sort="3.0">3</td></tr>'
        '<tr><td class="na">—</td><td class="num" data-sort="1200.0">1,200</td></tr>'
        "</tbody></table></div>"
    )


def test_a_table_of_one_row_booleans_and_a_long_cell():
    df = pd.DataFrame({"ok": [True], 7: ["abcdefghij"]})
    out = d.table_html(df, max_chars=5)
    assert out == (
        '<div class="helpers-table"><table class="dataframe helpers">'
        '<thead><tr><th scope="col" class="nw">Ok</th><th scope="col" class="nw">7</th></tr>'
        '</thead><tbody><tr><td class="nw">yes</td>'
        '<td class="nw" title="abcdefghij">abcd…</td></tr></tbody></table></div>'
    )
    assert d.table_html(df, max_chars=10).endswith(
        '<td class="nw">abcdefghij</td></tr></tbody></table></div>'
    )


def test_table_notes_rows_left_out_highlights_and_a_note():
    df = pd.DataFrame({"n": [1, 2, 3]})
    out = d.table_html(df, max_rows=2, highlight=[False, True, True], highlight_label="late",
                       note="See below.", sortable=False)  # fmt: skip
    assert out.startswith('<div class="helpers-table"><table class="dataframe helpers">')
    assert out.count("<tr") == 3
    assert '<tr class="highlight" style="background:#fff4d6"><td class="num"' in out
    assert out.endswith(
        '<p class="table-note">Showing the first 2 of 3 rows. Highlighted rows: late. '
        "See below.</p></div>"
    )
    quiet = d.table_html(df, highlight=[False] * 3, highlight_label="late", max_rows=None)
    assert "table-note" not in quiet and quiet.count("<tr") == 4
    assert "Highlighted" not in d.table_html(df, highlight=[True] * 3)
    many = pd.DataFrame({"n": range(1500)})
    assert "Showing the first 50 of 1,500 rows." in d.table_html(many)


def test_an_empty_table_with_and_without_a_caption():
    empty = pd.DataFrame({"a": []})
    assert d.table_html(empty, "Codes", empty="None <found>.", note="n") == (
        '<div class="helpers-table"><p class="caption">Codes</p>'
        '<p class="empty">None &lt;found&gt;.</p><p class="table-note">n</p></div>'
    )
    assert d.table_html(empty) == (
        '<div class="helpers-table"><p class="empty">Nothing to show.</p></div>'
    )


def test_a_series_is_a_one_column_table():
    out = d.table_html(pd.Series([1, 2], name="count"))
    assert '<th scope="col" class="nw">Count</th>' in out and out.count("<tr") == 3


@pytest.mark.parametrize(
    ("template", "html"),
    [
        ("`code` and **bold** and *em*", "<p><code>code</code> and <strong>bold</strong> and "
         "<em>em</em></p>"),
        ("- one\n- two", "<ul><li>one</li><li>two</li></ul>"),
        ("* one\n*   two  ", "<ul><li>one</li><li>two</li></ul>"),
        ("- one\ntwo", "<p>- one two</p>"),
        ("First\nline.\n\n  \nSecond.", "<p>First line.</p><p>Second.</p>"),
        ("a*b*c and 2 * 3 * 4", "<p>a*b*c and 2 * 3 * 4</p>"),
        ("", ""),
    ],
)  # fmt: skip
def test_a_templates_light_markup(template, html):
    assert d.say_html(template) == html


def test_say_fields_formats_conversions_and_braces():
    assert d.say_html("{n:,} members, {rate:.0%} of {total}", n=1234, rate=0.5, total=None) == (
        "<p>1,234 members, 50% of —</p>"
    )
    assert d.say_html("{coverage_rate} covered", coverage_rate=0.25) == "<p>25% covered</p>"
    assert d.say_html("{x:.0%}", x=None) == "<p>—</p>"
    assert d.say_html("{x!r} {{literal}}", x="<b>") == "<p>&#x27;&lt;b&gt;&#x27; {literal}</p>"
    assert d.say_html("{d.year}", d=date(2022, 1, 1)) == "<p>2,022</p>"
    assert d.say_html("**{a}** and *{b}*", a="x*y", b="**") == (
        "<p><strong>x*y</strong> and <em>**</em></p>"
    )
    with pytest.raises(ValueError) as err:
        d.say_html("{} members")
    assert str(err.value) == "say() needs named fields such as {members}, not {}"
    with pytest.raises(KeyError):
        d.say_html("{missing}")


def test_say_note_and_explain_as_shown(shown: list) -> None:
    d.say("**{n}** took part", n=3)
    d.note("check {x}", x="<i>")
    d.explain("a {b} *c*")
    assert [(obj.data, kw["metadata"]) for obj, kw in shown] == [
        ('<div class="say"><p><strong>3</strong> took part</p></div>',
         {"helpers": {"kind": "text"}}),
        ('<div class="say note" style="background:#fff4d6;border-left:4px solid #e0b84c;'
         'padding:0.5rem 0.9rem"><p>check &lt;i&gt;</p></div>', {"helpers": {"kind": "note"}}),
        ('<p class="explain">a {b} *c*</p>', {"helpers": {"kind": "text"}}),
    ]  # fmt: skip


def test_show_table_facts_cards_findings_and_map_as_shown(shown: list, monkeypatch) -> None:
    from helpers.show import worldmap

    monkeypatch.setattr(
        worldmap, "map_html", lambda tables, highlight: f"<svg>{tables['t']} {highlight}</svg>"
    )
    df = pd.DataFrame({"n": [1, 2]})
    d.show_table(df, "T", max_rows=1, labels={"n": "N"}, formats={"n": "#{}"}, note="x",
                 highlight=[True, False], highlight_label="h", empty="e", max_chars=9)  # fmt: skip
    d.show_facts({"a": 1}, "F")
    d.headline_cards({"n": 1, "m": 2}, labels={"m": "M"}, formats={"m": "{:.1f}"}, notes={"m": "!"})
    d.show_findings([])
    d.show_findings([], empty="All clear.")
    d.show_map({"t": 1}, "Seoul")
    got = [(obj.data, kw["metadata"]["helpers"]["kind"]) for obj, kw in shown]
    assert got == [
        (d.table_html(df, "T", max_rows=1, labels={"n": "N"}, formats={"n": "#{}"}, note="x",
                      highlight=[True, False], highlight_label="h", empty="e", max_chars=9),
         "table"),
        (d.facts_html({"a": 1}, "F"), "facts"),
        (d.cards_html({"n": 1, "m": 2}, labels={"m": "M"}, formats={"m": "{:.1f}"},
                      notes={"m": "!"}), "cards"),
        ('<p class="empty">No findings.</p>', "findings"),
        ('<p class="empty">All clear.</p>', "findings"),
        ("<svg>1 Seoul</svg>", "figure"),
    ]  # fmt: skip
    assert "#1" in got[0][0] and "Showing the first 1 of 2 rows." in got[0][0]


def test_cards_in_the_order_asked_with_labels_formats_and_notes():
    style = ('<div class="card" style="flex:1 1 10rem;border:1px solid #d9dee5;border-radius:8px;'
             'padding:0.8rem 1rem"><div class="card-value" style="font-size:1.8rem;'
             'font-weight:700;line-height:1.1">')  # fmt: skip
    head = '<div class="cards" style="display:flex;flex-wrap:wrap;gap:0.8rem;margin:0.8rem 0">'
    out = d.cards_html({"activities": 1200, "engagement_rate": 0.32})
    assert out == (
        f'{head}{style}1,200</div><div class="card-label">Activities</div></div>'
        f'{style}32%</div><div class="card-label">Engagement rate</div></div></div>'
    )
    out = d.cards_html({"a": 0.5, "b": 2}, labels={"zz": "None", "b": "Bees"},
                       formats={"b": "{:.1f}"}, notes={"b": "of <3>"})  # fmt: skip
    assert out == (
        f'{head}{style}2.0</div><div class="card-label">Bees</div>'
        '<div class="card-note">of &lt;3&gt;</div></div></div>'
    )


def test_facts_nested_with_a_caption():
    out = d.facts_html({"source_file": "report.md", "counts": {"rows": 1200, "ok": True}}, "<F>")
    assert out == (
        '<table class="facts"><caption>&lt;F&gt;</caption><tbody>'
        '<tr><th scope="row">Source file</th><td>report.md</td></tr>'
        '<tr><th scope="row">Counts · rows</th><td>1,200</td></tr>'
        '<tr><th scope="row">Counts · ok</th><td>yes</td></tr></tbody></table>'
    )
    assert d.facts_html({}) == '<table class="facts"><tbody></tbody></table>'


def test_an_excerpt_numbered_aligned_cut_and_marked():
    lines = [(8, "Seoul"), (9, "<b>" + "x" * 10), (10, "Tehran")]
    out = d.excerpt_html(lines, 9, max_chars=6)
    assert out == (
        '<details class="excerpt"><summary>The report&#x27;s text around line 9</summary>'
        '<pre class="excerpt"><span class="ln"> 8</span> Seoul\n'
        '<mark style="background:#fff4d6"><span class="ln"> 9</span> &lt;b&gt;xx…</mark>\n'
        '<span class="ln">10</span> Tehran</pre></details>'
    )
    assert d.excerpt_html([(3, "abcdef")], max_chars=6) == (
        '<details class="excerpt"><summary>The report&#x27;s text</summary>'
        '<pre class="excerpt"><span class="ln">3</span> abcdef</pre></details>'
    )
    assert d.excerpt_html([]) == ""
    assert "> abcde…</pre>" in d.excerpt_html([(1, "abcde  fgh")], max_chars=7)
    assert "x" * 199 + "…" in d.excerpt_html([(1, "x" * 201)])


def test_findings_grouped_by_action_then_kind():
    q = pd.DataFrame(
        [("warning", "unmatched_name", "A name is not on the roster.", "'Sevila' <x>", 12,
          "2022-T1-03", [(12, "Members: Sevila")]),
         ("warning", "unmatched_name", "A name is not on the roster.", "'Lyon'", 14, None, None),
         ("odd", "other_kind", "Something.", "d", 0, None, [])],
        columns=["severity", "kind", "sentence", "detail", "source_line", "activity_id",
                 "context"],
    )  # fmt: skip
    out = d.findings_html([("Add an alias", q), ("Nothing to do", q.iloc[:0])])
    assert out == (
        '<div class="findings"><h3 id="todo-add-an-alias">Add an alias '
        '<span class="count">(3)</span></h3>'
        '<div class="finding-kind warning"><p class="sentence"><span class="severity">Warning'
        "</span> A name is not on the roster.</p><ul>"
        '<li><span class="detail">&#x27;Sevila&#x27; &lt;x&gt;</span> <span class="where">'
        "(line 12, activity 2022-T1-03)</span>"
        '<details class="excerpt"><summary>The report&#x27;s text around line 12</summary>'
        '<pre class="excerpt"><mark style="background:#fff4d6"><span class="ln">12</span> '
        "Members: Sevila</mark></pre></details></li>"
        '<li><span class="detail">&#x27;Lyon&#x27;</span> <span class="where">(line 14)</span>'
        "</li></ul></div>"
        '<div class="finding-kind odd"><p class="sentence"><span class="severity">odd</span> '
        'Something.</p><ul><li><span class="detail">d</span> <span class="where">(the whole '
        "report)</span></li></ul></div>"
        '<h3 id="todo-nothing-to-do">Nothing to do <span class="count">(0)</span></h3></div>'
    )
    assert d.SEVERITY_WORDS == {"error": "Error", "warning": "Warning", "info": "For information"}


def test_a_charts_smallest_text_and_where_it_sits():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    assert d.smallest_text_pt(fig) is None
    fig.text(0.1, 0.1, "  ", fontsize=1)
    fig.text(0.5, 0.5, "ab", fontsize=7.5)
    fig.text(0.5, 0.2, "cd", fontsize=8)
    assert d.smallest_text_pt(fig) == 7.5
    ax = fig.add_subplot()
    assert d._figure_of(ax) is fig and d._figure_of(fig) is fig
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (300).to_bytes(4, "big") + (7).to_bytes(4, "big")
    assert d._png_size(png) == (300, 7)


def test_a_chart_with_its_alt_text_caption_and_interpretation():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1), layout="constrained")
    fig.text(0.5, 0.5, "x", fontsize=9)
    out = d.figure_html(fig, "Cap <1>", interpretation="Most <took> part.", alt="Alt", dpi=72)
    assert out.startswith(
        '<figure class="chart"><div class="chart-scroll"><img src="data:image/png'
    )
    assert out.endswith(
        '" alt="Alt" width="72" height="72" data-text-px="9.00" style="--chart-min:72px"></div>'
        '<figcaption><span class="fig-title">Cap &lt;1&gt;</span> <span class="fig-note">'
        "Most &lt;took&gt; part.</span></figcaption></figure>"
    )
    out = d.figure_html(Figure(figsize=(1, 1), layout="constrained"), "Cap", dpi=72)
    assert out.endswith(
        '" alt="Cap" width="72" height="72"></div><figcaption><span class="fig-title">Cap</span>'
        "</figcaption></figure>"
    )


def test_a_chart_is_shown_with_its_caption_interpretation_alt_text_and_resolution(shown: list):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1), layout="constrained")
    fig.text(0.5, 0.5, "x", fontsize=9)
    d.show_figure(fig, "Cap", interpretation="Most took part.", alt="Alt", dpi=72)
    ((obj, kw),) = shown
    assert kw["metadata"] == {"helpers": {"kind": "figure"}}
    assert obj.data == d.figure_html(
        fig, "Cap", interpretation="Most took part.", alt="Alt", dpi=72
    )
    assert 'width="72"' in obj.data and 'alt="Alt"' in obj.data


def test_the_matplotlib_canvas_behind_a_grid_an_axes_or_a_chart():
    from types import SimpleNamespace

    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    grid = SimpleNamespace(fig=fig)  # a seaborn grid keeps its figure as `fig`
    assert d._figure_of(grid) is fig and d._figure_of(ax) is fig and d._figure_of(fig) is fig
    plain = SimpleNamespace()
    assert d._figure_of(plain) is plain


def test_a_finding_on_line_one_and_a_heading_id_from_an_action_ending_in_punctuation():
    row = {"source_line": 1, "detail": "x", "activity_id": None}
    assert '<span class="where">(line 1)</span>' in d._finding_html(row)
    q = pd.DataFrame([("info", "k", "S.", "d", 0, None, [])], columns=[
        "severity", "kind", "sentence", "detail", "source_line", "activity_id", "context"])  # fmt: skip
    assert '<h3 id="todo-check-a-date">' in d.findings_html([("Check a date!", q)])


def test_a_chart_at_the_usual_resolution_keeps_its_text_legible_and_embeds_a_png():
    import base64 as b64

    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1), layout="constrained")
    fig.text(0.5, 0.5, "x", fontsize=18)  # 18 pt at 72 dpi: 18 px, twice the least
    out = d.figure_html(fig, "Cap", dpi=72)
    assert 'width="72" height="72" data-text-px="18.00" style="--chart-min:36px"' in out
    data = out.split("base64,", 1)[1].split('"', 1)[0]
    assert b64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")
    assert 'width="110" height="110"' in d.figure_html(fig, "Cap")  # 110 dpi unless told


def test_findings_for_information_folded_in_one_counted_line_as_the_browser_gets_it(shown):
    info = pd.DataFrame(
        [
            {"kind": "b_kind", "sentence": "Dropped <furniture>.", "detail": "page 3 footer",
             "source_line": 40, "activity_id": None, "context": []},
            {"kind": "a_kind", "sentence": "Not a member.", "detail": "'Kigali' & co",
             "source_line": 0, "activity_id": "2022-T1-04", "context": []},
            {"kind": "b_kind", "sentence": "ignored: the kind's first sentence is shown",
             "detail": "page 4 footer", "source_line": 52, "activity_id": None,
             "context": [(51, "a"), (52, "b")]},
        ]
    )  # fmt: skip
    excerpt = d.excerpt_html([(51, "a"), (52, "b")], 52)
    assert d.info_findings_html(info) == (
        '<details class="findings info-findings"><summary class="counted">'
        '<span class="severity">For information</span> '
        "Nothing to do: 3 findings of 2 kinds, listed here for the record</summary>"
        '<div class="finding-kind info"><p class="sentence">Dropped &lt;furniture&gt;. '
        '<span class="count">(2)</span></p><ul>'
        '<li><span class="detail">page 3 footer</span> <span class="where">(line 40)</span></li>'
        '<li><span class="detail">page 4 footer</span> <span class="where">(line 52)</span>'
        f"{excerpt}</li></ul></div>"
        '<div class="finding-kind info"><p class="sentence">Not a member. '
        '<span class="count">(1)</span></p><ul>'
        '<li><span class="detail">&#x27;Kigali&#x27; &amp; co</span> '
        '<span class="where">(the whole report, activity 2022-T1-04)</span></li></ul></div>'
        "</details>"
    )  # kinds in the order given, not sorted
    one = d.info_findings_html(info.iloc[[1]])
    assert "Nothing to do: 1 finding, listed here for the record</summary>" in one
    assert d.info_findings_html(info.iloc[:0]) == ""
    d.show_info_findings(info.iloc[:0])  # nothing shown
    d.show_info_findings(info)
    assert [(obj.data, kw["metadata"]["helpers"]["kind"]) for obj, kw in shown] == [
        (d.info_findings_html(info), "findings")]  # fmt: skip


def test_show_table_defaults_and_every_choice_passed_on(shown):
    many = pd.DataFrame({"n": range(51)})
    d.show_table(many)  # 50 rows at most by default
    d.show_table(many.iloc[:0])  # an empty frame: the default sentence
    d.show_table(pd.DataFrame({"t": ["x" * 241, "y" * 240]}))  # cut past 240 characters
    named = pd.DataFrame({"n": [1]}, index=pd.Index(["Seoul"], name="member"))
    d.show_table(named, index=False, labels={"n": "Count"})
    d.show_table(many.iloc[:0], empty="No member.")
    got = [obj.data for obj, _ in shown]
    assert "Showing the first 50 of 51 rows." in got[0] and got[0].count("<tr") == 51
    assert got[1] == '<div class="helpers-table"><p class="empty">Nothing to show.</p></div>'
    assert f'title="{"x" * 241}">' in got[2] and f">{'y' * 240}</td>" in got[2]
    assert "Member" not in got[3] and "Seoul" not in got[3] and ">Count</th>" in got[3]
    assert got[4] == '<div class="helpers-table"><p class="empty">No member.</p></div>'


def test_table_edges_cut_wide_labels_and_no_rows():
    df = pd.DataFrame({"t": ["abcd efgh"], 7: ["x" * 60], "u": ["y" * 59]})
    out = d.table_html(df, max_chars=6, labels={7: "Seven"})
    assert '<td title="abcd efgh">abcd…</td>' in out  # cut at a space: no blank left
    assert '<th scope="col" class="nw wide">Seven</th>' in out  # labels for any column name
    assert '<th scope="col" class="nw">U</th>' in out  # 59 characters: not wide yet
    assert f'title="{"x" * 241}"' in d.table_html(pd.DataFrame({"t": ["x" * 241]}))  # 240
    named = pd.DataFrame({"n": [1]}, index=pd.Index(["Seoul"], name="member"))
    assert "Seoul" not in d.table_html(named, index=False)
    assert "Seoul" in d.table_html(named)
    none = d.table_html(pd.DataFrame({"n": [1, 2]}), max_rows=0)
    assert "<tbody></tbody>" in none and "Showing the first 0 of 2 rows." in none


def test_a_png_size_is_read_from_its_header_four_bytes_each_big_endian():
    head = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    wide = head + (2**24 + 3).to_bytes(4, "big") + (2**25 + 1).to_bytes(4, "big")
    assert d._png_size(wide) == (2**24 + 3, 2**25 + 1)


def test_one_word_cells_up_to_twenty_four_characters_and_never_an_empty_one():
    df = pd.DataFrame({"t": ["", "a" * 24, "b" * 25]})
    out = d.table_html(df)
    assert "<td></td>" in out and f'<td class="nw">{"a" * 24}</td>' in out
    assert f"<td>{'b' * 25}</td>" in out


def test_show_findings_with_groups_and_a_chart_at_110_dpi(shown):
    from matplotlib.figure import Figure

    df = pd.DataFrame([{"kind": "k", "severity": "warning", "sentence": "S.", "detail": "x",
                        "source_line": 3, "activity_id": None, "context": []}])  # fmt: skip
    d.show_findings([("Check the report", df)])
    fig = Figure(figsize=(2, 1), layout="constrained")
    fig.add_subplot().plot([0, 1])
    d.show_figure(fig, "C")
    (findings, _), (chart, _) = shown
    assert findings.data == d.findings_html([("Check the report", df)])
    assert 'width="220" height="110"' in chart.data  # 2 x 1 inches at 110 dots an inch
