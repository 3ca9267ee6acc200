"""The period's roster on a world map, as inline SVG written here (no matplotlib): one circle
per placed roster member, its area proportional to the member's activities and its colour its
region's (`helpers.show.palette.REGION_COLORS`); members who took part in nothing are small grey
rings. The SVG scales with the page (``viewBox``, width 100%), so it stays legible at 390 px;
the legend is HTML beside it. Every name is escaped (report text is data, never markup).

`map_svg(roster, highlight)` draws a `map_roster` frame; `map_html(tables, highlight)`
adds the title, the legend and the sentence saying who is not placed.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from helpers.show.palette import OTHER, REGION_COLORS
from helpers.show.values import esc
from helpers.tables.locations import fold

SEA, LAND = "#eef3f8", "#d5dbe3"
ABSENT = "#6b6b6b"  # outline of members who took part in nothing
RING = "#1a1a1a"  # the highlighted member's ring
RADIUS_MAX = 6.0  # map units (degrees) for the most active member
RADIUS_PER = 1.9  # radius for one activity, unless that would make the largest over RADIUS_MAX
RADIUS_ABSENT = 1.3
MARGIN = 14.0  # degrees of map around the placed members (the view is cropped to them)
SPREAD = 2.4  # members placed at the same point are set side by side, this far apart

__all__ = ["map_svg", "map_html", "radius_scale"]


def _num(value: float) -> str:
    """A coordinate with one decimal, trailing zeros dropped: 12.0 → 12, -0.04 → 0."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def radius_scale(most: int) -> float:
    """k in r = k·√activities: circle areas follow activities, the largest RADIUS_MAX at most."""
    return min(RADIUS_PER, RADIUS_MAX / math.sqrt(most)) if most > 0 else RADIUS_PER


def _label(member: str, region: str, activities: int) -> str:
    if activities == 0:
        return f"{member} ({region}): took part in no activity"
    return f"{member} ({region}): {activities} activit{'y' if activities == 1 else 'ies'}"


def _marker(row: dict, k: float, *, highlight: bool = False) -> tuple[str, float]:
    """One `<circle>` with its escaped `<title>` (the tooltip and the accessible name), and
    its radius."""
    x, y = row["x"], row["y"]
    n = int(row["activities"])
    if n == 0:
        r, fill, opacity, stroke, width = RADIUS_ABSENT, "#ffffff", "0.7", ABSENT, "0.5"
    else:
        colour = REGION_COLORS.get(str(row["region"]), OTHER)
        r, fill, opacity, stroke, width = k * math.sqrt(n), colour, "0.85", "#ffffff", "0.3"
    extra = ""
    if highlight:
        r, stroke, width, extra = max(r * 1.25, 2.6), RING, "0.9", ' class="highlight"'
    title = esc(_label(row["member"], row["region"], n))
    return (
        f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{fill}" '
        f'fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{width}"{extra}>'
        f"<title>{title}</title></circle>"
    ), r


def _name_label(row: dict, r: float, right: float) -> str:
    """The highlighted member's name beside its marker (left of it near the view's east edge)."""
    x, y = row["x"], row["y"]
    east = x > right - 60
    tx = x - r - 1.5 if east else x + r + 1.5
    anchor = "end" if east else "start"
    return (
        f'<text x="{_num(tx)}" y="{_num(y)}" dy="0.35em" text-anchor="{anchor}" font-size="8" '
        f'font-weight="700" fill="{RING}" stroke="#ffffff" stroke-width="1.6" '
        f'paint-order="stroke" font-family="sans-serif">{esc(row["member"])}</text>'
    )


def _positions(placed: pd.DataFrame) -> pd.DataFrame:
    """`placed` with x and y on the map; members at the same point (Barcelona city and its
    metropolitan area) are set side by side, in name order, so each can be seen and pointed at."""
    from helpers.show.basemap import project

    xy = [project(a, b) for a, b in zip(placed["latitude"], placed["longitude"], strict=True)]
    groups: dict[tuple[float, float], list[int]] = {}
    for i, (x, y) in enumerate(xy):
        groups.setdefault((round(x, 1), round(y, 1)), []).append(i)
    names = list(placed["member"])
    for same in groups.values():
        for j, i in enumerate(sorted(same, key=lambda i: fold(names[i]))):
            xy[i] = (xy[i][0] + (j - (len(same) - 1) / 2) * SPREAD, xy[i][1])
    return placed.assign(x=[p[0] for p in xy], y=[p[1] for p in xy])


