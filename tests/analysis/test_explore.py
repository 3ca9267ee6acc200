"""Tests of helpers.analysis.explore: loading processed tables and the officers' questions.

Two kinds: unit tests on tiny synthetic periods written to a tmp root, and tests on the real
2022-T1 report ingested once into a tmp root, with expectations counted by hand from
tests/fixtures/reports/2022-T1/metropolis_progress_report_2022-T1.md.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis.explore import (
    find_activities,
    load,
    load_all,
    member_profile,
    member_summary,
    not_engaged,
)
from helpers.errors import UserError
from helpers.report import member_pages
from helpers.report.members import profile_html, write_profile
from helpers.tables.schemas import SCHEMAS, TABLES, empty_frame
from tests.conftest import ROOT as REPO
from tests.conftest import copy_project

REAL = "2022-T1"

# --------------------------------------------------------------------------------------------
# Synthetic periods: 2030-T1 (three activities) and 2030-T2 (one), schema-valid.

ROSTER = [
    ("Seoul", "Asia-Pacific"),
    ("Brussels", "Europe"),
    ("Mexico City", "North America"),
    ("Montréal", "North America"),
    ("Accra", "Africa"),
    ("Dakar", "Africa"),
    ("Yaoundé", "Africa"),
]
ALIASES = "alias,member\nBruxelles,Brussels\nCiudad de México,Mexico City\n"
EVIL = "Public space <script>alert('x')</script> & more"


def _activity(aid: str, line: str | None, start: str, end: str, title: str, text: str) -> dict:
    """An activity row; the period is read from the id and September is outside T1."""
    period = aid[:7]
    return {
        "activity_id": aid,
        "period": period,
        "action_line": line,
        "start_date": pd.Timestamp(start),
        "end_date": pd.Timestamp(end),
        "date_text": start,
        "title": title,
        "description": text,
        "in_period": pd.Timestamp(start).month
        in {"T1": (1, 2, 3, 4), "T2": (5, 6, 7, 8)}[period[5:]],
        "source_line": 1,
    }


def _part(aid: str, raw: str, member: str | None, how: str) -> dict:
    region = dict(ROSTER).get(member) if member else None
    return {
        "activity_id": aid,
        "name_raw": raw,
        "member": member,
        "region": region,
        "is_member": member is not None,
        "match": how,
        "source_line": 1,
    }


def _codes(rows: list[tuple[str, str]], known: bool = True) -> dict[str, list]:
    return {
        "activity_id": [a for a, _ in rows],
        "code": [c for _, c in rows],
        "known": [known] * len(rows),
        "source_line": [1] * len(rows),
    }


def _period_frames(period: str) -> dict[str, pd.DataFrame]:
    """The synthetic tables of one period (2030-T1 or 2030-T2), before validation."""
    a = f"{period}-"
    if period == "2030-T1":
        acts = [
            _activity(a + "01", "L2", "2030-02-01", "2030-02-02", EVIL, "Parks and squares."),
            _activity(a + "02", "L1", "2030-03-05", "2030-03-05", "FOREST CAMPAIGN", "Trees."),
            _activity(a + "03", None, "2030-09-18", "2030-09-18", "LATE MEETING", "Too late."),
        ]
        parts = [
            _part(a + "01", "Seoul", "Seoul", "exact"),
            _part(a + "01", "Bruxelles", "Brussels", "alias"),
            _part(a + "02", "Dakar", "Dakar", "exact"),
            _part(a + "02", "Kigali", None, "none"),
            _part(a + "03", "Seoul", "Seoul", "exact"),
        ]
        outcomes = [(a + "01", "L2A2D3"), (a + "01", "L1A1D1"), (a + "02", "L2A21D1")]
        challenges = [(a + "01", "2.3"), (a + "01", "1.4"), (a + "02", "2.3"), (a + "03", "1.1")]
        alliances = [(a + "01", "UCLG"), (a + "02", "UN-Habitat")]
        engagement = [("Seoul", "Seoul"), ("Accra", "Accra")]
        bilateral = [("Mexico City", "Mexico City")]
    else:
        acts = [
            _activity(a + "01", "L3", "2030-06-01", "2030-06-03", "SUMMER SCHOOL", "Training."),
        ]
        parts = [
            _part(a + "01", "Seoul", "Seoul", "exact"),
            _part(a + "01", "Accra", "Accra", "exact"),
        ]
        outcomes = [(a + "01", "L3A1D3")]
        challenges = [(a + "01", "3.1")]
        alliances = []
        engagement = []
        bilateral = []
    plan = "L1 L1A1 L1A1D1 L2 L2A2 L2A2D3 L2A21 L2A21D1 L3 L3A1 L3A1D3".split()

    def level(code: str) -> str:
        return "deliverable" if "D" in code else "action" if "A" in code else "line"

    def parent(code: str) -> str | None:
        cut = "D" if "D" in code else "A" if "A" in code else None
        return code.rsplit(cut, 1)[0] if cut else None

    frames = {
        "activities": pd.DataFrame(acts),
        "participation": pd.DataFrame(parts),
        "activity_outcomes": pd.DataFrame(_codes(outcomes)),
        "activity_challenges": pd.DataFrame(_codes(challenges)),
        "activity_alliances": pd.DataFrame(
            {
                "activity_id": [x for x, _ in alliances],
                "alliance": [y for _, y in alliances],
                "alliance_raw": [y for _, y in alliances],
                "source_line": [1] * len(alliances),
            }
        ),
        "members": pd.DataFrame(
            {"member": [m for m, _ in ROSTER], "region": [r for _, r in ROSTER], "source_line": 1}
        ),
        "strategic_plan": pd.DataFrame(
            {
                "code": plan,
                "level": [level(c) for c in plan],
                "parent": [parent(c) for c in plan],
                "line": [c[:2] for c in plan],
                "title": [f"Title of {c}" for c in plan],
                "source_line": 1,
            }
        ),
        "challenges": pd.DataFrame(
            {
                "code": ["1.1", "1.4", "2.3", "3.1"],
                "title": [
                    "Combating inequalities",
                    "Basic infrastructure and services",
                    "Climate resilience",
                    "Gender mainstreaming",
                ],
                "source_line": 1,
            }
        ),
        "engagement_table": pd.DataFrame(
            {
                "name_raw": [x for x, _ in engagement],
                "member": [y for _, y in engagement],
                "is_member": True,
                "source_line": 1,
            }
        ),
        "bilateral_meetings": pd.DataFrame(
            {
                "name_raw": [x for x, _ in bilateral],
                "member": [y for _, y in bilateral],
                "is_member": True,
                "mode": "On-site",
                "source_line": 1,
            }
        ),
    }
    for table in TABLES:
        if table not in frames or frames[table].empty:
            frames[table] = empty_frame(table)
    return frames


def _write_period(root: Path, period: str) -> None:
    folder = root / "data" / "processed" / period
    folder.mkdir(parents=True, exist_ok=True)
    for table, df in _period_frames(period).items():
        SCHEMAS[table].validate(df).to_parquet(folder / f"{table}.parquet", index=False)


@pytest.fixture(scope="module")
def syn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tmp root with two synthetic processed periods and an alias table."""
    root = tmp_path_factory.mktemp("synthetic")
    (root / "data" / "reference").mkdir(parents=True)
    (root / "data" / "reference" / "member_aliases.csv").write_text(ALIASES, encoding="utf-8")
    (root / "data" / "raw" / "2030-T1").mkdir(parents=True)
    for period in ("2030-T1", "2030-T2"):
        _write_period(root, period)
    return root


