"""An alliance two periods spell differently counts once when the periods are stacked
(`load_all`): the tiny reports tests/fixtures/alliances/2022-T1.md and 2022-T2.md, ingested in a
tmp project. What a person reads in them:

- 2022-T1: activity 01 with `UCLG – MEWA, UN-Habitat`; activity 02 with `Global taskforce of
  Local and Regional governments, UCLG MEWA`.
- 2022-T2: activity 01 with `UCLG-MEWA, UN Habitat`; 02 with `Global Taskforce of Local and
  Regional Governments, UN Habitat`; 03 with `UN-HABITAT`.

So three alliances: UCLG-MEWA in 3 activities (T1 01, 02; T2 01), the Global Taskforce in 2
(T1 02, T2 02) and UN-Habitat in 4 (T1 01; T2 01, 02, 03)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.analysis import engagement
from helpers.analysis.explore import load, load_all
from helpers.ingest import ingest_period
from tests.conftest import FIXTURES, ROOT

REPORTS = FIXTURES / "alliances"
GTF = "Global Taskforce of Local and Regional Governments"
GTF_T1 = "Global taskforce of Local and Regional governments"


def project(root: Path, aliases: str | None) -> Path:
    """Both tiny reports ingested in ``root``, with the shipped reference data, or with
    ``aliases`` as the alliance alias table."""
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    if aliases is not None:
        (root / "data" / "reference" / "alliance_aliases.csv").write_text(aliases, "utf-8")
    (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    for period in ("2022-T1", "2022-T2"):
        raw = root / "data" / "raw" / period
        raw.mkdir(parents=True)
        shutil.copy(REPORTS / f"{period}.md", raw / "report.md")
        # the tiny roster (7 names) is below the guard of a real one: written anyway
        ingest_period(period, root, progress=lambda s: None, accept_errors=True)
    return root


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project(tmp_path_factory.mktemp("alliances_shipped"), None)


@pytest.fixture(scope="module")
def no_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project(tmp_path_factory.mktemp("alliances_none"), "alias,alliance\n")


def counts(root: Path) -> dict[str, int]:
    df = engagement.alliances(load_all(root=root))
    return dict(zip(df["alliance"], df["activities"], strict=True))


def test_with_the_shipped_table_each_alliance_counts_once_under_its_listed_name(shipped):
    assert counts(shipped) == {"UN-Habitat": 4, "UCLG-MEWA": 3, GTF: 2}
    assert engagement.headline(load_all(root=shipped))["alliances"] == 3


def test_without_a_table_folding_alone_counts_each_alliance_once(no_table):
    # 2022-T1's own spellings (UCLG – MEWA is written first, once like UCLG MEWA)
    assert counts(no_table) == {"UN-Habitat": 4, "UCLG – MEWA": 3, GTF_T1: 2}


def test_each_period_alone_keeps_its_own_name(no_table):
    t2 = load("2022-T2", root=no_table).activity_alliances
    assert sorted(set(t2["alliance"])) == [GTF, "UCLG-MEWA", "UN Habitat"]


def test_every_merge_is_a_finding_in_its_period(shipped, no_table):
    def merges(t) -> list[tuple[str, str, str]]:
        q = t.quality[t.quality["kind"] == "alliance_merged"]
        assert set(q["severity"].astype(str)) == {"info"}
        return [(p, a, d.split(", ")[0]) for p, a, d in
                zip(q["period"], q["activity_id"], q["detail"], strict=True)]  # fmt: skip

    assert merges(load_all(root=shipped)) == [
        ("2022-T1", "2022-T1-01", "alliance 'UCLG – MEWA' counted as 'UCLG-MEWA'"),
        ("2022-T1", "2022-T1-02", f"alliance '{GTF_T1}' counted as '{GTF}'"),
        ("2022-T1", "2022-T1-02", "alliance 'UCLG MEWA' counted as 'UCLG-MEWA'"),
        ("2022-T2", "2022-T2-03", "alliance 'UN-HABITAT' counted as 'UN Habitat'"),
        # across periods: 2022-T1 wrote UN-Habitat first
        ("2022-T2", "2022-T2-01", "alliance 'UN Habitat' counted as 'UN-Habitat'"),
        ("2022-T2", "2022-T2-02", "alliance 'UN Habitat' counted as 'UN-Habitat'"),
        ("2022-T2", "2022-T2-03", "alliance 'UN Habitat' counted as 'UN-Habitat'"),
    ]
    across = [m for m in merges(load_all(root=no_table)) if m[0] == "2022-T2"]
    assert across == [
        ("2022-T2", "2022-T2-03", "alliance 'UN-HABITAT' counted as 'UN Habitat'"),
        ("2022-T2", "2022-T2-01", "alliance 'UCLG-MEWA' counted as 'UCLG – MEWA'"),
        ("2022-T2", "2022-T2-01", "alliance 'UN Habitat' counted as 'UN-Habitat'"),
        ("2022-T2", "2022-T2-02", f"alliance '{GTF}' counted as '{GTF_T1}'"),
        ("2022-T2", "2022-T2-02", "alliance 'UN Habitat' counted as 'UN-Habitat'"),
        ("2022-T2", "2022-T2-03", "alliance 'UN Habitat' counted as 'UN-Habitat'"),
    ]
    # the period's own table holds only its own merges
    own = load("2022-T2", root=shipped).quality
    assert (own["kind"] == "alliance_merged").sum() == 1
