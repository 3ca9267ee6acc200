"""The safety check on finished HTML: nothing in a page may run code or fetch from the network."""

from __future__ import annotations

import functools
import re
from typing import Any

from helpers.errors import UserError
from helpers.report.notebooks import _Notebook
from helpers.report.run import _source_cell_number

_LIVE_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form",
        "math",
        # inline SVG itself is allowed (the world map); these parts of it run code, or embed
        # HTML or other documents, or change attributes (an href to javascript:) after the check
        "foreignobject",
        "animate",
        "animatemotion",
        "animatetransform",
        "set",
        "discard",
        "handler",
        "listener",
        # its content is parsed apart from the page, for a script to clone: none is wanted
        "template",
    }
)
# SVG elements that load what their href names: only a reference inside the page (#id) is inert
_SVG_REFERENCES = frozenset({"use", "image", "feimage", "tref", "mpath", "textpath", "pattern",
                             "lineargradient", "radialgradient", "filter", "cursor"})  # fmt: skip


_URL_ATTRS = frozenset(
    {"src", "href", "action", "formaction", "data", "poster", "srcset", "xlink:href"}
)


_LOADING_TAGS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}


# SVG presentation attributes that take url(…): anything but a reference inside the page loads
_PAINT_ATTRS = frozenset({"fill", "stroke", "filter", "clip-path", "mask", "marker-start",
                          "marker-mid", "marker-end"})  # fmt: skip
_PAINT_FETCH = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
_CSS_FETCH = re.compile(r"@import|url\(\s*['\"]?\s*(https?:)?//", re.I)


@functools.lru_cache(maxsize=8192)
def _element_findings(tag: str, attrs: tuple[tuple[str, str | None], ...]) -> tuple[str, ...]:
    """``_attribute_findings`` of one element, kept: the pages repeat the same elements (the
    map's circles and paths on every member profile)."""
    return tuple(_attribute_findings(tag, dict(attrs)))


def _attribute_findings(tag: str, attrs: dict[str, str | None]) -> list[str]:
    """What one element's attributes could run or load."""
    found: list[str] = []
    if _CSS_FETCH.search(attrs.get("style") or ""):
        found.append(f"<{tag} style> loads from the network")
    if tag == "meta" and "http-equiv" in attrs:
        found.append("<meta http-equiv>")
    for name, value in attrs.items():
        low = name.lower()
        if low.startswith("on"):
            found.append(f"{low}= attribute on <{tag}>")
        if low in _PAINT_ATTRS and _PAINT_FETCH.search(value or ""):
            found.append(f"<{tag} {low}=url(…)> loads another file")
        if low in _URL_ATTRS and value:
            v = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
            if v.startswith(("javascript:", "vbscript:")):
                found.append(f"javascript: URL in <{tag} {low}>")
            elif v.startswith("data:") and not re.match(r"data:image/(png|jpeg|gif);base64,", v):
                found.append(f"data: URL in <{tag} {low}>")
    if tag in _SVG_REFERENCES:
        for name in ("href", "xlink:href"):
            if not (attrs.get(name) or "#").strip().startswith("#"):
                found.append(f"<{tag} {name}> to another file")
    src_attr = _LOADING_TAGS.get(tag)
    if src_attr and re.match(r"\s*(https?:)?//", attrs.get(src_attr) or "", re.I):
        found.append(f"<{tag} {src_attr}> loads from the network")
    if tag == "link" and (attrs.get("rel") or "").lower() in {"import", "stylesheet", "preload"}:
        if not (attrs.get("href") or "").startswith("#"):
            found.append("<link> to another file")
    return found


def live_markup(html_text: str, *, allowed_inline_scripts: int = 0) -> list[str]:
    """What in ``html_text`` could run code or fetch from the network (empty list: safe).

    The page is parsed as a browser parses it (the HTML5 parsing algorithm, by selectolax's
    Lexbor engine), so markup that a simpler parser would take for a comment or for text is
    still found. Escaped text never counts; ``allowed_inline_scripts`` inline ``<script>``
    elements without ``src`` are allowed (the report template's own table sorter).
    """
    from selectolax.lexbor import LexborHTMLParser

    findings: list[str] = []
    inline = 0
    for node in LexborHTMLParser(html_text).root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        attrs = node.attributes
        if tag == "script":
            if attrs.get("src"):
                findings.append("<script src>")
            else:
                inline += 1
        elif tag in _LIVE_TAGS:
            findings.append(f"<{tag}>")
        elif tag == "style" and _CSS_FETCH.search(node.text(deep=True)):
            findings.append("<style> loads from the network")
        findings += _element_findings(tag, tuple(attrs.items()))
    if inline > allowed_inline_scripts:
        findings.append("<script>")
    return list(dict.fromkeys(findings))


def _check_outputs(executed: Any, nb: _Notebook, label: str) -> None:
    """Every HTML/markdown output must be inert: data goes through helpers.show.display."""
    for index, cell in enumerate(executed.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            text = "".join(data.get("text/html", "")) + "".join(data.get("text/markdown", ""))
            if not text or "<" not in text:
                continue
            found = live_markup(text)
            if found:
                number = _source_cell_number(nb, index, executed)
                raise UserError(
                    f"{nb.path.name} cell {number} shows live markup ({', '.join(found[:3])}): "
                    f"show data with helpers.show.display (show_table, say, show_figure) — {label}"
                )
