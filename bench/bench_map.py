"""Time to draw the world map of a period's roster (prints figures; asserts nothing): the
first call in a fresh process (imports and the land path built from the Natural Earth shapes)
and the median of later calls (land path cached), with the sizes of the land path, the SVG
and the whole figure. The period's tables are ingested first, in a temporary project, from its
committed fixture report (tests/fixtures/reports/), never from data/processed/.

.venv/bin/python bench/bench_map.py [--period 2022-T1] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fixture_project import project


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--period", default="2022-T1")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    from helpers.analysis.explore import load

    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        root = project(Path(tmp), (args.period,), notebooks=False)
        # in another process, so this one imports the map modules first in the timed lines
        env = {**os.environ, "METROPOLIS_ROOT": str(root)}
        subprocess.run([sys.executable, "-m", "helpers", "ingest", "--period", args.period],
                       check=True, env=env, stdout=subprocess.DEVNULL)  # fmt: skip
        tables = load(args.period, root=root)
    t0 = time.perf_counter()
    from helpers.show import basemap, worldmap

    t1 = time.perf_counter()
    land = basemap.land_path()
    t2 = time.perf_counter()
    figure = worldmap.map_html(tables)
    t3 = time.perf_counter()
    later = []
    for i in range(args.repeat):
        start = time.perf_counter()
        worldmap.map_html(tables, highlight="Seoul" if i % 2 else None)
        later.append(time.perf_counter() - start)
    svg = figure[figure.index("<svg") : figure.index("</svg>") + 6]
    print(f"imports (shapely, pyshp, the map modules): {t1 - t0:.3f} s")
    print(f"land path from the shapes (first call):    {t2 - t1:.3f} s")
    print(f"first map_html after that:                 {t3 - t2:.3f} s")
    print(f"later map_html calls (median of {args.repeat}):     {statistics.median(later):.4f} s")
    print(f"sizes: land path {len(land) / 1024:.1f} KiB, SVG {len(svg) / 1024:.1f} KiB, "
          f"figure {len(figure) / 1024:.1f} KiB")  # fmt: skip


if __name__ == "__main__":
    main()
