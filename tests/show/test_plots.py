"""The charts' words, numbers and colours, read off each chart built from a tiny report
written here (helpers.show.plots): bar labels, tick labels, titles, legends and the marks of what
was missed. Nothing is drawn to pixels, so each test is quick.

The tiny report (every expectation below is counted by hand from these rows):

roster   Africa: Abidjan, Dakar, Rabat · Asia-Pacific: Seoul, Tehran · Europe: Berlin
A1  Abidjan, Seoul, Berlin   alliances UCLG, UNDP   outcome L1A1D1   challenge 2.3   line L1
A2  Abidjan, Seoul           alliance  UCLG         outcome L1A1D1   challenge 2.3   line L1
A3  Abidjan, Kigali (no)                            outcome L2A1D1   challenges 1.1, 9.9  L2
board    Ana A (Abidjan, Africa) · Bo B (Dakar, Africa) · Ed E (no member, Europe)
plan     L1 > L1A1 Perspective > L1A1D1 Support leaders, L1A1D2 Second deliverable
         L2 > L2A1 Support > L2A1D1 Learning · L3 (nothing under it)
listed   1.1 Inequalities, 2.3 Climate resilience, 3.1 Unaddressed
"""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.ticker import MaxNLocator

from helpers.show import plots
from helpers.show.palette import ALERT, LINE_COLORS, MUTED, OTHER, REGION_COLORS
from helpers.tables.schemas import SCHEMAS, empty_frame
from tests.frames import schema_frame


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return schema_frame(table, rows)


def _act(aid: str, line: str) -> dict:
    day = pd.Timestamp("2022-03-10")
    return {"activity_id": aid, "action_line": line, "start_date": day, "end_date": day,
            "title": f"TITLE {aid}"}  # fmt: skip


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    t = {name: empty_frame(name) for name in SCHEMAS}
    roster = [("Abidjan", "Africa"), ("Dakar", "Africa"), ("Rabat", "Africa"),
              ("Seoul", "Asia-Pacific"), ("Tehran", "Asia-Pacific"), ("Berlin", "Europe")]  # fmt: skip
    t["members"] = _frame("members", [{"member": m, "region": r} for m, r in roster])
    t["activities"] = _frame("activities", [_act("A1", "L1"), _act("A2", "L1"), _act("A3", "L2")])
    where = dict(roster)
    people = [("A1", "Abidjan"), ("A1", "Seoul"), ("A1", "Berlin"), ("A2", "Abidjan"),
              ("A2", "Seoul"), ("A3", "Abidjan"), ("A3", None)]  # fmt: skip
    t["participation"] = _frame("participation", [
        {"activity_id": a, "name_raw": m or "Kigali", "member": m, "region": where.get(m)}
        for a, m in people])  # fmt: skip
    t["activity_alliances"] = _frame("activity_alliances", [
        {"activity_id": "A1", "alliance": "UCLG"}, {"activity_id": "A1", "alliance": "UNDP"},
        {"activity_id": "A2", "alliance": "UCLG"}])  # fmt: skip
    t["board"] = _frame("board", [
        {"name": "Ana A", "role": "MEMBER", "member": "Abidjan", "region": "Africa"},
        {"name": "Bo B", "role": "MEMBER", "member": "Dakar", "region": "Africa"},
        {"name": "Ed E", "role": "MEMBER", "member": None, "region": "Europe"}])  # fmt: skip
    plan = [("L1", "line", None, "L1", "Leadership"), ("L1A1", "action", "L1", "L1", "Perspective"),
            ("L1A1D1", "deliverable", "L1A1", "L1", "Support leaders"),
            ("L1A1D2", "deliverable", "L1A1", "L1", "Second deliverable"),
            ("L2", "line", None, "L2", "Capacities"), ("L2A1", "action", "L2", "L2", "Support"),
            ("L2A1D1", "deliverable", "L2A1", "L2", "Learning"),
            ("L3", "line", None, "L3", "Knowledge")]  # fmt: skip
    t["strategic_plan"] = _frame("strategic_plan", [
        dict(zip(["code", "level", "parent", "line", "title"], p, strict=True)) for p in plan])  # fmt: skip
    t["activity_outcomes"] = _frame("activity_outcomes", [
        {"activity_id": "A1", "code": "L1A1D1"}, {"activity_id": "A2", "code": "L1A1D1"},
        {"activity_id": "A3", "code": "L2A1D1"}])  # fmt: skip
    t["challenges"] = _frame("challenges", [
        {"code": "1.1", "title": "Inequalities"}, {"code": "2.3", "title": "Climate resilience"},
        {"code": "3.1", "title": "Unaddressed"}])  # fmt: skip
    t["activity_challenges"] = _frame("activity_challenges", [
        {"activity_id": "A1", "code": "2.3"}, {"activity_id": "A2", "code": "2.3"},
        {"activity_id": "A3", "code": "1.1"}, {"activity_id": "A3", "code": "9.9", "known": False}])  # fmt: skip
    return t


