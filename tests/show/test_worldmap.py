"""The world map (helpers.show.worldmap): inline SVG read back with xml.etree, so positions,
sizes, colours, the highlight and the escaping are checked on what a browser would draw."""

from __future__ import annotations

import math
import socket
import xml.etree.ElementTree as ET
from typing import Any

import pandas as pd
import pytest

from helpers.analysis import engagement
from helpers.report.render import live_markup
from helpers.show import basemap
from helpers.show.plots import REGION_COLORS
from helpers.show.worldmap import map_html, map_roster, map_svg

NS = {"s": "http://www.w3.org/2000/svg"}
PAYLOAD = "<script>alert(1)</script> & Co"


@pytest.fixture(scope="module")
def roster(t1) -> pd.DataFrame:
    return map_roster(t1)


def _circles(svg: str) -> dict[str, ET.Element]:
    """Member circles (not the size key's) by the member name their title starts with."""
    root = ET.fromstring(svg)
    out = {}
    for c in root.findall("s:circle", NS):
        title = c.find("s:title", NS).text
        out[title.rsplit(" (", 1)[0]] = c
    return out


def _xy(c: ET.Element) -> tuple[float, float]:
    return float(c.get("cx")), float(c.get("cy"))


def test_seoul_is_east_of_barcelona_and_north_of_johannesburg(roster):
    c = _circles(map_svg(roster))
    seoul, barcelona, joburg = _xy(c["Seoul"]), _xy(c["Barcelona (city)"]), _xy(c["Johannesburg"])
    assert seoul[0] > barcelona[0] + 100  # about 125 degrees of longitude apart
    assert seoul[1] < joburg[1] - 50  # y grows southwards; 64 degrees of latitude apart
    mexico = _xy(c["Mexico City"])
    assert mexico[0] < barcelona[0] and mexico[1] > barcelona[1]  # west and south of Barcelona


def test_every_placed_member_has_one_circle_sized_by_activities(t1, roster):
    svg = map_svg(roster)
    c = _circles(svg)
    assert len(c) == len(t1["members"])
    active = engagement.per_member(t1)
    (a_name, a_n), (b_name, b_n) = (
        active.iloc[0][["member", "activities"]],
        active.iloc[-1][["member", "activities"]],
    )
    assert a_n > b_n >= 1
    ra, rb = float(c[a_name].get("r")), float(c[b_name].get("r"))
    assert math.isclose((ra / rb) ** 2, a_n / b_n, rel_tol=0.1)  # area follows activities
    region = roster.set_index("member").loc[a_name, "region"]
    assert c[a_name].get("fill") == REGION_COLORS[region]
    absent = engagement.not_engaged(t1)["member"].iloc[0]
    assert c[absent].get("fill") == "#ffffff" and c[absent].get("stroke") != "#ffffff"
    assert float(c[absent].get("r")) < rb


def test_accessible_name_counts_members(t1, roster):
    root = ET.fromstring(map_svg(roster))
    assert root.get("role") == "img"
    h = engagement.headline(t1)
    label = root.get("aria-label")
    assert f"{h['roster_size']} roster members" in label
    assert f"{h['members_engaged']} took part" in label
    assert root.get("viewBox") and root.get("style").startswith("width:100%")


def test_highlighted_member_is_drawn_last_larger_with_a_ring_and_its_name(roster):
    plain = _circles(map_svg(roster))
    svg = map_svg(roster, highlight="SEOUL")  # case and accents do not matter
    root = ET.fromstring(svg)
    circles = root.findall("s:circle", NS)
    last = circles[-1]
    assert last.find("s:title", NS).text.startswith("Seoul (")
    assert last.get("class") == "highlight"
    assert float(last.get("r")) > float(plain["Seoul"].get("r"))
    assert last.get("stroke") not in ("#ffffff", plain["Seoul"].get("stroke"))
    labels = [t.text for t in root.findall("s:text", NS)]
    assert "Seoul" in labels
    assert "Seoul is highlighted" in root.get("aria-label")
    assert [c.get("class") for c in circles[:-1]] == [None] * (len(circles) - 1)


def test_highlight_of_a_member_not_on_the_map_is_said_not_drawn(t1):
    html_text = map_html(t1, highlight="Atlantis")
    assert "Atlantis is not on this map" in html_text
    assert 'class="highlight"' not in html_text


def test_names_are_escaped_never_markup(t1, roster):
    odd = roster.copy()
    odd.loc[odd["member"] == "Seoul", "member"] = PAYLOAD
    svg = map_svg(odd, highlight=PAYLOAD)
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in svg
    root = ET.fromstring(svg)  # still well-formed XML
    assert PAYLOAD in [t.text for t in root.findall("s:text", NS)]
    assert live_markup(svg) == []
    tables: dict[str, Any] = dict(t1)
    members = t1["members"].copy()
    members.loc[members["member"] == "Seoul", "member"] = PAYLOAD  # not in the location table
    tables["members"] = members
    page = map_html(tables, highlight=PAYLOAD)
    assert "<script" not in page and "1 member not placed" in page
    assert "&lt;script&gt;" in page and live_markup(page) == []


