"""Figures show report text as written: matplotlib's math parsing is off for every figure.

Report text is data: a title such as `cost: $2^$` would make mathtext fail, and
`budget $5 and $10` would silently read "budget 5and10". `text.parse_math` (a public
matplotlib setting) is read when each text object is made, tick labels included, so it is set
for the whole session as soon as a module that draws figures is imported.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl

mpl.rcParams["text.parse_math"] = False


def cell_labels_out_of_layout(ax: Any) -> None:
    """A heatmap's cell labels sit inside its axes, so the layout engine need not measure each
    of them (a 20 × 20 heatmap has 380): the picture is the same (tests/show/test_figures_fit.py),
    drawn faster. Uses matplotlib's ``Artist.set_in_layout``."""
    for text in ax.texts:
        text.set_in_layout(False)