def _texts(ax) -> list[tuple[str, float, float]]:
    return [(t.get_text(), round(t.get_position()[0], 3), round(t.get_position()[1], 3))
            for t in ax.texts]  # fmt: skip


def _ticks(ax, axis: str = "y") -> list[tuple[float, str]]:
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [(round(t.get_position(), 3) if isinstance(t.get_position(), float)
             else round(t.get_position()[1 if axis == "y" else 0], 3), t.get_text()) for t in ticks]  # fmt: skip


def _bars(container) -> list[tuple[float, float, tuple]]:
    return [(round(p.get_width(), 3), round(p.get_x(), 3), p.get_facecolor()) for p in container]


def _nothing_said(fig, text: str) -> None:
    ax = fig.axes[0]
    assert [(t.get_text(), t.get_position(), t.get_ha(), t.get_va()) for t in ax.texts] == [
        (text, (0.5, 0.5), "center", "center")]  # fmt: skip
    assert ax.texts[0].get_transform() == ax.transAxes
    assert to_rgba(ax.texts[0].get_color()) == to_rgba(OTHER) and not ax.axison


def _empty(tables, *names: str) -> dict[str, pd.DataFrame]:
    t = dict(tables)
    for name in names:
        t[name] = t[name].iloc[:0]
    return t


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "n", "short"),
    [("Seoul", 5, "Seoul"), ("Seoul  Metropolitan\nGovernment", 48, "Seoul Metropolitan Government"),
     ("Seoul Metropolitan", 8, "Seoul M…"), ("abcdefghij", 5, "abcd…"), (None, 48, "None")],
)  # fmt: skip
def test_short_labels(text, n, short):
    assert plots._short(text, n) == short


def test_wrapped_labels():
    assert plots._wrap("Global Taskforce of Local and Regional Governments", 20) == (
        "Global Taskforce of\nLocal and Regional…")  # fmt: skip
    assert plots._wrap("a b c d e f", 3, lines=3) == "a b\nc d\ne f"
    assert plots._wrap("a b c d e f g", 3, lines=3) == "a b\nc d\ne…"
    assert plots._wrap("") == "" and plots._wrap("UCLG") == "UCLG"


def test_colours_of_regions_and_lines():
    assert plots._region_color("Europe") == REGION_COLORS["Europe"]
    assert plots._region_color(None) == OTHER
    lines = ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]
    assert [plots._line_color(li, lines) for li in lines] == [*LINE_COLORS, LINE_COLORS[0]]
    assert plots._line_color("L9", lines) == OTHER


# --------------------------------------------------------------------------- engagement


def test_region_bars_say_engaged_of_roster_and_the_share(tables):
    fig = plots.plot_region_engagement(tables)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (8.0, 3.05)
    assert _ticks(ax) == [(2, "Africa"), (1, "Asia-Pacific"), (0, "Europe")]
    assert _texts(ax) == [("1 of 3 (33%)", 3.03, 2), ("1 of 2 (50%)", 2.03, 1),
                          ("1 of 1 (100%)", 1.03, 0)]  # fmt: skip
    assert {(t.get_fontsize(), t.get_va()) for t in ax.texts} == {(9, "center")}
    engaged, idle = ax.containers
    colors = [to_rgba(REGION_COLORS[r]) for r in ("Africa", "Asia-Pacific", "Europe")]
    assert _bars(engaged) == [(1, 0, colors[0]), (1, 0, colors[1]), (1, 0, colors[2])]
    assert _bars(idle) == [(2, 1, to_rgba(MUTED)), (1, 1, to_rgba(MUTED)), (0, 1, to_rgba(MUTED))]
    assert ax.get_xlim() == (0, 3.75)
    assert ax.get_xlabel() == "roster members (coloured: took part · grey: took part in nothing)"
    assert ax.get_title(loc="left") == (
        "Roster members who took part in at least one activity, by region"
    )
    assert isinstance(ax.xaxis.get_major_locator(), MaxNLocator)
    assert list(ax.xaxis.get_major_locator().tick_values(0, 3.75)) == [0, 1, 2, 3, 4]
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()


