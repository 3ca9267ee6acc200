"""The board brief of one period, as data: its headline figures and their change since the
previous period, the deliverables and challenges no activity addressed, the regions to work
on, the members to call and the findings that limit the figures.

Every figure comes from the function that computes it for the other pages (engagement,
coverage, quality, trends); this module only picks and words them. ``tables`` are the period's
tables stacked with those of the period before it, when there is one (``helpers.load_all``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from helpers.analysis import coverage, engagement, quality, trends
from helpers.analysis.wording import pct
from helpers.analysis.wording import plural as _plural

Tables = Mapping[str, pd.DataFrame]

__all__ = ["Brief", "Figure", "board_brief", "regions_to_work_on", "members_to_call"]

MINUS = "\u2212"


@dataclass(frozen=True)
class Figure:
    """One headline figure: its value now, in the previous period and the change between."""

    label: str
    value: str
    before: str = ""  # empty when there is no previous period
    change: str = ""
    note: str = ""


@dataclass(frozen=True)
class Brief:
    """What the board brief of ``period`` shows (``previous``: the period compared with)."""

    period: str
    previous: str | None
    figures: list[Figure]
    like_for_like: str  # a sentence when the rosters differ by more than 10%, else ""
    deliverables: list[tuple[str, str]]  # (code, title) of deliverables no activity served
    challenges: list[tuple[str, str]]  # (code, title) of challenges no activity addressed
    regions: list[dict[str, object]]
    overall_rate: float
    board: list[dict[str, str]]
    lapsed: list[dict[str, str]]
    findings: list[dict[str, object]]
    severities: dict[str, int] = field(default_factory=dict)


def _one_period(tables: Tables, period: str) -> dict[str, pd.DataFrame]:
    """One period's tables out of stacked ones."""
    return {n: df[df["period"].astype("str") == period] for n, df in tables.items()}


def _signed(n: float, unit: str = "") -> str:
    """`+3`, `−7`, `0` (with a typographic minus), then the unit."""
    text = "0" if n == 0 else f"{'+' if n > 0 else MINUS}{abs(n):g}"
    return f"{text}{unit}"


def _points(before: float, after: float) -> str:
    return _signed(round((after - before) * 100), " points")


def _of(n: int, total: int) -> str:
    return f"{n} of {total}"


def _change_row(tables: Tables, period: str) -> pd.Series | None:
    """trends.engagement_change's row comparing ``period`` with the previous one, if any."""
    change = trends.engagement_change(tables)
    row = change[change["period"] == period]
    return None if row.empty else row.iloc[0]


def regions_to_work_on(by_region: pd.DataFrame, overall_rate: float) -> pd.DataFrame:
    """The regions whose engagement rate is below the period's overall rate, lowest first
    (ties by region): the rows of :func:`helpers.analysis.engagement.by_region`."""
    low = by_region[(by_region["roster_size"] > 0) & (by_region["engagement_rate"] < overall_rate)]
    return low.sort_values(["engagement_rate", "region"], kind="stable").reset_index(drop=True)


