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
METADATA_KEY = "helpers"  # helpers.display marks its outputs with this metadata key
