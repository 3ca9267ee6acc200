"""Names shared by the report modules: the notebooks, the template, the summary file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
METADATA_KEY = "helpers"  # helpers.show.display marks its outputs with this metadata key

# The site's own pages, as every page's navigation names them (one wording everywhere), by
# their path under reports/.
EXPLORER_FILE = "explorer.html"
EXPLORER_TITLE = "Activity explorer"
SITE_PAGES: tuple[tuple[str, str], ...] = (
    ("index.html", "All periods"),
    (EXPLORER_FILE, EXPLORER_TITLE),
    ("trends.html", "Trends"),
    ("members/index.html", "Members"),
)


def site_nav(
    prefix: str = "", current: str = "", pages: tuple[tuple[str, str], ...] = SITE_PAGES
) -> list[dict[str, str | bool]]:
    """The navigation of a page: each of ``pages`` linked from the page's folder (``prefix``
    "../" from a period's or a member's page), the one named ``current`` marked as the page."""
    return [{"href": prefix + path, "title": title, "current": title == current}
            for path, title in pages]  # fmt: skip