# ---- load ------------------------------------------------------------------------------------


def test_load_gives_every_table_typed(syn: Path) -> None:
    t = load("2030-T1", root=syn)
    assert list(t) == TABLES
    assert t["participation"] is t.participation
    assert len(t.activities) == 3
    acts = t.activities
    assert pd.api.types.is_datetime64_any_dtype(acts["start_date"])
    assert pd.api.types.is_datetime64_any_dtype(acts["end_date"])
    assert acts["in_period"].dtype == bool
    assert pd.api.types.is_string_dtype(t.activity_outcomes["code"])
    assert isinstance(t.participation["region"].dtype, pd.CategoricalDtype)
    assert list(t.members["region"].cat.categories)[0] == "Africa"
    severity = t.quality["severity"].dtype
    assert isinstance(severity, pd.CategoricalDtype) and severity.ordered
    assert list(severity.categories) == ["error", "warning", "info"]


def test_load_repr_lists_tables_and_rows(syn: Path) -> None:
    text = repr(load("2030-T1", root=syn))
    assert "2030-T1" in text and "January–April 2030" in text
    for table in TABLES:
        assert table in text
    assert "3 rows" in text  # activities


def test_describe_columns(syn: Path) -> None:
    t = load("2030-T1", root=syn)
    one = t.describe_columns("activities")
    assert list(one["column"])[:3] == ["activity_id", "period", "action_line"]
    assert {"description", "dtype", "loaded_dtype"} <= set(one.columns)
    assert one.set_index("column").loc["action_line", "loaded_dtype"] == "category"
    every = t.describe_columns()
    assert every.columns[0] == "table" and set(every["table"]) == set(TABLES)
    with pytest.raises(UserError, match="no table 'activity'"):
        t.describe_columns("activity")


