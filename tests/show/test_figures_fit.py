"""Every chart of the report pages, drawn from the real 2022-T1 tables, keeps all its text
inside the picture (nothing cut at an edge) and no text under 9 pt (the size the pages keep
at 9 CSS px on a phone, see helpers.show.display.MIN_TEXT_CSS_PX)."""

from __future__ import annotations

import pytest
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.analysis import trends
from helpers.show import plots, trend_plots
from helpers.show.display import smallest_text_pt

pytestmark = pytest.mark.slow  # ingests a project and draws every chart of the pages

PLOTS = [name for name in plots.__all__ if name.startswith("plot_")]
TRENDS = {
    "activities": lambda t: trend_plots.plot_activities_over_time(trends.activity_counts(t)),
    "engagement": lambda t: trend_plots.plot_engagement_over_time(trends.engagement_by_period(t)),
    "coverage": lambda t: trend_plots.plot_coverage_matrix(trends.coverage_matrix(t)),
    "challenges": lambda t: trend_plots.plot_challenges_over_time(trends.challenges_over_time(t)),
}


@pytest.fixture(scope="module")
def periods(ingested_2022t1):
    """The 2022-T1 tables as the trends page loads them (every processed period), from the
    run's one ingest (``ingested_2022t1``, only read)."""
    from helpers.analysis.explore import load_all

    return load_all(root=ingested_2022t1)


def _drawn_texts(fig: Figure) -> list[Text]:
    """Visible, non-empty texts that the drawing shows: tick labels only for ticks inside the
    axis limits (matplotlib keeps labels of ticks outside them, not drawn)."""
    tick_labels, shown = set(), set()
    for axis in fig.findobj(Axis):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            labels = {id(tick.label1), id(tick.label2)}
            tick_labels |= labels
            if low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                shown |= labels
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and (id(t) not in tick_labels or id(t) in shown)
    ]


def _outside(fig: Figure) -> list[str]:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    out = []
    for text in _drawn_texts(fig):
        box = text.get_window_extent(renderer)
        if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
            out.append(f"{text.get_text()[:40]!r} at x {box.x0:.0f}–{box.x1:.0f} of {width:.0f}")
    return out


@pytest.mark.parametrize("name", PLOTS)
def test_report_chart_text_fits_and_is_9pt_or_more(name, t1):
    fig = getattr(plots, name)(t1)
    assert _outside(fig) == []
    assert smallest_text_pt(fig) >= 9


@pytest.mark.parametrize("name", TRENDS)
def test_trends_chart_text_fits_and_is_9pt_or_more(name, periods):
    fig = TRENDS[name](periods)
    assert _outside(fig) == []
    assert smallest_text_pt(fig) >= 9


HEATMAPS = {
    "line_challenge": lambda t1, periods: plots.plot_line_challenge_heatmap(t1),
    "trends_coverage": lambda t1, periods: TRENDS["coverage"](periods),
    "trends_challenges": lambda t1, periods: TRENDS["challenges"](periods),
}


@pytest.mark.parametrize("name", HEATMAPS)
def test_cell_labels_left_out_of_the_layout_change_no_pixel(name, t1, periods):
    """helpers.show.figures.cell_labels_out_of_layout saves measuring every cell label; the picture
    is the one drawn with them measured."""
    import numpy as np

    from helpers.show.display import _drawn

    fast, measured = HEATMAPS[name](t1, periods), HEATMAPS[name](t1, periods)
    labels = measured.axes[0].texts
    assert labels and not any(t.get_in_layout() for t in fast.axes[0].texts)
    for text in labels:
        text.set_in_layout(True)
    assert np.array_equal(np.asarray(_drawn(fast, 110)), np.asarray(_drawn(measured, 110)))
