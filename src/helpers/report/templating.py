"""Every page that is not a notebook is made here (:func:`render_page`): a Jinja template
extending ``base.html.j2`` (one layout, one CSS) with every value autoescaped, and the finished
page through the safety check. Used by the index, the board briefs, the explorer and the
member pages."""

from __future__ import annotations

from typing import Any

from helpers.errors import UserError
from helpers.report.constants import TEMPLATE_DIR
from helpers.report.safety import live_markup


def _figure(figures: dict[str, Any], group: str, key: str) -> Any:
    return (figures.get(group) or {}).get(key)


def _fmt(value: Any, kind: str = "int") -> str:
    """Index cell text: missing as —, rates as %, counts with thousands separators."""
    if value is None or isinstance(value, bool):
        return "—" if value is None else ("yes" if value else "no")
    if isinstance(value, int | float):
        if kind == "rate":
            return f"{value:.0%}"
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return str(value)


_ENV: Any = None


def environment() -> Any:
    """The Jinja environment of every non-notebook page (autoescaped, strict)."""
    global _ENV
    if _ENV is None:
        import jinja2

        _ENV = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        # tojson (page data): compact, stable, and the page's own UTF-8
        _ENV.policies["json.dumps_kwargs"] = {
            "sort_keys": True, "separators": (",", ":"), "ensure_ascii": False
        }  # fmt: skip
        _ENV.filters["fmt"] = _fmt
        _ENV.globals["fig"] = _figure
    return _ENV


def render_page(template: str, **context: Any) -> str:
    """Render ``template`` with ``context``; a page that would hold live or networked markup
    (anything but its one script element, the sorter, the scroll cues and the page's own
    ``scripts``, and its one data element, when ``page_data``) is refused."""
    context.setdefault("nav", [])
    context.setdefault("sortable", False)
    context.setdefault("scripts", [])
    context.setdefault("page_data", None)
    page = environment().get_template(template).render(**context)
    found = live_markup(page, allowed_inline_scripts=1 + (context["page_data"] is not None))
    if found:
        raise UserError(f"{template} would render live markup ({', '.join(found[:3])})")
    return page
