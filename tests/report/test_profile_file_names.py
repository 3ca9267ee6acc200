"""A profile's file name made from a name is bounded (a name of any length is published) and
unique (names that slug alike, or alike in their first 80 characters, get files of their own);
every page and link takes it from `profile_file_names` — issue 18."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from helpers.report.member_pages import MAX_SLUG, profile_file_names
from helpers.report.members import write_members, write_profile
from tests.conftest import ROOT, mini_report

SHAPE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.html")
LONG = "Mancomunidad de Municipios del Area Metropolitana " * 6  # 300 characters


def test_a_short_name_keeps_its_plain_slug():
    got = profile_file_names(["Seoul", "Barcelona (metropolitan area)", "Montréal"])
    assert got == {
        "Seoul": "seoul.html",
        "Barcelona (metropolitan area)": "barcelona-metropolitan-area.html",
        "Montréal": "montreal.html",
    }


def test_a_long_name_is_cut_and_marked_by_a_stable_hash():
    name = LONG + "of Somewhere"
    file = profile_file_names([name])[name]
    assert SHAPE.fullmatch(file) and len(file) <= 100
    assert file.startswith("mancomunidad-de-municipios-del-area-metropolitana-mancomunidad-de")
    assert re.search(r"-[0-9a-f]{8}\.html$", file)
    assert profile_file_names(["Seoul", name])[name] == file  # the same file whatever else
    assert len(file.removesuffix(".html").rsplit("-", 1)[0]) <= MAX_SLUG


def test_names_alike_get_files_of_their_own():
    names = [LONG + "A", LONG + "B", "São Paulo", "Sao Paulo", "SAO-PAULO", "北京", "上海",
             "Index", "!!!", "sao-paulo"]  # fmt: skip
    got = profile_file_names(names)
    assert len(set(got.values())) == len(names)
    assert got["São Paulo"] == "sao-paulo.html" and got["北京"] == "member.html"
    assert "index.html" not in got.values()  # the directory's own page
    assert all(SHAPE.fullmatch(f) and len(f) <= 100 for f in got.values())


def test_a_name_spelled_like_another_names_hashed_file_still_gets_its_own():
    hashed = profile_file_names(["Sao Paulo", "São Paulo"])["São Paulo"].removesuffix(".html")
    assert re.fullmatch(r"sao-paulo-[0-9a-f]{8}", hashed)
    got = profile_file_names(["Sao Paulo", hashed, "São Paulo"])
    assert got == {"Sao Paulo": "sao-paulo.html", hashed: f"{hashed}.html",
                   "São Paulo": f"{hashed}-2.html"}  # fmt: skip


@given(st.lists(st.text(min_size=1, max_size=400), unique=True, max_size=30))
def test_any_names_get_bounded_unique_file_names(names):
    got = profile_file_names(names)
    assert set(got) == set(names) and len(set(got.values())) == len(names)
    assert all(SHAPE.fullmatch(f) and len(f) <= 100 and f != "index.html" for f in got.values())


def test_every_profile_of_a_report_with_long_names_is_written_and_linked(tmp_path: Path):
    from helpers.ingest import ingest_period

    (tmp_path / "data" / "raw" / "2022-T1").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "data" / "reference")
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    long_a, long_b = LONG + "Alpha", LONG + "Beta"
    acts = (
        f"10 March\n\nCITY LAB\n\nText.\n\nMembers\nSeoul, {long_a}, {long_b}\n\nOutcomes\nL2A2D3\n"
    )
    report = tmp_path / "data" / "raw" / "2022-T1" / "report.md"
    report.write_text(mini_report(acts), encoding="utf-8")
    ingest_period("2022-T1", root=tmp_path, progress=lambda s: None, accept_errors=True)
    assert write_members(tmp_path, progress=lambda s: None) > 0
    out = tmp_path / "reports" / "members"
    links = re.findall(r'<a href="([^"]+)">', (out / "index.html").read_text(encoding="utf-8"))
    profiles = [h for h in links if not h.startswith("..") and h != "index.html"]
    assert len(profiles) >= 3 and all((out / h).is_file() for h in profiles)
    files = profile_file_names([long_a, long_b])
    assert {files[long_a], files[long_b]} <= set(profiles)
    assert all(len(h) <= 100 for h in profiles)
    assert write_profile(long_b, root=tmp_path).name == files[long_b]