def test_region_bars_of_no_roster(tables):
    _nothing_said(plots.plot_region_engagement(_empty(tables, "members")),
                  "The roster lists no members.")  # fmt: skip


def test_the_most_active_members(tables):
    fig = plots.plot_member_participation(tables, top=2)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (8.0, 2.2)
    assert _ticks(ax) == [(1, "Abidjan"), (0, "Seoul")]
    assert _texts(ax) == [("3", 3.05, 1), ("2", 2.05, 0)]
    assert {(t.get_fontsize(), t.get_va()) for t in ax.texts} == {(9, "center")}
    (bars,) = ax.containers
    assert _bars(bars) == [(3, 0, to_rgba(REGION_COLORS["Africa"])),
                           (2, 0, to_rgba(REGION_COLORS["Asia-Pacific"]))]  # fmt: skip
    assert ax.get_title(loc="left") == "Most active members (top 2 of 3)"
    assert ax.get_xlabel() == "activities taken part in"
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Africa", "Asia-Pacific"]
    assert [to_rgba(h.get_facecolor()) for h in legend.legend_handles] == [
        to_rgba(REGION_COLORS["Africa"]), to_rgba(REGION_COLORS["Asia-Pacific"])]  # fmt: skip
    assert not legend.get_frame_on() and legend.get_texts()[0].get_fontsize() == 9
    assert legend._loc == 4  # lower right
    assert list(ax.xaxis.get_major_locator().tick_values(0, 3)) == [0, 1, 2, 3]
    every = plots.plot_member_participation(tables)
    assert every.axes[0].get_title(loc="left") == "Most active members"
    assert len(every.axes[0].texts) == 3


def test_the_most_active_members_when_nobody_took_part(tables):
    _nothing_said(plots.plot_member_participation(_empty(tables, "participation")),
                  "No roster member took part in any activity.")  # fmt: skip


def test_how_often_members_took_part(tables):
    fig = plots.plot_participation_distribution(tables)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (7.0, 3.6)
    (bars,) = ax.containers
    blue = to_rgba("#0072B2")
    assert [(round(p.get_x() + p.get_width() / 2, 3), p.get_height(), p.get_facecolor())
            for p in bars] == [(0, 3, to_rgba(MUTED)), (1, 1, blue), (2, 1, blue), (3, 1, blue)]  # fmt: skip
    assert _texts(ax) == [("3", 0, 3), ("1", 1, 1), ("1", 2, 1), ("1", 3, 1)]
    assert {(t.get_ha(), t.get_va(), t.get_fontsize()) for t in ax.texts} == {
        ("center", "bottom", 9)}  # fmt: skip
    assert list(ax.get_xticks()) == [0, 1, 2, 3]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("activities taken part in", "roster members")
    assert ax.get_title(loc="left") == "How often roster members took part"
    assert list(ax.yaxis.get_major_locator().tick_values(0, 2.5)) == [0, 1, 2, 3]
    only = _empty(tables, "participation")
    only["participation"] = tables["participation"].iloc[5:6]  # Abidjan in A3 only
    assert _texts(plots.plot_participation_distribution(only).axes[0]) == [("5", 0, 5), ("1", 1, 1)]
    _nothing_said(plots.plot_participation_distribution(_empty(tables, "members")),
                  "The roster lists no members.")  # fmt: skip