def test_load_missing_period_says_how_to_ingest(syn: Path) -> None:
    with pytest.raises(UserError) as err:
        load("2031-T2", root=syn)
    message = str(err.value)
    assert "\n" not in message
    assert "make report PERIOD=2031-T2" in message
    assert "python -m helpers ingest --period 2031-T2" in message


def test_load_malformed_period_is_periods_user_error(syn: Path) -> None:
    with pytest.raises(UserError, match="is not a period id"):
        load("2022-T4", root=syn)


def test_load_honours_metropolis_root(syn: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METROPOLIS_ROOT", str(syn))
    assert len(load("2030-T2").activities) == 1


def test_load_damaged_file_is_user_error(syn: Path, tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(syn, root)
    (root / "data/processed/2030-T1/board.parquet").write_text("not parquet")
    with pytest.raises(UserError, match="board.parquet"):
        load("2030-T1", root=root)
    (root / "data/processed/2030-T1/board.parquet").unlink()
    with pytest.raises(UserError, match="missing"):
        load("2030-T1", root=root)


def test_load_all_stacks_with_period(syn: Path) -> None:
    t = load_all(root=syn)
    assert [p.id for p in t.periods] == ["2030-T1", "2030-T2"]
    for table in TABLES:
        assert t[table].columns[0] == "period" or table == "activities"
        assert "period" in t[table].columns
    assert t.participation.groupby("period").size().to_dict() == {"2030-T1": 5, "2030-T2": 2}
    assert isinstance(t.members["region"].dtype, pd.CategoricalDtype)
    assert "stacked" in repr(t)
    assert t.describe_columns("members")["column"].iloc[0] == "period"


def test_load_all_without_processed_periods(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no processed period"):
        load_all(root=tmp_path)


# ---- member_profile --------------------------------------------------------------------------


def test_member_profile_across_periods(syn: Path) -> None:
    df = member_profile("Seoul", root=syn)
    assert list(df.columns)[:9] == [
        "period",
        "activity_id",
        "start_date",
        "end_date",
        "title",
        "action_line",
        "outcomes",
        "challenges",
        "alliances",
    ]
    assert list(df["activity_id"]) == ["2030-T1-01", "2030-T1-03", "2030-T2-01"]
    first = df.iloc[0]
    assert first["outcomes"] == "L2A2D3, L1A1D1"
    assert first["challenges"] == "2.3, 1.4"
    assert first["alliances"] == "UCLG"
    assert df.iloc[1]["outcomes"] == "" and not df.iloc[1]["in_period"]
    assert df.attrs["member"] == "Seoul" and df.attrs["region"] == "Asia-Pacific"
    # the September row is outside its period, so it is not the last engagement
    assert df.attrs["first_engagement"] == pd.Timestamp("2030-02-01")
    assert df.attrs["last_engagement"] == pd.Timestamp("2030-06-03")


def test_member_profile_one_period_and_alias(syn: Path) -> None:
    df = member_profile("Bruxelles", periods="2030-T1", root=syn)
    assert df.attrs["member"] == "Brussels" and df.attrs["match"] == "alias"
    assert list(df["activity_id"]) == ["2030-T1-01"]
    assert list(df["name_raw"]) == ["Bruxelles"]
    assert member_profile("brussels", periods=["2030-T2"], root=syn).empty


def test_member_profile_folded_and_non_member(syn: Path) -> None:
    assert member_profile("MONTREAL", root=syn).attrs["member"] == "Montréal"
    kigali = member_profile("kigali", root=syn)
    assert kigali.attrs["member"] is None and kigali.attrs["name"] == "Kigali"
    assert list(kigali["activity_id"]) == ["2030-T1-02"]


def test_member_profile_unknown_name_suggests(syn: Path) -> None:
    with pytest.raises(UserError, match="did you mean.*Dakar"):
        member_profile("Dakkarr", root=syn)
    with pytest.raises(UserError, match="neither a roster member"):
        member_profile("Zzyzx", root=syn)


def test_member_summary(syn: Path) -> None:
    s = member_summary("Seoul", root=syn)
    assert len(s) == 1
    row = s.iloc[0]
    assert row["activities"] == 3 and row["activities_in_period"] == 2
    assert row["periods_engaged"] == 2
    assert row["first_engagement"] == pd.Timestamp("2030-02-01")
    assert row["last_engagement"] == pd.Timestamp("2030-06-03")
    never = member_summary("Yaoundé", root=syn).iloc[0]
    assert never["activities"] == 0 and pd.isna(never["first_engagement"])


# ---- find_activities -------------------------------------------------------------------------


def _ids(df: pd.DataFrame) -> list[str]:
    return list(df["activity_id"])


def test_find_by_challenge_exact(syn: Path) -> None:
    assert _ids(find_activities(challenge="2.3", root=syn)) == ["2030-T1-01", "2030-T1-02"]
    assert _ids(find_activities(challenge="1.1", root=syn)) == ["2030-T1-03"]
    assert _ids(find_activities(challenge="climate", root=syn)) == ["2030-T1-01", "2030-T1-02"]
    with pytest.raises(UserError, match="not listed"):
        find_activities(challenge="9.9", root=syn)


def test_find_by_outcome_prefix(syn: Path) -> None:
    assert _ids(find_activities(outcome="L2A2", root=syn)) == ["2030-T1-01"]  # not L2A21D1
    assert _ids(find_activities(outcome="l2", root=syn)) == ["2030-T1-01", "2030-T1-02"]
    assert _ids(find_activities(outcome="L2A2D3", root=syn)) == ["2030-T1-01"]
    with pytest.raises(UserError, match="not an outcome code"):
        find_activities(outcome="2.3", root=syn)


def test_find_by_member_region_text(syn: Path) -> None:
    assert _ids(find_activities(member="Bruxelles", root=syn)) == ["2030-T1-01"]
    assert _ids(find_activities(region="africa", root=syn)) == ["2030-T1-02", "2030-T2-01"]
    assert _ids(find_activities(region="Latin America", root=syn)) == []
    with pytest.raises(UserError, match="not a region"):
        find_activities(region="Oceania", root=syn)
    assert _ids(find_activities(text="forest", root=syn)) == ["2030-T1-02"]
    assert _ids(find_activities(text="SQUARES", root=syn)) == ["2030-T1-01"]  # description


def test_find_combines_all_filters(syn: Path) -> None:
    assert _ids(find_activities(challenge="2.3", region="Africa", root=syn)) == ["2030-T1-02"]
    assert _ids(find_activities(challenge="2.3", member="Seoul", outcome="L1", root=syn)) == [
        "2030-T1-01"
    ]
    assert _ids(find_activities(challenge="2.3", text="summer", root=syn)) == []
    assert _ids(find_activities(member="Seoul", period="2030-T2", root=syn)) == ["2030-T2-01"]
    everything = find_activities(root=syn)
    assert len(everything) == 4
    row = everything.iloc[1]
    assert row["members"] == "Dakar, Kigali" and row["alliances"] == "UN-Habitat"


# ---- not_engaged -----------------------------------------------------------------------------


def test_not_engaged(syn: Path) -> None:
    df = not_engaged("2030-T1", root=syn)
    assert list(df["member"]) == ["Mexico City", "Montréal", "Accra", "Yaoundé"]
    assert list(df.columns) == [
        "member",
        "region",
        "is_in_engagement_list",
        "is_in_bilateral_meetings",
    ]
    flags = df.set_index("member")
    assert flags.loc["Accra", "is_in_engagement_list"]
    assert flags.loc["Mexico City", "is_in_bilateral_meetings"]
    assert list(not_engaged("2030-T1", region="Africa", root=syn)["member"]) == ["Accra", "Yaoundé"]
    assert list(not_engaged("2030-T2", region="africa", root=syn)["member"]) == ["Dakar", "Yaoundé"]


# ---- profile page ----------------------------------------------------------------------------


def test_profile_html_escapes_report_strings(syn: Path) -> None:
    from helpers.report.safety import live_markup

    page = profile_html("Seoul", root=syn)
    assert page.count("<script") == 1  # the site's table sorter, nothing from the report
    assert live_markup(page, allowed_inline_scripts=1) == []
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in page
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert 'href="../index.html"' in page  # the way back to every period
    # nothing fetched: works offline (the inline map's SVG namespace is a name, not a request)
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<link" not in page and "<svg" in page
    assert "SUMMER SCHOOL" in page and "2.3 Climate resilience" in page


def test_write_profile_path(syn: Path) -> None:
    path = write_profile("Seoul", root=syn)
    assert path == syn / "reports" / "members" / "seoul.html"
    assert "Seoul" in path.read_text(encoding="utf-8")
    assert write_profile("MONTREAL", root=syn).name == "montreal.html"
    assert member_pages._slug("Barcelona (metropolitan area)") == "barcelona-metropolitan-area"


def test_top_level_exports() -> None:
    import helpers

    assert helpers.load is load and helpers.find_activities is find_activities


# --------------------------------------------------------------------------------------------
# The real 2022-T1 report, ingested once into a tmp root. Expected values counted by hand.


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory, ingested_2022t1: Path) -> Path:
    """A tmp root holding data/raw/2022-T1 and data/reference, ingested: a copy of the run's
    one ingest (``ingested_2022t1``), since a test here writes a profile into it."""
    return copy_project(ingested_2022t1, tmp_path_factory.mktemp("real"))


SEOUL = [
    "WEBINAR POST PANDEMIC CITIES: CHALLENGES AND OPPORTUNITIES",  # 7–8 February
    "CITY MANAGERS COMMUNITY 2021: FINAL REPORT",  # 28 February
    "EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022",  # 1–25 April
    "PUBLIC SPACE CAMPAIGN",  # 4–5 April
    "RETHINKING PUBLIC SPACE FOR A SUSTAINABLE METROPOLITAN FUTURE",  # 18 September (sic)
]
BARCELONA_AMB = [
    "EXTRAORDINARY BOARD OF DIRECTORS MEETING 2022",  # as "Barcelona (área metropolitana)"
    "GLOBAL STATE OF METROPOLIS: EXPERTS GROUP MEETING #3",
    "PUBLIC SPACE CAMPAIGN",
    "RETHINKING PUBLIC SPACE FOR A SUSTAINABLE METROPOLITAN FUTURE",
    "CITY MANAGERS COMMUNITY 2021: FINAL REPORT",  # as "Barcelona (área metropolitana)"
    "INTERNATIONAL DAY OF FORESTS",
    "FIVE METROPOLITAN APPROACHES TO INTERNATIONAL ACTION",
]
CLIMATE_RESILIENCE = [  # activities listing "2.3 Climate resilience"
    "METROTALKS: BRINGING NATURE BACK TO URBAN SPACES",
    "8TH COHESION FORUM: RECOVER, REBUILD AND RECONNECT",
    "PUBLIC SPACE CAMPAIGN",
    "CALL FOR PROPOSALS FOR THE KNOWLEDGE EXCHANGE MECHANISM ON UF-NBS",
    "INTERNATIONAL DAY OF FORESTS",
]
AFRICA_NOT_ENGAGED = [  # the 25 listed under AFRICA minus the 11 named in activities
    "Accra",
    "Addis Ababa",
    "Alexandria",
    "Antananarivo",
    "Bamako",
    "Bangui",
    "Brazzaville",
    "Cotonou",
    "Douala",
    "Libreville",
    "Marrakech",
    "Niamey",
    "Victoria",
    "Yaoundé",
]


def _titles(df: pd.DataFrame) -> list[str]:
    return sorted(df["title"].str.strip())


def test_real_load(real: Path) -> None:
    t = load(REAL, root=real)
    assert list(t) == TABLES
    assert len(t.members) == 25 + 75 + 15 + 20 + 8
    assert (t.members["region"] == "Africa").sum() == 25


def test_real_seoul_takes_part_in_five(real: Path) -> None:
    df = member_profile("Seoul", root=real)
    assert len(df) == 5
    assert _titles(df) == sorted(SEOUL)
    assert df.attrs["region"] == "Asia-Pacific"
    assert df.attrs["first_engagement"] == pd.Timestamp("2022-02-07")
    assert df.attrs["last_engagement"] == pd.Timestamp("2022-04-25")


def test_real_barcelona_metropolitan_area_takes_part_in_seven(real: Path) -> None:
    df = member_profile("Barcelona (metropolitan area)", root=real)
    assert len(df) == 7
    assert _titles(df) == sorted(BARCELONA_AMB)
    assert len(member_profile("Barcelona (área metropolitana)", root=real)) == 7


def test_real_climate_resilience(real: Path) -> None:
    df = find_activities(challenge="2.3", period=REAL, root=real)
    assert _titles(df) == sorted(CLIMATE_RESILIENCE)
    both = find_activities(challenge="2.3", member="Seoul", root=real)
    assert _titles(both) == ["PUBLIC SPACE CAMPAIGN"]


def test_real_africa_not_engaged(real: Path) -> None:
    df = not_engaged(REAL, region="Africa", root=real)
    assert sorted(df["member"]) == AFRICA_NOT_ENGAGED
    assert (df["region"] == "Africa").all()


def test_real_bruxelles_resolves_to_brussels(real: Path) -> None:
    df = member_profile("Bruxelles", root=real)
    assert df.attrs["member"] == "Brussels"
    # Board meeting, Public space campaign, Rethinking public space
    assert len(df) == 3


def test_real_unknown_name_suggests(real: Path) -> None:
    with pytest.raises(UserError, match="did you mean.*Seoul"):
        member_profile("Seoull City", root=real)


def test_real_write_profile(real: Path) -> None:
    path = write_profile("Seoul", root=real)
    assert path == real / "reports" / "members" / "seoul.html"
    assert "PUBLIC SPACE CAMPAIGN" in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_explore_notebook_runs(real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """notebooks/explore.ipynb runs top to bottom with papermill on the real period."""
    import papermill
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("metropolis-workbench")
        kernel = "metropolis-workbench"
    except NoSuchKernel:
        kernel = "python3"
    monkeypatch.setenv("METROPOLIS_ROOT", str(real))
    pythonpath = os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))
    monkeypatch.setenv("PYTHONPATH", pythonpath)
    source = REPO / "notebooks" / "explore.ipynb"
    papermill.execute_notebook(
        str(source),
        str(tmp_path / "explore.ipynb"),
        parameters={"period": REAL},
        kernel_name=kernel,
        cwd=str(tmp_path),
        progress_bar=False,
    )
    import nbformat

    shown = {}  # each code cell's source → what it shows (every text and HTML output)
    for cell in nbformat.read(tmp_path / "explore.ipynb", as_version=4).cells:
        if cell.cell_type == "code":
            parts = [o.get("text", "") for o in cell.outputs if o.output_type == "stream"]
            for o in cell.outputs:
                if o.output_type in ("execute_result", "display_data"):
                    parts += [o.data.get("text/html", ""), o.data.get("text/plain", "")]
                assert o.output_type != "error", cell.source
            shown[cell.source.strip()] = "\n".join(parts)
    # pandas shows a long title's first 47 characters and "..."
    seoul = shown['member_profile("Seoul")']
    assert all(title[:40] in seoul for title in SEOUL)
    climate = shown['find_activities(challenge="2.3", period=period)']
    assert all(title[:40] in climate for title in CLIMATE_RESILIENCE)
    assert "INTERNATIONAL DAY OF FORESTS" not in seoul
    africa = shown['not_engaged(period, region="Africa")']
    assert all(f">{name}<" in africa or f" {name} " in africa for name in AFRICA_NOT_ENGAGED)
    assert "Rabat" not in africa  # named in activities (read by hand: 11 of the 25 were)


def test_explore_notebook_is_thin_and_clean() -> None:
    """The committed notebook has a `parameters` cell, no `def`, and no outputs."""
    import nbformat

    nb = nbformat.read(REPO / "notebooks" / "explore.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert 'period = "2022-T1"' in code[0].source
    for cell in code:
        assert "def " not in cell.source
        assert cell.outputs == [] and cell.execution_count is None


# --------------------------------------------------------------------------------------------
# Suggestions need a real likeness: "Atlantis" is not "Tunis"


def test_real_suggestions_only_for_names_that_are_alike(real: Path) -> None:
    from helpers.tables.names import close_names

    t = load(REAL, root=real)
    roster = {m: m for m in t.members["member"]}
    assert close_names("Atlantis", roster) == []  # WRatio gave Tunis 68
    assert close_names("Barcleona", roster) == ["Barcelona (city)", "Barcelona (metropolitan area)"]
    assert close_names("Teheran", roster) == ["Tehran"]
    assert close_names("Seoull City", roster) == ["Seoul"]
    assert close_names("New York", roster) == []  # WRatio gave New Delhi-NIUA 86
    with pytest.raises(UserError) as atlantis:
        member_profile("Atlantis", root=real)
    assert "did you mean" not in str(atlantis.value)
    assert "check its spelling in the member directory" in str(atlantis.value)
    assert "t.members" not in str(atlantis.value)  # no code in a message an officer reads
    with pytest.raises(UserError, match=r"did you mean Barcelona \(city\), Barcelona \(metro"):
        member_profile("Barcleona", root=real)
