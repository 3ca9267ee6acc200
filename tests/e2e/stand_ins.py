"""Small notebooks that stand in for the analysis notebooks where the build's machinery (what
runs, in what order, what is published and when), not the analysis, is tested. They take the
same `period` parameter, start a kernel each as the real ones do and import no pandas, so a run
costs about half the CPU. The real notebooks run once per test run, in the shared built
projects of tests/conftest.py, and their pages are tested there."""

from __future__ import annotations

from pathlib import Path

import nbformat

from helpers.report.constants import ANALYSIS_NOTEBOOKS

# Each page shows its period's follower figures, read from the tables the run wrote: two
# versions of a report that differ in one follower figure give pages that differ too.
FOLLOWERS = """import csv
from helpers.periods import processed_dir, project_root
if period == "all":
    periods = sorted(p.name for p in (project_root() / "data" / "processed").glob("*-T?"))
else:
    periods = [period]
for per in periods:
    with open(processed_dir(per) / "social_followers.csv", encoding="utf-8") as f:
        print(NAME, per, [(r["platform"], r["followers"]) for r in csv.DictReader(f)])
"""


STAND_IN_TEXT = "A page standing in for the analysis."  # change it to change one notebook only


def write_notebook(path: Path, name: str, body: str) -> None:
    """A notebook titled `name` (the title each page's navigation shows), a line of text, a
    `period` parameters cell and one code cell, `NAME = name` + `body`."""
    params = nbformat.v4.new_code_cell('period = "2022-T1"')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {name}"),
        nbformat.v4.new_markdown_cell(STAND_IN_TEXT),
        params,
        nbformat.v4.new_code_cell(f"NAME = {name!r}\n" + body),
    ]
    nbformat.write(nb, path)


def stand_in_notebooks(root: Path, body: str = FOLLOWERS) -> None:
    """notebooks/ of the project in `root`: each analysis notebook and trends (period "all")
    as a stand-in running `body`, and explore, which no page is made from."""
    notebooks = root / "notebooks"
    notebooks.mkdir(exist_ok=True)
    for page in ANALYSIS_NOTEBOOKS:
        write_notebook(notebooks / f"{page}.ipynb", page, body)
    write_notebook(notebooks / "trends.ipynb", "trends", 'period = "all"\n' + body)
    write_notebook(notebooks / "explore.ipynb", "explore", body)