def test_board_members_and_how_often_their_member_took_part(tables):
    fig = plots.plot_board_participation(tables)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (8.0, 2.2)
    assert _ticks(ax) == [(2, "Ana A (Abidjan)"), (1, "Bo B (Dakar)"), (0, "Ed E (member?)")]
    ticks = ax.get_yticklabels()
    assert [(to_rgba(t.get_color()), t.get_fontweight()) for t in ticks] == [
        (to_rgba("black"), "normal"), (to_rgba(ALERT), "bold"), (to_rgba(ALERT), "bold")]  # fmt: skip
    assert {t.get_fontsize() for t in ticks} == {9}
    assert _texts(ax) == [("3", 3.06, 2), ("0", 0.06, 1), ("0", 0.06, 0)]
    assert ax.get_xlim() == (0, 3.24) and ax.get_xlabel() == "activities their member took part in"
    assert (
        fig._suptitle.get_text() == "Board members: how often the member they represent took part"
    )
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        "Africa", "Europe", "no activity (name in red)"]  # fmt: skip
    assert to_rgba(legend.legend_handles[-1].get_facecolor()) == to_rgba(ALERT)
    _nothing_said(plots.plot_board_participation(_empty(tables, "board")),
                  "The report lists no board members.")  # fmt: skip


def test_alliances_and_their_activities(tables):
    t = dict(tables)
    long = "Global Taskforce of Local and Regional Governments"
    t["activity_alliances"] = pd.concat(
        [tables["activity_alliances"],
         _frame("activity_alliances", [{"activity_id": "A3", "alliance": long}])])  # fmt: skip
    fig = plots.plot_alliances(t)
    ax = fig.axes[0]
    assert _ticks(ax) == [(2, "UCLG"), (1, "Global Taskforce of Local and\nRegional Governments"),
                          (0, "UNDP")]  # fmt: skip
    assert _texts(ax) == [("2", 2.04, 2), ("1", 1.04, 1), ("1", 1.04, 0)]
    assert ax.get_xlim() == (0, 2.16)
    assert ax.get_title(loc="left") == "Alliances Metropolis worked with"
    assert ax.get_xlabel() == "activities"
    assert {p.get_facecolor() for p in ax.containers[0]} == {to_rgba("#0072B2")}
    _nothing_said(plots.plot_alliances(_empty(tables, "activity_alliances")),
                  "No activity names a partner alliance.")  # fmt: skip


# --------------------------------------------------------------------------- coverage


def test_deliverables_served_grouped_by_action_and_the_missed_ones_in_red(tables):
    fig = plots.plot_deliverable_coverage(tables)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == pytest.approx((8.6, 2.68))
    assert _ticks(ax) == [(0, "L1A1D1  Support leaders"), (-1, "L1A1D2  Second deliverable"),
                          (-2.6, "L2A1D1  Learning")]  # fmt: skip
    ticks = ax.get_yticklabels()
    assert [(to_rgba(t.get_color()), t.get_fontweight()) for t in ticks] == [
        (to_rgba("black"), "normal"), (to_rgba(ALERT), "bold"), (to_rgba("black"), "normal")]  # fmt: skip
    assert _texts(ax) == [("2", 2.08, 0), ("no activity", 0.08, -1), ("1", 1.08, -2.6)]
    assert to_rgba(ax.texts[1].get_color()) == to_rgba(ALERT)
    (bars,) = ax.containers
    assert [p.get_facecolor() for p in bars] == [
        to_rgba(LINE_COLORS[0]), to_rgba(LINE_COLORS[0]), to_rgba(LINE_COLORS[1])]  # fmt: skip
    assert ax.get_xlim() == (0, 2.3) and ax.get_xlabel() == "activities serving the deliverable"
    assert fig._suptitle.get_text() == "Strategic Action Plan deliverables served by the activities"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["L1", "L2", "no activity"]
    _nothing_said(plots.plot_deliverable_coverage(_empty(tables, "strategic_plan")),
                  "The report lists no Strategic Action Plan deliverables.")  # fmt: skip


