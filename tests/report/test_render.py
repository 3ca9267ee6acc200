"""helpers.report.render: every analysis notebook runs on real data in one process and becomes a
shareable, offline, injection-safe HTML page; a failure names the notebook and cell and leaves
the last good report alone."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.errors import UserError
from helpers.files import file_sha256
from helpers.report.render import ANALYSIS_NOTEBOOKS, live_markup, render_period, write_index
from tests.conftest import ROOT, copy_project

NOTEBOOKS = ROOT / "notebooks"
PERIOD = "2022-T1"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def quiet(_: str) -> None:
    pass


# --------------------------------------------------------------------------- helpers


class _Resources(HTMLParser):
    """Every script/link/img/iframe and where it loads from; heading ids; TOC links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str]] = []
        self.scripts = 0
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for attr in ("src", "href"):
            if tag in ("script", "link", "img", "iframe", "source") and a.get(attr):
                self.loads.append((tag, a[attr] or ""))
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append((a["href"] or "")[1:])


def _scan(page: str) -> _Resources:
    scan = _Resources()
    scan.feed(page)
    return scan


def _toc(page: str) -> str:
    m = re.search(r'<nav[^>]*class="toc"[^>]*>(.*?)</nav>', page, re.S)
    assert m, "no table of contents"
    return m.group(1)


def assert_shareable(page: str, source: Path) -> None:
    """No code, no prompts, no parameters cell, offline, a TOC, nothing live but our sorter."""
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if len(line.strip()) > 12:
                    assert line.strip() not in page, f"code shown: {line!r}"
    assert 'period = "' not in page and "injected-parameters" not in page.lower()
    assert not re.search(r"In\s*(&nbsp;)?\[\d*\]", page), "input prompt shown"
    assert "jp-InputArea" not in page and "input_area" not in page
    scan = _scan(page)
    assert scan.scripts == 1, "only the inline table sorter may be a script"
    for tag, url in scan.loads:
        assert not re.match(r"\s*(https?:)?//", url), f"<{tag}> loads {url} from the network"
    assert "require.js" not in page and "mathjax" not in page.lower()
    assert live_markup(page, allowed_inline_scripts=1) == []
    toc = _toc(page)
    anchors = [html.unescape(a) for a in re.findall(r'href="#([^"]+)"', toc)]
    assert len(anchors) >= 3 and all(a in scan.ids for a in anchors)


def _notebook(folder: Path, name: str, *codes: str) -> Path:
    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {name}\n\n## Section"))
    params = nbformat.v4.new_code_cell(f'period = "{PERIOD}"')
    params.metadata["tags"] = ["parameters"]
    nb.cells.append(params)
    nb.cells += [nbformat.v4.new_code_cell(code) for code in codes]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def _fake_processed(root: Path) -> None:
    """Enough for the period check (the test notebooks read no table)."""
    folder = root / "data" / "processed" / PERIOD
    folder.mkdir(parents=True)
    (folder / "activities.parquet").write_bytes(b"not read")


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- full reports


