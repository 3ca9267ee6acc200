"""The analysis notebooks as files: read as JSON, with their title, the modules they import and
the position of their parameters cell."""

from __future__ import annotations

import ast
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.errors import UserError


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


@functools.lru_cache(maxsize=64)
def _imports_of_file(path: str, size: int, mtime_ns: int) -> tuple[str, ...]:
    """``_imports_of`` a notebook file's cells, once per process while the file stays the same."""
    return _imports_of(_cells_of(path, size, mtime_ns))


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


@functools.lru_cache(maxsize=64)
def _cells_of(path: str, size: int, mtime_ns: int) -> Any:
    """A notebook file's cells, read once per process while the file stays the same (a build
    plans every period's pages from the same notebooks)."""
    return _cells(json.loads(Path(path).read_text(encoding="utf-8")))


def _read_notebooks(folder: Path, names: Sequence[str]) -> list[_Notebook]:
    """Read the notebooks as JSON (no nbformat import yet: the first kernel starts sooner)."""
    out = []
    for name in names:
        path = folder / f"{name}.ipynb"
        try:
            st = path.stat()
            cells = _cells_of(str(path), st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            raise UserError(f"notebook {path} is missing: restore it from git") from None
        except (OSError, ValueError) as exc:
            raise UserError(f"notebook {path} cannot be read ({exc}): restore it from git") from exc
        params = next((i for i, c in enumerate(cells) if "parameters" in c[2]), None)
        if params is None:
            raise UserError(f"notebook {path.name} has no cell tagged 'parameters' (period = ...)")
        imports = _imports_of_file(str(path), st.st_size, st.st_mtime_ns)
        out.append(_Notebook(name, path, _title_of(cells, name), imports, params))
    return out