@pytest.mark.parametrize(
    ("level", "ticks", "counts"),
    [("action", [(1, "L1A1  Perspective"), (0, "L2A1  Support")], ["1 of 2", "1 of 1"]),
     ("line", [(1, "L1  Leadership"), (0, "L2  Capacities")], ["1 of 2", "1 of 1"])],
)  # fmt: skip
def test_the_share_of_deliverables_covered(tables, level, ticks, counts):
    fig = plots.plot_coverage_rate(tables, level=level)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (8.0, 2.3)
    assert _ticks(ax) == ticks  # L3 lists no deliverable: left out
    assert _texts(ax) == [(counts[0], 1.01, 1), (counts[1], 1.01, 0)]
    whole, share = ax.containers
    assert _bars(whole) == [(1, 0, to_rgba(MUTED))] * 2
    assert _bars(share) == [(0.5, 0, to_rgba(LINE_COLORS[0])), (1, 0, to_rgba(LINE_COLORS[1]))]
    assert ax.get_xlim() == (0, 1.15)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0%", "25%", "50%", "75%", "100%"]
    assert ax.get_title(loc="left") == f"Deliverables covered, by {level}"
    assert ax.get_xlabel() == "share of deliverables served by at least one activity"
    _nothing_said(plots.plot_coverage_rate(_empty(tables, "strategic_plan"), level=level),
                  f"No {level} of the plan lists a deliverable.")  # fmt: skip


def test_challenges_addressed_and_the_missed_ones_in_red(tables):
    fig = plots.plot_challenge_coverage(tables)
    ax = fig.axes[0]
    assert _ticks(ax) == [(2, "1.1  Inequalities"), (1, "2.3  Climate resilience"),
                          (0, "3.1  Unaddressed")]  # fmt: skip
    assert [to_rgba(t.get_color()) for t in ax.get_yticklabels()] == [
        to_rgba("black"), to_rgba("black"), to_rgba(ALERT)]  # fmt: skip
    assert _texts(ax) == [("1", 1.06, 2), ("2", 2.06, 1), ("no activity", 0.06, 0)]
    assert [p.get_facecolor() for p in ax.containers[0]] == [
        to_rgba(LINE_COLORS[0]), to_rgba(LINE_COLORS[1]), to_rgba(LINE_COLORS[2])]  # fmt: skip
    assert ax.get_xlim() == (0, 2.3)
    assert ax.get_title(loc="left") == "Metropolitan challenges addressed by the activities"
    _nothing_said(plots.plot_challenge_coverage(_empty(tables, "challenges")),
                  "The report lists no metropolitan challenges.")  # fmt: skip


@pytest.mark.parametrize(
    ("line_from", "source"),
    [("activity", "the activity's section"), ("outcomes", "its outcome codes")],
)
def test_activities_by_line_and_challenge_unlisted_codes_named(tables, line_from, source):
    fig = plots.plot_line_challenge_heatmap(tables, line_from=line_from)
    ax = fig.axes[0]
    # three lines: 4.6 + 1.35 x 3 wide; four challenges (9.9 too): 1.6 + 0.4 x 4 high
    assert tuple(fig.get_size_inches()) == pytest.approx((8.65, 3.2))
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1.1  Inequalities", "2.3  Climate resilience", "3.1  Unaddressed",
        "9.9  (not in the challenge listing)"]  # fmt: skip
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "L1\nLeadership", "L2\nCapacities", "L3\nKnowledge"]  # fmt: skip
    # read down the challenges: 1.1 by A3 (L2), 2.3 by A1 and A2 (L1), 3.1 by none, 9.9 by A3
    assert [t.get_text() for t in ax.texts] == [
        "0", "1", "0", "2", "0", "0", "0", "0", "0", "0", "1", "0"]  # fmt: skip
    assert fig._suptitle.get_text() == (
        f"Activities addressing each challenge, by action line (from {source})"
    )
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("", "")
    listed = _empty(tables, "activity_challenges")
    listed["activity_challenges"] = tables["activity_challenges"].iloc[:3]
    ax = plots.plot_line_challenge_heatmap(listed, line_from=line_from).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1.1  Inequalities", "2.3  Climate resilience", "3.1  Unaddressed"]  # fmt: skip
    _nothing_said(plots.plot_line_challenge_heatmap(
        _empty(tables, "strategic_plan", "challenges", "activity_challenges")),
        "No action line or challenge to show.")  # fmt: skip


