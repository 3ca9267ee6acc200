"""Export an executed notebook to one self-contained HTML page with the nbconvert template
(``templates/metropolis``), and add its table of contents."""

from __future__ import annotations

import html
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from html.parser import HTMLParser
from typing import Any, TypeVar

from helpers.errors import UserError
from helpers.report.constants import (
    DISPLAY_PRIORITY,
    METADATA_KEY,
    TEMPLATE_DIR,
    TEMPLATE_NAME,
    TOC_MARK,
)
from helpers.report.notebooks import _Notebook
from helpers.report.safety import live_markup

T = TypeVar("T")


class _Headings(HTMLParser):
    """h2/h3 headings with ids, as (level, id, text), skipping nbconvert's ¶ anchor links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[int, str, str]] = []
        self._current: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = dict(attrs)
        if tag in ("h2", "h3") and amap.get("id"):
            self._current = (int(tag[1]), amap["id"] or "")
            self._text = []
        elif tag == "a" and self._current and "anchor-link" in (amap.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
        elif self._current and tag == f"h{self._current[0]}":
            text = " ".join("".join(self._text).split())
            self.items.append((self._current[0], self._current[1], text))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current and not self._skip:
            self._text.append(data)


def _with_toc(page: str) -> str:
    scan = _Headings()
    scan.feed(page)
    items = "".join(
        f'<li class="level-{level}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>'
        for level, anchor, text in scan.items
    )
    return page.replace(TOC_MARK, f"<ol>{items}</ol>", 1)


_EXPORTER: Any = None
HIDDEN_CELL_TAGS = ("parameters", "injected-parameters", "remove-cell")


def _exporter() -> Any:
    """nbconvert's TemplateExporter with the Metropolis template, configured with nbconvert's
    own options: no inputs or prompts (``exclude_*``), and the parameters cells removed by
    ``TagRemovePreprocessor``. It is a TemplateExporter, not an HTMLExporter, because the
    template is complete in itself (its own CSS, alt texts, no JupyterLab theme)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert.exporters.templateexporter import TemplateExporter
        from traitlets import default
        from traitlets.config import Config

        class ReportExporter(TemplateExporter):
            """One self-contained HTML page per notebook (``templates/metropolis``)."""

            output_mimetype = "text/html"

            @default("file_extension")
            def _file_extension_default(self) -> str:
                return ".html"

        c = Config()
        c.ReportExporter.template_name = TEMPLATE_NAME
        c.ReportExporter.extra_template_basedirs = [str(TEMPLATE_DIR)]
        c.ReportExporter.exclude_input = True
        c.ReportExporter.exclude_input_prompt = True
        c.ReportExporter.exclude_output_prompt = True
        c.NbConvertBase.display_data_priority = DISPLAY_PRIORITY
        c.TagRemovePreprocessor.enabled = True
        c.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_CELL_TAGS)
        _EXPORTER = ReportExporter(config=c)
    return _EXPORTER


def _export(executed: Any, context: dict[str, Any], nb: _Notebook, label: str) -> str:
    page, _ = _exporter().from_notebook_node(executed, resources={"helpers": context})
    page = _with_toc(page)
    found = live_markup(page, allowed_inline_scripts=1)
    if found:
        raise UserError(
            f"{nb.path.name} would render live or networked markup ({', '.join(found[:3])}); "
            f"a markdown cell or output needs fixing — {label}"
        )
    return page


def _records(executed: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for cell in executed.cells:
        for o in cell.get("outputs", []):
            rec = o.get("metadata", {}).get(METADATA_KEY, {}).get("record")
            if isinstance(rec, dict):
                out.update(rec)
    return out


_WORKER: Any = None


def in_background(fn: Callable[..., T], *args: Any) -> Future[T]:
    """Run ``fn(*args)`` on the one export thread (pages are exported one at a time, in the
    order their notebooks finished, while the event loop keeps the kernels busy)."""
    global _WORKER
    if _WORKER is None:
        _WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
    return _WORKER.submit(fn, *args)
