"""Render a period's analysis notebooks into shareable HTML reports, all in this one process.

``render_period("2022-T1")`` runs ``notebooks/02_engagement``, ``03_coverage`` and
``04_quality`` with papermill (parameter ``period``), exports each to one self-contained HTML
file (no code, no prompts, table of contents, embedded PNG figures, inline CSS and JS, nothing
fetched from the network) and writes ``reports/<period>/`` plus ``reports/index.html``.

Nothing is replaced until everything succeeded: the run writes into a hidden temporary folder
next to ``reports/<period>/`` and renames it into place at the end. A failing notebook is a
:class:`~helpers.errors.UserError` naming the notebook and the cell; the last good report stays.

Speed: papermill and nbconvert are imported once, each notebook gets a fresh kernel (no state
leaks between notebooks), and the next notebook's kernel boots and imports what that notebook
imports while the current one runs.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from helpers import provenance
from helpers.errors import UserError
from helpers.files import swap_into_place, update_with_files, write_text_atomic
from helpers.periods import (
    PERIOD_RE,
    Period,
    parse_period,
    processed_dir,
    project_root,
    reports_dir,
)

Progress = Callable[[str], None]

ANALYSIS_NOTEBOOKS: tuple[str, ...] = ("02_engagement", "03_coverage", "04_quality")
PROJECT_KERNEL = "metropolis-workbench"
FALLBACK_KERNEL = "python3"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "metropolis"
INDEX_TEMPLATE = "reports_index.html.j2"
TOC_MARK = "<!--helpers:toc-->"
SUMMARY_FILE = "summary.json"
DISPLAY_PRIORITY = ["text/html", "image/png", "image/jpeg", "text/markdown", "text/plain"]
STALE_SECONDS = 6 * 3600
METADATA_KEY = "helpers"  # helpers.display marks its outputs with this metadata key

__all__ = [
    "ANALYSIS_NOTEBOOKS",
    "render_period",
    "render_trends",
    "write_index",
    "kernel_name",
    "live_markup",
]


# --------------------------------------------------------------------------- imports


def _skip_slow_optional_import() -> None:
    """jsonschema (imported by nbformat) imports ``rfc3987_syntax`` when installed, to check
    the ``iri`` string format; that import builds a grammar and costs about a second. No
    notebook schema uses the format, so this process does without it."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _import_jupyter() -> None:
    """Import papermill and nbconvert once (the slow part of a report run's start)."""
    _skip_slow_optional_import()
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


# --------------------------------------------------------------------------- notebooks


@dataclass(frozen=True)
class _Notebook:
    name: str
    path: Path
    title: str
    imports: tuple[str, ...]
    parameters_index: int


