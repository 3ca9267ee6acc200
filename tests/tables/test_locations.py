"""Member locations (data/reference/member_locations.csv): every roster member of the real
2022-T1 report and of every fixture period is placed; the coordinates are plausible; a member
without coordinates is a quality finding, never a crash."""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import UserError
from helpers.ingest import parse_report
from helpers.tables.locations import load_locations, missing_locations, roster_locations
from tests.conftest import FIXTURES, ROOT, ROSTER, mini_report
from tests.fixture_reads import parsed_fixture

ACTIVITY = "10 March\n\nCITY LAB\n\nText about it.\n\nMembers\nSeoul\n\nOutcomes\nL2A2D3\n"


def _fixture_reports() -> list[tuple[Path, str]]:
    """Every fixture report file with its period: the made-up reports and the layout variants."""
    out = []
    for folder in sorted((FIXTURES / "reports").iterdir()):
        out += [(f, folder.name) for f in sorted(folder.glob("*.md"))]  # folder = period
    for folder in sorted(p for p in (FIXTURES / "layouts").iterdir() if p.is_dir()):
        out += [(f, folder.name) for f in sorted(folder.glob("*.txt"))]
    return out


@pytest.fixture(scope="module")
def locations() -> pd.DataFrame:
    return load_locations()


def test_every_member_located_in_2022_t1(t1, locations):
    roster = t1["members"]
    assert len(roster) > 100
    assert missing_locations(roster, locations).empty
    kinds = set(t1["quality"]["kind"])
    assert "member_without_location" not in kinds


@pytest.mark.parametrize("path,period", _fixture_reports(), ids=lambda v: str(v)[-30:])
def test_every_member_located_in_each_fixture_period(path, period, locations):
    tables = parsed_fixture(path, period)  # parsed once per test process (fixture_reads)
    assert len(tables["members"]) >= 20
    missing = missing_locations(tables["members"], locations)
    assert missing.empty, f"no coordinates for {missing['member'].tolist()} ({path.name})"
    placed = roster_locations(tables, locations)
    assert placed[["latitude", "longitude"]].notna().all().all()


def test_coordinates_in_range_with_a_source_on_every_row(locations):
    assert len(locations) >= 140
    assert locations["latitude"].between(-90, 90).all()
    assert locations["longitude"].between(-180, 180).all()
    assert (locations["source"].str.len() > 10).all()
    assert locations["member"].is_unique


@pytest.mark.parametrize(
    "member,lat,lon",
    [  # from an atlas, not from the file: city centres to about 0.2 degrees
        ("Seoul", 37.57, 126.98),
        ("Barcelona (city)", 41.39, 2.17),
        ("Mexico City", 19.43, -99.13),
        ("Johannesburg", -26.20, 28.04),
        ("Buenos Aires", -34.60, -58.38),
        ("Montréal", 45.50, -73.57),
        ("Guadalajara", 20.67, -103.35),  # the Mexican one (North America), not Spain's
        ("Córdoba", -31.42, -64.18),  # Argentina (Latin America), not Spain's
        ("Hyderabad", 17.39, 78.49),  # India, the most populous of the name
        ("Victoria", -4.62, 55.45),  # Seychelles: the roster lists it under Africa
        ("Gauteng", -26.20, 28.04),  # a province: placed at its capital
    ],
)
def test_hand_checked_coordinates(locations, member, lat, lon):
    row = locations.set_index("member").loc[member]
    assert math.isclose(row["latitude"], lat, abs_tol=0.2), row["source"]
    assert math.isclose(row["longitude"], lon, abs_tol=0.2), row["source"]