def members_to_call(tables: Tables, period: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(board seats whose member took part in no activity, from
    :func:`engagement.board_participation`; members on both rosters who took part in the
    previous period and not in this one, from :func:`trends.newly_engaged_and_lapsed`)."""
    board = engagement.board_participation(_one_period(tables, period))
    changes = trends.newly_engaged_and_lapsed(tables)
    lapsed = changes[(changes["period"] == period) & (changes["status"] == "lapsed")]
    return board[~board["engaged"]].reset_index(drop=True), lapsed.reset_index(drop=True)


def _findings(q: pd.DataFrame) -> list[dict[str, object]]:
    """Errors and warnings grouped by kind (most severe first, then the most frequent): the
    kind's plain sentence and how many findings it has."""
    worth = quality.described(q[q["severity"].astype(str).isin(["error", "warning"])])
    rows = []
    for kind, g in worth.groupby("kind", sort=True, observed=True):
        rows.append({
            "kind": str(kind), "severity": str(g["severity"].astype(str).iloc[0]),
            "sentence": str(g["sentence"].iloc[0]), "count": len(g),
        })  # fmt: skip
    rank = {"error": 0, "warning": 1}
    return sorted(rows, key=lambda r: (rank[str(r["severity"])], -int(r["count"]), r["kind"]))


def _headline_figures(now: dict, before: dict) -> list[Figure]:
    """The brief's figures, each with the previous period's and the change when there is one."""

    def figure(label: str, key: str, total: str | None = None, note: str = "") -> Figure:
        value = _of(now[key], now[total]) if total else str(now[key])
        if not before:
            return Figure(label, value, note=note)
        was = _of(before[key], before[total]) if total else str(before[key])
        return Figure(label, value, was, _signed(now[key] - before[key]), note)

    return [
        figure("Activities", "activities", note=f"{now['activities_in_period']} dated inside the period"),
        figure("Members taking part", "members_engaged", "roster_size"),
        Figure("Engagement rate", pct(now["engagement_rate"]),
               pct(before["engagement_rate"]) if before else "",
               _points(before["engagement_rate"], now["engagement_rate"]) if before else "",
               "members taking part ÷ roster"),
        figure("Alliances worked with", "alliances"),
        figure("Deliverables served", "deliverables_covered", "deliverables"),
        figure("Challenges addressed", "challenges_covered", "challenges"),
        figure("Board members whose city took part", "board_members_engaged", "board_members"),
    ]  # fmt: skip


def _like_for_like(figures: list[Figure], change, previous: str, period: str) -> str:
    """When the roster changed: members taking part and the engagement rate compared on the
    members of both rosters (``figures`` 1 and 2 changed in place); the sentence saying so."""
    common = int(change["common"])
    took_before = round(change["common_before_rate"] * common)
    took_after = round(change["common_after_rate"] * common)
    lfl = " like for like"
    figures[1] = Figure(figures[1].label, figures[1].value, figures[1].before,
                        _signed(took_after - took_before) + lfl)  # fmt: skip
    figures[2] = Figure(figures[2].label, figures[2].value, figures[2].before,
                        _points(change["common_before_rate"], change["common_after_rate"])
                        + lfl, figures[2].note)  # fmt: skip
    return (
        f"The roster changed from {change['roster_before']} members in {previous} to "
        f"{change['roster_after']} in {period} ({pct(change['one_roster_share'])} of the "
        "members are on one roster only), so members taking part and the engagement rate "
        f"are compared like for like, on the {_plural(common, 'member')} on both rosters: "
        f"{took_before} took part in {previous} ({pct(change['common_before_rate'])}), "
        f"{took_after} in {period} ({pct(change['common_after_rate'])})."
    )


def _region_rows(regions: pd.DataFrame) -> list[dict[str, object]]:
    return [
        {
            "region": str(r.region),
            "engaged": int(r.engaged),
            "roster": int(r.roster_size),
            "not_engaged": int(r.not_engaged),
            "rate": pct(r.engagement_rate),
        }
        for r in regions.itertuples()
    ]


def _board_rows(board: pd.DataFrame) -> list[dict[str, str]]:
    return [
        {
            "name": str(r.name),
            "role": str(r.role),
            "member": "" if pd.isna(r.member) else str(r.member),
            "region": "" if pd.isna(r.region) else str(r.region),
        }
        for r in board.itertuples()
    ]


def board_brief(tables: Tables, period: str) -> Brief:
    """The brief of ``period`` from its tables stacked with the previous period's (if any)."""
    ps = trends.periods(tables)
    if period not in ps:
        raise ValueError(f"no tables for {period}")
    previous = ps[ps.index(period) - 1] if ps.index(period) > 0 else None
    cur = _one_period(tables, period)
    h = engagement.headline(cur)
    before: dict = {}
    if previous is not None:
        prev = _one_period(tables, previous)
        before = {**engagement.headline(prev), **coverage.headline(prev)}
    figures = _headline_figures({**h, **coverage.headline(cur)}, before)
    change = _change_row(tables, period) if previous else None
    sentence = ""
    if change is not None and change["rosters_differ"]:
        sentence = _like_for_like(figures, change, str(previous), period)
    d, c = coverage.deliverables(cur), coverage.challenge_coverage(cur)
    regions = regions_to_work_on(engagement.by_region(cur), h["engagement_rate"])
    board, lapsed = members_to_call(tables, period)
    return Brief(
        period=period,
        previous=previous,
        figures=figures,
        like_for_like=sentence,
        deliverables=[(str(r.code), str(r.title)) for r in d[~d["covered"]].itertuples()],
        challenges=[(str(r.code), str(r.title)) for r in c[~c["covered"]].itertuples()],
        regions=_region_rows(regions),
        overall_rate=float(h["engagement_rate"]),
        board=_board_rows(board),
        lapsed=[{"member": str(r.member), "region": str(r.region)} for r in lapsed.itertuples()],
        findings=_findings(cur["quality"]),
        severities=quality.severity_counts(cur["quality"]),
    )
