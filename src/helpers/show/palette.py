"""The colours of every figure and of the map: one per region and per action line, the same
everywhere (a colour-blind safe palette). Plain values, so the map and the pages use them
without importing matplotlib."""

from __future__ import annotations

REGION_COLORS = {
    "Africa": "#E69F00",
    "Asia-Pacific": "#56B4E9",
    "Europe": "#009E73",
    "Latin America and the Caribbean": "#CC79A7",
    "North America": "#0072B2",
}
LINE_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
MUTED = "#D9D9D9"
ALERT = "#C0392B"
OTHER = "#999999"
