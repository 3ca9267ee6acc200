"""Every fingerprint of the incremental build, in one place: what a period's tables are made
from (ingest), what each notebook's page is made from (render), and the processed tables
themselves (trends, provenance). A fingerprint is a SHA-256 that changes whenever one of the
inputs it covers changes; equal fingerprints mean the previous output can be kept."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.files import file_sha256, read_manifest, update_with_files
from helpers.periods import Period, find_report, project_root
from helpers.report.constants import TEMPLATE_DIR

if TYPE_CHECKING:
    from helpers.report.notebooks import _Notebook

PACKAGE = Path(__file__).resolve().parent
CODE_FILES = ("*.py", "*.csv")  # the package's code and the tables shipped with it


def code_files(package: Path | None = None) -> list[Path]:
    """The package's code and data files (finding_kinds.csv), in a stable order; listed once
    per process and folder (a build asks for every period and notebook)."""
    return list(_listed(package or PACKAGE, CODE_FILES))


@functools.lru_cache(maxsize=16)
def _listed(folder: Path, patterns: tuple[str, ...]) -> tuple[Path, ...]:
    return tuple(sorted(p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()))


def files_digest(files: list[Path]) -> str:
    """SHA-256 over the names and bytes of ``files`` (``update_with_files``), read once per
    process while their sizes and modification times stay the same: a build checks the same
    code for every period and every notebook, and 30 periods made that 11,000 file reads."""
    key = tuple((str(f), st.st_mtime_ns, st.st_size) for f in files for st in (f.stat(),))
    return _files_digest(key)


@functools.lru_cache(maxsize=32)
def _files_digest(key: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    update_with_files(digest, [Path(name) for name, _, _ in key])
    return digest.hexdigest()


def ingest_fingerprint(period: Period, root: Path | None = None) -> str:
    """Hash of everything a period's tables are made from: raw report (its bytes and, as make
    does, its modification time: touching it reruns the period), reference data, code."""
    base = root or project_root()
    digest = hashlib.sha256()
    raw = find_report(period, base)
    digest.update(str(raw.stat().st_mtime_ns).encode())
    files = [raw]
    files += sorted(p for p in (base / "data" / "reference").glob("*") if p.is_file())
    update_with_files(digest, files)
    digest.update(files_digest(code_files()).encode())
    return digest.hexdigest()


def tables_sha256(folder: Path) -> str | None:
    """One SHA-256 over every processed parquet table (names and bytes), or None if absent."""
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not files:
        return None
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode() + b"\0" + file_sha256(f).encode() + b"\n")
    return digest.hexdigest()


def page_fingerprint(prov: dict[str, Any], notebooks: list[_Notebook], kernel: str) -> str:
    """Changes whenever an input, these notebooks, the helpers code or the template changes."""
    digest = hashlib.sha256()
    stable = {k: v for k, v in prov.items() if k not in ("git_commit", "git_dirty")}
    digest.update(json.dumps(stable, sort_keys=True, default=str).encode())
    digest.update(kernel.encode())
    update_with_files(digest, [nb.path for nb in notebooks])
    code = code_files() + list(_listed(TEMPLATE_DIR, ("*",)))
    digest.update(files_digest(code).encode())
    return digest.hexdigest()


def notebook_fingerprints(
    prov: dict[str, Any], notebooks: list[_Notebook], kernel: str
) -> dict[str, str]:
    """One fingerprint per notebook: its own file, the inputs, the code, and every page's
    title (the navigation bar of each page lists them all)."""
    titles = json.dumps([(nb.name, nb.title) for nb in notebooks])
    return {
        nb.name: hashlib.sha256(
            (page_fingerprint(prov, [nb], kernel) + titles).encode()
        ).hexdigest()
        for nb in notebooks
    }


def trends_fingerprint(
    tables: dict[str, str | None], notebooks: list[_Notebook], kernel: str
) -> str:
    """The trends page's: every processed period's tables (``tables_sha256`` by period id),
    the trends notebook, the code and the template."""
    return page_fingerprint({"periods": list(tables), "tables_sha256": tables}, notebooks, kernel)


def recorded_inputs(folder: Path) -> str | None:
    """The ingest fingerprint a processed folder's manifest.json recorded (None if unreadable)."""
    return read_manifest(folder).get("inputs")


def members_fingerprint(root: Path | None = None) -> str:
    """The member pages': every processed period's tables (``tables_sha256``) and what they
    were made from (the ingest fingerprint covers the reference data, member_locations.csv
    included), the code and the templates."""
    from helpers.periods import available_periods, processed_dir

    base = root or project_root()
    inputs: dict[str, str | None] = {}
    for p in available_periods(base, processed=True):
        folder = processed_dir(p, base)
        made_from = json.dumps(recorded_inputs(folder), sort_keys=True)
        inputs[p.id] = f"{tables_sha256(folder)} {made_from}"
    return page_fingerprint({"members": list(inputs), "tables_sha256": inputs}, [], "")


def index_fingerprint(entries: str) -> str:
    """The index page's: what it lists (every period's summary, as JSON), the code and the
    templates."""
    return page_fingerprint({"index": entries}, [], "")


def interim_is_current(per: Period, root: Path | None = None) -> bool:
    """Whether data/interim/<period>/report.txt is the text the period's tables were read
    from (its SHA-256 as the manifest recorded it)."""
    from helpers.periods import interim_path, processed_dir

    recorded = read_manifest(processed_dir(per, root)).get("interim_sha256")
    path = interim_path(per, root)
    return bool(recorded) and path.is_file() and file_sha256(path) == recorded