@pytest.mark.slow
def test_real_report_renders_every_notebook_shareable(
    built_2022t1: Path, built_2022t1_lines: list[str]
) -> None:
    """The real notebooks' 2022-T1 pages as the run's shared build rendered them (``built_2022t1``,
    only read: its pages come from the same plan and renderer render_period runs, on the same
    ingest and notebooks), so the real notebooks are not run a second time for this test; what
    only a render_period run shows (its return value, its progress lines, the notebooks and
    reports/ it leaves, the rerun it skips) is checked on the real render_period run of the
    next test."""
    out = built_2022t1 / "reports" / PERIOD
    lines = built_2022t1_lines
    sources = built_2022t1 / "notebooks"  # the copy of NOTEBOOKS the build ran

    for name in ANALYSIS_NOTEBOOKS:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert_shareable(page, NOTEBOOKS / f"{name}.ipynb")
        assert page.count("075c21d3fdbf268a") == 1  # provenance once: the footer's input SHA-256
        assert "period=2022-T1" in page
        executed = nbformat.read(out / f"{name}.ipynb", as_version=4)
        assert all(c.get("execution_count") for c in executed.cells if c.cell_type == "code")
        assert any(f"running {name}.ipynb" in line for line in lines)
    for name in ("02_engagement", "03_coverage"):
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert page.count('<img src="data:image/png;base64,') >= 4
        assert "<figcaption>" in page
    engagement = (out / "02_engagement.html").read_text(encoding="utf-8")
    assert 'class="dataframe helpers sortable"' in engagement
    assert "Membership engagement" in _toc(engagement) or "Headline figures" in _toc(engagement)
    from helpers.analysis import engagement as eng
    from helpers.analysis.explore import load

    h = eng.headline(load(PERIOD, root=built_2022t1))
    assert f"of {h['roster_size']} roster members" in engagement
    quality = (out / "04_quality.html").read_text(encoding="utf-8")
    # findings in officers' words, grouped by what to do, with the report's text around them
    assert "names an outcome code that the report&#x27;s own Strategic Action Plan" in quality
    assert "unknown_outcome_code" not in quality and "Provenance of this" not in quality
    # 6: the five before, and KOCAELI … APPLIED TO BECOME A NEW MEMBER, which has no label at all;
    # one alias to add (Abdijan, a close spelling): Kigali, like no roster name, is not a member
    assert ["Tell the report's editors (6)", "Check a date (1)", "Add an alias (1)"] == re.findall(
        r'level-3"><a href="#todo-[^"]+">([^<]+)<', html.unescape(_toc(quality))
    )
    # for information, folded into one counted line after them: the ten before, Kigali, and
    # the four alliance spellings of lines 99, 392, 505 and 586 counted under
    # data/reference/alliance_aliases.csv's names (UCLG-MEWA, Global Taskforce)
    folded = re.sub(r"<[^>]+>", "", quality[quality.index('<summary class="counted">') :])
    assert folded.startswith("For information Nothing to do: 15 findings of 7 kinds")
    assert quality.index("Add an alias") < quality.index('class="counted"')
    assert "alliance 'UCLG – MEWA' counted as 'UCLG-MEWA'" in html.unescape(quality)
    excerpt = quality[quality.index("around line 112") :].split("</pre>")[0]
    assert '<span class="ln">112</span> Rabat, Tunis, Cairo, Nouakchott, Abdijan' in excerpt

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["figures"]["engagement"] == pytest.approx(h)
    assert summary["figures"]["coverage"]["deliverables"] > 0
    assert set(summary["figures"]["quality"]) == {"error", "warning", "info"}
    assert summary["provenance"]["input"]["sha256"].startswith("075c21d3")
    assert "generated" not in json.dumps(summary["provenance"])

    index = (built_2022t1 / "reports" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PERIOD}/02_engagement.html"' in index and "January–April 2022" in index
    assert f"{h['members_engaged']} of {h['roster_size']}" in index
    assert live_markup(index, allowed_inline_scripts=1) == []
    assert not [u for _, u in _scan(index).loads if re.match(r"(https?:)?//", u)]

    assert {p.name: p.read_bytes() for p in sources.glob("*.ipynb")} == {
        p.name: p.read_bytes() for p in NOTEBOOKS.glob("*.ipynb")
    }  # the notebooks it ran untouched
    assert not list((built_2022t1 / "reports").glob(".*.partial"))


@pytest.mark.slow
def test_text_from_the_report_is_shown_as_text_never_markup(
    tmp_path: Path, ingested_2022t1
) -> None:
    copy_project(ingested_2022t1, tmp_path)
    folder = tmp_path / "data" / "processed" / PERIOD

    def tamper(table: str, column: str, payloads: list[str]) -> None:
        df = pd.read_parquet(folder / f"{table}.parquet")
        df[column] = [payloads[i % len(payloads)] + str(v) for i, v in enumerate(df[column])]
        df.to_parquet(folder / f"{table}.parquet", index=False)
        # as if the report itself held the payloads: the manifest records the new bytes, so the
        # tables are not taken for damaged ones and re-ingested
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        manifest["files"][f"{table}.parquet"] = file_sha256(folder / f"{table}.parquet")
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    tamper("activities", "title", [SCRIPT, IMG])
    tamper("activities", "description", [IMG, SCRIPT])
    tamper("activity_alliances", "alliance", [SCRIPT, IMG])
    tamper("strategic_plan", "title", [IMG])
    tamper("challenges", "title", [SCRIPT])
    tamper("quality", "detail", [SCRIPT, IMG])
    tamper("quality", "kind", [IMG])
    tamper("board", "name", [SCRIPT])

    sources = {p: p.read_bytes() for p in NOTEBOOKS.glob("*.ipynb")}
    lines: list[str] = []
    out = render_period(PERIOD, progress=lines.append, root=tmp_path, notebooks_dir=NOTEBOOKS).path

    # what only a render_period run shows (the pages themselves: the test above)
    assert out == tmp_path / "reports" / PERIOD
    for name in ANALYSIS_NOTEBOOKS:
        assert any(f"running {name}.ipynb" in line for line in lines)
    assert {p: p.read_bytes() for p in NOTEBOOKS.glob("*.ipynb")} == sources  # sources untouched
    assert not list((tmp_path / "reports").glob(".*.partial"))

    seen = 0
    for name in ANALYSIS_NOTEBOOKS:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert not re.search(r"<[a-z]+[^>]*\sonerror\s*=", re.sub(r'"[^"]*"', '""', page))
        assert live_markup(page, allowed_inline_scripts=1) == []
        seen += page.count("&lt;script&gt;alert(1)&lt;/script&gt;")
        seen += page.count("&lt;img src=x onerror=alert(1)&gt;")
        for ipynb_output in nbformat.read(out / f"{name}.ipynb", as_version=4).cells:
            for o in ipynb_output.get("outputs", []):
                assert "<script>alert" not in "".join(o.get("data", {}).get("text/html", ""))
    assert seen >= 10, "the payloads should be visible, escaped"

    # unchanged inputs, notebooks and code: the CLI's default run skips the work
    before = _snapshot(out)
    again: list[str] = []
    render_period(PERIOD, progress=again.append, root=tmp_path, skip_if_current=True)
    assert any("up to date" in line for line in again)
    assert _snapshot(out) == before