def _cells(nb: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(cell_type, source, tags) of each cell of a notebook read as plain JSON."""
    out = []
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else str(src)
        out.append((cell.get("cell_type", ""), src, list(cell.get("metadata", {}).get("tags", []))))
    return out


def _title_of(cells: list[tuple[str, str, list[str]]], fallback: str) -> str:
    for kind, src, _ in cells:
        if kind == "markdown":
            m = re.search(r"^#\s+(.+?)\s*#*\s*$", src, re.M)
            if m:
                return m.group(1).strip()
    return fallback.split("_", 1)[-1].replace("_", " ").capitalize()


def _imports_of(cells: list[tuple[str, str, list[str]]]) -> tuple[str, ...]:
    """Modules the code cells import (``from a import b`` gives ``a`` and ``a.b``)."""
    mods: list[str] = []
    for kind, src, _ in cells:
        if kind != "code":
            continue
        code = "\n".join(ln for ln in src.splitlines() if not ln.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                mods += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                mods.append(node.module)
                mods += [f"{node.module}.{a.name}" for a in node.names if a.name != "*"]
    return tuple(dict.fromkeys(mods))


def _notebooks_dir(base: Path, given: Path | None) -> Path:
    if given is not None:
        return given
    if (base / "notebooks").is_dir():
        return base / "notebooks"
    return Path(__file__).resolve().parents[3] / "notebooks"  # the source checkout


def _read_notebooks(folder: Path, names: Sequence[str]) -> list[_Notebook]:
    """Read the notebooks as JSON (no nbformat import yet: the first kernel starts sooner)."""
    out = []
    for name in names:
        path = folder / f"{name}.ipynb"
        try:
            cells = _cells(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise UserError(f"notebook {path} is missing: restore it from git") from None
        except (OSError, ValueError) as exc:
            raise UserError(f"notebook {path} cannot be read ({exc}): restore it from git") from exc
        params = next((i for i, c in enumerate(cells) if "parameters" in c[2]), None)
        if params is None:
            raise UserError(f"notebook {path.name} has no cell tagged 'parameters' (period = ...)")
        out.append(_Notebook(name, path, _title_of(cells, name), _imports_of(cells), params))
    return out


def kernel_name() -> str:
    """``metropolis-workbench`` when that kernelspec is installed (``make setup``), else python3."""
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    return PROJECT_KERNEL if PROJECT_KERNEL in specs else FALLBACK_KERNEL


# --------------------------------------------------------------------------- kernels


def _kernel_env(base: Path) -> dict[str, str]:
    """The kernel sees this ``helpers`` package and this project root."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    parts = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([src, *[p for p in parts if p != src]])
    env["METROPOLIS_ROOT"] = str(base)
    return env


def _warm_code(modules: Sequence[str]) -> str:
    """Startup code importing ``modules`` without leaving a name in the user namespace."""
    names = ", ".join(repr(m) for m in modules if re.fullmatch(r"[\w.]+", m))
    return (
        "import importlib as _w\n"
        f"for _m in ({names},):\n"
        "    try:\n"
        "        _w.import_module(_m)\n"
        "    except Exception:\n"
        "        pass\n"
        "del _w, _m\n"
    )


class _Kernels:
    """One fresh kernel per notebook; ``get(i)`` also starts kernel ``i + 1`` so it boots (and
    imports its notebook's modules) while notebook ``i`` runs."""

    def __init__(
        self, name: str, cwd: Path, env: dict[str, str], warm: list[tuple[str, ...]]
    ) -> None:
        self.name, self.cwd, self.env, self.warm = name, cwd, env, warm
        self.started: dict[int, Any] = {}
        self.clients: dict[int, list[Any]] = {}

    def start(self, i: int) -> None:
        if i in self.started or i >= len(self.warm):
            return
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        km = AsyncKernelManager(kernel_name=self.name)
        clients: list[Any] = []
        make_client = km.client

        def tracked_client(**kw: Any) -> Any:  # nbclient leaves its client open on our kernel
            kc = make_client(**kw)
            clients.append(kc)
            return kc

        km.client = tracked_client
        self.clients[i] = clients
        args = ["--HistoryManager.enabled=False", "--IPKernelApp.log_level=ERROR"]
        if self.warm[i]:
            args.append("--IPKernelApp.exec_lines=" + _warm_code(self.warm[i]))
        try:
            run_sync(km.start_kernel)(cwd=str(self.cwd), env=self.env, extra_arguments=args)
        except Exception as exc:
            raise UserError(f"cannot start the Jupyter kernel '{self.name}': {exc}") from exc
        self.started[i] = km

    def get(self, i: int) -> Any:
        self.start(i)
        self.start(i + 1)
        return self.started[i]

    def stop(self, i: int) -> None:
        km = self.started.pop(i, None)
        if km is None:
            return
        from jupyter_core.utils import run_sync

        for kc in self.clients.pop(i, []):
            with contextlib.suppress(Exception):
                kc.stop_channels()
        with contextlib.suppress(Exception):
            run_sync(km.shutdown_kernel)(now=True)

    def close(self) -> None:
        for i in list(self.started):
            self.stop(i)


# --------------------------------------------------------------------------- execution


def _first_line(text: object, limit: int = 160) -> str:
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _failing_line(source: str, traceback: Sequence[str]) -> tuple[str, str]:
    """(", line N" or "", the code on that line) of a failed cell, from the kernel traceback
    (IPython names the cell's frame ``Cell In[7], line 3``)."""
    lines = source.splitlines()
    m = re.search(r"Cell In\[\d*\], line (\d+)", _ANSI.sub("", "\n".join(traceback or [])))
    if m and 0 < int(m.group(1)) <= len(lines):
        n = int(m.group(1))
        return f", line {n}", _first_line(lines[n - 1], 70)
    return "", _first_line(source, 70)


def _source_cell_number(nb: _Notebook, index: int, executed: Any = None) -> int:
    """1-based position in the source notebook of executed cell ``index``: papermill inserts
    an injected-parameters cell after the parameters cell, so later positions shift by one."""
    if executed is not None:
        shift = sum(
            1
            for c in executed.cells[:index]
            if "injected-parameters" in c.get("metadata", {}).get("tags", [])
        )
        return index + 1 - shift
    return index + 1 if index <= nb.parameters_index else index


def _execute(nb: _Notebook, parameters: dict[str, Any], kernel: str, km: Any, label: str) -> Any:
    """Run one notebook with papermill on a started kernel; failures become one-line UserErrors."""
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    try:
        return pm.execute_notebook(
            str(nb.path),
            None,
            parameters=parameters,
            kernel_name=kernel,
            language="python",
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            start_timeout=120,
            km=km,
        )
    except PapermillExecutionError as exc:
        where, code = _failing_line(exc.source, exc.traceback)
        number = _source_cell_number(nb, exc.cell_index)
        what = f"{exc.ename}: {_first_line(exc.evalue)}" if exc.evalue else exc.ename
        raise UserError(
            f"{nb.path.name} failed at cell {number}{where} ({code}): {what} — {label}"
        ) from exc
    except (DeadKernelError, CellTimeoutError, RuntimeError) as exc:
        raise UserError(f"{nb.path.name} could not run: {_first_line(exc)} — {label}") from exc


# --------------------------------------------------------------------------- safety


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
        "svg",
        "math",
    }
)
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