def test_every_chart_shares_one_frame_title_grid_and_whole_number_ticks():
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    fig, ax = plots._figure(5, 2)
    assert tuple(fig.get_size_inches()) == (5, 2) and fig.axes == [ax]
    assert isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    plots._figure_title(fig, "A title")
    title = fig._suptitle
    assert (title.get_text(), title.get_position()[0], title.get_ha()) == ("A title", 0.01, "left")
    assert title.get_fontsize() == pytest.approx(12.0)  # "large" of the 10 pt default
    plots._tidy(ax, "y")
    assert [ax.spines[s].get_visible() for s in ("top", "right", "bottom", "left")] == [
        False, False, True, True]  # fmt: skip
    grid = ax.yaxis.get_gridlines()[0]
    assert grid.get_visible() and not ax.xaxis.get_gridlines()[0].get_visible()
    assert (to_rgba(grid.get_color()), grid.get_linewidth()) == (to_rgba("#EEEEEE"), 0.8)
    assert ax.get_axisbelow() is True
    plots._integer_ticks(ax, "y")
    assert isinstance(ax.yaxis.get_major_locator(), MaxNLocator)
    assert list(ax.xaxis.get_major_locator().tick_values(0, 1.2))[:2] == [0, 0.2]
    assert list(ax.yaxis.get_major_locator().tick_values(0, 1.2)) == [0, 1, 2]
    assert (plots._bar_height(0), plots._bar_height(10), plots._bar_height(2, 1.0, 1.0)) == (
        2.2, pytest.approx(4.6), 3.0)  # fmt: skip


# --------------------------------------------------------------------------------------------
# How each chart sets its words: sizes, places, legends and colour scales (docs/mutation.md).


def _styled(ax, va: str = "center") -> None:
    """Every word on the bars is 9 pt, set level with its bar."""
    assert ax.texts and {(t.get_fontsize(), t.get_va()) for t in ax.texts} == {(9, va)}


def _legend(legend, loc: int, labels: list[str], colors: list[str], ncols: int = 1) -> None:
    assert [t.get_text() for t in legend.get_texts()] == labels
    assert [h.get_facecolor() for h in legend.legend_handles] == [to_rgba(c) for c in colors]
    assert (legend._loc, legend._ncols, legend.get_frame_on()) == (loc, ncols, False)
    assert {t.get_fontsize() for t in legend.get_texts()} == {9}


def test_the_region_and_member_charts_words(tables):
    ax = plots.plot_region_engagement(tables).axes[0]
    _styled(ax)
    ax = plots.plot_member_participation(tables).axes[0]
    _styled(ax)
    assert [p.get_facecolor() for p in ax.containers[0]] == [
        to_rgba(REGION_COLORS[r]) for r in ("Africa", "Asia-Pacific", "Europe")]  # fmt: skip
    ax = plots.plot_participation_distribution(tables).axes[0]
    assert ax.yaxis.get_gridlines()[0].get_visible()
    assert not ax.xaxis.get_gridlines()[0].get_visible()


def test_the_board_charts_words_legend_and_margins(tables):
    fig = plots.plot_board_participation(tables)
    ax = fig.axes[0]
    _styled(ax)
    assert [p.get_facecolor() for p in ax.containers[0]] == [
        to_rgba(REGION_COLORS["Africa"]), to_rgba(REGION_COLORS["Africa"]),
        to_rgba(REGION_COLORS["Europe"])]  # fmt: skip
    assert ax.margins()[1] == 0.01
    _legend(fig.legends[0], 8, ["Africa", "Europe", "no activity (name in red)"],
            [REGION_COLORS["Africa"], REGION_COLORS["Europe"], ALERT], ncols=3)  # fmt: skip
    assert fig._suptitle.get_fontsize() == pytest.approx(12.0)


def test_the_alliance_chart_wraps_names_at_34_letters_and_counts_from_one(tables):
    t = dict(tables)
    name = "Cities Alliance for Local and Urban Governance"  # 35 letters to `Urban`
    t["activity_alliances"] = _frame("activity_alliances", [
        {"activity_id": "A1", "alliance": name}, {"activity_id": "A2", "alliance": "UNDP"}])  # fmt: skip
    fig = plots.plot_alliances(t)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == (8.0, 2.2)
    assert [x.get_text() for x in ax.get_yticklabels()] == [
        "Cities Alliance for Local and\nUrban Governance", "UNDP"]  # fmt: skip
    assert _texts(ax) == [("1", 1.02, 1), ("1", 1.02, 0)]  # one activity at most: 2% of 1
    assert ax.get_xlim() == (0, 1.08)
    _styled(ax)


