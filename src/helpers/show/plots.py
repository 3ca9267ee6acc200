"""One function per figure of the engagement and coverage notebooks.

Each function takes ``tables`` (table name → frame, columns as in ``helpers.tables.schemas``) and
returns a new :class:`matplotlib.figure.Figure`. Figures are built without pyplot, so they are
never registered with a backend: nothing is shown twice and nothing needs closing. Show them
with ``helpers.show.display.show_figure`` (or let Jupyter display the returned object); the matching
sentence comes from the ``interpret_*`` function named in each docstring.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

import helpers.show.figures  # noqa: F401  (report text is never math)
from helpers.analysis import coverage as cov
from helpers.analysis import engagement as eng
from helpers.show.figures import cell_labels_out_of_layout
from helpers.show.palette import ALERT, LINE_COLORS, MUTED, OTHER, REGION_COLORS

Tables = Mapping[str, pd.DataFrame]

__all__ = [
    "REGION_COLORS",
    "plot_region_engagement",
    "plot_member_participation",
    "plot_participation_distribution",
    "plot_board_participation",
    "plot_alliances",
    "plot_deliverable_coverage",
    "plot_coverage_rate",
    "plot_challenge_coverage",
    "plot_line_challenge_heatmap",
]


# --------------------------------------------------------------------------- helpers


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _figure_title(fig: Figure, text: str) -> None:
    """A title from the figure's left edge, for charts whose long labels push the axes so far
    right that an axes title would run off the picture."""
    fig.suptitle(text, x=0.01, ha="left", fontsize="large")


def _nothing(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color=OTHER)
    ax.set_axis_off()


def _short(text: object, n: int = 48) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _wrap(text: object, width: int = 38, lines: int = 2) -> str:
    """A label on at most ``lines`` lines of about ``width`` characters (the rest cut with …)."""
    parts = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(parts) > lines:
        parts = parts[: lines - 1] + [_short(" ".join(parts[lines - 1 :]), width)]
    return "\n".join(parts)


def _region_color(region: object) -> str:
    return REGION_COLORS.get(str(region), OTHER)


def _line_color(line: object, lines: list[str]) -> str:
    return LINE_COLORS[lines.index(line) % len(LINE_COLORS)] if line in lines else OTHER


def _bar_height(n: int, per: float = 0.32, base: float = 1.4) -> float:
    return max(2.2, base + per * n)


def _tidy(ax: Axes, axis: Literal["x", "y"] = "x") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=axis, color="#EEEEEE", linewidth=0.8)
    ax.set_axisbelow(True)


def _integer_ticks(ax: Axes, axis: Literal["x", "y"] = "x") -> None:
    from matplotlib.ticker import MaxNLocator

    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))


# --------------------------------------------------------------------------- engagement


def plot_region_engagement(tables: Tables) -> Figure:
    """Stacked bars per roster region: members who took part vs not, with the share.
    Sentence: :func:`helpers.analysis.engagement.interpret_by_region`."""
    df = eng.by_region(tables)
    fig, ax = _figure(8, _bar_height(len(df), 0.55))
    if df.empty:
        _nothing(ax, "The roster lists no members.")
        return fig
    y = np.arange(len(df))[::-1]
    colors = [_region_color(r) for r in df["region"]]
    ax.barh(y, df["engaged"], color=colors)
    ax.barh(y, df["not_engaged"], left=df["engaged"], color=MUTED)
    for yi, row in zip(y, df.itertuples(), strict=True):
        ax.text(
            row.roster_size + df["roster_size"].max() * 0.01,
            yi,
            f"{row.engaged} of {row.roster_size} ({row.engagement_rate:.0%})",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(y, df["region"])
    ax.set_xlim(0, df["roster_size"].max() * 1.25)
    ax.set_xlabel("roster members (coloured: took part · grey: took part in nothing)")
    ax.set_title("Roster members who took part in at least one activity, by region", loc="left")
    _integer_ticks(ax)
    _tidy(ax)
    return fig


def plot_member_participation(tables: Tables, top: int = 15) -> Figure:
    """Horizontal bars: activities per member for the ``top`` most active, coloured by region.
    Sentence: :func:`helpers.analysis.engagement.interpret_per_member`."""
    df = eng.per_member(tables)
    shown = df.head(top)
    fig, ax = _figure(8, _bar_height(len(shown)))
    if shown.empty:
        _nothing(ax, "No roster member took part in any activity.")
        return fig
    y = np.arange(len(shown))[::-1]
    ax.barh(y, shown["activities"], color=[_region_color(r) for r in shown["region"]])
    for yi, n in zip(y, shown["activities"], strict=True):
        ax.text(n + 0.05, yi, str(n), va="center", fontsize=9)
    ax.set_yticks(y, shown["member"])
    ax.set_xlabel("activities taken part in")
    more = f" (top {len(shown)} of {len(df)})" if len(df) > len(shown) else ""
    ax.set_title(f"Most active members{more}", loc="left")
    regions = [r for r in REGION_COLORS if r in set(shown["region"])]
    ax.legend(
        handles=[Patch(color=_region_color(r), label=r) for r in regions],
        loc="lower right",
        frameon=False,
        fontsize=9,
    )
    _integer_ticks(ax)
    _tidy(ax)
    return fig


def plot_participation_distribution(tables: Tables) -> Figure:
    """Bars: how many roster members took part in 0, 1, 2, … activities (0 greyed).
    Sentence: :func:`helpers.analysis.engagement.interpret_participation_distribution`."""
    df = eng.participation_distribution(tables)
    fig, ax = _figure(7, 3.6)
    if df["members"].sum() == 0:
        _nothing(ax, "The roster lists no members.")
        return fig
    colors = [MUTED if n == 0 else "#0072B2" for n in df["activities"]]
    ax.bar(df["activities"], df["members"], color=colors)
    for x, n in zip(df["activities"], df["members"], strict=True):
        if n:
            ax.text(x, n, str(n), ha="center", va="bottom", fontsize=9)
    ax.set_xticks(df["activities"])
    ax.set_xlabel("activities taken part in")
    ax.set_ylabel("roster members")
    ax.set_title("How often roster members took part", loc="left")
    _integer_ticks(ax, "y")
    _tidy(ax, "y")
    return fig


def plot_board_participation(tables: Tables) -> Figure:
    """Horizontal bars: activities of each board person's member; names of those whose member
    took part in nothing in red. Sentence: :func:`helpers.analysis.engagement.interpret_board_participation`.
    """
    df = eng.board_participation(tables)
    fig, ax = _figure(8, _bar_height(len(df), 0.26))
    if df.empty:
        _nothing(ax, "The report lists no board members.")
        return fig
    y = np.arange(len(df))[::-1]
    ax.barh(y, df["activities"], color=[_region_color(r) for r in df["region"]])
    top = max(1, int(df["activities"].max()))
    for yi, n in zip(y, df["activities"], strict=True):
        ax.text(n + 0.02 * top, yi, str(int(n)), va="center", fontsize=9)
    ax.set_xlim(0, top * 1.08)
    ax.margins(y=0.01)
    labels = [
        f"{r.name} ({r.member if pd.notna(r.member) else 'member?'})" for r in df.itertuples()
    ]
    ax.set_yticks(y, labels, fontsize=9)
    for tick, engaged in zip(ax.get_yticklabels(), df["engaged"], strict=True):
        if not engaged:
            tick.set_color(ALERT)
            tick.set_fontweight("bold")
    ax.set_xlabel("activities their member took part in")
    _figure_title(fig, "Board members: how often the member they represent took part")
    regions = [r for r in REGION_COLORS if r in set(df["region"])]
    handles = [Patch(color=_region_color(r), label=r) for r in regions]
    handles.append(Patch(color=ALERT, label="no activity (name in red)"))
    fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False, fontsize=9)
    _integer_ticks(ax)
    _tidy(ax)
    return fig


def plot_alliances(tables: Tables) -> Figure:
    """Horizontal bars: activities run with each partner alliance.
    Sentence: :func:`helpers.analysis.engagement.interpret_alliances`."""
    df = eng.alliances(tables)
    fig, ax = _figure(8, _bar_height(len(df)))
    if df.empty:
        _nothing(ax, "No activity names a partner alliance.")
        return fig
    y = np.arange(len(df))[::-1]
    ax.barh(y, df["activities"], color="#0072B2")
    top = max(1, int(df["activities"].max()))
    for yi, n in zip(y, df["activities"], strict=True):
        ax.text(n + 0.02 * top, yi, str(int(n)), va="center", fontsize=9)
    ax.set_xlim(0, top * 1.08)
    ax.set_yticks(y, [_wrap(a, 34) for a in df["alliance"]])
    ax.set_xlabel("activities")
    ax.set_title("Alliances Metropolis worked with", loc="left")
    _integer_ticks(ax)
    _tidy(ax)
    return fig


# --------------------------------------------------------------------------- coverage


def plot_deliverable_coverage(tables: Tables) -> Figure:
    """Horizontal bars: activities per deliverable, grouped by action (gaps) and coloured by
    line; deliverables no activity served are marked in red. Sentence:
    :func:`helpers.analysis.coverage.interpret_deliverables`."""
    df = cov.deliverables(tables)
    n_groups = df["action"].nunique() if len(df) else 0
    fig, ax = _figure(8.6, _bar_height(len(df) + n_groups * 0.5, 0.32))
    if df.empty:
        _nothing(ax, "The report lists no Strategic Action Plan deliverables.")
        return fig
    lines = sorted(df["line"].dropna().unique(), key=lambda c: (len(c), c))
    ys, y, prev = [], 0.0, None
    for action in df["action"]:
        if prev is not None and action != prev:
            y += 0.6
        ys.append(y)
        y += 1
        prev = action
    yv = -np.array(ys)
    ax.barh(yv, df["activities"], color=[_line_color(li, lines) for li in df["line"]])
    top = max(1, int(df["activities"].max()))
    for yi, row in zip(yv, df.itertuples(), strict=True):
        if not row.covered:
            ax.text(0.04 * top, yi, "no activity", va="center", color=ALERT, fontsize=9)
        else:
            ax.text(row.activities + 0.04 * top, yi, str(row.activities), va="center", fontsize=9)
    ax.set_yticks(yv, [f"{r.code}  {_short(r.title, 46)}" for r in df.itertuples()], fontsize=9)
    for tick, covered in zip(ax.get_yticklabels(), df["covered"], strict=True):
        if not covered:
            tick.set_color(ALERT)
            tick.set_fontweight("bold")
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("activities serving the deliverable")
    _figure_title(fig, "Strategic Action Plan deliverables served by the activities")
    handles = [Patch(color=_line_color(li, lines), label=li) for li in lines]
    handles.append(Patch(color=ALERT, label="no activity"))
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=9)
    _integer_ticks(ax)
    _tidy(ax)
    return fig


def plot_coverage_rate(tables: Tables, level: Literal["line", "action"] = "action") -> Figure:
    """Horizontal bars: share of deliverables covered per line or action, with counts.
    Sentence: :func:`helpers.analysis.coverage.interpret_coverage_rate`."""
    df = cov.coverage_rate(tables, level=level)
    df = df.loc[df["deliverables"] > 0].reset_index(drop=True)
    fig, ax = _figure(8, _bar_height(len(df), 0.45))
    if df.empty:
        _nothing(ax, f"No {level} of the plan lists a deliverable.")
        return fig
    line_of = [str(c).split("A")[0] for c in df[level]]
    lines = sorted(set(line_of), key=lambda c: (len(c), c))
    y = np.arange(len(df))[::-1]
    ax.barh(y, [1.0] * len(df), color=MUTED)
    ax.barh(y, df["rate"], color=[_line_color(li, lines) for li in line_of])
    for yi, row in zip(y, df.itertuples(), strict=True):
        ax.text(1.01, yi, f"{row.covered} of {row.deliverables}", va="center", fontsize=9)
    ax.set_yticks(y, [f"{c}  {_wrap(t, 36)}" for c, t in zip(df[level], df["title"], strict=True)])
    ax.set_xlim(0, 1.15)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("share of deliverables served by at least one activity")
    ax.set_title(f"Deliverables covered, by {level}", loc="left")
    _tidy(ax)
    return fig


def plot_challenge_coverage(tables: Tables) -> Figure:
    """Horizontal bars: activities per listed challenge, coloured by challenge group;
    challenges no activity addressed are marked in red. Sentence:
    :func:`helpers.analysis.coverage.interpret_challenge_coverage`."""
    df = cov.challenge_coverage(tables)
    fig, ax = _figure(8, _bar_height(len(df)))
    if df.empty:
        _nothing(ax, "The report lists no metropolitan challenges.")
        return fig
    groups = sorted({str(c).split(".")[0] for c in df["code"]}, key=int)
    group_of = [str(c).split(".")[0] for c in df["code"]]
    y = np.arange(len(df))[::-1]
    ax.barh(y, df["activities"], color=[_line_color(g, groups) for g in group_of])
    top = max(1, int(df["activities"].max()))
    for yi, row in zip(y, df.itertuples(), strict=True):
        if row.covered:
            ax.text(row.activities + 0.03 * top, yi, str(row.activities), va="center", fontsize=9)
        else:
            ax.text(0.03 * top, yi, "no activity", va="center", color=ALERT, fontsize=9)
    ax.set_yticks(y, [f"{r.code}  {_short(r.title, 40)}" for r in df.itertuples()])
    for tick, covered in zip(ax.get_yticklabels(), df["covered"], strict=True):
        if not covered:
            tick.set_color(ALERT)
            tick.set_fontweight("bold")
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("activities addressing the challenge")
    ax.set_title("Metropolitan challenges addressed by the activities", loc="left")
    _integer_ticks(ax)
    _tidy(ax)
    return fig


def plot_line_challenge_heatmap(
    tables: Tables, line_from: Literal["activity", "outcomes"] = "activity"
) -> Figure:
    """Heatmap: for each challenge (a row, its code with its title), the activities of each
    action line (a column, its code with its title) addressing it; listed challenges all
    shown, empty rows included. Sentence:
    :func:`helpers.analysis.coverage.interpret_line_challenge_matrix`."""
    df = cov.challenges_by_line(tables, line_from=line_from)
    lines = [c for c in df.columns if c not in ("code", "title")]
    m = df.set_index("code")[lines]
    fig, ax = _figure(max(6.4, 4.6 + 1.35 * len(lines)), max(2.6, 1.6 + 0.4 * len(m)))
    if m.size == 0:
        _nothing(ax, "No action line or challenge to show.")
        return fig
    sns.heatmap(
        m,
        ax=ax,
        cmap="Blues",
        vmin=0,
        annot=True,
        fmt="d",
        linewidths=0.5,
        linecolor="white",
        cbar=False,
    )
    cell_labels_out_of_layout(ax)
    titles = cov.line_titles(tables)
    ax.set_yticks(
        np.arange(len(df)) + 0.5,
        [f"{r.code}  {_short(r.title, 40)}" for r in df.itertuples()],
        rotation=0,
    )
    ax.set_xticks(
        np.arange(len(lines)) + 0.5,
        [f"{li}\n{_wrap(titles[li], 24, 3)}" if li in titles else li for li in lines],
        rotation=0,
    )
    ax.xaxis.tick_top()
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(length=0)
    source = "the activity's section" if line_from == "activity" else "its outcome codes"
    _figure_title(fig, f"Activities addressing each challenge, by action line (from {source})")
    return fig