_CSS_FETCH = re.compile(r"@import|url\(\s*['\"]?\s*(https?:)?//", re.I)


class _MarkupScan(HTMLParser):
    """Finds markup that could run code or load from the network."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = dict(attrs)
        self._in_style = tag == "style"
        if _CSS_FETCH.search(amap.get("style") or ""):
            self.findings.append(f"<{tag} style> loads from the network")
        if tag == "script":
            self.scripts.append(amap)
        elif tag in _LIVE_TAGS:
            self.findings.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in amap:
            self.findings.append("<meta http-equiv>")
        for name, value in attrs:
            low = name.lower()
            if low.startswith("on"):
                self.findings.append(f"{low}= attribute on <{tag}>")
            if low in _URL_ATTRS and value:
                v = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
                if v.startswith(("javascript:", "vbscript:")):
                    self.findings.append(f"javascript: URL in <{tag} {low}>")
                elif v.startswith("data:") and not re.match(
                    r"data:image/(png|jpeg|gif);base64,", v
                ):
                    self.findings.append(f"data: URL in <{tag} {low}>")
        src_attr = _LOADING_TAGS.get(tag)
        if src_attr and re.match(r"\s*(https?:)?//", amap.get(src_attr) or "", re.I):
            self.findings.append(f"<{tag} {src_attr}> loads from the network")
        if tag == "link" and (amap.get("rel") or "").lower() in {"import", "stylesheet", "preload"}:
            if not (amap.get("href") or "").startswith("#"):
                self.findings.append("<link> to another file")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_FETCH.search(data):
            self.findings.append("<style> loads from the network")


def live_markup(html_text: str, *, allowed_inline_scripts: int = 0) -> list[str]:
    """What in ``html_text`` could run code or fetch from the network (empty list: safe).

    Escaped text never counts; ``allowed_inline_scripts`` inline ``<script>`` elements without
    ``src`` are allowed (the report template's own table sorter).
    """
    scan = _MarkupScan()
    scan.feed(html_text)
    scan.close()
    findings = list(scan.findings)
    inline = [s for s in scan.scripts if not s.get("src")]
    findings += ["<script src>" for s in scan.scripts if s.get("src")]
    if len(inline) > allowed_inline_scripts:
        findings.append("<script>")
    return list(dict.fromkeys(findings))


def _check_outputs(executed: Any, nb: _Notebook, label: str) -> None:
    """Every HTML/markdown output must be inert: data goes through helpers.display."""
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
                    f"show data with helpers.display (show_table, say, show_figure) — {label}"
                )


# --------------------------------------------------------------------------- HTML export


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


def _exporter() -> Any:
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter
        from nbconvert.exporters.templateexporter import TemplateExporter
        from traitlets.config import Config

        class ReportExporter(HTMLExporter):
            """HTMLExporter without its BeautifulSoup pass, which re-sorts every attribute of a
            finished page (and adds JupyterLab-only attributes); the template writes alt texts."""

            def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> Any:
                return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

        c = Config()
        c.HTMLExporter.template_name = TEMPLATE_NAME
        c.HTMLExporter.extra_template_basedirs = [str(TEMPLATE_DIR)]
        c.HTMLExporter.exclude_input = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.NbConvertBase.display_data_priority = DISPLAY_PRIORITY
        c.HighlightMagicsPreprocessor.enabled = False
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


# --------------------------------------------------------------------------- folders


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder/.lock`` (no-op where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with (folder / ".lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _clean_stale(folder: Path, period: Period) -> None:
    now = time.time()
    for d in folder.glob(f".{period.id}-*"):
        with contextlib.suppress(OSError):
            if d.is_dir() and now - d.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(d, ignore_errors=True)


def _shown_path(path: Path, base: Path) -> str:
    """``path`` relative to the project root, or ``notebooks/<name>`` when outside it."""
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return f"notebooks/{path.name}"


def _fingerprint(prov: dict[str, Any], notebooks: list[_Notebook], kernel: str) -> str:
    """Changes whenever an input, these notebooks, the helpers code or the template changes."""
    digest = hashlib.sha256()
    stable = {k: v for k, v in prov.items() if k not in ("git_commit", "git_dirty")}
    digest.update(json.dumps(stable, sort_keys=True, default=str).encode())
    digest.update(kernel.encode())
    pkg = Path(__file__).resolve().parents[1]
    files = [nb.path for nb in notebooks]
    files += sorted(pkg.rglob("*.py")) + sorted(p for p in TEMPLATE_DIR.rglob("*") if p.is_file())
    update_with_files(digest, files)
    return digest.hexdigest()


def _notebook_fingerprints(
    prov: dict[str, Any], notebooks: list[_Notebook], kernel: str
) -> dict[str, str]:
    """One fingerprint per notebook: its own file, the inputs, the code, and every page's
    title (the navigation bar of each page lists them all)."""
    titles = json.dumps([(nb.name, nb.title) for nb in notebooks])
    return {
        nb.name: hashlib.sha256((_fingerprint(prov, [nb], kernel) + titles).encode()).hexdigest()
        for nb in notebooks
    }


def _previous(final: Path) -> dict[str, Any]:
    try:
        return json.loads((final / SUMMARY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _reusable(final: Path, previous: dict[str, Any], nb: _Notebook, fingerprint: str) -> bool:
    """The last good report holds this notebook's pages made from the same inputs and code."""
    same = (previous.get("fingerprints") or {}).get(nb.name) == fingerprint
    return same and all((final / f"{nb.name}{ext}").is_file() for ext in (".html", ".ipynb"))


# --------------------------------------------------------------------------- entry points


def render_period(
    period: str | Period,
    *,
    progress: Progress = print,
    root: Path | None = None,
    notebooks: Sequence[str] = ANALYSIS_NOTEBOOKS,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    skip_if_current: bool = False,
) -> Path:
    """Run and render every analysis notebook of ``period``; return ``reports/<period>/``.

    Writes ``<notebook>.ipynb`` (executed) and ``<notebook>.html`` for each notebook plus
    ``summary.json``, then ``reports/index.html``. The period and its processed tables are
    checked before any notebook runs. ``skip_if_current`` returns at once when the report was
    rendered from the same inputs, notebooks and code (the CLI's default without ``--force``).
    A failing notebook raises UserError naming the notebook and cell; the previous report of
    the period is left as it was.
    """
    started = time.perf_counter()
    p = period if isinstance(period, Period) else parse_period(period)
    base = (root or project_root()).resolve()
    if not (processed_dir(p, base) / "activities.parquet").is_file():
        raise UserError(
            f"{p} has no processed tables in data/processed/{p}/: run "
            f"`python -m helpers ingest --period {p}` first (make report does both)"
        )
    runs = _read_notebooks(_notebooks_dir(base, notebooks_dir), notebooks)
    kernel = kernel or kernel_name()
    prov = provenance.collect(p, root=base, parameters={"period": p.id})
    try:  # the ingest fingerprint (raw report, reference data, code) of these tables
        manifest = json.loads(
            (processed_dir(p, base) / "manifest.json").read_text(encoding="utf-8")
        )
        prov_key = {**prov, "ingest_inputs": manifest.get("inputs")}
    except (OSError, ValueError):
        prov_key = prov
    fingerprints = _notebook_fingerprints(prov_key, runs, kernel)
    fingerprint = hashlib.sha256(json.dumps(fingerprints, sort_keys=True).encode()).hexdigest()
    out_root = reports_dir(base)
    final = out_root / p.id
    previous = _previous(final) if skip_if_current else {}
    reuse = {nb.name for nb in runs if _reusable(final, previous, nb, fingerprints[nb.name])}
    if len(reuse) == len(runs):
        progress(f"==> {p}: reports/{p}/ is up to date (same inputs, notebooks and code)")
        write_index(base, progress=progress)
        return final
    todo = [nb for nb in runs if nb.name not in reuse]

    progress(f"==> {p}: rendering the report ({p.label}, kernel {kernel})")
    kernels = _Kernels(kernel, runs[0].path.parent, _kernel_env(base), [r.imports for r in todo])
    tmp: Path | None = None
    try:
        kernels.start(0)  # boots while papermill and nbconvert are imported
        _import_jupyter()
        import nbformat

        out_root.mkdir(parents=True, exist_ok=True)
        _clean_stale(out_root, p)
        tmp = Path(tempfile.mkdtemp(prefix=f".{p.id}-", suffix=".partial", dir=out_root))
        tmp.chmod(0o755)  # mkdtemp makes it private; the report is meant to be shared
        label = f"nothing in reports/{p}/ was changed"
        facts = provenance.facts(prov)
        when = provenance.generated_at()
        banner = _accepted_errors(p, base)
        figures: dict[str, Any] = {}
        by_notebook: dict[str, Any] = {}
        entries = []
        for i, nb in enumerate(runs):
            if nb.name in reuse:
                for ext in (".ipynb", ".html"):
                    shutil.copy2(final / f"{nb.name}{ext}", tmp / f"{nb.name}{ext}")
                kept = (previous.get("figures_by_notebook") or {}).get(nb.name, {})
                figures.update(kept)
                by_notebook[nb.name] = kept
                entries.append(
                    {"name": nb.name, "title": nb.title, "html": f"{nb.name}.html",
                     "notebook": f"{nb.name}.ipynb"}
                )  # fmt: skip
                progress(f"    [{i + 1}/{len(runs)}] {nb.path.name} unchanged: kept")
                continue
            j = todo.index(nb)
            t0 = time.perf_counter()
            progress(f"    [{i + 1}/{len(runs)}] running {nb.path.name}")
            executed = _execute(nb, {"period": p.id}, kernel, kernels.get(j), label)
            kernels.stop(j)
            _check_outputs(executed, nb, label)
            meta = executed.metadata.setdefault("papermill", {})
            meta["input_path"] = _shown_path(nb.path, base)  # no home folder in shared files
            meta["output_path"] = f"reports/{p}/{nb.name}.ipynb"
            nbformat.write(executed, tmp / f"{nb.name}.ipynb")
            context = {
                "banner": banner,
                "title": f"{nb.title} — {p.label}",
                "period": p.id,
                "period_label": p.label,
                "nav": [
                    {"href": f"{o.name}.html", "title": o.title, "current": o.name == nb.name}
                    for o in runs
                ],
                "facts": facts,
                "generated_at": when,
            }
            write_text_atomic(tmp / f"{nb.name}.html", _export(executed, context, nb, label))
            recorded = _records(executed)
            figures.update(recorded)
            by_notebook[nb.name] = recorded
            entries.append(
                {
                    "name": nb.name,
                    "title": nb.title,
                    "html": f"{nb.name}.html",
                    "notebook": f"{nb.name}.ipynb",
                }
            )
            progress(
                f"          wrote {nb.name}.ipynb and .html ({time.perf_counter() - t0:.1f} s)"
            )
        summary = {
            "period": p.id,
            "label": p.label,
            "accepted_errors": banner,
            "notebooks": entries,
            "figures": figures,
            "provenance": prov,
            "fingerprint": fingerprint,
            "fingerprints": fingerprints,
            "figures_by_notebook": by_notebook,
            "generated_at": when,
        }
        write_text_atomic(
            tmp / SUMMARY_FILE, json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        )
        with _lock(out_root):
            swap_into_place(tmp, final)
        tmp = None
    finally:
        kernels.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    took = time.perf_counter() - started
    progress(f"    wrote reports/{p}/ ({len(todo)} of {len(runs)} notebooks run, {took:.1f} s)")
    write_index(base, progress=progress)
    return final


# --------------------------------------------------------------------------- index


@dataclass
class _PeriodEntry:
    period: str
    label: str
    folder: str
    notebooks: list[dict[str, str]]
    figures: dict[str, Any] = field(default_factory=dict)
    generated_at: str = ""
    commit: str = ""
    accepted_errors: list[str] = field(default_factory=list)


def _accepted_errors(period: Period, base: Path) -> list[str]:
    """Blocking findings the period's tables were accepted with (empty when none)."""
    import pandas as pd

    from helpers.tables.checks import accepted_errors

    path = processed_dir(period, base) / "quality.parquet"
    return accepted_errors(pd.read_parquet(path)) if path.exists() else []


def _entries(out_root: Path) -> list[_PeriodEntry]:
    rows = []
    for folder in sorted(out_root.iterdir()) if out_root.is_dir() else []:
        if not (folder.is_dir() and PERIOD_RE.match(folder.name)):
            continue
        try:
            s = json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        notebooks = [
            {"href": f"{folder.name}/{n['html']}", "title": str(n.get("title", n["name"]))}
            for n in s.get("notebooks", [])
            if isinstance(n, dict) and (folder / str(n.get("html", ""))).is_file()
        ]
        rows.append(
            _PeriodEntry(
                period=folder.name,
                label=str(s.get("label", "")),
                folder=folder.name,
                notebooks=notebooks,
                figures=s.get("figures", {}) or {},
                generated_at=str(s.get("generated_at", "")),
                commit=str((s.get("provenance") or {}).get("git_commit", ""))[:10],
                accepted_errors=[str(d) for d in s.get("accepted_errors") or []],
            )
        )
    return sorted(rows, key=lambda r: r.period, reverse=True)


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


def write_index(root: Path | None = None, *, progress: Progress = print) -> Path:
    """Write ``reports/index.html``: every period with a report, its headline figures, links."""
    import jinja2
    from markupsafe import Markup

    base = root or project_root()
    out_root = reports_dir(base)
    out_root.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = _fmt
    env.globals["fig"] = _figure
    css = (TEMPLATE_DIR / TEMPLATE_NAME / "style.css").read_text(encoding="utf-8")
    js = (TEMPLATE_DIR / TEMPLATE_NAME / "sortable.js").read_text(encoding="utf-8")
    with _lock(out_root):
        entries = _entries(out_root)
        page = env.get_template(INDEX_TEMPLATE).render(
            entries=entries,
            css=Markup(css),
            js=Markup(js),
            generated_at=provenance.generated_at(),
            trends=(out_root / "trends.html").is_file(),
        )
        path = out_root / "index.html"
        write_text_atomic(path, page)
    progress(
        f"    wrote reports/index.html ({len(entries)} period{'s' if len(entries) != 1 else ''})"
    )
    return path


# --------------------------------------------------------------------------- trends

TRENDS_NOTEBOOK = "trends"
TRENDS_STAMP = "trends.json"


def render_trends(
    *,
    progress: Progress = print,
    root: Path | None = None,
    notebooks_dir: Path | None = None,
    kernel: str | None = None,
    skip_if_current: bool = False,
) -> Path:
    """Render ``notebooks/trends.ipynb`` over every processed period into
    ``reports/trends.html`` (and ``trends.ipynb``); skipped when no period's tables, the
    notebook or the code changed. With a single period the notebook says so plainly."""
    from helpers.periods import available_periods

    base = (root or project_root()).resolve()
    periods = available_periods(base, processed=True)
    out_root = reports_dir(base)
    out_root.mkdir(parents=True, exist_ok=True)
    runs = _read_notebooks(_notebooks_dir(base, notebooks_dir), [TRENDS_NOTEBOOK])
    kernel = kernel or kernel_name()
    tables = {p.id: provenance.tables_sha256(processed_dir(p, base)) for p in periods}
    prov = {"periods": [p.id for p in periods], "tables_sha256": tables}
    fingerprint = _fingerprint(prov, runs, kernel)
    html_path, stamp = out_root / "trends.html", out_root / TRENDS_STAMP
    try:
        same = json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == fingerprint
    except (OSError, ValueError):
        same = False
    if skip_if_current and same and html_path.is_file():
        progress("==> trends: reports/trends.html is up to date")
        return html_path
    nb = runs[0]
    names = ", ".join(p.id for p in periods) or "none"
    progress(f"==> trends: rendering reports/trends.html (periods: {names})")
    kernels = _Kernels(kernel, nb.path.parent, _kernel_env(base), [nb.imports])
    label = "reports/trends.html was not changed"
    try:
        kernels.start(0)
        _import_jupyter()
        import nbformat

        executed = _execute(nb, {}, kernel, kernels.get(0), label)
        _check_outputs(executed, nb, label)
        executed.metadata.setdefault("papermill", {})["input_path"] = _shown_path(nb.path, base)
        commit, dirty = provenance.git_commit(base)
        context = {
            "banner": [f"{e.period}: {d}" for e in _entries(out_root) for d in e.accepted_errors],
            "title": nb.title,
            "period": "all",
            "period_label": f"{len(periods)} period{'s' if len(periods) != 1 else ''}",
            "nav": [{"href": "index.html", "title": "All reports", "current": False}],
            "facts": {
                "Periods": names,
                "Processed tables (SHA-256)": "; ".join(
                    f"{k}: {v[:12]}" for k, v in tables.items() if v
                ),
                "Git commit": f"{commit}{' (with uncommitted changes)' if dirty else ''}",
            },
            "generated_at": provenance.generated_at(),
        }
        page = _export(executed, context, nb, label)
        with _lock(out_root):
            nbformat.write(executed, out_root / ".trends.ipynb.tmp")
            os.replace(out_root / ".trends.ipynb.tmp", out_root / "trends.ipynb")
            write_text_atomic(html_path, page)
            write_text_atomic(
                stamp, json.dumps({"fingerprint": fingerprint, "periods": prov["periods"]}) + "\n"
            )
    finally:
        kernels.close()
        with contextlib.suppress(OSError):
            (out_root / ".trends.ipynb.tmp").unlink()
    progress("    wrote reports/trends.html")
    return html_path
