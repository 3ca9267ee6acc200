"""One function per figure of the trends page, from the frames of
:mod:`helpers.analysis.trends` (each figure's sentence is the ``interpret_*`` function of the
same name there). Each returns a new :class:`matplotlib.figure.Figure`, built without pyplot;
show it with ``helpers.show.display.show_figure``."""

from __future__ import annotations

import pandas as pd

import helpers.show.figures  # noqa: F401  (report text is never math)
from helpers.show.figures import cell_labels_out_of_layout


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _tidy(ax, axis: str = "y") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=axis, color="#EEEEEE", linewidth=0.8)
    ax.set_axisbelow(True)


def _few_periods(ax, n: int, slots: int = 4) -> None:
    """Keep one or two periods from filling the whole width (a lone bar or point)."""
    if 0 < n < slots:
        pad = (slots - n) / 2
        ax.set_xlim(-0.5 - pad, n - 0.5 + pad)


def plot_engagement_over_time(df: pd.DataFrame):
    """Engagement rate per period, one line per region and a thick line for all regions."""
    from helpers.show.palette import REGION_COLORS

    fig, ax = _figure(7, 4.4)
    order = sorted(df["region"].unique(), key=lambda r: (r != "All regions", r))
    for region in order:
        grp = df[df["region"] == region].sort_values("period")
        total = region == "All regions"
        ax.plot(grp["period"], grp["engagement_rate"] * 100, marker="o",
                markersize=8 if total else 6, linewidth=3 if total else 1.5,
                color="black" if total else REGION_COLORS.get(region), label=region,
                zorder=3 if total else 2)  # fmt: skip
    _few_periods(ax, df["period"].nunique())
    ax.set_ylabel("members taking part (% of roster)")
    ax.set_ylim(0, 100)
    ax.set_title("Roster members who took part in at least one activity", loc="left")
    fig.legend(fontsize=9, loc="outside lower left", ncols=3, frameon=False)
    _tidy(ax)
    return fig


def plot_activities_over_time(counts: pd.DataFrame):
    """Activities per period (in-period and dated outside it)."""
    from matplotlib.ticker import MaxNLocator

    fig, ax = _figure(6, 3.8)
    inside = counts["in_period"]
    outside = counts["activities"] - counts["in_period"]
    xs = list(range(len(counts)))
    ax.bar(xs, inside, width=0.6, color="#0072B2", label="dated in the period")
    ax.bar(xs, outside, width=0.6, bottom=inside, color="#D9D9D9", label="dated outside it")
    for x, n in zip(xs, counts["activities"], strict=True):
        ax.text(x, n, str(int(n)), ha="center", va="bottom", fontsize=9)
    ax.set_xticks(xs, list(counts["period"]))
    _few_periods(ax, len(counts))
    ax.set_ylim(0, max(1, int(counts["activities"].max()) if len(counts) else 1) * 1.12)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("activities")
    ax.set_title("Activities listed in each period's report", loc="left")
    fig.legend(fontsize=9, loc="outside lower left", ncols=2, frameon=False)
    _tidy(ax)
    return fig


def _heatmap(matrix: pd.DataFrame, title: str, *, missing_note: str | None = None):
    import textwrap

    import numpy as np

    width = max(5.5, 1.1 * len(matrix.columns) + 2.5)
    fig, ax = _figure(width, max(3, 0.3 * len(matrix) + 1.3))
    values = matrix.to_numpy(dtype=float)
    masked = np.ma.masked_invalid(values)
    cmap = __import__("matplotlib").colormaps["Blues"].with_extremes(bad="#EEEEEE")
    top = max(1.0, float(np.nanmax(values)) if values.size and not np.isnan(values).all() else 1.0)
    ax.imshow(masked, aspect="auto", cmap=cmap, vmin=0, vmax=top)
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns))
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(matrix.index)), list(matrix.index), fontsize=9)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    for (i, j), v in np.ndenumerate(values):
        text = "–" if np.isnan(v) else str(int(v))
        color = "#C0392B" if v == 0 else "white" if v > 0.6 * top else "black"
        ax.text(j, i, text, ha="center", va="center", fontsize=9,
                color=color, fontweight="bold" if v == 0 else None)  # fmt: skip
    cell_labels_out_of_layout(ax)
    chars = int(width * 10)
    notes = missing_note.split("; ") if missing_note else []
    lines = [title] + [line for part in notes for line in textwrap.wrap(part, chars)]
    ax.set_title("\n".join(lines), fontsize=9, loc="left")
    return fig


def plot_coverage_matrix(matrix: pd.DataFrame):
    """Deliverable × period heatmap; 0 in red, `–` where the period's plan does not list it."""
    return _heatmap(matrix, "Activities per deliverable and period",
                    missing_note="– = not in that period's plan listing; red 0 = listed, no activity")  # fmt: skip


def plot_challenges_over_time(matrix: pd.DataFrame):
    """Challenge × period heatmap; 0 in red, `–` where the period's report does not list it."""
    return _heatmap(matrix, "Activities per metropolitan challenge and period",
                    missing_note="– = not in that period's challenge listing; red 0 = listed, no activity")  # fmt: skip