# --------------------------------------------------------------------------- failures


@pytest.mark.slow
def test_failing_notebook_names_notebook_and_cell_and_keeps_last_report(tmp_path: Path) -> None:
    _fake_processed(tmp_path)
    nbs = tmp_path / "nbs"
    _notebook(nbs, "98_fine", "print(period)")
    _notebook(nbs, "99_broken", "x = 1", "y = 2\nraise ValueError('boom <b>')\nprint('never')")
    last = tmp_path / "reports" / PERIOD
    last.mkdir(parents=True)
    (last / "02_engagement.html").write_text("the last good report")
    (last / "summary.json").write_text('{"period": "2022-T1"}')
    before = _snapshot(last)

    with pytest.raises(UserError) as err:
        render_period(
            PERIOD,
            progress=quiet,
            root=tmp_path,
            notebooks=("98_fine", "99_broken"),
            notebooks_dir=nbs,
        )
    msg = str(err.value)
    assert "\n" not in msg
    assert "99_broken.ipynb failed at cell 4, line 2 (raise ValueError('boom <b>'))" in msg
    assert "ValueError: boom <b>" in msg and "nothing in reports/2022-T1/ was changed" in msg
    assert _snapshot(last) == before
    assert not (last / "98_fine.html").exists()
    assert not list((tmp_path / "reports").glob(".*.partial"))


RAISE_USER_ERROR = (
    "from helpers.errors import UserError\n"
    "raise UserError('load: no processed data for 2030-T1 — run make report PERIOD=2030-T1')"
)


@pytest.mark.slow
def test_a_user_error_in_a_report_notebook_fails_the_build_at_its_line(tmp_path: Path) -> None:
    """helpers registers a one-line UserError display in IPython; the report run's kernels ask
    for full tracebacks, so the failure still names the cell and line."""
    _fake_processed(tmp_path)
    nbs = tmp_path / "nbs"
    _notebook(nbs, "97_user", "import helpers", "x = 1\n" + RAISE_USER_ERROR)
    with pytest.raises(UserError) as err:
        render_period(PERIOD, progress=quiet, root=tmp_path, notebooks=("97_user",),
                      notebooks_dir=nbs)  # fmt: skip
    msg = str(err.value)
    assert "97_user.ipynb failed at cell 4, line 3 (raise UserError(" in msg
    assert "UserError: load: no processed data for 2030-T1 — run make report" in msg
    assert not (tmp_path / "reports" / PERIOD / "97_user.html").exists()


@pytest.mark.slow
def test_a_user_error_shown_as_one_line_still_fails_the_build(tmp_path: Path) -> None:
    """With the one-line display active in the kernel (as in JupyterLab), the cell still fails:
    the build stops and names the notebook, the cell and the error."""
    _fake_processed(tmp_path)
    nbs = tmp_path / "nbs"
    one_line = ("import os\nos.environ.pop('HELPERS_FULL_TRACEBACKS')\n"
                "from helpers.errors import install_ipython_handler\n"
                "assert install_ipython_handler()")  # fmt: skip
    _notebook(nbs, "96_one_line", one_line, RAISE_USER_ERROR, "print('never')")
    with pytest.raises(UserError) as err:
        render_period(PERIOD, progress=quiet, root=tmp_path, notebooks=("96_one_line",),
                      notebooks_dir=nbs)  # fmt: skip
    msg = str(err.value)
    assert "96_one_line.ipynb failed at cell 4" in msg
    assert "UserError: load: no processed data for 2030-T1" in msg
    assert not (tmp_path / "reports" / PERIOD / "96_one_line.html").exists()


