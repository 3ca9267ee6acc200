"""The safety check on finished HTML, rule by rule: each element or attribute that could run
code or fetch from the network is named, and the inert forms next to it are not
(helpers.report.safety)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers.errors import UserError
from helpers.report import safety
from helpers.report.safety import _check_outputs, live_markup


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each element's findings are cached for the process: read them afresh in each test (a
    cache filled before, by another test or process, would answer in the rules' place)."""
    safety._element_findings.cache_clear()


@pytest.mark.parametrize(
    ("page", "found"),
    [
        ("<iframe></iframe>", ["<iframe>"]),
        ("<frameset><frame src=x></frameset>", ["<frameset>", "<frame>"]),
        ("<object></object>", ["<object>"]),
        ("<embed>", ["<embed>"]),
        ("<applet></applet>", ["<applet>"]),
        ('<base href="https://example.org/">', ["<base>"]),
        ("<form></form>", ["<form>"]),
        ("<template></template>", ["<template>"]),
        ("<svg><foreignObject></foreignObject><animate/><set/></svg>",
         ["<foreignobject>", "<animate>", "<set>"]),
        ("<svg><animateMotion/><animateTransform/><discard/><handler/><listener/></svg>",
         ["<animatemotion>", "<animatetransform>", "<discard>", "<handler>", "<listener>"]),
    ],
)  # fmt: skip
def test_elements_that_run_or_embed(page, found):
    assert live_markup(page) == found


def test_scripts_inline_ones_counted_against_those_allowed():
    assert live_markup('<script src="sort.js"></script>') == ["<script src>"]
    one, two = "<script>sort()</script>", "<script>sort()</script><script>more()</script>"
    assert live_markup(one) == ["<script>"]
    assert live_markup(one, allowed_inline_scripts=1) == []
    assert live_markup(two, allowed_inline_scripts=1) == ["<script>"]
    assert live_markup(two, allowed_inline_scripts=2) == []


@pytest.mark.parametrize(
    ("css", "loads"),
    [
        ("@import 'x.css';", True),
        ("p { background: url(https://example.org/x.png) }", True),
        ("p { background: url('//example.org/x.png') }", True),
        ("p { background: URL( HTTP://example.org/x.png) }", True),
        ("p { background: url(x.png) }", False),  # a file beside the page
        ("p { color: red }", False),
    ],
)
def test_style_that_loads_from_the_network(css, loads):
    assert live_markup(f"<style>{css}</style>") == (
        ["<style> loads from the network"] if loads else []
    )
    style = css.split("{")[-1].strip(" }") if "{" in css else css
    page = f'<p style="{style}">x</p>'.replace("'", "")
    assert live_markup(page) == (["<p style> loads from the network"] if loads else [])


def test_meta_refresh_and_handlers():
    page = '<meta http-equiv="refresh" content="0;url=https://example.org"><meta charset="utf-8">'
    assert live_markup(page) == ["<meta http-equiv>"]
    assert live_markup('<p ONCLICK="x()" onMouseOver="y()" title="on">x</p>') == [
        "onclick= attribute on <p>", "onmouseover= attribute on <p>"]  # fmt: skip


@pytest.mark.parametrize(
    "attr", ["fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid",
             "marker-end"],
)  # fmt: skip
def test_paint_that_loads_another_file(attr):
    assert live_markup(f'<svg><rect {attr}="url(other.svg#p)"/></svg>') == [
        f"<rect {attr}=url(…)> loads another file"]  # fmt: skip
    assert live_markup(f'<svg><rect {attr}="url(#p)"/></svg>') == []
    assert live_markup(f'<svg><rect {attr}="#E69F00"/></svg>') == []


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("javascript:alert(1)", "javascript: URL in <a href>"),
        ("JavaScript:alert(1)", "javascript: URL in <a href>"),
        ("java\tscript:alert(1)", "javascript: URL in <a href>"),
        ("vbscript:msgbox", "javascript: URL in <a href>"),
        ("data:text/html,<script>x</script>", "data: URL in <a href>"),
        ("data:image/svg+xml;base64,PHN2Zz4=", "data: URL in <a href>"),
        ("data:image/png;base64,iVBORw0=", None),
        ("data:image/jpeg;base64,/9j/", None),
        ("data:image/gif;base64,R0lG", None),
        ("#top", None),
        ("seoul.html", None),
        ("", None),
    ],
)
def test_urls_that_run_or_embed(value, found):
    assert live_markup(f'<a href="{value}">x</a>') == ([found] if found else [])


@pytest.mark.parametrize(
    "attr", ["src", "href", "action", "formaction", "data", "poster", "srcset", "xlink:href"]
)
def test_every_url_attribute_is_read(attr):
    assert f"javascript: URL in <p {attr}>" in live_markup(f'<p {attr}="javascript:x()">x</p>')


