"""Where a report comes from: input file hash, parameters, software versions, git commit.

:func:`collect` is stable for the same inputs and code (no clock): the report footer adds the
run time from :func:`generated_at` (honours ``SOURCE_DATE_EPOCH`` for reproducible builds).
Paths are relative to the project root, so a shared report does not reveal home folders.
"""

from __future__ import annotations

import contextlib
import functools
import os
import platform
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from helpers.cache import tables_sha256
from helpers.errors import UserError
from helpers.files import file_sha256, read_manifest
from helpers.periods import Period, find_report, parse_period, processed_dir, project_root

KEY_PACKAGES = (
    "metropolis-workbench",
    "pandas",
    "numpy",
    "pyarrow",
    "pandera",
    "rapidfuzz",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "ipykernel",
)
UNKNOWN = "unknown"

__all__ = [
    "CODE_PATHS",
    "KEY_PACKAGES",
    "collect",
    "commit_text",
    "day",
    "facts",
    "file_sha256",
    "generated_at",
    "git_commit",
    "read_from",
    "tables_sha256",
]


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "--no-optional-locks", *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


# The workbench's own code: "uncommitted changes" speaks of these only, never of the officer's
# data (a report added to data/raw/, a spelling added to data/reference/).
CODE_PATHS = ("src", "notebooks")


def git_commit(root: Path | None = None) -> tuple[str, bool | None]:
    """(``git rev-parse HEAD``, code modified?) or ("unknown", None) outside a checkout. Only
    tracked files of the code (:data:`CODE_PATHS`: the package, its templates, the notebooks)
    count as modified. Inside :func:`git_asked_once` (a build), git is asked once per folder."""
    base = str((root or project_root()).resolve())
    if _ASKED and base in _ASKED[-1]:
        return _ASKED[-1][base]
    found = _git_commit(Path(base))
    if _ASKED:
        _ASKED[-1][base] = found
    return found


_ASKED: list[dict[str, tuple[str, bool | None]]] = []


@contextlib.contextmanager
def git_asked_once() -> Iterator[None]:
    """Within the block, :func:`git_commit` asks git once per folder: a build asks for every
    period, and 30 periods made 60 git processes."""
    _ASKED.append(dict(_ASKED[-1]) if _ASKED else {})
    try:
        yield
    finally:
        _ASKED.pop()


def _git_commit(base: Path) -> tuple[str, bool | None]:
    commit = _git(base, "rev-parse", "HEAD")
    if not commit:
        return UNKNOWN, None
    # paths from the top of the checkout: a run works in a generation folder inside it
    tops = [f":(top){path}" for path in CODE_PATHS]
    status = _git(base, "status", "--porcelain", "--untracked-files=no", "--", *tops)
    return commit, (bool(status) if status is not None else None)


def commit_text(commit: str, dirty: bool | None) -> str:
    """The commit as a page's technical details show it, and whether the code was changed."""
    return f"{commit} (with uncommitted changes to the code)" if dirty else commit


@functools.cache
def _version(name: str) -> str:
    """One distribution's version, looked up once per process (each lookup scans sys.path,
    and a build asks for the same ones for every period)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return UNKNOWN


def package_versions(names: Iterable[str] = KEY_PACKAGES) -> dict[str, str]:
    """Installed version of each distribution ("unknown" when not installed as a package)."""
    return {name: _version(name) for name in names}


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def collect(
    period: Period | str,
    *,
    root: Path | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Provenance of a period's report, without any clock value (stable across reruns).

    Keys: period, input (file, sha256, bytes — or file None and a note when the raw report is
    missing), processed (folder, tables_sha256), parameters, python, packages, git_commit,
    git_dirty (tracked files modified; None when unknown).
    """
    p = period if isinstance(period, Period) else parse_period(period)
    base = root or project_root()
    try:
        raw = find_report(p, base)
        source: dict[str, Any] = {
            "file": _relative(raw, base),
            "sha256": file_sha256(raw),
            "bytes": raw.stat().st_size,
        }
    except UserError as exc:
        source = {"file": None, "sha256": None, "bytes": None, "note": str(exc)}
    folder = processed_dir(p, base)
    try:  # how the text was read: the PDF extractor and its version, and the interim text
        manifest = read_manifest(folder)
        source["text"] = {k: manifest[k] for k in ("extractor", "extractor_version", "interim")}
    except KeyError:
        source["text"] = None
    commit, dirty = git_commit(base)
    return {
        "period": p.id,
        "input": source,
        "processed": {"folder": _relative(folder, base), "tables_sha256": tables_sha256(folder)},
        "parameters": dict(parameters) if parameters is not None else {"period": p.id},
        "python": platform.python_version(),
        "packages": package_versions(),
        "git_commit": commit,
        "git_dirty": dirty,
    }


def day(stamp: str) -> str:
    """A :func:`generated_at` stamp as an officer reads a date: ``7 February 2022`` (the stamp
    as it is when it is not one)."""
    try:
        when = datetime.strptime(stamp, "%Y-%m-%d %H:%M UTC")
    except ValueError:
        return stamp
    return f"{when.day} {when:%B %Y}"


def read_from(files: Iterable[str], when: str) -> str:
    """Where a page's figures come from, in an officer's words: the report files (names only)
    and the day they were read."""
    names = [Path(f).name for f in files if f]
    if not names:
        return f"Read on {day(when)}."
    what = "the report" if len(names) == 1 else "the reports"
    return f"Read from {what} {', '.join(names)} on {day(when)}."


def generated_at() -> str:
    """Run time stamp for a report footer (UTC, to the second; ``SOURCE_DATE_EPOCH`` wins)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.fromtimestamp(int(epoch), tz=UTC)
        if epoch and epoch.isdigit()
        else datetime.now(tz=UTC).replace(microsecond=0)
    )
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _read_with(text: Mapping[str, Any] | None) -> str:
    if not text:
        return UNKNOWN
    how = "the export as it is" if text.get("extractor") == "text" else (
        f"{text.get('extractor')} {text.get('extractor_version')}")  # fmt: skip
    return f"{how}; the text every source line refers to is {text.get('interim')}"


def facts(prov: Mapping[str, Any]) -> dict[str, str]:
    """Provenance as label → text, in reading order (for a table or a report footer)."""
    src = prov.get("input") or {}
    params = prov.get("parameters") or {}
    commit = commit_text(str(prov.get("git_commit") or UNKNOWN), prov.get("git_dirty"))
    packages = prov.get("packages") or {}
    out = {
        "Period": str(prov.get("period", "")),
        "Input report": str(src.get("file") or f"not found ({src.get('note', '')})"),
        "Input SHA-256": str(src.get("sha256") or UNKNOWN),
        "Text read with": _read_with(src.get("text")),
        "Processed tables SHA-256": str(
            (prov.get("processed") or {}).get("tables_sha256") or UNKNOWN
        ),
        "Parameters": ", ".join(f"{k}={v}" for k, v in params.items()) or "none",
        "Git commit": commit,
        "Python": str(prov.get("python", UNKNOWN)),
        "Packages": ", ".join(f"{k} {v}" for k, v in packages.items()),
    }
    return out