@pytest.mark.slow
def test_live_markup_in_an_output_is_refused(tmp_path: Path) -> None:
    _fake_processed(tmp_path)
    nbs = tmp_path / "nbs"
    code = (
        "from IPython.display import HTML, display\ndisplay(HTML('<img src=x onerror=alert(1)>'))"
    )
    _notebook(nbs, "97_unsafe", code)
    with pytest.raises(UserError, match=r"97_unsafe\.ipynb cell 3 shows live markup"):
        render_period(
            PERIOD, progress=quiet, root=tmp_path, notebooks=("97_unsafe",), notebooks_dir=nbs
        )
    assert not (tmp_path / "reports" / PERIOD).exists()


def test_period_is_checked_before_any_notebook_runs(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a period id"):
        render_period("2022-T4", progress=quiet, root=tmp_path)
    with pytest.raises(UserError, match="no processed tables.*ingest --period 2022-T1"):
        render_period(PERIOD, progress=quiet, root=tmp_path)
    _fake_processed(tmp_path)
    with pytest.raises(UserError, match="missing"):
        render_period(
            PERIOD, progress=quiet, root=tmp_path, notebooks=("nope",), notebooks_dir=tmp_path
        )
    assert not (tmp_path / "reports" / PERIOD).exists()


# --------------------------------------------------------------------------- index and checks


def test_index_lists_reported_periods_with_figures_escaped(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    for period, acts in (("2022-T1", 21), ("2022-T2", 9)):
        (reports / period).mkdir(parents=True)
        (reports / period / "02_engagement.html").write_text("x")
        summary = {
            "period": period,
            "label": f"label {SCRIPT}",
            "notebooks": [{"name": "02_engagement", "title": IMG, "html": "02_engagement.html"}],
            "figures": {"engagement": {"activities": acts, "engagement_rate": 0.5}},
            "provenance": {"git_commit": "abc"},
            "generated_at": "2022-05-01 10:00 UTC",
        }
        (reports / period / "summary.json").write_text(json.dumps(summary))
    (reports / ".2022-T3-x.partial").mkdir()
    (reports / "2022-T3").mkdir()  # no summary: not listed
    page = write_index(tmp_path, progress=quiet).read_text(encoding="utf-8")
    assert page.index("2022-T2") < page.index("2022-T1")  # newest first
    assert 'data-sort="21"' in page and "50%" in page
    assert "2022-T3" not in page
    assert "<script>alert" not in page and "<img src=x" not in page
    assert live_markup(page, allowed_inline_scripts=1) == []


def test_live_markup_finds_what_could_run_or_load() -> None:
    assert (
        live_markup(
            '&lt;script&gt;alert(1)&lt;/script&gt; <b>ok</b> <img src="data:image/png;base64,AA">'
        )
        == []
    )
    assert live_markup(SCRIPT) == ["<script>"]
    assert "onerror= attribute on <img>" in live_markup(IMG)
    assert live_markup('<a href=" javascript:alert(1)">x</a>') == ["javascript: URL in <a href>"]
    assert live_markup('<script src="https://cdn.example/x.js"></script>', allowed_inline_scripts=1)
    assert live_markup('<link rel="stylesheet" href="https://cdn.example/x.css">')
    assert live_markup("<iframe srcdoc=x></iframe>") == ["<iframe>"]
    assert live_markup("<style>@import 'https://x/y.css';</style>")
    assert live_markup('<div style="background:url(//x/y.png)">') == [
        "<div style> loads from the network"
    ]
    assert live_markup("<style>td { color: red }</style><p>url(https://x) as text</p>") == []
    assert live_markup("<script>1</script>", allowed_inline_scripts=1) == []


@pytest.mark.parametrize("name", ANALYSIS_NOTEBOOKS)
def test_notebooks_are_thin_and_saved_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    import ast

    tree = ast.parse(params[0].source)
    assert all(isinstance(node, ast.Assign) for node in tree.body)
    assert all(isinstance(node.value, ast.Constant) for node in tree.body)  # literals only
    assert ast.literal_eval(tree.body[0].value) == PERIOD
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        assert not re.search(r"^\s*(async\s+)?def\s|^\s*class\s", cell.source, re.M)
        for unsafe in ("display(HTML", "Markdown(", ".style", "_repr_html_", "to_html("):
            assert unsafe not in cell.source, f"{name}: show data with helpers.show.display"
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert markdown[0].source.startswith("# ")
    assert sum(c.source.count("\n## ") + c.source.startswith("## ") for c in markdown) >= 3