@pytest.mark.parametrize(
    "tag", ["use", "image", "feImage", "tref", "mpath", "textPath", "pattern", "linearGradient",
            "radialGradient", "filter", "cursor"],
)  # fmt: skip
def test_svg_references_inside_the_page_only(tag):
    low = tag.lower()
    assert live_markup(f'<svg><{tag} href="other.svg#a"/></svg>') == [
        f"<{low} href> to another file"]  # fmt: skip
    assert live_markup(f'<svg><{tag} xlink:href="other.svg#a"/></svg>') == [
        f"<{low} xlink:href> to another file"]  # fmt: skip
    assert live_markup(f'<svg><{tag} href=" #a"/></svg>') == []
    assert live_markup(f"<svg><{tag}/></svg>") == []


@pytest.mark.parametrize(
    ("tag", "attr"),
    [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
     ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src")],
)  # fmt: skip
def test_what_loads_from_the_network(tag, attr):
    finding = f"<{tag} {attr}> loads from the network"
    for url in ("https://example.org/x", "//example.org/x", " HTTP://example.org/x"):
        assert finding in live_markup(f'<{tag} {attr}="{url}"></{tag}>'), url
    assert finding not in live_markup(f'<{tag} {attr}="x.png"></{tag}>')


@pytest.mark.parametrize(
    ("rel", "href", "found"),
    [("stylesheet", "x.css", True), ("STYLESHEET", "x.css", True), ("import", "x.html", True),
     ("preload", "x.js", True), ("icon", "x.png", False), ("stylesheet", "#s", False),
     ("stylesheet", "", True)],
)  # fmt: skip
def test_links_to_another_file(rel, href, found):
    assert live_markup(f'<link rel="{rel}" href="{href}">') == (
        ["<link> to another file"] if found else [])  # fmt: skip


def test_each_finding_once_in_the_order_first_met():
    page = '<svg><circle onclick="a()"/><circle onclick="b()"/><rect onload="c()"/></svg>'
    assert live_markup(page) == ["onclick= attribute on <circle>", "onload= attribute on <rect>"]


# --------------------------------------------------------------------------- notebook outputs


def _executed(*outputs: dict, injected_before: bool = True):
    cells = [{"outputs": [{"data": {"text/plain": "ok"}}]}]
    if injected_before:
        cells.append({"metadata": {"tags": ["injected-parameters"]}, "outputs": []})
    cells += [{"outputs": [out]} for out in outputs]
    return SimpleNamespace(cells=cells)


NB = SimpleNamespace(path=Path("notebooks/explore.ipynb"), parameters_index=0)


def test_an_output_with_live_markup_names_its_source_cell_and_three_findings():
    live = "<iframe></iframe><object></object><embed><form></form>"
    executed = _executed({"data": {"text/html": "<p>ok</p>"}}, {"data": {"text/markdown": [live]}})
    with pytest.raises(UserError) as err:
        _check_outputs(executed, NB, "2022-T1")
    assert str(err.value) == (
        "explore.ipynb cell 3 shows live markup (<iframe>, <object>, <embed>): show data with "
        "helpers.show.display (show_table, say, show_figure) — 2022-T1"
    )
    with pytest.raises(UserError, match="explore.ipynb cell 4 "):
        _check_outputs(_executed({}, {}, {"data": {"text/html": [live]}}, injected_before=False),
                       NB, "2022-T1")  # fmt: skip


def test_inert_outputs_and_text_pass():
    executed = _executed(
        {"data": {"text/html": "<p>&lt;script&gt;</p>"}},
        {"data": {"text/markdown": "a < b"}},
        {"data": {"text/plain": "<script>x</script>"}},
        {"text": "<script>x</script>"},
    )
    _check_outputs(executed, NB, "2022-T1")


def test_an_output_split_in_pieces_is_read_whole_and_every_output_of_a_cell_is_read():
    # a notebook stores an output as a list of strings: a tag may run over two of them
    for key in ("text/html", "text/markdown"):
        split = _executed({"data": {key: ["<ifr", "ame></iframe>"]}})
        with pytest.raises(UserError, match=r"cell 2 shows live markup \(<iframe>\)"):
            _check_outputs(split, NB, "2022-T1")
    # an output with nothing to check does not end the reading of the cell's next ones
    cell = {"outputs": [{"data": {"text/html": "plain words"}},
                        {"data": {"text/html": "<embed>"}}]}  # fmt: skip
    executed = SimpleNamespace(cells=[{"cell_type": "markdown", "source": "# no outputs"}, cell])
    with pytest.raises(UserError, match=r"shows live markup \(<embed>\)"):
        _check_outputs(executed, SimpleNamespace(path=NB.path, parameters_index=None), "x")


def test_a_cell_without_outputs_passes():
    executed = SimpleNamespace(cells=[{"cell_type": "markdown", "source": "# Title"}])
    _check_outputs(executed, NB, "2022-T1")


@pytest.mark.parametrize(
    "page",
    [
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">',
        '<div http-equiv="refresh" content="0">a div, not a meta</div>',
        '<p title="javascript:alert(1)" class="data:text/html,x">names, not URLs</p>',
        "<p>body { background: url(https://x.test/a.png) } @import 'a.css'</p>",  # text is data
    ],
)
def test_inert_look_alikes(page):
    assert live_markup(page) == []
