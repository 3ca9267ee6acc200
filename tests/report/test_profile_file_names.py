"""A profile's file name made from a name is bounded (a name of any length is published) and
unique (names that slug alike, or alike in their first 80 characters, get files of their own);
every page and link takes it from `profile_file_names` — issue 18."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import cache
from helpers.analysis import explore
from helpers.report import member_pages, members
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


# --------------------------------------------------------------------------------------------
# When the member pages are made and written: a fingerprint and the files it owns, on pages
# written here (the pages themselves are tests/report/test_member_pages.py's).


def _published(root: Path, pages: dict[str, str] | None, fingerprint: str = "f1"):
    said: list[str] = []
    n = members.publish_members(root, members.MemberPages(fingerprint, pages), progress=said.append)
    return n, said


def test_pages_are_written_then_only_those_that_change_and_gone_profiles_removed(tmp_path):
    out = tmp_path / "reports" / "members"
    n, said = _published(tmp_path, {"index.html": "<p>all</p>", "seoul.html": "<p>Seoul</p>"})
    assert n == 2 and said == [
        "    wrote reports/members/ (1 profiles and the directory; 2 files changed)"]  # fmt: skip
    assert (out / "seoul.html").read_text(encoding="utf-8") == "<p>Seoul</p>"
    stamp = (out / "members.json").read_text(encoding="utf-8")
    assert stamp == json.dumps({"fingerprint": "f1", "files": ["index.html", "seoul.html"]},
                               indent=1) + "\n"  # fmt: skip
    (out / "other.html").write_text("not ours", encoding="utf-8")
    pages = {"tehran.html": "<p>Tehran</p>", "index.html": "<p>all</p>", "rabat.html": "x"}
    n, said = _published(tmp_path, pages, "f2")
    assert n == 2 and said[0].endswith("(2 profiles and the directory; 2 files changed)")
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html", "members.json", "other.html", "rabat.html", "tehran.html"]  # fmt: skip
    assert json.loads((out / "members.json").read_text(encoding="utf-8")) == {
        "fingerprint": "f2", "files": ["index.html", "rabat.html", "tehran.html"]}  # fmt: skip
    (out / "rabat.html").unlink()  # a file the stamp owns, gone
    n, said = _published(tmp_path, {"index.html": "<p>all!</p>"}, "f3")
    assert n == 1 and said[0].endswith("(0 profiles and the directory; 1 file changed)")
    assert not (out / "tehran.html").exists() and (out / "other.html").exists()


def test_nothing_made_nothing_written(tmp_path):
    assert _published(tmp_path, None) == (0, ["==> members: reports/members/ is up to date"])
    assert not (tmp_path / "reports").exists()


@pytest.fixture
def made(monkeypatch):
    """build_members with the fingerprint and the page maker replaced: the calls it made."""
    calls: list[str] = []

    def fingerprint(root):
        calls.append(("fingerprint", root))
        return "f1"

    def pages(t, root):
        calls.append(("pages", t, root))
        return {"index.html": "<p/>"}

    monkeypatch.setattr(cache, "members_fingerprint", fingerprint)
    monkeypatch.setattr(explore, "load_all", lambda root: {"tables of": root})
    monkeypatch.setattr(member_pages, "member_pages", pages)
    return calls


def _stamped(root: Path, text: str, files: tuple[str, ...] = ()) -> None:
    out = root / "reports" / "members"
    out.mkdir(parents=True, exist_ok=True)
    (out / "members.json").write_text(text, encoding="utf-8")
    for f in files:
        (out / f).write_text("x", encoding="utf-8")


def test_pages_are_made_unless_the_fingerprint_and_every_owned_file_are_there(tmp_path, made):
    stamp = json.dumps({"fingerprint": "f1", "files": ["index.html", "seoul.html"]})
    _stamped(tmp_path, stamp, ("index.html", "seoul.html"))
    assert members.build_members(tmp_path) == members.MemberPages("f1", None)
    assert made == [("fingerprint", tmp_path)]
    (tmp_path / "reports" / "members" / "seoul.html").unlink()  # a page deleted by hand
    assert members.build_members(tmp_path) == members.MemberPages("f1", {"index.html": "<p/>"})
    assert made[1:] == [("fingerprint", tmp_path), ("pages", {"tables of": tmp_path}, tmp_path)]


@pytest.mark.parametrize(
    "stamp",
    ['{"fingerprint": "f0", "files": []}', '{"files": []}', "not json", '["f1"]', None],
)
def test_another_fingerprint_or_no_readable_stamp_makes_the_pages(tmp_path, made, stamp):
    if stamp is not None:
        _stamped(tmp_path, stamp)
    assert members.build_members(tmp_path).pages == {"index.html": "<p/>"}
    assert made[-1] == ("pages", {"tables of": tmp_path}, tmp_path)


def test_write_members_makes_and_publishes(tmp_path, made, capsys):
    said: list[str] = []
    assert members.write_members(tmp_path, progress=said.append) == 1
    assert said == ["    wrote reports/members/ (0 profiles and the directory; 1 file changed)"]
    assert capsys.readouterr().out == ""
    assert (tmp_path / "reports" / "members" / "index.html").read_text(encoding="utf-8") == "<p/>"
    assert members.write_members(tmp_path, progress=lambda s: None) == 0  # up to date


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Barcelona (metropolitan area)", "barcelona-metropolitan-area"), ("Montréal", "montreal"),
     ("  --Seoul--  ", "seoul"), ("北京", "member"), ("Área Metropolitana de Lisboa",
     "area-metropolitana-de-lisboa"), ("A1 B2", "a1-b2")],
)  # fmt: skip
def test_slugs(name, slug):
    assert member_pages._slug(name) == slug


def test_a_hashed_stem_is_the_slug_cut_at_eighty_without_a_trailing_dash_and_eight_hex_digits():
    name = "x" * 79 + " y"  # the slug's 80th character is the dash
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    assert member_pages._hashed(name, member_pages._slug(name)) == "x" * 79 + f"-{digest}"
    assert member_pages._hashed("\ud800", "member").startswith("member-")  # a lone surrogate too
    assert profile_file_names(["a" * 80, "b" * 81]) == {
        "a" * 80: "a" * 80 + ".html",
        "b" * 81: "b" * 80 + "-" + hashlib.sha256(b"b" * 81).hexdigest()[:8] + ".html"}  # fmt: skip
    assert profile_file_names(["Seoul", "Seoul", "index"])["index"].startswith("index-")