def test_the_coverage_charts_words_and_legends(tables):
    fig = plots.plot_deliverable_coverage(tables)
    ax = fig.axes[0]
    _styled(ax)
    assert {x.get_fontsize() for x in ax.get_yticklabels()} == {9}
    _legend(
        ax.get_legend(), 4, ["L1", "L2", "no activity"], [LINE_COLORS[0], LINE_COLORS[1], ALERT]
    )
    ax = plots.plot_coverage_rate(tables).axes[0]
    _styled(ax)
    ax = plots.plot_challenge_coverage(tables).axes[0]
    _styled(ax)
    assert [x.get_fontweight() for x in ax.get_yticklabels()] == ["normal", "normal", "bold"]
    assert ax.get_xlabel() == "activities addressing the challenge"


def test_long_titles_are_cut_at_their_chart_s_width(tables):
    t = dict(tables)
    plan = tables["strategic_plan"].copy()
    plan.loc[plan["code"] == "L1A1D1", "title"] = "x" * 46 + " y"  # 48 letters
    t["strategic_plan"] = plan
    ax = plots.plot_deliverable_coverage(t).axes[0]
    assert ax.get_yticklabels()[0].get_text() == "L1A1D1  " + "x" * 45 + "…"
    listed = tables["challenges"].copy()
    listed.loc[0, "title"] = "y" * 40 + "z"  # 41 letters
    t["challenges"] = listed
    ax = plots.plot_challenge_coverage(t).axes[0]
    assert ax.get_yticklabels()[0].get_text() == "1.1  " + "y" * 39 + "…"


def test_challenge_groups_in_number_order_and_actions_coloured_by_their_line(tables):
    t = dict(tables)
    t["challenges"] = _frame("challenges", [
        {"code": "2.1", "title": "Two"}, {"code": "10.1", "title": "Ten"},
        {"code": "1.1", "title": "One"}])  # fmt: skip
    ax = plots.plot_challenge_coverage(t).axes[0]
    assert [p.get_facecolor() for p in ax.containers[0]] == [
        to_rgba(LINE_COLORS[1]),
        to_rgba(LINE_COLORS[2]),
        to_rgba(LINE_COLORS[0]),
    ]  # 1, 2, 10
    plan = [("L1", "line", None, "L1", "Leadership"), ("L1A1", "action", "L1", "L1", "One"),
            ("L1A1D1", "deliverable", "L1A1", "L1", "d"), ("L1A2", "action", "L1", "L1", "Two"),
            ("L1A2D1", "deliverable", "L1A2", "L1", "d"), ("L2", "line", None, "L2", "Cap"),
            ("L2A1", "action", "L2", "L2", "Three"), ("L2A1D1", "deliverable", "L2A1", "L2", "d")]  # fmt: skip
    t["strategic_plan"] = _frame("strategic_plan", [
        dict(zip(["code", "level", "parent", "line", "title"], p, strict=True)) for p in plan])  # fmt: skip
    ax = plots.plot_coverage_rate(t, level="action").axes[0]
    assert [p.get_facecolor() for p in ax.containers[1]] == [
        to_rgba(LINE_COLORS[0]), to_rgba(LINE_COLORS[0]), to_rgba(LINE_COLORS[1])]  # fmt: skip
    assert plots.plot_coverage_rate(t).axes[0].get_title(loc="left") == (
        "Deliverables covered, by action"
    )  # by action unless told


def test_the_heatmaps_scales_lines_and_ticks(tables):
    fig = plots.plot_line_challenge_heatmap(tables)
    ax = fig.axes[0]
    mesh = ax.collections[0]
    assert mesh.get_cmap().name == "Blues" and mesh.get_clim() == (0, 2)
    assert list(mesh.get_linewidths()) == [0.5] and len(fig.axes) == 1  # no colour bar
    assert {x.get_rotation() for x in ax.get_yticklabels()} == {0}