def test_a_member_without_coordinates_is_left_out_and_counted(roster):
    gap = roster.copy()
    gap.loc[gap["member"] == "Seoul", ["latitude", "longitude"]] = math.nan
    root = ET.fromstring(map_svg(gap, highlight="Seoul"))
    assert "Seoul" not in _circles(ET.tostring(root, encoding="unicode"))
    assert "1 member is not placed" in root.get("aria-label")
    assert "Seoul" not in [t.text for t in root.iter(f"{{{NS['s']}}}text")]


def test_output_is_deterministic_byte_for_byte(roster):
    first = map_svg(roster, highlight="Barcelona (city)")
    basemap.land_path.cache_clear()
    assert map_svg(roster, highlight="Barcelona (city)") == first
    assert basemap.build_land_path() == basemap.land_path()  # built again: the same bytes


def test_land_is_built_locally_from_the_package_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    path = basemap.build_land_path()
    assert 10_000 < len(path) < 60_000  # small enough to inline in every page
    assert path.startswith("M") and path.count("z") > 50  # many land masses, each closed
    points = _absolute(path)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert min(xs) < 2 and max(xs) > 358  # Alaska/Chukotka reach the 180th meridian
    assert min(ys) < 2  # Greenland's north coast, about 83.5 N
    assert 136 < max(ys) < basemap.HEIGHT  # Tierra del Fuego (55 S) and no Antarctica
    assert all(
        float(v) == round(float(v), 1)
        for v in path.replace("M", " ").replace("l", " ").replace("z", " ").split()
    )  # one decimal at most


def test_the_land_path_is_kept_for_the_next_process_and_a_damaged_copy_rebuilt(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    basemap.land_path.cache_clear()
    built = basemap.land_path()
    stored = basemap.stored_path()
    assert stored.parent == tmp_path / "metropolis-workbench" and stored.is_file()

    builds = []
    monkeypatch.setattr(basemap, "build_land_path", lambda: builds.append(1) or built)
    basemap.land_path.cache_clear()
    assert basemap.land_path() == built and builds == []  # read back, not built

    stored.write_text(stored.read_text(encoding="ascii")[:-40], encoding="ascii")  # cut short
    basemap.land_path.cache_clear()
    assert basemap.land_path() == built and builds == [1]  # rebuilt and stored again
    assert stored.read_text(encoding="ascii").endswith(built)
    basemap.land_path.cache_clear()


def test_an_unwritable_cache_folder_still_gives_the_map(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    basemap.land_path.cache_clear()
    assert basemap.land_path().startswith("M")
    basemap.land_path.cache_clear()


def _absolute(path: str) -> list[tuple[float, float]]:
    """The points of a path written as `Mx y l dx dy … z` subpaths."""
    out = []
    for sub in path.split("z"):
        if not sub:
            continue
        start, moves = sub[1:].split("l")
        x, y = (float(v) for v in start.split())
        out.append((x, y))
        steps = [float(v) for v in moves.split()]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            out.append((x, y))
    return out


def test_projection_puts_the_map_corners_where_expected():
    assert basemap.project(basemap.NORTH, -180) == (0, 0)
    assert basemap.project(basemap.SOUTH, 180) == (basemap.WIDTH, basemap.HEIGHT)
    x, y = basemap.project(0, 0)
    assert x == 180 and y == basemap.NORTH


def test_whole_figure_is_small_and_inert(t1):
    page = map_html(t1, highlight="Seoul")
    assert len(page) < 80_000
    assert live_markup(page) == []
    assert page.startswith('<figure class="chart') and "Asia-Pacific" in page


def test_show_map_displays_the_figure_in_a_notebook_cell(t1, monkeypatch):
    import IPython.display

    from helpers.show.display import show_map

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: calls.append((obj, kw)))
    show_map(t1, highlight="Seoul")
    ((obj, kw),) = calls
    assert kw["metadata"]["helpers"]["kind"] == "figure"
    assert obj.data == map_html(t1, highlight="Seoul")


def test_members_at_the_same_point_are_set_side_by_side(roster):
    c = _circles(map_svg(roster))
    city, area = _xy(c["Barcelona (city)"]), _xy(c["Barcelona (metropolitan area)"])
    assert city[1] == area[1] and 1 < abs(city[0] - area[0]) < 5
    assert _xy(c["Guadalajara"]) != _xy(c["Guadalajara (IMEPLAN)"])