def _view(placed: pd.DataFrame) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the view: the placed members and MARGIN around them, within
    the world (the whole world when nobody is placed)."""
    from helpers.show.basemap import HEIGHT, WIDTH

    if placed.empty:
        return 0.0, 0.0, WIDTH, HEIGHT
    xs, ys = list(placed["x"]), list(placed["y"])
    x0, x1 = max(0.0, min(xs) - MARGIN), min(WIDTH, max(xs) + MARGIN)
    y0, y1 = max(0.0, min(ys) - MARGIN), min(HEIGHT, max(ys) + MARGIN)
    return round(x0), round(y0), round(x1) - round(x0), round(y1) - round(y0)


def _size_key(placed: pd.DataFrame, k: float, view: tuple[float, float, float, float]) -> str:
    """Circles for 1, about half the most and the most activities, in the view's bottom-left
    corner, drawn at the map's own scale (so it stays true when the page is narrow)."""
    most = int(placed["activities"].max()) if len(placed) else 0
    if most < 1:
        return ""
    sizes = sorted({1, max(1, most // 2), most})
    x, base = view[0] + 3.0, view[1] + view[3] - 3.0
    top = base - 2 * k * math.sqrt(most) - 3
    parts = ['<g class="size-key" font-family="sans-serif" font-size="6.5" fill="#333333">']
    parts.append(f'<text x="{_num(x)}" y="{_num(top)}">activities</text>')
    for n in sizes:
        r = k * math.sqrt(n)
        parts.append(
            f'<circle cx="{_num(x + r)}" cy="{_num(base - r)}" r="{_num(r)}" '
            'fill="#9aa5b1" stroke="#ffffff" stroke-width="0.3"/>'
        )
        parts.append(f'<text x="{_num(x + 2 * r + 1)}" y="{_num(base - 0.5)}">{n}</text>')
        x += 2 * r + 2.5 + 4 * len(str(n))
    return "".join(parts) + "</g>"


def _summary(placed: pd.DataFrame, unplaced: int, highlight: str | None) -> str:
    took = int((placed["activities"] > 0).sum())
    text = (
        f"World map of {len(placed)} roster members: {took} took part in at least one activity "
        f"(circles sized by activities, coloured by region), {len(placed) - took} did not "
        "(small grey rings)"
    )
    if unplaced:
        text += f"; {unplaced} member{'s are' if unplaced != 1 else ' is'} not placed"
    if highlight:
        text += f"; {highlight} is highlighted"
    return text + "."


def _rows_by_name(placed: pd.DataFrame) -> dict[str, int]:
    """Each placed member's folded name → its first row (names are compared folded)."""
    rows: dict[str, int] = {}
    for i, m in enumerate(placed["member"]):
        rows.setdefault(fold(m), i)
    return rows


class RosterMap:
    """One period's roster placed on the map once; :meth:`svg` then draws it with any member
    highlighted without placing the roster again (the member profiles draw one each)."""

    def __init__(self, roster: pd.DataFrame) -> None:
        self.roster = roster
        self.placed = _positions(
            roster.dropna(subset=["latitude", "longitude"]).reset_index(drop=True)
        )
        self.view = _view(self.placed)
        most = int(self.placed["activities"].max()) if len(self.placed) else 0
        self.k = radius_scale(most)
        order = self.placed.assign(_absent=self.placed["activities"].eq(0)).sort_values(
            ["_absent", "activities", "member"], ascending=[False, False, True], kind="stable"
        )
        self._marks = [(i, _marker(r, self.k)[0]) for i, r in
                       zip(order.index, order.to_dict("records"), strict=True)]  # fmt: skip
        self._key = _size_key(self.placed, self.k, self.view)
        self.legend = _legend(self.placed)
        self.missing = self.roster.loc[self.roster["latitude"].isna(), "member"].tolist()
        self._rows = _rows_by_name(self.placed)  # folded once: each profile finds its member

    def find(self, highlight: str | None) -> int | None:
        """Row of `highlight` among the placed members (None: absent or not placed)."""
        return self._rows.get(fold(highlight)) if highlight else None

    def svg(self, highlight: str | None = None) -> str:
        """The map as one `<svg>` element: land, then the members who took part in nothing,
        then the others largest first (small circles stay on top), then `highlight` (larger,
        dark ring, its name beside it). Deterministic: the same frame gives the same bytes."""
        from helpers.show.basemap import HEIGHT, WIDTH, land_path

        hit = self.find(highlight)
        view = self.view
        marks = [m for i, m in self._marks if i != hit]
        name = None
        if hit is not None:
            row = self.placed.iloc[hit].to_dict()
            name = row["member"]
            circle, r = _marker(row, self.k, highlight=True)
            marks += [circle, _name_label(row, r, view[0] + view[2])]
        label = _summary(self.placed, len(self.roster) - len(self.placed), name)
        box = " ".join(_num(v) for v in view)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" '
            f'role="img" aria-label="{esc(label)}" class="worldmap" preserveAspectRatio="xMidYMid '
            f'meet" style="width:100%;height:auto;display:block">'
            f'<rect width="{_num(WIDTH)}" height="{_num(HEIGHT)}" fill="{SEA}"/>'
            f'<path d="{land_path()}" fill="{LAND}" stroke="{LAND}" stroke-width="0.3" '
            f'stroke-linejoin="round"/>' + "".join(marks) + self._key + "</svg>"
        )


def map_svg(roster: pd.DataFrame, highlight: str | None = None) -> str:
    """The map as one `<svg>` element (see :meth:`RosterMap.svg`). `roster` has member, region,
    activities, latitude, longitude (rows without coordinates are left out; members at one
    point side by side)."""
    return RosterMap(roster).svg(highlight)


def _swatch(fill: str, stroke: str, r: float, size: int = 14) -> str:
    c = size / 2
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true">'
        f'<circle cx="{c:g}" cy="{c:g}" r="{r:g}" fill="{fill}" stroke="{stroke}" '
        'stroke-width="1.2"/></svg>'
    )


def _legend(roster: pd.DataFrame) -> str:
    """Regions on the map and the ring of those who took part in nothing: HTML that wraps."""
    item = '<span class="map-key" style="display:inline-flex;align-items:center;gap:0.3em;'
    item += 'margin-right:1em;white-space:nowrap">'
    regions = [r for r in REGION_COLORS if r in set(roster["region"])]
    parts = [f"{item}{_swatch(REGION_COLORS[r], '#ffffff', 5)}{esc(r)}</span>" for r in regions]
    parts.append(f"{item}{_swatch('#ffffff', ABSENT, 2.5)}did not take part</span>")
    return (
        '<div class="map-legend" style="font-size:0.85rem;line-height:1.8">'
        + "".join(parts)
        + "</div>"
    )


def map_figure(
    roster_map: RosterMap,
    highlight: str | None = None,
    *,
    title: str = "",
    absent: str | None = None,
) -> str:
    """The map as a report figure: title, SVG, legend, and who is not placed (escaped).
    ``highlight`` missing from the map is said, with the reason; so is ``absent``, a
    participant who is not a member (the map shows the roster only)."""
    from helpers.tables.locations import FILE

    placed, missing = roster_map.placed, roster_map.missing
    hit = roster_map.find(highlight)
    title = title or "Roster members on the world map"
    if hit is not None:
        title += f", {placed['member'].iloc[hit]} highlighted"
    notes = []
    if missing:
        notes.append(
            f"{len(missing)} member{'s' if len(missing) != 1 else ''} not placed (no "
            f"coordinates in data/reference/{FILE}): {', '.join(missing)}."
        )
    if highlight and hit is None:
        unplaced = [m for m in missing if fold(m) == fold(highlight)]
        why = (
            f"it has no coordinates in data/reference/{FILE} yet" if unplaced
            else "it is not on this period's roster"
        )  # fmt: skip
        notes.append(f"{unplaced[0] if unplaced else highlight} is not on this map: {why}.")
    if absent:
        notes.append(
            f"{absent} is not on this map: it is not a Metropolis member, and the map shows the "
            "members on the roster."
        )
    note = "".join(f' <span class="fig-note">{esc(n)}</span>' for n in notes)
    return (
        '<figure class="chart worldmap-figure">'
        + roster_map.svg(highlight)
        + roster_map.legend
        + f'<figcaption><span class="fig-title">{esc(title)}</span>{note}</figcaption></figure>'
    )


def map_roster(tables, *, root: Path | None = None) -> pd.DataFrame:
    """One period's roster for the map: member, region, latitude, longitude
    (:func:`helpers.tables.locations.roster_locations`) and activities (counted by the one
    participation rule, :func:`helpers.analysis.participation.member_stats`)."""
    from helpers.analysis.participation import member_stats
    from helpers.tables.locations import roster_locations

    roster = roster_locations(tables, root=root)
    counts = member_stats(tables).drop_duplicates("member").set_index("member")["activities"]
    return roster.assign(activities=roster["member"].map(counts).fillna(0).astype(int))


def map_html(tables, highlight: str | None = None, *, root: Path | None = None) -> str:
    """The period's roster map as a report figure (see :func:`map_figure`)."""
    return map_figure(RosterMap(map_roster(tables, root=root)), highlight)
