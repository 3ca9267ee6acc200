"""The safety check on finished HTML (helpers.report.safety.live_markup) accepts inline SVG
drawings, like the world map, and still finds everything in SVG that runs code, embeds other
documents or loads another file."""

from __future__ import annotations

import pytest

from helpers.report.safety import live_markup

DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-label="a map">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
    '<path d="M1 1l2 2z" fill="url(#g)"/><use href="#g"/>'
    '<circle cx="1" cy="2" r="3" fill="#E69F00"><title>Seoul &lt;b&gt;</title></circle>'
    '<text x="1" y="1">Seoul</text></svg>'
)


def test_an_inline_drawing_is_inert():
    assert live_markup(DRAWING) == []


@pytest.mark.parametrize(
    "inside,finding",
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<circle r="1" onclick="alert(1)"/>', "onclick= attribute"),
        ('<circle r="1" onmouseover="alert(1)"/>', "onmouseover= attribute"),
        ('<a href="javascript:alert(1)"><text>x</text></a>', "javascript: URL"),
        ('<a xlink:href=" javascript:alert(1)"><text>x</text></a>', "javascript: URL"),
        ("<foreignObject><p>html</p></foreignObject>", "<foreignobject>"),
        ('<animate attributeName="href" to="javascript:alert(1)"/>', "<animate>"),
        ('<set attributeName="onclick" to="alert(1)"/>', "<set>"),
        ('<use href="https://example.org/x.svg#a"/>', "<use href> to another file"),
        ('<image href="//example.org/x.png"/>', "<image href> to another file"),
        ('<rect fill="url(https://example.org/p.svg#p)"/>', "fill=url(…)> loads another file"),
        ("<style>@import url(//example.org/x.css);</style>", "<style> loads from the network"),
    ],
)
def test_live_parts_of_svg_are_found(inside, finding):
    page = DRAWING.replace("</svg>", inside + "</svg>")
    found = live_markup(page)
    assert any(finding in f for f in found), found


def test_math_markup_is_still_refused():
    assert live_markup("<math><mi>x</mi></math>") == ["<math>"]


@pytest.mark.parametrize(
    "page,finding",
    [
        # a browser ends this comment at "--!>" and runs the script (a simpler parser reads the
        # whole line as one comment)
        ("<!-- x --!><script>alert(1)</script> -->", "<script>"),
        ("<SCRIPT>alert(1)</SCRIPT>", "<script>"),
        ('<img src="x" /onerror=alert(1)>', "onerror= attribute on <img>"),
        ("<svg><FOREIGNOBJECT></FOREIGNOBJECT></svg>", "<foreignobject>"),
        ("<template><img src=x onerror=alert(1)></template>", "<template>"),
        ('<p style="background:url(//example.org/x.png)">x</p>', "<p style> loads"),
    ],
)
def test_markup_is_read_as_a_browser_reads_it(page, finding):
    assert any(finding in f for f in live_markup(page)), live_markup(page)


def test_text_that_only_looks_like_markup_is_inert():
    assert live_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt; 3 &lt; 4</p>") == []
    assert live_markup("<textarea><script>alert(1)</script></textarea>") == []  # raw text
