"""Figures show report text as written: matplotlib's math parsing is off for every figure.

Report text is data: a title such as `cost: $2^$` would make mathtext fail, and
`budget $5 and $10` would silently read "budget 5and10". `text.parse_math` (a public
matplotlib setting) is read when each text object is made, tick labels included, so it is set
for the whole session as soon as a module that draws figures is imported.
"""

from __future__ import annotations

import matplotlib as mpl

mpl.rcParams["text.parse_math"] = False