def test_a_member_without_coordinates_is_a_finding_and_no_crash(tmp_path):
    (tmp_path / "data" / "reference").mkdir(parents=True)
    ref = ROOT / "data" / "reference"
    for name in ("member_aliases.csv", "name_affixes.csv"):
        shutil.copy(ref / name, tmp_path / "data" / "reference" / name)
    lines = (ref / "member_locations.csv").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if not ln.startswith("Kathmandu,")]
    assert len(kept) == len(lines) - 1
    (tmp_path / "data" / "reference" / "member_locations.csv").write_text(
        "\n".join(kept) + "\n", encoding="utf-8"
    )
    text = mini_report(ACTIVITY)
    tables = parse_report(text, "2022-T1", root=tmp_path)
    q = tables["quality"]
    found = q[q["kind"] == "member_without_location"]
    assert len(found) == 1
    row = found.iloc[0]
    assert row["severity"] == "warning"
    assert "'Kathmandu'" in row["detail"] and "member_locations.csv" in row["detail"]
    roster_line = text.splitlines().index("- Kathmandu") + 1
    assert row["source_line"] == roster_line
    placed = roster_locations(tables, load_locations(tmp_path))
    assert placed.set_index("member").loc["Kathmandu", ["latitude", "longitude"]].isna().all()
    assert placed["latitude"].notna().sum() == len(placed) - 1


def test_no_location_table_at_all_places_nobody_without_crashing(tmp_path):
    text = mini_report(ACTIVITY)
    tables = parse_report(text, "2022-T1", root=tmp_path)
    found = tables["quality"].query("kind == 'member_without_location'")
    assert len(found) == len(tables["members"]) == ROSTER.count("\n- ")


def test_map_roster_counts_activities_per_member(t1, locations):
    from helpers.analysis.engagement import per_member
    from helpers.show.worldmap import map_roster

    placed = map_roster(t1).set_index("member")
    assert placed.loc["Seoul", "activities"] == 5  # read by hand: 4 in the period + 18 September

    counts = per_member(t1).set_index("member")["activities"]
    assert placed.loc[counts.index, "activities"].tolist() == counts.tolist()
    assert (placed.drop(index=counts.index)["activities"] == 0).all()
    assert len(placed) == len(t1["members"])


@pytest.mark.parametrize(
    "row,message",
    [
        ("Seoul,91,126.98,atlas", "latitude '91'"),
        ("Seoul,37.5,-181,atlas", "longitude '-181'"),
        ("Seoul,37;5,126.98,atlas", "latitude '37;5'"),
        ("Seoul,37.5,126.98,", "needs a member and a source"),
        ("Seoul,37.5,126.98,atlas\nSEOUL,37.5,127,atlas", "already placed on line 2"),
    ],
)
def test_a_broken_location_row_is_a_clear_user_error(tmp_path, row, message):
    folder = tmp_path / "data" / "reference"
    folder.mkdir(parents=True)
    (folder / "member_locations.csv").write_text(
        f"member,latitude,longitude,source\n{row}\n", encoding="utf-8"
    )
    with pytest.raises(UserError, match="member_locations.csv line") as err:
        load_locations(tmp_path)
    assert message in str(err.value)


def test_windows_1252_location_file_says_how_to_save_it(tmp_path):
    folder = tmp_path / "data" / "reference"
    folder.mkdir(parents=True)
    (folder / "member_locations.csv").write_bytes(
        "member,latitude,longitude,source\nMontréal,45.5,-73.57,atlas\n".encode("cp1252")
    )
    with pytest.raises(UserError, match="CSV UTF-8"):
        load_locations(tmp_path)


def test_an_edit_to_the_location_file_is_seen_at_the_next_load(tmp_path):
    """Kept per content of the file, not per size and modification time: an edit keeping both
    is read; the frame handed out is a copy."""
    folder = tmp_path / "data" / "reference"
    folder.mkdir(parents=True)
    path = folder / "member_locations.csv"
    path.write_text("member,latitude,longitude,source\nSeoul,37.5,126.9,atlas\n", encoding="utf-8")
    first = load_locations(tmp_path)
    first.loc[0, "latitude"] = 0.0
    assert load_locations(tmp_path)["latitude"].tolist() == [37.5]
    stamp = path.stat().st_mtime_ns
    path.write_text("member,latitude,longitude,source\nSeoul,37.6,126.9,atlas\n", encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert load_locations(tmp_path)["latitude"].tolist() == [37.6]
